"""The headless browser for pages behind a challenge or built by script: scrapy-playwright on
Debian's Chromium, started only when a page needs it.

A browser fetch waits until the page shows something to read (links or text), so a challenge
that sets a cookie and reloads is passed; then the cookies it earned are handed back, for plain
requests to reuse. Images, fonts and media are never loaded. The page may not reach a private
address: the crawl's address guard decides every request it makes (its popups' too), Chromium
connects only through the guard's proxy (crawler/browser_proxy.py: an HTTP redirect, which
Playwright does not route, is refused there), and a refused navigation ends the fetch at once.
Popups are blocked by Chromium and any that open are closed unread. The whole fetch — load, challenge,
reload — has one deadline, ``[browser] timeout``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import weakref
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config import Config
from crawler import challenge
from crawler.urls import address_refusal, name_to_resolve

HANDLER = "crawler.download_handler.DownloadHandler"  # scrapy-playwright, imported when first needed
_HEAVY = frozenset({"image", "font", "media"})
# Something to read: a link, or a paragraph's worth of text (a challenge page has neither).
HAS_CONTENT = (
    "() => !!document.body && (document.querySelectorAll('a[href]').length > 0 "
    "|| document.body.innerText.trim().length > 200)"
)
# Playwright turns Chromium's popup blocker off; window.open without a click is blocked again.
_LAUNCH_IGNORE = ["--disable-popup-blocking"]
_guarded_contexts: weakref.WeakSet[Any] = weakref.WeakSet()
_visits: weakref.WeakKeyDictionary[Any, Visit] = weakref.WeakKeyDictionary()  # page → its visit
_QUIET_SECONDS = 3.0  # for each step of inspecting or stopping a page that has failed
# Stop loading and clear every timer (a challenge's reload is one).
_STOP = "() => { window.stop(); let id = setTimeout(() => {}, 0); while (id > 0) { clearTimeout(id); clearInterval(id); id--; } }"


class BrowserGaveUp(Exception):
    """A browser fetch ended without a page to read; the message says what the page did."""


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
    launch = {"executable_path": str(b.executable), "headless": True, "ignore_default_args": _LAUNCH_IGNORE}
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": b.max_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": b.timeout * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": aborter(private_ok),
    }


class _Guard:
    """The address guard for what a page asks for: the crawl's rule, host names resolved once."""

    def __init__(self, private_ok: Collection[str]) -> None:
        self.allowed = frozenset(private_ok)
        self.addresses: dict[str, str | None] = {}

    async def refusal(self, url: str) -> str | None:
        if not url.startswith(("http://", "https://")):
            return None  # data:, blob:, about: never leave the browser
        host = name_to_resolve(url, self.allowed)
        if host is not None and host not in self.addresses:
            try:
                found = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
                self.addresses[host] = str(found[0][4][0]) if found else None
            except OSError:
                self.addresses[host] = None  # the browser reports the lookup failure itself
        return address_refusal(url, self.allowed, self.addresses.get(host) if host else None)

    def known_refusal(self, url: str) -> str | None:
        """As ``refusal``, from what is resolved already (for event handlers, which may not wait)."""
        if not url.startswith(("http://", "https://")):
            return None
        host = name_to_resolve(url, self.allowed)
        return address_refusal(url, self.allowed, self.addresses.get(host) if host else None)


def aborter(private_ok: Collection[str]) -> Callable[[Any], Awaitable[bool]]:
    """What a page may not load: heavy media, and any address the crawl itself may not reach (a
    refused navigation of the page is recorded on its visit before the browser hears of it)."""
    guard = _Guard(private_ok)

    async def abort(request: Any) -> bool:
        if request.resource_type in _HEAVY:
            return True
        reason = await guard.refusal(str(request.url))
        if reason is not None and request.is_navigation_request():
            _refused_navigation(request, reason)
        return reason is not None

    abort.guard = guard  # type: ignore[attr-defined]  # the visit reads refusals with the same rule and cache
    return abort


@dataclass
class Visit:
    """One browser fetch: its deadline, the cookies it earned, what the page tried and was refused."""

    timeout: float
    guard: _Guard
    deadline: float = 0.0
    cookies: list[dict[str, Any]] = field(default_factory=list)
    popups: int = 0
    blocked: list[str] = field(default_factory=list)  # refused navigations of the page
    reached: list[str] = field(default_factory=list)  # answers for a refused address (the proxy's 403s)
    navigation_refused: asyncio.Event = field(default_factory=asyncio.Event)

    def remaining_ms(self) -> float:
        """Milliseconds left before the deadline; never 0, which Playwright reads as no limit."""
        return max(1.0, (self.deadline - asyncio.get_running_loop().time()) * 1000)

    def popup_note(self) -> str:
        """The popups the page opened, for the failure's reason ("" when none)."""
        return f"; {self.popups} popup{'s' if self.popups > 1 else ''} closed unread" if self.popups else ""


def _refused_navigation(request: Any, reason: str) -> None:
    """The guard refused where a page's main frame was going: its visit ends with that reason."""
    from playwright.async_api import Error as PlaywrightError

    try:
        frame = request.frame  # a popup's first request has none yet
    except PlaywrightError:
        return
    visit = _visits.get(frame.page)
    if visit is not None and frame == frame.page.main_frame:
        visit.blocked.append(reason)
        visit.navigation_refused.set()


