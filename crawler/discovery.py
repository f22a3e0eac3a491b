"""What a source's pages lead to: the start-page logic the crawl and ``sources test`` share.

Given a source and the bytes of its start page (then of the feed, sitemaps or list pages that
page leads to), say how the page reads, which article links it lists, which pages to fetch
next and how many. Plain Python: the spider fetches with Scrapy and ``probe`` with urllib,
and both hand the same bytes to these functions, so the two cannot read a source differently.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from config import Source
from crawler import feeds, jsonlist, links, pager
from crawler.urls import host_of, site_of, url_allowed

SITEMAP_CHILDREN = 5  # child sitemaps of an index (or sitemaps robots.txt names) followed per run, newest first
_READS_AS = {"rss": "feed", "atom": "feed", "sitemap": "sitemap", "sitemapindex": "sitemap", "json": "json"}
# Hosts whose articles a source may list from its own site: WeChat official accounts, which feed
# bridges (wewe-rss, we-mp-rss, RSSHub) and portals link to on mp.weixin.qq.com.
_ARTICLE_HOSTS = frozenset({"mp.weixin.qq.com"})

Hint = feeds.Entry | links.Link  # an article link with the title and date its publisher gave


@dataclass(frozen=True)
class Fetch:
    """A page to fetch next, and how to read it."""

    url: str
    role: str  # feed: a feed the start page advertises | sitemap: an index's child | top: a sitemap robots.txt names


@dataclass(frozen=True)
class ListPage:
    """An HTML list page, kept for its links and its next page."""

    url: str
    html: str
    tree: HtmlElement


@dataclass
class Reading:
    """How one page reads: its article links, the pages it leads to, or why it cannot be read.

    ``error`` (the page is not what the source's kind needs) and ``empty`` (it lists nothing)
    are the source errors the crawl records; ``page`` is the list page to read for links and
    paging — after the advertised feed in ``follow``, when there is one.
    """

    kind: str  # feed | sitemap | list | robots | unknown
    detected: str = "unknown"  # what the bytes are (feeds.detect_kind)
    entries: Sequence[Hint] = ()
    follow: list[Fetch] = field(default_factory=list)
    page: ListPage | None = None
    index: bool = False  # a sitemap index: ``follow`` holds its newest children
    error: str | None = None
    empty: str | None = None
    next_page: str | None = None  # kind = "json": the endpoint's next page (page_param)


def wanted(source: Source, sites: Collection[str], url: str) -> bool:
    """Whether an article link is the source's: on one of its sites and through its allow/deny rules."""
    on_site = site_of(url) in sites or host_of(url) in _ARTICLE_HOSTS
    return on_site and url_allowed(url, source.allow, source.deny)


def read_start(
    source: Source, url: str, body: bytes, content_type: str, text: Callable[[], str], sites: Collection[str]
) -> Reading:
    """The start page as the source's ``kind`` reads it; ``body`` is unzipped, ``text`` decodes it."""
    found = "json" if jsonlist.is_json(body) else feeds.detect_kind(body, content_type)
    kind = source.kind
    reading: Reading
    if kind == "json":
        reading = read_json(source, url, body, 1)
    elif found in ("rss", "atom") and kind in ("auto", "feed"):
        reading = read_feed(url, body)
    elif found in ("sitemap", "sitemapindex") and kind in ("auto", "sitemap"):
        reading = read_sitemap(source, url, body, sites, top=True)
    elif found == "html" and kind in ("auto", "list", "feed"):
        reading = _read_html(source, url, text(), sites)
    elif found == "unknown" and kind in ("auto", "sitemap") and feeds.robots_sitemaps(body, url):
        named = feeds.robots_sitemaps(body, url)[:SITEMAP_CHILDREN]
        reading = Reading("robots", follow=[Fetch(u, "top") for u in named if site_of(u) in sites])
    else:
        expected = {"auto": "a feed, a sitemap or an HTML page", "list": "an HTML list page"}.get(kind, f"a {kind}")
        got = {"unknown": content_type or "an unknown format", "html": "an HTML page"}.get(found, f"a {found}")
        if found == "json":
            got = 'JSON (read it with kind = "json"; `newswatch sources test URL` suggests its keys)'
        reading = Reading(_READS_AS.get(found, "unknown"), error=f"start page {url} is {got}, expected {expected}")
    reading.detected = found
    return reading


def _read_html(source: Source, url: str, html: str, sites: Collection[str]) -> Reading:
    """An HTML start page: its advertised feed (auto, feed), else its article links (auto, list)."""
    tree = links.parse_html(html)
    if tree is None:
        return Reading("list", error=f"start page {url} could not be parsed as HTML")
    page = ListPage(url, html, tree)
    advertised = [f for f in feeds.feed_links(tree, url) if site_of(f) in sites] if source.kind != "list" else []
    if advertised:  # auto: the feed for freshness and dates, then the list for completeness
        return Reading("feed", follow=[Fetch(advertised[0], "feed")], page=page if source.kind == "auto" else None)
    if source.kind == "feed":
        return Reading("feed", error=f"start page {url} is an HTML page that advertises no feed")
    return read_list(source, page, 1)


def read_json(source: Source, url: str, body: bytes, page_no: int) -> Reading:
    """A page of a JSON list (``kind = "json"``): its items as article links with their titles and
    dates, and its next page when ``page_param`` pages it. Only the first page's problems are the source's."""
    data = jsonlist.decode(body)
    if data is None:
        return Reading("json", error=f"start page {url} is not JSON" if page_no == 1 else None)
    found, problem = jsonlist.entries(source, data, url)
    return Reading(
        "json",
        "json",
        found,
        empty=problem if page_no == 1 else None,
        next_page=jsonlist.next_page(source, url) if found else None,
    )


def read_list(source: Source, page: ListPage, page_no: int) -> Reading:
    """A list page's article links; the first page of a list without any is the source's error."""
    found = links.article_links(
        page.tree, page.url, link_selector=source.link_selector, allow=source.allow, deny=source.deny
    )
    empty = None
    if page_no == 1 and not found:
        what = f"link_selector {source.link_selector!r} matched" if source.link_selector else "found"
        empty = f"no article links {what} on {page.url}"
    return Reading("list", "html", found, page=page, empty=empty)


def next_list_page(source: Source, page: ListPage, page_no: int, sites: Collection[str]) -> str | None:
    """The list's next page on the source's sites, or None."""
    following = pager.next_page(page.tree, page.url, page.html, next_selector=source.next_selector, page_no=page_no)
    return following if following and site_of(following) in sites else None


def read_feed(url: str, body: bytes) -> Reading:
    """A feed that is the source (its start page, or the feed a ``kind = "feed"`` page advertises)."""
    entries = feeds.parse_feed(body, url)
    return Reading("feed", feeds.detect_kind(body), entries, empty=None if entries else f"feed {url} lists no entries")


def advertised_entries(url: str, body: bytes) -> list[feeds.Entry]:
    """The entries of a feed an ``auto`` start page advertises; anything but a feed lists none."""
    return feeds.parse_feed(body, url) if feeds.detect_kind(body) in ("rss", "atom") else []


def read_sitemap(source: Source, url: str, body: bytes, sites: Collection[str], top: bool) -> Reading:
    """A sitemap (newest entries first) or, read as a start (``top``), an index's newest children.

    A child of an index is read for entries only: an index inside an index leads nowhere.
    """
    is_index, entries = feeds.parse_sitemap(body, url)
    entries = [e for e in entries if site_of(e.url) in sites]
    empty = f"sitemap {url} lists no URLs on its site" if top and not entries else None
    if is_index:
        children = feeds.recent_first(entries, SITEMAP_CHILDREN, window_days=None) if top else []
        return Reading(
            "sitemap", "sitemapindex", follow=[Fetch(c.url, "sitemap") for c in children], index=True, empty=empty
        )
    entries = [e for e in entries if url_allowed(e.url, source.allow, source.deny)]
    return Reading("sitemap", "sitemap", feeds.recent_first(entries, len(entries)), empty=empty)
