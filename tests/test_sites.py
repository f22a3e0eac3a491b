"""The fixture websites themselves: files, encodings, labels and the noise the server adds."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from demo.serve import BIG_PAGE_BYTES, serve_sites, site_names
from tests.sites.build import SITES_DIR, page_text, render, site_files, truth

TRUTH = json.loads((SITES_DIR / "truth.json").read_text(encoding="utf-8"))
ARTICLES = TRUTH["articles"]
ROOT = SITES_DIR.parent.parent


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """One GET without following redirects or using proxies."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def decode(body: bytes, encoding: str) -> str:
    return body.decode("gb18030" if encoding in ("gbk", "gb2312") else encoding)


@pytest.fixture(scope="module")
def sites():
    with serve_sites(slow_seconds=0.2, stall_seconds=30) as running:
        yield running


def test_there_are_four_sites_with_enough_articles_and_shared_happenings():
    assert site_names() == ["english", "hkmedia", "hpgov", "media"]
    base = [a for a in ARTICLES if a["variant"] is None]
    assert len(base) >= 36
    assert {a["lang"] for a in base} == {"zh-hans", "zh-hant", "en"}
    shared = [
        e for e in TRUTH["events"].values() if 2 <= len({x["site"] for x in e["articles"] if x["variant"] is None}) <= 4
    ]
    assert len(shared) >= 8
    assert any(not a["relevant_biomed"] for a in base) and any(a["relevant_biomed"] for a in base)
    assert len({(a["site"], a["path"]) for a in ARTICLES}) == len(ARTICLES)


def test_files_on_disk_are_what_the_sources_generate():
    articles, builds = render()
    for site, build in builds.items():
        expected = site_files(site, build)
        on_disk = {
            str(p.relative_to(SITES_DIR / site)): p.read_bytes() for p in (SITES_DIR / site).rglob("*") if p.is_file()
        }
        assert sorted(on_disk) == sorted(expected), f"{site}: run python -m tests.sites.build"
        changed = [rel for rel in expected if on_disk[rel] != expected[rel]]
        assert not changed, f"{site}: {changed[:3]} differ from src/; run python -m tests.sites.build"
    assert truth(articles, builds) == TRUTH


