"""Daily copies of the database, made with SQLite's backup API beside it: by the first run of a day
and by ``newswatch backup``; the newest ``[storage] backups`` are kept; a damaged database names
the newest good copy, and the README's way of restoring works."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import db as store
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config

CLOSED = "http://127.0.0.1:9/news/"  # nothing listens: a crawl of it fails at once


def setup(folder: Path, backups: int | None = None) -> Path:
    storage = "" if backups is None else f"backups = {backups}\n"
    config = write_config(
        folder,
        database=None,
        crawl=FAST_CRAWL,
        sources=[("hp-news", CLOSED)],
        extra=f'[storage]\ndatabase = "news.db"\n{storage}',
    )
    store.open_db(folder / "news.db").close()
    return config


def run_rows(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("select count(*) from runs").fetchone()[0])
    finally:
        connection.close()


def test_backup_copies_what_is_still_in_the_write_ahead_log(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = tmp_path / "news.db"
    writer = sqlite3.connect(database)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")  # the rows stay in news.db-wal, not in news.db
        for n in range(50):
            writer.execute("insert into runs (command, started_at, status) values ('crawl', ?, 'ok')", [f"t{n}"])
        writer.commit()
        assert Path(f"{database}-wal").stat().st_size > 0
        done = newswatch(config, "backup")
        assert done.returncode == 0, done.stderr
        (copy,) = store.backups(database)
        assert copy.name.startswith("news.db.backup-") and str(copy) in done.stdout
        assert run_rows(copy) == 50
        assert store.quick_check(copy) is None
        assert not Path(f"{copy}-wal").exists()
    finally:
        writer.close()


def test_the_newest_copies_are_kept_and_older_ones_pruned(tmp_path: Path) -> None:
    config = setup(tmp_path, backups=3)
    database = tmp_path / "news.db"
    for day in range(1, 5):
        store.make_backup(database, date(2026, 11, day), keep=0)
    done = newswatch(config, "backup")
    assert done.returncode == 0, done.stderr
    kept = [p.name for p in store.backups(database)]
    assert len(kept) == 3
    assert kept[1:] == ["news.db.backup-2026-11-04", "news.db.backup-2026-11-03"]
    assert "removed news.db.backup-2026-11-02, news.db.backup-2026-11-01" in done.stdout


def test_a_copy_left_half_written_by_a_killed_process_is_removed(tmp_path: Path) -> None:
    config = setup(tmp_path)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = tmp_path / f"news.db.backup-2026-11-30.{gone.stdout.strip()}.partial"
    leftover.write_bytes(b"half a copy")
    done = newswatch(config, "backup")
    assert done.returncode == 0, done.stderr
    assert not leftover.exists() and len(store.backups(tmp_path / "news.db")) == 1


def test_the_first_run_of_the_day_makes_the_copy_and_later_runs_keep_it(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = tmp_path / "news.db"
    first = newswatch(config, "crawl")
    assert "Traceback" not in first.stderr
    (copy,) = store.backups(database)
    made = copy.stat().st_ino
    second = newswatch(config, "crawl")
    assert "Traceback" not in second.stderr
    assert store.backups(database) == [copy] and copy.stat().st_ino == made
    assert run_rows(database) == 2 and run_rows(copy) == 0  # the copy is of the day's start


def test_backups_0_turns_the_daily_copy_off(tmp_path: Path) -> None:
    config = setup(tmp_path, backups=0)
    newswatch(config, "crawl")
    assert store.backups(tmp_path / "news.db") == []
    done = newswatch(config, "backup")  # asked for, it is made, and nothing is pruned
    assert done.returncode == 0 and len(store.backups(tmp_path / "news.db")) == 1


def test_a_damaged_database_is_not_copied_and_the_good_copies_stay(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = tmp_path / "news.db"
    good = store.make_backup(database, date(2026, 11, 30), keep=7).path
    damage = b"\x13" * 4096 * 3
    database.write_bytes(damage)
    done = newswatch(config, "backup")
    assert done.returncode == 4
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "damaged" in done.stderr and str(good) in done.stderr
    assert store.backups(database) == [good] and database.read_bytes() == damage
    assert not list(tmp_path.glob("*.partial"))


def test_a_damaged_copy_is_never_the_one_to_restore(tmp_path: Path) -> None:
    setup(tmp_path)
    database = tmp_path / "news.db"
    older = store.make_backup(database, date(2026, 11, 29), keep=7).path
    newer = store.make_backup(database, date(2026, 11, 30), keep=7).path
    newer.write_bytes(b"\x00" * 8192)
    assert store.newest_backup(database) == older
    older.unlink()
    assert store.newest_backup(database) is None


def test_restoring_as_the_readme_says_gives_a_database_check_calls_well(tmp_path: Path) -> None:
    config = setup(tmp_path)
    database = tmp_path / "news.db"
    assert newswatch(config, "backup").returncode == 0
    (copy,) = store.backups(database)
    database.write_bytes(os.urandom(4096))
    assert newswatch(config, "check").returncode == 4
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    shutil.copyfile(copy, database)
    done = newswatch(config, "check")
    assert done.returncode == 0, done.stdout
