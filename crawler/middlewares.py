"""Downloader middlewares: where requests may go (address guard), how failures are retried, and
what an anti-bot challenge turns into (a browser fetch, or a failure that names it).

The guard sees every request, including robots.txt fetches, redirects and meta refreshes, so no
page of a public site can make the crawler connect to 127.x, 10.x, 169.254.169.254 or ::1; only
the exact ``host:port`` of a configured source may be private (an intranet, the test sites).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Protocol, cast

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import cookies
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, error

from config import Config
from crawler import browser, challenge
from crawler.report import Tally
from crawler.urls import address_refusal, host_of, name_to_resolve, public_suffixes, site_of

log = logging.getLogger(__name__)

# Scrapy's cookie middleware asks tldextract whether a cookie's domain is a public suffix, and
# tldextract downloads that list from the internet on first use (a traceback in the log where
# there is no internet). The snapshot bundled with tldextract answers it without a connection.
cookies._split_domain = public_suffixes()

BACKOFF_BASE = 0.5  # seconds before the first retry; doubles each time
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 60.0


class AddressGuardMiddleware:
    """Applies ``urls.address_refusal`` (the rule ``sources test`` applies too) to every request."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._addresses: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    @property
    def _configured(self) -> frozenset[str]:
        return getattr(self.crawler.spider, "private_ok", frozenset())

    async def process_request(self, request: Request) -> None:
        url = request.url
        host = name_to_resolve(url, self._configured)
        if host is not None and host not in self._addresses:
            self._addresses[host] = await self._resolve(host)
        reason = address_refusal(url, self._configured, self._addresses.get(host) if host else None)
        if reason:
            raise IgnoreRequest(reason)

    async def _resolve(self, host: str) -> str | None:
        from twisted.internet import reactor

        try:
            # Resolved through Scrapy's DNS cache, so the download connects to this very address.
            address: str = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[arg-type]  # zope interface methods have no self: mypy reads host as timeout
        except (error.DNSLookupError, error.TimeoutError, defer.TimeoutError):
            return None  # the download itself reports the lookup failure
        return address


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without decoding every page whole to read its first 4,096
    characters: a second decoding beside the spider's, held with the page until it is stored. A
    page whose first bytes never say ``refresh`` has no meta refresh there, so it passes as it is."""

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]  # spider arg is deprecated
        body = response.body
        if (
            isinstance(response, HtmlResponse)
            and not body.startswith(_UTF16_BOMS)
            and not _REFRESH.search(body, 0, _REFRESH_WINDOW)
        ):
            return response
        return super().process_response(request, response)


_REFRESH = re.compile(rb"refresh", re.IGNORECASE)
_REFRESH_WINDOW = 4096 * 4  # bytes that hold Scrapy's 4,096 characters in UTF-8 or GB18030
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (timeouts, 5xx, 429) with exponential backoff and ``Retry-After``."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]  # Scrapy awaits async overrides; spider arg is deprecated
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await asyncio.sleep(self._delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]  # as process_response
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await asyncio.sleep(self._delay(request, None))
        return result

    @staticmethod
    def _delay(request: Request, response: Response | None) -> float:
        attempt = int(request.meta.get("retry_times", 0))
        delay = min(BACKOFF_BASE * 2**attempt, BACKOFF_CAP)
        header = response.headers.get(b"Retry-After") if response is not None else None
        if header and header.strip().isdigit():
            delay = max(delay, min(float(header), RETRY_AFTER_CAP))
        return delay


class _ChallengeSpider(Protocol):
    """What the challenge middleware reads and calls on the crawl's spider (crawler.spider.NewsSpider)."""

    config: Config
    tally: Tally
    states: dict[str, Any]
    browser_ok: bool
    site_cookies: dict[str, dict[str, str]]
    needs_browser: dict[str, str]

    def learn_cookies(self, site: str, cookies: dict[str, str]) -> None: ...

    def note_challenge(self, source: str, site: str, reason: str) -> None: ...


class ChallengeMiddleware:
    """A challenge page (``crawler.challenge``) is fetched again in the browser unless its source
    says ``render = "never"``; a page the browser passed hands its cookies to the spider, which
    sends them with the site's plain requests from then on (and across runs, from the database).
    ``render = "browser"`` sends a source's start and list pages to the browser from the first."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        spider = cast(_ChallengeSpider, self.crawler.spider)  # set before any request; always a NewsSpider
        want = request.meta.get("want")
        if want is None or want.source not in spider.states or request.meta.get("playwright"):
            return
        state = spider.states[want.source]
        earned = spider.site_cookies.get(site_of(request.url))
        if earned:
            request.cookies.update(earned)  # type: ignore[union-attr]  # a dict: the spider makes no cookie lists
        if want.role not in ("start", "list") or not spider.browser_ok:
            return
        source = state.source
        if source.render == "browser":
            request.meta.update(self._browser_meta(spider, 'render = "browser"'))
        elif source.render == "auto" and not earned and spider.needs_browser.get(source.name):
            request.meta.update(self._browser_meta(spider, spider.needs_browser[source.name]))

    def _browser_meta(self, spider: _ChallengeSpider, reason: str) -> dict[str, Any]:
        return browser.browser_meta(spider.config, reason, self.crawler.settings.get("PLAYWRIGHT_ABORT_REQUEST"))

    async def process_exception(self, request: Request, exception: Exception) -> None:
        """A browser fetch that failed was still a render: the run's figures count what it cost."""
        want = request.meta.get("want")
        if request.meta.get("playwright") and want is not None:
            cast(_ChallengeSpider, self.crawler.spider).tally.rendered(want.source)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        spider = cast(_ChallengeSpider, self.crawler.spider)  # set before any request; always a NewsSpider
        want = request.meta.get("want")
        if want is None or want.source not in spider.states:
            return response
        state = spider.states[want.source]
        cookies = b";".join(response.headers.getlist(b"Set-Cookie"))
        found = challenge.detect(response.status, response.body, cookies)
        site = site_of(request.url)
        if request.meta.get("playwright"):
            spider.tally.rendered(want.source)
            visit: browser.Visit = request.meta["browser_visit"]
            if visit.blocked or visit.reached:  # reached: the guard's proxy refused a redirect's hop
                raise IgnoreRequest(
                    f"{request.meta['browser_reason']}; the browser did not get past it: the page was sent to "
                    f"a refused address ({(visit.blocked or visit.reached)[0]}); nothing of it is used"
                )
            if found is not None:
                raise IgnoreRequest(f"{found.reason}; the browser did not get past it{visit.popup_note()}")
            host = host_of(request.url)
            jar = {c["name"]: c["value"] for c in visit.cookies if host.endswith(str(c.get("domain", "")).lstrip("."))}
            if jar:
                spider.learn_cookies(site, jar)
            return response.replace(status=200) if response.status >= 300 else response
        if found is None:
            return response
        spider.note_challenge(want.source, site, found.reason)
        if state.source.render == "never":
            raise IgnoreRequest(f'{found.reason} (render = "never")')
        if not spider.browser_ok:
            raise IgnoreRequest(f"{found.reason}; {browser.missing(spider.config)}")
        return request.replace(meta={**request.meta, **self._browser_meta(spider, found.reason)}, dont_filter=True)
