"""One run at a time across processes; a lock left by a killed process never blocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import config as configuration
import db as store
from errors import BusyError
from operations.lock import INHERITED_FD, RunLock, current_holder, lock_path
from tests.support.slowsite import SlowSite, write_config
from tests.support.waiting import PATIENCE, wait_until

ROOT = Path(__file__).resolve().parent.parent

HOLDER = """
import sys
from pathlib import Path
from operations.lock import RunLock
lock = RunLock(Path(sys.argv[1]), sys.argv[2], wait=float(sys.argv[3]) if len(sys.argv) > 3 else 0)
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
"""


def start_holder(
    database: Path, command: str = "crawl", env: dict[str, str] | None = None, pass_fds: tuple[int, ...] = ()
) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), command],
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        pass_fds=pass_fds,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def finish(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        child.kill()
    child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


def test_second_run_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    database = tmp_path / "newswatch.db"
    holder = start_holder(database, "crawl")
    try:
        with pytest.raises(BusyError) as refused:
            RunLock(database, "run").acquire()
        message = str(refused.value)
        assert f"pid {holder.pid}" in message and "crawl" in message and "started" in message
        assert "--wait" in message and "\n" not in message
        assert refused.value.exit_code == 3
        assert current_holder(database)["pid"] == holder.pid
    finally:
        finish(holder)


def test_lock_of_a_killed_run_does_not_block_the_next(tmp_path: Path) -> None:
    database = tmp_path / "newswatch.db"
    holder = start_holder(database)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path(database).exists()  # the stale file stays; the kernel dropped the lock
    assert current_holder(database) is None
    with RunLock(database, "run") as lock:
        assert lock.fd is not None
        assert current_holder(database)["pid"] == os.getpid()
    finish(holder)


def test_waiting_run_starts_when_the_holder_finishes(tmp_path: Path) -> None:
    database = tmp_path / "newswatch.db"
    holder = start_holder(database)
    acquired = threading.Event()
    errors: list[BaseException] = []

    def wait_for_lock() -> None:
        try:
            with RunLock(database, "digest", wait=PATIENCE):
                acquired.set()
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    waiter = threading.Thread(target=wait_for_lock)
    waiter.start()
    try:
        assert not acquired.is_set()
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        waiter.join()
        assert acquired.is_set() and not errors
    finally:
        finish(holder)


def test_stop_event_ends_a_wait(tmp_path: Path) -> None:
    database = tmp_path / "newswatch.db"
    holder = start_holder(database)
    stop = threading.Event()
    stop.set()
    try:
        with pytest.raises(BusyError):
            RunLock(database, "schedule crawl", wait=3600, stop=stop).acquire()
    finally:
        finish(holder)


def test_child_works_under_the_lock_its_parent_holds(tmp_path: Path) -> None:
    database = tmp_path / "newswatch.db"
    with RunLock(database, "schedule crawl") as parent:
        assert parent.fd is not None
        env = {**os.environ, INHERITED_FD: str(parent.fd)}
        child = start_holder(database, "crawl", env=env, pass_fds=(parent.fd,))
        try:
            with pytest.raises(BusyError):
                RunLock(database, "run").acquire()
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write("\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "released"
            # The child letting go must not release the lock its parent still holds.
            with pytest.raises(BusyError):
                RunLock(database, "run").acquire()
        finally:
            finish(child)
    with RunLock(database, "run"):
        pass


def test_a_descriptor_that_is_not_the_lock_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "newswatch.db"
    other = os.open(tmp_path / "other", os.O_RDWR | os.O_CREAT)
    holder = start_holder(database)
    try:
        monkeypatch.setenv(INHERITED_FD, str(other))
        with pytest.raises(BusyError):
            RunLock(database, "run").acquire()
    finally:
        os.close(other)
        finish(holder)


@pytest.mark.slow
def test_a_killed_crawl_does_not_block_the_next(tmp_path: Path) -> None:
    with SlowSite(hold=PATIENCE) as site:
        config = write_config(tmp_path, site=site.url)
        database = configuration.load(config).database
        command = [sys.executable, "-m", "cli", "--config", str(config), "crawl"]
        first = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, text=True
        )
        wait_until(
            lambda: site.active == 1,
            "the crawl to fetch its article",
            give_up=lambda: None if first.poll() is None else f"the crawl exited ({first.returncode})",
        )
        assert current_holder(database)["pid"] == first.pid
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        site.release.set()
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=PATIENCE)
        assert second.returncode == 0, second.stderr
    db = store.open_db(database)
    assert [r["status"] for r in db.query("select status from runs order by id")] == ["abandoned", "ok"]
    assert current_holder(database) is None
