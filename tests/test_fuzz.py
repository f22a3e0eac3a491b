"""Hypothesis drives extraction and normalisation with random text and markup.

Nothing may raise except ``Skip`` (a page that is no article), and every output keeps its
promise: dates are ISO 8601 with an offset or None, canonical URLs are http(s) without a
fragment and canonical again, texts are clean, amounts are finite and non-negative.
"""

from __future__ import annotations

import codecs
import math
import re
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.decode import canonical_charset, decode_html
from crawler.urls import (
    article_score,
    canonical_url,
    host_of,
    netloc_of,
    site_of,
    url_allowed,
)
from errors import Skip
from pipelines import dates, money
from pipelines.article import Page
from pipelines.extract import MAX_BODY_CHARS, MAX_TITLE_CHARS, extract
from pipelines.normalize import (
    clean_text,
    content_hash,
    detect_lang,
    to_simplified,
)
from pipelines.process import MIN_BODY_CHARS, process_page

NOW = datetime(2025, 11, 18, 12, 0, tzinfo=timezone(timedelta(hours=8)))
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what the functions meet: Chinese (both scripts), digits, date and money words.
# fmt: off
WORDS = ["生物医药", "產業園", "签约", "發佈時間", "发布时间：", "年", "月", "日", "时", "分", "亿元", "万元", "美元",
         "港币", "约", "超过", "人民币", "yuan", "million", "billion", "US$", "HK$", "€", "Nov", "November",
         "2025", "11", "18", "10:30", "-", "/", ".", ":", "：", "T", "Z", "+08:00", "GMT", "Tue,", "，", "。",
         " ", "\n", "\t", "\u3000", "\u200b", "\ufeff", "\x00", "\x1b", "\u202e", "\ufffd", "一", "两", "十",
         "百", "千", "零", "1,000", "3.5", "99999999999999999999", "Published", "Updated", "日期"]
# fmt: on
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=30).map("".join))

# fmt: off
TAGS = ["div", "p", "span", "h1", "h2", "title", "meta", "a", "script", "style", "table", "tr", "td", "br",
        "li", "ul", "time", "article", "html", "head", "body", "noscript", "iframe", "font", "!--"]
ATTRS = ['class="content"', 'name="PubDate" content="2025-11-18 10:30"', 'property="og:title" content="标题"',
         'href="/a/2025/11/18/content_1.html"', 'charset="gbk"', 'datetime="2025-11-18T10:30:00Z"',
         'type="application/ld+json"', 'http-equiv="refresh" content="0; url=/x"', 'id="x"',
         'style="display:none"']
# fmt: on


@st.composite
def markup(draw: st.DrawFn) -> str:
    """Random tag soup: tags opened, closed or not, attributes, text between, sometimes a real article."""
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            attribute = draw(st.sampled_from(ATTRS)) if draw(st.booleans()) else ""
            parts.append(f"<{draw(st.sampled_from(TAGS))} {attribute}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            parts.append(draw(texts))
    if draw(st.booleans()):
        paragraph = "十八日，区内十一个生物医药项目集中签约，总投资约六十五亿元。" * 4
        parts.insert(draw(st.integers(0, len(parts))), f"<h1>区内生物医药项目集中签约</h1><p>{paragraph}</p>")
    return "".join(parts)


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, path, query, frag: f"{scheme}{host}{path}{query}{frag}",
        st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", "", "javascript:", "http:/"]),
        st.sampled_from(
            [
                "www.hp.gov.cn",
                "127.0.0.1:8080",
                "[::1]",
                "例子.中国",
                "EXAMPLE.com.",
                "a..b",
                "xn--fiqs8s.cn",
                "host:99999",
                "user:pw@h.cn",
                "",
                "169.254.169.254",
            ]
        ),
        st.text(alphabet="/abc.%-_~中文 2025?&=#", max_size=30),
        st.sampled_from(["", "?utm_source=x&id=3", "?b=2&a=1", "?spm=1.2&x=%e4%b8%ad", "?=&&"]),
        st.sampled_from(["", "#top", "#"]),
    ),
)


@FAST
@given(
    st.binary(max_size=3000),
    st.one_of(
        st.none(),
        st.sampled_from(
            ["utf-8", "gbk", "GB2312", "big5", "utf-16", "iso-8859-1", "x-unknown", "", "utf-32", "ebcdic", "cp1252"]
        ),
    ),
)
def test_decode_html_reads_any_bytes_with_any_label(data: bytes, label: str | None) -> None:
    text, encoding = decode_html(data, label)
    assert canonical_charset(encoding) == encoding  # an encoding browsers know, by its codec name
    text.encode("utf-8")  # no lone surrogates: the text can be stored and sent as it is
    if "\ufffd" not in text:  # nothing was unreadable: the text is what those bytes say in that encoding
        assert text.encode(encoding).decode(encoding) == text
    if data.isascii():
        assert text == data.decode("ascii")


