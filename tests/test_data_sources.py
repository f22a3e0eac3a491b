"""List sources that are data: JSON list endpoints (``kind = "json"``), Hanweb lists whose rows are
CDATA records of a ``<datastore>``, and WeChat articles reached through feed bridges.

The fixture sites are tests/sites/datasources/ (build.py, truth.json): a paged JSON endpoint of a
district portal, a Hanweb column with its datastore written straight into the page, and a
WeChat account behind a wewe-rss Atom feed and a we-mp-rss RSS feed. Each is crawled end to end by
the command line, twice; the rest checks the pieces: the config keys, `sources test` suggesting
the keys of a JSON answer, and the readers themselves.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import config
from config import Source
from crawler import discovery, feeds, jsonlist, links
from pipelines import extract, wechat
from pipelines.dates import epoch_date
from tests.sites.datasources import build
from tests.sites.datasources.serve import HERE as DATA_DIR
from tests.sites.datasources.serve import serve_data_sites
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config

ROOT = Path(__file__).resolve().parent.parent
TRUTH = json.loads((DATA_DIR / "truth.json").read_text(encoding="utf-8"))
SITES = sorted(TRUTH["sites"])
JSON_START = TRUTH["sites"]["jsonapi"]["sources"][0]["url"]
GOOD_SOURCE = '[[sources]]\nname = "a"\nurl = "http://127.0.0.1:9/api/list?page=1"\n'


def _json_source(**keys: str) -> Source:
    defaults = {"items": "data.list", "url_field": "url", "title_field": "title", "date_field": "time"}
    return Source(name="api", url="http://portal.example.cn/api/news/list?page=1", kind="json", **(defaults | keys))


# ------------------------------------------------------------------------------------------------ config


BAD_JSON_SOURCES = [
    ("no-items", 'kind = "json"\nurl_field = "url"\n', 'sources[0].items: required for kind = "json"'),
    ("no-url-field", 'kind = "json"\nitems = "data.list"\n', 'sources[0].url_field: required for kind = "json"'),
    ("bad-path", 'kind = "json"\nitems = "data..list"\nurl_field = "url"\n', "sources[0].items: 'data..list' is not"),
    (
        "bad-field",
        'kind = "json"\nitems = "list"\nurl_field = "link url"\n',
        "sources[0].url_field: 'link url' is not a dotted path",
    ),
    (
        "bad-page-param",
        'kind = "json"\nitems = "list"\nurl_field = "url"\npage_param = "page=2"\n',
        "sources[0].page_param: 'page=2' is not a query parameter name",
    ),
    ("not-json-kind", 'kind = "list"\nitems = "data.list"\n', 'sources[0].items: only read when kind = "json"'),
    ("auto-with-field", 'title_field = "title"\n', 'sources[0].title_field: only read when kind = "json"'),
    ("items-not-string", 'kind = "json"\nitems = 3\nurl_field = "url"\n', "sources[0].items: expected a non-empty"),
]


@pytest.mark.parametrize("name,keys,expected", BAD_JSON_SOURCES, ids=[c[0] for c in BAD_JSON_SOURCES])
def test_json_keys_are_checked_in_one_line_with_exit_2(tmp_path: Path, name: str, keys: str, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD_SOURCE + keys, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(path), "sources", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and expected in lines[0], result.stderr


def test_a_json_source_loads_with_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    keys = 'kind = "json"\nitems = "."\nurl_field = "link"\ntitle_field = "title.rendered"\npage_param = "page"\n'
    path.write_text(GOOD_SOURCE + keys, encoding="utf-8")
    source = config.load(path, {}).source("a")
    assert (source.kind, source.items, source.url_field, source.title_field, source.date_field, source.page_param) == (
        "json",
        ".",
        "link",
        "title.rendered",
        None,
        "page",
    )


# ------------------------------------------------------------------------------------------------ JSON lists


def test_items_become_links_with_their_titles_and_dates_as_hints() -> None:
    answer = {
        "data": {
            "list": [
                {"url": "/xwzx/202511/t20251118_1.html", "title": "区政府召开<em>常务会议</em>", "time": 1763433000},
                {
                    "url": "../../xwzx/202511/t20251117_2.html",
                    "title": " 我区举办  招商推介会 ",
                    "time": "1763347800000",
                },
                {"url": "https://portal.example.cn/xwzx/202511/t20251116_3.html", "time": "2025-11-16 09:00"},
                {"url": "/xwzx/202511/t20251118_1.html", "title": "the same link twice"},
                {"title": "no link at all"},
                "not an object",
            ]
        }
    }
    source = _json_source()
    found, problem = jsonlist.entries(source, answer, source.url)
    assert problem is None
    assert [(e.url, e.title, e.published) for e in found] == [
        ("http://portal.example.cn/xwzx/202511/t20251118_1.html", "区政府召开常务会议", "2025-11-18T10:30:00+08:00"),
        ("http://portal.example.cn/xwzx/202511/t20251117_2.html", "我区举办 招商推介会", "2025-11-17T10:50:00+08:00"),
        ("https://portal.example.cn/xwzx/202511/t20251116_3.html", None, "2025-11-16T09:00:00+08:00"),
    ]
    urls_only = _json_source(items="0.urls", url_field=".")
    listed, _ = jsonlist.entries(urls_only, [{"urls": ["/a/1.html", "/a/2.html"]}], urls_only.url)
    assert [e.url for e in listed] == ["http://portal.example.cn/a/1.html", "http://portal.example.cn/a/2.html"]


def test_a_json_list_that_is_not_where_the_keys_say_is_named() -> None:
    source = _json_source(items="data.rows")
    found, problem = jsonlist.entries(source, {"data": {"list": []}, "code": 0}, source.url)
    assert found == [] and 'items = "data.rows" is not a list' in (problem or "") and "data, code" in (problem or "")
    found, problem = jsonlist.entries(_json_source(url_field="href"), {"data": {"list": [{"url": "/a.html"}]}}, "x")
    assert found == [] and "url_field 'href'" in (problem or "")
    reading = discovery.read_json(source, "http://x.cn/api", b"<html><body>oops</body></html>", 1)
    assert reading.error == "start page http://x.cn/api is not JSON"
    assert discovery.read_json(source, "http://x.cn/api", b"<html></html>", 2).error is None  # a later page: no error


def test_answers_are_read_plain_in_jsonp_or_as_a_browser_shows_them() -> None:
    assert jsonlist.decode(b'\xef\xbb\xbf{"a": [1]}') == {"a": [1]}
    assert jsonlist.decode(b'jQuery1124_17({"a": [1]});') == {"a": [1]}
    assert jsonlist.decode(b'<html><body><pre style="x">{"a": "&lt;b&gt;"}</pre></body></html>') == {"a": "<b>"}
    assert jsonlist.decode('{"标题": "崇川"}'.encode("gbk")) == {"标题": "崇川"}
    assert jsonlist.decode(b"<html><body><p>news</p></body></html>") is None
    assert jsonlist.is_json(b' [{"a": 1}]') and not jsonlist.is_json(b"jQuery1({})")
    assert epoch_date(1763433000) == epoch_date("1763433000000") == "2025-11-18T10:30:00+08:00"
    assert epoch_date(12) is None and epoch_date("soon") is None


def test_paging_counts_up_the_page_parameter() -> None:
    source = _json_source(page_param="pageNo")
    assert jsonlist.next_page(source, "http://x.cn/api?columnId=12&pageNo=1&size=4") == (
        "http://x.cn/api?columnId=12&pageNo=2&size=4"
    )
    assert jsonlist.next_page(source, "http://x.cn/api?pageNo=0") == "http://x.cn/api?pageNo=1"  # counted from 0
    assert jsonlist.next_page(source, "http://x.cn/api?size=4") == "http://x.cn/api?size=4&pageNo=2"
    assert jsonlist.next_page(_json_source(), "http://x.cn/api?page=1") is None  # no page_param: one page


def test_suggestions_find_the_list_its_link_headline_and_date() -> None:
    wordpress = [
        {
            "id": 9,
            "date": "2025-11-18T10:00:00",
            "modified": "2025-11-19T08:00:00",
            "link": "https://park.example.org/2025/11/18/opening/",
            "title": {"rendered": "Biomedical park opens its second phase to tenants"},
            "featured_media_url": "https://park.example.org/wp-content/uploads/a.jpg",
        }
    ]
    found = jsonlist.suggest(wordpress, "https://park.example.org/wp-json/wp/v2/posts?page=1")
    assert found is not None and found.lines() == [
        'kind = "json"',
        'items = "."',
        'url_field = "link"',
        'title_field = "title.rendered"',
        'date_field = "date"',
        'page_param = "page"',
    ]
    nested = {
        "result": {
            "menu": [{"name": "首页", "href": "/"}],
            "records": [
                {
                    "docTitle": f"区政府召开第{n}次常务会议研究部署工作",
                    "docUrl": f"/art/{n}.html",
                    "pubDate": 1763433000,
                }
                for n in range(5)
            ],
        }
    }
    found = jsonlist.suggest(nested, "http://x.cn/api")
    assert found is not None
    assert (found.items, found.url_field, found.title_field, found.date_field, found.page_param) == (
        "result.records",
        "docUrl",
        "docTitle",
        "pubDate",
        None,
    )
    assert jsonlist.suggest({"code": 0, "data": [{"id": 1, "count": 3}]}, "http://x.cn/api") is None


def test_sources_test_suggests_the_keys_and_reads_the_list_with_them(tmp_path: Path) -> None:
    with serve_data_sites(["jsonapi"]) as sites:
        url = sites["jsonapi"].url + JSON_START
        path = write_config(tmp_path, crawl=FAST_CRAWL)
        result = newswatch(path, "sources", "test", url)
        assert result.returncode == 1, result.stdout + result.stderr
        assert 'is JSON (read it with kind = "json"' in result.stdout
        suggested = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
        assert suggested == [
            'kind = "json"',
            'items = "data.list"',
            'url_field = "linkUrl"',
            'title_field = "title"',
            'date_field = "publishTime"',
            'page_param = "page"',
        ]
        keys = dict(line.split(" = ", 1) for line in suggested)
        source = {"name": "yuhang", "url": url, **{k: json.loads(v) for k, v in keys.items()}}
        path = write_config(tmp_path, crawl=FAST_CRAWL, sources=[source])
        result = newswatch(path, "sources", "test", "yuhang")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "kind: json" in result.stdout and "article links on the first page: 4" in result.stdout
        assert "余杭区召开生物医药产业链专题推进会" in result.stdout and "2025-11-21T16:20:00+08:00" in result.stdout


def test_sources_add_takes_the_json_keys_and_the_render_mode_as_flags(tmp_path: Path) -> None:
    with serve_data_sites(["jsonapi"]) as sites:
        url = sites["jsonapi"].url + JSON_START
        path = write_config(tmp_path, crawl=FAST_CRAWL)
        flags = ["--kind", "json", "--items", "data.list", "--url-field", "linkUrl", "--title-field", "title"]
        flags += ["--date-field", "publishTime", "--page-param", "page", "--render", "never"]
        result = newswatch(path, "sources", "add", url, "--name", "yuhang", *flags)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "kind: json" in result.stdout and "article links on the first page: 4" in result.stdout
        added = config.load(path, {}).source("yuhang")
        assert (added.kind, added.items, added.url_field, added.title_field, added.date_field) == (
            "json",
            "data.list",
            "linkUrl",
            "title",
            "publishTime",
        )
        assert (added.page_param, added.render) == ("page", "never")

        before = path.read_text(encoding="utf-8")
        refused = newswatch(path, "sources", "add", url, "--name", "other", "--items", "data.list", "--no-check")
        assert refused.returncode == 2 and 'items: only read when kind = "json"' in refused.stderr
        refused = newswatch(path, "sources", "add", url, "--name", "third", "--kind", "json", "--no-check")
        assert refused.returncode == 2 and 'items: required for kind = "json"' in refused.stderr
        assert path.read_text(encoding="utf-8") == before


def test_a_json_answer_to_an_auto_source_is_a_source_error_that_says_what_to_do() -> None:
    source = Source(name="a", url="http://x.cn/api")
    reading = discovery.read_start(source, source.url, b'{"list": []}', "text/html", lambda: "", {"x.cn"})
    assert reading.detected == "json"
    assert reading.error is not None and 'kind = "json"' in reading.error and "sources test" in reading.error


# ------------------------------------------------------------------------------------------------ Hanweb


HANWEB_ROWS = [
    ("/art/2025/11/20/art_1_101.html", "崇川区与沪上三家医疗器械企业签订合作协议", "2025-11-20"),
    ("/art/2025/11/19/art_1_102.html", "区政务服务中心推出企业开办一件事套餐", "2025-11-19"),
]


@pytest.mark.parametrize("form", ["script", "straight", "table-rows"])
def test_hanweb_datastore_records_are_read_as_a_list(form: str) -> None:
    if form == "table-rows":
        records = "".join(
            f'<record><![CDATA[<tr><td class="bt"><a href="{h}" title="{t}">{t}</a></td><td>[{d}]</td></tr>]]></record>'
            for h, t, d in HANWEB_ROWS
        )
    else:
        records = "".join(
            f'<record><![CDATA[\n<li><a href="{h}" target="_blank">{t}</a><span>{d}</span></li>\n]]></record>'
            for h, t, d in HANWEB_ROWS
        )
    store = f'<datastore id="ds"><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup><recordset>{records}</recordset></datastore>'
    if form == "script":
        store = f'<script type="text/xml">{store}</script>'
    page = f"""<html><head><title>崇川动态</title></head><body>
