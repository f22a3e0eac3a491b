"""Feeds and sitemaps: tell what a response is, and read the article entries it lists.

One spider reads every source kind, so the kind is decided here from the bytes themselves
(RSS 2.0, RSS 1.0, Atom, sitemap, sitemap index, Google News sitemap or an HTML page), and
each entry keeps the title and date its publisher gave, which extraction uses as hints.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import unescape

from lxml import etree
from lxml.html import HtmlElement

from crawler.decode import decode_html
from crawler.urls import canonical_url
from pipelines.dates import normalise_date

FEED_KINDS = ("rss", "atom", "sitemap", "sitemapindex")
# fmt: off
_ROOT_KINDS = {"rss": "rss", "rdf": "rss", "feed": "atom", "urlset": "sitemap",
               "sitemapindex": "sitemapindex", "html": "html"}
# fmt: on
_SKIP_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<![^>]*>)", re.S)
_FIRST_TAG = re.compile(rb"<\s*([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAGS = re.compile(r"<[^>]+>")
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rss",
    "application/rdf+xml",
    "application/feed+json",
)
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    recover=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


@dataclass(frozen=True)
class Entry:
    """One article (or, in a sitemap index, one child sitemap) a feed or sitemap lists."""

    url: str  # canonical
    title: str | None = None
    published: str | None = None  # ISO 8601 with offset: a hint for extraction
    order_date: str | None = None  # the date used to prefer recent entries (lastmod included)


def gunzip(body: bytes, max_size: int) -> bytes:
    """Unpack a gzipped sitemap, refusing to inflate past ``max_size`` bytes (gzip bombs)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, max_size + 1)
    except zlib.error:
        return b""
    return b"" if len(data) > max_size else data


def detect_kind(body: bytes, content_type: str | None = None) -> str:
    """``rss``, ``atom``, ``sitemap``, ``sitemapindex``, ``html`` or ``unknown``, from the root element."""
    head = body[:8192].lstrip(b"\xef\xbb\xbf")
    position = 0
    while True:
        skipped = _SKIP_PROLOGUE.match(head, position)
        if not skipped or skipped.end() == position:
            break
        position = skipped.end()
    match = _FIRST_TAG.match(head, position) or _FIRST_TAG.search(head, position)
    if match:
        kind = _ROOT_KINDS.get(match.group(2).decode("ascii").lower())
        if kind:
            return kind
    if b"<html" in head.lower() or "html" in (content_type or "").lower():
        return "html"
    return "unknown"


def _decode_xml(body: bytes) -> str:
    declared = _XML_ENCODING.search(body[:512])
    text, _ = decode_html(body, declared.group(1).decode("ascii") if declared else None)
    return _XML_DECLARATION.sub("", text, count=1)


def _parse_xml(body: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(_decode_xml(body).encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return re.sub(r"\s+", " ", unescape(_TAGS.sub(" ", "".join(element.itertext())))).strip()


def _first_text(element: etree._Element, *names: str) -> str:
    for name in names:
        for child in _children(element, name):
            value = _text(child)
            if value:
                return value
    return ""


def _entry_link(item: etree._Element, base_url: str) -> str | None:
    for link in _children(item, "link"):
        href = link.get("href")
        rel = (link.get("rel") or "alternate").lower()
        if href and rel == "alternate" and "html" in (link.get("type") or "text/html"):
            return canonical_url(href, base_url)
    for link in _children(item, "link"):
        value = link.get("href") or _text(link)
        if value and (link.get("rel") or "alternate").lower() == "alternate":
            return canonical_url(value, base_url)
    for guid in _children(item, "origlink", "guid", "id"):
        value = _text(guid)
        if value.startswith(("http://", "https://")) and guid.get("isPermaLink", "true").lower() != "false":
            return canonical_url(value, base_url)
    return None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """The items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in the feed's order."""
    root = _parse_xml(body)
    if root is None:
        return []
    entries: list[Entry] = []
    for item in root.iter():
        if _local(item) not in ("item", "entry"):
            continue
        url = _entry_link(item, base_url)
        if not url:
            continue
        published = normalise_date(
            _first_text(item, "pubdate", "published", "date", "issued", "created", "updated", "modified")
        )
        entries.append(
            Entry(url=url, title=_first_text(item, "title") or None, published=published, order_date=published)
        )
    return entries


def parse_sitemap(body: bytes, base_url: str) -> tuple[bool, list[Entry]]:
    """``(is_index, entries)`` of a sitemap, sitemap index or Google News sitemap.

    The news publication date becomes the entry's date hint; ``lastmod`` only orders entries,
    and is a hint too unless every entry shares one (then it is the file's build time).
    """
    root = _parse_xml(body)
    if root is None:
        return False, []
    is_index = _local(root) == "sitemapindex"
    raw: list[tuple[str, str | None, str | None, str | None]] = []
    for node in root:
        if _local(node) not in ("url", "sitemap"):
            continue
        url = canonical_url(_first_text(node, "loc"), base_url)
        if not url:
            continue
        lastmod = normalise_date(_first_text(node, "lastmod"))
        title, news_date = None, None
        for news in _children(node, "news"):
            title = _first_text(news, "title") or None
            news_date = normalise_date(_first_text(news, "publication_date"))
        raw.append((url, lastmod, title, news_date))
    lastmods = Counter(r[1] for r in raw if r[1])
    shared = len(raw) > 2 and len(lastmods) == 1 and sum(lastmods.values()) == len(raw)
    entries = [
        Entry(
            url=url, title=title, published=news_date or (None if shared else lastmod), order_date=news_date or lastmod
        )
        for url, lastmod, title, news_date in raw
    ]
    return is_index, entries


def _id_key(url: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", url.split("?", 1)[0])[-4:])


def recent_first(entries: list[Entry], limit: int, window_days: int | None = 366) -> list[Entry]:
    """At most ``limit`` entries, newest first, none older than ``window_days`` before the newest.

    Big sitemaps list a site's whole history; a monitor wants what is new. The window is measured
    from the newest entry rather than from today so that a quiet source still yields its latest.
    Undated entries follow, those with the highest ids or dates in their URL first.
    """
    dated = sorted((e for e in entries if e.order_date), key=lambda e: e.order_date or "", reverse=True)
    if dated and window_days is not None:
        newest = datetime.fromisoformat(dated[0].order_date or "")
        cutoff = (newest - timedelta(days=window_days)).isoformat()
        dated = [e for e in dated if (e.order_date or "") >= cutoff]
    undated = sorted((e for e in entries if not e.order_date), key=lambda e: _id_key(e.url), reverse=True)
    return (dated + undated)[:limit]


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, so a source may start from a site's robots.txt."""
    text = body[:500_000].decode("utf-8", errors="replace")
    found = (canonical_url(m.group(1), base_url) for m in _ROBOTS_SITEMAP.finditer(text))
    return list(dict.fromkeys(url for url in found if url))


def feed_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Feeds an HTML page advertises with ``<link rel="alternate" type="application/rss+xml">``."""
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rel or kind not in _FEED_TYPES or kind == "application/feed+json":
            continue
        title = (link.get("title") or "").lower()
        href = link.get("href") or ""
        if "comment" in title or "评论" in title or "/comments/" in href:
            continue
        url = canonical_url(href, base_url)
        if url and url not in found:
            found.append(url)
    return found
