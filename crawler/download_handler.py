"""The crawl's download handler when the browser may be needed: plain requests go through Scrapy's
own HTTP handler, and scrapy-playwright (``crawler.browser_handler``) is imported and built at the
first request that asks for the browser. Most runs never ask, and Playwright's modules alone
would hold ~9 MB of the crawler's process for the whole crawl.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, ClassVar

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response

if TYPE_CHECKING:
    from crawler.browser_handler import BrowserHandler


class DownloadHandler(HTTP11DownloadHandler):
    """One handler per crawl for http and https, so at most one browser runs."""

    lazy = True  # built at the crawl's first request, like Scrapy's own handlers
    _per_crawler: ClassVar[weakref.WeakKeyDictionary[Crawler, DownloadHandler]] = weakref.WeakKeyDictionary()

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._browser: BrowserHandler | None = None
        self._closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DownloadHandler:
        handler = cls._per_crawler.get(crawler)
        if handler is None:
            handler = cls._per_crawler[crawler] = cls(crawler)
        return handler

    async def download_request(self, request: Request) -> Response:
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        if self._browser is None:
            from crawler.browser_handler import BrowserHandler

            self._browser = BrowserHandler(self.crawler)
        response: Response = await self._browser.download_request(request)
        return response

    async def close(self) -> None:
        """Closed once, though Scrapy closes it for each scheme it serves."""
        if self._closed:
            return
        self._closed = True
        if self._browser is not None:
            await self._browser.close()
        await super().close()
