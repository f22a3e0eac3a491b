"""The real crawl over HTTP: fixture sites on 127.0.0.1, the CLI in a subprocess, the database after.

One crawl (and one re-run, one dry run) serves every assertion, so the suite stays fast.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.urls import canonical_url
from demo.serve import SITES_DIR, serve_sites
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config

pytestmark = pytest.mark.slow  # real crawls of the fixture sites by the command line

TRUTH = json.loads((SITES_DIR / "truth.json").read_text(encoding="utf-8"))
ARTICLES = [a for a in TRUTH["articles"] if a["variant"] is None]
LATE = [a for a in TRUTH["articles"] if a["variant"] == "late"]  # published after the first crawl

# Which entry point of each fixture site a source starts from, and as what kind.
# fmt: off
SOURCES = [
    ("hpgov", "hpgov", "list", "auto"),
    ("media-feed", "media", "feed", "auto"),
    ("media-list", "media", "list", "list"),
    ("english", "english", "sitemap", "auto"),
    ("hkmedia", "hkmedia", "list", "auto"),
    ("hkmedia-feed", "hkmedia", "feed", "feed"),
    ("english-robots", "english", "/robots.txt", "sitemap"),  # the Sitemap: lines of robots.txt
]
# fmt: on
BROKEN_SOURCE = "hpgov-moved"


@dataclass
class Crawl:
    """What the session's crawls left behind."""

    sites: dict[str, Any]
    database: Path
    config: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    dry: subprocess.CompletedProcess[str]
    first_requests: dict[str, list[str]]
    second_requests: dict[str, list[str]]
    dump_before_dry: str
    dump_after_dry: str

    def rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.database)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def url(self, site: str, path: str) -> str:
        return canonical_url(self.sites[site].url + path) or ""


def crawl_config(folder: Path, sources: list[tuple[str, str, str]], **crawl: Any) -> Path:
    """A config.toml in folder whose sources are ``(name, url, kind)``; ``crawl`` adds [crawl] keys."""
    return write_config(
        folder, crawl={**FAST_CRAWL, "max_page_bytes": 5_000_000, "retries": 1, **crawl}, sources=sources
    )


def dump(database: Path) -> str:
    conn = sqlite3.connect(database)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    finally:
        conn.close()


def take_requests(sites: dict[str, Any]) -> dict[str, list[str]]:
    taken = {name: site.requests.snapshot() for name, site in sites.items()}
    for site in sites.values():
        site.requests.clear()
    return taken


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    folder = tmp_path_factory.mktemp("crawl")
    with serve_sites() as sites:
        entry = {
            name: point if point.startswith("/") else TRUTH["sites"][site]["entry_points"][point]
            for name, site, point, _ in SOURCES
        }
        sources = [(name, sites[site].url + entry[name], kind) for name, site, _, kind in SOURCES]
        sources.append((BROKEN_SOURCE, sites["hpgov"].url + "/xwzx/moved/index.html", "list"))
        config = crawl_config(folder, sources)
        first = newswatch(config, "crawl")
        first_requests = take_requests(sites)
        sites["hkmedia"].set_variant("late")
        second = newswatch(config, "crawl")
        second_requests = take_requests(sites)
        before = dump(folder / "news.db")
        dry = newswatch(config, "crawl", "--dry-run")
        yield Crawl(
            sites,
            folder / "news.db",
            config,
            first,
            second,
            dry,
            first_requests,
            second_requests,
            before,
            dump(folder / "news.db"),
        )


def test_the_crawls_finish_without_errors(crawl: Crawl) -> None:
    for run in (crawl.first, crawl.second, crawl.dry):
        assert run.returncode == 0, run.stderr[-3000:]
        assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert [r["status"] for r in crawl.rows("select status from runs order by id")] == ["ok", "ok"]


def test_every_article_is_stored_exactly_once_and_nothing_else(crawl: Crawl) -> None:
    stored = [r["url"] for r in crawl.rows("select url from articles")]
    expected = [crawl.url(a["site"], a["path"]) for a in ARTICLES + LATE]
    assert sorted(stored) == sorted(expected)


def test_titles_dates_and_language_are_right(crawl: Crawl) -> None:
    wrong = []
    for article in ARTICLES + LATE:
        row = crawl.rows(
            "select title, published_at, lang from articles where url = ?", crawl.url(article["site"], article["path"])
        )[0]
        got = (row["title"], row["published_at"], row["lang"])
        if got != (article["title"], article["published_at"], article["lang"]):
            wrong.append((article["id"], got))
    assert wrong == []


