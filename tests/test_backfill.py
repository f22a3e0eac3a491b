"""Large sitemaps are back-filled run by run; failed pages wait days, or a run, before another try.

A local site on 127.0.0.1 serves a sitemap of 30 dated articles and a second one whose links
include a page that is gone (404), one that errs once (500) and one without article text; the
CLI crawls it in a subprocess, and the site's request log says what each run fetched.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import db as store
from tests.support import cli
from tests.support.config import FAST_CRAWL, write_config

pytestmark = pytest.mark.slow  # three real crawls

ARTICLES = 30
CAP = 10

ARTICLE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_示范新区管委会</title></head>
<body><div class="article"><h1>{title}</h1>
<div class="info">发布时间：{date} 10:00　来源：新区经济发展局</div>
<div class="content">
<p>{date}，示范新区第{n}批重点产业项目集中签约，
涉及生物制药、高端医疗器械和细胞治疗等领域，
签约企业将在新区产业园内建设研发中心和生产基地，预计三年内全部投产。</p>
<p>新区经济发展局负责人介绍，本批项目由第{n}轮招商洽谈促成，
新区将为项目提供审批代办、人才公寓和中试平台共享等配套服务，
帮助企业缩短建设周期，尽早形成产能。</p>
<p>据了解，今年以来新区已累计引进产业项目数十个，产业集聚效应逐步显现。</p>
</div></div></body></html>
"""

EMPTY = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面维护中</title></head>
<body><p>页面维护中。</p></body></html>"""


def day(n: int) -> str:
    """Article n's date: article 30 is the newest."""
    return (datetime(2025, 10, 1) + timedelta(days=n)).strftime("%Y-%m-%d")


