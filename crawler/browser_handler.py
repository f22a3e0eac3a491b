"""scrapy-playwright's download handler, running the browser only while pages need it.

scrapy-playwright starts Playwright's driver (a Node process) when the crawl starts, and would
launch a Chromium kept to the end of the crawl. Most runs need no browser at all (a site's cookie
still works), and one that does needs it for a list page or two before the articles are fetched
plainly and extracted — the crawl's busiest part, which an idle Chromium and driver (some 400 MB)
would only crowd. So this handler, built by ``crawler.download_handler`` at the first request that
asks for the browser, starts the driver then, and stops driver and Chromium once no browser
request has been in flight for ``IDLE_SECONDS`` (the next one starts them again).
"""

from __future__ import annotations

import asyncio

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from crawler.browser_proxy import GuardProxy

IDLE_SECONDS = 2.0


class BrowserHandler(ScrapyPlaywrightDownloadHandler):
    """Playwright starts at the first browser request, and stops when none has come for a while."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._started = False
        self._closed = False
        self._start_lock = asyncio.Lock()
        self._busy = 0  # browser requests in flight
        self._idle: asyncio.Task[None] | None = None
        self._proxy: GuardProxy | None = None

    async def _maybe_launch_in_thread(self) -> None:
        """At the engine's start: nothing yet (scrapy-playwright starts Playwright here)."""

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        self._busy += 1
        if self._idle is not None:
            self._idle.cancel()
        try:
            async with self._start_lock:
                if not self._started:
                    await self._start_proxy()
                    await self._launch()
                    self._started = True
            response: Response = await super()._download_request(request, spider)
            return response
        finally:
            self._busy -= 1
            if self._busy == 0 and not self._closed:
                self._idle = asyncio.ensure_future(self._stop_when_idle())

    async def _start_proxy(self) -> None:
        """Chromium connects only through the crawl's address guard (crawler/browser_proxy.py)."""
        guard = getattr(self.abort_request, "guard", None)  # crawler.browser.aborter's
        if guard is None:
            return
        self._proxy = GuardProxy(guard.refusal, guard.addresses.get)
        self.config.launch_options["proxy"] = {"server": await self._proxy.start()}

    async def _stop_proxy(self) -> None:
        if self._proxy is not None:
            await self._proxy.close()
            self._proxy = None

    async def _stop_when_idle(self) -> None:
        """Stop Chromium and the driver when no browser request came for a while."""
        await asyncio.sleep(IDLE_SECONDS)
        async with self._start_lock:
            if self._busy or not self._started or self._closed:
                return
            await self._close()  # its contexts, Chromium (which forgets self.browser), the driver
            await self._stop_proxy()
            self.browser_provider = None
            self._started = False

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._idle is not None:
                self._idle.cancel()
            await super().close()
            await self._stop_proxy()
