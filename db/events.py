"""Events, the articles that reported them, and the delivery outbox (one row per channel and event).

Outbox status: pending (never tried), sending (a message carrying it is on its way; a row left
so by a crash is sent again), failed (retried after next_attempt_at), sent. ``batch`` names the
message a row was last sent in, so a crashed message can be replayed with the same idempotency key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from db.feedback import LIVE
from db.schema import dumps, in_chunks
from db.times import now

EVENT_JSON_FIELDS = ("places", "organizations", "amounts", "keywords")


def events(
    db: Database,
    since: str | None = None,
    watch: str | None = None,
    ids: Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events in the documented JSON shape (``newswatch events --json``), newest first; not those
    the team dismissed or merged into another. ``limit``/``offset``: one page of them."""
    where: list[str] = ["dismissed_at is null and merged_into is null"]
    params: list[Any] = []
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
    sql = "select * from events where " + " and ".join(where)
    sql += " order by coalesce(published_at, first_seen) desc, id"
    if limit is not None:
        sql += " limit ? offset ?"
        params.extend([limit, offset])
    rows = list(db.query(sql, params))
    links = _event_articles(db, [r["id"] for r in rows])
    return [
        {
            "id": r["id"],
            "watch": r["watch"],
            "type": r["type"],
            "title": r["title"],
            "summary": r["summary"],
            "first_seen": r["first_seen"],
            "published_at": r["published_at"],
            **{k: json.loads(r[k]) if r[k] else [] for k in EVENT_JSON_FIELDS},
            "articles": links.get(r["id"], []),
        }
        for r in rows
    ]


