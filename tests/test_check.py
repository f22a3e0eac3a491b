"""``newswatch check``: one line per check, what to do about each problem, and an exit status a
script can test (0 all well, 1 a problem to fix, 2 invalid configuration, 4 unusable database).
The scheduler runs the same checks as it starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import db as store
from tests.support.cli import PATIENCE, newswatch
from tests.support.config import write_config
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent
UNSET = "NEWSWATCH_TEST_CHECK_HOOK_TOKEN"  # never set in the tests' environment
NO_CHROMIUM = '[browser]\nexecutable = "/nonexistent/chromium"\n'
WATCH = {"name": "biomed", "keywords": ["生物医药"]}


def hook(token: str = UNSET) -> dict[str, Any]:
    return {"name": "team-hook", "kind": "webhook", "url": f"http://127.0.0.1:9/hook/${{{token}}}"}


def setup(folder: Path, *, channels: Sequence[dict[str, Any]] = (), render: str = "auto", extra: str = "") -> Path:
    """A config with one source and an existing, healthy database."""
    config = write_config(
        folder,
        sources=[{"name": "hp-news", "url": "http://127.0.0.1:9/news/", "render": render}],
        watches=[WATCH],
        channels=channels,
        extra=NO_CHROMIUM + extra,
    )
    store.open_db(folder / "news.db").close()
    return config


def lines(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """{topic: the whole line} of check's output; the last line is the verdict."""
    found = {}
    for line in done.stdout.splitlines()[:-1]:
        topic = line.split("  ", 1)[1].strip().split(":", 1)[0]
        found[topic] = line
    return found


def assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr


def test_all_well_is_status_0_with_one_ok_line_per_check(tmp_path: Path) -> None:
    config = setup(tmp_path)
    done = newswatch(config, "check")
    assert_clean(done)
    assert done.returncode == 0, done.stdout
    found = lines(done)
    assert {"config", "database", "backups", "channels", "browser", "lock", "disk"} <= found.keys(), done.stdout
    assert all(line.startswith("ok ") for line in found.values()), done.stdout
    assert "quick_check ok" in found["database"] and "free on" in found["disk"]
    assert done.stdout.splitlines()[-1] == "all well"


def test_a_missing_variable_is_named_and_its_value_never_shown(tmp_path: Path) -> None:
    config = setup(tmp_path, channels=[hook()])
    missing = newswatch(config, "check")
    assert_clean(missing)
    assert missing.returncode == 1
    line = lines(missing)["channel team-hook"]
    assert line.startswith("problem") and UNSET in line and "export" in line
    assert missing.stdout.splitlines()[-1] == "1 problem"

    secret = "s3cret-token-4711"
    given = newswatch(config, "check", env={UNSET: secret})
    assert given.returncode == 0, given.stdout
    assert lines(given)["channel team-hook"].startswith("ok")
    assert secret not in given.stdout + given.stderr


def test_a_source_that_renders_needs_chromium(tmp_path: Path) -> None:
    config = setup(tmp_path, render="browser")
    done = newswatch(config, "check")
    assert_clean(done)
    assert done.returncode == 1
    line = lines(done)["browser"]
    assert line.startswith("problem") and "hp-news" in line and "/nonexistent/chromium" in line
    assert "apt-get install chromium" in line


