"""Full-text search over stored articles: SQLite FTS5 (unicode61) over jieba-segmented text.

A query is cut by jieba like the indexed text, and every word must occur (in the title, the
body, or as a sub-word: 医药 finds 生物医药); "quoted phrases" must occur in order. Hits come
best first by BM25, title matches weighing most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import db as store
from pipelines.text import display_snippet, segment

_PHRASE = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class Hit:
    id: int
    url: str
    source: str
    title: str
    published_at: str | None
    snippet: str
    rank: float


def _terms(query: str) -> list[list[str]]:
    """The query's required terms, each a list of words (a quoted phrase has several)."""
    terms = [segment(phrase).words() for phrase in _PHRASE.findall(query)]
    terms += [[w] for w in segment(_PHRASE.sub(" ", query)).words()]
    return [[w.replace('"', "") for w in t] for t in terms if t]


def _mark(snippet: str, terms: list[list[str]]) -> str:
    """Brackets around the query's words in a snippet (a hit on a sub-word has no FTS mark)."""
    text = snippet.replace("[", "").replace("]", "")
    words = sorted({w for t in terms for w in t}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"[{m.group()}]", text)


def search(db: store.Database, query: str, limit: int = 20) -> list[Hit]:
    """Articles matching every word of ``query``, best first, with a snippet around the hits."""
    terms = _terms(query)
    if not terms:
        return []
    rows = store.search_articles(db, " ".join('"' + " ".join(t) + '"' for t in terms), limit)
    return [
        Hit(
            r["id"],
            r["url"],
            r["source"],
            r["title"] or "",
            r["published_at"],
            _mark(display_snippet(r["snippet"] or ""), terms),
            float(r["rank"]),
        )
        for r in rows
    ]
