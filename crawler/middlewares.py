"""Downloader middlewares: where requests may go (address guard) and how failures are retried.

The guard sees every request, including robots.txt fetches, redirects and meta refreshes, so no
page of a public site can make the crawler connect to 127.x, 10.x, 169.254.169.254 or ::1; only
the exact ``host:port`` of a configured source may be private (an intranet, the test sites).
"""

from __future__ import annotations

import asyncio
import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import cookies
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from tldextract import TLDExtract
from twisted.internet import defer, error

from crawler.urls import address_refusal, name_to_resolve

log = logging.getLogger(__name__)

# Scrapy's cookie middleware asks tldextract whether a cookie's domain is a public suffix, and
# tldextract downloads that list from the internet on first use (a traceback in the log where
# there is no internet). The snapshot bundled with tldextract answers it without a connection.
cookies._split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)

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
