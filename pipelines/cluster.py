"""Grouping after a crawl: each new article that matched a watch joins that watch's event for
the same happening, or starts one; the event is then rewritten from all its reports.

Whether two reports tell one happening, and an event's one type, are the rules of
``pipelines.happenings``; this module reads the stored articles, applies them and writes events.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np

import db as store
from config import Config
from pipelines import event_types, happenings, minhash, money, organizations, park_names, parks, places, text, watches
from pipelines.analyse import Context, analyse, context
from pipelines.article import Article
from pipelines.organizations import KnownOrganizations

log = logging.getLogger(__name__)

OFFICIAL_TAG = "official"
OFFICIAL_HOSTS = (".gov.cn", ".gov.hk", ".gov.mo", ".gov.tw", ".gov")


def official(source: str, url: str, config: Config) -> bool:
    """A government source: tagged ``official`` in the config, or on a .gov.cn (.gov.hk …) host."""
    for s in config.sources:
        if s.name == source and OFFICIAL_TAG in s.tags:
            return True
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(OFFICIAL_HOSTS)


_UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def _when(row: Mapping[str, Any]) -> datetime:
    """When an article happened: published, else fetched; an unreadable time sorts first."""
    return store.parse_time(row.get("published_at") or row.get("fetched_at")) or _UNDATED


def report(row: Mapping[str, Any], ctx: Context) -> happenings.Report:
    """The clustering view of a stored, analysed article."""
    g = ctx.gazetteer
    admin = [p for name in row["places"] for p in g.full.get(name, [])[:1]]
    zones = {name: _zone_of(g, text.fold(name)) for name in row["parks"]}
    parents = (g.places[z].parent for z in zones.values() if z is not None)
    sited = admin + [p for p in parents if p is not None]  # a known zone says where it happened
    sig = np.frombuffer(row["signature"], dtype=np.uint32) if row.get("signature") else None
    return happenings.Report(
        id=row["id"],
        when=_when(row),
        title=text.fold(row["title"] or ""),
        lang=row["lang"] or "",
        type=row["event_type"] or "other",
        places=frozenset(row["places"]),
        districts=frozenset(g.name(p) for p in admin if g.places[p].level == "county"),
        areas=frozenset(g.name(a) for p in admin for a in g.chain(p)),
        localities=frozenset(g.name(a) for p in admin for a in g.chain(p) if g.places[a].level != "province"),
        sites=frozenset(g.name(a) for p in sited for a in g.chain(p) if g.places[a].level not in _NOT_SITES),
        parks=frozenset(_park_key(g, name, zone, ctx.known.places) for name, zone in zones.items()),
        headline_sites=_headline_sites(row, g, zones, ctx.known),
        organizations=frozenset(ctx.known.key(text.fold(o)) for o in row["organizations"]),
        headline_organizations=_headline_organizations(row, ctx),
        amounts=tuple(float(a["value_cny"]) for a in row["amounts"]),
        headline_amounts=tuple(money.values(text.fold(text.to_simplified(row["title"] or "")), ctx.rates)),
        figures=frozenset(happenings.figure(float(f)) for f in row["figures"]),
        keywords={k: text.idf(k) for k in row["keywords"]},
        signature=sig,
    )


_NOT_SITES = ("province", "zone", "region")


def _headline_sites(
    row: Mapping[str, Any], g: places.Gazetteer, zones: Mapping[str, int | None], known: KnownOrganizations
) -> frozenset[str]:
    """The places and parks a report's headline names (山西, 大同经济技术开发区): for a policy, who issued it.
    A place inside an organisation's name there (港大深圳医院) is that organisation's, not an issuer."""
    title = text.fold(text.to_simplified(row["title"] or ""))
    for start, end in organizations.mentions(text.segment(title, simplified=True), known):
        title = title[:start] + " " * (end - start) + title[end:]
    place_names = known.places
    named = {p for p in row["places"] if p in title or (len(stem := p.rstrip("省市区县")) >= 2 and stem in title)}
    named |= {_park_key(g, n, z, place_names) for n, z in zones.items() if text.fold(n) in title}
    return frozenset(named)


def _headline_organizations(row: Mapping[str, Any], ctx: Context) -> frozenset[str]:
    """The keys of the organisations a report's headline names, whole or by their key (峻和生物, 鹤康)."""
    title = text.fold(text.to_simplified(row["title"] or "")).lower().replace(" ", "")
    keys = {o: ctx.known.key(text.fold(o)) for o in row["organizations"]}
    return frozenset(
        k
        for o, k in keys.items()
        if len(k) >= 2
        and not (text.is_chinese(k) and k in ctx.known.places)  # 梧州, the key of a city's body; Chenxi is a brand
        and (k in title or text.fold(o).lower() in title)
    )