def test_bodies_hold_the_text_and_no_boilerplate(crawl: Crawl) -> None:
    problems = []
    for article in ARTICLES + LATE:
        body = crawl.rows("select body from articles where url = ?", crawl.url(article["site"], article["path"]))[0][0]
        for sentence in (article["first_sentence"], article["last_sentence"]):
            if sentence not in body:
                problems.append((article["id"], "missing", sentence[:30]))
        problems += [(article["id"], "boilerplate", b) for b in article["boilerplate"] if b in body]
    assert problems == []


def test_each_source_stores_only_articles_of_its_own_site(crawl: Crawl) -> None:
    site_of_source = {name: site for name, site, _, _ in SOURCES}
    for row in crawl.rows("select source, url from articles"):
        assert row["url"].startswith(crawl.sites[site_of_source[row["source"]]].url + "/")


def test_robots_disallowed_and_off_site_pages_are_never_requested(crawl: Crawl) -> None:
    for name, requests in crawl.first_requests.items():
        assert not [p for p in requests if p.startswith("/private/")], name
    for details in TRUTH["sites"].values():
        for noise in details["noise"]:
            if noise["expect"] == "not_followed":
                linked_site, path = noise["path"].removeprefix("__BASE_").split("__", 1)
                # the other site is crawled by its own sources; the link must not make hpgov store it
                stored = crawl.rows("select source from articles where url = ?", crawl.url(linked_site, path))
                assert all(r["source"].startswith(linked_site) for r in stored)


def test_every_noise_failure_is_recorded_with_its_reason(crawl: Crawl) -> None:
    expected_reason = {404: "HTTP 404", 500: "HTTP 500"}
    failures = {(r["url"]): r["reason"] for r in crawl.rows("select url, reason from failures where run_id = 1")}
    checked = 0
    for site, details in TRUTH["sites"].items():
        for noise in details["noise"]:
            if noise["expect"] != "failure" or noise.get("variant"):
                continue
            url = crawl.url(site, noise["path"])
            assert url in failures, noise
            reason = failures[url]
            if noise["path"].endswith("big.html"):
                assert reason.startswith("too large"), reason
            elif noise["path"].endswith("binary.html"):
                assert "binary" in reason, reason
            else:
                assert reason == expected_reason[noise["status"]], (noise, reason)
            checked += 1
    assert checked >= 5
    robots = crawl.rows("select reason from failures where url like '%/private/%'")
    assert robots and all(r["reason"] == "disallowed by robots.txt" for r in robots)


def test_redirected_slow_and_tracked_links_are_aliases_of_their_article(crawl: Crawl) -> None:
    crawled_pages = {f"{site}:{TRUTH['sites'][site]['entry_points'].get(point)}" for _, site, point, _ in SOURCES}
    crawled_pages |= {f"hpgov:{p}" for p in TRUTH["sites"]["hpgov"]["entry_points"]["list_pages"]}
    crawled_pages |= {f"media:{p}" for p in TRUTH["sites"]["media"]["entry_points"]["list_pages"]}
    by_id = {a["id"]: a for a in ARTICLES}
    checked = 0
    for site, details in TRUTH["sites"].items():
        for noise in details["noise"]:
            if noise["expect"] != "article" or not any(f"{site}:{p}" in crawled_pages for p in noise["linked_from"]):
                continue
            article = by_id[noise["alias_of"]]
            found = crawl.rows(
                "select a.url from article_urls u join articles a on a.id = u.article_id where u.url = ?",
                crawl.url(site, noise["path"]),
            )
            assert [r["url"] for r in found] == [crawl.url(site, article["path"])], noise
            checked += 1
    assert checked >= 3
    redirect_chain = crawl.rows(
        "select u.url from article_urls u join articles a on a.id = u.article_id where a.url = ?",
        crawl.url("hpgov", TRUTH["sites"]["hpgov"]["redirect_to"]),
    )
    assert {r["url"] for r in redirect_chain} >= {
        crawl.url("hpgov", "/noise/redirect-1.html"),
        crawl.url("hpgov", "/noise/redirect-2.html"),
    }


def test_a_second_run_fetches_only_what_is_new(crawl: Crawl) -> None:
    assert crawl.second.returncode == 0
    article_paths = {(a["site"], a["path"]) for a in ARTICLES}
    article_paths |= {(a["site"], alias) for a in ARTICLES for alias in a["aliases"]}
    again = [
        (site, path)
        for site, requests in crawl.second_requests.items()
        for path in requests
        if (site, path) in article_paths
    ]
    assert again == []
    late = sorted(crawl.url(a["site"], a["path"]) for a in LATE)
    assert sorted(r["url"] for r in crawl.rows("select url from articles where id > ?", len(ARTICLES))) == late
    assert crawl.rows("select new_articles from runs where id = 2")[0][0] == len(LATE) > 0
    assert sum(len(r) for r in crawl.second_requests.values()) < sum(len(r) for r in crawl.first_requests.values()) / 2


