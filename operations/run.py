"""The main job — crawl, analyse, deliver — as one recorded run; shared by the CLI and the scheduler."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import db as store
from config import Config, Source
from errors import ConfigError
from operations.lock import RunLock

log = logging.getLogger(__name__)


@dataclass
class JobResult:
    """What one run did, for the summary the CLI prints and the runs table."""

    run_id: int | None
    report: Any  # crawler.CrawlReport
    new_events: list[str] = field(default_factory=list)
    deliveries: list[Any] = field(default_factory=list)

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


def run_job(config: Config, source_names: Sequence[str] = (), *, dry_run: bool = False,
            digest: bool = True, on_progress: Callable[[Any], None] | None = None,
            lock_wait: float = 0) -> JobResult:
    """Crawl the sources, then analyse and (unless told not to) send digests, recording a run.

    Holds the run lock throughout; another run holding it is waited for up to ``lock_wait``
    seconds, then BusyError.
    """
    sources = select_sources(config, source_names)
    with RunLock(config.database, "run" if digest else "crawl", wait=lock_wait):
        return _locked_run(config, sources, dry_run=dry_run, digest=digest, on_progress=on_progress)


def _locked_run(config: Config, sources: list[Source], *, dry_run: bool, digest: bool,
                on_progress: Callable[[Any], None] | None) -> JobResult:
    from crawler import run_crawl

    if dry_run:
        return JobResult(run_id=None, report=run_crawl(config, sources, dry_run=True, on_progress=on_progress))
    database = store.open_db(config.database)
    if store.close_abandoned_runs(database):
        log.warning("marked runs left unfinished by a killed process as abandoned")
    run_id = store.start_run(database, "run" if digest else "crawl")
    try:
        report = run_crawl(config, sources, dry_run=False, run_id=run_id, on_progress=on_progress)
        result = JobResult(run_id=run_id, report=report)
        if not report.interrupted:
            result.new_events = cluster_stored(database, config, report.new_article_ids)
            check_health(database, config, sources, run_id)
        status = "interrupted" if report.interrupted else "failed" if result.every_source_failed else "ok"
        store.finish_run(database, run_id, status, error=result.failure_line() if status == "failed" else None,
                         pages=report.pages, new_articles=len(report.new_article_ids),
                         failures=len(report.failures), new_events=len(result.new_events))
        if digest and not report.interrupted:
            from alerts import send_digests

            result.deliveries = send_digests(database, config, run_id=run_id)
        return result
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(database, run_id, status, error=config.redact(str(exc)) or type(exc).__name__)
        raise
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
    from alerts import enqueue
    from pipelines.cluster import cluster

    new_events = cluster(database, config, ids)
    enqueue(database, config, new_events)
    store.mark_clustered(database, ids)
    return new_events


def check_health(database: store.Database, config: Config, sources: Sequence[Source], run_id: int) -> None:
    """Judge the sources that ran; tell operator channels about each change of health once."""
    from alerts.notices import send_notices
    from operations.health import evaluate

    evaluate(database, config, sources, run_id)
    send_notices(database, config)