def test_encodings_are_really_gbk_big5_and_utf8():
    for a in ARTICLES:
        rel = a["path"].lstrip("/")
        path = SITES_DIR / a["site"] / (f"_variants/{a['variant']}/{rel}" if a["variant"] else rel)
        raw = path.read_bytes()
        encoding = TRUTH["sites"][a["site"]]["encoding"]
        text = raw.decode(encoding)
        if encoding != "utf-8":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        declared = a["declared_charset"]
        if declared is None:
            assert "charset" not in text.lower()
        else:
            assert re.search(rf"charset=\"?{declared}\b", text, re.I), a["path"]
    gb2312 = [a for a in ARTICLES if a["declared_charset"] == "gb2312"]
    assert len(gb2312) == 1
    raw = (SITES_DIR / "hpgov" / gb2312[0]["path"].lstrip("/")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")
    assert "喆" in raw.decode("gbk")
    assert [a["site"] for a in ARTICLES if a["declared_charset"] is None] == ["media"]


def test_every_article_is_served_with_its_labels_on_the_page(sites):
    for a in ARTICLES:
        site = sites[a["site"]]
        site.set_variant(a["variant"])
        try:
            status, headers, body = get(site.url + a["path"])
        finally:
            site.set_variant(None)
        assert status == 200, a["path"]
        assert headers["content-type"].startswith("text/html")
        text = page_text(decode(body, TRUTH["sites"][a["site"]]["encoding"]))
        for key in ("title", "first_sentence", "last_sentence"):
            assert a[key] in text, (a["path"], key)
        for bp in a["boilerplate"]:
            assert bp in text, (a["path"], bp)


def test_base_urls_are_filled_in_for_this_site_and_the_others(sites):
    hp, media = sites["hpgov"], sites["media"]
    _, _, body = get(hp.url + "/xwzx/qndt/index.html")
    text = decode(body, "gbk")
    assert "__BASE" not in text
    assert media.url + "/news/2025-11/18/c_1130018801.htm" in text
    _, _, feed = get(media.url + "/rss.xml")
    assert f"<link>{media.url}/news/" in feed.decode()
    assert "?utm_source=wechat&amp;spm=a.b.c" in feed.decode()


def test_lists_feeds_and_sitemaps_reach_every_base_article(sites):
    reached: dict[str, set[str]] = {name: set() for name in sites}
    hp = sites["hpgov"]
    for page in TRUTH["sites"]["hpgov"]["entry_points"]["list_pages"]:
        _, _, body = get(hp.url + page)
        for href in re.findall(r'href="\./content/(post_\d+\.html)"', decode(body, "gbk")):
            reached["hpgov"].add(f"/xwzx/qndt/content/{href}")
    for name, entry in (
        ("media", "/rss.xml"),
        ("hkmedia", "/atom.xml"),
        ("english", "/sitemap-news.xml"),
        ("english", "/sitemap-pages.xml"),
    ):
        _, _, body = get(sites[name].url + entry)
        for url in re.findall(re.escape(sites[name].url) + r'(/[^"<?\s]+)', body.decode()):
            reached[name].add(url)
    for a in ARTICLES:
        only_slow = a["site"] == "hpgov" and "/noise/slow.html" in a["aliases"]
        if a["variant"] is None and not only_slow:
            assert a["path"] in reached[a["site"]], a["path"]


def test_html_is_sent_without_a_charset_parameter_unless_the_site_says_so(sites):
    for name in ("hpgov", "media", "hkmedia"):
        status, headers, _ = get(sites[name].url + "/index.html")
        assert status == 200 and headers["content-type"] == "text/html"
    assert get(sites["english"].url + "/index.html")[1]["content-type"] == "text/html; charset=utf-8"
    _, headers, _ = get(sites["hkmedia"].url + "/atom.xml")
    assert headers["content-type"] == "application/atom+xml"


def test_robots_forbids_the_private_page_that_a_list_links_to(sites):
    assert all(get(site.url + "/robots.txt")[0] == 200 for site in sites.values())
    hp = sites["hpgov"]
    _, _, robots = get(hp.url + "/robots.txt")
    assert "Disallow: /private/" in robots.decode()
    private = next(n for n in TRUTH["sites"]["hpgov"]["noise"] if n["expect"] == "never_requested")
    status, _, _ = get(hp.url + private["path"])
    assert status == 200
    _, _, listing = get(hp.url + private["linked_from"][0])
    assert private["path"] in decode(listing, "gbk")


def test_noise_routes_answer_as_documented(sites):
    hp = sites["hpgov"]
    assert get(hp.url + "/noise/500.html")[0] == 500
    assert get(hp.url + "/xwzx/qndt/content/post_1001131.html")[0] == 404
    status, headers, _ = get(hp.url + "/noise/redirect-1.html")
    assert status == 301 and headers["location"] == hp.url + "/noise/redirect-2.html"
    status, headers, _ = get(headers["location"])
    assert status == 302 and headers["location"] == hp.url + TRUTH["sites"]["hpgov"]["redirect_to"]
    status, _, body = get(hp.url + "/noise/slow.html")
    slow = next(a for a in ARTICLES if a["path"] == TRUTH["sites"]["hpgov"]["slow_article"])
    assert status == 200 and slow["first_sentence"] in decode(body, "gbk")
    status, headers, body = get(hp.url + "/noise/big.html", timeout=30)
    assert status == 200 and len(body) >= BIG_PAGE_BYTES > 5_000_000
    assert int(headers["content-length"]) == len(body) and body.rstrip().endswith(b"</html>")
    status, headers, body = get(hp.url + "/noise/binary.html")
    assert status == 200 and headers["content-type"] == "text/html"
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert body == get(sites["media"].url + "/noise/binary.html")[2]


def test_never_ending_page_sends_a_little_then_stalls(sites):
    parts = urlsplit(sites["english"].url)
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(b"GET /noise/never-ends.html HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b"\r\n\r\n" not in received or not received.split(b"\r\n\r\n", 1)[1]:  # headers and a little
            chunk = sock.recv(65536)  # however long a busy machine takes to send them
            assert chunk, "the server closed the connection before sending a body"
            received += chunk
        sock.settimeout(1)  # then a second of silence, the connection still open
        with pytest.raises(TimeoutError):
            while True:
                chunk = sock.recv(65536)
                assert chunk, "the server closed the connection instead of stalling"
                received += chunk
    assert b"200 OK" in received and b"Content-Length: 100000" in received
    assert 0 < len(received.split(b"\r\n\r\n", 1)[1]) < 100000


def test_requests_are_recorded_with_their_query_in_order(sites):
    media = sites["media"]
    media.requests.clear()
    path = TRUTH["sites"]["media"]["noise"][1]["path"]
    get(media.url + "/robots.txt")
    get(media.url + path)
    assert media.requests == ["/robots.txt", path]
    assert "?utm_source=wechat&spm=a.b.c" in path


def test_variants_change_what_a_site_serves(sites):
    hk, hp = sites["hkmedia"], sites["hpgov"]
    late = [a for a in ARTICLES if a["variant"] == "late"]
    assert late and all(a["site"] == "hkmedia" for a in late)
    assert get(hk.url + late[0]["path"])[0] == 404
    assert late[0]["path"] not in get(hk.url + "/atom.xml")[2].decode()
    hk.set_variant("late")
    try:
        assert get(hk.url + late[0]["path"])[0] == 200
        assert all(a["path"] in get(hk.url + "/atom.xml")[2].decode() for a in late)
    finally:
        hk.set_variant(None)
    hp.set_variant("maintenance")
    try:
        _, _, body = get(hp.url + "/xwzx/qndt/index.html")
        assert "post_" not in decode(body, "gbk")
    finally:
        hp.set_variant(None)
    hp.set_variant("stall")
    try:
        assert "/noise/never-ends.html" in decode(get(hp.url + "/xwzx/qndt/index.html")[2], "gbk")
    finally:
        hp.set_variant(None)
    assert "/noise/never-ends.html" not in decode(get(hp.url + "/xwzx/qndt/index.html")[2], "gbk")
    hk.set_variant("down")
    try:
        assert get(hk.url + "/atom.xml")[0] == 503
    finally:
        hk.set_variant(None)
    with pytest.raises(ValueError):
        hk.set_variant("no-such-variant")


def test_feed_is_advertised_by_the_list_page(sites):
    _, _, body = get(sites["hkmedia"].url + "/news/index.html")
    text = body.decode("big5")
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="' + re.escape(sites["hkmedia"].url), text
    )
    _, _, index = get(sites["english"].url + "/sitemap.xml")
    assert index.count(b"<sitemap>") == 2


def test_sizes_stay_realistic_and_small():
    total = sum(p.stat().st_size for p in SITES_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 3_000_000
    for a in ARTICLES:
        if a["site"] == "hpgov":
            size = (SITES_DIR / "hpgov" / a["path"].lstrip("/")).stat().st_size
            assert 15_000 <= size <= 60_000, a["path"]


def test_serve_module_prints_every_site_and_stops_on_sigterm():
    proc = subprocess.Popen(
        [sys.executable, "-m", "demo.serve"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        lines = [proc.stdout.readline().split() for _ in site_names()]
        assert sorted(name for name, _ in lines) == site_names()
        _name, url = lines[0]
        assert get(url + "/robots.txt")[0] == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == 0  # a guard against a hang, not a measure