def test_source_figures_and_health_are_recorded(crawl: Crawl) -> None:
    health = {r["name"]: r for r in crawl.rows("select * from sources")}
    for name, *_ in SOURCES:
        assert health[name]["last_error"] is None, (name, health[name]["last_error"])
        assert health[name]["consecutive_failures"] == 0
    first = {r["source"]: r for r in crawl.rows("select * from source_runs where run_id = 1")}
    assert sum(r["new_articles"] for r in first.values()) == len(ARTICLES)
    assert first["hpgov"]["pages"] >= 3 and first["hpgov"]["links"] >= 20 and first["hpgov"]["failures"] >= 5
    english = [first["english"], first["english-robots"]]  # both read one sitemap; either may store first
    assert english[0]["links"] == english[1]["links"] > 0
    assert sum(r["dated"] for r in english) == sum(r["new_articles"] for r in english) > 0


def test_a_source_whose_start_page_fails_is_recorded_as_failing(crawl: Crawl) -> None:
    row = crawl.rows("select last_error, consecutive_failures from sources where name = ?", BROKEN_SOURCE)[0]
    assert "HTTP 404" in row["last_error"] and "start page" in row["last_error"]
    assert row["consecutive_failures"] == 2


def test_a_dry_run_changes_nothing_and_stores_nothing(crawl: Crawl) -> None:
    assert crawl.dump_after_dry == crawl.dump_before_dry
    assert "0 new articles" in crawl.dry.stdout


# ---------------------------------------------------------------- every source failed


def test_a_run_in_which_every_source_failed_exits_1_and_one_that_half_worked_exits_0(tmp_path: Path) -> None:
    with serve_sites(["hpgov"], slow_seconds=0.1) as sites:
        hpgov = sites["hpgov"]
        sources = [
            ("portal", hpgov.url + TRUTH["sites"]["hpgov"]["entry_points"]["list"], "list"),
            ("moved", hpgov.url + "/xwzx/moved/index.html", "list"),  # 404
            ("refused", "http://127.0.0.1:9/news/", "list"),
        ]  # nothing listens there
        config = crawl_config(tmp_path, sources)
        hpgov.set_variant("maintenance")  # the portal's list shows no article links
        failed = newswatch(config, "run")
        dry = newswatch(config, "crawl", "--dry-run")
        hpgov.set_variant(None)
        half = newswatch(config, "crawl")
    for done in (failed, dry):
        assert done.returncode == 1, done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        errors = [line for line in done.stderr.splitlines() if line.startswith("newswatch: error:")]
        assert len(errors) == 1 and "every source failed (3 of 3)" in errors[0], done.stderr[-3000:]
        assert "crawl summary" in done.stdout
    assert "newswatch status" in failed.stderr
    assert half.returncode == 0, half.stderr[-3000:]
    assert "every source failed" not in half.stderr
    database = sqlite3.connect(tmp_path / "news.db")
    try:
        runs = database.execute("select status, error from runs order by id").fetchall()
        errors = dict(database.execute("select source, error from source_runs where run_id = 1").fetchall())
        broken = dict(
            database.execute("select source, error from source_runs where run_id = 2 and error is not null").fetchall()
        )
    finally:
        database.close()
    assert runs == [("failed", "every source failed (3 of 3)"), ("ok", None)]
    assert "no article links" in errors["portal"] and errors["moved"] and errors["refused"]
    assert set(broken) == {"moved", "refused"}


# ---------------------------------------------------------------- a site that points elsewhere


