"""The crash test's harness: start ``newswatch run``, SIGKILL it the moment a kill point is reached
(seen from outside: request logs, the receiver, the database), record what the kill left, then let
a normal run finish the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.config import write_config as write_toml
from tests.support.newsroom import Newsroom
from tests.support.receivers import WEBHOOK_SECRET, HttpReceivers, Request
from tests.support.sessions import left_behind
from tests.support.waiting import PATIENCE

ROOT = Path(__file__).resolve().parents[2]
# Seconds a kill point may take to be reached, and a normal run to finish: guards against a hang,
# not measures (a busy machine takes several times as long as a quiet one).
KILL_WAIT = 300
RUN_TIMEOUT = 600


class Receivers(HttpReceivers):
    """The real webhook receiver, plus a way to act after it accepted a message and before it answers."""

    def __init__(self) -> None:
        super().__init__()
        self.before_answer: Callable[[], None] | None = None

    def answer(self, r: Request) -> tuple[int, Any]:
        status, body = super().answer(r)
        if status == 200 and self.before_answer is not None:
            self.before_answer()
        return status, body


# ---------------------------------------------------------------- runs and kills


@dataclass
class World:
    folder: Path
    config: Path
    sites: dict[str, Any]
    room: Newsroom
    http: Receivers
    outcomes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.folder / "news.db"

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.database, timeout=30)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def scalar(self, sql: str, *params: Any) -> Any:
        return self.query(sql, *params)[0][0]

    def start(self, log: Path) -> subprocess.Popen[bytes]:
        # Output to a file, not a pipe: a pipe would also wait for any process the run leaves behind.
        with log.open("wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", "cli", "--config", str(self.config), "run"],
                cwd=ROOT,
                stdout=out,
                stderr=out,
                start_new_session=True,
                env={**os.environ, "NW_HOOK_SECRET": WEBHOOK_SECRET},
            )

    def kill_when(
        self,
        name: str,
        reached: Callable[[int], bool],
        *,
        after_kill: Callable[[], None] | None = None,
        look: Callable[[], Any] | None = None,
    ) -> dict[str, Any]:
        """Start a run, SIGKILL it the moment ``reached(pid)`` holds, then let a normal run finish the job.

        ``after_kill`` undoes whatever held the run at its kill point; ``look`` records what the
        kill left behind (as ``outcome["look"]``), both before the normal run.
        """
        webhook_before = len(self.http["webhook"].accepted)
        log = self.folder / f"kill-{len(self.outcomes) + 1}.log"
        child = self.start(log)
        deadline = time.monotonic() + KILL_WAIT
        try:
            while not reached(child.pid):
                assert child.poll() is None, f"{name}: the run ended before the kill point\n{log.read_text()[-3000:]}"
                assert time.monotonic() < deadline, f"{name}: kill point never reached"
                time.sleep(0.005)
            os.kill(child.pid, signal.SIGKILL)
            child.wait(RUN_TIMEOUT)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            if after_kill is not None:
                after_kill()
        assert child.returncode == -signal.SIGKILL, name
        left = left_behind(child.pid)
        run_id, status = self.query("select id, status from runs order by id desc limit 1")[0]
        sending = {r[0] for r in self.query("select event_id from deliveries where status = 'sending'")}
        accepted = {e["id"] for r in self.http["webhook"].accepted[webhook_before:] for e in r.json.get("events", [])}
        outcome = {
            "kill": name,
            "articles": self.scalar("select count(*) from articles"),
            "events": self.scalar("select count(*) from events"),
            "window": sorted(sending & accepted),
            "left_behind": left,
            "run": run_id,
            "status_at_kill": status,
            "look": look() if look is not None else None,
        }
        self.outcomes.append(outcome)
        normal = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(self.config), "run"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            env={**os.environ, "NW_HOOK_SECRET": WEBHOOK_SECRET},
        )
        assert normal.returncode == 0, f"{name}: the run after the kill failed\n{normal.stderr[-3000:]}"
        assert "Traceback" not in normal.stderr, normal.stderr[-3000:]
        return outcome


class Freeze:
    """Holds the database's write lock from outside, as another writer would, so the run's next write waits.

    The run is caught inside that write when its main thread sleeps in SQLite's busy handler
    (the kernel says where a thread sleeps: /proc/PID/wchan).
    """

    def __init__(self, database: Path) -> None:
        self.database = database
        self.conn: sqlite3.Connection | None = None
        self.at: dict[str, int] = {}
        self.done = False  # released once: never taken again

    def take(self) -> None:
        if self.conn is not None or self.done:
            return
        conn = sqlite3.connect(self.database, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("begin immediate")
        self.at = {
            table: conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", "events", "deliveries")
        }
        self.conn = conn

    def when(self, condition: Callable[[], bool]) -> Callable[[int], bool]:
        """A kill point: once ``condition()`` holds, take the lock; reached when the run waits for it."""

        def reached(pid: int) -> bool:
            if self.conn is None and condition():
                self.take()
            return self.run_waits(pid)

        return reached

    def run_waits(self, pid: int) -> bool:
        if self.conn is None:
            return False
        for _ in range(3):
            try:
                if "nanosleep" not in Path(f"/proc/{pid}/wchan").read_text():
                    return False
            except OSError:
                return False
            time.sleep(0.02)
        return True

    def release(self) -> None:
        self.done = True
        if self.conn is not None:
            self.conn.execute("rollback")
            self.conn.close()
            self.conn = None


def write_config(folder: Path, sites: dict[str, Any], room: Newsroom, http: Receivers) -> Path:
    """Four fixture sites and the newsroom as sources, one watch, one webhook channel.

    The request timeout is the newsroom's longest hold: a held request ends when the test lets
    it go, never by timing out while a busy machine takes its time to reach the kill point.
    """
    return write_toml(
        folder,
        crawl={"download_delay": 0, "timeout": PATIENCE, "retries": 0, "max_list_pages": 3, "workers": 1},
        sources=[
            {
                "name": "hp-gov-news",
                "url": f"{sites['hpgov'].url}/xwzx/qndt/index.html",
                "kind": "list",
                "tags": ["official"],
            },
            ("media-rss", f"{sites['media'].url}/rss.xml", "feed"),
            ("english-sitemap", f"{sites['english'].url}/sitemap.xml", "sitemap"),
            ("hk-reprints", f"{sites['hkmedia'].url}/"),
            ("newsroom", f"{room.url}/xwzx/index.html", "list"),
        ],
        watches=[
            {
                "name": "biomed-cluster",
                "title": "生物医药产业集群",
                "keywords": ["生物医药", "医疗器械", "创新药", "biomedical", "biopharma", "biotech"],
            }
        ],
        channels=[{"name": "hook", "kind": "webhook", "url": http.webhook_url, "secret": "${NW_HOOK_SECRET}"}],
    )
