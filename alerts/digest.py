"""What a digest holds: the events of a channel's watches, grouped by watch then type, best first.

A Digest is plain data built once per channel; every format (text, Markdown, HTML, JSON) and
every split part is rendered from it, so all of them say the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import db as store
from config import EVENT_TYPES, Channel, Config

# (中文, English) labels shown next to each event type.
# fmt: off
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "signing": ("签约落户", "Signing"),
    "investment": ("投资项目", "Investment"),
    "fund": ("产业基金", "Fund"),
    "park": ("园区开园", "Park"),
    "policy": ("政策措施", "Policy"),
    "approval": ("获批上市", "Approval"),
    "financing": ("融资上市", "Financing"),
    "ranking": ("榜单入选", "Ranking"),
    "other": ("其他动态", "Other"),
}
# fmt: on


@dataclass(frozen=True)
class TypeGroup:
    type: str
    label: str
    label_en: str
    events: tuple[dict[str, Any], ...]
    total: int  # events of this type in the whole digest (a split part may hold fewer)


@dataclass(frozen=True)
class WatchSection:
    name: str
    title: str
    groups: tuple[TypeGroup, ...]
    total: int  # events of this watch in the whole digest


@dataclass(frozen=True)
class Digest:
    """One channel's digest (or one part of it, once split for a service's size limit)."""

    channel: str | None
    watches: tuple[tuple[str, str], ...]  # (name, title) of every watch covered, even if empty
    sections: tuple[WatchSection, ...]
    generated_at: datetime
    period_start: datetime | None
    total_events: int
    total_articles: int
    total_outlets: int
    run: Mapping[str, Any] = field(default_factory=dict)
    failing_sources: tuple[Mapping[str, Any], ...] = ()
    operator: bool = False
    numbers: Mapping[str, int] = field(default_factory=dict)  # event id -> its number in the whole digest
    compact: bool = False  # one line per event: for chat groups when a digest is long
    part: int = 1
    parts: int = 1
    base_url: str | None = None  # [web] base_url: each event links to its page in the web app

    def event_url(self, event_id: str) -> str | None:
        """The event's page in the web app, when the app's address is configured."""
        return f"{self.base_url.rstrip('/')}/events/{event_id}" if self.base_url else None

    @property
    def events(self) -> list[dict[str, Any]]:
        """The events of this digest (or part) in display order."""
        return [e for s in self.sections for g in s.groups for e in g.events]

    @property
    def title(self) -> str:
        titles = [t for _, t in self.watches] or ["newswatch"]
        return "、".join(titles) if len(titles) <= 2 else f"{titles[0]} 等 {len(titles)} 项关注"

    @property
    def subject(self) -> str:
        """`【newswatch】生物医药产业集群 · 5 个新事件 · 2025-11-18`."""
        count = f"{self.total_events} 个新事件" if self.total_events else "无新事件"
        subject = f"【newswatch】{self.title} · {count} · {self.generated_at:%Y-%m-%d}"
        return subject + (f" ({self.part}/{self.parts})" if self.parts > 1 else "")

    @property
    def period(self) -> str:
        end = f"{self.generated_at:%Y-%m-%d %H:%M}"
        if self.period_start is None:
            return f"截至 {end}"
        return f"{self.period_start.astimezone(self.generated_at.tzinfo):%Y-%m-%d %H:%M} — {end}"

    @property
    def is_last(self) -> bool:
        return self.part == self.parts

    def only(self, event_ids: Iterable[str], part: int = 1, parts: int = 1) -> Digest:
        """The same digest restricted to some events (one part of a split message)."""
        keep = set(event_ids)
        sections = []
        for s in self.sections:
            groups = tuple(
                dataclasses.replace(g, events=tuple(e for e in g.events if e["id"] in keep)) for g in s.groups
            )
            groups = tuple(g for g in groups if g.events)
            if groups:
                sections.append(dataclasses.replace(s, groups=groups))
        return dataclasses.replace(self, sections=tuple(sections), part=part, parts=parts)


def local_zone(config: Config) -> tzinfo:
    """The schedule's time zone, which digests show dates in (China time if unknown)."""
    try:
        return ZoneInfo(config.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return store.CHINA


def channel_watches(config: Config, channel: Channel | None) -> list[tuple[str, str]]:
    """(name, title) of the watches a channel receives, in config order."""
    wanted = set(channel.watches) if channel is not None and channel.watches else None
    return [(w.name, w.title or w.name) for w in config.watches if wanted is None or w.name in wanted]


def build(
    db: store.Database,
    config: Config,
    event_ids: Sequence[str],
    *,
    channel: Channel | None = None,
    now: datetime | None = None,
    period_start: datetime | None = None,
    run_id: int | None = None,
) -> Digest:
    """Gather the events and the figures a digest shows; ordering is decided here, once."""
    zone = local_zone(config)
    generated = (now or datetime.now(UTC)).astimezone(zone)
    watches = channel_watches(config, channel)
    events = store.events(db, ids=event_ids) if event_ids else []
    relevance = store.event_relevance(db, [e["id"] for e in events])
    order = {name: i for i, (name, _) in enumerate(watches)}
    titles = dict(watches)
    by_watch: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_watch.setdefault(event["watch"], []).append(event)
    sections = []
    for name in sorted(by_watch, key=lambda n: (order.get(n, len(order)), n)):
        sections.append(
            WatchSection(name, titles.get(name, name), _groups(by_watch[name], relevance), len(by_watch[name]))
        )
    operator = bool(channel is not None and channel.operator)
    ordered = [e["id"] for s in sections for g in s.groups for e in g.events]
    return Digest(
        channel=channel.name if channel is not None else None,
        watches=tuple(watches),
        sections=tuple(sections),
        generated_at=generated,
        period_start=period_start or _earliest(events),
        total_events=len(events),
        total_articles=sum(len(e["articles"]) for e in events),
        total_outlets=len({a["source"] for e in events for a in e["articles"]}),
        run=store.run_figures(db, run_id) if run_id is not None else {},
        failing_sources=tuple(_redacted_sources(db, config)) if operator else (),
        operator=operator,
        numbers={event_id: i for i, event_id in enumerate(ordered, 1)},
        base_url=config.web.base_url,
    )


def _groups(events: list[dict[str, Any]], relevance: Mapping[str, float]) -> tuple[TypeGroup, ...]:
    def score(e: dict[str, Any]) -> tuple[float, int]:
        return (-relevance.get(e["id"], 0.0), -outlets(e))

    by_type: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        kind = event["type"] if event["type"] in TYPE_LABELS else "other"
        by_type.setdefault(kind, []).append(event)
    groups = []
    for kind, members in by_type.items():
        members.sort(key=event_date_key, reverse=True)
        members.sort(key=score)  # stable: equally relevant events stay newest first
        label, label_en = TYPE_LABELS[kind]
        groups.append(TypeGroup(kind, label, label_en, tuple(members), len(members)))
    # Types with the most relevant events first; "other" always last; ties keep the documented order.
    groups.sort(key=lambda g: (g.type == "other", score(g.events[0])[0], EVENT_TYPES.index(g.type)))
    return tuple(groups)


def _earliest(events: list[dict[str, Any]]) -> datetime | None:
    stamps = [s for s in (store.parse_time(e.get("first_seen")) for e in events) if s is not None]
    return min(stamps) if stamps else None


def _redacted_sources(db: store.Database, config: Config) -> Iterable[dict[str, Any]]:
    configured = {s.name for s in config.sources}
    for row in store.failing_sources(db):
        if row["name"] in configured:
            yield {
                "name": row["name"],
                "consecutive_failures": row["consecutive_failures"] or 0,
                "last_error": config.redact(row["last_error"] or row["health_reason"] or ""),
                "last_success_at": row["last_success_at"],
            }


# ---------------------------------------------------------------- what each format shows of an event


def outlets(event: Mapping[str, Any]) -> int:
    """How many different outlets reported the event."""
    return len({a.get("source") for a in event.get("articles", ())}) or 0


def event_date_key(event: Mapping[str, Any]) -> str:
    return event.get("published_at") or event.get("first_seen") or ""


def event_date(event: Mapping[str, Any], zone: tzinfo | None) -> str:
    """The event's date (earliest publication) in the digest's time zone, e.g. 2025-11-18."""
    raw = event.get("published_at") or event.get("first_seen")
    parsed = store.parse_time(raw)
    if parsed is None:
        return (raw or "")[:10]
    if len(raw or "") == 10:
        return raw or ""
    return f"{parsed.astimezone(zone):%Y-%m-%d}" if zone else f"{parsed:%Y-%m-%d}"


def names(values: Iterable[Any], limit: int = 6) -> list[str]:
    """Entity names from the event JSON (plain strings or objects with a name/text)."""
    out: list[str] = []
    for value in values:
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("text") or ""
        text = str(value).strip()
        if text and text not in out:
            out.append(text)
    return out[:limit]


def amounts(event: Mapping[str, Any], limit: int = 4) -> list[str]:
    """Money as written (`22.5亿元`), falling back to the CNY value."""
    out: list[str] = []
    for item in event.get("amounts", ()):
        text = item.get("text") or _yuan(item.get("value_cny")) if isinstance(item, Mapping) else str(item)
        if text and text not in out:
            out.append(text)
    return out[:limit]


def _yuan(value: Any) -> str:
    if not isinstance(value, (int, float)) or value <= 0:
        return ""
    if value >= 1e8:
        return f"{value / 1e8:.4g} 亿元"
    if value >= 1e4:
        return f"{value / 1e4:.4g} 万元"
    return f"{value:.0f} 元"