def _event_articles(db: Database, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for marks, chunk in in_chunks(event_ids):
        sql = (
            "select ea.event_id, a.url, a.title, a.source, a.published_at from event_articles ea "
            f"join articles a on a.id = ea.article_id where ea.event_id in ({marks}) "
            "order by coalesce(a.published_at, a.fetched_at), a.id"
        )
        for row in db.query(sql, chunk):
            out.setdefault(row.pop("event_id"), []).append(row)
    return out


def events_of_articles(db: Database, article_ids: Iterable[int]) -> dict[int, set[str]]:
    """{article id: watches whose events already hold it}."""
    out: dict[int, set[str]] = {}
    for marks, chunk in in_chunks(article_ids):
        sql = (
            "select ea.article_id, e.watch from event_articles ea join events e on e.id = ea.event_id "
            f"where ea.article_id in ({marks})"
        )
        for r in db.query(sql, chunk):
            out.setdefault(r["article_id"], set()).add(r["watch"])
    return out


def event_members_between(db: Database, watch: str, start: str, end: str) -> dict[str, list[int]]:
    """{event id: all its article ids} for the watch's events with an article dated in [start, end]."""
    sql = (
        "select distinct ea.event_id from event_articles ea join events e on e.id = ea.event_id "
        "join articles a on a.id = ea.article_id where e.watch = ? "
        "and coalesce(a.published_at, a.fetched_at) between ? and ?"
    )
    event_ids = [r["event_id"] for r in db.query(sql, [watch, start, end])]
    return event_members(db, event_ids)


def event_members(db: Database, event_ids: Iterable[str]) -> dict[str, list[int]]:
    ids = list(dict.fromkeys(event_ids))
    out: dict[str, list[int]] = {e: [] for e in ids}
    for marks, chunk in in_chunks(ids):
        sql = f"select event_id, article_id from event_articles where event_id in ({marks})"
        for r in db.query(sql, chunk):
            out[r["event_id"]].append(r["article_id"])
    return out


def event_first_seen(db: Database, event_ids: Iterable[str]) -> dict[str, str]:
    return {
        r["id"]: r["first_seen"]
        for marks, chunk in in_chunks(event_ids)
        for r in db.query(f"select id, first_seen from events where id in ({marks})", chunk)
    }


def events_of_latest_crawl(db: Database) -> list[str]:
    """Events first seen by the newest run that crawled (``run`` or ``crawl``): ``events --new``.

    First seen since it started, and after the crawl before it finished: times are kept to the
    second, and a quick run may start within the second the one before stored its events."""
    crawls = list(
        db.query("select started_at, finished_at from runs where command in ('run', 'crawl') order by id desc limit 2")
    )
    if not crawls:
        return []
    sql = "select id from events where first_seen >= ?"
    params = [crawls[0]["started_at"]]
    if len(crawls) > 1 and crawls[1]["finished_at"]:
        sql += " and first_seen > ?"
        params.append(crawls[1]["finished_at"])
    return [r["id"] for r in db.query(sql + " order by first_seen", params)]


UNDELIVERED = ("pending", "sending", "failed")


def store_event(db: Database, event: Mapping[str, Any], article_ids: Iterable[int] = ()) -> None:
    """Insert or replace one event (the events JSON shape plus ``relevance``) and link its articles."""
    at = now()
    row = {k: event.get(k) for k in ("id", "watch", "type", "title", "summary", "published_at")}
    row.update({k: dumps(list(event.get(k) or [])) for k in EVENT_JSON_FIELDS})
    row.update(first_seen=event.get("first_seen") or at, updated_at=at, relevance=float(event.get("relevance") or 0.0))
    with db.atomic():
        db.table("events").upsert(row, pk="id")
        db.conn.executemany(
            "insert or ignore into event_articles (event_id, article_id, added_at) values (?, ?, ?)",
            [(row["id"], a, at) for a in article_ids],
        )


def enqueue_deliveries(db: Database, channel: str, event_ids: Iterable[str]) -> int:
    """Add a pending row per event not yet in the channel's outbox; returns how many were added."""
    at = now()
    with db.atomic():
        cursor = db.conn.executemany(
            "insert or ignore into deliveries (channel, event_id, status, attempts, created_at) "
            "values (?, ?, 'pending', 0, ?)",
            [(channel, e, at) for e in dict.fromkeys(event_ids)],
        )
        return max(cursor.rowcount, 0)


def events_without_delivery(db: Database, channel: str, watches: Iterable[str] | None, since: str) -> list[str]:
    """Ids of events first seen since ``since`` (of these watches) that the channel has no row for."""
    sql = (
        f"select id from events e where first_seen >= ? and {LIVE} and not exists "
        "(select 1 from deliveries d where d.channel = ? and d.event_id = e.id)"
    )
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
    sql = (
        "select d.event_id, d.status, d.attempts, d.last_error, d.next_attempt_at, d.batch, d.channel_config, "
        "d.created_at, e.watch, e.type, e.relevance, e.first_seen from deliveries d "
        f"join events e on e.id = d.event_id where d.channel = ? and d.status in ({marks}) and {LIVE} "
        "order by e.first_seen, d.event_id"
    )
    return list(db.query(sql, [channel, *UNDELIVERED]))


def event_relevance(db: Database, event_ids: Iterable[str]) -> dict[str, float]:
    """Each event's relevance score (not part of the event JSON, used to order digests)."""
    out: dict[str, float] = {}
    for marks, chunk in in_chunks(event_ids):
        sql = f"select id, relevance from events where id in ({marks})"
        out.update((r["id"], r["relevance"] or 0.0) for r in db.query(sql, chunk))
    return out


def _update_deliveries(
    db: Database, channel: str, event_ids: Iterable[str], assignments: str, params: list[Any]
) -> None:
    with db.atomic():
        for marks, chunk in in_chunks(event_ids):
            db.execute(
                f"update deliveries set {assignments} where channel = ? and event_id in ({marks})",
                [*params, channel, *chunk],
            )


def mark_sending(db: Database, channel: str, event_ids: Iterable[str], batch: str) -> None:
    """Record, before the message leaves, that these events are on their way in ``batch``."""
    _update_deliveries(db, channel, event_ids, "status = 'sending', batch = ?, attempts = attempts + 1", [batch])


def mark_sent(db: Database, channel: str, event_ids: Iterable[str]) -> None:
    """The channel accepted the message: these events are delivered to it for good."""
    _update_deliveries(
        db, channel, event_ids, "status = 'sent', sent_at = ?, last_error = null, next_attempt_at = null", [now()]
    )


def mark_failed(
    db: Database,
    channel: str,
    event_ids: Iterable[str],
    error: str,
    next_attempt_at: str | None,
    channel_config: str | None = None,
) -> None:
    """Keep these events pending with the (already redacted) error, when to try again (None: at
    once) and the fingerprint of the channel configuration that failed."""
    _update_deliveries(
        db,
        channel,
        event_ids,
        "status = 'failed', last_error = ?, next_attempt_at = ?, channel_config = ?",
        [error, next_attempt_at, channel_config],
    )


def last_delivery_at(db: Database, channel: str) -> str | None:
    """When the channel last accepted a digest carrying events (the start of the next period)."""
    row = db.execute("select max(sent_at) from deliveries where channel = ? and status = 'sent'", [channel]).fetchone()
    return row[0] if row else None


def delivery_counts(db: Database) -> list[dict[str, Any]]:
    """Per channel and status: how many rows, the oldest, an error and the next retry (for `status`)."""
    sql = (
        "select channel, status, count(*) as events, min(created_at) as oldest, "
        "max(last_error) as last_error, min(next_attempt_at) as next_attempt_at "
        "from deliveries group by channel, status order by channel, status"
    )
    return list(db.query(sql))
