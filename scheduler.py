"""Runs the crawl and digest jobs on their cron schedules, unattended, one at a time.

Each job runs the ``newswatch`` command in a child process with a time limit: Twisted's reactor
cannot restart, and a crash or a leak in one crawl cannot take the scheduler down. The scheduler
holds the run lock for each job and hands it to the child. APScheduler's in-memory job store
forgets missed runs across restarts, so the last fire time of each job is kept in the database and
a job missed within the grace period runs once at start-up, however many times it was missed.
The cron rules themselves (triggers, missed and next fire times) are ``operations.cron``.

Run it as ``newswatch schedule`` or ``python scheduler.py --config config.toml``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.schedulers.background import BackgroundScheduler

import config as configuration
import db as store
from errors import BusyError, NewswatchError, StorageError
from operations.check import check
from operations.cron import latest_fire_time, missed_fire_time, time_zone, triggers
from operations.lock import INHERITED_FD, RunLock
from operations.logs import setup_logging

log = logging.getLogger("newswatch.scheduler")

ROOT = Path(__file__).resolve().parent
LOG_FILE = Path("logs") / "newswatch.log"  # beside the database
# A child stopped by a signal, from outside the scheduler too: killed by it (a negative return code),
# or ended by newswatch's handling of it (128 + the number, as a shell reports it).
INTERRUPTED = {code for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) for code in (-sig, 128 + sig)}


# ---------------------------------------------------------------- jobs


class Scheduler:
    """The crawl and digest jobs of one configuration."""

    def __init__(self, config: configuration.Config, verbose: int = 1, stop_timeout: float = 30) -> None:
        self.config = config
        self.verbose = verbose
        self.stop_timeout = stop_timeout
        self.triggers = triggers(config)
        self.zone = time_zone(config)
        self.stopping = threading.Event()
        self.children: dict[str, subprocess.Popen[str]] = {}
        self.active: set[str] = set()
        self._lock = threading.RLock()  # also taken by the signal handler, in the main thread
        self._idle = threading.Condition(self._lock)
        self.scheduler = BackgroundScheduler(
            timezone=self.zone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": config.schedule.grace},
        )
        self.scheduler.add_listener(self._skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)

    def command(self, job: str) -> list[str]:
        """The child process of a job: the same newswatch command an operator would type."""
        return [
            sys.executable,
            "-m",
            "cli",
            "--config",
            str(self.config.path.resolve()),
            *(["-v"] * (self.verbose - 1)),
            job,
        ]

    def plan(self, now: datetime | None = None) -> dict[str, datetime | None]:
        """Add the cron jobs; a job missed within the grace period is due at once (once)."""
        now = now or datetime.now(UTC)
        database = store.open_db(self.config.database)
        try:
            state = store.schedule_state(database)
            due: dict[str, datetime | None] = {}
            for job, trigger in self.triggers.items():
                if job not in state:
                    store.save_schedule_state(database, job)
                missed = missed_fire_time(trigger, state.get(job), now, self.config.schedule.grace)
                if missed is not None:
                    log.info(
                        "%s: missed its run at %s while the scheduler was down; running it once now",
                        job,
                        self._local(missed),
                    )
                first = {"next_run_time": now} if missed else {}
                self.scheduler.add_job(self.run_job, trigger, args=[job], id=job, name=job, **first)
                due[job] = missed
            return due
        finally:
            database.close()

    def run_job(self, job: str) -> str:
        """One job: take the lock, run the child under a time limit, record what happened."""
        with self._lock:
            if self.stopping.is_set():
                return "interrupted"
            self.active.add(job)
        try:
            with store.storage_faults(self.config.database):
                return self._record_job(job)
        except StorageError as exc:  # the next job tries again; the log says what to fix, in one line
            log.error("%s: %s", job, exc)
            return "failed"
        finally:
            with self._lock:
                self.active.discard(job)
                self._idle.notify_all()

    def _record_job(self, job: str) -> str:
        started = datetime.now(UTC)
        fire = (
            latest_fire_time(self.triggers[job], started - timedelta(seconds=self.config.schedule.grace), started)
            or started
        )
        database = store.open_db(self.config.database)
        try:
            store.save_schedule_state(
                database, job, last_started_at=started.isoformat(timespec="seconds"), last_status="running"
            )
            status, detail = self._locked_child(job, database)
            finished = datetime.now(UTC)
            values: dict[str, str | None] = {
                "last_finished_at": finished.isoformat(timespec="seconds"),
                "last_status": status,
                "last_detail": detail,
            }
            if status not in ("interrupted", "busy"):
                values["last_fire_at"] = fire.isoformat(timespec="seconds")
            store.save_schedule_state(database, job, **values)
            log.info("%s finished: %s in %.1fs — %s", job, status, (finished - started).total_seconds(), detail)
            return status
        finally:
            database.close()

    def _locked_child(self, job: str, database: store.Database) -> tuple[str, str]:
        wait = self.config.schedule.crawl_time_limit + self.stop_timeout
        try:
            lock = RunLock(self.config.database, f"schedule {job}", wait=wait, stop=self.stopping)
            lock.acquire()
        except BusyError as exc:
            if self.stopping.is_set():
                return "interrupted", "stopped while waiting for the lock"
            log.warning("%s skipped: %s", job, exc)
            return "busy", str(exc)
        try:
            before = store.last_run_id(database)
            log.info("%s started: %s", job, " ".join(self.command(job)[1:]))
            code = self._run_child(job, lock)
            runs = store.runs_since(database, before)
        finally:
            lock.release()
        detail = "; ".join(_describe_run(r) for r in runs) or "no run recorded"
        if self.stopping.is_set() or code in INTERRUPTED:
            return "interrupted", detail
        if code == 0:
            return "ok", detail
        if code == "timeout":
            return "timed out", f"stopped after {self.config.schedule.crawl_time_limit}s; {detail}"
        return "failed", f"exit status {code}; {detail}"

    def _run_child(self, job: str, lock: RunLock) -> int | str:
        assert lock.fd is not None
        env = {
            **os.environ,
            INHERITED_FD: str(lock.fd),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        with self._lock:
            if self.stopping.is_set():
                return 130
            child = subprocess.Popen(
                self.command(job),
                env=env,
                pass_fds=(lock.fd,),
                text=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                encoding="utf-8",
                errors="replace",
            )
            self.children[job] = child
        pump = threading.Thread(target=_forward, args=(child, logging.getLogger(f"newswatch.job.{job}")), daemon=True)
        pump.start()
        try:
            child.wait(timeout=self.config.schedule.crawl_time_limit)
            outcome: int | str = child.returncode
        except subprocess.TimeoutExpired:
            log.warning("%s: over its time limit of %ss; stopping it", job, self.config.schedule.crawl_time_limit)
            self._terminate(child)
            outcome = "timeout"
        pump.join(timeout=self.stop_timeout)
        with self._lock:
            self.children.pop(job, None)
        return outcome

    def _terminate(self, child: subprocess.Popen[str]) -> None:
        """SIGTERM the child, then SIGKILL its whole process group if it is not gone after stop_timeout."""
        _signal(child, signal.SIGTERM)
        try:
            child.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            child.wait()

    def _skipped(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            log.warning(
                "%s: a run was missed by more than the grace period (%ss); skipped",
                event.job_id,
                self.config.schedule.grace,
            )
        else:
            log.warning("%s: the previous %s is still running; this run is skipped", event.job_id, event.job_id)

    def _local(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S %Z")

    # ------------------------------------------------------------ lifecycle

    def serve(self) -> None:
        """Run until SIGTERM or Ctrl-C; the current job's child is stopped, nothing half-written."""
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            now = datetime.now(UTC)
            for job, missed in self.plan(now).items():
                upcoming = now if missed else self.triggers[job].get_next_fire_time(None, now)
                log.info(
                    "%s: cron %r (%s), next run %s",
                    job,
                    getattr(self.config.schedule, job),
                    self.config.schedule.timezone,
                    self._local(upcoming) if upcoming else "never",
                )
            log.info("scheduler started (pid %d); logs in %s", os.getpid(), log_path(self.config))
            # The jobs run on APScheduler's threads; this thread only waits for a signal, which then
            # cannot be lost however early it lands. It sleeps rather than waits on the event: the
            # handler sets the event and must not find its lock held by the code it interrupted.
            self.scheduler.start()
            while not self.stopping.is_set():
                time.sleep(0.2)
            self.scheduler.shutdown(wait=False)
            with self._lock:
                self._idle.wait_for(lambda: not self.active, timeout=self.stop_timeout * 2 + 5)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        log.info("scheduler stopped")

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        """First signal: stop the running child gracefully; a second one kills it."""
        name = signal.Signals(signum).name if signum else "request"
        again = self.stopping.is_set()
        self.stopping.set()
        with self._lock:
            children = list(self.children.items())
        for job, child in children:
            log.warning(
                "%s: %s; %s the running child (pid %d)", job, name, "killing" if again else "stopping", child.pid
            )
            if again:
                _signal_group(child, signal.SIGKILL)
            else:
                _signal(child, signal.SIGTERM)
                threading.Thread(target=self._kill_later, args=(child,), daemon=True).start()
        if not again:
            log.info("stopping (%s)", name)

    def _kill_later(self, child: subprocess.Popen[str]) -> None:
        try:
            child.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)


