"""What a storage failure means to the operator: SQLite's and the file system's errors as one
``StorageError`` that names the file, says what is wrong and what to do.

An operator reading a cron mail at 7 a.m. needs "restore it from a backup" or "free space on
/var/lib", not SQLite's error code; the code is kept in brackets for a search. Errors that are not
about storage (a constraint, a programming mistake, a refused connection) are left as they are.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from db.backups import restore_advice
from errors import StorageError

__all__ = ["STORAGE_FAULTS", "storage_error", "storage_faults"]

STORAGE_FAULTS = (sqlite3.Error, OSError)  # what may be a storage fault; storage_error tells


def storage_error(exc: BaseException, database: Path | None) -> StorageError | None:
    """The StorageError an exception means, or None when it is not about storage.

    SQLite's errors name no file, so ``database`` is the one the caller had open; an OSError
    names its own file (the lock file, the log file) and is only a storage fault when it does.
    """
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return _sqlite_error(exc, database) if database is not None else None
    if isinstance(exc, OSError) and exc.filename:
        return _os_error(exc, Path(exc.filename))
    return None


@contextlib.contextmanager
def storage_faults(database: Path | None) -> Iterator[None]:
    """Turn a storage fault inside the block into StorageError (others pass unchanged)."""
    try:
        yield
    except STORAGE_FAULTS as exc:
        error = storage_error(exc, database)
        if error is None:
            raise
        raise error from exc


def _sqlite_error(exc: sqlite3.Error, path: Path) -> StorageError | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    said = str(exc)
    folder = path.parent
    if primary == sqlite3.SQLITE_NOTADB:
        return StorageError(f"{path}: not a SQLite database ({said}); {restore_advice(path)}")
    if primary == sqlite3.SQLITE_CORRUPT:
        return StorageError(f"{path}: the database is damaged ({said}); {restore_advice(path)}")
    if primary == sqlite3.SQLITE_READONLY:
        return StorageError(
            f"{path}: the database cannot be written ({said}); check permissions of {path} and of its folder {folder}"
        )
    if primary == sqlite3.SQLITE_FULL:
        return StorageError(f"{path}: the database cannot grow ({said}); {_free_space(folder)}")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StorageError(
            f"{path}: another program kept the database locked longer than the busy timeout ({said}); "
            f"find it (fuser {path}) and try again when it is done"
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        if path.is_dir():
            return StorageError(f"{path}: is a folder, not a database file; set [storage] database to a file's path")
        return StorageError(f"{path}: cannot open the database ({said}); check permissions of {folder}")
    if primary in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StorageError(f"{path}: access to the database denied ({said}); check permissions of {path}")
    if primary == sqlite3.SQLITE_IOERR:
        return StorageError(f"{path}: the disk failed to read or write ({said}); check the disk, {_free_space(folder)}")
    return None


def _os_error(exc: OSError, path: Path) -> StorageError | None:
    said = exc.strerror or str(exc)
    folder = path.parent
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StorageError(
            f"{path}: cannot be created or opened ({said}); check permissions of {path} and of its folder {folder}"
        )
    if exc.errno == errno.EROFS:
        return StorageError(
            f"{path}: cannot be written ({said}); remount the file system read-write or move [storage] database"
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StorageError(f"{path}: cannot be written ({said}); {_free_space(folder)}")
    if exc.errno == errno.EISDIR:
        return StorageError(f"{path}: is a folder, not a file; move it aside or set [storage] database elsewhere")
    if exc.errno == errno.EEXIST and not path.is_dir():  # mkdir of the database's folder met a file
        return StorageError(f"{path}: is a file where a folder should be; check [storage] database")
    if exc.errno in (errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP):
        return StorageError(f"{path}: not a usable path ({said}); check [storage] database")
    if exc.errno == errno.EIO:
        return StorageError(f"{path}: the disk failed to read or write ({said}); check the disk")
    return None


def _free_space(folder: Path) -> str:
    """'free space on FOLDER', with what is left when the folder can be measured."""
    try:
        left = shutil.disk_usage(folder).free
    except OSError:
        return f"free space on {folder}"
    return f"free space on {folder} ({left / 1_000_000:,.0f} MB left)"