def sitemap(paths: list[tuple[str, str]]) -> bytes:
    urls = "".join(f"<url><loc>{{base}}{path}</loc><lastmod>{date}</lastmod></url>" for path, date in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


class Site:
    """``/big/sitemap.xml`` lists 30 articles; ``/flaky/sitemap.xml`` two articles and three failures."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.healed = False  # the 500 page answers once healed
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def take(self) -> list[str]:
        with self.lock:
            taken, self.requests = self.requests, []
        return taken

    def answer(self, path: str) -> tuple[int, str, bytes]:
        big = [(f"/big/{n}.html", day(n)) for n in range(1, ARTICLES + 1)]
        flaky = [
            ("/flaky/1.html", day(1)),
            ("/flaky/2.html", day(2)),
            ("/flaky/gone.html", day(3)),
            ("/flaky/busy.html", day(4)),
            ("/flaky/empty.html", day(5)),
        ]
        if path in ("/big/sitemap.xml", "/flaky/sitemap.xml"):
            body = sitemap(big if path.startswith("/big/") else flaky).replace(b"{base}", self.url.encode())
            return 200, "application/xml", body
        if path == "/flaky/gone.html":
            return 404, "text/html", b"<h1>404</h1>"
        if path == "/flaky/busy.html" and not self.healed:
            return 500, "text/html", b"<h1>500</h1>"
        if path == "/flaky/empty.html":
            return 200, "text/html; charset=utf-8", EMPTY.encode("utf-8")
        for prefix in ("/big/", "/flaky/"):
            name = path.removeprefix(prefix).removesuffix(".html")
            if path.startswith(prefix) and (name.isdigit() or name == "busy"):
                n = int(name) if name.isdigit() else 40
                title = f"示范新区第{n}批生物医药产业项目集中签约"
                return 200, "text/html; charset=utf-8", ARTICLE.format(title=title, date=day(n), n=n).encode("utf-8")
        return 404, "text/html", b"<h1>404</h1>"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.requests.append(self.path)
                status, kind, body = site.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> Site:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def newswatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = cli.newswatch(config, *args)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


class Runs:
    """Three crawls of both sources; between the 2nd and 3rd the 500 page heals and the 404 is retried."""

    def __init__(self, tmp: Path, site: Site) -> None:
        self.site = site
        self.config = write_config(
            tmp,
            crawl={**FAST_CRAWL, "workers": 1, "max_links_per_source": CAP},
            sources=[
                ("big", f"{site.url}/big/sitemap.xml", "sitemap"),
                ("flaky", f"{site.url}/flaky/sitemap.xml", "sitemap"),
            ],
        )
        self.database = tmp / "news.db"
        self.output: list[str] = []
        self.requests: list[list[str]] = []
        self.listed: list[list[dict[str, Any]]] = []
        self.retried = ""  # what `sources retry` said
        self.status: dict[str, Any] = {}  # `status --json` after the last run

    def crawl(self) -> None:
        self.output.append(newswatch(self.config, "crawl").stdout)
        self.requests.append(self.site.take())
        self.listed.append(json.loads(newswatch(self.config, "sources", "list", "--json").stdout))

    def figures(self, source: str) -> dict[str, int]:
        """Per run of ``source``: the new links it left for later runs."""
        database = store.open_db(self.database)
        try:
            return {r["run_id"]: r["links_deferred"] for r in store.source_history(database, source)}
        finally:
            database.close()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    with Site() as site:
        runs = Runs(tmp_path_factory.mktemp("backfill"), site)
        runs.crawl()
        site.healed = True
        runs.crawl()
        runs.retried = newswatch(runs.config, "sources", "retry", "flaky").stdout
        runs.crawl()
        runs.status = json.loads(newswatch(runs.config, "status", "--json").stdout)
        yield runs


def fetched(requests: list[str], prefix: str) -> set[int]:
    return {
        int(p.removeprefix(prefix).removesuffix(".html"))
        for p in requests
        if p.startswith(prefix) and p.removeprefix(prefix).removesuffix(".html").isdigit()
    }


def test_a_large_sitemap_is_fetched_newest_first_and_back_filled_run_by_run(runs: Runs) -> None:
    assert [fetched(r, "/big/") for r in runs.requests] == [set(range(21, 31)), set(range(11, 21)), set(range(1, 11))]
    database = store.open_db(runs.database)
    try:
        assert len(list(store.articles(database, source="big"))) == ARTICLES
    finally:
        database.close()


def test_reaching_the_cap_is_said_in_the_summary_and_recorded(runs: Runs) -> None:
    assert "max_links_per_source reached: 20 more new links" in runs.output[0]
    assert "max_links_per_source reached: 10 more new links" in runs.output[1]
    assert "max_links_per_source" not in runs.output[2]
    assert sorted(runs.figures("big").items()) == [(1, 20), (2, 10), (3, 0)]
    assert set(runs.figures("flaky").values()) == {0}


def test_a_page_that_is_gone_waits_for_its_retry_and_one_that_erred_is_tried_next_run(runs: Runs) -> None:
    first, second, third = runs.requests
    assert {"/flaky/gone.html", "/flaky/busy.html", "/flaky/empty.html"} <= set(first)
    assert "/flaky/gone.html" not in second and "/flaky/empty.html" not in second
    assert "/flaky/busy.html" in second  # a 500 is tried at the next run, and now it works
    assert "/flaky/gone.html" in third and "/flaky/empty.html" in third  # made due by `sources retry`
    assert runs.retried.startswith("2 failed pages of flaky")


def test_sources_list_and_status_count_the_failed_pages_waiting_and_given_up(runs: Runs) -> None:
    flaky = [next(s for s in listed if s["name"] == "flaky") for listed in runs.listed]
    counts = [(s["failed_pages_waiting"], s["failed_pages_given_up"]) for s in flaky]
    assert counts == [(3, 0), (2, 0), (2, 0)]  # the healed page left; the others failed again
    big = next(s for s in runs.listed[0] if s["name"] == "big")
    assert (big["failed_pages_waiting"], big["failed_pages_given_up"]) == (0, 0)
    assert runs.status["failed_pages"] == [{"source": "flaky", "waiting": 2, "given_up": 0}]


def test_a_page_that_succeeds_later_leaves_the_failed_pages(runs: Runs) -> None:
    database = store.open_db(runs.database)
    try:
        waiting = store.not_due_urls(database, store.now())
        assert waiting == {runs.site.url + "/flaky/gone.html", runs.site.url + "/flaky/empty.html"}
        assert store.known_urls(database, [runs.site.url + "/flaky/busy.html"])
    finally:
        database.close()


# ---------------------------------------------------------------- the schedule of retries

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def at(days: float) -> str:
    return (T0 + timedelta(days=days)).isoformat(timespec="seconds")


def fail(database: store.Database, when: float, reason: str, permanent: bool) -> None:
    with database.atomic():
        store.note_failed_pages(
            database,
            [{"source": "s", "url": "https://a.example/1.html", "reason": reason, "permanent": permanent}],
            at(when),
        )


def waiting(database: store.Database, when: float) -> bool:
    return "https://a.example/1.html" in store.not_due_urls(database, at(when))


def test_a_page_gone_for_good_is_tried_after_1_3_and_7_days_then_given_up(tmp_path: Path) -> None:
    database = store.open_db(tmp_path / "news.db")
    fail(database, 0, "HTTP 404", permanent=True)
    assert waiting(database, 0.99) and not waiting(database, 1)
    fail(database, 1, "HTTP 404", permanent=True)
    assert waiting(database, 3.99) and not waiting(database, 4)
    fail(database, 4, "no article text found", permanent=True)
    assert waiting(database, 10.99) and not waiting(database, 11)
    fail(database, 11, "HTTP 410", permanent=True)
    assert waiting(database, 11 + 365)  # given up: never requested again
    assert store.retry_counts(database) == {"s": {"waiting": 0, "given_up": 1}}


def test_a_failure_for_now_is_retried_at_the_next_run_and_does_not_count_towards_giving_up(tmp_path: Path) -> None:
    database = store.open_db(tmp_path / "news.db")
    fail(database, 0, "HTTP 404", permanent=True)
    fail(database, 1, "timeout after 20 s", permanent=False)
    assert not waiting(database, 1.01)
    fail(database, 1.01, "HTTP 404", permanent=True)  # the second failure for good: 3 days
    assert waiting(database, 3.99) and not waiting(database, 4.01)
    assert store.retry_counts(database) == {"s": {"waiting": 1, "given_up": 0}}


def test_a_stored_page_leaves_the_failed_pages(tmp_path: Path) -> None:
    database = store.open_db(tmp_path / "news.db")
    fail(database, 0, "HTTP 500", permanent=False)
    store.save_articles(database, [{"url": "https://a.example/1.html", "source": "s", "title": "t", "body": "b"}])
    assert store.retry_counts(database) == {}
