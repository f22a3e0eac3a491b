"""The operator's source workflow: add, enable, disable, remove and test sources from the command line.

Edits go to a copy of the shipped config.toml and must leave every other byte as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import config as configuration
from demo.serve import serve_sites

pytestmark = pytest.mark.slow  # every test starts the command line

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "config.toml"


def newswatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(config), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    target = tmp_path / "config.toml"
    shutil.copyfile(SHIPPED, target)
    return target


def sources_of(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["sources"]


def test_add_appends_the_source_and_keeps_every_other_byte(config_copy: Path) -> None:
    before = config_copy.read_text(encoding="utf-8")
    done = newswatch(
        config_copy,
        "sources",
        "add",
        "https://www.gz.gov.cn/xw/gzyw/",
        "--name",
        "gz-news",
        "--kind",
        "list",
        "--link-selector",
        "ul.news-list a",
        "--tag",
        "official",
        "--tag",
        "guangzhou",
        "--no-check",
    )
    assert done.returncode == 0, done.stderr
    after = config_copy.read_text(encoding="utf-8")
    block = (
        '\n[[sources]]\nname = "gz-news"\nurl = "https://www.gz.gov.cn/xw/gzyw/"\nkind = "list"\n'
        'link_selector = "ul.news-list a"\ntags = ["official", "guangzhou"]\n'
    )
    assert after.count(block) == 1
    assert after.replace(block, "", 1) == before
    # It lands after the last source, before the watches' comment block.
    assert after.index(block) < after.index(
        "# ---------------------------------------------------------------- watches"
    )
    added = sources_of(config_copy)[-1]
    assert added == {
        "name": "gz-news",
        "url": "https://www.gz.gov.cn/xw/gzyw/",
        "kind": "list",
        "link_selector": "ul.news-list a",
        "tags": ["official", "guangzhou"],
    }
    assert configuration.load(config_copy).source("gz-news").kind == "list"


def test_disable_and_enable_change_one_line(config_copy: Path) -> None:
    before = config_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    assert newswatch(config_copy, "sources", "disable", "suzhou-biobay").returncode == 0
    after = config_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before) + 1
    added = [i for i, line in enumerate(after) if line == "enabled = false\n"]
    assert len(added) == 1
    assert after[: added[0]] + after[added[0] + 1 :] == before
    assert after[added[0] - 1] == 'tags = ["park", "suzhou"]\n'  # the table's own last key
    assert not configuration.load(config_copy).source("suzhou-biobay").enabled

    assert newswatch(config_copy, "sources", "enable", "suzhou-biobay").returncode == 0
    again = config_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    assert again[: added[0]] + again[added[0] + 1 :] == before
    assert again[added[0]] == "enabled = true\n"
    assert configuration.load(config_copy).source("suzhou-biobay").enabled


def test_disable_keeps_the_comment_on_an_existing_enabled_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# watched\n[[sources]]\nname = "a"\nurl = "http://example.com/news/"\n'
        "enabled = true    # switch it off during the relaunch\n\n"
        '[[sources]]\nname = "b"\nurl = "http://example.com/b/"\n',
        encoding="utf-8",
    )
    assert newswatch(path, "sources", "disable", "a").returncode == 0
    assert path.read_text(encoding="utf-8") == (
        '# watched\n[[sources]]\nname = "a"\nurl = "http://example.com/news/"\n'
        "enabled = false    # switch it off during the relaunch\n\n"
        '[[sources]]\nname = "b"\nurl = "http://example.com/b/"\n'
    )


def test_remove_deletes_the_table_and_its_comment_only(config_copy: Path) -> None:
    before = config_copy.read_text(encoding="utf-8")
    done = newswatch(config_copy, "sources", "remove", "suzhou-biobay")
    assert done.returncode == 0, done.stderr
    removed = (
        "\n# Suzhou BioBAY (苏州生物医药产业园) — park and company news.\n[[sources]]\n"
        'name = "suzhou-biobay"\nurl = "https://www.biobay.com.cn/"\nkind = "auto"\n'
        'tags = ["park", "suzhou"]\n'
    )
    assert before.count(removed) == 1
    assert config_copy.read_text(encoding="utf-8") == before.replace(removed, "", 1)
    assert "suzhou-biobay" not in [s["name"] for s in sources_of(config_copy)]


@pytest.mark.parametrize(
    "args,problem",
    [
        (
            ["https://www.hp.gov.cn/other/", "--name", "hp-gov-news"],
            "{new}.name: a source named 'hp-gov-news' already exists",
        ),
        (["www.example.com/news", "--name", "bad-url"], "{new}.url: 'www.example.com/news' is not an absolute http"),
        (["https://example.com/news/", "--name", "bad-kind", "--kind", "rss"], "{new}.kind: 'rss' is not allowed"),
        (["https://example.com/news/", "--name", "Bad Name"], "{new}.name: 'Bad Name' is not a slug"),
        (["https://example.com/news/", "--name", "bad-css", "--link-selector", "ul[class"], "{new}.link_selector"),
    ],
    ids=["duplicate-name", "malformed-url", "unknown-kind", "bad-name", "bad-selector"],
)
def test_bad_input_is_refused_with_one_line(config_copy: Path, args: list[str], problem: str) -> None:
    before = config_copy.read_bytes()
    problem = problem.format(new=f"sources[{len(sources_of(config_copy))}]")
    done = newswatch(config_copy, "sources", "add", *args, "--no-check")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and "Traceback" not in done.stderr
    assert config_copy.read_bytes() == before
    assert sorted(p.name for p in config_copy.parent.iterdir()) == ["config.toml"]


def test_unknown_source_is_refused(config_copy: Path) -> None:
    before = config_copy.read_bytes()
    for action in ("enable", "disable", "remove"):
        done = newswatch(config_copy, "sources", action, "no-such-source")
        assert done.returncode == 2
        assert "no source named 'no-such-source'" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert config_copy.read_bytes() == before


def test_edit_that_would_not_round_trip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = (
        '[[watches]]\nname = "w"\nkeywords = ["x"]\ntitle = """\n[[sources]]\n"""\n\n'
        '[[sources]]\nname = "a"\nurl = "http://example.com/news/"\n'
    )
    path.write_text(text, encoding="utf-8")
    done = newswatch(path, "sources", "disable", "a")
    assert done.returncode == 2 and "edit the file by hand" in done.stderr
    assert path.read_text(encoding="utf-8") == text


def test_file_mode_is_kept_and_no_temporary_file_is_left(config_copy: Path) -> None:
    config_copy.chmod(0o640)
    assert newswatch(config_copy, "sources", "disable", "hp-gov-en").returncode == 0
    assert config_copy.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in config_copy.parent.iterdir()) == ["config.toml"]


# ---------------------------------------------------------------- sources test / add with a check


class BareSite:
    """A site with the faults `sources test` must warn about: no charset, no dates, a stub page."""

    LIST = (
        '<html><head><title>通知公告</title></head><body><ul class="list">'
        '<li><a href="/tzgg/content_501.html">关于开展生物医药产业园区企业走访调研活动的通知</a></li>'
        '<li><a href="/tzgg/content_502.html">关于公布第二批区级中试平台认定名单的公示</a></li>'
        "</ul></body></html>"
    )
    LONG = (
        "<html><head><title>关于开展生物医药产业园区企业走访调研活动的通知</title></head><body>"
        '<h1>关于开展生物医药产业园区企业走访调研活动的通知</h1><div class="text">'
        "<p>为进一步了解园区生物医药企业在研发、生产和注册申报中遇到的实际困难，区产业服务中心决定于本月下旬"
        "组织开展企业走访调研活动，请各园区运营单位提前做好企业名单梳理和座谈安排。</p>"
        "<p>调研将重点了解企业用地用房、中试平台使用、人才住房保障和融资需求等情况，形成问题清单后分类交办，"
        "并在一个月内向企业反馈办理结果。</p></div></body></html>"
    )
    STUB = "<html><head><title>关于公布第二批区级中试平台认定名单的公示</title></head><body><p>详见附件。</p></body></html>"

    def __init__(self) -> None:
        pages = {"/tzgg/": self.LIST, "/tzgg/content_501.html": self.LONG, "/tzgg/content_502.html": self.STUB}

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                page = pages.get(self.path)
                body = page.encode("gb18030") if page else b"not found"
                self.send_response(200 if page else 404)
                self.send_header("Content-Type", "text/html")  # no charset, and none in the page
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def sites() -> Iterator[dict]:
    with serve_sites(["hpgov", "media"], slow_seconds=0.2) as running:
        yield running


def test_source_test_shows_links_and_articles_and_stores_nothing(config_copy: Path, sites: dict) -> None:
    hpgov = sites["hpgov"].url
    config_copy.write_text(
        config_copy.read_text(encoding="utf-8").replace("https://www.hp.gov.cn/xwzx/qndt/", f"{hpgov}/xwzx/qndt/"),
        encoding="utf-8",
    )
    done = newswatch(config_copy, "sources", "test", "hp-gov-news")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "kind: list" in out and "encoding: gb18030" in out
    count = int(out.split("article links on the first page: ", 1)[1].split("\n", 1)[0])
    assert count >= 10
    assert out.count(f"  {hpgov}/") == 10  # the first ten links
    assert re.findall(r"^article (\d): ", out, re.M) == ["1", "2", "3"]
    assert "title: 区内企业1类创新药诺沙替尼片获批上市" in out and "date:  2025-11-21T09:45:00+08:00" in out
    body = out.split("body:  ", 1)[1].split("\n", 1)[0]
    assert body.startswith("近日，国家药品监督管理局批准") and len(body.split("… (")[0]) == 200
    assert "no warnings" in out
    assert not (config_copy.parent / "newswatch.db").exists()


def test_source_test_reads_a_feed_a_page_advertises(config_copy: Path, sites: dict) -> None:
    done = newswatch(config_copy, "sources", "test", sites["media"].url + "/")
    assert done.returncode == 0, done.stderr
    assert f"kind: feed (advertised by the page: {sites['media'].url}/rss.xml)" in done.stdout


def test_source_test_warns_about_what_will_go_wrong(config_copy: Path) -> None:
    bare = BareSite()
    try:
        done = newswatch(config_copy, "sources", "test", bare.url + "/tzgg/", "--link-selector", "ul.list a")
    finally:
        bare.close()
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith("warning: ")]
    assert any("encoding guessed" in w and "gb18030" in w for w in warnings), done.stdout
    assert any("no dates found" in w for w in warnings), done.stdout
    assert any("bodies too short: 1 of 2 articles" in w for w in warnings), done.stdout
    assert "title: 关于开展生物医药产业园区企业走访调研活动的通知" in done.stdout


def test_source_test_warns_when_a_list_shows_no_links_or_robots_forbid_it(config_copy: Path, sites: dict) -> None:
    site = sites["hpgov"]
    site.set_variant("maintenance")
    try:
        empty = newswatch(config_copy, "sources", "test", f"{site.url}/xwzx/qndt/")
    finally:
        site.set_variant(None)
    assert empty.returncode == 1
    assert "article links on the first page: 0" in empty.stdout
    assert "warning: no article links found on the first page" in empty.stdout
    forbidden = newswatch(config_copy, "sources", "test", f"{site.url}/private/nbzl_20251010.html")
    assert forbidden.returncode == 1
    assert "warning: robots.txt disallows" in forbidden.stdout
    assert not any("/private/" in path for path in site.requests.snapshot())


def test_add_checks_the_source_first(config_copy: Path, sites: dict) -> None:
    before = config_copy.read_bytes()
    refused = newswatch(config_copy, "sources", "add", "http://127.0.0.1:9/news/", "--name", "unreachable")
    assert refused.returncode == 1
    assert "not added" in refused.stderr and "--no-check" in refused.stderr
    assert config_copy.read_bytes() == before
    added = newswatch(
        config_copy, "sources", "add", f"{sites['hpgov'].url}/xwzx/qndt/", "--name", "hp-fixture", "--kind", "list"
    )
    assert added.returncode == 0, added.stderr
    assert "article links on the first page:" in added.stdout and "added source 'hp-fixture'" in added.stdout
    assert configuration.load(config_copy).source("hp-fixture").kind == "list"


# ---------------------------------------------------------------- sources test reads as the crawl reads


class Site:
    """A loopback site of fixed answers (path -> (status, headers, body)) that records what was asked."""

    def __init__(self, pages: dict[str, tuple[int, dict[str, str], str]]) -> None:
        self.pages = pages
        self.seen: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                site.seen.append(self.path)
                status, headers, body = site.pages.get(self.path, (404, {}, "not found"))
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "text/html; charset=utf-8"))
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    if key != "Content-Type":
                        self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site_factory() -> Iterator[Callable[[dict[str, tuple[int, dict[str, str], str]]], Site]]:
    started: list[Site] = []

    def start(pages: dict[str, tuple[int, dict[str, str], str]]) -> Site:
        started.append(Site(pages))
        return started[-1]

    yield start
    for site in started:
        site.close()


XML = {"Content-Type": "application/xml"}
ARTICLE = (
    '<html><head><meta charset="utf-8"><title>{n}号生物医药项目签约</title></head><body><h1>{n}号生物医药项目签约'
    '</h1><div class="info">发布时间：2025-11-18 10:30</div><div class="content"><p>'
    + "十八日上午，区内生物医药项目集中签约，计划总投资约六十五亿元，涵盖抗体药物与医疗器械。" * 3
    + "</p></div></body></html>"
)


def urlset(paths: list[str]) -> str:
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{p}</loc><lastmod>2025-11-{10 + i}</lastmod></url>" for i, p in enumerate(paths))
        + "</urlset>"
    )


def articles(paths: list[str]) -> dict[str, tuple[int, dict[str, str], str]]:
    return {p: (200, {}, ARTICLE.format(n=p.rsplit("_", 1)[1].split(".")[0])) for p in paths}


def crawl_config(tmp_path: Path, url: str, kind: str = "auto") -> Path:
    path = tmp_path / "crawl.toml"
    path.write_text(
        f'[storage]\ndatabase = "news.db"\n[crawl]\ndownload_delay = 0\ntimeout = 20\nretries = 0\n\n'
        f'[[sources]]\nname = "site"\nurl = "{url}"\nkind = "{kind}"\n\n'
        '[[watches]]\nname = "biomed"\nkeywords = ["生物医药"]\n',
        encoding="utf-8",
    )
    return path


def listed(out: str) -> list[str]:
    return re.findall(r"^  (http\S+)", out, re.MULTILINE)


def test_source_test_reads_several_children_of_a_sitemap_index(
    config_copy: Path, site_factory: Callable[..., Site]
) -> None:
    children = {
        name: [f"/{name}/content/post_{i}{j}.html" for j in range(2)] for i, name in enumerate(["a", "b", "c"], 1)
    }
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(
            f"<sitemap><loc>/sm/{name}.xml</loc><lastmod>2025-11-2{i}</lastmod></sitemap>"
            for i, name in enumerate(children)
        )
        + "</sitemapindex>"
    )
    pages = {"/sitemap.xml": (200, XML, index)}
    for name, paths in children.items():
        pages[f"/sm/{name}.xml"] = (200, XML, urlset(paths))
        pages.update(articles(paths))
    site = site_factory(pages)
    done = newswatch(config_copy, "sources", "test", f"{site.url}/sitemap.xml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "kind: sitemap (sitemap index; showing its 3 newest sitemaps)" in done.stdout
    found = listed(done.stdout)
    assert sorted(found) == sorted(site.url + p for paths in children.values() for p in paths)
    assert {"/sm/a.xml", "/sm/b.xml", "/sm/c.xml"} <= set(site.seen)


def test_source_test_follows_the_sitemaps_robots_txt_names_as_the_crawl_does(
    config_copy: Path, tmp_path: Path, site_factory: Callable[..., Site]
) -> None:
    paths = [f"/news/content/post_{i}.html" for i in range(3)]
    site = site_factory({})
    site.pages.update(
        {
            "/robots.txt": (
                200,
                {"Content-Type": "text/plain"},
                f"User-agent: *\nDisallow: /private/\nSitemap: {site.url}/news-sitemap.xml\n",
            ),
            "/news-sitemap.xml": (200, XML, urlset(paths)),
            **articles(paths),
        }
    )
    done = newswatch(config_copy, "sources", "test", f"{site.url}/robots.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "kind: sitemap (robots.txt names 1 sitemap(s) on the site)" in done.stdout
    probed = sorted(listed(done.stdout))
    assert probed == sorted(site.url + p for p in paths)
    site.seen.clear()
    crawl = newswatch(crawl_config(tmp_path, f"{site.url}/robots.txt"), "crawl")
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert sorted(site.url + p for p in site.seen if "/content/" in p) == probed


def test_source_test_refuses_a_redirect_to_a_private_address_as_the_crawl_does(
    config_copy: Path, tmp_path: Path, site_factory: Callable[..., Site]
) -> None:
    elsewhere = site_factory({"/news/": (200, {}, BareSite.LIST)})
    home = site_factory({"/news/": (302, {"Location": f"{elsewhere.url}/news/"}, "")})
    config_copy.write_text(
        config_copy.read_text(encoding="utf-8").replace("https://www.hp.gov.cn/xwzx/qndt/", f"{home.url}/news/"),
        encoding="utf-8",
    )
    done = newswatch(config_copy, "sources", "test", "hp-gov-news")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    crawl = newswatch(crawl_config(tmp_path, f"{home.url}/news/", "list"), "crawl")
    assert elsewhere.seen == []
    conn = sqlite3.connect(tmp_path / "news.db")
    try:
        reason = conn.execute("select reason from failures where url = ?", (f"{home.url}/news/",)).fetchone()[0]
    finally:
        conn.close()
    assert reason == "blocked: 127.0.0.1 is a private address", crawl.stderr[-2000:]
    assert lines[0].endswith(f"source test failed: cannot fetch {home.url}/news/: {reason}")
