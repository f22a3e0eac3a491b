"""The scheduler, in real time: jobs fire on a fast cron, never overlap, catch up once, stop cleanly.

The scheduler runs as ``python scheduler.py`` in its own process and runs the real crawl (against
a local site whose article pages answer slowly) and the real digest (to a local webhook).
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_ADDED

import config as configuration
import db as store
from errors import ConfigError
from operations import cron
from operations.lock import current_holder
from scheduler import Scheduler
from tests.support.receivers import HttpReceivers
from tests.support.slowsite import SlowSite, write_config
from tests.support.waiting import PATIENCE, wait_until

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The time limit of the time-limit test: a held crawl must outlast it and the normal crawl after
# it must not. A crawl of one article takes ~10 s on a quiet machine, 20-40 s on a busy one.
TIME_LIMIT = 60


class SchedulerProcess:
    """``python scheduler.py --config FILE`` with its output collected line by line."""

    def __init__(self, config: Path) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "scheduler.py", "--config", str(config)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def count(self, text: str) -> int:
        return sum(text in line for line in list(self.lines))

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        """Wait while the scheduler runs; its output goes into the failure message."""

        def done() -> bool:
            if condition():
                return True
            if self.process.poll() is not None:
                self.reader.join(timeout=5)
                if not condition():
                    raise AssertionError(f"scheduler exited ({self.process.returncode}) before {what}")
            return False

        try:
            wait_until(done, what, every=0.1)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- scheduler output ---\n{self.output}") from None

    def wait_for(self, text: str) -> None:
        self.wait_until(lambda: self.count(text) > 0, repr(text))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=PATIENCE)
        self.reader.join(timeout=10)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def processes() -> Iterator[list[SchedulerProcess]]:
    started: list[SchedulerProcess] = []
    yield started
    for process in started:
        process.close()


def rows(database: Path, sql: str, params: tuple = ()) -> list[dict]:
    db = store.open_db(database)
    try:
        return list(db.query(sql, params))
    finally:
        db.close()


# ---------------------------------------------------------------- cron and catch-up rules


def test_crontab_weekdays_keep_their_crontab_meaning() -> None:
    trigger = cron.cron_trigger("30 8 * * 1-5", SHANGHAI, "schedule.digest")
    saturday = datetime(2025, 11, 22, 12, 0, tzinfo=SHANGHAI)
    assert trigger.get_next_fire_time(None, saturday) == datetime(2025, 11, 24, 8, 30, tzinfo=SHANGHAI)
    sunday_only = cron.cron_trigger("0 9 * * 0", SHANGHAI, "schedule.digest")
    assert sunday_only.get_next_fire_time(None, saturday) == datetime(2025, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert cron.cron_weekdays("*/2") == "sun,tue,thu,sat"
    assert cron.cron_weekdays("5-7") == "sun,fri,sat"


def test_a_sixth_field_in_front_adds_seconds() -> None:
    trigger = cron.cron_trigger("*/20 * * * * *", SHANGHAI, "schedule.crawl")
    start = datetime(2025, 11, 20, 10, 0, 5, tzinfo=SHANGHAI)
    assert trigger.get_next_fire_time(None, start) == datetime(2025, 11, 20, 10, 0, 20, tzinfo=SHANGHAI)


@pytest.mark.parametrize("expr", ["0 7 * *", "61 * * * *", "0 7 * * 8", "0 7 * * 5-1"])
def test_a_bad_cron_expression_names_its_key(expr: str) -> None:
    with pytest.raises(ConfigError, match=r"^config.toml: schedule.crawl: .* is not a cron expression"):
        cron.cron_trigger(expr, SHANGHAI, "config.toml: schedule.crawl")


def test_a_missed_job_is_due_once_and_only_within_grace() -> None:
    daily = cron.cron_trigger("30 8 * * *", SHANGHAI, "schedule.digest")
    now = datetime(2025, 11, 20, 9, 15, tzinfo=SHANGHAI)
    three_days_ago = {
        "since": "2025-11-01T00:00:00+00:00",
        "last_fire_at": datetime(2025, 11, 17, 8, 30, tzinfo=SHANGHAI).isoformat(),
    }
    assert cron.missed_fire_time(daily, three_days_ago, now, grace=4 * 86400) == datetime(
        2025, 11, 20, 8, 30, tzinfo=SHANGHAI
    )
    assert cron.missed_fire_time(daily, three_days_ago, now, grace=1800) is None
    served = {**three_days_ago, "last_fire_at": datetime(2025, 11, 20, 8, 30, tzinfo=SHANGHAI).isoformat()}
    assert cron.missed_fire_time(daily, served, now, grace=4 * 86400) is None
    assert cron.missed_fire_time(daily, None, now, grace=4 * 86400) is None


# ---------------------------------------------------------------- the scheduler process


@pytest.mark.timeout(60)
def test_sigterm_while_the_scheduler_starts_up_still_stops_it(tmp_path: Path) -> None:
    """A signal that lands while APScheduler adds the jobs (after the log says "scheduler started")
    must not be lost: the scheduler stops instead of waiting for the next cron time."""
    config = configuration.load(write_config(tmp_path, site="http://127.0.0.1:9"))
    scheduler = Scheduler(config)
    scheduler.scheduler.add_listener(lambda _: signal.raise_signal(signal.SIGTERM), EVENT_JOB_ADDED)
    handler = signal.getsignal(signal.SIGTERM)
    scheduler.serve()
    assert scheduler.stopping.is_set() and not scheduler.scheduler.running
    assert signal.getsignal(signal.SIGTERM) is handler


@pytest.mark.slow
def test_jobs_never_overlap_even_when_one_outlasts_its_interval(
    tmp_path: Path, processes: list[SchedulerProcess]
) -> None:
    with SlowSite(hold=PATIENCE) as site:
        config = write_config(tmp_path, crawl="*/2 * * * * *", site=site.url)
        database = configuration.load(config).database
        process = SchedulerProcess(config)
        processes.append(process)
        process.wait_until(lambda: site.active == 1, "the first crawl to fetch its article")
        # The crawl is held inside its article request: the next ticks must be skipped,
        # and a crawl started by hand must be refused with the holder named.
        process.wait_for("still running; this run is skipped")
        by_hand = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
        )
        assert by_hand.returncode == 3, by_hand.stderr
        assert "another newswatch run" in by_hand.stderr and "schedule crawl" in by_hand.stderr
        assert len(by_hand.stderr.strip().splitlines()) == 1
        site.release.set()
        process.wait_until(
            lambda: len(rows(database, "select * from runs where command = 'crawl' and status != 'running'")) >= 2,
            "two finished crawls",
        )
        assert process.stop() == 0, process.output
    assert site.max_active == 1
    crawls = rows(database, "select * from runs where command = 'crawl' order by id")
    for earlier, later in itertools.pairwise(crawls):
        assert earlier["finished_at"] <= later["started_at"], crawls
    assert {r["status"] for r in crawls[:2]} == {"ok"}
    assert all(r["status"] != "running" for r in crawls)
    assert "crawl finished: ok" in process.output and "new articles" in process.output


@pytest.mark.slow
def test_a_missed_digest_is_sent_once_after_downtime(tmp_path: Path, processes: list[SchedulerProcess]) -> None:
    now = datetime.now(SHANGHAI).replace(second=0, microsecond=0)
    missed = now - timedelta(minutes=2)
    with HttpReceivers() as receivers:
        config = write_config(
            tmp_path,
            site="http://127.0.0.1:9",
            digest=f"{missed.minute} {missed.hour} * * *",
            hook=receivers.webhook_url,
            grace=4 * 86400,
        )
        database = configuration.load(config).database
        db = store.open_db(database)
        long_ago = (now - timedelta(days=30)).astimezone(UTC).isoformat(timespec="seconds")
        store.save_schedule_state(db, "crawl", since=long_ago)
        # The machine was off for three days: the last digest went out three days ago.
        store.save_schedule_state(
            db, "digest", since=long_ago, last_fire_at=(missed - timedelta(days=3)).astimezone(UTC).isoformat()
        )
        db.close()

        first = SchedulerProcess(config)
        processes.append(first)
        first.wait_for("digest finished")
        assert first.stop() == 0, first.output
        assert first.count("missed its run") == 1 and first.count("digest started") == 1, first.output
        assert len(receivers["webhook"].accepted) == 1, first.output
        state = store.schedule_state(store.open_db(database))["digest"]
        assert datetime.fromisoformat(state["last_fire_at"]) == missed
        assert state["last_status"] == "ok", state
        log_file = database.parent / "logs" / "newswatch.log"
        assert "digest finished: ok" in log_file.read_text(encoding="utf-8")

        status = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), "status", "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
        )
        assert status.returncode == 0, status.stderr
        jobs = {j["job"]: j for j in json.loads(status.stdout)["schedule"]["jobs"]}
        assert jobs["digest"]["last_status"] == "ok"
        assert datetime.fromisoformat(jobs["digest"]["next_run"]) == missed + timedelta(days=1)
        assert json.loads(status.stdout)["running"] is None

        # Started again the same day: that digest has been sent, nothing to catch up.
        second = SchedulerProcess(config)
        processes.append(second)
        second.wait_for("scheduler started")
        assert second.stop() == 0, second.output
        assert second.count("missed its run") == 0 and second.count("digest started") == 0, second.output
        assert len(receivers["webhook"].accepted) == 1


@pytest.mark.slow
def test_sigterm_stops_the_running_crawl_and_leaves_nothing_half_done(
    tmp_path: Path, processes: list[SchedulerProcess]
) -> None:
    with SlowSite(hold=PATIENCE) as site:
        config = write_config(tmp_path, crawl="*/2 * * * * *", site=site.url)
        database = configuration.load(config).database
        process = SchedulerProcess(config)
        processes.append(process)
        process.wait_until(lambda: site.active == 1, "a crawl to fetch its article")
        process.process.send_signal(signal.SIGTERM)
        process.wait_for("stopping the running child")
        site.release.set()  # the request in flight completes; the crawl winds down
        assert process.process.wait(timeout=PATIENCE) == 0, process.output
        process.reader.join(timeout=10)
    child = int(process.output.split("stopping the running child (pid ", 1)[1].split(")", 1)[0])
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
    assert current_holder(database) is None
    db = store.open_db(database)
    assert store.integrity_ok(db)
    assert store.schedule_state(db)["crawl"]["last_status"] == "interrupted"
    assert [r["status"] for r in db.query("select status from runs")] in ([], ["interrupted"])
    assert "scheduler stopped" in process.output


@pytest.mark.slow
def test_a_crawl_over_its_time_limit_is_stopped_and_the_next_one_runs(
    tmp_path: Path, processes: list[SchedulerProcess]
) -> None:
    with SlowSite(hold=PATIENCE) as site:
        config = write_config(tmp_path, crawl="*/2 * * * * *", site=site.url, time_limit=TIME_LIMIT)
        database = configuration.load(config).database
        process = SchedulerProcess(config)
        processes.append(process)
        process.wait_for("over its time limit")
        site.release.set()  # the request in flight completes; the stopped crawl winds down
        process.wait_for("crawl finished: timed out")
        process.wait_until(
            lambda: any(r["status"] == "ok" for r in rows(database, "select status from runs")),
            "a crawl after the stopped one",
        )
        assert process.stop() == 0, process.output
    assert f"over its time limit of {TIME_LIMIT}s" in process.output
    assert site.max_active == 1
    assert rows(database, "select status from runs where status = 'running'") == []


@pytest.mark.parametrize(
    "command",
    [["scheduler.py", "--config", "{config}"], ["-m", "cli", "--config", "{config}", "schedule"]],
    ids=["scheduler.py", "cli"],
)
def test_a_bad_schedule_is_refused_with_one_line(tmp_path: Path, command: list[str]) -> None:
    config = write_config(tmp_path, site="http://127.0.0.1:9", crawl="0 7-22/3 * *")
    done = subprocess.run(
        [sys.executable, *(part.format(config=config) for part in command)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "schedule.crawl: '0 7-22/3 * *' is not a cron expression" in lines[0]
