"""The database: schema, migrations, reads and writes. The only module that knows table names.

Tables (documented in the README, stable for Datasette and scripts): sources, articles,
article_urls, failures, runs, source_runs, events, event_articles, deliveries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newswatch")


@migrations()
def m001_spine(db: Database) -> None:
    db["sources"].create({
        "name": str, "url": str, "kind": str,
        "last_run_at": str, "last_success_at": str,
        "articles_last_run": int, "links_last_run": int,
        "consecutive_failures": int, "last_error": str,
        "healthy": int, "health_reason": str,
    }, pk="name", defaults={"consecutive_failures": 0, "healthy": 1})
    db["runs"].create({
        "id": int, "command": str, "started_at": str, "finished_at": str, "status": str,
        "pages": int, "new_articles": int, "failures": int, "new_events": int, "error": str,
    }, pk="id", defaults={"pages": 0, "new_articles": 0, "failures": 0, "new_events": 0})
    db["articles"].create({
        "id": int, "url": str, "source": str, "title": str, "published_at": str,
        "lang": str, "body": str, "fetched_at": str, "content_hash": str,
    }, pk="id", not_null={"url", "source"})
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["source", "published_at"])
    db["articles"].create_index(["fetched_at"])
    db["article_urls"].create({"url": str, "article_id": int}, pk="url",
                              foreign_keys=[("article_id", "articles", "id")])
    db["failures"].create({
        "id": int, "run_id": int, "source": str, "url": str, "reason": str, "at": str,
    }, pk="id")
    db["failures"].create_index(["source", "at"])
    db["source_runs"].create({
        "run_id": int, "source": str, "pages": int, "links": int, "new_articles": int,
        "failures": int, "dated": int, "with_body": int, "seconds": float, "error": str,
    }, pk=("run_id", "source"))


@migrations()
def m002_events(db: Database) -> None:
    db["events"].create({
        "id": str, "watch": str, "type": str, "title": str, "summary": str,
        "first_seen": str, "updated_at": str, "published_at": str,
        "places": str, "organizations": str, "amounts": str, "keywords": str,
        "relevance": float,
    }, pk="id")
    db["events"].create_index(["watch", "first_seen"])
    db["event_articles"].create({"event_id": str, "article_id": int, "added_at": str},
                                pk=("event_id", "article_id"),
                                foreign_keys=[("event_id", "events", "id"), ("article_id", "articles", "id")])
    db["deliveries"].create({
        "channel": str, "event_id": str, "status": str, "attempts": int, "last_error": str,
        "created_at": str, "next_attempt_at": str, "sent_at": str,
    }, pk=("channel", "event_id"), defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("event_id", "events", "id")])
    db["deliveries"].create_index(["status", "channel"])


def open_db(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database; WAL so readers never block a run."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=30000")
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


def now() -> str:
    """The current time as ISO 8601 UTC, the form every *_at column stores."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- runs


def start_run(db: Database, command: str) -> int:
    with db.atomic():
        table = db["runs"]
        table.insert({"command": command, "started_at": now(), "status": "running"})
        return int(table.last_pk)


def finish_run(db: Database, run_id: int, status: str, error: str | None = None, **figures: int) -> None:
    with db.atomic():
        db["runs"].update(run_id, {"finished_at": now(), "status": status, "error": error, **figures})


def recent_runs(db: Database, limit: int = 10) -> list[dict[str, Any]]:
    return list(db.query("select * from runs order by id desc limit ?", [limit]))


# ---------------------------------------------------------------- sources


def sync_sources(db: Database, sources: Iterable[Mapping[str, str]]) -> None:
    """Make sure every configured source has a row (url and kind kept current)."""
    with db.atomic():
        for s in sources:
            db.execute(
                "insert into sources (name, url, kind) values (?, ?, ?) "
                "on conflict(name) do update set url = excluded.url, kind = excluded.kind",
                [s["name"], s["url"], s["kind"]],
            )


def record_source_run(db: Database, run_id: int, source: str, figures: Mapping[str, Any],
                      error: str | None) -> None:
    """Store one source's figures for a run and update its health columns."""
    ok = error is None
    with db.atomic():
        db["source_runs"].upsert({"run_id": run_id, "source": source, "error": error, **figures},
                                 pk=("run_id", "source"))
        at = now()
        if ok:
            db.execute(
                "update sources set last_run_at = ?, last_success_at = ?, articles_last_run = ?, "
                "links_last_run = ?, consecutive_failures = 0, last_error = null where name = ?",
                [at, at, figures.get("new_articles", 0), figures.get("links", 0), source],
            )
        else:
            db.execute(
                "update sources set last_run_at = ?, articles_last_run = ?, links_last_run = ?, "
                "consecutive_failures = consecutive_failures + 1, last_error = ? where name = ?",
                [at, figures.get("new_articles", 0), figures.get("links", 0), error, source],
            )


def source_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query("select * from sources order by name"))


