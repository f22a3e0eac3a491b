"""Feed and sitemap detection and parsing: RSS 2.0, RSS 1.0, Atom, sitemaps, indexes, Google News."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.feeds import (
    Entry,
    detect_kind,
    feed_links,
    gunzip,
    parse_feed,
    parse_sitemap,
    recent_first,
    robots_sitemaps,
)
from crawler.links import parse_html

BASE = "http://news.example.cn/rss/bio.xml"

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>生物医药频道</title><link>http://news.example.cn/</link>
<item><title><![CDATA[黄埔区生物医药产业园开园 首批企业入驻]]></title>
<link>http://news.example.cn/2025/1118/c1-123456.html?utm_source=rss</link>
<pubDate>Tue, 18 Nov 2025 10:30:00 +0800</pubDate></item>
<item><title>镕铖生物签约落户</title><guid isPermaLink="true">http://news.example.cn/2025/1117/c1-123455.html</guid>
<dc:date>2025-11-17T09:00:00+08:00</dc:date></item>
<item><title>没有链接的条目</title><guid isPermaLink="false">abc-123</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>BioBAY news</title>
<link rel="self" href="http://en.example.com/atom.xml"/>
<entry><title type="html">BioBAY &lt;b&gt;opens&lt;/b&gt; incubator</title>
<link rel="alternate" type="text/html" href="/news/2025/11/biobay-opens-incubator.html"/>
<link rel="enclosure" href="/img/1.jpg"/>
<published>2025-11-18T02:30:00Z</published><updated>2025-11-19T00:00:00Z</updated></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.example.cn/"><title>x</title></channel>
<item rdf:about="http://x.example.cn/a/1001.html"><title>第一条新闻标题</title>
<link>http://x.example.cn/a/1001.html</link><dc:date>2025-11-18</dc:date></item>
</rdf:RDF>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://en.example.com/news/2025/11/18/a-1001.html</loc><lastmod>2025-11-18</lastmod></url>
<url><loc>http://en.example.com/news/2025/11/17/a-1000.html</loc><lastmod>2025-11-17T08:00:00+08:00</lastmod>
<news:news><news:publication><news:name>X</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-11-17T07:00:00+08:00</news:publication_date>
<news:title>Hainan Boao Lecheng signs 13 projects</news:title></news:news></url>
<url><loc>http://en.example.com/news/2019/01/01/a-1.html</loc><lastmod>2019-01-01</lastmod></url>
</urlset>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://en.example.com/sitemap-2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
<sitemap><loc>http://en.example.com/sitemap-2025.xml</loc><lastmod>2025-11-18</lastmod></sitemap>
</sitemapindex>"""


