"""No silent caps: a crawl that hits a limit — links per list page, list pages, links per source,
article text — says so in the run summary and in ``source_runs``; each limit is in the README."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from crawler import links
from pipelines.extract import MAX_BODY_CHARS, extract
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config
from tests.support.pages import PageServer

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def paragraph(i: int) -> str:
    return (
        f"<p>示范区日前举行第{i}轮生物医药产业项目集中签约活动，创新药研发中心、高端医疗器械生产基地等"
        f"{i % 17 + 2}个项目现场签约，计划总投资{i * 3 + 11}亿元，区里将为项目提供用地保障和审批服务。</p>\n"
    )


def article(n: int, paragraphs: int = 3) -> str:
    title = f"示范区第{n}批生物医药项目集中签约"
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
        f"<div class='info'>发布时间：2025-10-{n % 28 + 1:02d} 09:30</div>"
        f"<div class='content'>{''.join(paragraph(i) for i in range(paragraphs))}</div></body></html>"
    )


def list_page(numbers: range, pager: str = "") -> str:
    items = "".join(f"<li><a href='/news/t{n}.html'>示范区第{n}批生物医药项目集中签约</a></li>" for n in numbers)
    return f"<html><head><meta charset='utf-8'><title>要闻</title></head><body><ul>{items}</ul>{pager}</body></html>"


def test_each_limit_is_in_the_readme() -> None:
    for name in ("MAX_ANCHORS_PER_PAGE", "MAX_BODY_CHARS", "max_list_pages", "max_links_per_source", "max_page_bytes"):
        assert f"`{name}`" in README, name
    assert f"{links.MAX_ANCHORS_PER_PAGE:,}" in README and f"{MAX_BODY_CHARS:,}" in README


def test_a_long_text_is_cut_and_says_so() -> None:
    long = extract(article(1, paragraphs=2000), "http://127.0.0.1/news/t1.html")
    assert long.body_cut and MAX_BODY_CHARS - 5000 <= len(long.body) <= MAX_BODY_CHARS
    short = extract(article(2), "http://127.0.0.1/news/t2.html")
    assert not short.body_cut and short.body


def test_links_beyond_the_per_page_limit_are_counted() -> None:
    tree = links.parse_html(list_page(range(links.MAX_ANCHORS_PER_PAGE + 250)))
    assert tree is not None
    assert links.anchors_not_looked_at(tree) == 250
    small = links.parse_html(list_page(range(10)))
    assert small is not None and links.anchors_not_looked_at(small) == 0


def test_sources_test_warns_of_a_page_with_more_links_than_are_looked_at(tmp_path: Path) -> None:
    def route(path: str) -> tuple[int, dict[str, str], str]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/farm/index.html":
            return 200, html, list_page(range(links.MAX_ANCHORS_PER_PAGE + 100))
        if path.startswith("/news/t"):
            return 200, html, article(int(path[len("/news/t") : -len(".html")]))
        return 404, html, "<h1>404</h1>"

    with PageServer(route=route) as site:
        config = write_config(tmp_path, crawl=FAST_CRAWL, sources=[("farm", f"{site.url}/farm/index.html", "list")])
        done = newswatch(config, "sources", "test", "farm")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"warning: 100 links beyond the first {links.MAX_ANCHORS_PER_PAGE} of the page" in done.stdout


@pytest.mark.slow
def test_a_crawl_that_hits_limits_warns_and_records_each(tmp_path: Path) -> None:
    def route(path: str) -> tuple[int, dict[str, str], str]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path.startswith("/farm/"):  # 5,000 article links on one page
            return 200, html, list_page(range(5000))
        if path.startswith("/endless/"):  # every page new links and a next page
            page = int(path.split("_")[1].split(".")[0]) if "_" in path else 0
            pager = f"<a href='/endless/index_{page + 1}.html'>下一页</a>"
            return 200, html, list_page(range(9000 + page, 9001 + page), pager)
        if path.startswith("/long/"):
            return 200, html, list_page(range(20000, 20001))
        if path == "/news/t20000.html":
            return 200, html, article(20000, paragraphs=2000)
        if path.startswith("/news/t"):
            return 200, html, article(int(path[len("/news/t") : -len(".html")]))
        return 404, html, "<h1>404</h1>"

    with PageServer(route=route) as site:
        config = write_config(
            tmp_path,
            crawl={**FAST_CRAWL, "max_links_per_source": 4, "max_list_pages": 2, "workers": 1},
            sources=[
                ("farm", f"{site.url}/farm/index.html", "list"),
                ("endless", f"{site.url}/endless/index.html", "list"),
                ("long", f"{site.url}/long/index.html", "list"),
            ],
        )
        done = newswatch(config, "crawl")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    summary = " ".join(done.stdout.split())
    assert f"2000 links beyond the first {links.MAX_ANCHORS_PER_PAGE}" in summary, done.stdout
    assert "max_links_per_source reached" in summary
    assert "max_list_pages reached" in summary
    assert f"1 article texts cut at {MAX_BODY_CHARS} characters" in summary
    with contextlib.closing(sqlite3.connect(tmp_path / "news.db")) as conn:
        conn.row_factory = sqlite3.Row
        rows = {r["source"]: r for r in conn.execute("select * from source_runs")}
    assert rows["farm"]["anchors_skipped"] == 2000 and rows["farm"]["links_deferred"] > 0
    assert rows["endless"]["list_pages_capped"] == 1 and rows["endless"]["anchors_skipped"] == 0
    assert rows["long"]["bodies_cut"] == 1 and rows["long"]["list_pages_capped"] == 0
