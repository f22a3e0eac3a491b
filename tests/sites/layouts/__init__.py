"""Page layouts of the fixture sites: each module turns article sources into a site's files.

The sources (``tests/sites/src/<site>.toml``) hold the article text and its labels; a layout
wraps them in that site's chrome. ``python -m tests.sites.build`` writes the result.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Article:
    """One article as written in a source file (text plus the labels truth.json carries)."""

    site: str
    id: str
    path: str
    title: str
    body: str
    date: str = ""  # as the page shows it, China time; "" when the page has none
    source: str = ""
    editor: str = ""
    author: str = ""
    note: str = ""  # a line the page shows after the body (disclaimer, reprint credit): not body
    event: str | None = None
    type: str | None = None
    relevant: bool = False
    places: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    charset: str | None = None
    date_style: str = ""
    no_charset: bool = False
    canonical: bool = False
    linked: bool = True
    variant: str | None = None
    reprint_of: str | None = None

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        """``(kind, text)`` pairs; kind is ``h`` for a subheading (``## `` in the source)."""
        out = []
        for block in re.split(r"\n\s*\n", self.body.strip()):
            text = " ".join(line.strip() for line in block.strip().splitlines())
            out.append(("h", text[3:].strip()) if text.startswith("## ") else ("p", text))
        return out

    @property
    def text(self) -> str:
        """The body as an extractor should return it: one paragraph per line."""
        return "\n".join(t for _, t in self.paragraphs)

    @property
    def when(self) -> datetime | None:
        if not self.date:
            return None
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                return datetime.strptime(self.date, fmt)
            except ValueError:
                continue
        raise ValueError(f"{self.site}/{self.id}: bad date {self.date!r}")

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def lead(self) -> str:
        """A one-sentence teaser for lists, feeds and the description meta tag."""
        return first_sentence(self.paragraphs[0][1])


@dataclass
class Noise:
    """A link on a site that is not an article, and what a crawler should make of it."""

    path: str
    linked_from: list[str]
    expect: str  # failure | article | never_requested | not_followed
    status: int | None = None
    reason: str = ""
    alias_of: str | None = None
    variant: str | None = None


@dataclass
class SiteBuild:
    """Everything a layout produces for one site."""

    files: dict[str, str]  # relative path -> text (encoded by the build)
    variants: dict[str, dict[str, str]]  # variant -> overlay files
    boilerplate: dict[str, list[str]]  # article id -> strings on its page that are not body
    aliases: dict[str, list[str]]  # article id -> other paths that reach it
    noise: list[Noise]
    site_json: dict[str, Any]
    entry_points: dict[str, Any]  # kind -> path (home, list, list_pages, feed, sitemap)
    encoding: str  # of the HTML files


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_SENTENCE_ZH = re.compile(r".+?(?:[。！？](?:[”」』）])?|$)")
_SENTENCE_EN = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (Chinese by 。！？, English by end punctuation + capital)."""
    if re.search(r"[\u4e00-\u9fff]", paragraph):
        return [s for s in (m.group(0).strip() for m in _SENTENCE_ZH.finditer(paragraph)) if s]
    return [s.strip() for s in _SENTENCE_EN.split(paragraph) if s.strip()]


def first_sentence(paragraph: str) -> str:
    return sentences(paragraph)[0]


def last_sentence(paragraph: str) -> str:
    return sentences(paragraph)[-1]


def others(articles: list[Article], article: Article, count: int) -> list[Article]:
    """Other linked articles of the same site, newest first, for sidebars and related blocks."""
    pool = [a for a in articles if a is not article and a.linked and a.variant is None]
    pool.sort(key=lambda a: (a.date, a.path), reverse=True)
    start = (sum(map(ord, article.id)) * 7) % max(len(pool), 1)
    return (pool[start:] + pool[:start])[:count]