@pytest.mark.parametrize(
    "body,kind",
    [
        (RSS.encode("gb18030"), "rss"),
        (ATOM.encode(), "atom"),
        (RDF.encode(), "rss"),
        (SITEMAP.encode(), "sitemap"),
        (INDEX.encode(), "sitemapindex"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<!-- x --><html><body>hi</body></html>", "html"),
        (b'<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?>\n<!-- c --><rss></rss>', "rss"),
        (b"\x89PNG\r\n\x1a\n", "unknown"),
    ],
)
def test_detect_kind_from_the_root_element(body: bytes, kind: str) -> None:
    assert detect_kind(body) == kind


def test_rss_items_with_gbk_text_links_guids_and_dates() -> None:
    # 镕 is outside GB2312: a feed declaring gb2312 must still decode it (as GB18030).
    entries = parse_feed(RSS.encode("gb18030"), BASE)
    assert [e.url for e in entries] == [
        "http://news.example.cn/2025/1118/c1-123456.html",
        "http://news.example.cn/2025/1117/c1-123455.html",
    ]
    assert entries[0].title == "黄埔区生物医药产业园开园 首批企业入驻"
    assert entries[0].published == "2025-11-18T10:30:00+08:00"
    assert entries[1].title == "镕铖生物签约落户"
    assert entries[1].published == "2025-11-17T09:00:00+08:00"


def test_atom_entries_use_the_alternate_link_and_plain_titles() -> None:
    entries = parse_feed(ATOM.encode(), "http://en.example.com/atom.xml")
    assert entries == [
        Entry(
            url="http://en.example.com/news/2025/11/biobay-opens-incubator.html",
            title="BioBAY opens incubator",
            published="2025-11-18T10:30:00+08:00",
            order_date="2025-11-18T10:30:00+08:00",
        )
    ]


def test_rss_1_0_items() -> None:
    entries = parse_feed(RDF.encode(), "http://x.example.cn/rss.xml")
    assert [(e.url, e.title) for e in entries] == [("http://x.example.cn/a/1001.html", "第一条新闻标题")]


def test_broken_feeds_are_read_as_far_as_they_go() -> None:
    broken = RSS.replace("</channel></rss>", "").replace("开园 首批", "开园 & 首批").encode("gb18030")
    assert len(parse_feed(broken, BASE)) == 2
    assert parse_feed(b"", BASE) == []
    assert parse_feed(b"\x00\xff garbage", BASE) == []


def test_external_entities_are_never_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    evil = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>
<rss><channel><item><title>a &x; b</title><link>http://e.example.cn/1/12345.html</link></item></channel></rss>"""
    entries = parse_feed(evil.encode(), BASE)
    assert all("TOPSECRET" not in (e.title or "") for e in entries)


def test_sitemap_entries_news_dates_and_lastmod() -> None:
    is_index, entries = parse_sitemap(SITEMAP.encode(), "http://en.example.com/sitemap.xml")
    assert not is_index
    by_url = {e.url: e for e in entries}
    news = by_url["http://en.example.com/news/2025/11/17/a-1000.html"]
    assert news.title == "Hainan Boao Lecheng signs 13 projects"
    assert news.published == "2025-11-17T07:00:00+08:00"
    assert by_url["http://en.example.com/news/2025/11/18/a-1001.html"].published == "2025-11-18T00:00:00+08:00"


def test_a_lastmod_shared_by_every_entry_is_not_a_publish_date() -> None:
    urls = "".join(
        f"<url><loc>http://e.example.cn/a/{i}.html</loc><lastmod>2025-11-18</lastmod></url>" for i in range(5)
    )
    _, entries = parse_sitemap(f"<urlset>{urls}</urlset>".encode(), "http://e.example.cn/sitemap.xml")
    assert len(entries) == 5 and all(e.published is None for e in entries)


def test_sitemap_index_lists_child_sitemaps_newest_first() -> None:
    is_index, entries = parse_sitemap(INDEX.encode(), "http://en.example.com/sitemap.xml")
    assert is_index
    assert [e.url for e in recent_first(entries, 1)] == ["http://en.example.com/sitemap-2025.xml"]


def test_recent_first_caps_prefers_new_and_drops_the_ancient() -> None:
    _, entries = parse_sitemap(SITEMAP.encode(), "http://en.example.com/sitemap.xml")
    chosen = [e.url.rsplit("/", 1)[1] for e in recent_first(entries, 10)]
    assert chosen == ["a-1001.html", "a-1000.html"]  # 2019 is more than a year before the newest
    undated = [Entry(f"http://e.example.cn/content/post_{n}.html") for n in (5, 900, 31)]
    assert [e.url[-8:] for e in recent_first(undated, 2)] == ["900.html", "_31.html"]


def test_gzipped_sitemaps_unpack_but_bombs_do_not() -> None:
    assert gunzip(gzip.compress(SITEMAP.encode()), 1_000_000) == SITEMAP.encode()
    assert gunzip(gzip.compress(b"\0" * 20_000_000), 1_000_000) == b""
    assert gunzip(b"plain", 10) == b"plain"


def test_feeds_advertised_in_html() -> None:
    html = """<html><head>
    <link rel="alternate" type="application/rss+xml" title="新闻" href="/rss/news.xml">
    <link rel="alternate" type="application/rss+xml" title="评论" href="/rss/comments.xml">
    <link rel="alternate" type="application/atom+xml" href="http://news.example.cn/atom.xml">
    <link rel="stylesheet" type="text/css" href="/a.css">
    <link rel="alternate" hreflang="en" href="/en/">
    </head><body></body></html>"""
    assert feed_links(parse_html(html), "http://news.example.cn/list/") == [
        "http://news.example.cn/rss/news.xml",
        "http://news.example.cn/atom.xml",
    ]


def test_sitemaps_named_in_robots_txt() -> None:
    robots = b"User-agent: *\nDisallow: /search/\n\nSitemap: https://en.example.com/sitemap.xml\nsitemap:/news.xml\n"
    assert robots_sitemaps(robots, "https://en.example.com/robots.txt") == [
        "https://en.example.com/sitemap.xml",
        "https://en.example.com/news.xml",
    ]
    assert robots_sitemaps(b"User-agent: *\nDisallow:\n", "https://en.example.com/robots.txt") == []


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=400)
    | st.text(max_size=300).map(lambda t: f"<rss><channel><item>{t}</item></channel></rss>".encode())
)
def test_any_bytes_parse_to_entries_or_nothing(body: bytes) -> None:
    assert detect_kind(body) in ("rss", "atom", "sitemap", "sitemapindex", "html", "unknown")
    for entry in parse_feed(body, BASE) + parse_sitemap(body, BASE)[1]:
        assert entry.url.startswith("http")
