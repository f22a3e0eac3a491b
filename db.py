"""The database: schema, migrations, reads and writes. The only module that knows table names.

Tables (documented in the README, stable for Datasette and scripts): sources, articles,
article_urls, failures, runs, source_runs, events, event_articles, deliveries.
"""

from __future__ import annotations

import json
import sqlite3
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


# What analysis adds to an article. search_title/search_body/search_extra are transient: the
# jieba-segmented text arrives with the row and a trigger moves it into articles_fts.
ANALYSIS_COLUMNS: dict[str, type] = {
    "watches": str, "terms": str, "relevance": float, "event_type": str, "places": str, "parks": str,
    "organizations": str, "amounts": str, "keywords": str, "figures": str, "signature": bytes,
    "analysed_at": str, "search_title": str, "search_body": str, "search_extra": str,
}


@migrations()
def m003_analysis(db: Database) -> None:
    for name, kind in ANALYSIS_COLUMNS.items():
        db["articles"].add_column(name, kind)
    db["articles"].create_index(["analysed_at"])
    db["event_articles"].create_index(["article_id"])
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
    db.execute("create trigger articles_fts_delete after delete on articles begin "
               "delete from articles_fts where rowid = old.id; end")


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


def stored_urls_readonly(path: Path | str) -> set[str]:
    """Every stored URL, read without creating, migrating or writing anything (for dry runs)."""
    path = Path(path)
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return all_known_urls(Database(conn))
    except sqlite3.OperationalError:  # a database from before the article_urls table
        return set()
    finally:
        conn.close()


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
            db.conn.executemany("insert or ignore into article_urls (url, article_id) values (?, ?)",
                           [(u, article_id) for u in dict.fromkeys(aliases)])
    return inserted


def _add_aliases(db: Database, urls: list[str]) -> None:
    found = list(db.query(
        f"select article_id from article_urls where url in ({','.join('?' * len(urls))}) limit 1", urls))
    if found:
        db.conn.executemany("insert or ignore into article_urls (url, article_id) values (?, ?)",
                       [(u, found[0]["article_id"]) for u in urls])


def add_aliases(db: Database, aliases: Mapping[str, Iterable[str]]) -> set[str]:
    """Record more URLs (redirects, duplicates) of stored articles so no run fetches them again.

    ``aliases`` maps a stored URL to other URLs of the same article. Returns the stored URLs
    whose aliases were recorded; the others are not stored (yet).
    """
    done: set[str] = set()
    with db.atomic():
        for url, others in aliases.items():
            found = db.execute("select article_id from article_urls where url = ?", [url]).fetchone()
            if found is None:
                continue
            db.conn.executemany("insert or ignore into article_urls (url, article_id) values (?, ?)",
                                [(u, found[0]) for u in dict.fromkeys(others)])
            done.add(url)
    return done


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


# ---------------------------------------------------------------- analysis
# Article analysis columns (m003_analysis), full-text search, and the reads and writes that
# clustering articles into events needs. Events themselves are written with store_event.

ANALYSIS_JSON = ("watches", "terms", "places", "parks", "organizations", "amounts", "keywords", "figures")