<div class="menu"><a href="/">首页</a> <a href="/col/col1/index.html">新闻中心</a></div>
<div id="5320" class="default_pgContainer">{store}</div></body></html>"""
    tree = links.parse_html(page)
    assert tree is not None
    found = links.article_links(tree, "http://www.cc.gov.cn/col/col4312/index.html")
    assert [(f.url.removeprefix("http://www.cc.gov.cn"), f.title, (f.published or "")[:10]) for f in found] == (
        HANWEB_ROWS
    )


# ------------------------------------------------------------------------------------------------ WeChat


def _wechat_pages() -> Iterator[tuple[dict[str, Any], str]]:
    for article in TRUTH["sites"]["wxbridge"]["articles"]:
        yield article, (DATA_DIR / "wxbridge" / f"{article['path'].lstrip('/')}.html").read_text(encoding="utf-8")


def test_wechat_articles_are_read_from_their_layout_and_script() -> None:
    for article, html in _wechat_pages():
        found = extract.extract(html, "https://mp.weixin.qq.com" + article["path"])  # no hints from a feed
        assert found.title == article["title"]
        published = article["published"]
        assert found.published_at == (published + ":00+08:00" if "T" in published else published + "T00:00:00+08:00")
        assert found.body.split("\n")[:-1] == article["body"].split("\n")  # the credit line under the text stays
        assert "微信扫一扫" not in found.body and "阅读原文" not in found.body
        tree = extract.parse(html)
        assert tree is not None
        read = wechat.read(tree)
        assert read is not None and read.account == "江岸科创园发布"  # #js_name, or var nickname when it is missing


def test_a_page_that_only_borrows_the_id_is_not_a_wechat_article() -> None:
    page = (
        '<html><head><title>区政府网站</title></head><body><div id="js_content"><p>正文内容。</p></div></body></html>'
    )
    tree = extract.parse(page)
    assert tree is not None and wechat.read(tree) is None


def test_bridge_feeds_are_ordinary_feeds_whose_items_may_live_on_mp_weixin() -> None:
    atom = (DATA_DIR / "wxbridge" / "feeds" / "MP_WXS_3941234567.atom").read_bytes()
    base = "http://rss.example.org"
    entries = feeds.parse_feed(atom.replace(b"__BASE__", base.encode()), base + "/feeds/MP_WXS_3941234567.atom")
    titles = [a["title"] for a in TRUTH["sites"]["wxbridge"]["articles"]]
    assert feeds.detect_kind(atom) == "atom" and [e.title for e in entries] == titles
    assert all(e.published for e in entries)
    source = Source(name="wx", url=base + "/feeds/MP_WXS_3941234567.atom")
    sites = {"example.org"}
    assert discovery.wanted(source, sites, "https://mp.weixin.qq.com/s/Xk3pQ9vR2mTn7LwY4aBcDe")
    assert discovery.wanted(source, sites, "https://mp.weixin.qq.com/s?__biz=MzA5&mid=22&idx=1&sn=ab")
    assert not discovery.wanted(source, sites, "https://weixin.qq.com/cgi-bin/readtemplate")  # only the articles
    assert not discovery.wanted(source, sites, "https://www.other.cn/a/1.html")


# ------------------------------------------------------------------------------------------------ the fixtures


def test_the_fixture_files_are_what_build_writes() -> None:
    files, truth = build.render()
    assert truth == TRUTH, "run python -m tests.sites.datasources.build"
    for name, expected in files.items():
        root = DATA_DIR / name
        on_disk = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        assert on_disk == expected, f"{name}: run python -m tests.sites.datasources.build"


# ------------------------------------------------------------------------------------------------ end to end


@dataclass
class Crawled:
    sites: dict[str, Any]
    runs: list[subprocess.CompletedProcess[str]]
    requests: list[dict[str, list[str]]]  # per run: site -> request paths
    rows: list[dict[str, Any]]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    folder = tmp_path_factory.mktemp("datasources")
    with serve_data_sites() as sites:
        sources = [
            {**table, "name": f"{name}-{n}", "url": sites[name].url + table["url"]}
            for name in SITES
            for n, table in enumerate(TRUTH["sites"][name]["sources"])
        ]
        path = write_config(folder, crawl={**FAST_CRAWL, "max_list_pages": 5, "workers": 1}, sources=sources)
        runs, requests = [], []
        for _ in range(2):
            runs.append(newswatch(path, "crawl"))
            requests.append({name: site.requests.snapshot() for name, site in sites.items()})
            for site in sites.values():
                site.requests.clear()
        conn = sqlite3.connect(folder / "news.db")
        conn.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in conn.execute("select url, source, title, published_at, body from articles")]
        finally:
            conn.close()
        yield Crawled(sites, runs, requests, rows)


@pytest.mark.slow
def test_both_crawls_end_without_failures(crawled: Crawled) -> None:
    for run in crawled.runs:
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert "Traceback" not in run.stderr and " 0 failures" in run.stdout, run.stdout[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_every_article_is_stored_once_with_its_title_and_date(crawled: Crawled, name: str) -> None:
    base = crawled.sites[name].url
    stored: dict[str, list[dict[str, Any]]] = {}
    for row in crawled.rows:
        if row["url"].startswith(base + "/"):
            stored.setdefault(row["url"].removeprefix(base), []).append(row)
    truth = TRUTH["sites"][name]["articles"]
    assert sorted(stored) == sorted(a["path"] for a in truth)
    for article in truth:
        (row,) = stored[article["path"]]
        assert row["title"] == article["title"], article["path"]
        assert (row["published_at"] or "")[: len(article["published"])] == article["published"], (
            article["path"],
            article["date_on"],
            row["published_at"],
        )
        assert article["body"].split("\n")[0] in row["body"]


@pytest.mark.slow
def test_the_json_list_is_paged_until_a_page_adds_nothing(crawled: Crawled) -> None:
    first, second = (r["jsonapi"] for r in crawled.requests)
    pages = [p for p in first if p.startswith("/api/")]
    assert pages == [f"/api/news/list?columnId=12&page={n}&size=4" for n in (1, 2, 3, 4)]  # 4 answers an empty list
    assert [p for p in second if p != "/robots.txt"] == [JSON_START]  # nothing new on page 1: no paging, no article


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_a_second_crawl_fetches_no_article_again(crawled: Crawled, name: str) -> None:
    articles = {a["path"] for a in TRUTH["sites"][name]["articles"]}
    assert [p for p in crawled.requests[1][name] if p in articles] == []