def _zone_of(g: places.Gazetteer, folded: str) -> int | None:
    """The known zone a park name spells (河套深港科技创新合作区, Zhangjiang Science City), if any."""
    ids = g.lookup(folded)
    return ids[0] if ids else park_names.known_zone(g, folded)[0]


def _park_key(g: places.Gazetteer, name: str, zone: int | None, place_names: frozenset[str]) -> str:
    """One spelling per park: a known zone's name, else the name without a leading place when
    the rest still names a park (佛山云东海生物医药产业园 and 云东海生物医药产业园 are one park;
    广州生物医药产业园 and 苏州生物医药产业园 are two)."""
    if zone is not None:
        return g.name(zone)
    key = park_names.short_form(text.fold(name))
    for size in range(min(len(key) - 4, 24), 1, -1):
        if key[:size] in place_names:
            rest = key[size:]
            return rest if _names_a_park(rest, place_names) else key
    return key


@lru_cache(maxsize=4096)  # the same parks come up report after report
def _names_a_park(name: str, place_names: frozenset[str]) -> bool:
    """True when the whole of ``name`` is a park by its form: a proper name before 产业园, 基地…"""
    found = parks.find(text.segment(name, simplified=True), name, place_names)
    return bool(found) and found[0][1:] == (0, len(name))


def cluster(db: store.Database, config: Config, article_ids: Iterable[int]) -> list[str]:
    """Put new articles into events; returns the ids of events created (not those updated).

    An article that matched a watch joins the event of the same happening or starts one; one
    that matched only weakly (below ``min_score``) may join an event but starts none, and then
    counts as matching the watch. Articles stored without analysis are analysed here first.
    An article already in an event of a watch is left there, so running this twice changes
    nothing; the ``updated_at`` of every event that gained an article moves to now.
    """
    ids = list(dict.fromkeys(article_ids))
    results = []
    for stored in store.unanalysed(db, ids):
        try:
            results.append((stored["id"], analyse(_article(stored), config)))
        except Exception:  # per-article boundary: one odd text must not stop the others' events
            log.warning(
                "analysing article %s (%s) failed; it joins no event", stored["id"], stored["url"], exc_info=True
            )
    store.save_analysis(db, results)
    ctx = context(config)
    rows = store.analysed_articles(db, ids)
    placed = store.events_of_articles(db, ids)
    created: list[str] = []
    touched: set[str] = set()
    window = timedelta(days=config.analysis.cluster_days)
    for watch in config.watches:
        fresh = [r for r in rows if watch.name not in placed.get(r["id"], set())]
        strong = [r for r in fresh if watch.name in r["watches"]]
        weak = [r for r in fresh if watch.name in r["terms"] and watch.name not in r["watches"]]
        if not strong and not weak:
            continue
        start = (min(_when(r) for r in strong + weak) - window).isoformat()
        end = (max(_when(r) for r in strong + weak) + window).isoformat()
        members = store.event_members_between(db, watch.name, start, end)
        known_rows = {r["id"]: r for r in store.analysed_articles(db, {a for m in members.values() for a in m})}
        groups = {e: [report(known_rows[a], ctx) for a in arts if a in known_rows] for e, arts in members.items()}
        reprints = _Reprints()
        for owner, group in groups.items():
            for m in group:
                reprints.add(owner, m)
        added: dict[str, list[int]] = {}
        joined_weakly: list[tuple[int, dict[str, Any]]] = []
        incoming = {row["id"]: report(row, ctx) for row in [*strong, *weak]}
        common = happenings.common_names([*incoming.values(), *(m for g in groups.values() for m in g)])
        for row in [*strong, *weak]:
            r = incoming[row["id"]]
            event_id = reprints.event_of(r) or happenings.best_event(
                r,
                groups,
                config.analysis.cluster_days,
                common,
                weak=row in weak,
                elsewhere=watches.other_industries(watch, text.segment(text.to_simplified(row["title"] or "")))
                if row in weak
                else (),
            )
            if event_id is None:
                if row in weak:
                    continue
                event_id = event_key(watch.name, row["url"])
                groups[event_id] = []
                created.append(event_id)
            elif row in weak:
                row["watches"] = [*row["watches"], watch.name]
                joined_weakly.append((row["id"], {"watches": row["watches"]}))
            groups[event_id].append(r)
            reprints.add(event_id, r)
            known_rows[row["id"]] = row
            added.setdefault(event_id, []).append(row["id"])
        store.save_analysis(db, joined_weakly)
        for event_id, new_ids in added.items():
            all_ids = [r.id for r in groups[event_id]]
            _store(db, config, ctx, watch.name, event_id, [known_rows[a] for a in all_ids], new_ids)
            touched.add(event_id)
    log.info("clustering: %d new events, %d updated", len(created), len(touched) - len(created))
    return created