async def _init_page(page: Any, request: Any) -> None:
    """Before the page loads: start its deadline, close popups, watch where it is sent."""
    visit: Visit = request.meta["browser_visit"]
    visit.deadline = asyncio.get_running_loop().time() + visit.timeout
    _visits[page] = visit
    main = page.main_frame

    async def popup(opened: Any) -> None:  # Playwright runs a coroutine handler as a task of its own
        from playwright.async_api import Error as PlaywrightError

        visit.popups += 1
        with contextlib.suppress(PlaywrightError):  # closed already, with the page or the browser
            await opened.close()

    def answered(response: Any) -> None:
        reason = visit.guard.known_refusal(str(response.url))
        if reason:
            visit.reached.append(reason)
            if response.request.frame == main:
                visit.navigation_refused.set()

    page.on("popup", popup)
    page.on("response", answered)
    context = page.context
    if context not in _guarded_contexts:  # a popup's first request is routed by its context, not the page
        _guarded_contexts.add(context)
        guard = visit.guard

        async def route(route: Any, req: Any) -> None:
            if req.resource_type in _HEAVY or await guard.refusal(str(req.url)) is not None:
                await route.abort()
            else:
                await route.continue_()

        await context.route("**", route)


async def settle(page: Any, visit: Visit) -> None:
    """Wait until the page shows something to read and has loaded, within the visit's deadline, then
    keep the cookies the browser holds; a refused navigation ends the wait at once."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    content = asyncio.ensure_future(page.wait_for_function(HAS_CONTENT, timeout=visit.remaining_ms()))
    refused = asyncio.ensure_future(visit.navigation_refused.wait())
    try:
        await asyncio.wait({content, refused}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        refused.cancel()
    why = None
    if not visit.navigation_refused.is_set():
        try:
            content.result()
            await page.wait_for_load_state("load", timeout=visit.remaining_ms())
        except PlaywrightTimeout:
            why = await _stuck(page, visit.timeout)
        except PlaywrightError as exc:
            why = f"the browser failed on the page ({str(exc).splitlines()[0][:100]})"
    if visit.navigation_refused.is_set():  # what shows may be Chromium's error page for the refusal
        why = f"the page was sent to a refused address ({(visit.blocked or visit.reached)[0]})"
    if why is not None:
        content.cancel()
        if content.done() and not content.cancelled():
            content.exception()  # retrieved: the reason says what happened
        await _quiet(page)
        raise BrowserGaveUp(why)
    visit.cookies = await page.context.cookies()


async def _quiet(page: Any) -> None:
    """Stop a page that keeps navigating before it is closed: Chromium can leave ``page.close()``
    unanswered forever when the close meets a navigation being committed (a challenge that reloads
    every 50 ms; microsoft/playwright#42366). Nothing loads any more, and its timers are cleared."""
    from playwright.async_api import Error as PlaywrightError

    async def refuse(route: Any) -> None:
        with contextlib.suppress(PlaywrightError):
            await route.abort()

    with contextlib.suppress(PlaywrightError, TimeoutError):
        await asyncio.wait_for(page.route("**", refuse), _QUIET_SECONDS)  # the newest route is asked first
        for _ in range(10):  # a navigation already on its way may still commit once
            try:
                await asyncio.wait_for(page.evaluate(_STOP), _QUIET_SECONDS)
                return
            except PlaywrightError:
                await asyncio.sleep(0.1)


async def _stuck(page: Any, timeout: float) -> str:
    """What the page was doing when the deadline passed."""
    from playwright.async_api import Error as PlaywrightError

    try:
        state = await asyncio.wait_for(page.evaluate("document.readyState"), _QUIET_SECONDS)
        html = await asyncio.wait_for(page.content(), _QUIET_SECONDS)
    except (PlaywrightError, TimeoutError):  # it was between two loads: a challenge that keeps reloading
        return f"still a challenge after {timeout:g} s (it kept reloading)"
    if challenge.detect(200, html.encode()) is not None:
        return f"still a challenge after {timeout:g} s"
    if state != "complete":
        return f"the page did not finish loading within {timeout:g} s"
    return f"the page showed no links or text within {timeout:g} s"


def failure_reason(meta: dict[str, Any], error: BaseException, fallback: str) -> str:
    """The failures table's reason for a browser fetch that failed: why it went to the browser,
    what the page did, and what the browser did about it."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    visit: Visit | None = meta.get("browser_visit")
    why = meta.get("browser_reason") or "the browser"
    if visit is not None and visit.blocked:
        what = f"the page was sent to a refused address ({visit.blocked[0]})"
    elif isinstance(error, BrowserGaveUp):
        what = str(error)
    elif isinstance(error, PlaywrightTimeout) and visit is not None:
        what = f"the page did not finish loading within {visit.timeout:g} s"
    else:
        what = fallback[:120]
    return f"{why}; the browser did not get past it: {what}" + (visit.popup_note() if visit is not None else "")


def browser_meta(config: Config, reason: str, abort: Callable[[Any], Awaitable[bool]] | None) -> dict[str, Any]:
    """The request meta that sends a request to the browser; ``reason`` says why (for failures),
    ``abort`` is the crawl's ``PLAYWRIGHT_ABORT_REQUEST`` (whose guard the visit shares)."""
    from scrapy_playwright.page import PageMethod

    guard = getattr(abort, "guard", None) or _Guard(())
    visit = Visit(timeout=config.browser.timeout, guard=guard)
    return {
        "playwright": True,
        "playwright_context_kwargs": {"service_workers": "block"},  # a worker's requests are not routed
        "playwright_page_init_callback": _init_page,
        "playwright_page_methods": [PageMethod(settle, visit)],
        "browser_visit": visit,
        "browser_reason": reason,
    }
