"""The web app (`newswatch serve`) over HTTP: every route, the login and CSRF rules, escaping of
crawled text, the Atom feed, and the events API equal to `newswatch events --json`.

The database is filled by the real pipeline (analyse, store, cluster); the app runs as a user
starts it, `newswatch serve --port 0` in a child process (tests/support/webapp.py), and is read
with urllib. tests/test_web_browser.py drives the same app in a real browser."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import config as configuration
from tests.support.cli import newswatch
from tests.support.config import write_config
from tests.support.webapp import WATCH, App, Browser, fill, serve, stop
from web.site import safe_href


@pytest.fixture(scope="module")
def open_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    app = serve(fill(tmp_path_factory.mktemp("open")))
    yield app
    stop(app)


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("locked")
    import os

    env = {**os.environ, "WEB_PASSWORD": "correct horse", "FEED_TOKEN": "tok-3f9a"}
    path = fill(folder)
    path.write_text(
        path.read_text(encoding="utf-8") + '[web]\npassword = "${WEB_PASSWORD}"\nfeed_token = "${FEED_TOKEN}"\n',
        encoding="utf-8",
    )
    app = serve(path, env=env)
    yield app
    stop(app)


def _headlines(page: str) -> list[str]:
    return re.findall(r'class="headline" href="/events/[^"]+">([^<]+)</a>', page)


# ---------------------------------------------------------------- events


def test_events_newest_first_with_type_places_amounts_and_outlets(open_app: App) -> None:
    status, headers, page = Browser(open_app.url).get("/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    titles = _headlines(page)
    assert len(titles) == 3  # the two reports of the park opening are one event
    assert "生物医药产业园开园" in titles[0] and "佛山" in titles[1]
    first = page.split('class="headline"')[1].split("</li>")[0]
    assert "2025-11-18" in first and "2 outlets" in first and "20亿元" in first and "黄埔区" in first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=signing", ["佛山"]),
        ("place=广州市", ["黄埔"]),  # a city includes its districts
        ("place=佛山", ["佛山"]),
        ("source=hp-gov", ["黄埔"]),
        ("from=2025-11-01&to=2025-11-15", ["佛山"]),
        ("q=三水", ["佛山"]),
        ("watch=biomed&type=park", ["黄埔"]),
        ("watch=none", []),
    ],
)
def test_events_filters(open_app: App, query: str, expected: list[str]) -> None:
    status, _, page = Browser(open_app.url).get("/?" + urllib.parse.quote(query, safe="=&"))
    assert status == 200
    titles = _headlines(page)
    assert len(titles) == len(expected) and all(e in t for e, t in zip(expected, titles, strict=True)), titles


def test_a_bad_date_filter_is_one_line_not_a_crash(open_app: App) -> None:
    status, _, page = Browser(open_app.url).get("/?from=yesterday")
    assert status == 400 and "from: &#39;yesterday&#39; is not a date" in page


def test_an_event_page_shows_the_provenance_timeline(open_app: App) -> None:
    browser = Browser(open_app.url)
    event_path = re.search(r'href="(/events/[^"]+)">[^<]*产业园开园', browser.get("/")[2])
    assert event_path
    status, _, page = browser.get(event_path.group(1))
    assert status == 200
    reports = page.split('<ol class="timeline">')[1].split("</ol>")[0].split("<li")[1:]
    assert len(reports) == 2
    assert 'class="official"' in reports[0] and "official release" in reports[0] and "first" in reports[0]
    assert "hp-gov" in reports[0] and "city-news" in reports[1]
    assert "+4 h after the release" in reports[1]  # 10:00 → 13:30
    assert browser.get("/events/ev-nonexistent")[0] == 404


# ---------------------------------------------------------------- search, sources


def test_search_highlights_hits_and_links_their_event(open_app: App) -> None:
    status, _, page = Browser(open_app.url).get("/search?q=" + urllib.parse.quote("三水"))
    assert status == 200
    assert "<mark>三水</mark>" in page and 'href="http://news.example.com/a/3.html"' in page
    assert re.search(r'href="/events/[^"]+">its event', page)
    assert "Nothing matches" in Browser(open_app.url).get("/search?q=" + urllib.parse.quote("量子计算"))[2]


def test_sources_show_health_and_a_chart_and_switch_on_and_off(tmp_path: Path) -> None:
    app = serve(fill(tmp_path))
    try:
        browser = Browser(app.url)
        status, _, page = browser.get("/sources")
        assert status == 200 and page.count("<svg") == 2 and "hp-gov" in page and "ok" in page
        token = browser.csrf("/sources")
        assert browser.post("/sources/city-news/disable", {})[0] == 403  # no CSRF token
        status, headers, _ = browser.post("/sources/city-news/disable", {"csrf": token})
        assert status == 303 and headers["location"] == "/sources"
        assert configuration.load(app.config, {}).source("city-news").enabled is False
        assert "Enable" in browser.get("/sources")[2]
        browser.post("/sources/city-news/enable", {"csrf": token})
        assert configuration.load(app.config, {}).source("city-news").enabled is True
        status, headers, _ = browser.post("/sources/nosuch/disable", {"csrf": token})
        assert status == 303 and "no+source+named" in headers["location"]
    finally:
        stop(app)


# ---------------------------------------------------------------- feed, API, health


def test_the_atom_feed_has_one_entry_per_event(open_app: App) -> None:
    status, headers, body = Browser(open_app.url).get("/feeds/biomed.atom")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(body)
    entries = root.findall("a:entry", ns)
    events = json.loads(newswatch(open_app.config, "events", "--json").stdout)
    assert [e.findtext("a:id", namespaces=ns) for e in entries] == [f"urn:newswatch:event:{e['id']}" for e in events]
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [e["title"] for e in events]
    link = entries[0].find("a:link", ns)
    assert link is not None and link.get("href") == open_app.url + f"events/{events[0]['id']}"
    assert Browser(open_app.url).get("/feeds/nosuch.atom")[0] == 404


def test_the_api_is_the_events_json_of_the_command_line(open_app: App) -> None:
    for query, args in (("", ()), ("?watch=biomed&since=2025-11-15", ("--watch", "biomed", "--since", "2025-11-15"))):
        status, headers, body = Browser(open_app.url).get("/api/events" + query)
        assert status == 200 and headers["content-type"] == "application/json"
        assert json.loads(body) == json.loads(newswatch(open_app.config, "events", "--json", *args).stdout)
    status, _, body = Browser(open_app.url).get("/api/events?since=soon")
    assert status == 400 and "since: 'soon' is not a date" in json.loads(body)["error"]


def test_healthz(open_app: App) -> None:
    assert Browser(open_app.url).get("/healthz")[:3:2] == (200, "ok")


# ---------------------------------------------------------------- safety


def test_crawled_text_is_escaped_and_only_http_links_are_made(open_app: App) -> None:
    page = Browser(open_app.url).get("/")[2]
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    feed = Browser(open_app.url).get("/feeds/biomed.atom")[2]
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    assert safe_href("javascript:alert(1)") == "#" and safe_href("data:text/html,x") == "#"
    assert safe_href("https://www.hp.gov.cn/a.html") == "https://www.hp.gov.cn/a.html"


def test_security_headers_on_every_page(open_app: App) -> None:
    for path in ("/", "/search", "/sources", "/healthz", "/feeds/biomed.atom", "/api/events"):
        headers = Browser(open_app.url).get(path)[1]
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"


def test_without_a_login_pages_redirect_and_the_api_refuses(locked_app: App) -> None:
    browser = Browser(locked_app.url)
    for path in ("/", "/search?q=x", "/sources", "/events/ev-1"):
        status, headers, _ = browser.get(path)
        assert status == 303 and headers["location"].startswith("/login?next="), path
    assert browser.get("/api/events")[0] == 401
    assert browser.get("/healthz")[0] == 200
    assert browser.get("/feeds/biomed.atom")[0] == 403  # needs its token
    assert browser.get("/feeds/biomed.atom?token=wrong")[0] == 403
    assert browser.get("/feeds/biomed.atom?token=tok-3f9a")[0] == 200


def test_login_with_the_password_then_every_page_opens(locked_app: App) -> None:
    browser = Browser(locked_app.url)
    token = browser.csrf("/login")
    assert browser.post("/login", {"password": "correct horse"})[0] == 403  # no CSRF token
    status, _, page = browser.post("/login", {"csrf": token, "password": "wrong"})
    assert status == 401 and "wrong password" in page
    started = time.monotonic()
    browser.post("/login", {"csrf": token, "password": "wrong"})
    assert time.monotonic() - started >= 0.25  # the second failure waited
    status, headers, _ = browser.post("/login?next=/sources", {"csrf": token, "password": "correct horse"})
    assert status == 303 and headers["location"] == "/sources"
    cookie = next(c for c in browser.jar if c.name == "newswatch_session")
    assert cookie.has_nonstandard_attr("HttpOnly") and "correct horse" not in cookie.value
    assert browser.get("/")[0] == 200 and browser.get("/api/events")[0] == 200
    assert browser.post("/logout", {"csrf": token})[0] == 403  # the token changed at login
    assert browser.post("/logout", {"csrf": browser.csrf("/")})[0] == 303
    assert browser.get("/")[0] == 303


def test_a_password_never_appears_in_a_page_or_the_log(locked_app: App) -> None:
    browser = Browser(locked_app.url)
    browser.post("/login", {"csrf": browser.csrf("/login"), "password": "correct horse"})
    for path in ("/", "/sources", "/search?q=" + urllib.parse.quote("生物医药")):
        assert "correct horse" not in browser.get(path)[2]


def test_serving_beyond_this_machine_needs_a_password(tmp_path: Path) -> None:
    config = write_config(tmp_path, watches=[WATCH])
    result = newswatch(config, "serve", "--host", "0.0.0.0", "--port", "0")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        'newswatch: error: web: refusing to listen on 0.0.0.0 without a password; set [web] password = "${NAME}" '
        "in the config, or serve on 127.0.0.1"
    ]


# ---------------------------------------------------------------- add a source


def test_preview_refuses_a_private_address_from_the_web(open_app: App) -> None:
    browser = Browser(open_app.url)
    token = browser.csrf("/sources/new")
    for url in ("http://127.0.0.1:9/news/", "http://169.254.169.254/latest/", "http://10.0.0.7/"):
        status, _, page = browser.post("/sources/new", {"csrf": token, "url": url, "do": "preview"})
        assert status == 200 and "is a private address" in page, url
    status, _, page = browser.post("/sources/new", {"csrf": token, "url": "ftp://x.example/", "do": "preview"})
    assert status == 400 and "not an absolute http:// or https:// URL" in page


def test_preview_then_add_a_source_as_sources_add_does(tmp_path: Path) -> None:
    from demo.serve import serve_sites

    path = fill(tmp_path, allow_private_sources=True)
    path.write_text("# the team's sources\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with serve_sites(["hpgov"]) as sites:
        url = sites["hpgov"].url + "/xwzx/qndt/index.html"
        app = serve(path)
        try:
            browser = Browser(app.url)
            token = browser.csrf("/sources/new")
            status, _, page = browser.post("/sources/new", {"csrf": token, "url": url, "kind": "list", "do": "preview"})
            assert status == 200 and "Kind: list" in page
            assert "Fetch mode: plain HTTP: no anti-bot challenge (render = &#39;auto&#39;)" in page
            found = re.search(r"(\d+) article links? on the first page", page)
            assert found and int(found.group(1)) >= 5 and page.count('class="probed"') == 3
            assert configuration.load(path, {}).sources[-1].name == "city-news"  # a preview writes nothing

            form = {"csrf": token, "url": url, "kind": "list", "tags": "official", "do": "add"}
            status, _, page = browser.post("/sources/new", form)
            assert status == 400 and "name: give the source a name" in page
            status, headers, _ = browser.post("/sources/new", {**form, "name": "hp-news"})
            assert status == 303 and headers["location"] == "/sources?added=hp-news"
            added = configuration.load(path, {}).source("hp-news")
            assert (added.url, added.kind, added.tags) == (url, "list", ("official",))
            assert path.read_text(encoding="utf-8").startswith("# the team's sources\n")
            status, _, page = browser.post("/sources/new", {**form, "name": "hp-news"})
            assert status == 400 and "already exists" in page
        finally:
            stop(app)


def test_preview_says_a_source_behind_a_challenge_needs_the_browser_and_why(tmp_path: Path) -> None:
    from tests.support.guarded import GuardedSite

    with GuardedSite() as site:
        app = serve(fill(tmp_path, allow_private_sources=True))
        try:
            browser = Browser(app.url)
            token = browser.csrf("/sources/new")
            form = {"csrf": token, "url": site.url + "/news/index.html", "kind": "list", "do": "preview"}
            status, _, page = browser.post("/sources/new", form)
            challenge = "blocked by an anti-bot challenge (HTTP 412, 瑞数-style)"
            if Path("/usr/bin/chromium").exists():
                mode = f"Fetch mode: browser for the list, then plain HTTP with its cookies: {challenge}"
            else:
                mode = f"Fetch mode: browser, which this machine lacks: {challenge}"
            assert status == 200 and mode in page, page
            assert not site.browser_hits()  # the preview names the mode; it runs no browser
        finally:
            stop(app)


# ---------------------------------------------------------------- channels


def test_channels_show_what_each_is_owed_preview_the_digest_and_send_a_test(tmp_path: Path) -> None:
    import os

    from tests.support.receivers import WEBHOOK_SECRET, HttpReceivers

    with HttpReceivers() as http:
        path = fill(tmp_path)
        hooks = (
            f'[[channels]]\nname = "team-hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\nsecret = "${{HOOK_SECRET}}"\n'
            f'[[channels]]\nname = "bad-hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\nsecret = "wrong-secret"\n'
        )
        path.write_text(path.read_text(encoding="utf-8") + hooks, encoding="utf-8")
        app = serve(path, env={**os.environ, "HOOK_SECRET": WEBHOOK_SECRET})
        try:
            browser = Browser(app.url)
            status, _, page = browser.get("/channels")
            assert status == 200 and page.count("3 events") == 2 and "team-hook" in page
            assert WEBHOOK_SECRET not in page

            status, _, page = browser.get("/channels/team-hook/preview")
            assert status == 200 and "黄埔区生物医药产业园开园" in page and "&lt;script&gt;" in page
            assert browser.get("/channels/nosuch/preview")[0] == 404
            assert http["webhook"].requests == []  # a preview sends nothing

            token = browser.csrf("/channels")
            status, headers, _ = browser.post("/channels/team-hook/test", {"csrf": token})
            assert status == 303 and "accepted+the+test+message" in headers["location"]
            [test] = http["webhook"].accepted
            assert test.json["test"] is True and test.json["channel"] == "team-hook"
            status, headers, _ = browser.post("/channels/bad-hook/test", {"csrf": token})
            assert (
                status == 303
                and "error=" in headers["location"]
                and "401" in urllib.parse.unquote_plus(headers["location"])
            )
            assert "accepted" in browser.get("/channels?answer=team-hook%3A+the+service+accepted+the+test+message")[2]
            assert newswatch(path, "digest", "--dry-run", env={"HOOK_SECRET": WEBHOOK_SECRET}).returncode == 0
        finally:
            stop(app)


def test_with_a_base_url_digests_and_feeds_link_each_event_page(tmp_path: Path) -> None:
    path = fill(tmp_path, base_url="https://news.example.org/watch/")
    events = json.loads(newswatch(path, "events", "--json").stdout)
    page = f"https://news.example.org/watch/events/{events[0]['id']}"
    for fmt, expected in (("text", f"详情：{page}"), ("markdown", f"]({page})"), ("html", f'href="{page}"')):
        result = newswatch(path, "digest", "--dry-run", "--format", fmt)
        assert result.returncode == 0 and expected in result.stdout, fmt
    app = serve(path)
    try:
        assert f'href="{page}"' in Browser(app.url).get("/feeds/biomed.atom")[2]
    finally:
        stop(app)


def test_the_api_pages_with_a_link_to_the_next(open_app: App) -> None:
    every = json.loads(Browser(open_app.url).get("/api/events")[2])
    status, headers, body = Browser(open_app.url).get("/api/events?watch=biomed&limit=2")
    assert status == 200 and json.loads(body) == every[:2]
    assert headers["link"] == '</api/events?watch=biomed&limit=2&offset=2>; rel="next"'
    status, headers, body = Browser(open_app.url).get("/api/events?watch=biomed&limit=2&offset=2")
    assert json.loads(body) == every[2:] and "link" not in {k.lower() for k in headers}