def test_a_source_remembered_as_needing_the_browser_counts_too(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = store.open_db(tmp_path / "news.db")
    try:
        store.sync_sources(database, [{"name": "hp-news", "url": "http://127.0.0.1:9/news/", "kind": "auto"}])
        store.mark_needs_browser(database, "hp-news", "HTTP 412, 瑞数-style")
    finally:
        database.close()
    done = newswatch(config, "check")
    assert done.returncode == 1
    assert "hp-news" in lines(done)["browser"]


def test_a_damaged_database_is_status_4_naming_the_copy_to_restore_and_left_as_it_was(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = tmp_path / "news.db"
    made = newswatch(config, "backup")
    assert made.returncode == 0, made.stderr
    (copy,) = store.backups(database)
    garbled = bytearray(copy.read_bytes())  # a good header, a page of garbage: "malformed"
    garbled[4096 * 2 : 4096 * 3] = b"\xa5" * 4096
    for damage in (b"\x00" * 100 + os.urandom(8000), bytes(garbled)):
        database.write_bytes(damage)
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        done = newswatch(config, "check")
        assert_clean(done)
        assert done.returncode == 4, done.stdout
        line = lines(done)["database"]
        assert line.startswith("problem") and "damaged" in line and str(copy) in line, line
        assert database.read_bytes() == damage


def test_a_database_path_that_is_a_folder_is_status_4(tmp_path: Path) -> None:
    config = write_config(tmp_path, sources=[("hp-news", "http://127.0.0.1:9/news/")], extra=NO_CHROMIUM)
    (tmp_path / "news.db").mkdir()
    done = newswatch(config, "check")
    assert_clean(done)
    assert done.returncode == 4
    assert "is a folder" in lines(done)["database"]


def test_no_database_yet_is_well_and_check_creates_nothing(tmp_path: Path) -> None:
    config = write_config(tmp_path, sources=[("hp-news", "http://127.0.0.1:9/news/")], extra=NO_CHROMIUM)
    done = newswatch(config, "check")
    assert done.returncode == 0, done.stdout
    assert "first run creates it" in lines(done)["database"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_an_invalid_configuration_is_status_2_in_one_line(tmp_path: Path) -> None:
    bad_key = write_config(tmp_path, sources=[("hp-news", "http://127.0.0.1:9/news/")], crawl={"concurency": 4})
    done = newswatch(bad_key, "check")
    assert_clean(done)
    assert done.returncode == 2
    assert len(done.stdout.splitlines()) == 1 and "crawl.concurency" in done.stdout

    bad_cron = write_config(
        tmp_path, sources=[("hp-news", "http://127.0.0.1:9/news/")], schedule={"crawl": "61 * * * *"}
    )
    done = newswatch(bad_cron, "check")
    assert_clean(done)
    assert done.returncode == 2
    assert len(done.stdout.splitlines()) == 1 and "schedule.crawl" in done.stdout  # refused at load, as any key


HOLDER = """
import sys
from pathlib import Path
from operations.lock import RunLock
lock = RunLock(Path(sys.argv[1]), "crawl")
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


def test_a_working_run_is_named_and_is_no_problem(tmp_path: Path) -> None:
    config = setup(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "news.db")],
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = newswatch(config, "check")
        assert done.returncode == 0, done.stdout
        line = lines(done)["lock"]
        assert f"pid {holder.pid}" in line and "crawl" in line
    finally:
        holder.kill()
        holder.wait()
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()


def _scheduler(config: Path) -> tuple[subprocess.Popen[str], list[str]]:
    child = subprocess.Popen(
        [sys.executable, "-m", "cli", "--config", str(config), "schedule"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []

    def read() -> None:
        assert child.stdout is not None
        seen.extend(line.rstrip("\n") for line in child.stdout)

    threading.Thread(target=read, daemon=True).start()
    return child, seen


def test_the_scheduler_logs_problems_and_runs_on(tmp_path: Path) -> None:
    config = setup(tmp_path, channels=[hook()], extra='[schedule]\ncrawl = "0 3 1 1 *"\ndigest = "0 3 1 1 *"\n')
    child, seen = _scheduler(config)
    try:
        wait_until(
            lambda: any("scheduler started" in line for line in seen),
            "the scheduler to start",
            give_up=lambda: f"exited {child.returncode}: {seen}" if child.poll() is not None else None,
        )
        problem = [line for line in seen if "check: problem" in line]
        assert len(problem) == 1 and UNSET in problem[0], seen
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=PATIENCE) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_the_scheduler_refuses_to_start_on_a_damaged_database(tmp_path: Path) -> None:
    config = setup(tmp_path, extra='[schedule]\ncrawl = "0 3 1 1 *"\ndigest = "0 3 1 1 *"\n')
    damage = b"not a database" * 1000
    (tmp_path / "news.db").write_bytes(damage)
    done = subprocess.run(
        [sys.executable, "scheduler.py", "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("newswatch: error:")]
    assert len(errors) == 1 and "damaged" in errors[0] and "no good backup" in errors[0]
    assert (tmp_path / "news.db").read_bytes() == damage
    assert not (tmp_path / "logs").exists() or not any(
        "Traceback" in p.read_text(encoding="utf-8") for p in (tmp_path / "logs").iterdir()
    )
