"""The database file as a whole: its quick check, and the daily copies kept beside it.

A copy is made with SQLite's online backup API, never by copying the file: a file copy of a live
database in WAL mode can miss the pages still in the ``-wal`` file or catch a write half done.
Each copy is written under a temporary name, checked, then renamed, so a file named
``newswatch.db.backup-2026-12-05`` is always a whole database that passed ``PRAGMA quick_check``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = [
    "BACKUP_SUFFIX",
    "Backup",
    "backup_path",
    "backups",
    "is_damaged",
    "make_backup",
    "newest_backup",
    "prune_backups",
    "quick_check",
    "restore_advice",
]

BACKUP_SUFFIX = ".backup-"  # newswatch.db → newswatch.db.backup-2026-12-05
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAMAGED = ("malformed", "file is not a database", "disk image")


@dataclass(frozen=True)
class Backup:
    """One copy made now: where, how large, and the copies pruned to keep the count."""

    path: Path
    size: int
    pruned: tuple[Path, ...]


def backup_path(database: Path, day: date) -> Path:
    """The copy of ``database`` made on ``day``."""
    return database.with_name(f"{database.name}{BACKUP_SUFFIX}{day.isoformat()}")


def backups(database: Path) -> list[Path]:
    """The copies beside ``database``, newest first (by the day in their name)."""
    prefix = database.name + BACKUP_SUFFIX
    try:
        names = [p.name for p in database.parent.iterdir()]
    except OSError:
        return []
    days = sorted((n[len(prefix) :] for n in names if n.startswith(prefix)), reverse=True)
    return [database.with_name(prefix + day) for day in days if _DAY.match(day)]


def quick_check(path: Path) -> str | None:
    """What is wrong with the database file at ``path`` (SQLite's words, one line), or None when it
    reads well.

    Opens the file without creating it and without applying migrations, so a check changes nothing.
    """
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        connection.close()
    found = [" ".join(str(r[0]).split()) for r in rows]
    if found == ["ok"]:
        return None
    detail = "; ".join([f for f in found if not f.startswith("***")][:2])
    return f"database disk image is malformed (quick_check: {detail})"


def is_damaged(error: BaseException | str) -> bool:
    """True for SQLite's answers that mean the file itself is damaged or not a database."""
    text = str(error).lower()
    return any(word in text for word in _DAMAGED)


def newest_backup(database: Path) -> Path | None:
    """The newest copy of ``database`` that still passes ``quick_check``: what to restore from."""
    for path in backups(Path(database)):
        if quick_check(path) is None:
            return path
    return None


def restore_advice(database: Path) -> str:
    """What to do about a damaged database: restore the newest good copy, naming it."""
    copy = newest_backup(database)
    if copy is None:
        return (
            f"no good backup beside it: move {database.name} aside (keep it for recovery) and the next run "
            "starts an empty database"
        )
    return (
        f"stop newswatch and restore the newest good copy: cp {copy} {database} "
        f"(remove {database.name}-wal and {database.name}-shm first; README, Backups)"
    )


def make_backup(database: Path, day: date, keep: int) -> Backup:
    """Copy the live ``database`` to its copy of ``day`` (replacing one made earlier that day),
    then keep only the newest ``keep`` copies (0: prune none).

    Raises sqlite3.Error (the database cannot be read, or the copy is damaged: the copies made
    before are kept then) and OSError (no room, no permission) for the caller to word.
    """
    database = Path(database)
    target = backup_path(database, day)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            copy.close()
        problem = quick_check(partial)
        if problem is not None:
            raise sqlite3.DatabaseError(f"the copy does not pass quick_check: {problem}")
        os.replace(partial, target)
    finally:
        source.close()
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return Backup(target, target.stat().st_size, tuple(prune_backups(database, keep) if keep > 0 else ()))


def prune_backups(database: Path, keep: int) -> list[Path]:
    """Delete the copies beyond the newest ``keep``, and half-written ones left by a process that
    died while copying; returns the copies deleted."""
    old = backups(database)[max(keep, 0) :]
    for path in old:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    for partial in database.parent.glob(f"{database.name}{BACKUP_SUFFIX}*.partial"):
        pid = partial.suffixes[-2].lstrip(".") if len(partial.suffixes) >= 2 else ""
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
    return old


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
