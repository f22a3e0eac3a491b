"""Extraction: title, body, date, language and decoding of Chinese and English news pages."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from crawler.decode import decode_html
from db.times import CHINA
from errors import Skip
from pipelines import dates, jsonld
from pipelines.article import Page
from pipelines.boilerplate import trim_boilerplate
from pipelines.extract import _locate, choose_body, choose_title, extract
from pipelines.normalize import clean_text, content_hash, detect_lang, to_simplified
from pipelines.process import process_page

TESTS = Path(__file__).resolve().parent
SITES = TESTS / "sites"
PAGES = TESTS / "pages"
GOLDEN = TESTS / "golden"
NOW = datetime(2025, 12, 1, tzinfo=CHINA)
TRUTH = json.loads((SITES / "truth.json").read_text(encoding="utf-8"))


def _article_file(article: dict) -> Path:
    site = SITES / article["site"]
    if article["variant"]:
        site = site / "_variants" / article["variant"]
    return site / article["path"].lstrip("/")


def _extract_file(path: Path, url: str) -> dict:
    text, encoding = decode_html(path.read_bytes())
    result = extract(text, url)
    return {
        "title": result.title,
        "published_at": result.published_at,
        "lang": result.lang,
        "body": result.body,
        "encoding": encoding,
    }


GOLDEN_CASES = [
    (f"{a['site']}-{a['id']}", _article_file(a), "http://127.0.0.1:8000" + a["path"]) for a in TRUTH["articles"]
]
GOLDEN_CASES += [(f"page-{p.stem}", p, f"http://127.0.0.1:8000/{p.name}") for p in sorted(PAGES.glob("*.html"))]


@pytest.mark.parametrize(("name", "path", "url"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_golden(name: str, path: Path, url: str, update_golden: bool) -> None:
    golden = GOLDEN / f"{name}.json"
    produced = _extract_file(path, url)
    if update_golden:
        golden.write_text(json.dumps(produced, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run pytest --update-golden"
    assert produced == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", TRUTH["articles"], ids=[a["id"] for a in TRUTH["articles"]])
def test_fixture_article_matches_truth(article: dict) -> None:
    got = _extract_file(_article_file(article), "http://127.0.0.1:8000" + article["path"])
    assert got["title"] == article["title"]
    assert got["lang"] == article["lang"]
    if article["published_precision"] == "day":
        assert (got["published_at"] or "")[:10] == article["published_at"][:10]
    else:
        assert got["published_at"] == article["published_at"]
    assert article["first_sentence"] in got["body"]
    assert article["last_sentence"] in got["body"]
    for line in article["boilerplate"]:
        assert line not in got["body"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("发布时间：2025-11-18 10:30", "2025-11-18T10:30:00+08:00"),
        ("2025年11月18日 10:30", "2025-11-18T10:30:00+08:00"),
        ("2025年11月18日10时30分", "2025-11-18T10:30:00+08:00"),
        ("2025-11-18", "2025-11-18T00:00:00+08:00"),
        ("2025/11/18", "2025-11-18T00:00:00+08:00"),
        ("2025.11.18 08:05:09", "2025-11-18T08:05:09+08:00"),
        ("Updated : 2023-03-20", "2023-03-20T00:00:00+08:00"),
        ("Tue, 18 Nov 2025 02:30:00 GMT", "2025-11-18T10:30:00+08:00"),
        ("Tue, 18 Nov 2025 10:30:00 +0800", "2025-11-18T10:30:00+08:00"),
        ("2025-11-18T02:30:00Z", "2025-11-18T10:30:00+08:00"),
        ("2025-11-18T10:30:00.000+0800", "2025-11-18T10:30:00+08:00"),
        ("November 18, 2025 3:05 PM", "2025-11-18T15:05:00+08:00"),
        ("18 Nov 2025", "2025-11-18T00:00:00+08:00"),
        ("20251118", "2025-11-18T00:00:00+08:00"),
    ],
)
def test_normalise_date_forms(written: str, expected: str) -> None:
    assert dates.normalise_date(written, now=NOW) == expected


@pytest.mark.parametrize("absurd", ["2025-12-03", "1994-12-31 23:00", "2025-13-01", "2025-02-30", "not a date", ""])
def test_normalise_date_rejects_absurd(absurd: str) -> None:
    assert dates.normalise_date(absurd, now=NOW) is None


def test_normalise_date_accepts_within_a_day_ahead() -> None:
    assert dates.normalise_date("2025-12-01 20:00", now=NOW) == "2025-12-01T20:00:00+08:00"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("发布时间：2025-11-18 10:30 来源：区科技局", "2025-11-18T10:30:00+08:00"),
        ("发布日期：2025年11月18日", "2025-11-18T00:00:00+08:00"),
        ("时间：2025-11-18", "2025-11-18T00:00:00+08:00"),
        ("成文日期：2025-11-10 发布日期：2025-11-18", "2025-11-18T00:00:00+08:00"),
        ("[引用日期2014-05-19] 日期：2025-11-18", "2025-11-18T00:00:00+08:00"),
        ("Updated : 2023-03-20", "2023-03-20T00:00:00+08:00"),
    ],
)
def test_labelled_date_prefers_publish_labels(label: str, expected: str) -> None:
    assert dates.labelled_date("今天是2025年11月30日 " + label, now=NOW) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="publishdate" content="2025-11-18">', "2025-11-18T00:00:00+08:00"),
        ('<meta name="PubDate" content="2025-11-18 10:30">', "2025-11-18T10:30:00+08:00"),
        ('<meta property="article:published_time" content="2025-11-18T02:30:00+00:00">', "2025-11-18T10:30:00+08:00"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2025-11-18T10:30:00+08:00"}]}</script>',
            "2025-11-18T10:30:00+08:00",
        ),
    ],
)
def test_meta_date(head: str, expected: str) -> None:
    tree = lxml_html.fromstring(f"<html><head>{head}</head><body><p>正文</p></body></html>")
    assert dates.meta_date(tree, now=NOW) == expected


def test_date_from_url() -> None:
    assert (
        dates.date_from_url("http://x.gov.cn/xwzx/202511/t20251118_1234567.html", now=NOW)
        == "2025-11-18T00:00:00+08:00"
    )
    assert (
        dates.date_from_url("http://news.example.cn/2025-11/18/c_1130021688.htm", now=NOW)
        == "2025-11-18T00:00:00+08:00"
    )
    assert dates.date_from_url("http://x.gov.cn/content/post_1234567.html", now=NOW) is None


def test_visible_publish_line_beats_meta_and_today_banner() -> None:
    page = """<html><head><title>新药获批上市_某区人民政府</title>
    <meta name="PubDate" content="2025-11-20 08:00"></head><body>
    <div>今天是2025年11月30日</div><h1>新药获批上市</h1>
    <div>发布时间：2025-11-18 10:30　来源：区市场监管局</div>
    <p>近日，国家药品监督管理局批准区内企业自主研发的一类创新药上市，这是该企业首个获批的创新药，
    将用于治疗晚期非小细胞肺癌。企业负责人表示，产品将尽快进入医院和医保目录。</p></body></html>"""
    assert extract(page, "http://127.0.0.1/a.html").published_at == "2025-11-18T10:30:00+08:00"


def test_hint_date_used_when_page_has_none() -> None:
    page = (
        "<html><body><h1>园区开园</h1><p>"
        + "生物医药产业园今天开园，首批企业已经入驻并开始装修实验室。" * 4
        + "</p></body></html>"
    )
    result = extract(page, "http://127.0.0.1/a.html", hint_published="Tue, 18 Nov 2025 02:30:00 GMT")
    assert result.published_at == "2025-11-18T10:30:00+08:00"


@pytest.mark.parametrize(
    ("title", "heading", "expected"),
    [
        ("科学城孵化基地二期启用_广州市黄埔区人民政府", "<h1>科学城孵化基地二期启用</h1>", "科学城孵化基地二期启用"),
        ("短缺药品保供稳价 全力保障临床用药需求 - 新华网", "", "短缺药品保供稳价 全力保障临床用药需求"),
        ("佛山发布医疗器械产业方案|佛山市人民政府", '<h1 class="logo">佛山市人民政府</h1>', "佛山发布医疗器械产业方案"),
        (
            "标题被截断的很长很长的新闻..._新闻中心_某某网",
            "<h1>标题被截断的很长很长的新闻标题全文</h1>",
            "标题被截断的很长很长的新闻标题全文",
        ),
        (
            "上海设立生物医药产业基金 | 湾区观察",
            '<meta property="og:title" content="上海设立生物医药产业基金">',
            "上海设立生物医药产业基金",
        ),
    ],
)
def test_title_without_site_suffix(title: str, heading: str, expected: str) -> None:
    tree = lxml_html.fromstring(f"<html><head><title>{title}</title></head><body>{heading}<p>正文</p></body></html>")
    assert choose_title(tree) == expected


def test_title_hint_when_page_has_no_title() -> None:
    tree = lxml_html.fromstring("<html><body><p>正文</p></body></html>")
    assert choose_title(tree, "来自订阅源的标题") == "来自订阅源的标题"


def test_boilerplate_lines_trimmed() -> None:
    body = "\n".join(
        [
            "新药获批上市",
            "2025-11-18 10:30 来源：区市场监管局",
            "字号：大 中 小",
            "【打印】【关闭】",
            "近日，国家药品监督管理局批准区内企业研发的一类创新药上市。",
            "分享到：微信 微博",
            "企业负责人表示，产品将尽快进入医院和医保目录，惠及更多患者。",
            "（责任编辑：李明）",
            "相关新闻",
            "园区新增两家细胞治疗企业",
            "版权所有 某区人民政府",
        ]
    )
    assert trim_boilerplate(body, "新药获批上市") == (
        "近日，国家药品监督管理局批准区内企业研发的一类创新药上市。\n"
        "企业负责人表示，产品将尽快进入医院和医保目录，惠及更多患者。"
    )


def test_boilerplate_words_inside_sentences_stay() -> None:
    body = "记者从区科技局获悉，责任编辑制度和来源标注要求已写入新闻发布管理办法。\n新办法自下月起施行，适用于全区政务新媒体。"
    assert trim_boilerplate(body, "某标题") == body


def test_content_selector_wins() -> None:
    page = """<html><body><div class="nav">首页 新闻</div><div id="main"><p>第一段：产业园今天开园。</p>
    <p>第二段：首批十家企业入驻。</p></div><div class="side"><p>侧栏里的一段很长的推荐文字，与正文无关，说的是别的事情。</p></div></body></html>"""
    result = extract(page, "http://127.0.0.1/a.html", content_selector="#main")
    assert result.body == "第一段：产业园今天开园。\n第二段：首批十家企业入驻。"


def test_broken_content_selector_is_a_page_failure() -> None:
    with pytest.raises(Skip, match="content_selector"):
        extract("<html><body><p>正文</p></body></html>", "http://127.0.0.1/a.html", content_selector="div[")


def test_choose_body_falls_back_and_prefers_the_contained_one() -> None:
    article = "生物医药产业园今天开园，首批企业已经入驻。园区配套建设了公共实验平台和中试车间。"
    teasers = "另一篇文章：某地举办招商推介会，签约项目二十个，总投资一百亿元。"
    assert choose_body("", article) == article
    assert choose_body(article, "") == article
    assert choose_body(article + "\n" + teasers, article) == article


@pytest.mark.parametrize(
    ("text", "declared", "encoding"),
    [
        ("黄埔区生物医药产业园开园，朱镕华出席".encode("gbk"), "gb2312", "gb18030"),
        ("<meta charset='gbk'>生物医药产业".encode("gbk"), None, "gb18030"),
        ("博鰲樂城先行區簽約".encode("big5"), "big5", "big5hkscs"),
        ("<html>未声明编码的页面，内容为生物医药</html>".encode(), None, "utf-8"),
        ("<meta charset='gbk'>声明错误，实为UTF-8".encode(), None, "utf-8"),
        (b"\xef\xbb\xbf" + "带BOM的页面".encode(), "gbk", "utf-8"),
        ("没有声明的GBK页面，内容是生物医药产业集群".encode("gbk"), None, "gb18030"),
        ("沒有聲明編碼的繁體頁面，博鰲樂城國際醫療旅遊先行區的生物醫藥".encode("big5"), None, "big5hkscs"),
    ],
)
def test_decode_html(text: bytes, declared: str | None, encoding: str) -> None:
    decoded, used = decode_html(text, declared)
    assert used == encoding
    assert "\ufffd" not in decoded
    assert any(word in decoded for word in ("生物医药", "樂城", "声明", "BOM"))
    assert decoded == text.removeprefix(b"\xef\xbb\xbf").decode(encoding)


def test_languages() -> None:
    assert detect_lang("博鰲樂城國際醫療旅遊先行區周一舉行集中簽約儀式") == "zh-hant"
    assert detect_lang("博鳌乐城国际医疗旅游先行区周一举行集中签约仪式") == "zh-hans"
    assert detect_lang("Suzhou BioBAY opened a shared pilot plant for 细胞 therapy on Monday.") == "en"


def test_to_simplified_and_content_hash() -> None:
    assert to_simplified("國際醫療旅遊先行區") == "国际医疗旅游先行区"
    assert content_hash("国际 医疗\n旅游") == content_hash("國際醫療旅遊")
    assert content_hash("国际医疗旅游") != content_hash("国际医疗旅行")
    assert clean_text("  第一段\u3000内容 \r\n\r\n\u200b第二段  ") == "第一段 内容\n第二段"


def _page(html: str) -> Page:
    return Page(source="t", url="http://127.0.0.1/a.html", html=html, fetched_at="2025-11-22T00:00:00+00:00")


def _nested_page(depth: int) -> str:
    article = "<p>生物医药产业园今天开园，首批十家企业入驻，园区配套建设了公共实验平台和中试车间。</p>" * 10
    return (
        f"<html><head><title>产业园开园</title></head><body>{'<div>' * depth}{article}{'</div>' * depth}</body></html>"
    )


def test_markup_nested_deeper_than_the_parser_goes_is_skipped_saying_so() -> None:
    assert "首批十家企业入驻" in process_page(_page(_nested_page(100))).body
    for depth in (300, 10_000):
        with pytest.raises(Skip, match="nested too deeply"):
            process_page(_page(_nested_page(depth)))


def test_text_run_beyond_the_parsers_limits_is_skipped_saying_so() -> None:
    paragraph = "生物医药产业园今天开园，首批十家企业入驻。" * 600_000  # 12 M characters in one text node
    with pytest.raises(Skip, match="HTML parser's limits"):
        extract(
            f"<html><head><title>产业园开园</title></head><body><p>{paragraph}</p></body></html>",
            "http://127.0.0.1/a.html",
        )


def test_process_page_builds_article() -> None:
    text, _ = decode_html((PAGES / "hk-big5.html").read_bytes())
    article = process_page(_page(text))
    assert article.lang == "zh-hant"
    assert article.title == "博鰲樂城先行區再有十三家藥企簽約"
    assert article.published_at == "2025-11-24T16:20:00+08:00"
    assert article.content_hash == content_hash(article.body)
    assert article.body.startswith("海南博鰲樂城國際醫療旅遊先行區周一舉行集中簽約儀式")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><body><div>首页</div><div>联系我们</div></body></html>",
        "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\n\x00\x01\x02",
        "\ufffd\ufffdPNG\x1a\n\x00\x00\x00\rIHDR" + "\ufffd\x00" * 200,
    ],
)
def test_process_page_skips_non_articles(html: str) -> None:
    with pytest.raises(Skip):
        process_page(_page(html))


def test_a_page_that_shows_only_a_caption_keeps_the_article_its_json_ld_declares() -> None:
    paragraphs = [
        "黄埔区生物医药产业园二期今天开工，计划总投资36亿元，建设研发中试楼和标准厂房。",
        "园区负责人介绍，二期将重点引进抗体药物、细胞治疗和高端医疗器械企业，预计2027年建成。",
        "首批签约的八家企业中，有三家将在园内设立区域总部。",
    ]
    data = {
        "@graph": [
            {"@type": "WebPage", "name": "要闻"},
            {
                "@type": "NewsArticle",
                "datePublished": "2025-11-18T09:30:00+08:00",
                "articleBody": "<p>" + "</p><p>".join(paragraphs) + "</p>",
            },
        ]
    }
    html = (
        "<html><head><title>生物医药产业园二期开工</title>"
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head>'
        "<body><h1>生物医药产业园二期开工</h1><figure><img src='a.jpg'><figcaption>开工现场。</figcaption></figure>"
        "<div id='app'></div></body></html>"
    )
    found = extract(html, "http://www.example.gov.cn/news/t20251118_1.html")
    assert all(p in found.body for p in paragraphs)
    assert found.published_at == "2025-11-18T09:30:00+08:00"


def test_json_ld_gives_its_article_text_by_paragraph_and_broken_blocks_their_fields() -> None:
    page = lxml_html.fromstring(
        '<html><head><script type="application/ld+json">[{"@type": "WebPage"}, {"@type": "NewsArticle", '
        '"articleBody": "<p>第一段。</p>\\n<p>第二段&amp;附件。</p>"}]</script>'
        '<script type="application/ld+json">{"datePublished": "2025-11-18 09:30", "name": "x",}</script>'
        "</head><body></body></html>"
    )
    assert jsonld.article_body(page) == "第一段。\n第二段&附件。"
    assert {"datePublished": "2025-11-18 09:30", "name": "x"} in list(jsonld.objects(page))
    assert dates.meta_date(page) == "2025-11-18T09:30:00+08:00"


_SPACED = st.text(alphabet="ab的。 \n\u3000\xa0.*", max_size=40)


@settings(max_examples=500, deadline=None)
@given(text=_SPACED, snippet=_SPACED, start=st.integers(min_value=0, max_value=40))
def test_locating_a_snippet_finds_what_a_whitespace_tolerant_regex_finds(text: str, snippet: str, start: int) -> None:
    chars = [ch for ch in snippet if not ch.isspace()][:12]
    expected = None
    if len(chars) >= 4:
        found = re.compile(r"\s*".join(map(re.escape, chars))).search(text, start)
        expected = found.span() if found else None
    assert _locate(text, snippet, start) == expected
