"""Feedback rows, and the event changes they stand for: dismissed, merged, split off.

An event that is dismissed or merged stays in the table (its id keeps working: a merged one
points to the event it became) but is in no list, feed or digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from db.times import now

ACTIONS = ("dismiss", "restore", "relevant", "merge", "split")
LIVE = "e.dismissed_at is null and e.merged_into is null"  # an event lists, feeds and digests show


def record(
    db: Database,
    action: str,
    who: str,
    *,
    watch: str | None = None,
    event_id: str | None = None,
    article_id: int | None = None,
    target_event_id: str | None = None,
    note: str | None = None,
) -> int:
    """Store one piece of feedback; returns its id."""
    if action not in ACTIONS:
        raise ValueError(f"unknown feedback action {action!r}")
    row = {
        "at": now(),
        "who": who,
        "action": action,
        "watch": watch,
        "event_id": event_id,
        "article_id": article_id,
        "target_event_id": target_event_id,
        "note": note,
    }
    return int(db.table("feedback").insert(row).last_pk or 0)


def set_dismissed(db: Database, event_id: str, dismissed: bool) -> None:
    db.execute("update events set dismissed_at = ? where id = ?", [now() if dismissed else None, event_id])


def merge_links(db: Database, source_id: str, target_id: str) -> list[int]:
    """Move every report of ``source_id`` to ``target_id`` and mark the source merged; the ids moved."""
    ids = [r["article_id"] for r in db.query("select article_id from event_articles where event_id = ?", [source_id])]
    with db.atomic():
        db.conn.executemany(
            "insert or ignore into event_articles (event_id, article_id, added_at) values (?, ?, ?)",
            [(target_id, a, now()) for a in ids],
        )
        db.execute("delete from event_articles where event_id = ?", [source_id])
        db.execute("update events set merged_into = ? where id = ?", [target_id, source_id])
        db.execute("update events set merged_into = ? where merged_into = ?", [target_id, source_id])
    return ids


def unlink(db: Database, event_id: str, article_id: int) -> None:
    db.execute("delete from event_articles where event_id = ? and article_id = ?", [event_id, article_id])


def event_articles(db: Database, event_id: str) -> list[int]:
    return [r["article_id"] for r in db.query("select article_id from event_articles where event_id = ?", [event_id])]


def event_of_article(db: Database, article_id: int, watch: str) -> str | None:
    """The watch's event holding the article, if one does."""
    rows = db.query(
        "select e.id from event_articles ea join events e on e.id = ea.event_id where ea.article_id = ? and e.watch = ?",
        [article_id, watch],
    )
    return next((r["id"] for r in rows), None)


def event_row(db: Database, event_id: str) -> dict[str, Any] | None:
    rows = list(db.query("select * from events where id = ?", [event_id]))
    return rows[0] if rows else None


def feedback_rows(db: Database) -> list[dict[str, Any]]:
    """Every piece of feedback, oldest first."""
    return list(db.query("select * from feedback order by id"))


def labelled_articles(db: Database, watches: Iterable[str]) -> list[dict[str, Any]]:
    """Articles the team labelled for a watch, the latest word on each: ``relevant`` false for the
    reports of a dismissed event, true for an article marked relevant; with title and body."""
    names = list(watches)
    if not names:
        return []
    marks = ",".join("?" * len(names))
    sql = (
        "select f.watch, a.id, a.url, a.title, a.body, f.action, f.id as fid from feedback f "
        "join event_articles ea on f.action in ('dismiss', 'restore') and ea.event_id = f.event_id "
        f"join articles a on a.id = ea.article_id where f.watch in ({marks}) "
        "union all "
        "select f.watch, a.id, a.url, a.title, a.body, f.action, f.id as fid from feedback f "
        f"join articles a on f.action = 'relevant' and a.id = f.article_id where f.watch in ({marks}) "
        "order by fid"
    )
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for r in db.query(sql, [*names, *names]):
        latest[(r["watch"], r["id"])] = r
    out = []
    for r in latest.values():
        if r["action"] == "restore":
            continue  # the team took its dismissal back: no label either way
        out.append(
            {
                "watch": r["watch"],
                "url": r["url"],
                "title": r["title"] or "",
                "body": r["body"] or "",
                "relevant": r["action"] == "relevant",
            }
        )
    return out
