"""What a benchmarked command costs the machine, read from /proc while it runs.

Per-core utilisation comes from /proc/stat deltas (the whole machine, server included); memory
and CPU time are summed over the command's process tree (its extraction workers, the fork
server), sampled every 0.1 s. RSS counts pages shared between forked workers once per process;
PSS shares them out, so the PSS sum is what the tree really occupies.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_PROC = Path("/proc")


@dataclass(frozen=True)
class Usage:
    """One watched command: wall time, per-core busy share, tree CPU seconds, peak memory."""

    seconds: float
    core_busy: tuple[float, ...]  # 0..1 per core, whole machine
    cpu_seconds: float  # user + system over the process tree
    peak_rss_mb: float  # sum of VmRSS over the tree at its largest sample
    peak_pss_mb: float  # sum of PSS over the tree at its largest sample
    peak_processes: int
    busy_cpu_seconds: float  # the whole machine, every core
    processes: tuple[tuple[str, float, float], ...]  # (role, CPU seconds, peak RSS MB) per process


def _cores() -> list[tuple[int, int]]:
    """(busy, total) jiffies per core since boot."""
    cores = []
    for line in (_PROC / "stat").read_text().splitlines():
        if line.startswith("cpu") and line[3].isdigit():
            values = [int(v) for v in line.split()[1:9]]
            idle = values[3] + values[4]  # idle + iowait
            cores.append((sum(values) - idle, sum(values)))
    return cores


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, user + system ticks) of a live process."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def tree(root: int) -> dict[int, int]:
    """Every live process under ``root`` (itself included) → its CPU ticks."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            found = _stat(int(entry.name))
            if found:
                parents[int(entry.name)], ticks[int(entry.name)] = found
    members = {root} if root in ticks else set()
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in members and pid not in members:
                members.add(pid)
                grew = True
    return {pid: ticks[pid] for pid in members}


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB; zeros when the process is gone."""
    rss = pss = 0
    try:
        for line in (_PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        return 0, 0
    return rss, pss


def _role(pid: int) -> str:
    """A short name for a process of the tree: its script, or the multiprocessing role it plays."""
    try:
        argv = (_PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    line = " ".join(argv)
    if "forkserver" in line:
        found = _stat(pid)
        return "worker" if found and "forkserver" in _role(found[0]) else "forkserver"
    for role in ("resource_tracker", "spawn_main"):
        if role in line:
            return role
    script = next((a for a in argv[1:] if a and not a.startswith("-")), argv[0])
    return Path(script).name


def cpu_seconds(pid: int) -> float:
    """User + system seconds of one process so far (0 when it is gone)."""
    found = _stat(pid)
    return found[1] / _TICKS if found else 0.0


class Watcher:
    """Samples a process tree in a thread from ``start(pid)`` until ``stop()``."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self._ticks: dict[int, int] = {}
        self._roles: dict[int, str] = {}
        self._rss: dict[int, int] = {}
        self._peak = (0, 0, 0)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._began = 0.0
        self._cores: list[tuple[int, int]] = []

    def start(self, pid: int) -> None:
        self._began = time.monotonic()
        self._cores = _cores()
        self._thread = threading.Thread(target=self._run, args=(pid,), daemon=True)
        self._thread.start()

    def _sample(self, pid: int) -> None:
        members = tree(pid)
        self._ticks.update(members)
        for member in members:
            if member not in self._roles:
                self._roles[member] = _role(member)
        memory = [_memory(p) for p in members]
        for member, (rss, _) in zip(members, memory, strict=False):
            self._rss[member] = max(rss, self._rss.get(member, 0))
        rss, pss = sum(m[0] for m in memory), sum(m[1] for m in memory)
        if pss > self._peak[1] or rss > self._peak[0]:
            self._peak = (max(rss, self._peak[0]), max(pss, self._peak[1]), max(len(members), self._peak[2]))

    def _run(self, pid: int) -> None:
        while not self._stop.is_set():
            self._sample(pid)
            self._stop.wait(self.interval)

    def stop(self) -> Usage:
        seconds = time.monotonic() - self._began
        after = _cores()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        busy = tuple(
            max(0.0, min(1.0, (b1 - b0) / max(1, t1 - t0)))
            for (b0, t0), (b1, t1) in zip(self._cores, after, strict=False)
        )
        busy_seconds = sum(b1 - b0 for (b0, _), (b1, _) in zip(self._cores, after, strict=False)) / _TICKS
        processes = tuple(
            (self._roles.get(p, "?"), ticks / _TICKS, self._rss.get(p, 0) / 1024)
            for p, ticks in sorted(self._ticks.items())
        )
        return Usage(
            seconds,
            busy,
            sum(self._ticks.values()) / _TICKS,
            self._peak[0] / 1024,
            self._peak[1] / 1024,
            self._peak[2],
            busy_seconds,
            processes,
        )
