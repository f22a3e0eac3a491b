"""What the web app reads: a page of events under filters, one event with its reports, and each
source's articles by day. Every query is bounded (a page, an event, 30 days) so a page stays fast
on a database of years."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from db.events import EVENT_JSON_FIELDS

_WHEN = "coalesce(e.published_at, e.first_seen)"


@dataclass(frozen=True)
class EventFilter:
    """The filters of the events page; ``places`` is every name that counts (a city and its districts)."""

    watch: str | None = None
    type: str | None = None
    places: tuple[str, ...] = ()
    source: str | None = None
    start: str | None = None  # a date, inclusive
    end: str | None = None  # a date, inclusive
    text: str | None = None
    dismissed: bool = False  # the dismissed events instead of the live ones


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["e.merged_into is null", f"e.dismissed_at is {'not ' if f.dismissed else ''}null"]
    params: list[Any] = []
    for column, value in (("e.watch", f.watch), ("e.type", f.type)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.places:
        clauses.append("exists (select 1 from json_each(e.places) where value in (select value from json_each(?)))")
        params.append(json.dumps(f.places, ensure_ascii=False))
    if f.source:
        clauses.append(
            "exists (select 1 from event_articles ea join articles a on a.id = ea.article_id "
            "where ea.event_id = e.id and a.source = ?)"
        )
        params.append(f.source)
    if f.start:
        clauses.append(f"{_WHEN} >= ?")
        params.append(f.start)
    if f.end:  # before the next day: a bound the (watch, happened) index can stop at
        clauses.append(f"{_WHEN} < ?")
        params.append((date.fromisoformat(f.end) + timedelta(days=1)).isoformat())
    if f.text:
        clauses.append("(instr(e.title, ?) > 0 or instr(e.summary, ?) > 0)")
        params.extend([f.text, f.text])
    return " where " + " and ".join(clauses), params


def event_page(db: Database, f: EventFilter, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of events, newest first, each with its number of outlets; and how many match in all."""
    where, params = _where(f)
    total = next(iter(db.query(f"select count(*) as n from events e{where}", params)))["n"]
    sql = (
        f"select e.*, {_WHEN} as happened_at, "
        "(select count(distinct a.source) from event_articles ea join articles a on a.id = ea.article_id "
        "where ea.event_id = e.id) as outlets "
        f"from events e{where} order by {_WHEN} desc, e.id limit ? offset ?"
    )
    rows = [_decoded(r) for r in db.query(sql, [*params, limit, offset])]
    return rows, total


def event_detail(db: Database, event_id: str) -> dict[str, Any] | None:
    """One event with every report of it (oldest first), or None."""
    rows = list(
        db.query(
            "select e.*, coalesce(e.published_at, e.first_seen) as happened_at from events e where id = ?", [event_id]
        )
    )
    if not rows:
        return None
    event = _decoded(rows[0])
    event["reports"] = list(
        db.query(
            "select a.id, a.url, a.title, a.source, a.published_at, a.fetched_at, ea.added_at "
            "from event_articles ea join articles a on a.id = ea.article_id where ea.event_id = ? "
            "order by coalesce(a.published_at, a.fetched_at), a.id",
            [event_id],
        )
    )
    return event


def events_of(db: Database, article_ids: Iterable[int]) -> dict[int, str]:
    """The event each article belongs to (one of them where it belongs to several watches' events)."""
    ids = list(article_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.query(
        f"select article_id, min(event_id) as event_id from event_articles where article_id in ({marks}) group by article_id",
        ids,
    )
    return {r["article_id"]: r["event_id"] for r in rows}


def articles_by_day(db: Database, since: str) -> dict[str, dict[str, int]]:
    """Articles fetched per source and day (``YYYY-MM-DD``) since a time."""
    out: dict[str, dict[str, int]] = {}
    # Grouped by day first: grouped by source first, SQLite walks the (source, published_at)
    # index over every article instead of the fetched_at range (180 ms against 5 ms on 100,000).
    sql = (
        "select source, substr(fetched_at, 1, 10) as day, count(*) as n from articles "
        "where fetched_at >= ? group by day, source"
    )
    for r in db.query(sql, [since]):
        out.setdefault(r["source"], {})[r["day"]] = r["n"]
    return out


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    for key in EVENT_JSON_FIELDS:
        row[key] = json.loads(row[key]) if row.get(key) else []
    return row
