"""The web app in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright, at a phone's width (390 px) and a desktop's (1280 px).

What a user does, and what they then see: log in with the password and land on the page that asked
for it; filter the events by type and place and see only the rows that match; open an event and
see its reports in time order with the official release marked; search and see the hits
highlighted; disable a source and see it shown as disabled. At both widths the events page does
not scroll sideways and its headlines are visible (nor does any other page scroll sideways), and
no page logs an error (a Content-Security-Policy refusal would be one). The run writes docs/web-events-390.png (full page) and docs/web-events-1280.png
(the viewport), the pictures of the events page the README can show.

The database is filled by the real pipeline and the app runs as `newswatch serve --port 0` in a
child process (tests/support/webapp.py), as in tests/test_web.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, expect, sync_playwright

import config as configuration
from tests.support.cli import ROOT
from tests.support.webapp import App, fill, serve, stop

CHROMIUM = Path("/usr/bin/chromium")
DOCS = ROOT / "docs"
PHONE, DESKTOP = 390, 1280
PASSWORD = "correct horse"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's /usr/bin/chromium is not installed (.ci/run installs it)"
    ),
]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
    yield chromium
    chromium.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page (no cookies) at the width under test; a phone is a touch screen that honours
    the page's viewport meta tag. Any console error (a CSP refusal among them) fails the test."""
    width: int = request.param
    phone = width == PHONE
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        locale="zh-CN",
    )
    page = context.new_page()
    errors: list[str] = []

    def note(message: ConsoleMessage) -> None:
        # The browser's own ask for /favicon.ico (the app has none) is no fault of a page.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", note)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture(scope="module")
def open_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    app = serve(fill(tmp_path_factory.mktemp("open")))
    yield app
    stop(app)


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The app behind a password that the config names as ``${WEB_PASSWORD}``."""
    path = fill(tmp_path_factory.mktemp("locked"))
    path.write_text(path.read_text(encoding="utf-8") + '[web]\npassword = "${WEB_PASSWORD}"\n', encoding="utf-8")
    app = serve(path, env={**os.environ, "WEB_PASSWORD": PASSWORD})
    yield app
    stop(app)


@pytest.fixture
def own_app(tmp_path: Path) -> Iterator[App]:
    """An app of the test's own, for a test that edits the config."""
    app = serve(fill(tmp_path))
    yield app
    stop(app)


def _width(page: Page) -> int:
    return page.viewport_size["width"] if page.viewport_size else 0


# ---------------------------------------------------------------- flows


