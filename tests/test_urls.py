"""Canonical URLs, site identity, article-likeness and the private-address check."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.urls import (
    article_score,
    canonical_url,
    ip_of_host,
    is_private_address,
    public_suffixes,
    same_site,
    site_of,
    url_allowed,
)


@pytest.mark.parametrize(
    "raw,expected",
    [
        (
            "http://www.hp.gov.cn/xwzx/content/post_1.html?utm_source=wx&utm_medium=share",
            "http://www.hp.gov.cn/xwzx/content/post_1.html",
        ),
        ("HTTP://WWW.Example.COM:80/a/b.html#comments", "http://www.example.com/a/b.html"),
        ("https://news.example.com:443/a?spm=1.2.3&id=42&from=timeline&share=1", "https://news.example.com/a?id=42"),
        ("http://example.com/a?b=2&a=1", "http://example.com/a?a=1&b=2"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com/新闻/报道.html", "http://example.com/%E6%96%B0%E9%97%BB/%E6%8A%A5%E9%81%93.html"),
        ("http://example.com/a%2fb", "http://example.com/a%2Fb"),
        ("http://example.com/a/./b/../c.html", "http://example.com/a/c.html"),
        ("http://example.com:8080/x?fbclid=abc&gclid=1&hmsr=baidu", "http://example.com:8080/x"),
        ("http://example.com/list?keyword=%B9%FA%BC%D2", "http://example.com/list?keyword=%B9%FA%BC%D2"),
    ],
)
def test_canonical_url_strips_tracking_and_normalises(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


def test_canonical_url_resolves_relative_links_and_rejects_non_http() -> None:
    base = "http://www.hp.gov.cn/xwzx/zwyw/index.html"
    assert canonical_url("content/post_9.html", base) == "http://www.hp.gov.cn/xwzx/zwyw/content/post_9.html"
    assert canonical_url("../tzgg/", base) == "http://www.hp.gov.cn/xwzx/tzgg/"
    assert canonical_url("//cdn.hp.gov.cn/x.html", base) == "http://cdn.hp.gov.cn/x.html"
    for link in (
        "javascript:void(0)",
        "mailto:a@b.cn",
        "#top",
        "",
        "ftp://x/y",
        "file:///etc/passwd",
        "http://[::1",
        "http://example.com:99999/",
    ):
        assert canonical_url(link, base) is None


def test_the_same_article_under_two_links_has_one_canonical_url() -> None:
    one = canonical_url("http://m.example.com/a/1.html?from=singlemessage&isappinstalled=0#p2")
    two = canonical_url("http://M.EXAMPLE.COM/a/1.html?utm_campaign=x")
    assert one == two == "http://m.example.com/a/1.html"


def test_site_is_the_registered_domain_or_host_and_port() -> None:
    assert site_of("http://www.hp.gov.cn/a") == site_of("http://hp.gov.cn/b") == "hp.gov.cn"
    assert same_site("http://politics.people.com.cn/n1/x.html", "http://www.people.com.cn/")
    assert not same_site("http://www.hp.gov.cn/", "http://www.gz.gov.cn/")
    assert not same_site("http://www.gov.cn/", "http://sousuo.gov.cn/")
    assert same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert not same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:8001/a")
    assert not same_site("http://localhost:8000/", "http://localhost:9000/")


def test_sites_and_cookies_share_one_public_suffix_list() -> None:
    """Sites are registered domains under ICANN suffixes; the cookie middleware, asking the same
    list, also knows the private ones (a cookie for blogspot.com is refused)."""
    from scrapy.downloadermiddlewares import cookies

    import crawler.middlewares  # noqa: F401  # installs the shared list

    assert site_of("http://a.b.blogspot.com/x") == "blogspot.com"
    assert cookies._split_domain is public_suffixes()
    assert cookies._split_domain("b.blogspot.com").suffix == "blogspot.com"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "0.0.0.0",
        "100.64.0.1",
        "::ffff:127.0.0.1",
        "127.1",
        "0x7f.0.0.1",
        "2130706433",
        "[::1]",
    ],
)
def test_private_addresses_are_recognised_in_every_spelling(host: str) -> None:
    address = ip_of_host(host)
    assert address is not None
    assert is_private_address(address)


@pytest.mark.parametrize("host", ["8.8.8.8", "203.119.25.1", "2400:3200::1"])
def test_public_addresses_are_not_private(host: str) -> None:
    assert not is_private_address(host)


def test_host_names_are_not_addresses() -> None:
    assert ip_of_host("www.hp.gov.cn") is None
    assert ip_of_host("localhost") is None


@pytest.mark.parametrize(
    "url",
    [
        "http://www.hp.gov.cn/xwzx/zwyw/content/post_10591234.html",
        "http://www.sz.gov.cn/cn/xxgk/zfxxgj/tzgg/202511/t20251118_123456.html",
        "http://www.news.cn/politics/2025-11/18/c_1131234567.htm",
        "http://finance.people.com.cn/n1/2025/1118/c1004-40123456.html",
        "http://www.example.gov.cn/news/show.asp?id=12345",
        "https://www.example.com/en/news/2025/11/18/biobay-opens-new-incubator-for-startups",
    ],
)
def test_article_urls_score_high(url: str) -> None:
    assert article_score(url) >= 0.5


@pytest.mark.parametrize(
    "url",
    [
        "http://www.hp.gov.cn/",
        "http://www.hp.gov.cn/xwzx/zwyw/",
        "http://www.hp.gov.cn/xwzx/zwyw/index_2.html",
        "http://www.hp.gov.cn/xwzx/list_3.htm",
        "http://www.hp.gov.cn/attach/2025/11/policy.pdf",
        "http://www.hp.gov.cn/images/banner.jpg",
        "http://www.hp.gov.cn/search/",
        "http://www.hp.gov.cn/sitemap.html",
    ],
)
def test_list_menu_and_file_urls_score_low(url: str) -> None:
    assert article_score(url) <= 0


def test_allow_and_deny_patterns() -> None:
    url = "http://www.hp.gov.cn/xwzx/zwyw/content/post_1.html"
    assert url_allowed(url)
    assert url_allowed(url, allow=(r"/content/post_\d+",))
    assert not url_allowed(url, allow=(r"/tzgg/",))
    assert not url_allowed(url, deny=(r"/zwyw/",))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["", "http://www.hp.gov.cn/xwzx/index.html", "https://例子.cn/a/b"]))
def test_canonical_url_never_raises_and_is_stable(link: str, base: str) -> None:
    url = canonical_url(link, base or None)
    assert url is None or (url.startswith(("http://", "https://")) and canonical_url(url) == url)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"https?://[a-z0-9.\-\[\]:]{1,30}(/[\w%./?=&#-]{0,40})?", fullmatch=True))
def test_url_helpers_accept_any_url(url: str) -> None:
    assert -1.0 <= article_score(url) <= 1.0
    same_site(url, url)


@pytest.mark.parametrize(
    ("link", "canonical"),
    [
        (
            "http://www.e.gov.cn/art/2025/11/18/art_12_345.html;jsessionid=0A1B2C3D4E5F60718293A4B5C6D7E8F9",
            "http://www.e.gov.cn/art/2025/11/18/art_12_345.html",
        ),
        (
            "http://www.e.gov.cn/col/index.html;JSESSIONID=abcdef0123456789abcdef?uid=3",
            "http://www.e.gov.cn/col/index.html?uid=3",
        ),
        (
            "http://www.e.gov.cn/news/show.php?PHPSESSID=5f4dcc3b5aa765d61d8327deb882cf99&id=3",
            "http://www.e.gov.cn/news/show.php?id=3",
        ),
        ("http://www.e.gov.cn/(S(k3jd92mdl0qpz81nxv7a))/news/1.aspx", "http://www.e.gov.cn/news/1.aspx"),
    ],
)
def test_session_ids_in_path_or_query_are_dropped(link: str, canonical: str) -> None:
    assert canonical_url(link) == canonical


def test_short_values_under_session_like_names_are_kept() -> None:
    assert canonical_url("http://www.e.gov.cn/news/list.html?sid=12") == "http://www.e.gov.cn/news/list.html?sid=12"
    assert canonical_url("http://www.e.gov.cn/a/1.html;v=2") == "http://www.e.gov.cn/a/1.html;v=2"
