"""The processes of one session — a run started with ``start_new_session`` and all it forked.

The crash and bad-input tests ask the kernel (``/proc``) which of them are still alive and how
much memory they hold together: a run's extraction workers, fork server and resource tracker
must follow it out, and a thousand bad pages must not blow up its memory.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path


def session_members(sid: int) -> Iterator[Path]:
    """The ``/proc`` entries of the live (not zombie) processes in session ``sid``."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and _session(proc) == sid:
            yield proc


def _session(proc: Path) -> int | None:
    try:
        stat = (proc / "stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[3]) if fields[1] != "Z" else None


def left_behind(sid: int, timeout: float = 60.0) -> list[str]:
    """Processes of the session still alive after ``timeout`` (their command lines); they are killed then.

    Returns as soon as none is left: the timeout is what a busy machine may take, not a measure.
    """
    deadline = time.monotonic() + timeout
    while True:
        left = list(session_members(sid))
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    names = [(p / "cmdline").read_bytes().replace(b"\0", b" ")[:80].decode(errors="replace") for p in left]
    if left:
        os.killpg(sid, signal.SIGKILL)
    return names


class PeakRss:
    """Samples the resident memory of a process and everything in its session (workers included)."""

    def __init__(self, sid: int, interval: float = 0.05) -> None:
        self.sid = sid
        self.peak = 0  # bytes, all processes of the session together
        self.peaks: dict[int, int] = {}  # bytes, per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)
        self._thread.start()

    def _sample(self, interval: float) -> None:
        while not self._stop.wait(interval):
            sizes = {int(p.name): _rss(p) for p in session_members(self.sid)}
            self.peak = max(self.peak, sum(sizes.values()))
            for pid, size in sizes.items():
                self.peaks[pid] = max(self.peaks.get(pid, 0), size)

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak


def _rss(proc: Path) -> int:
    try:
        for line in (proc / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
