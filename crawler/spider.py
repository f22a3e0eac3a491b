"""The one spider: list pages, RSS/Atom feeds and sitemaps of every configured source.

Each source starts at its URL; the response decides how to read it (or the source's ``kind``
says). Article links are canonicalised, kept on the source's site, checked against the URLs
already stored (or failed and not due again) and against this run, and only then requested, up
to ``max_links_per_source`` new ones per source per run; each article page becomes a
``Page`` for the extraction pipeline, stored under its ``<link rel="canonical">`` when it has one.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

import db as store
from config import Config, Source
from crawler import browser, discovery, failures, feeds, links
from crawler.decode import decode_html
from crawler.pipelines import Aliases
from crawler.report import Tally
from crawler.urls import article_score, canonical_url, netloc_of, site_of
from db.times import CHINA
from pipelines.article import Page

log = logging.getLogger(__name__)

# fmt: off
_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                 "application/x-rar", "application/msword", "application/vnd.", "application/x-7z")
# fmt: on


@dataclass(frozen=True)
class Want:
    """Why a request was made: for which source, as what, with which hints."""

    source: str
    role: str  # start | feed | list | sitemap | article
    title: str | None = None
    published: str | None = None
    page_no: int = 1
    link: str | None = None  # the canonical link as found, before any redirect
    top: bool = False  # a sitemap named by robots.txt: read like a start URL (it may be an index)


@dataclass
class SourceState:
    """What the spider knows about one source during the run: its sites and list pages."""

    source: Source
    sites: set[str]
    list_pages: set[str] = field(default_factory=set)
    list_links: set[str] = field(default_factory=set)  # article links seen on its list pages this run
    budget: int = 0  # new article links it may still request this run ([crawl] max_links_per_source)
    deferred: set[str] = field(default_factory=set)  # new article links beyond the budget: a later run's
    start_page: discovery.ListPage | None = None  # kept while an advertised feed is tried


def _instant(text: str | None) -> datetime | None:
    """An ISO time as an aware datetime (China time when it names no offset), None if unreadable."""
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA)
    return moment


def _failed_request(failure: Failure) -> Request:
    """The request an errback's failure is about."""
    return failure.request  # type: ignore[attr-defined]  # Scrapy sets it; twisted's Failure does not declare it


