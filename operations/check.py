"""``newswatch check``: is this configuration ready to run, and if not, what to do — one line each.

The first command after editing ``config.toml``, and what the scheduler runs as it starts. It
changes nothing: the database is opened to read only (never created or migrated), and a
channel's missing variables are named, never their values.

Exit status (``Checked.status``): 0 all well; 1 a problem to fix (a variable, Chromium, disk
space, permissions); 2 the configuration is invalid; 4 the database cannot be used.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import db as store
from config import Config
from errors import ConfigError
from operations.cron import time_zone, triggers
from operations.lock import current_holder, lock_path

MIN_FREE_BYTES = 200_000_000  # free space wanted beside the database, or twice its size if more


@dataclass(frozen=True)
class Finding:
    """One check's verdict and, for a problem, what to do about it."""

    topic: str
    text: str
    ok: bool = True
    status: int = 0  # the exit status a problem of this kind gives `check`

    def line(self) -> str:
        return f"{'ok' if self.ok else 'problem':<7}  {self.topic}: {self.text}"


@dataclass
class Checked:
    """Every finding, in the order checked."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]

    @property
    def status(self) -> int:
        """0 when all is well, else the gravest problem's status (2 config, 4 database, 1 other)."""
        order = {2: 3, 4: 2, 1: 1}
        return max((f.status for f in self.problems), key=lambda s: order.get(s, 0), default=0)


def check(config: Config) -> Checked:
    """Run every check on a configuration that loaded; none stops the others."""
    checked = Checked([_schedule(config)])
    database_ok = _database(config, checked.findings)
    checked.findings += _backups(config)
    checked.findings += _channels(config)
    checked.findings.append(_browser(config, database_ok))
    checked.findings.append(_lock(config))
    checked.findings.append(_disk(config))
    return checked


def _schedule(config: Config) -> Finding:
    try:
        triggers(config)
        time_zone(config)
    except ConfigError as exc:
        return Finding("config", f"{exc} — fix it and run `newswatch check` again", ok=False, status=2)
    counts = f"{len(config.sources)} sources, {len(config.watches)} watches, {len(config.channels)} channels"
    return Finding("config", f"{config.path} is valid ({counts})")


def _database(config: Config, findings: list[Finding]) -> bool:
    """The database file: there or creatable, a database, passing quick_check, writable."""
    path = config.database
    if path.is_dir():
        findings.append(
            Finding("database", f"{path} is a folder — set [storage] database to a file path", ok=False, status=4)
        )
        return False
    if not path.exists():
        folder = _existing_parent(path)
        if not os.access(folder, os.W_OK | os.X_OK):
            text = f"{path} does not exist and cannot be created — check permissions of {folder}"
            findings.append(Finding("database", text, ok=False, status=4))
            return False
        findings.append(Finding("database", f"{path} does not exist yet; the first run creates it"))
        return False
    problem = store.quick_check(path)
    if problem is not None:
        if store.is_damaged(problem):
            text = f"{path} is damaged ({problem}) — {store.restore_advice(path)}"
        else:
            text = f"{path} cannot be opened ({problem}) — check permissions of {path} and {path.parent}"
        findings.append(Finding("database", text, ok=False, status=4))
        return False
    unwritable = [p for p in (path, path.parent) if not os.access(p, os.W_OK)]
    if unwritable:
        text = f"{path} is read-only for this user — check permissions of {unwritable[0]}"
        findings.append(Finding("database", text, ok=False, status=4))
        return True
    findings.append(Finding("database", f"{path}: quick_check ok, {_size(path.stat().st_size)}"))
    return True


def _backups(config: Config) -> list[Finding]:
    keep = config.storage.backups
    copies = store.backups(config.database)
    if keep == 0:
        return [Finding("backups", f"off ([storage] backups = 0); {len(copies)} older copies beside the database")]
    if not copies:
        return [Finding("backups", f"none yet; the first run of each day makes one (keeps {keep})")]
    return [Finding("backups", f"{len(copies)} kept (of {keep}), newest {copies[0].name}")]


def _channels(config: Config) -> list[Finding]:
    if not config.channels:
        return [Finding("channels", "none configured: digests are not sent")]
    found = []
    for channel in config.channels:
        topic = f"channel {channel.name}"
        if not channel.enabled:
            found.append(Finding(topic, "disabled"))
        elif channel.missing_env:
            names = ", ".join(channel.missing_env)
            many = len(channel.missing_env) > 1
            text = (
                f"environment variable{'s' * many} {names} {'are' if many else 'is'} not set — export "
                f"{'them' if many else 'it'} where newswatch runs (the scheduler's environment too)"
            )
            found.append(Finding(topic, text, ok=False, status=1))
        else:
            found.append(Finding(topic, f"{channel.kind}, every variable set"))
    return found


def _browser(config: Config, database_ok: bool) -> Finding:
    from crawler import browser

    needing = [s.name for s in config.sources if s.enabled and s.render == "browser"]
    if database_ok:
        needing += [name for name in _remembered(config) if name not in needing]
    if not needing:
        return Finding("browser", "no source needs Chromium")
    names = ", ".join(needing)
    if browser.available(config):
        return Finding("browser", f"Chromium at {config.browser.executable} for {names}")
    text = (
        f"{names} need{'s' * (len(needing) == 1)} Chromium, not found at {config.browser.executable} — "
        "apt-get install chromium, or set [browser] executable"
    )
    return Finding("browser", text, ok=False, status=1)


def _remembered(config: Config) -> list[str]:
    """Enabled sources that met a challenge and are remembered as needing the browser."""
    enabled = {s.name for s in config.sources if s.enabled and s.render != "never"}
    try:
        database = store.open_readonly(config.database)
        try:
            rows = store.source_rows(database)
        finally:
            database.close()
    except sqlite3.Error:  # a database no run has written sources to yet
        return []
    return [r["name"] for r in rows if r.get("needs_browser") and r["name"] in enabled]


def _lock(config: Config) -> Finding:
    try:
        holder = current_holder(config.database)
    except OSError as exc:
        path = lock_path(config.database)
        return Finding("lock", f"cannot read {path} ({exc.strerror}) — check permissions of {path}", ok=False, status=1)
    if holder is None:
        return Finding("lock", "no run is working now")
    who = f"pid {holder.get('pid', '?')}"
    if holder.get("command"):
        who += f", {holder['command']}"
    if holder.get("started_at"):
        who += f", started {holder['started_at']}"
    return Finding("lock", f"a run is working now ({who}); another run waits or exits with status 3")


def _disk(config: Config) -> Finding:
    folder = _existing_parent(config.database)
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return Finding("disk", f"cannot measure free space on {folder} ({exc.strerror})", ok=False, status=1)
    size = config.database.stat().st_size if config.database.is_file() else 0
    wanted = max(MIN_FREE_BYTES, 2 * size)
    if free < wanted:
        text = f"only {_size(free)} free on {folder}, {_size(wanted)} wanted — free space on {folder}"
        return Finding("disk", text, ok=False, status=1)
    return Finding("disk", f"{_size(free)} free on {folder}")


def _existing_parent(path: Path) -> Path:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _size(count: int) -> str:
    """A byte count as an operator reads it: 204.8 KB, 73.0 GB."""
    value, unit = float(count), "bytes"
    for larger in ("KB", "MB", "GB", "TB"):
        if value < 1000:
            break
        value, unit = value / 1000, larger
    return f"{count} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