def test_public_pages_cannot_point_the_crawler_at_private_addresses(tmp_path: Path, serve_pages: Any) -> None:
    """Loopback stands in for the intranet: only the configured source's own host:port may be asked."""
    inner = serve_pages({"/latest/meta-data/": (200, {}, "secret")})
    inner_url = inner.url
    body = "<p>" + "园区新引进生物医药企业十三家，总投资超过三十亿元。" * 8 + "</p>"
    article = f"<html><head><title>园区签约仪式举行</title></head><body><h1>园区签约仪式举行</h1>{body}</body></html>"
    items = "".join(
        f'<li><a href="{href}">园区第{i}批生物医药企业集中签约入驻</a><span>2025-11-1{i}</span></li>'
        for i, href in enumerate(
            [
                "/news/content/post_1001.html",
                "/news/content/post_1002.html",
                "/news/content/post_1003.html",
                f"{inner_url}/news/content/post_1004.html",
                "http://169.254.169.254/news/content/post_1005.html",
                "http://[::1]/news/content/post_1006.html",
                "/news/content/post_1007.html",
            ]
        )
    )
    refresh = f'<html><head><meta http-equiv="refresh" content="0; url={inner_url}/latest/meta-data/"></head></html>'
    outer = serve_pages(
        {
            "/news/": (200, {}, f'<html><body><ul class="list">{items}</ul></body></html>'),
            "/news/content/post_1001.html": (200, {}, article),
            "/news/content/post_1002.html": (302, {"Location": f"{inner_url}/latest/meta-data/"}, ""),
            "/news/content/post_1003.html": (200, {}, refresh),
            "/news/content/post_1007.html": (301, {"Location": f"http://localhost:{inner.port}/x"}, ""),
            "/empty/": (200, {}, "<html><body><p>维护中</p></body></html>"),
        }
    )
    outer_url = outer.url
    config = crawl_config(
        tmp_path,
        [("outer", f"{outer_url}/news/", "list"), ("empty", f"{outer_url}/empty/?key=${{NW_TEST_KEY}}", "auto")],
        obey_robots_txt=False,
    )
    run = newswatch(config, "crawl", env={"NW_TEST_KEY": "s3cret-feed-key"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert inner.seen == []
    database = sqlite3.connect(tmp_path / "news.db")
    try:
        stored = [r[0] for r in database.execute("select url from articles")]
        failures = dict(database.execute("select url, reason from failures").fetchall())
        errors = dict(database.execute("select name, last_error from sources").fetchall())
    finally:
        database.close()
    assert stored == [f"{outer_url}/news/content/post_1001.html"]
    assert failures[f"{outer_url}/news/content/post_1002.html"].startswith("blocked: 127.0.0.1 is a private address")
    assert failures[f"{outer_url}/news/content/post_1003.html"].startswith("blocked: 127.0.0.1")
    assert failures[f"{outer_url}/news/content/post_1007.html"].startswith("blocked: localhost resolves to")
    assert errors["outer"] is None
    assert "no article links" in errors["empty"]
    assert "***" in errors["empty"]
    everything = "\n".join(sqlite3.connect(tmp_path / "news.db").iterdump())
    assert "s3cret-feed-key" not in everything + run.stdout + run.stderr
    assert any("s3cret-feed-key" in path for path in outer.seen)  # the key was used, just never shown


def test_a_meta_refresh_leads_to_the_article_it_names(tmp_path: Path, serve_pages: Any) -> None:
    """Some portals move a page with <meta http-equiv="Refresh">; the crawl follows it as a redirect."""
    body = "<p>" + "区内新引进生物医药企业九家，签约总金额二十八亿元。" * 8 + "</p>"

    def article(title: str) -> str:
        return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"

    moved = '<html><head><META HTTP-EQUIV="Refresh" CONTENT="0;URL=/news/content/post_3.html"></head></html>'
    items = "".join(
        f'<li><a href="/news/content/post_{i}.html">区内生物医药企业集中签约第{i}批</a><span>2025-11-1{i}</span></li>'
        for i in (1, 2)
    )
    site = serve_pages(
        {
            "/news/": (200, {}, f'<html><body><ul class="list">{items}</ul></body></html>'),
            "/news/content/post_1.html": (200, {}, moved),
            "/news/content/post_2.html": (200, {}, article("生物医药产业园二期开工")),
            "/news/content/post_3.html": (200, {}, article("九家生物医药企业集中签约")),
        }
    )
    run = newswatch(crawl_config(tmp_path, [("news", f"{site.url}/news/", "list")], obey_robots_txt=False), "crawl")
    assert run.returncode == 0, run.stderr[-3000:]
    database = sqlite3.connect(tmp_path / "news.db")
    try:
        stored = {r[0]: r[1] for r in database.execute("select url, title from articles")}
    finally:
        database.close()
    assert stored == {
        f"{site.url}/news/content/post_2.html": "生物医药产业园二期开工",
        f"{site.url}/news/content/post_3.html": "九家生物医药企业集中签约",
    }


def test_extraction_survives_a_worker_that_dies(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A page whose worker is killed is retried on fresh workers; the crawl never sees the crash."""
    import asyncio

    import config as configuration
    from crawler.pool import ExtractorPool
    from pipelines.article import Page

    settings = configuration.load(crawl_config(tmp_path, [("x", "http://127.0.0.1:9/", "list")], workers=1))
    body = "<p>" + "园区新引进生物医药企业十三家，总投资超过三十亿元。" * 8 + "</p>"
    page = Page(
        source="x",
        url="http://127.0.0.1:9/a/1.html",
        fetched_at="2025-11-18T00:00:00+00:00",
        html=f"<html><head><title>园区签约仪式举行</title></head><body><h1>园区签约仪式举行</h1>{body}</body></html>",
    )

    async def scenario() -> tuple[str, str]:
        pool = ExtractorPool(settings)
        first = await pool.process(page)
        executor = await pool._running()
        for worker in list(executor._processes.values()):
            worker.kill()
            worker.join()
        second = await pool.process(page)
        await pool.close()
        return first.title, second.title

    assert asyncio.run(scenario()) == ("园区签约仪式举行", "园区签约仪式举行")
    assert "restarting extraction workers" in caplog.text
