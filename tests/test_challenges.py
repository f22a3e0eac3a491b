"""Sites that fight back: a page that answers with an anti-bot challenge (瑞数-style HTTP 412,
加速乐-style HTTP 521) is fetched again in headless Chromium, which passes it; the cookies it
earned serve the site's plain requests from then on, across runs; a challenge that cannot be
passed, a source that says render = "never" and a machine without Chromium each end as one
failure that names the challenge — never as "no article links"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import config as configuration
import db as store
from crawler.challenge import detect
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config
from tests.support.guarded import TOPICS, GuardedSite

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's /usr/bin/chromium is not installed (.ci/run installs it)"
)


def _config(folder: Path, site: GuardedSite, render: str | None = None, browser: str = "") -> Path:
    source = {"name": "guarded", "url": site.url + "/news/index.html", "kind": "list"}
    if render:
        source["render"] = render
    return write_config(folder, crawl=FAST_CRAWL, sources=[source], extra=f"[browser]\ntimeout = 8\n{browser}")


def _db(path: Path) -> store.Database:
    return store.open_db(configuration.load(path, {}).database)


def _last_run(path: Path) -> dict[str, object]:
    rows = list(_db(path).query("select * from source_runs order by run_id desc limit 1"))
    return rows[0]


def test_challenges_are_recognised_by_what_they_carry() -> None:
    ruishu = b"<html><head><script>var $_ts=window['$_ts'];</script></head><body></body></html>"
    found = detect(412, ruishu)
    assert found is not None and found.reason == "blocked by an anti-bot challenge (HTTP 412, 瑞数-style)"
    jsl = b"<script>document.cookie='__jsl_clearance=1|0|x';location.reload()</script>"
    assert getattr(detect(521, jsl), "style", None) == "加速乐"
    aliyun = b"<html><script>var arg1='3A4F';function setCookie(){document.cookie='acw_sc__v2='+x}</script></html>"
    assert getattr(detect(200, aliyun), "style", None) == "Aliyun WAF"
    shell = b"<html><head><script src='/app.js'></script></head><body><div id='app'></div></body></html>"
    assert getattr(detect(200, shell), "style", None) == "script shell"
    page = "<html><body><script>var $_ts=1;</script><a href='/a.html'>区内动态</a></body></html>".encode()
    assert detect(200, page) is None  # a page with links is content, whatever its scripts
    assert detect(404, b"<html><body>not found</body></html>") is None
    assert detect(200, b'{"data": {"list": []}}') is None


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("style", ["412", "521"])
def test_the_browser_passes_the_challenge_once_and_its_cookie_serves_the_rest(tmp_path: Path, style: str) -> None:
    with GuardedSite(style=style) as site:
        path = _config(tmp_path, site)
        result = newswatch(path, "crawl")
        assert result.returncode == 0, result.stderr
        stored = json.loads(newswatch(path, "articles", "--json").stdout)
        assert sorted(a["title"] for a in stored) == sorted(t for t, _ in TOPICS)
        assert all(a["published_at"] for a in stored)
        run = _last_run(path)
        assert run["browser_renders"] == 1 and run["failures"] == 0  # the list in the browser, articles plain
        articles = [h for h in site.hits if h.path.startswith("/news/") and h.path != "/news/index.html"]
        assert articles and all(h.cleared and not h.browser for h in articles)
        assert "guarded" in {
            r["name"] for r in _db(path).query("select name from sources where needs_browser is not null")
        }
        cookies = store.site_cookies(_db(path))
        assert list(cookies) == [site.url.removeprefix("http://")]
        assert "passed-7f3a" not in result.stdout + result.stderr  # an earned cookie is never logged

        before = len(site.browser_hits())
        again = newswatch(path, "crawl")
        assert again.returncode == 0, again.stderr
        assert _last_run(path)["browser_renders"] == 0 and len(site.browser_hits()) == before  # no browser at all


@needs_chromium
@pytest.mark.slow
def test_a_challenge_that_never_clears_is_one_named_failure(tmp_path: Path) -> None:
    with GuardedSite(stubborn=True) as site:
        path = _config(tmp_path, site)
        result = newswatch(path, "crawl")
        assert result.returncode == 1  # its only source failed
        expected = "blocked by an anti-bot challenge (HTTP 412, 瑞数-style)"
        assert expected in result.stdout and "no article links" not in result.stdout
        listed = json.loads(newswatch(path, "sources", "list", "--json").stdout)
        assert expected in listed[0]["last_error"] and "browser" in listed[0]["last_error"]


@pytest.mark.slow
def test_render_never_and_no_chromium_each_fail_naming_the_challenge(tmp_path: Path) -> None:
    with GuardedSite() as site:
        never = _config(tmp_path, site, render="never")
        result = newswatch(never, "crawl")
        assert result.returncode == 1
        assert 'blocked by an anti-bot challenge (HTTP 412, 瑞数-style) (render = "never")' in result.stdout
        assert not site.browser_hits()

        other = tmp_path / "other"
        other.mkdir()
        missing = _config(other, site, browser='executable = "/nonexistent/chromium"\n')
        result = newswatch(missing, "crawl")
        assert result.returncode == 1
        assert "Chromium not found at /nonexistent/chromium (apt-get install chromium)" in result.stdout


def test_sources_test_says_the_source_needs_the_browser_and_why(tmp_path: Path) -> None:
    with GuardedSite() as site:
        path = _config(tmp_path, site)
        result = newswatch(path, "sources", "test", "guarded")
        assert result.returncode == 1
        assert "blocked by an anti-bot challenge (HTTP 412, 瑞数-style)" in result.stdout
        if CHROMIUM.exists():
            assert "the crawl passes it in the browser (render = 'auto')" in result.stdout
            assert "fetch mode: browser for the list, then plain HTTP with its cookies: blocked by" in result.stdout
        (tmp_path / "never").mkdir()
        never = _config(tmp_path / "never", site, render="never")
        result = newswatch(never, "sources", "test", "guarded")
        assert 'render = "never" keeps the crawl from passing it' in result.stdout
