"""The jobs — run, crawl, digest — each under the run lock and recorded as one row of ``runs``.

``recorded_run`` is the one place a run row is started and finished; the CLI and the scheduler's
child processes call ``run_job`` and ``run_digest``, the crawler is only handed the run's id.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import db as store
from config import Config, Source
from errors import ConfigError
from operations.backups import daily_backup
from operations.lock import RunLock

if TYPE_CHECKING:
    from alerts import DeliveryReport
    from crawler import CrawlProgress, CrawlReport

log = logging.getLogger(__name__)


class RecordedRun:
    """The ``runs`` row of the work in progress."""

    def __init__(self, database: store.Database, run_id: int) -> None:
        self.database = database
        self.id = run_id
        self.finished = False

    def finish(self, status: str, error: str | None = None, **figures: int) -> None:
        """Record how the run ended; an exception raised after this still marks it failed."""
        store.finish_run(self.database, self.id, status, error=error, **figures)
        self.finished = True


@contextmanager
def recorded_run(database: store.Database, config: Config, command: str) -> Iterator[RecordedRun]:
    """Start a ``runs`` row for ``command`` and finish it on any exit: as the work said (else
    ``ok``), ``interrupted`` on Ctrl-C or SIGTERM, ``failed`` with the redacted error on any other exception.

    Entered holding the run lock, so a row still ``running`` was left by a killed process.
    """
    if store.close_abandoned_runs(database):
        log.warning("marked runs left unfinished by a killed process as abandoned")
    run = RecordedRun(database, store.start_run(database, command))
    try:
        yield run
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        run.finish(status, error=config.redact(str(exc)) or type(exc).__name__)
        raise
    if not run.finished:
        run.finish("ok")


@dataclass
class JobResult:
    """What one run did, for the summary the CLI prints and the runs table."""

    run_id: int | None
    report: CrawlReport
    new_events: list[str] = field(default_factory=list)
    deliveries: list[DeliveryReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the summary says besides the sources' lines

    @property
    def every_source_failed(self) -> bool:
        """No source could be read or listed a link: nothing was watched, so the run failed as a whole."""
        figures = self.report.sources.values()
        return bool(figures) and not self.report.interrupted and all(f.error for f in figures)

    def failure_line(self) -> str:
        """The one line the CLI and the runs table give a run in which every source failed."""
        return f"every source failed ({len(self.report.sources)} of {len(self.report.sources)})"


def select_sources(config: Config, names: Sequence[str]) -> list[Source]:
    """The enabled sources, or exactly the named ones (named disabled sources run too)."""
    if names:
        return [config.source(name) for name in names]
    sources = [s for s in config.sources if s.enabled]
    if not sources:
        raise ConfigError(f"{config.path}: no enabled sources (add a [[sources]] table)")
    return sources


def run_job(
    config: Config,
    source_names: Sequence[str] = (),
    *,
    dry_run: bool = False,
    digest: bool = True,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    lock_wait: float = 0,
) -> JobResult:
    """Crawl the sources, then analyse and (unless told not to) send digests, recording a run.

    Holds the run lock throughout; another run holding it is waited for up to ``lock_wait``
    seconds, then BusyError. A dry run records nothing.
    """
    from crawler import run_crawl

    sources = select_sources(config, source_names)
    command = "run" if digest else "crawl"
    with RunLock(config.database, command, wait=lock_wait):
        if dry_run:
            from crawler.pool import stop_fork_server

            try:
                return JobResult(run_id=None, report=run_crawl(config, sources, on_progress=on_progress))
            finally:
                stop_fork_server()
        database = store.open_db(config.database)
        try:
            # The first run of the day copies the database before the crawl changes it.
            warning = daily_backup(config)
            with recorded_run(database, config, command) as run:
                result = _crawl(database, config, sources, run, digest=digest, on_progress=on_progress)
            result.warnings[:0] = [warning] if warning else []
            return result
        finally:
            database.close()


def _crawl(
    database: store.Database,
    config: Config,
    sources: list[Source],
    run: RecordedRun,
    *,
    digest: bool,
    on_progress: Callable[[CrawlProgress], None] | None,
) -> JobResult:
    from crawler import run_crawl
    from crawler.pool import stop_fork_server
    from pipelines.heap import return_free_heap

    try:
        report = run_crawl(config, sources, run_id=run.id, on_progress=on_progress)
        result = JobResult(run_id=run.id, report=report)
        # What the crawl freed goes back to the system before clustering forks its process.
        gc.collect()
        return_free_heap()
        if not report.interrupted:
            result.new_events = cluster_stored(database, config, report.new_article_ids)
    finally:
        stop_fork_server()  # the extraction workers' fork server, kept for clustering
    if not report.interrupted:
        check_health(database, config, sources, run.id)
    status = "interrupted" if report.interrupted else "failed" if result.every_source_failed else "ok"
    run.finish(
        status,
        error=result.failure_line() if status == "failed" else None,
        pages=report.pages,
        new_articles=len(report.new_article_ids),
        failures=len(report.failures),
        new_events=len(result.new_events),
    )
    if digest and not report.interrupted:
        from alerts import send_digests

        result.deliveries = send_digests(database, config, run_id=run.id)
    return result


def run_digest(
    config: Config, channel: str | None = None, *, dry_run: bool = False, fmt: str = "text", lock_wait: float = 0
) -> list[DeliveryReport]:
    """Send each channel (or the named one) the events it has not received, recording a digest run
    that failed if any channel did. A dry run renders in ``fmt``, sends and records nothing.

    Deliveries are tied to the latest crawl's run, which found the events they carry.
    """
    from alerts import send_digests

    with RunLock(config.database, "digest", wait=lock_wait):
        database = store.open_db(config.database)
        try:
            latest = next((r["id"] for r in store.recent_runs(database, 20) if r["command"] in ("run", "crawl")), None)
            if dry_run:
                return send_digests(database, config, channel=channel, dry_run=True, fmt=fmt, run_id=latest)
            with recorded_run(database, config, "digest") as run:
                reports = send_digests(database, config, channel=channel, fmt=fmt, run_id=latest)
                failed = [r for r in reports if r.status == "failed"]
                if failed:
                    run.finish("failed", error="; ".join(config.redact(r.line()) for r in failed))
            return reports
        finally:
            database.close()


def cluster_stored(database: store.Database, config: Config, new_article_ids: Sequence[int]) -> list[str]:
    """Cluster this run's articles and any a killed or interrupted run stored but never clustered;
    put the new events in every channel's outbox at once. Returns the new events' ids.

    A crash anywhere in here only leaves articles unmarked: clustering them again changes nothing.
    """
    ids = list(dict.fromkeys([*new_article_ids, *store.unclustered(database)]))
    if not ids:
        return []  # nothing to cluster: skip loading the analysis stack (seconds and ~100 MB)
    from crawler.pool import run_warm

    # In a process forked from the crawl's warm fork server: the analysis tables are loaded
    # there already, and this process stays small.
    return run_warm(config, _cluster, config, ids)


def _cluster(config: Config, ids: list[int]) -> list[str]:
    """``cluster_stored``'s work, on a connection of the process it runs in."""
    from alerts import enqueue
    from pipelines.cluster import cluster

    database = store.open_db(config.database)
    try:
        new_events = cluster(database, config, ids)
        enqueue(database, config, new_events)
        store.mark_clustered(database, ids)
        return new_events
    finally:
        database.close()


def check_health(database: store.Database, config: Config, sources: Sequence[Source], run_id: int) -> None:
    """Judge the sources that ran; tell operator channels about each change of health once."""
    from alerts.notices import send_notices
    from operations.health import evaluate

    evaluate(database, config, sources, run_id)
    send_notices(database, config)
