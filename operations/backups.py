"""Daily copies of the database: the first run of each day makes one, ``newswatch backup`` one now.

The copy itself (SQLite's backup API, checked before it gets its name) is ``db.backups``; this
module decides when, words what went wrong for an operator, and says what to restore from.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from datetime import date, datetime
from pathlib import Path

import db as store
from config import Config
from errors import NewswatchError, StorageError
from operations.cron import time_zone

log = logging.getLogger(__name__)


def today(config: Config) -> date:
    """The day a copy is named after: the schedule's time zone, the operator's day."""
    return datetime.now(time_zone(config)).date()


def backup_now(config: Config) -> store.Backup:
    """``newswatch backup``: copy the database now (replacing today's copy), prune beyond the count.

    With ``[storage] backups = 0`` the copy is still made, as asked, and none is pruned.
    """
    database = config.database
    if not database.is_file():
        raise NewswatchError(f"{database} does not exist: nothing to back up (a run creates it)")
    try:
        return store.make_backup(database, today(config), config.storage.backups)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(_failure(database, exc)) from None


def daily_backup(config: Config) -> str | None:
    """The first run of the day copies the database; returns a warning for the run summary if it
    could not (the run goes on: yesterday's copies are kept)."""
    database = config.database
    keep = config.storage.backups
    if keep == 0 or not database.is_file() or store.backup_path(database, today(config)).exists():
        return None
    try:
        made = store.make_backup(database, today(config), keep)
    except (sqlite3.Error, OSError) as exc:
        warning = f"daily backup failed: {_failure(database, exc)}"
        log.warning("%s", warning)
        return warning
    log.info("backed up %s to %s (%d bytes)", database, made.path, made.size)
    return None


def _failure(database: Path, exc: sqlite3.Error | OSError) -> str:
    folder = database.parent
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"no space left for a copy of {database} — free space on {folder}"
        return f"cannot write a copy beside {database} ({exc.strerror}) — check permissions of {folder}"
    if store.is_damaged(exc):
        return f"{database} is damaged ({exc}); no copy made, older copies kept — {store.restore_advice(database)}"
    if "full" in str(exc):
        return f"no space left for a copy of {database} — free space on {folder}"
    return f"cannot copy {database} ({exc}) — check permissions of {database} and {folder}"
