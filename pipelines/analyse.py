"""The analysis stage for one article, run in the crawl's worker processes.

``analyse`` cuts an article once with jieba and reads everything from that one cut: places,
parks, organisations, money, event type, watch matches, keywords, a MinHash signature for
reprint detection and the segmented text for full-text search. Grouping the analysed
articles into events is ``pipelines.cluster``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import db as store
from config import Config
from pipelines import (
    event_types,
    happenings,
    learn,
    minhash,
    money,
    organizations,
    park_forms,
    park_names,
    parks,
    places,
    text,
    watches,
)
from pipelines.article import Article

log = logging.getLogger(__name__)

SHINGLE = 5


@dataclass(frozen=True)
class Context:
    """What analysis needs from the configuration, built once per process."""

    gazetteer: places.Gazetteer
    known: organizations.KnownOrganizations
    rates: money.Rates
    models: Mapping[str, learn.Model]  # the watches' learned models, by watch name


@lru_cache(maxsize=4)
def context(config: Config) -> Context:
    """Gazetteer, organisation list, rates and learned models for a config; teaches jieba their names."""
    a = config.analysis
    g, known = _names(tuple(a.places), tuple(a.organizations))
    terms = [t for w in config.watches for t in (*w.keywords, *w.require, *w.exclude) if not t.startswith("/")]
    # The user dictionary after the shipped names, as in a worker whose fork server loaded those.
    text.add_words([text.fold(t) for t in terms], user_dict=a.user_dict)
    return Context(g, known, money.Rates(usd=a.usd_cny, eur=a.eur_cny, hkd=a.hkd_cny), learn.load_models(config))


@lru_cache(maxsize=4)
def _names(
    extra_places: tuple[str, ...], extra_organizations: tuple[str, ...]
) -> tuple[places.Gazetteer, organizations.KnownOrganizations]:
    """The gazetteer and organisation list for these additions, their names taught to jieba once.

    Cached, so a worker forked after the fork server built the shipped pair does not walk their
    names again: touching each of them copied ~6 MB of the server's pages into every worker.
    """
    g = places.gazetteer(extra_places)
    known = organizations.known_organizations(extra_organizations, places.names(g))
    text.add_words(places.cities_for_tokenizer(g), at_least=True)
    text.add_words([*places.words_for_tokenizer(g), *known.chinese])
    return g, known


def load_shipped_tables() -> None:
    """Load what analysis needs whatever the config: jieba with the shipped dictionary, the
    shipped gazetteer and organisation list (what ``context`` builds for a config that adds no
    places or organisations), the IDF and part-of-speech tables and the MinHash permutations.

    A fork server loads this once and its workers share it (``pipelines.preload``).
    """
    _names((), ())
    text.read_tables()
    minhash.permutations()


def load_tables(config: Config) -> None:
    """Load the shipped tables and what ``config`` adds to them now, not on the first article."""
    load_shipped_tables()
    context(config)


def learn_models(
    config: Config, names: Iterable[str] = (), feedback: Mapping[str, Sequence[learn.Example]] | None = None
) -> list[learn.Learned]:
    """``newswatch learn``: train the watches' models on examples cut as analysis cuts articles;
    analysis in this process then loads the new models."""
    context(config)
    out = learn.learn_watches(config, names, feedback)
    context.cache_clear()
    return out


def _split(seg: text.Segmented, at: int) -> tuple[text.Segmented, text.Segmented]:
    """The part of one cut before offset ``at`` and the part after the newline there."""
    pos = i = 0
    while i < len(seg.tokens) and pos < at:
        pos += len(seg.tokens[i])
        i += 1
    head = text.Segmented(seg.text[:pos], seg.tokens[:i])
    if i < len(seg.tokens) and seg.tokens[i] == "\n":
        pos, i = pos + 1, i + 1
    return head, text.Segmented(seg.text[pos:], seg.tokens[i:])


def signature(folded_body: str, lang: str) -> bytes:
    """MinHash of the body's character 5-shingles (words 3-shingles in English): reprints of one
    text, in either script, share most of them."""
    if lang == "en":
        words = re.findall(r"[a-z0-9]+", folded_body.lower())
        shingles = (" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2)))
        return minhash.of_shingles(shingles).tobytes()
    return minhash.of_windows(re.sub(r"[\W_]+", "", folded_body), SHINGLE).tobytes()


def analyse(article: Article, config: Config) -> dict[str, Any]:
    """Analysis columns for one article (stored with it in the articles table)."""
    ctx = context(config)
    title, body = article.title or "", article.body or ""
    full = f"{title}\n{body}"
    display = text.to_simplified(full)
    seg = text.segment(display, simplified=True)
    title_seg, body_seg = _split(seg, len(title))
    first_paragraph = body.split("\n", 1)[0]
    lead_seg = _split(body_seg, len(first_paragraph))[0]

    in_orgs = organizations.mentions(seg, ctx.known)
    orgs = organizations.organizations(seg, display, ctx.known, in_orgs)
    form_parks = parks.find(seg, display, ctx.known.places, in_orgs)
    short_names = organizations.short_mentions(seg.text, (seg.text[s:e] for _, s, e in orgs), ctx.known.places)
    parked = [(s, e) for _, s, e in form_parks]
    inside = in_orgs + short_names + parked + places.facilities(seg)
    mentions = [
        m
        for m in ctx.gazetteer.mentions(seg)
        if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in inside)
        and not any(m.start < s < m.end < e for s, e in parked)  # 甘肃 兰州新区…产业园: the park's head
        and not park_forms.nicknamed(seg.text, m.start, m.end)  # 通化素有“中国医药城”之称
    ]
    found = ctx.gazetteer.resolve(mentions)
    admin = [p for p in found if ctx.gazetteer.places[p].level != "zone"]
    quote = display if len(display) == len(seg.text) else seg.text
    named_parks = park_names.names(ctx.gazetteer, mentions, found, form_parks, quote)

    kind = event_types.event_type(title_seg, lead_seg, body_seg)
    matches = watches.match_all(
        config.watches,
        title_seg,
        body_seg,
        lead_seg,
        found,
        ctx.gazetteer,
        kind,
        event_types.genre(title_seg, body_seg),
        triggered=event_types.triggered(title_seg, lead_seg),
        organizations=[name for name, _, _ in orgs],
        learned={w: learn.probability(m, title_seg, body_seg) for w, m in ctx.models.items()},
    )
    return {
        "watches": [m.watch for m in matches if not m.weak],
        "terms": {m.watch: list(m.terms) for m in matches},
        "relevance": max((m.score for m in matches if not m.weak), default=0.0),
        "event_type": kind,
        "places": [ctx.gazetteer.name(p) for p in admin],
        "parks": named_parks,
        "organizations": [name for name, _, _ in orgs],
        "amounts": money.amounts(seg.text, ctx.rates, full),
        "keywords": text.keywords(title_seg, body_seg),
        "figures": happenings.figures(seg.text),
        "signature": signature(body_seg.text, article.lang),
        "analysed_at": store.now(),
        "search_title": text.index_text(title_seg.over(display[: len(title_seg.text)])),
        "search_body": text.index_text(body_seg.over(display[len(display) - len(body_seg.text) :])),
        "search_extra": text.sub_words(seg),
    }