def _signal(child: subprocess.Popen[str], sig: signal.Signals) -> None:
    """Ask the child itself to stop; it winds down its own worker processes."""
    if child.poll() is None:
        child.send_signal(sig)


def _signal_group(child: subprocess.Popen[str], sig: signal.Signals) -> None:
    """The child runs in its own session: its group holds it and every process it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, sig)


def _forward(child: subprocess.Popen[str], logger: logging.Logger) -> None:
    """Copy the child's output into the scheduler's log, line by line."""
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip():
            logger.info("%s", line.rstrip())


def _describe_run(run: dict[str, object]) -> str:
    text = (
        f"{run['command']} run {run['id']} {run['status']}: {run['pages'] or 0} pages, "
        f"{run['new_articles'] or 0} new articles, {run['failures'] or 0} failures, "
        f"{run['new_events'] or 0} new events"
    )
    return text + (f" ({run['error']})" if run.get("error") else "")


# ---------------------------------------------------------------- entry points


def log_path(config: configuration.Config) -> Path:
    """The scheduler's log file: ``logs/newswatch.log`` beside the database."""
    return config.database.parent / LOG_FILE


def preflight(config: configuration.Config) -> None:
    """``newswatch check`` as the scheduler starts: every problem is logged; a database that cannot
    be used stops it (StorageError, status 4), since every job would fail on it. Other problems
    (a variable, Chromium, disk space) touch part of the work, and the jobs report them again."""
    checked = check(config)
    for finding in checked.problems:
        log.warning("check: %s", config.redact(finding.line()))
    if not checked.problems:
        log.info("check: all well (newswatch check)")
    fatal = next((f for f in checked.problems if f.status == StorageError.exit_code), None)
    if fatal is not None:
        raise StorageError(f"{fatal.topic}: {fatal.text}")


def serve(config: configuration.Config, verbose: int = 1) -> None:
    """``newswatch schedule``: log to file and stderr, check the setup (``preflight``), then run the jobs
    until stopped."""
    setup_logging(max(verbose, 1), config, log_path(config))
    # Skipped and missed runs are logged by Scheduler._skipped, in the scheduler's own words.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose > 1 else logging.ERROR)
    scheduler = Scheduler(config, verbose=verbose)  # a bad [schedule] is refused here, in one line
    preflight(config)
    scheduler.serve()


def main(argv: Sequence[str] | None = None) -> None:
    """``python scheduler.py [--config FILE] [-v]``."""
    parser = argparse.ArgumentParser(prog="scheduler.py", description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--config", type=Path, default=None, help="config file (default: $NEWSWATCH_CONFIG or ./config.toml)"
    )
    parser.add_argument("-v", "--verbose", action="count", default=1, help="more log output")
    args = parser.parse_args(argv)
    try:
        config = configuration.load(args.config or configuration.default_path())
        with store.storage_faults(config.database):
            serve(config, args.verbose)
    except NewswatchError as exc:
        print(f"newswatch: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    sys.exit(0)


if __name__ == "__main__":
    main()