def unanalysed(db: Database, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The articles among ``article_ids`` that analysis has not seen (stored without it)."""
    out: list[dict[str, Any]] = []
    ids = list(dict.fromkeys(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = ("select id, url, source, title, published_at, lang, body, fetched_at, content_hash "
               f"from articles where analysed_at is null and id in ({','.join('?' * len(chunk))})")
        out.extend(db.query(sql, chunk))
    return out


def save_analysis(db: Database, results: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
    """Store analysis columns for articles already saved (the search index follows by trigger)."""
    with db.atomic():
        for article_id, values in results:
            cols = [k for k in values if k in ANALYSIS_COLUMNS]
            db.execute(f"update articles set {', '.join(f'{k} = ?' for k in cols)} where id = ?",
                       [dumps(values[k]) if isinstance(values[k], (list, dict, tuple)) else values[k]
                        for k in cols] + [article_id])


def analysed_articles(db: Database, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Articles with their analysis columns decoded (JSON to lists), oldest first."""
    out: list[dict[str, Any]] = []
    ids = list(dict.fromkeys(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = ("select id, url, source, title, lang, published_at, fetched_at, relevance, event_type, "
               f"signature, {', '.join(ANALYSIS_JSON)} from articles "
               f"where id in ({','.join('?' * len(chunk))})")
        for row in db.query(sql, chunk):
            for k in ANALYSIS_JSON:
                row[k] = json.loads(row[k]) if row[k] else ([] if k != "terms" else {})
            out.append(row)
    out.sort(key=lambda r: (r["published_at"] or r["fetched_at"] or "", r["id"]))
    return out


def article_bodies(db: Database, article_ids: Iterable[int]) -> dict[int, str]:
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    sql = f"select id, body from articles where id in ({','.join('?' * len(ids))})"
    return {r["id"]: r["body"] or "" for r in db.query(sql, ids)}


def events_of_articles(db: Database, article_ids: Iterable[int]) -> dict[int, set[str]]:
    """{article id: watches whose events already hold it}."""
    ids = list(dict.fromkeys(article_ids))
    out: dict[int, set[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = ("select ea.article_id, e.watch from event_articles ea join events e on e.id = ea.event_id "
               f"where ea.article_id in ({','.join('?' * len(chunk))})")
        for r in db.query(sql, chunk):
            out.setdefault(r["article_id"], set()).add(r["watch"])
    return out


def event_members_between(db: Database, watch: str, start: str, end: str) -> dict[str, list[int]]:
    """{event id: all its article ids} for the watch's events with an article dated in [start, end]."""
    sql = ("select distinct ea.event_id from event_articles ea join events e on e.id = ea.event_id "
           "join articles a on a.id = ea.article_id where e.watch = ? "
           "and coalesce(a.published_at, a.fetched_at) between ? and ?")
    event_ids = [r["event_id"] for r in db.query(sql, [watch, start, end])]
    return event_members(db, event_ids)


def event_members(db: Database, event_ids: Iterable[str]) -> dict[str, list[int]]:
    ids = list(dict.fromkeys(event_ids))
    out: dict[str, list[int]] = {e: [] for e in ids}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = f"select event_id, article_id from event_articles where event_id in ({','.join('?' * len(chunk))})"
        for r in db.query(sql, chunk):
            out[r["event_id"]].append(r["article_id"])
    return out


def event_first_seen(db: Database, event_ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return {}
    sql = f"select id, first_seen from events where id in ({','.join('?' * len(ids))})"
    return {r["id"]: r["first_seen"] for r in db.query(sql, ids)}


def latest_crawl_started(db: Database) -> str | None:
    """When the newest run that crawled (``run`` or ``crawl``) started: what ``events --new`` means."""
    row = db.execute("select started_at from runs where command in ('run', 'crawl') "
                     "order by id desc limit 1").fetchone()
    return row[0] if row else None


def events_first_seen_since(db: Database, at: str) -> list[str]:
    return [r["id"] for r in db.query("select id from events where first_seen >= ? order by first_seen", [at])]


def search_articles(db: Database, match: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text hits for an FTS5 MATCH expression, best first, with a snippet of the body."""
    sql = ("select a.id, a.url, a.source, a.title, a.published_at, "
           "snippet(articles_fts, 1, '[', ']', '…', 16) as snippet, bm25(articles_fts, 5.0, 1.0, 0.5) as rank "
           "from articles_fts join articles a on a.id = articles_fts.rowid "
           "where articles_fts match ? order by rank limit ?")
    return list(db.query(sql, [match, limit]))


# ---------------------------------------------------------------- deliveries
# The outbox: one row per (channel, event). status: pending (never tried), sending (a message
# carrying it is on its way; a row left so by a crash is sent again), failed (retried after
# next_attempt_at), sent. ``batch`` names the message a row was last sent in, so a crashed
# message can be replayed with the same idempotency key.

UNDELIVERED = ("pending", "sending", "failed")


def store_event(db: Database, event: Mapping[str, Any], article_ids: Iterable[int] = ()) -> None:
    """Insert or replace one event (the events JSON shape plus ``relevance``) and link its articles."""
    at = now()
    row = {k: event.get(k) for k in ("id", "watch", "type", "title", "summary", "published_at")}
    row.update({k: dumps(list(event.get(k) or [])) for k in EVENT_JSON_FIELDS})
    row.update(first_seen=event.get("first_seen") or at, updated_at=at,
               relevance=float(event.get("relevance") or 0.0))
    with db.atomic():
        db["events"].upsert(row, pk="id")
        db.conn.executemany("insert or ignore into event_articles (event_id, article_id, added_at) values (?, ?, ?)",
                       [(row["id"], a, at) for a in article_ids])


@migrations()
def m003_delivery_batch(db: Database) -> None:
    db["deliveries"].add_column("batch", str)
    db["deliveries"].create_index(["channel", "batch"])


def enqueue_deliveries(db: Database, channel: str, event_ids: Iterable[str]) -> int:
    """Add a pending row per event not yet in the channel's outbox; returns how many were added."""
    at = now()
    with db.atomic():
        cursor = db.conn.executemany(
            "insert or ignore into deliveries (channel, event_id, status, attempts, created_at) "
            "values (?, ?, 'pending', 0, ?)", [(channel, e, at) for e in dict.fromkeys(event_ids)])
        return max(cursor.rowcount, 0)


def events_without_delivery(db: Database, channel: str, watches: Iterable[str] | None,
                            since: str) -> list[str]:
    """Ids of events first seen since ``since`` (of these watches) that the channel has no row for."""
    sql = ("select id from events e where first_seen >= ? and not exists "
           "(select 1 from deliveries d where d.channel = ? and d.event_id = e.id)")
    params: list[Any] = [since, channel]
    if watches is not None:
        names = list(watches)
        if not names:
            return []
        sql += f" and watch in ({','.join('?' * len(names))})"
        params.extend(names)
    return [r["id"] for r in db.query(sql + " order by first_seen, id", params)]


def pending_deliveries(db: Database, channel: str) -> list[dict[str, Any]]:
    """The channel's undelivered rows, with the event's watch, type and relevance for ordering."""
    marks = ",".join("?" * len(UNDELIVERED))
    sql = ("select d.event_id, d.status, d.attempts, d.last_error, d.next_attempt_at, d.batch, "
           "d.created_at, e.watch, e.type, e.relevance, e.first_seen from deliveries d "
           f"join events e on e.id = d.event_id where d.channel = ? and d.status in ({marks}) "
           "order by e.first_seen, d.event_id")
    return list(db.query(sql, [channel, *UNDELIVERED]))


def event_relevance(db: Database, event_ids: Iterable[str]) -> dict[str, float]:
    """Each event's relevance score (not part of the event JSON, used to order digests)."""
    ids = list(dict.fromkeys(event_ids))
    out: dict[str, float] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = f"select id, relevance from events where id in ({','.join('?' * len(chunk))})"
        out.update((r["id"], r["relevance"] or 0.0) for r in db.query(sql, chunk))
    return out


def _update_deliveries(db: Database, channel: str, event_ids: Iterable[str], assignments: str,
                       params: list[Any]) -> None:
    ids = list(dict.fromkeys(event_ids))
    with db.atomic():
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            db.execute(f"update deliveries set {assignments} where channel = ? "
                       f"and event_id in ({','.join('?' * len(chunk))})", [*params, channel, *chunk])


def mark_sending(db: Database, channel: str, event_ids: Iterable[str], batch: str) -> None:
    """Record, before the message leaves, that these events are on their way in ``batch``."""
    _update_deliveries(db, channel, event_ids,
                       "status = 'sending', batch = ?, attempts = attempts + 1", [batch])


def mark_sent(db: Database, channel: str, event_ids: Iterable[str]) -> None:
    """The channel accepted the message: these events are delivered to it for good."""
    _update_deliveries(db, channel, event_ids,
                       "status = 'sent', sent_at = ?, last_error = null, next_attempt_at = null", [now()])


def mark_failed(db: Database, channel: str, event_ids: Iterable[str], error: str,
                next_attempt_at: str) -> None:
    """Keep these events pending with the (already redacted) error and when to try again."""
    _update_deliveries(db, channel, event_ids,
                       "status = 'failed', last_error = ?, next_attempt_at = ?", [error, next_attempt_at])


def last_delivery_at(db: Database, channel: str) -> str | None:
    """When the channel last accepted a digest carrying events (the start of the next period)."""
    row = db.execute("select max(sent_at) from deliveries where channel = ? and status = 'sent'",
                     [channel]).fetchone()
    return row[0] if row else None


def delivery_counts(db: Database) -> list[dict[str, Any]]:
    """Per channel and status: how many rows, the oldest, an error and the next retry (for `status`)."""
    sql = ("select channel, status, count(*) as events, min(created_at) as oldest, "
           "max(last_error) as last_error, min(next_attempt_at) as next_attempt_at "
           "from deliveries group by channel, status order by channel, status")
    return list(db.query(sql))


def run_figures(db: Database, run_id: int) -> dict[str, Any]:
    """A run's figures for a digest footer, summed from its sources if the run has not finished."""
    run = next(iter(db.query("select * from runs where id = ?", [run_id])), None)
    if run is None:
        return {}
    sums = db.execute(
        "select count(*), coalesce(sum(pages), 0), coalesce(sum(new_articles), 0), "
        "coalesce(sum(failures), 0), coalesce(sum(error is not null), 0) from source_runs where run_id = ?",
        [run_id]).fetchone()
    figures = {"run_id": run_id, "started_at": run["started_at"], "finished_at": run["finished_at"],
               "status": run["status"], "sources": sums[0], "failed_sources": sums[4],
               "pages": run["pages"] or sums[1], "new_articles": run["new_articles"] or sums[2],
               "failures": run["failures"] or sums[3], "new_events": run["new_events"] or 0}
    return figures


def failing_sources(db: Database) -> list[dict[str, Any]]:
    """Sources whose last run failed or that are marked unhealthy, worst first."""
    return list(db.query(
        "select name, url, consecutive_failures, last_error, last_success_at, healthy, health_reason "
        "from sources where consecutive_failures > 0 or healthy = 0 "
        "order by consecutive_failures desc, name"))


def count(db: Database, table: str) -> int:
    return int(db.execute(f"select count(*) from [{table}]").fetchone()[0])


def integrity_ok(db: Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"




# ---------------------------------------------------------------- source health and notices


@migrations()
def m004_health(db: Database) -> None:
    db["sources"].add_column("health_changed_at", str)
    db["notices"].create({
        "id": int, "source": str, "state": str, "reason": str, "run_id": int, "created_at": str,
    }, pk="id")
    db["notice_deliveries"].create({
        "notice_id": int, "channel": str, "status": str, "attempts": int, "last_error": str,
        "sent_at": str,
    }, pk=("notice_id", "channel"), defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("notice_id", "notices", "id")])


def source_history(db: Database, source: str, limit: int = 50) -> list[dict[str, Any]]:
    """The source's figures per run, newest first, with when each run started."""
    sql = ("select sr.*, r.started_at from source_runs sr join runs r on r.id = sr.run_id "
           "where sr.source = ? order by sr.run_id desc limit ?")
    return list(db.query(sql, [source, limit]))


def most_links(db: Database, source: str) -> int:
    """The most article links the source has ever shown in one run."""
    row = db.execute("select max(links) from source_runs where source = ?", [source]).fetchone()
    return int(row[0] or 0)


def first_run_at(db: Database, source: str) -> str | None:
    """When the source was first crawled: its silence before that is not held against it."""
    row = db.execute("select min(r.started_at) from source_runs sr join runs r on r.id = sr.run_id "
                     "where sr.source = ?", [source]).fetchone()
    return row[0] if row else None


def publish_times(db: Database, source: str, limit: int = 60) -> list[str]:
    """The source's latest publish dates (ISO strings, offsets may differ), newest stored first."""
    sql = ("select published_at from articles where source = ? and published_at is not null "
           "order by id desc limit ?")
    return [r["published_at"] for r in db.query(sql, [source, limit])]


def source_health(db: Database, source: str) -> dict[str, Any] | None:
    return next(iter(db.query("select * from sources where name = ?", [source])), None)


def record_health_change(db: Database, source: str, healthy: bool, reason: str | None,
                         run_id: int | None, channels: Iterable[str]) -> int:
    """Flip a source's health and queue one notice per operator channel, in one transaction.

    ``reason`` is why it is unhealthy, or for a recovery why it had been.
    """
    at = now()
    with db.atomic():
        db.execute("update sources set healthy = ?, health_reason = ?, health_changed_at = ? where name = ?",
                   [int(healthy), None if healthy else reason, at, source])
        cursor = db.execute(
            "insert into notices (source, state, reason, run_id, created_at) values (?, ?, ?, ?, ?)",
            [source, "recovered" if healthy else "unhealthy", reason, run_id, at])
        notice_id = int(cursor.lastrowid or 0)
        db.conn.executemany("insert into notice_deliveries (notice_id, channel, status, attempts) "
                       "values (?, ?, 'pending', 0)", [(notice_id, c) for c in dict.fromkeys(channels)])
    return notice_id


def update_health_reason(db: Database, source: str, reason: str | None) -> None:
    """Keep the stated reason current while the health state itself is unchanged."""
    with db.atomic():
        db.execute("update sources set health_reason = ? where name = ?", [reason, source])


def pending_notices(db: Database, channel: str) -> list[dict[str, Any]]:
    sql = ("select n.*, d.attempts from notice_deliveries d join notices n on n.id = d.notice_id "
           "where d.channel = ? and d.status = 'pending' order by n.id")
    return list(db.query(sql, [channel]))


def mark_notices(db: Database, channel: str, notice_ids: Iterable[int], error: str | None) -> None:
    """Record a delivery attempt: sent for good, or still pending with the (redacted) error."""
    ids = list(notice_ids)
    marks = ",".join("?" * len(ids))
    with db.atomic():
        if error is None:
            db.execute(f"update notice_deliveries set status = 'sent', sent_at = ?, last_error = null, "
                       f"attempts = attempts + 1 where channel = ? and notice_id in ({marks})",
                       [now(), channel, *ids])
        else:
            db.execute(f"update notice_deliveries set last_error = ?, attempts = attempts + 1 "
                       f"where channel = ? and notice_id in ({marks})", [error, channel, *ids])


def notices(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    """The latest health notices with how many channels still wait for each."""
    sql = ("select n.*, (select count(*) from notice_deliveries d where d.notice_id = n.id "
           "and d.status = 'pending') as pending from notices n order by n.id desc limit ?")
    return list(db.query(sql, [limit]))


def close_abandoned_runs(db: Database) -> int:
    """Mark runs left 'running' by a killed process; called only while holding the run lock."""
    with db.atomic():
        cursor = db.execute("update runs set status = 'abandoned', finished_at = ? "
                            "where status = 'running'", [now()])
        return max(cursor.rowcount, 0)


# ---------------------------------------------------------------- schedule state


@migrations()
def m005_schedule(db: Database) -> None:
    db["schedule_state"].create({
        "job": str, "since": str, "last_fire_at": str, "last_started_at": str,
        "last_finished_at": str, "last_status": str, "last_detail": str,
    }, pk="job")


def schedule_state(db: Database) -> dict[str, dict[str, Any]]:
    return {r["job"]: r for r in db.query("select * from schedule_state")}


def save_schedule_state(db: Database, job: str, **values: str | None) -> None:
    """Upsert one job's row; ``since`` is set only when the row is first created."""
    with db.atomic():
        db.execute("insert or ignore into schedule_state (job, since) values (?, ?)", [job, now()])
        if values:
            assignments = ", ".join(f"{key} = ?" for key in values)
            db.execute(f"update schedule_state set {assignments} where job = ?", [*values.values(), job])


def runs_since(db: Database, run_id: int, command: str | None = None) -> list[dict[str, Any]]:
    """Runs started after ``run_id`` (the scheduler reads what its child process recorded)."""
    sql = "select * from runs where id > ?" + (" and command = ?" if command else "") + " order by id"
    return list(db.query(sql, [run_id, command] if command else [run_id]))


def last_run_id(db: Database) -> int:
    row = db.execute("select max(id) from runs").fetchone()
    return int(row[0] or 0)
