"""What a team says of events and articles, stored and honoured.

- **dismiss** (not relevant): the event leaves every list, feed and pending digest; its reports
  become examples of what the watch is not about. **restore** takes that back.
- **relevant**: an article that matched no watch becomes an event of the watch, and an example.
- **merge**: two events that tell one happening become one; the merged one's id points to it.
- **split**: a report that tells another happening leaves its event and starts its own.

Merges and splits are changes to ``event_articles``, and clustering never moves an article that
is already in an event of a watch, so later runs keep them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import db as store
from config import Config
from errors import FeedbackError
from pipelines.cluster import event_key, rebuild


def _event(db: store.Database, event_id: str) -> dict[str, Any]:
    row = store.event_row(db, event_id)
    if row is None:
        raise FeedbackError(f"no event {event_id!r}")
    return row


def dismiss(db: store.Database, event_id: str, who: str, note: str | None = None) -> None:
    event = _event(db, event_id)
    store.set_dismissed(db, event_id, True)
    store.record(db, "dismiss", who, watch=event["watch"], event_id=event_id, note=note)


def restore(db: store.Database, event_id: str, who: str) -> None:
    event = _event(db, event_id)
    store.set_dismissed(db, event_id, False)
    store.record(db, "restore", who, watch=event["watch"], event_id=event_id)


def merge(db: store.Database, config: Config, event_id: str, into: str, who: str) -> None:
    """Move every report of ``event_id`` into ``into`` and recompute it from all of them."""
    source, target = _event(db, event_id), _event(db, into)
    if event_id == into:
        raise FeedbackError("an event cannot be merged with itself")
    if source["watch"] != target["watch"]:
        raise FeedbackError(f"{event_id} and {into} belong to different watches ({source['watch']}, {target['watch']})")
    if target["merged_into"]:
        raise FeedbackError(f"{into} was itself merged into {target['merged_into']}; merge into that one")
    store.merge_links(db, event_id, into)
    rebuild(db, config, target["watch"], into, store.event_articles(db, into))
    store.record(db, "merge", who, watch=target["watch"], event_id=event_id, target_event_id=into)


def split(db: store.Database, config: Config, event_id: str, article_id: int, who: str) -> str:
    """Take one report out of its event into an event of its own; returns the new event's id."""
    event = _event(db, event_id)
    members = store.event_articles(db, event_id)
    if article_id not in members:
        raise FeedbackError(f"article {article_id} is not a report of {event_id}")
    if len(members) == 1:
        raise FeedbackError(f"article {article_id} is the only report of {event_id}; nothing to split")
    url = next(iter(store.analysed_articles(db, [article_id])), {}).get("url") or str(article_id)
    new_id = event_key(event["watch"], f"{url}#split-from-{event_id}")
    store.unlink(db, event_id, article_id)
    rebuild(db, config, event["watch"], event_id, [a for a in members if a != article_id])
    rebuild(db, config, event["watch"], new_id, [article_id])
    store.record(
        db, "split", who, watch=event["watch"], event_id=event_id, article_id=article_id, target_event_id=new_id
    )
    return new_id


def mark_relevant(db: store.Database, config: Config, article_id: int, watch: str, who: str) -> str:
    """An article the rules missed becomes an event of the watch (or is already in one); its id."""
    if watch not in {w.name for w in config.watches}:
        raise FeedbackError(f"no watch named {watch!r}")
    rows = store.analysed_articles(db, [article_id])
    if not rows:
        raise FeedbackError(f"no analysed article {article_id}")
    placed = store.event_of_article(db, article_id, watch)
    event_id = placed or event_key(watch, rows[0]["url"])
    if placed is None:
        rebuild(db, config, watch, event_id, [article_id])
    store.record(db, "relevant", who, watch=watch, article_id=article_id, event_id=event_id)
    return event_id


def examples(db: store.Database, watches: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The team's labels as examples for ``newswatch learn``, by watch."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in store.labelled_articles(db, watches):
        out.setdefault(row["watch"], []).append(row)
    return out


def export_lines(db: store.Database, watches: Iterable[str]) -> list[str]:
    """JSON Lines in the examples format (``"relevant": {"watch": bool}``), one per labelled article."""
    return [
        json.dumps(
            {"url": r["url"], "title": r["title"], "body": r["body"], "relevant": {r["watch"]: r["relevant"]}},
            ensure_ascii=False,
        )
        for r in store.labelled_articles(db, watches)
    ]
