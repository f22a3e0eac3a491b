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

from crawler.urls import host_of, ip_of_host, is_private_address, netloc_of

log = logging.getLogger(__name__)

# Scrapy's cookie middleware asks tldextract whether a cookie's domain is a public suffix, and
# tldextract downloads that list from the internet on first use (a traceback in the log where
# there is no internet). The snapshot bundled with tldextract answers it without a connection.
cookies._split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)

BACKOFF_BASE = 0.5  # seconds before the first retry; doubles each time
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 60.0


class AddressGuardMiddleware:
    """Refuses non-http(s) URLs and connections to private addresses, unless configured there."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    @property
    def _configured(self) -> frozenset[str]:
        return getattr(self.crawler.spider, "private_ok", frozenset())

    async def process_request(self, request: Request) -> None:
        url = request.url
        if not url.startswith(("http://", "https://")):
            raise IgnoreRequest(f"blocked: only http and https URLs are fetched ({url[:40]})")
        if netloc_of(url) in self._configured:
            return None
        host = host_of(url)
        if host not in self._verdicts:
            self._verdicts[host] = await self._verdict(host)
        reason = self._verdicts[host]
        if reason:
            raise IgnoreRequest(reason)
        return None

    async def _verdict(self, host: str) -> str | None:
        literal = ip_of_host(host)
        if literal is not None:
            return f"blocked: {host} is a private address" if is_private_address(literal) else None
        from twisted.internet import reactor

        try:
            # Resolved through Scrapy's DNS cache, so the download connects to this very address.
            address = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined]
        except (error.DNSLookupError, error.TimeoutError, defer.TimeoutError):
            return None  # the download itself reports the lookup failure
        if is_private_address(address):
            return f"blocked: {host} resolves to private address {address}"
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (timeouts, 5xx, 429) with exponential backoff and ``Retry-After``."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await asyncio.sleep(self._delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await asyncio.sleep(self._delay(request, None))
        return result

    @staticmethod
    def _delay(request: Request, response: Response | None) -> float:
        attempt = int(request.meta.get("retry_times", 0))
        delay = min(BACKOFF_BASE * 2 ** attempt, BACKOFF_CAP)
        header = response.headers.get(b"Retry-After") if response is not None else None
        if header and header.strip().isdigit():
            delay = max(delay, min(float(header), RETRY_AFTER_CAP))
        return delay
