"""Pages served with ``Content-Type: text/html`` and no charset, read as a browser would.

Many portals name no charset in the HTTP header; the page's own ``<meta>`` (when it has one)
or its bytes must then decide. The crawl test serves original pages in the genre of the watched
news from a local HTTP server on port 0 and fetches them with ``newswatch crawl`` through a
sitemap (no list-anchor headline to lean on); the others pin the decoding rules themselves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.decode import decode_html, meta_charset
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config
from tests.support.pages import PageServer


@dataclass(frozen=True)
class Sample:
    """One page: where it is served, how its markup declares itself, and in which bytes."""

    path: str
    encoding: str
    meta: str  # the <head> line that declares the charset, or ""
    title: str
    paragraphs: tuple[str, ...]
    filler: int = 0  # bytes of head script before the meta, to push it past the first 1024
    site: str = "新闻中心"
    home: str = "首页"

    def html(self) -> bytes:
        script = f"<script>var pad = '{'x' * self.filler}';</script>\n" if self.filler else ""
        body = "\n".join(f"<p>{p}</p>" for p in self.paragraphs)
        # A template's head as saved by a browser: empty attribute values (crossorigin="") included.
        page = (
            f"<!DOCTYPE html>\n<html>\n<head>\n{script}{self.meta}\n<title>{self.title}_{self.site}</title>\n"
            '<link rel="preconnect" href="https://cdn.example.com" crossorigin="">\n'
            f'</head>\n<body>\n<div class="nav"><a href="/">{self.home}</a></div>\n'
            f'<div class="article">\n<h1>{self.title}</h1>\n{body}\n</div>\n</body>\n</html>\n'
        )
        return page.encode(self.encoding)


SAMPLES = [
    Sample(
        "/gbk-meta.html",
        "gbk",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "城东生物医药产业园二期项目正式开工建设",
        (
            "记者从城东新区管委会获悉，生物医药产业园二期项目于本周一正式开工，总投资约十二亿元，"
            "规划建设研发楼、中试车间和公共检测平台。",
            "据介绍，二期项目建成后可容纳六十家创新药和医疗器械企业入驻，预计年产值超过三十亿元。"
            "园区将同步引进专业运营团队，为企业提供注册申报、临床试验对接等服务。",
        ),
    ),
    Sample(
        "/gbk-bare.html",
        "gbk",
        "",
        "区政府与三家医疗器械企业签订落户协议",
        (
            "日前，区政府与三家医疗器械企业举行集中签约仪式，三个项目计划投资合计八亿元，"
            "主要生产手术机器人、体外诊断试剂和康复设备。",
            "区领导表示，将为落户企业在用地、人才公寓和审批流程上提供全程服务，"
            "力争项目明年年底前建成投产，进一步壮大本地医疗器械产业集群。",
        ),
    ),
    Sample(
        "/utf8-bare.html",
        "utf-8",
        "",
        "市级生物医药产业基金完成首期募集",
        (
            "市财政局消息，规模二十亿元的生物医药产业基金已完成首期募集，首期资金五亿元，"
            "重点投向创新药、细胞治疗和高端医疗器械领域的早期项目。",
            "基金管理人介绍，基金将与区级引导基金联动，优先支持在本市注册并开展研发的企业，"
            "预计三年内投资项目不少于四十个。",
        ),
    ),
    Sample(
        "/big5-bare.html",
        "big5",
        "",
        "科學園區生技中心舉行揭牌儀式",
        (
            "科學園區生技中心昨日舉行揭牌儀式，中心設有新藥研發實驗室、動物實驗平台與共用儀器室，"
            "首批進駐的十二家生技公司已陸續開始裝修。",
            "園區管理局表示，中心將協助進駐廠商辦理臨床試驗申請與藥證查驗登記，"
            "並與鄰近醫學中心合作，縮短新藥從實驗室走向病床的時間。",
        ),
        site="新聞中心",
        home="首頁",
    ),
    Sample(
        "/big5-late-meta.html",
        "big5",
        '<meta charset="big5">',
        "港島醫療科技創新基金公布首批資助名單",
        (
            "醫療科技創新基金今日公布首批資助名單，共有十八個項目獲得資助，"
            "涵蓋基因檢測、遠程診療與智能藥物配送等範疇，資助總額約為三億港元。",
            "基金秘書處指出，獲資助的初創企業須於兩年內完成產品原型，並在本地醫院進行試用，以便評估其臨床效益。",
        ),
        filler=1200,
        site="新聞中心",
        home="首頁",
    ),
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, sqlite3.Row]]:
    # Served as ``text/html`` with no charset (the sitemap as XML) from a local server.
    with PageServer({sample.path: (200, {"Content-Type": "text/html"}, sample.html()) for sample in SAMPLES}) as site:
        base = site.url
        site.pages["/sitemap.xml"] = (
            200,
            {"Content-Type": "application/xml"},
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}{s.path}</loc></url>" for s in SAMPLES)
            + "</urlset>",
        )
        folder = tmp_path_factory.mktemp("charset")
        config = write_config(
            folder,
            crawl={**FAST_CRAWL, "max_page_bytes": 5_000_000, "retries": 1},
            sources=[("portal", base + "/sitemap.xml", "sitemap")],
        )
        run = newswatch(config, "crawl")
    assert run.returncode == 0, run.stderr[-3000:]
    conn = sqlite3.connect(Path(folder) / "news.db")
    conn.row_factory = sqlite3.Row
    try:
        rows = {row["url"].removeprefix(base): row for row in conn.execute("select url, title, body from articles")}
        failures = [tuple(row) for row in conn.execute("select url, reason from failures")]
    finally:
        conn.close()
    assert failures == []
    yield rows


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.path.strip("/").removesuffix(".html") for s in SAMPLES])
def test_a_page_without_an_http_charset_is_stored_as_written(stored: dict[str, sqlite3.Row], sample: Sample) -> None:
    assert sample.path in stored, sorted(stored)
    row = stored[sample.path]
    assert row["title"] == sample.title
    assert row["body"].split("\n") == list(sample.paragraphs)


_ENGLISH = "<html><head><title>Park opens</title></head><body><h1>Park opens</h1><p>" + (
    "The new biomedical park serves researchers from the whole region, officials said on Monday. " * 30
)


@pytest.mark.parametrize(
    ("ending", "codec", "encoding"),
    [
        # Latin text with no declaration: windows-1252, as browsers detect it, not UTF-8 with holes.
        ("The caf\u00e9s and the r\u00e9sum\u00e9 desk open later.", "cp1252", "cp1252"),
        ("Jos\u00e9 M\u00fcller, na\u00efve, \u00a35, \u201cquoted\u201d.", "cp1252", "cp1252"),
        # An English page of a Chinese portal with its GBK footer: the few legacy bytes are Chinese.
        ("\u4e3b\u529e\u5355\u4f4d\uff1a\u533a\u653f\u5e9c\u529e\u516c\u5ba4", "gbk", "gb18030"),
    ],
)
def test_undeclared_pages_with_few_non_ascii_bytes_are_read_in_their_encoding(
    ending: str, codec: str, encoding: str
) -> None:
    page = (_ENGLISH + ending + "</p></body></html>").encode(codec)
    assert decode_html(page) == (page.decode(codec), encoding)


def test_the_meta_charset_is_read_where_browsers_read_it() -> None:
    head = b'<html><head><meta charset="big5"><title>t</title></head><body>'
    assert meta_charset(head) == "big5hkscs"
    script = b"<script>" + b"x" * 3000 + b"</script>"
    assert meta_charset(b"<html><head>" + script + b'<meta charset="gbk"></head><body>') == "gb18030"
    assert meta_charset(b'<html><head><!-- <meta charset="utf-8"> --></head><body>') is None
    assert meta_charset(b"<html><head></head><body>" + script + b'<meta charset="gbk"></body>') is None


def test_a_source_encoding_is_obeyed_but_a_byte_order_mark_comes_first() -> None:
    text = "\u751f\u7269\u533b\u836f\u4ea7\u4e1a\u56ed"
    as_gbk = text.encode("utf-8").decode("gb18030", errors="replace")  # what the operator asked for
    assert decode_html(text.encode("utf-8"), "utf-8", "gbk") == (as_gbk, "gb18030")
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"), None, "gbk") == (text, "utf-8")


def test_character_counts_match_the_regexes_they_replace() -> None:
    """The decoder counts frequent Chinese characters and readable runs with tables, for speed;
    on any text (surrogates, U+FFFD, characters beyond the BMP) they agree with the regexes."""
    import random
    import re

    from crawler import decode

    readable = re.compile("[^\x00-\x7f\ufffd]{4,}")
    pool = "的是在國這ab1 \n\ufffd\ud800😀éж" + decode._FREQUENT_HAN.pattern[1:40]
    rng = random.Random(16)
    for size in (0, 3, 255, 256, 300, 5000, 25000):
        for _ in range(20):
            text = "".join(rng.choice(pool) for _ in range(size))
            assert decode._common_han(text) == len(decode._FREQUENT_HAN.findall(text, 0, 20000))
            assert decode._readable_runs(text) == sum(map(len, readable.findall(text)))
