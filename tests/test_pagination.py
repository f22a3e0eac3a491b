"""Finding a list's next page: any wording, rel=next, numbered pagers, URL patterns, pager scripts."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.links import parse_html
from crawler.pager import next_page
from pipelines.dates import CHINA
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config
from tests.support.pages import PageServer

LIST = "http://www.example.gov.cn/xwzx/index.html"


def _next(body: str, url: str = LIST, page_no: int = 1, head: str = "") -> str | None:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return next_page(parse_html(html), url, html, page_no=page_no)


@pytest.mark.parametrize(
    "label",
    [
        "下一页",
        "下一頁 »",
        "下页",
        "下頁",
        "后页",
        "後頁",
        "[下一页]",
        "下一页&gt;&gt;",
        "Next",
        "Next »",
        "next page",
        "Older posts",
        "›",
        "&gt;",
    ],
)
def test_next_links_in_simplified_traditional_and_english_wording(label: str) -> None:
    body = f'<div class="pages"><a href="index_3.html">末页</a><a href="index_1.html">{label}</a></div>'
    assert _next(body) == "http://www.example.gov.cn/xwzx/index_1.html"


def test_a_worded_link_wins_over_a_bare_double_arrow_which_may_mean_the_last_page() -> None:
    body = '<a href="index_9.html">»</a><a href="index_1.html">下一頁</a>'
    assert _next(body) == "http://www.example.gov.cn/xwzx/index_1.html"


def test_image_and_class_labelled_next_links() -> None:
    assert (
        _next('<a href="list_2.htm"><img src="n.gif" alt="下一页"></a>', "http://e.example.cn/a/list.htm")
        == "http://e.example.cn/a/list_2.htm"
    )
    assert (
        _next('<a class="page-next" href="/news/p/2"></a>', "http://e.example.cn/news/")
        == "http://e.example.cn/news/p/2"
    )


def test_rel_next_on_link_and_anchor() -> None:
    assert (
        _next("", "http://e.example.cn/list", head='<link rel="next" href="?page=2">')
        == "http://e.example.cn/list?page=2"
    )
    assert _next('<a rel="next" href="/l/3">3</a>', "http://e.example.cn/l/2") == "http://e.example.cn/l/3"


def test_numbered_pager_follows_the_page_after_the_current_one() -> None:
    pager = (
        '<div class="page"><a href="index.html">1</a><span class="cur">2</span>'
        '<a href="index_2.html">3</a><a href="index_3.html">4</a><a href="index_9.html">末页</a></div>'
    )
    assert (
        _next(pager, "http://www.example.gov.cn/xwzx/index_1.html", page_no=2)
        == "http://www.example.gov.cn/xwzx/index_2.html"
    )
    plain = '<p><a href="list?p=2">2</a> <a href="list?p=3">3</a> <a href="list?p=10">尾頁</a></p>'
    assert _next(plain, "http://e.example.cn/list") == "http://e.example.cn/list?p=2"


@pytest.mark.parametrize(
    ("url", "href", "expected"),
    [
        (LIST, "index_1.html", "http://www.example.gov.cn/xwzx/index_1.html"),
        ("http://e.example.cn/col/list_4.shtml", "list_5.shtml", "http://e.example.cn/col/list_5.shtml"),
        ("http://e.example.cn/news?page=2", "/news?page=3", "http://e.example.cn/news?page=3"),
        ("http://e.example.cn/news/", "/news/page/2/", "http://e.example.cn/news/page/2/"),
        ("http://e.example.cn/news/page/2/", "/news/page/3/", "http://e.example.cn/news/page/3/"),
    ],
)
def test_url_patterns_of_the_same_list_with_the_next_number(url: str, href: str, expected: str) -> None:
    body = f'<a href="/about/index_7.html">关于</a><a href="{href}"><i class="icon"></i></a>'
    assert _next(body, url) == expected


def test_an_article_link_with_a_number_is_not_a_page() -> None:
    body = '<ul><li><a href="t20251118_123456.html">黄埔区生物医药产业园开园</a></li></ul>'
    assert _next(body) is None


@pytest.mark.parametrize(
    ("script", "url", "expected"),
    [
        # TRS WCM: counts from 0, page k is index_k
        (
            'createPageHTML(7, 2, "index", "shtml");',
            "http://e.example.cn/tzgg/index_2.shtml",
            "http://e.example.cn/tzgg/index_3.shtml",
        ),
        (
            'var countPage = 5//共多少页\nvar currentPage = 0;\ncreatePageHTML(countPage, currentPage, "index", "html");',
            "http://e.example.cn/tzgg/index.html",
            "http://e.example.cn/tzgg/index_1.html",
        ),
        (
            "createPageHTML('page_div', 4, 1, 'list', 'htm', 88);",
            "http://e.example.cn/a/list_1.htm",
            "http://e.example.cn/a/list_2.htm",
        ),
        # Page count and URL pattern in variables, counting from 1
        (
            'var totalPage = 6; var currentPage = 1;\nfunction go(n){ location.href = "index_" + n + ".html"; }',
            "http://e.example.cn/xw/index.html",
            "http://e.example.cn/xw/index_2.html",
        ),
        (
            'var pageCount = 3; var curPage = 2;\nvar url = "list_" + (curPage + 1) + ".shtml";',
            "http://e.example.cn/xw/list_2.shtml",
            "http://e.example.cn/xw/list_3.shtml",
        ),
        # name and extension in string variables, a pagination plugin's callback, counting from 0
        (
            'var pageCount = 4; var currentPage = 0; var pageName = "index"; var pageExt = ".shtml";\n'
            '$("#p").pagination(pageCount, {callback: function (i) {\n'
            '  location.href = i == 0 ? pageName + pageExt : pageName + "_" + i + pageExt; }});',
            "http://e.example.cn/xw/index.shtml",
            "http://e.example.cn/xw/index_1.shtml",
        ),
        # Hanweb: the URL up to the number in a variable, the pager written as markup by the script
        (
            'var totalPage = 2; var currentPage = 1; var pageUrl = "/col/col1521/index.html?uid=4521&pageNum=";\n'
            'html += "<a href=\'" + pageUrl + (currentPage + 1) + "\'>下页</a>";',
            "http://e.example.cn/col/col1521/index.html",
            "http://e.example.cn/col/col1521/index.html?pageNum=2&uid=4521",
        ),
    ],
)
def test_pager_scripts_without_links(script: str, url: str, expected: str) -> None:
    page_no = 1 if url.endswith(("index.html", "/")) else 2
    assert _next(f"<div id='pager'></div><script>{script}</script>", url, page_no=page_no) == expected


@pytest.mark.parametrize(
    "script",
    [
        'createPageHTML(3, 2, "index", "shtml");',
        'var totalPage = 3; var currentPage = 3;\nlocation.href = "index_" + n + ".html";',
        'createPageHTML(1, 0, "t20251118_123456", "html");',
        "function createPageHTML(_nPageCount,_nCurrIndex,_sPageName,_sPageExt){}",
    ],
)
def test_pager_scripts_on_the_last_page_or_a_single_page_lead_nowhere(script: str) -> None:
    assert _next(f"<script>{script}</script>", "http://e.example.cn/xw/index_2.shtml", page_no=3) is None


def test_no_next_page_off_site_to_itself_or_to_script() -> None:
    page = (
        '<a href="http://other.example.com/list_2.html">下一页</a><a href="#">下一页</a>'
        '<a href="javascript:next()">下一页</a><a href="index.html">下一頁 »</a>'
    )
    assert _next(page) is None


def test_next_selector_overrides_the_heuristics() -> None:
    body = '<div class="pg"><span class="nx"><a href="list_2.htm">后续</a></span><a href="x_9.htm">下一页</a></div>'
    html = f"<html><body>{body}</body></html>"
    assert (
        next_page(parse_html(html), "http://e.example.cn/a/list.htm", html, next_selector="span.nx")
        == "http://e.example.cn/a/list_2.htm"
    )


# ---------------------------------------------------------------- paging a real site over HTTP

DISTRICTS = ["黄埔区", "南沙区", "浦东新区", "大兴区", "滨江区", "龙华区", "江北新区", "高新区"]
WORKS = [
    "抗体药物中试平台",
    "细胞治疗研发中心",
    "高端医疗器械生产基地",
    "体外诊断试剂产业化项目",
    "合成生物创新中心",
    "创新药临床研究平台",
]


def _article_page(number: int) -> str:
    district, work = DISTRICTS[number % len(DISTRICTS)], WORKS[number % len(WORKS)]
    title = f"{district}第{number}批生物医药项目集中签约"
    body = (
        f"<p>{district}日前举行第{number}批生物医药产业项目签约活动，{work}等项目现场签约，"
        f"计划总投资{number + 11}亿元，预计建成后年产值可达{number * 3 + 20}亿元。</p>"
        f"<p>据介绍，本批次签约项目共{number % 7 + 3}个，涵盖研发、中试和规模化生产环节，"
        f"区里将为项目提供用地保障和审批服务，力争年内开工建设。</p>"
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><h1>{title}</h1>"
        f"<div class='info'>发布时间：2025-10-{number % 28 + 1:02d} 09:30</div>"
        f"<div class='content'>{body}</div><div class='footer'>主办单位：示例区人民政府办公室</div>"
        "</body></html>"
    )


def _list_page(numbers: list[int], pager: str, head: str = "") -> str:
    items = "".join(
        f"<li><a href='/news/t{n}.html'>{DISTRICTS[n % len(DISTRICTS)]}第{n}批生物医药项目集中签约</a>"
        f"<span>2025-10-{n % 28 + 1:02d}</span></li>"
        for n in numbers
    )
    return (
        f"<html><head><meta charset='utf-8'><title>要闻动态</title>{head}</head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><ul class='list'>{items}</ul>{pager}</body></html>"
    )


@contextlib.contextmanager
def _site(route: Callable[[str], tuple[int, str, str]]) -> Iterator[tuple[str, list[str]]]:
    """A site answering ``route(path)`` → (status, content type, body); yields its URL and the paths asked for."""

    def answer(path: str) -> tuple[int, dict[str, str], str]:
        status, content_type, body = route(path)
        return status, {"Content-Type": content_type}, body

    with PageServer(route=answer) as site:
        yield site.url, site.seen


def _crawl(folder: Path, sources: list[tuple[str, str]], **crawl: Any) -> subprocess.CompletedProcess[str]:
    config = write_config(folder, crawl={**FAST_CRAWL, **crawl}, sources=sources)
    done = newswatch(config, "crawl")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    return done


def _stored(folder: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(folder / "news.db")) as conn:
        return [row[0].rsplit("/", 1)[-1] for row in conn.execute("select url from articles order by url")]


def _paths(seen: list[str], prefix: str) -> list[str]:
    return [path for path in seen if path.startswith(prefix)]


@pytest.mark.slow
def test_hostile_pagers_stop_at_the_first_page_without_new_links_or_at_max_list_pages(tmp_path: Path) -> None:
    def route(path: str) -> tuple[int, str, str]:
        page = path.rsplit("/", 1)[-1]
        if path.startswith("/news/t"):
            return 200, "text/html", _article_page(int(page[1:].split(".")[0]))
        if path.startswith("/absurd/"):  # a script pager claiming 99,999 pages, every page the same list
            number = int(page[6:].split(".")[0]) if "_" in page else 0
            script = f'<script>createPageHTML(99999, {number}, "index", "html");</script>'
            return 200, "text/html", _list_page([1, 2, 3], script)
        if path.startswith("/endless/"):  # every page new links and a next link, for ever
            number = int(page[6:].split(".")[0]) if "_" in page else 0
            pager = f"<a href='index_{number + 1}.html'>下一頁 »</a>"
            return 200, "text/html", _list_page([100 + 2 * number, 101 + 2 * number], pager)
        if path.startswith("/loop/"):  # a -> b -> a, and b also links to itself
            pager = (
                "<a href='b.html'>下一页</a>"
                if page == "a.html"
                else "<a href='a.html'>下一页</a><a rel='next' href='b.html'>›</a>"
            )
            return 200, "text/html", _list_page([40, 41] if page == "a.html" else [42], pager)
        return 404, "text/html", "<h1>404</h1>"

    with _site(route) as (url, seen):
        _crawl(
            tmp_path,
            [
                ("absurd", f"{url}/absurd/index.html"),
                ("endless", f"{url}/endless/index.html"),
                ("loop", f"{url}/loop/a.html"),
            ],
            max_list_pages=4,
        )
    assert _paths(seen, "/absurd/") == ["/absurd/index.html", "/absurd/index_1.html"]
    assert len(_paths(seen, "/endless/")) == 4
    assert sorted(_paths(seen, "/loop/")) == ["/loop/a.html", "/loop/b.html"]
    assert len(_stored(tmp_path)) == 3 + 8 + 3


@pytest.mark.slow
def test_a_list_that_advertises_a_short_feed_is_read_with_its_feed_and_paged_on_a_gap(tmp_path: Path) -> None:
    site: dict[str, Any] = {"newest": 12, "fresh": False}

    def route(path: str) -> tuple[int, str, str]:
        newest = site["newest"]
        numbers = list(range(newest, 0, -1))
        if path.startswith("/news/t"):
            return 200, "text/html", _article_page(int(path.rsplit("/t", 1)[-1].split(".")[0]))
        if path == "/news/rss.xml":  # the latest three only
            when = datetime.now(CHINA) if site["fresh"] else datetime(2025, 10, 1, tzinfo=CHINA)
            items = "".join(
                f"<item><title>第{n}批项目签约</title><link>/news/t{n}.html</link>"
                f"<pubDate>{format_datetime(when)}</pubDate></item>"
                for n in numbers[:3]
            )
            return 200, "application/rss+xml", f"<rss version='2.0'><channel><title>要闻</title>{items}</channel></rss>"
        if path.startswith("/news/index"):
            page = int(path.split("_")[1].split(".")[0]) if "_" in path else 1
            head = "<link rel='alternate' type='application/rss+xml' href='/news/rss.xml'>"
            pager = f"<a href='index_{page + 1}.html'>下一页</a>"
            return 200, "text/html", _list_page(numbers[(page - 1) * 5 : page * 5], pager, head)
        return 404, "text/html", "<h1>404</h1>"

    with _site(route) as (url, seen):
        _crawl(tmp_path, [("portal", f"{url}/news/index.html")], max_list_pages=5)
        assert len(_stored(tmp_path)) == 12  # the feed's three and the rest from the list pages
        assert "/news/rss.xml" in seen and "/news/index_3.html" in seen
        seen.clear()
        site["newest"] = 14  # two more, both in the feed, which reaches back past the last run
        _crawl(tmp_path, [("portal", f"{url}/news/index.html")], max_list_pages=5)
        assert len(_stored(tmp_path)) == 14
        assert _paths(seen, "/news/index") == ["/news/index.html"]
        seen.clear()
        site.update(newest=20, fresh=True)  # six more, the feed holds three: a gap, so the list is paged
        _crawl(tmp_path, [("portal", f"{url}/news/index.html")], max_list_pages=5)
        assert len(_stored(tmp_path)) == 20
        assert "/news/index_2.html" in seen
