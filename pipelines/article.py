"""The values that flow from the crawler through the pipeline into the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One fetched article page, decoded, as the crawler hands it over."""

    source: str
    url: str  # the URL that answered (after redirects), canonicalised
    html: str
    fetched_at: str  # ISO 8601 UTC
    aliases: tuple[str, ...] = ()  # other URLs that led here (the link as found, pre-redirect)
    encoding: str | None = None
    hint_title: str | None = None  # headline given by a feed, sitemap or list anchor
    hint_published: str | None = None  # date given by a feed or sitemap
    content_selector: str | None = None


@dataclass(frozen=True)
class Article:
    """An extracted article ready to store; ``analysis`` holds the columns analysis adds."""

    url: str
    source: str
    title: str
    published_at: str | None  # ISO 8601 with offset
    lang: str  # zh-hans | zh-hant | en
    body: str
    fetched_at: str
    content_hash: str
    aliases: tuple[str, ...] = ()
    analysis: dict[str, Any] = field(default_factory=dict)
    body_cut: bool = False  # the page's text went on beyond MAX_BODY_CHARS (not a column: counted per run)

    def row(self) -> dict[str, Any]:
        """The articles row (plus ``aliases``) that db.save_articles takes."""
        return {
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "published_at": self.published_at,
            "lang": self.lang,
            "body": self.body,
            "fetched_at": self.fetched_at,
            "content_hash": self.content_hash,
            "aliases": self.aliases,
            **self.analysis,
        }
