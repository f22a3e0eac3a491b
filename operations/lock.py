"""One newswatch run at a time, across processes: an OS file lock beside the database.

``fcntl.flock`` belongs to the open file, so the kernel releases it when the holder exits, however
it exits — a run killed with SIGKILL never leaves a lock that blocks the next one. The file's
content (pid, command, start time) only serves the message a waiting run prints.

The scheduler takes the lock for each job and hands it to the job's child process as an inherited
file descriptor (``NEWSWATCH_LOCK_FD``); the child checks that the descriptor really holds this
database's lock and then works under it instead of waiting for its own parent.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import db as store
from errors import BusyError

INHERITED_FD = "NEWSWATCH_LOCK_FD"
_POLL_SECONDS = 0.2
_GLANCE_SECONDS = 0.5


def lock_path(database: Path) -> Path:
    """The lock file of a database: ``newswatch.db`` → ``newswatch.db.lock``."""
    return database.with_name(database.name + ".lock")


class RunLock:
    """Held while a run, crawl, digest or scheduled job works on one database."""

    def __init__(self, database: Path, command: str, wait: float = 0, stop: threading.Event | None = None) -> None:
        self.path = lock_path(Path(database))
        self.command = command
        self.wait = wait
        self.stop = stop
        self.fd: int | None = None
        self.inherited = False

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raise BusyError naming the holder."""
        if self._adopt_inherited():
            return
        with store.storage_faults(None):  # a read-only folder, a full disk: one line naming the lock file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        # Even without waiting, ride out the instant `status` holds a shared lock to look.
        deadline = time.monotonic() + max(self.wait, _GLANCE_SECONDS)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0 or (self.stop is not None and self.stop.is_set()):
                    os.close(fd)
                    raise BusyError(self._busy_message()) from None
                if self.stop is not None:
                    self.stop.wait(min(_POLL_SECONDS, left))
                else:
                    time.sleep(min(_POLL_SECONDS, left))
        self.fd = fd
        info = json.dumps(
            {"pid": os.getpid(), "command": self.command, "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode() + b"\n", 0)

    def release(self) -> None:
        """Let the next run in; an inherited lock stays with the parent that took it."""
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        if not self.inherited:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def _adopt_inherited(self) -> bool:
        """Use the descriptor a parent passed down if it is this database's lock, held."""
        value = os.environ.get(INHERITED_FD, "")
        if not value.isdigit():
            return False
        fd = int(value)
        try:
            held, ours = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        if (held.st_dev, held.st_ino) != (ours.st_dev, ours.st_ino):
            return False
        try:
            # Succeeds without waiting only when this open file already holds the lock.
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self.fd, self.inherited = os.dup(fd), True
        return True

    def _busy_message(self) -> str:
        holder = holder_info(self.path)
        who = f"pid {holder.get('pid', '?')}"
        if holder.get("command"):
            who += f", {holder['command']}"
        if holder.get("started_at"):
            who += f", started {holder['started_at']}"
        waited = f" after waiting {self.wait:g}s" if self.wait > 0 else ""
        return (
            f"another newswatch run ({who}) is working{waited}; wait for it to finish "
            f"or pass --wait SECONDS (lock: {self.path})"
        )


def holder_info(path: Path) -> dict[str, Any]:
    """What the lock file says about its holder (may be stale when nobody holds it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def current_holder(database: Path) -> dict[str, Any] | None:
    """The holder of the database's lock if a run is working now, else None."""
    path = lock_path(Path(database))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return holder_info(path) or {"pid": "?"}
    finally:
        os.close(fd)
    return None