def test_a_page_asks_for_the_password_and_the_login_lands_on_it(locked_app: App, page: Page) -> None:
    page.goto(locked_app.url + "sources")
    expect(page).to_have_url(re.compile(r"/login\?next=/sources$"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    expect(page.get_by_role("link", name="hp-gov", exact=True)).to_have_count(0)  # nothing shown before the login

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(locked_app.url + "sources")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    expect(page.get_by_role("link", name="hp-gov", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("link", name="Events", exact=True).click()  # the session holds on the next page
    expect(page).to_have_url(locked_app.url)
    expect(page.locator("a.headline")).to_have_count(3)


def test_filtering_by_type_and_place_shows_only_the_matching_events(open_app: App, page: Page) -> None:
    page.goto(open_app.url)
    headlines = page.locator("ol.events a.headline")
    expect(headlines).to_have_count(3)

    page.get_by_label(re.compile(r"^Type\b")).select_option("park")
    page.get_by_label(re.compile(r"^Place\b")).fill("广州市")  # a city: its district 黄埔区 is in it
    page.get_by_role("button", name="Filter").click()

    expect(page).to_have_url(re.compile(r"[?&]type=park&.*place=%E5%B9%BF%E5%B7%9E%E5%B8%82"))
    expect(headlines).to_have_count(1)
    expect(headlines).to_have_text(["黄埔区生物医药产业园开园 首批12家企业签约入驻"])
    expect(page.locator("ol.events li .meta")).to_contain_text("黄埔区")
    expect(page.get_by_text("1 event", exact=True)).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Type\b"))).to_have_value("park")  # the form keeps the choice

    page.get_by_label(re.compile(r"^Place\b")).fill("佛山市")  # the signing is in 佛山, but it is no park
    page.get_by_role("button", name="Filter").click()
    expect(headlines).to_have_count(0)
    expect(page.get_by_text("No events match these filters.")).to_be_visible()


def test_an_event_shows_its_reports_in_time_order_with_the_official_release_marked(open_app: App, page: Page) -> None:
    page.goto(open_app.url)
    page.get_by_role("link", name="黄埔区生物医药产业园开园 首批12家企业签约入驻").click()

    expect(page).to_have_url(re.compile(r"/events/[^/?]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("黄埔区生物医药产业园开园 首批12家企业签约入驻")
    reports = page.locator("ol.timeline > li")
    expect(reports).to_have_count(2)
    release, follower = reports.nth(0), reports.nth(1)
    expect(release).to_have_class(re.compile(r"\bofficial\b"))
    expect(release.get_by_text("official release")).to_be_visible()
    expect(release.get_by_text("first", exact=True)).to_be_visible()
    expect(release).to_contain_text("2025-11-18 10:00")
    expect(release).to_contain_text("hp-gov")
    expect(follower).not_to_have_class(re.compile(r"\bofficial\b"))
    expect(follower).to_contain_text("city-news")
    expect(follower.get_by_text("+4 h after the release")).to_be_visible()  # 10:00 → 13:30
    expect(follower.get_by_role("link", name="12家企业签约入驻 黄埔生物医药产业园开园")).to_have_attribute(
        "href", "http://news.example.com/a/2.html"
    )


def test_a_search_highlights_the_word_in_each_hit(open_app: App, page: Page) -> None:
    page.goto(open_app.url)
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Words").fill("三水")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/search\?q=%E4%B8%89%E6%B0%B4$"))
    expect(page.get_by_text("1 hit", exact=True)).to_be_visible()
    hits = page.locator("ol.hits > li")
    expect(hits).to_have_count(1)
    expect(hits.locator("a.headline")).to_have_text("佛山三水区生物医药项目集中签约 总投资50亿元")
    marks = hits.locator("mark")
    expect(marks.first).to_be_visible()
    expect(marks.first).to_have_text("三水")
    hits.get_by_role("link", name="its event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("佛山三水区生物医药项目集中签约 总投资50亿元")


def test_disabling_a_source_shows_it_disabled(own_app: App, page: Page) -> None:
    page.goto(own_app.url + "sources")
    row = page.locator("table.sources tbody tr").filter(has=page.get_by_role("link", name="city-news", exact=True))
    expect(row).to_have_count(1)
    expect(row.get_by_text("disabled", exact=True)).to_have_count(0)

    row.get_by_role("button", name="Disable").click()

    expect(page).to_have_url(own_app.url + "sources")
    expect(row).to_have_class(re.compile(r"\bdisabled\b"))
    expect(row.get_by_text("disabled", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Enable")).to_be_visible()
    other = page.locator("table.sources tbody tr").filter(has=page.get_by_role("link", name="hp-gov", exact=True))
    expect(other.get_by_role("button", name="Disable")).to_be_visible()  # only that one
    assert configuration.load(own_app.config, {}).source("city-news").enabled is False


def test_adding_a_source_through_the_preview(tmp_path: Path, page: Page) -> None:
    from demo.serve import serve_sites

    with serve_sites(["hpgov"]) as sites:
        app = serve(fill(tmp_path, allow_private_sources=True))  # the demo site is on 127.0.0.1
        try:
            page.goto(app.url + "sources")
            page.get_by_role("link", name="Add a source").click()
            page.get_by_label("URL").fill(sites["hpgov"].url + "/xwzx/qndt/index.html")
            page.get_by_label("Kind").select_option("list")
            page.get_by_role("button", name="Preview").click()
            expect(page.get_by_text("Kind: list")).to_be_visible()
            expect(page.locator("article.probed")).to_have_count(3)
            expect(page.get_by_text(re.compile(r"\d+ article links on the first page"))).to_be_visible()

            page.get_by_label("Name").fill("hp-news")
            page.get_by_role("button", name="Add").click()
            expect(page).to_have_url(app.url + "sources?added=hp-news")
            expect(page.get_by_text("Added source hp-news")).to_be_visible()
            expect(page.get_by_role("link", name="hp-news", exact=True)).to_be_visible()
            assert configuration.load(app.config, {}).source("hp-news").kind == "list"
        finally:
            stop(app)


def test_dismissing_an_event_takes_it_out_of_the_digest_preview(tmp_path: Path, page: Page) -> None:
    path = fill(tmp_path)
    hook = '[[channels]]\nname = "team-mail"\nkind = "webhook"\nurl = "http://127.0.0.1:9/hook"\n'
    path.write_text(path.read_text(encoding="utf-8") + hook, encoding="utf-8")
    app = serve(path)
    try:
        page.goto(app.url + "channels/team-mail/preview")
        expect(page.locator("pre.digest")).to_contain_text("佛山三水区生物医药项目集中签约")

        page.goto(app.url)
        page.get_by_role("link", name=re.compile("佛山三水区")).click()
        page.get_by_role("button", name="Not relevant").click()
        expect(page.get_by_text("Dismissed as not relevant")).to_be_visible()

        page.goto(app.url + "channels/team-mail/preview")
        expect(page.locator("pre.digest")).not_to_contain_text("佛山三水区")
        expect(page.locator("pre.digest")).to_contain_text("黄埔区生物医药产业园开园")
        page.goto(app.url)
        expect(page.locator("ol.events a.headline")).to_have_count(2)
    finally:
        stop(app)


# ---------------------------------------------------------------- layout


def test_the_events_page_fits_the_width_with_its_headlines_visible(open_app: App, page: Page) -> None:
    page.goto(open_app.url)
    headlines = page.locator("ol.events a.headline")
    expect(headlines).to_have_count(3)
    for n in range(3):
        expect(headlines.nth(n)).to_be_visible()
    width = _width(page)
    assert page.evaluate("window.innerWidth") == width
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    for control in (page.get_by_role("button", name="Filter"), page.get_by_label(re.compile(r"^Place\b"))):
        box = control.bounding_box()
        assert box is not None and box["height"] >= (44 if width == PHONE else 36)  # a thumb can hit it

    DOCS.mkdir(exist_ok=True)
    shot = DOCS / f"web-events-{width}.png"
    page.screenshot(path=shot, full_page=width == PHONE)
    assert shot.stat().st_size > 10_000


def test_no_page_scrolls_sideways(open_app: App, page: Page) -> None:
    page.goto(open_app.url)
    event = page.locator("ol.events a.headline").first.get_attribute("href")
    assert event is not None
    for path in ("", event.lstrip("/"), "search?q=生物医药", "sources"):
        page.goto(open_app.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= _width(page), path
