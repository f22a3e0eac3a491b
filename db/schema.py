"""The schema (migrations, applied in order on open) and the connection every module shares.

sqlite-utils records each applied migration by its function's name in ``_sqlite_migrations``,
so a released migration is never edited: a change is a new migration after the last.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.faults import storage_faults

migrations = Migrations("newswatch")
BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another writer before "database is locked"


@migrations()
def m001_spine(db: Database) -> None:
    db.table("sources").create(
        {
            "name": str,
            "url": str,
            "kind": str,
            "last_run_at": str,
            "last_success_at": str,
            "articles_last_run": int,
            "links_last_run": int,
            "consecutive_failures": int,
            "last_error": str,
            "healthy": int,
            "health_reason": str,
        },
        pk="name",
        defaults={"consecutive_failures": 0, "healthy": 1},
    )
    db.table("runs").create(
        {
            "id": int,
            "command": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "pages": int,
            "new_articles": int,
            "failures": int,
            "new_events": int,
            "error": str,
        },
        pk="id",
        defaults={"pages": 0, "new_articles": 0, "failures": 0, "new_events": 0},
    )
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "source": str,
            "title": str,
            "published_at": str,
            "lang": str,
            "body": str,
            "fetched_at": str,
            "content_hash": str,
        },
        pk="id",
        not_null={"url", "source"},
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["source", "published_at"])
    db.table("articles").create_index(["fetched_at"])
    db.table("article_urls").create(
        {"url": str, "article_id": int}, pk="url", foreign_keys=[("article_id", "articles", "id")]
    )
    db.table("failures").create(
        {
            "id": int,
            "run_id": int,
            "source": str,
            "url": str,
            "reason": str,
            "at": str,
        },
        pk="id",
    )
    db.table("failures").create_index(["source", "at"])
    db.table("source_runs").create(
        {
            "run_id": int,
            "source": str,
            "pages": int,
            "links": int,
            "new_articles": int,
            "failures": int,
            "dated": int,
            "with_body": int,
            "seconds": float,
            "error": str,
        },
        pk=("run_id", "source"),
    )


@migrations()
def m002_events(db: Database) -> None:
    db.table("events").create(
        {
            "id": str,
            "watch": str,
            "type": str,
            "title": str,
            "summary": str,
            "first_seen": str,
            "updated_at": str,
            "published_at": str,
            "places": str,
            "organizations": str,
            "amounts": str,
            "keywords": str,
            "relevance": float,
        },
        pk="id",
    )
    db.table("events").create_index(["watch", "first_seen"])
    db.table("event_articles").create(
        {"event_id": str, "article_id": int, "added_at": str},
        pk=("event_id", "article_id"),
        foreign_keys=[("event_id", "events", "id"), ("article_id", "articles", "id")],
    )
    db.table("deliveries").create(
        {
            "channel": str,
            "event_id": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "created_at": str,
            "next_attempt_at": str,
            "sent_at": str,
        },
        pk=("channel", "event_id"),
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("event_id", "events", "id")],
    )
    db.table("deliveries").create_index(["status", "channel"])


# What analysis adds to an article. search_title/search_body/search_extra are transient: the
# jieba-segmented text arrives with the row and a trigger moves it into articles_fts.
ANALYSIS_COLUMNS: dict[str, type] = {
    "watches": str,
    "terms": str,
    "relevance": float,
    "event_type": str,
    "places": str,
    "parks": str,
    "organizations": str,
    "amounts": str,
    "keywords": str,
    "figures": str,
    "signature": bytes,
    "analysed_at": str,
    "search_title": str,
    "search_body": str,
    "search_extra": str,
}


@migrations()
def m003_analysis(db: Database) -> None:
    for name, kind in ANALYSIS_COLUMNS.items():
        db.table("articles").add_column(name, kind)
    db.table("articles").create_index(["analysed_at"])
    db.table("event_articles").create_index(["article_id"])
    # unicode61 over jieba-segmented words: FTS5's trigram tokenizer misses two-character words.
    db.execute("create virtual table articles_fts using fts5(title, body, extra, tokenize = 'unicode61')")
    for when in ("insert", "update of search_body"):
        db.execute(f"""
            create trigger articles_fts_{when.split()[0]} after {when} on articles
            when new.search_body is not null begin
                delete from articles_fts where rowid = new.id;
                insert into articles_fts (rowid, title, body, extra)
                    values (new.id, new.search_title, new.search_body, new.search_extra);
                update articles set search_title = null, search_body = null, search_extra = null
                    where id = new.id;
            end""")
    db.execute(
        "create trigger articles_fts_delete after delete on articles begin "
        "delete from articles_fts where rowid = old.id; end"
    )


@migrations()
def m004_delivery_batch(db: Database) -> None:
    db.table("deliveries").add_column("batch", str)
    db.table("deliveries").create_index(["channel", "batch"])


@migrations()
def m005_health(db: Database) -> None:
    db.table("sources").add_column("health_changed_at", str)
    db.table("notices").create(
        {
            "id": int,
            "source": str,
            "state": str,
            "reason": str,
            "run_id": int,
            "created_at": str,
        },
        pk="id",
    )
    db.table("notice_deliveries").create(
        {
            "notice_id": int,
            "channel": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "sent_at": str,
        },
        pk=("notice_id", "channel"),
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("notice_id", "notices", "id")],
    )


@migrations()
def m006_schedule(db: Database) -> None:
    db.table("schedule_state").create(
        {
            "job": str,
            "since": str,
            "last_fire_at": str,
            "last_started_at": str,
            "last_finished_at": str,
            "last_status": str,
            "last_detail": str,
        },
        pk="job",
    )


@migrations()
def m007_clustered(db: Database) -> None:
    # Set once clustering has seen the article; articles a killed or interrupted run stored stay
    # null until the next run clusters them. Articles stored before this column were clustered.
    db.table("articles").add_column("clustered_at", str)
    db.execute("update articles set clustered_at = coalesce(analysed_at, fetched_at)")
    db.table("articles").create_index(["clustered_at"])


@migrations()
def m008_failed_urls(db: Database) -> None:
    # Article pages that failed, and when to try each again (db/retries.py); the failures table
    # stays the log of every failure. A URL that is stored later leaves this table by trigger.
    db.table("failed_urls").create(
        {
            "url": str,
            "source": str,
            "reason": str,
            "permanent": int,
            "attempts": int,
            "first_failed_at": str,
            "last_failed_at": str,
            "next_try": str,
        },
        pk="url",
        defaults={"permanent": 0, "attempts": 0},
    )
    db.table("failed_urls").create_index(["source"])
    db.execute(
        "create trigger failed_urls_stored after insert on article_urls begin "
        "delete from failed_urls where url = new.url; end"
    )
    db.table("source_runs").add_column("links_deferred", int)


@migrations()
def m009_browse(db: Database) -> None:
    # The web app lists events newest first by when they happened (db/browse.py).
    db.execute("create index events_happened on events (coalesce(published_at, first_seen) desc, id)")


@migrations()
def m010_feedback(db: Database) -> None:
    # What the team said of events and articles (db/feedback.py): kept for learning and export,
    # and honoured through the columns below (a dismissed event is in no digest; a merged one
    # lives on in the event it was merged into).
    db.table("feedback").create(
        {
            "id": int,
            "at": str,
            "who": str,
            "action": str,
            "watch": str,
            "event_id": str,
            "article_id": int,
            "target_event_id": str,
            "note": str,
        },
        pk="id",
    )
    db.table("feedback").create_index(["article_id"])
    db.table("events").add_column("dismissed_at", str)
    db.table("events").add_column("merged_into", str)


@migrations()
def m011_browse_watch(db: Database) -> None:
    # A watch's events by when they happened: the events page under a watch filter and an event's
    # neighbours (db/browse.py) read a range of it instead of every event of the watch.
    db.execute("create index events_watch_happened on events (watch, coalesce(published_at, first_seen) desc, id)")


@migrations()
def m012_challenges(db: Database) -> None:
    # Sites behind anti-bot challenges (crawler/challenge.py): the cookies a browser earned there,
    # reused by plain requests while they work (db/cookies.py; never logged), which sources
    # needed the browser and why, and how many pages a run rendered in it.
    db.table("site_cookies").create({"site": str, "cookies": str, "updated_at": str}, pk="site")
    db.table("sources").add_column("needs_browser", str)
    db.table("source_runs").add_column("browser_renders", int)


@migrations()
def m013_delivery_config(db: Database) -> None:
    # A failed delivery's back-off holds only while the channel's configuration is the one that
    # failed: a digest after the configuration changed (a URL, a variable now set) tries at once.
    # A keyed, slow hash of the channel's table (alerts/outbox.py), never a value from it.
    db.table("deliveries").add_column("channel_config", str)


@migrations()
def m014_limits(db: Database) -> None:
    # No limit is silent (crawler/report.py): what each source's run left out because of one.
    table = db.table("source_runs")
    table.add_column("list_pages_capped", int)  # 1: paging stopped at [crawl] max_list_pages with new links left
    table.add_column("anchors_skipped", int)  # links beyond MAX_ANCHORS_PER_PAGE on its list pages
    table.add_column("bodies_cut", int)  # new articles whose text was cut at MAX_BODY_CHARS


# Names databases recorded before the migrations were renumbered (two were m003_), and their
# names now. Renamed in the record on open, so those databases run none of them again.
# fmt: off
_RENUMBERED = {
    "m003_delivery_batch": "m004_delivery_batch",
    "m004_health": "m005_health",
    "m005_schedule": "m006_schedule",
    "m006_clustered": "m007_clustered",
    "m007_failed_urls": "m008_failed_urls",
}
# fmt: on


def _renumber_record(db: Database) -> None:
    """Give the applied migrations an older database recorded their current names."""
    table = migrations.migrations_table
    if not db[table].exists():
        return
    marks = ",".join("?" * len(_RENUMBERED))
    where = f"migration_set = ? and name in ({marks})"
    if not db.execute(f"select 1 from [{table}] where {where}", [migrations.name, *_RENUMBERED]).fetchone():
        return
    with db.atomic():
        for old, new in _RENUMBERED.items():
            db.execute(
                f"update [{table}] set name = ? where migration_set = ? and name = ?", [new, migrations.name, old]
            )


class _Database(Database):
    """sqlite-utils' Database whose transactions take the write lock as they begin.

    A deferred transaction that has read cannot wait for another writer: SQLite answers
    "database is locked" at once, ignoring busy_timeout, to avoid a deadlock. BEGIN IMMEDIATE
    waits its turn, so a run and the scheduler (or any other writer) queue instead of failing.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def open_db(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database; WAL so readers never block a run.

    A file that cannot serve (not a database, damaged, read-only, a folder) is StorageError.
    """
    path = Path(path)
    with storage_faults(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _Database(path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys=ON")
            _renumber_record(db)
            migrations.apply(db)
        except BaseException:
            db.close()
            raise
    return db


def open_readonly(path: Path | str) -> Database:
    """Open an existing database to read only: nothing created, nothing migrated (``newswatch check``)."""
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA busy_timeout=5000")
    return Database(connection)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


IN_CHUNK = 500  # values per `in (…)`: well under SQLite's bound-variable limit (999 before 3.32)


def in_chunks(values: Iterable[Any]) -> Iterator[tuple[str, list[Any]]]:
    """The distinct values as ``(marks, chunk)`` pairs, ``marks`` being ``?,?,…`` for ``in ({marks})``,
    so a query over any number of ids stays within SQLite's variable limit."""
    unique = list(dict.fromkeys(values))
    for i in range(0, len(unique), IN_CHUNK):
        chunk = unique[i : i + IN_CHUNK]
        yield ",".join("?" * len(chunk)), chunk


def count(db: Database, table: str) -> int:
    return int(db.execute(f"select count(*) from [{table}]").fetchone()[0])


def integrity_ok(db: Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