def record_failures(db: Database, run_id: int | None, failures: Iterable[Mapping[str, str]]) -> None:
    rows = [{"run_id": run_id, "source": f["source"], "url": f["url"], "reason": f["reason"],
             "at": f.get("at") or now()} for f in failures]
    if rows:
        with db.atomic():
            db["failures"].insert_all(rows, batch_size=200)


def failures_for_run(db: Database, run_id: int) -> list[dict[str, Any]]:
    return list(db.query("select * from failures where run_id = ? order by id", [run_id]))


# ---------------------------------------------------------------- articles


def known_urls(db: Database, urls: Iterable[str]) -> set[str]:
    """The subset of urls already stored (as canonical URL or as an alias)."""
    urls = list(dict.fromkeys(urls))
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i:i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r["url"] for r in db.query(f"select url from article_urls where url in ({marks})", chunk))
    return found


def all_known_urls(db: Database, source: str | None = None) -> set[str]:
    """Every URL stored, loaded once per crawl so the spider can skip them without a query each."""
    if source is None:
        return {r["url"] for r in db.query("select url from article_urls")}
    sql = ("select u.url from article_urls u join articles a on a.id = u.article_id "
           "where a.source = ?")
    return {r["url"] for r in db.query(sql, [source])}


ARTICLE_COLUMNS = ("url", "source", "title", "published_at", "lang", "body", "fetched_at", "content_hash")


def save_articles(db: Database, rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """Insert new articles in one transaction; an URL already stored is left as it is.

    Each row carries the ARTICLE_COLUMNS plus ``aliases`` (other URLs it was reached at) and any
    analysis columns. Returns the ids of the rows actually inserted.
    """
    inserted: list[int] = []
    with db.atomic():
        for row in rows:
            aliases = [row["url"], *row.get("aliases", ())]
            if known_urls(db, aliases):
                _add_aliases(db, aliases)
                continue
            values = {k: v for k, v in row.items() if k != "aliases"}
            cursor = db.execute(
                f"insert into articles ({', '.join(values)}) values ({', '.join('?' * len(values))})",
                [dumps(v) if isinstance(v, (list, dict, tuple)) else v for v in values.values()],
            )
            article_id = int(cursor.lastrowid or 0)
            inserted.append(article_id)
            db.executemany("insert or ignore into article_urls (url, article_id) values (?, ?)",
                           [(u, article_id) for u in dict.fromkeys(aliases)])
    return inserted


def _add_aliases(db: Database, urls: list[str]) -> None:
    found = list(db.query(
        f"select article_id from article_urls where url in ({','.join('?' * len(urls))}) limit 1", urls))
    if found:
        db.executemany("insert or ignore into article_urls (url, article_id) values (?, ?)",
                       [(u, found[0]["article_id"]) for u in urls])


def articles(db: Database, source: str | None = None, since: str | None = None,
             limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Stored articles, newest first (by publish date, then fetch time)."""
    where, params = [], []
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("coalesce(published_at, fetched_at) >= ?")
        params.append(since)
    sql = "select * from articles"
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by coalesce(published_at, fetched_at) desc, id desc"
    if limit:
        sql += f" limit {int(limit)}"
    return db.query(sql, params)


# ---------------------------------------------------------------- events

EVENT_JSON_FIELDS = ("places", "organizations", "amounts", "keywords")


def events(db: Database, since: str | None = None, watch: str | None = None,
           ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Events in the documented JSON shape (``newswatch events --json``), newest first."""
    where, params = [], []
    if since:
        where.append("coalesce(published_at, first_seen) >= ?")
        params.append(since)
    if watch:
        where.append("watch = ?")
        params.append(watch)
    if ids is not None:
        id_list = list(ids)
        if not id_list:
            return []
        where.append(f"id in ({','.join('?' * len(id_list))})")
        params.extend(id_list)
    sql = "select * from events" + (" where " + " and ".join(where) if where else "")
    sql += " order by coalesce(published_at, first_seen) desc, id"
    rows = list(db.query(sql, params))
    links = _event_articles(db, [r["id"] for r in rows])
    return [{
        "id": r["id"], "watch": r["watch"], "type": r["type"], "title": r["title"],
        "summary": r["summary"], "first_seen": r["first_seen"], "published_at": r["published_at"],
        **{k: json.loads(r[k]) if r[k] else [] for k in EVENT_JSON_FIELDS},
        "articles": links.get(r["id"], []),
    } for r in rows]


def _event_articles(db: Database, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        sql = ("select ea.event_id, a.url, a.title, a.source, a.published_at from event_articles ea "
               "join articles a on a.id = ea.article_id "
               f"where ea.event_id in ({','.join('?' * len(chunk))}) "
               "order by coalesce(a.published_at, a.fetched_at), a.id")
        for row in db.query(sql, chunk):
            out.setdefault(row.pop("event_id"), []).append(row)
    return out


def count(db: Database, table: str) -> int:
    return int(db.execute(f"select count(*) from [{table}]").fetchone()[0])


def integrity_ok(db: Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


