"""The headless browser for pages behind a challenge or built by script: scrapy-playwright on
Debian's Chromium, started only when a page needs it.

A browser fetch waits until the page shows something to read (links or text), so a challenge
that sets a cookie and reloads is passed; then the cookies it earned are handed back, for plain
requests to reuse. Images, fonts and media are never loaded, and the page may not reach a private
address (the crawl's address guard, applied to everything the page asks for).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from config import Config
from crawler.urls import address_refusal

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
_HEAVY = frozenset({"image", "font", "media"})
# Something to read: a link, or a paragraph's worth of text (a challenge page has neither).
HAS_CONTENT = (
    "() => !!document.body && (document.querySelectorAll('a[href]').length > 0 "
    "|| document.body.innerText.trim().length > 200)"
)


def available(config: Config) -> bool:
    """Chromium is installed where ``[browser] executable`` says."""
    exe = Path(config.browser.executable)
    return exe.is_file() and exe.stat().st_mode & 0o111 != 0


def missing(config: Config) -> str:
    """Why a page that needs the browser cannot have it, and what to do."""
    return f"it needs a browser: Chromium not found at {config.browser.executable} (apt-get install chromium)"


def wanted(config: Config) -> bool:
    """The crawl may use the browser: Chromium is there and some source does not say ``never``."""
    return available(config) and any(s.render != "never" for s in config.sources)


def settings(config: Config, private_ok: Collection[str]) -> dict[str, Any]:
    """Scrapy settings that route ``meta["playwright"]`` requests to Chromium (none unless
    ``wanted``)."""
    if not wanted(config):
        return {}
    b = config.browser
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": str(b.executable), "headless": True},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": b.max_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": b.timeout * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": aborter(private_ok),
    }


def aborter(private_ok: Collection[str]) -> Callable[[Any], bool]:
    """What a page may not load: heavy media, and any address the crawl itself may not reach."""
    allowed = frozenset(private_ok)

    def abort(request: Any) -> bool:
        url = str(request.url)
        if request.resource_type in _HEAVY:
            return True
        return url.startswith(("http://", "https://")) and address_refusal(url, allowed) is not None

    return abort


async def settle(page: Any, timeout_ms: float, earned: dict[str, Any]) -> None:
    """Wait until the page shows something to read, then keep the cookies the browser holds."""
    await page.wait_for_function(HAS_CONTENT, timeout=timeout_ms)
    await page.wait_for_load_state("load", timeout=timeout_ms)
    earned["cookies"] = await page.context.cookies()


def browser_meta(config: Config, reason: str) -> dict[str, Any]:
    """The request meta that sends a request to the browser; ``reason`` says why (for failures)."""
    from scrapy_playwright.page import PageMethod

    earned: dict[str, Any] = {}
    return {
        "playwright": True,
        "playwright_page_methods": [PageMethod(settle, config.browser.timeout * 1000, earned)],
        "browser_earned": earned,
        "browser_reason": reason,
    }