@FAST
@given(st.one_of(st.text(max_size=200), st.sampled_from(WORDS)))
def test_canonical_charset_is_a_codec_or_none(label: str) -> None:
    found = canonical_charset(label)
    assert found is None or (canonical_charset(found) == found and codecs.lookup(found).name == found)


@FAST
@given(texts)
def test_clean_text_is_clean_and_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\n\n" not in cleaned and not re.search(r"[\x00-\x08\x0e-\x1f\u202e]", cleaned)
    assert all(line == line.strip() and line for line in cleaned.split("\n")) or cleaned == ""
    assert content_hash(text) == content_hash(to_simplified(text))


@FAST
@given(texts)
def test_script_and_language(text: str) -> None:
    simplified = to_simplified(text)
    assert to_simplified(simplified) == simplified  # simplified text has nothing left to convert
    if text.isascii():
        assert simplified == text
    assert detect_lang(text) in ("zh-hans", "zh-hant", "en")


@FAST
@given(texts)
def test_dates_are_iso_with_offset_or_none(text: str) -> None:
    for found in (
        dates.normalise_date(text, now=NOW),
        dates.first_date(text, now=NOW),
        dates.labelled_date(text, now=NOW),
        dates.date_from_url(text, now=NOW),
    ):
        if found is not None:
            assert ISO.match(found), found
            moment = datetime.fromisoformat(found)
            assert dates.EARLIEST <= moment <= NOW + timedelta(days=1)
            assert dates.normalise_date(found, now=NOW) == found


@FAST
@given(urls, st.one_of(st.none(), urls))
def test_canonical_urls_are_canonical(url: str, base: str | None) -> None:
    found = canonical_url(url, base)
    if found is not None:
        assert found.startswith(("http://", "https://")) and "#" not in found and found.isascii()
        assert canonical_url(found) == found
        assert host_of(found) and netloc_of(found) and site_of(found)
    assert -1.0 <= article_score(url) <= 1.0
    assert url_allowed(url, (r"content_\d+",), (r"/private/",)) is bool(
        re.search(r"content_\d+", url) and "/private/" not in url
    )
    assert url_allowed(url) is True  # no patterns: everything is allowed
    host_of(url), netloc_of(url), site_of(url)  # any string: an answer, never an exception


@FAST
@given(texts)
def test_money_is_finite_and_found_in_the_text(text: str) -> None:
    for amount in money.amounts(text, money.Rates()):
        value = amount["value_cny"]
        assert math.isfinite(value) and value >= 0
        assert amount["text"] and amount["text"] in text
    number = money.cn_number(text)
    assert number is None or (math.isfinite(number) and number >= 0)


@SLOW
@given(
    markup(),
    st.one_of(st.none(), st.sampled_from(["区内项目签约", "", "<b>x</b>", "标" * 500])),
    st.one_of(st.none(), texts),
)
def test_extraction_of_random_markup_is_well_formed(html: str, hint_title: str | None, hint_date: str | None) -> None:
    try:
        found = extract(
            html, "http://127.0.0.1/a/2025/11/18/content_1.html", hint_title=hint_title, hint_published=hint_date
        )
    except Skip:
        return
    assert "\n" not in found.title and len(found.title) <= MAX_TITLE_CHARS
    assert len(found.body) <= MAX_BODY_CHARS
    assert found.published_at is None or ISO.match(found.published_at)
    assert found.lang in ("zh-hans", "zh-hant", "en")
    assert clean_text(found.body) == found.body


@SLOW
@given(markup())
def test_a_page_becomes_an_article_or_a_skip(html: str) -> None:
    page = Page(
        source="fuzz",
        url="http://127.0.0.1/a/2025/11/18/content_1.html",
        html=html,
        fetched_at="2025-11-18T00:00:00+00:00",
    )
    try:
        article = process_page(page)
    except Skip as skip:
        assert skip.reason
        return
    assert article.title and "\n" not in article.title
    assert MIN_BODY_CHARS[article.lang] <= len(article.body) <= MAX_BODY_CHARS  # else it would be a Skip
    assert article.content_hash == content_hash(article.body)
    assert not re.search(r"[\x00-\x08\x0e-\x1f]", article.title + article.body)