def _accounted(method: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """Count a callback or errback as the end of one of its source's requests."""

    @functools.wraps(method)
    def wrapper(self: NewsSpider, outcome: Response | Failure) -> Iterator[Any]:
        meta = outcome.meta if isinstance(outcome, Response) else _failed_request(outcome).meta
        want: Want = meta["want"]
        try:
            yield from method(self, outcome, want)
        finally:
            self.tally.release(want.source)

    return wrapper


class NewsSpider(scrapy.Spider):
    name = "newswatch"

    def __init__(
        self,
        *,
        config: Config,
        sources: Sequence[Source],
        tally: Tally,
        known: set[str],
        database: store.Database | None,
        run_id: int | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.config = config
        self.tally = tally
        self.database = database
        self.run_id = run_id
        self.known = known  # URLs stored before this run, and failed ones not due again (db.skipped_urls)
        self.requested: set[str] = set()  # article URLs requested in this run
        self.claimed: set[str] = set()  # canonical URLs of article pages fetched in this run
        self.states = {
            s.name: SourceState(s, {site_of(s.url)}, budget=config.crawl.max_links_per_source) for s in sources
        }
        self.last_success = (
            {row["name"]: row.get("last_success_at") for row in store.source_rows(database)}
            if database is not None
            else {}
        )
        # Private addresses are fetched only where the operator put a source (intranet, tests).
        self.private_ok = frozenset(netloc_of(s.url) for s in config.sources)
        # Challenge-protected sites: the cookies a browser earned there, and why a source needed it.
        self.browser_ok = browser.wanted(config)
        self.site_cookies = store.site_cookies(database) if database is not None else {}
        self.needs_browser = {
            row["name"]: row["needs_browser"]
            for row in (store.source_rows(database) if database is not None else [])
            if row.get("needs_browser")
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        crawler.signals.connect(spider._callback_error, signal=signals.spider_error)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for state in self.states.values():
            yield self._request(state.source.url, Want(state.source.name, "start"), self.parse_start)

    # ------------------------------------------------------------ requests and accounting

    def _request(self, url: str, want: Want, callback: Callable[..., Any]) -> Request:
        """A request that goes before the queued article requests unless it is one.

        Lists, feeds and sitemaps lead to the articles: at a distant site the next list page
        takes as long to answer as an article, and sent after every queued article it left the
        request slots idle while it travelled (Scrapy sends higher priorities first).
        """
        self.tally.hold(want.source)
        priority = 0 if want.role == "article" else 1
        return Request(
            url, callback=callback, errback=self.failed, meta={"want": want}, dont_filter=True, priority=priority
        )

    def _item(self, source: str, item: Any) -> Any:
        self.tally.hold(source)
        return item

    def _item_done(self, item: Any, **_: Any) -> None:
        source = getattr(item, "source", None)
        if source in self.states:
            self.tally.release(source)

    def _callback_error(self, failure: Failure, response: Response, **_: Any) -> None:
        want = response.meta.get("want")
        if want is not None:
            self.tally.fail(want.source, response.url, f"internal error: {failure.getErrorMessage()}")

    def _article(
        self, state: SourceState, url: str, title: str | None = None, published: str | None = None
    ) -> Iterator[Request]:
        """Request an article link unless it is off-site, filtered, known or already requested.

        Only such new links count against the source's budget, so the links beyond it are the
        next run's new ones: a big sitemap or feed, read newest first, is back-filled run by run.
        """
        source = state.source
        if not discovery.wanted(source, state.sites, url):
            return
        if url in self.known or url in self.requested or url in self.claimed:
            return
        if state.budget <= 0:
            state.deferred.add(url)
            self.tally.deferred(source.name, len(state.deferred))
            return
        state.budget -= 1
        self.requested.add(url)
        yield self._request(url, Want(source.name, "article", title, published, link=url), self.parse_article)

    # ------------------------------------------------------------ decoding

    def _text(self, response: Response, state: SourceState) -> str:
        header = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        return decode_html(response.body, http_content_type_encoding(header), state.source.encoding)[0]

    # ------------------------------------------------------------ start pages, lists, feeds, sitemaps

    @_accounted
    def parse_start(self, response: Response, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        self.tally.page(want.source)
        state.sites.add(site_of(response.url))
        body = feeds.gunzip(response.body, self.config.crawl.max_page_bytes)
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        yield from self._read(
            state,
            discovery.read_start(
                state.source, response.url, body, content_type, lambda: self._text(response, state), state.sites
            ),
        )

    def _read(
        self, state: SourceState, reading: discovery.Reading, page_no: int = 1, paging: bool = True
    ) -> Iterator[Any]:
        """Act on what discovery read: record the source's error, request the pages and articles it names."""
        name = state.source.name
        problem = reading.error or reading.empty
        if problem:
            self.tally.source_error(name, problem)
        if reading.error:
            return
        for step in reading.follow:
            if step.role == "feed":
                state.start_page = reading.page  # auto: read as a list once the feed is in
                yield self._request(step.url, Want(name, "feed"), self.parse_advertised_feed)
            else:
                yield self._request(step.url, Want(name, "sitemap", top=step.role == "top"), self.parse_sitemap)
        if reading.follow or reading.index:
            return
        if reading.page is not None:
            yield from self._list(state, reading.page, reading.entries, page_no, paging)
        else:
            yield from self._entries(state, reading.entries)
            yield from self._data_pages(state, reading, page_no)

    def _data_pages(self, state: SourceState, reading: discovery.Reading, page_no: int) -> Iterator[Request]:
        """A JSON list's next page, on a list page's terms: while pages add links unseen this run,
        within the source's budget and ``max_list_pages``."""
        following = reading.next_page
        if following is None:
            return
        new = [e for e in reading.entries if e.url not in self.known and e.url not in state.list_links]
        state.list_links.update(e.url for e in reading.entries)
        if not new or state.budget <= 0 or following in state.list_pages:
            return
        if page_no >= self.config.crawl.max_list_pages:
            self.tally.list_pages_capped(state.source.name)
        else:
            state.list_pages.add(following)
            yield self._request(following, Want(state.source.name, "list", page_no=page_no + 1), self.parse_data)

    @_accounted
    def parse_data(self, response: Response, want: Want) -> Iterator[Any]:
        """A later page of a JSON list: read as the first, but an empty or broken one just ends the list."""
        state = self.states[want.source]
        self.tally.page(want.source)
        reading = discovery.read_json(state.source, response.url, response.body, want.page_no)
        yield from self._read(state, reading, want.page_no)

    @_accounted
    def parse_list(self, response: Response, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        self.tally.page(want.source)
        html = self._text(response, state)
        tree = links.parse_html(html)
        if tree is not None:
            page = discovery.ListPage(response.url, html, tree)
            yield from self._read(state, discovery.read_list(state.source, page, want.page_no), want.page_no)

    def _list(
        self, state: SourceState, page: discovery.ListPage, found: Sequence[discovery.Hint], page_no: int, paging: bool
    ) -> Iterator[Any]:
        source = state.source
        state.list_pages.add(canonical_url(page.url) or page.url)
        if not source.link_selector:
            skipped = links.anchors_not_looked_at(page.tree)
            if skipped:
                self.tally.anchors_skipped(source.name, skipped)
        yield from self._entries(state, found)
        # A page that adds no link unseen before this run ends the list: older pages hold stored
        # links only, and an always-present "next" link, a calendar or a pager loop stops here.
        new = [link for link in found if link.url not in self.known and link.url not in state.list_links]
        state.list_links.update(link.url for link in found)
        if not paging or not new or state.budget <= 0:
            return
        following = discovery.next_list_page(source, page, page_no, state.sites)
        if not following or following in state.list_pages:
            return
        if page_no >= self.config.crawl.max_list_pages:
            self.tally.list_pages_capped(source.name)
        else:
            state.list_pages.add(following)
            yield self._request(following, Want(source.name, "list", page_no=page_no + 1), self.parse_list)

    @_accounted
    def parse_advertised_feed(self, response: Response, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        self.tally.page(want.source)
        body = feeds.gunzip(response.body, self.config.crawl.max_page_bytes)
        if state.start_page is None:  # kind = "feed": the feed is the source
            yield from self._read(state, discovery.read_feed(response.url, body))
            return
        entries = discovery.advertised_entries(response.url, body)
        yield from self._entries(state, entries)
        yield from self._advertising_list(state, paging=self._gap(state.source.name, entries))

    def _gap(self, source: str, entries: Sequence[feeds.Entry]) -> bool:
        """True unless the feed reaches back to the source's last successful run.

        A feed holds only its latest items: when its oldest is newer than the last success, or
        its items carry no dates, the items in between can only be found by paging the list.
        """
        last = _instant(self.last_success.get(source))
        dates = [_instant(entry.published) for entry in entries]
        if last is None or not entries or None in dates:
            return True
        # A feed dates to the second: an item of the last run's own second may be newer than the run.
        return min(d for d in dates if d is not None) >= last.replace(microsecond=0)

    def _advertising_list(self, state: SourceState, paging: bool = True) -> Iterator[Any]:
        """The start page that advertised a feed, read as the list it also is."""
        page, state.start_page = state.start_page, None
        if page is not None:
            yield from self._read(state, discovery.read_list(state.source, page, 1), 1, paging)

    def _entries(self, state: SourceState, entries: Sequence[discovery.Hint]) -> Iterator[Any]:
        self.tally.links(state.source.name, len(entries))
        for entry in entries:
            yield from self._article(state, entry.url, entry.title, entry.published)

    @_accounted
    def parse_sitemap(self, response: Response, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        self.tally.page(want.source)
        body = feeds.gunzip(response.body, self.config.crawl.max_page_bytes)
        yield from self._read(
            state, discovery.read_sitemap(state.source, response.url, body, state.sites, top=want.top)
        )

    # ------------------------------------------------------------ articles

    @_accounted
    def parse_article(self, response: Response, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        self.tally.page(want.source)
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if content_type.startswith(_BINARY_TYPES):
            self.tally.fail(
                want.source,
                response.url,
                f"not an HTML page ({content_type.split(';')[0]})",
                permanent=True,
                aliases=(want.link,) if want.link else (),
            )
            return
        html = self._text(response, state)
        final = canonical_url(response.url) or response.url
        url = self._canonical(state, html, final)
        seen = [canonical_url(u) for u in (want.link, *response.meta.get("redirect_urls", ()), final)]
        aliases = tuple(u for u in dict.fromkeys(seen) if u and u != url)
        if url in self.claimed or url in self.known:
            if aliases:  # one article under another URL: remember it so no run fetches it again
                yield self._item(want.source, Aliases(want.source, url, aliases))
            return
        self.claimed.add(url)
        yield self._item(
            want.source,
            Page(
                source=want.source,
                url=url,
                html=html,
                fetched_at=store.now(),
                aliases=aliases,
                encoding=state.source.encoding,
                hint_title=want.title,
                hint_published=want.published,
                content_selector=state.source.content_selector,
            ),
        )

    def _canonical(self, state: SourceState, html: str, final: str) -> str:
        """The page's declared canonical URL, unless it points at a list, the home page or off-site.

        Templates often declare the section or home page as canonical on every article; trusting
        that would merge a whole site into one article.
        """
        declared = links.declared_canonical(html, final)
        if (
            declared is None
            or declared == final
            or site_of(declared) not in state.sites
            or declared in state.list_pages
            or declared == canonical_url(state.source.url)
            or article_score(declared) <= -0.4
        ):
            return final
        return declared

    # ------------------------------------------------------------ challenges

    def learn_cookies(self, site: str, cookies: dict[str, str]) -> None:
        """The browser passed the site's challenge: its plain requests send these from now on."""
        self.site_cookies[site] = cookies
        if self.database is not None:
            store.save_site_cookies(self.database, site, cookies)

    def note_challenge(self, source: str, site: str, reason: str) -> None:
        """A plain request met a challenge: cookies the site had no longer work; remember why."""
        if self.site_cookies.pop(site, None) is not None and self.database is not None:
            store.forget_site_cookies(self.database, site)
        if self.needs_browser.get(source) != reason:
            self.needs_browser[source] = reason
            if self.database is not None:
                store.mark_needs_browser(self.database, source, reason)

    # ------------------------------------------------------------ failures

    @_accounted
    def failed(self, failure: Failure, want: Want) -> Iterator[Any]:
        state = self.states[want.source]
        request = _failed_request(failure)
        url = (request.meta.get("redirect_urls") or [request.url])[0]  # the link, not where it led
        if want.role == "feed" and state.start_page is not None:
            log.info("advertised feed %s failed (%s); reading the page as a list", url, failure.getErrorMessage())
            yield from self._advertising_list(state)
            return
        reason = failures.reason(failure, self.config.crawl)
        if request.meta.get("playwright") and not reason.startswith("blocked by an anti-bot"):
            reason = browser.failure_reason(request.meta, failure.value, reason)
        permanent = failures.permanent(failure) if want.role == "article" else None  # only articles wait for retries
        self.tally.fail(want.source, url, reason, permanent)
        if want.role == "start":
            self.tally.source_error(want.source, f"start page {url} failed: {reason}")