class _Reprints:
    """MinHash LSH over the reports of a watch's recent events, to find the event a reprint joins."""

    def __init__(self) -> None:
        self.lsh: minhash.LSH[int] = minhash.LSH(happenings.NEAR_DUPLICATE)
        self.owner: dict[int, tuple[str, happenings.Report]] = {}

    @staticmethod
    def _signature(r: happenings.Report) -> np.ndarray | None:
        """The report's signature if it has a whole one."""
        return r.signature if r.signature is not None and len(r.signature) == minhash.NUM_PERM else None

    def add(self, event_id: str, r: happenings.Report) -> None:
        signature = self._signature(r)
        if signature is not None and r.id not in self.owner:
            self.lsh.insert(r.id, signature)
            self.owner[r.id] = (event_id, r)

    def event_of(self, r: happenings.Report) -> str | None:
        """The event holding the closest near-duplicate (Jaccard ≥ NEAR_DUPLICATE), if any."""
        signature = self._signature(r)
        if signature is None:
            return None
        scored = [
            (happenings.jaccard(signature, self.owner[k][1].signature), self.owner[k][0])
            for k in self.lsh.query(signature)
        ]
        scored = [s for s in scored if s[0] >= happenings.NEAR_DUPLICATE]
        return max(scored)[1] if scored else None


def rebuild(db: store.Database, config: Config, watch: str, event_id: str, article_ids: Iterable[int]) -> bool:
    """Write an event anew from exactly these reports (after a merge or a split the team asked
    for); False when none of them is analysed, and nothing is written."""
    rows = store.analysed_articles(db, article_ids)
    if not rows:
        return False
    _store(db, config, context(config), watch, event_id, rows, [r["id"] for r in rows])
    return True


def event_key(watch: str, url: str) -> str:
    """A stable event id: the watch and the URL of the first report."""
    return "ev-" + hashlib.blake2b(f"{watch}\n{url}".encode(), digest_size=8).hexdigest()


def _article(row: Mapping[str, Any]) -> Article:
    return Article(
        url=row["url"],
        source=row["source"],
        title=row["title"] or "",
        published_at=row["published_at"],
        lang=row["lang"] or "zh-hans",
        body=row["body"] or "",
        fetched_at=row["fetched_at"] or store.now(),
        content_hash=row["content_hash"] or "",
    )


def _store(
    db: store.Database,
    config: Config,
    ctx: Context,
    watch: str,
    event_id: str,
    rows: Sequence[Mapping[str, Any]],
    new_ids: Sequence[int],
) -> None:
    """Write an event from all its reports (headline, summary, type and entities recomputed)."""
    rows = sorted(rows, key=lambda r: (_when(r), r["id"]))
    head = min(
        rows,
        key=lambda r: (
            not official(r["source"], r["url"], config),
            {"zh-hans": 0, "zh-hant": 1}.get(r["lang"], 2),
            _when(r),
            r["id"],
        ),
    )
    bodies = store.article_bodies(db, [head["id"]])
    kind = happenings.one_type([(r["event_type"] or "other", official(r["source"], r["url"], config)) for r in rows])
    first_seen = store.event_first_seen(db, [event_id]).get(event_id)
    store.store_event(
        db,
        {
            "id": event_id,
            "watch": watch,
            "type": kind,
            "title": text.to_simplified(head["title"] or ""),
            "summary": text.to_simplified(event_types.summary(bodies.get(head["id"], ""))),
            "first_seen": first_seen,
            "published_at": next((r["published_at"] for r in rows if r["published_at"]), None),
            "places": _ranked(r["places"] for r in rows),
            "organizations": _ranked((text.to_simplified(o) for o in r["organizations"]) for r in rows),
            "amounts": _amounts(rows),
            "keywords": _keywords(watch, rows),
            "relevance": max(float(r["relevance"] or 0) for r in rows),
        },
        new_ids,
    )


def _ranked(lists: Iterable[Iterable[str]]) -> list[str]:
    counts: Counter[str] = Counter()
    for items in lists:
        counts.update(list(dict.fromkeys(items)))
    return [k for k, _ in counts.most_common()]


def _amounts(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in rows:
        for a in r["amounts"]:
            value = float(a["value_cny"])
            if not any(abs(float(o["value_cny"]) - value) <= 0.005 * value for o in out):
                out.append({"text": a["text"], "value_cny": a["value_cny"]})
    return out


def _keywords(watch: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    matched = _ranked(r["terms"].get(watch, []) for r in rows)
    rest = event_types.keywords_of(r["keywords"] for r in rows)
    return list(dict.fromkeys([*matched, *rest]))[:10]
