"""Security: secrets stay secret, the crawler goes only where it may, hostile text stays text.

Real crawls of loopback sites and real receivers; the address guard is also checked on its own
with Scrapy requests built in-process.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.middlewares import AddressGuardMiddleware
from demo.serve import serve_sites
from tests.support import cli
from tests.support.config import FAST_CRAWL
from tests.support.pages import PageServer
from tests.support.receivers import (
    DINGTALK_SECRET,
    DINGTALK_TOKEN,
    FEISHU_SECRET,
    FEISHU_TOKEN,
    WECOM_KEY,
    HttpReceivers,
    SmtpReceiver,
)

# Secrets with characters that URL quoting and JSON escaping change, so a leak in any form shows.
SECRETS = {
    "NW_HOOK_SECRET": "hook-Secret+/=9f3a",
    "NW_HOOK_TOKEN": "tok|en^Q7~x",
    "NW_SMTP_USER": "alerts-user-51c2",
    "NW_SMTP_PASSWORD": 'p@ss:w0rd/"quoted"',
    "NW_BAD_PASSWORD": "wrong-pass-8e1d",
    "NW_DEAD_TOKEN": "dead-token-0b7c",
    "NW_FEED_KEY": "feed-key-66aa",
    "NW_DT_TOKEN": DINGTALK_TOKEN,
    "NW_DT_SECRET": DINGTALK_SECRET,
    "NW_WECOM_KEY": WECOM_KEY,
    "NW_FS_TOKEN": FEISHU_TOKEN,
    "NW_FS_SECRET": FEISHU_SECRET,
}
WATCH = {"name": "biomed", "title": "生物医药", "keywords": ["生物医药", "创新药", "医疗器械"]}


def newswatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line with every secret in its environment."""
    return cli.newswatch(config, *args, env=SECRETS)


def leaks(text: str) -> list[str]:
    """The secrets (or their URL- or JSON-quoted forms) that appear in ``text``."""
    from urllib.parse import quote, quote_plus

    found = []
    for name, value in SECRETS.items():
        forms = {value, quote(value, safe=""), quote_plus(value), quote(value), json.dumps(value)[1:-1]}
        if any(form in text for form in forms):
            found.append(name)
    return found


# ---------------------------------------------------------------- secrets


def _secret_channels(http: HttpReceivers, smtp: SmtpReceiver) -> str:
    return f"""
[[channels]]
name = "hook"
kind = "webhook"
url = "{http.webhook_url}?token=${{NW_HOOK_TOKEN}}"
secret = "${{NW_HOOK_SECRET}}"
operator = true

[[channels]]
name = "mail"
kind = "email"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
security = "none"
username = "${{NW_SMTP_USER}}"
password = "${{NW_SMTP_PASSWORD}}"
from = "alerts@newswatch.example"
to = ["team@example.com"]

[[channels]]
name = "mail-wrong-login"
kind = "email"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
security = "none"
username = "${{NW_SMTP_USER}}"
password = "${{NW_BAD_PASSWORD}}"
from = "alerts@newswatch.example"
to = ["team@example.com"]

[[channels]]
name = "dead-hook"
kind = "webhook"
url = "http://127.0.0.1:9/hook?token=${{NW_DEAD_TOKEN}}"

[[channels]]
name = "ding"
kind = "dingtalk"
url = "http://127.0.0.1:{http.port}/robot/send?access_token=${{NW_DT_TOKEN}}"
secret = "${{NW_DT_SECRET}}"

[[channels]]
name = "wecom"
kind = "wecom"
url = "http://127.0.0.1:{http.port}/cgi-bin/webhook/send?key=${{NW_WECOM_KEY}}"

[[channels]]
name = "feishu"
kind = "feishu"
url = "http://127.0.0.1:{http.port}/open-apis/bot/v2/hook/${{NW_FS_TOKEN}}"
secret = "${{NW_FS_SECRET}}"
"""


@pytest.mark.slow
def test_secrets_never_reach_logs_errors_output_or_the_database(
    tmp_path: Path, config_file: Callable[..., Path]
) -> None:
    outputs: dict[str, str] = {}
    with (
        serve_sites(["hpgov"], slow_seconds=0.1) as sites,
        HttpReceivers(SECRETS["NW_HOOK_SECRET"]) as http,
        SmtpReceiver(login=(SECRETS["NW_SMTP_USER"], SECRETS["NW_SMTP_PASSWORD"])) as smtp,
    ):
        config = config_file(
            crawl=FAST_CRAWL,
            sources=[
                ("hp", f"{sites['hpgov'].url}/xwzx/qndt/index.html?key=${{NW_FEED_KEY}}", "list"),
                ("gone", f"{sites['hpgov'].url}/gone/?key=${{NW_FEED_KEY}}", "list"),
            ],
            watches=[WATCH],
            extra=_secret_channels(http, smtp),
        )
        run = newswatch(config, "-vv", "run")
        outputs["run -vv"] = run.stdout + run.stderr
        for fmt in ("text", "markdown", "html", "json"):
            dry = newswatch(config, "-vv", "digest", "--dry-run", "--format", fmt)
            outputs[f"digest --dry-run {fmt}"] = dry.stdout + dry.stderr
        for args in (
            ("digest",),
            ("status",),
            ("status", "--json"),
            ("sources", "list"),
            ("sources", "list", "--json"),
            ("events", "--json"),
            ("articles", "--json"),
            ("sources", "test", "gone"),
            ("sources", "test", "hp"),
        ):
            done = newswatch(config, "-vv", *args)
            outputs[" ".join(args)] = done.stdout + done.stderr
        feed_requests = [p for p in sites["hpgov"].requests if SECRETS["NW_FEED_KEY"] in p]
    # The secrets were used where they belong ...
    assert http["webhook"].accepted and http["dingtalk"].accepted and http["wecom"].accepted
    assert http["feishu"].accepted and smtp.mails and feed_requests
    assert all(r.query.get("token") == SECRETS["NW_HOOK_TOKEN"] for r in http["webhook"].requests)
    # ... the failing channels failed, with errors that were printed and stored ...
    assert "mail-wrong-login (email): failed" in outputs["run -vv"]
    assert "dead-hook (webhook): failed" in outputs["run -vv"]
    assert "waiting" in outputs["digest"]
    # ... and not one of them shows anywhere.
    conn = sqlite3.connect(tmp_path / "news.db")
    try:
        outputs["database"] = "\n".join(conn.iterdump())
        errors = [r[0] for r in conn.execute("select last_error from deliveries where last_error is not null")]
    finally:
        conn.close()
    assert errors
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "config.toml" and not path.name.startswith("news.db"):
            outputs[str(path.relative_to(tmp_path))] = path.read_text(encoding="utf-8", errors="replace")
    found = {where: leaks(text) for where, text in outputs.items() if leaks(text)}
    assert found == {}
    # -vv logs an expected failure's cause with its traceback (README, exit status); nothing else does.
    unexpected = [w for w, text in outputs.items() if text.count("Traceback") > text.count("the error's cause")]
    assert unexpected == []


# ---------------------------------------------------------------- where the crawler may go


def _guard(configured: list[str]) -> AddressGuardMiddleware:
    from crawler.urls import netloc_of

    # A stand-in Crawler: the guard reads only crawler.spider.private_ok.
    crawler = SimpleNamespace(spider=SimpleNamespace(private_ok=frozenset(netloc_of(u) for u in configured)))
    return AddressGuardMiddleware(crawler)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/admin",
        "http://127.0.0.1:8080/",
        "http://127.0.0.2/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://224.0.0.1/",
        "file:///etc/passwd",
        "ftp://10.0.0.1/x",
        "gopher://127.0.0.1:6379/_INFO",
        "data:text/html,<b>x</b>",
    ],
)
def test_the_address_guard_refuses_private_and_non_http_targets(url: str) -> None:
    guard = _guard(["http://127.0.0.1:5000/news/", "https://www.hp.gov.cn/"])
    with pytest.raises(IgnoreRequest, match="blocked"):
        asyncio.run(guard.process_request(Request(url)))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5000/news/content/1.html",
        "http://127.0.0.1:5000/robots.txt",
        "http://8.8.8.8/x",
        "https://[2001:4860:4860::8888]/x",
    ],
)
def test_the_address_guard_lets_configured_private_sources_and_public_addresses_through(url: str) -> None:
    assert asyncio.run(_guard(["http://127.0.0.1:5000/news/"]).process_request(Request(url))) is None


def test_the_browser_proxy_refuses_what_the_guard_refuses_and_carries_the_rest() -> None:
    """Chromium connects only through crawler/browser_proxy.py: every connection, an HTTP
    redirect's included, is checked by the crawl's own rule first."""
    from crawler.browser import aborter
    from crawler.browser_proxy import GuardProxy

    async def site(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        body = head.split("\r\n")[0] + ("; close" if "Connection: close" in head else "")
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n{body}".encode())
        await writer.drain()
        writer.close()

    async def ask(proxy: str, head: str, then: str = "") -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", int(proxy.rsplit(":", 1)[1]))
        writer.write(head.encode())
        if then:
            assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 200")
            writer.write(then.encode())
        answer = (await reader.read()).decode()
        writer.close()
        return answer

    async def check() -> None:
        server = await asyncio.start_server(site, "127.0.0.1", 0)
        here = f"127.0.0.1:{server.sockets[0].getsockname()[1]}"
        guard = aborter([here]).guard  # type: ignore[attr-defined]
        proxy = GuardProxy(guard.refusal, guard.addresses.get)
        address = await proxy.start()
        try:
            plain = await ask(address, f"GET http://{here}/news/?p=2 HTTP/1.1\r\nHost: {here}\r\n\r\n")
            assert plain.endswith("GET /news/?p=2 HTTP/1.1; close")  # origin form, one request a connection
            get = f"GET /news/ HTTP/1.1\r\nHost: {here}\r\n\r\n"
            tunnelled = await ask(address, f"CONNECT {here} HTTP/1.1\r\n\r\n", then=get)
            assert tunnelled.endswith("GET /news/ HTTP/1.1")  # carried as it was
            for target in ("169.254.169.254:80", "10.0.0.1:443", "127.0.0.1:9"):
                refused = await ask(address, f"CONNECT {target} HTTP/1.1\r\n\r\n")
                assert refused.startswith("HTTP/1.1 403") and "is a private address" in refused, refused
            refused = await ask(address, "GET http://[::1]:8080/ HTTP/1.1\r\nHost: x\r\n\r\n")
            assert refused.startswith("HTTP/1.1 403") and "X-Newswatch-Refused: blocked" in refused
        finally:
            await proxy.close()
            server.close()

    asyncio.run(check())


def _article(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<div class="article"><h1>{title}</h1><div class="info">发布时间：2025-11-18 10:30</div>'
        f'<div class="content">{body}</div></div></body></html>'
    )


BODY = "<p>" + "十八日上午，区内十一个生物医药项目集中签约，计划总投资约六十五亿元，涵盖抗体药物。" * 3 + "</p>"


@pytest.mark.slow
def test_off_site_private_and_robots_disallowed_links_are_never_requested(
    tmp_path: Path, config_file: Callable[..., Path]
) -> None:
    """A configured loopback site links and redirects everywhere it must not lead the crawler."""
    with PageServer({"/x/content/post_9.html": (200, {}, _article("不该抓取的页面", BODY))}) as other_site:
        other = other_site.url
        links = [
            "/news/content/post_1.html",
            "/private/content/post_2.html",
            f"{other}/x/content/post_9.html",
            "/news/content/post_3.html",
            "/news/content/post_4.html",
            "/news/content/post_5.html",
            "http://10.1.2.3/news/content/post_6.html",
        ]
        items = "".join(
            f'<li><a href="{href}">区内生物医药企业集中签约第{i}批</a><span>2025-11-1{i}</span></li>'
            for i, href in enumerate(links)
        )
        pages = {
            "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nDisallow: /private/\n"),
            "/news/": (200, {}, f'<html><body><ul class="list">{items}</ul></body></html>'),
            "/news/content/post_1.html": (200, {}, _article("区内生物医药企业集中签约", BODY)),
            "/private/content/post_2.html": (200, {}, _article("内部文件", BODY)),
            "/news/content/post_3.html": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, ""),
            "/news/content/post_4.html": (301, {"Location": f"{other}/x/content/post_9.html"}, ""),
            "/news/content/post_5.html": (
                200,
                {},
                f'<html><head><meta http-equiv="refresh" content="0; url={other}/x/content/post_9.html"></head></html>',
            ),
        }
        with PageServer(pages) as home_site:
            home = home_site.url
            config = config_file(
                crawl={**FAST_CRAWL, "timeout": 20}, sources=[("home", f"{home}/news/", "list")], watches=[WATCH]
            )
            crawl = newswatch(config, "crawl")
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert other_site.seen == []
    assert not [p for p in home_site.seen if p.startswith("/private/")]
    conn = sqlite3.connect(tmp_path / "news.db")
    try:
        failures = dict(conn.execute("select url, reason from failures").fetchall())
        stored = [r[0] for r in conn.execute("select url from articles")]
    finally:
        conn.close()
    assert stored == [f"{home}/news/content/post_1.html"]
    assert failures[f"{home}/private/content/post_2.html"] == "disallowed by robots.txt"
    # Refused before any connection: an attempt at 169.254.169.254 would end in the 20 s timeout.
    assert failures[f"{home}/news/content/post_3.html"].startswith("blocked: 169.254.169.254 is a private address")
    assert failures[f"{home}/news/content/post_4.html"].startswith("blocked: 127.0.0.1 is a private address")
    assert failures[f"{home}/news/content/post_5.html"].startswith("blocked: 127.0.0.1 is a private address")
    assert "http://10.1.2.3/news/content/post_6.html" not in failures  # off-site: never even tried


# ---------------------------------------------------------------- hostile text


HOSTILE_TITLE = (
    "生物医药<script>alert('t')</script>[点我领补贴](javascript:alert(1))**加急**<img src=x onerror=alert(2)>"
)
HOSTILE_BODY = (
    "<p>" + "十八日，区内生物医药项目集中签约，总投资约六十五亿元。" * 2 + "</p>"
    "<p>详情 &lt;script&gt;alert(3)&lt;/script&gt; 见 [官网](javascript:alert(4)) 与 "
    "&lt;a href=&quot;http://evil.example/&quot;&gt;链接&lt;/a&gt; # 标题 | 表格 | `代码` ~~删~~ "
    "&lt;iframe src=//evil.example&gt;。生物医药产业持续发展，医疗器械企业加快集聚。</p>"
)


@pytest.mark.slow
def test_html_and_markdown_in_crawled_titles_and_bodies_render_as_text_in_every_format(
    tmp_path: Path, config_file: Callable[..., Path]
) -> None:
    import html as html_module

    pages = {
        "/news/": (
            200,
            {},
            '<html><body><ul class="list"><li><a href="/news/content/post_7.html">'
            "生物医药项目集中签约</a><span>2025-11-18</span></li></ul></body></html>",
        ),
        "/news/content/post_7.html": (200, {}, _article(html_module.escape(HOSTILE_TITLE), HOSTILE_BODY)),
    }
    with (
        PageServer(pages) as home_site,
        HttpReceivers(SECRETS["NW_HOOK_SECRET"]) as http,
        SmtpReceiver(login=(SECRETS["NW_SMTP_USER"], SECRETS["NW_SMTP_PASSWORD"])) as smtp,
    ):
        home = home_site.url
        config = config_file(
            crawl={"download_delay": 0, "retries": 0},
            sources=[("home", f"{home}/news/", "list")],
            watches=[WATCH],
            extra=_secret_channels(http, smtp),
        )
        crawl = newswatch(config, "run")
        previews = {
            fmt: newswatch(config, "digest", "--dry-run", "--channel", "dead-hook", "--format", fmt)
            for fmt in ("text", "markdown", "html", "json")
        }
        received = {
            "webhook": http["webhook"].accepted[0].json,
            "dingtalk": http["dingtalk"].accepted[0].json,
            "wecom": http["wecom"].accepted[0].json,
            "feishu": http["feishu"].accepted[0].json,
            "mail": smtp.mails[0],
        }
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    title = received["webhook"]["events"][0]["title"]
    assert "<script>" in title and "](javascript:" in title  # the payload survived extraction, as data
    assert json.loads(_json_part(previews["json"].stdout))["events"][0]["title"] == title
    assert "alert('t')" in previews["text"].stdout

    for html_text in (previews["html"].stdout, received["mail"].html):
        page = lxml_html.fromstring(html_text)
        _assert_inert_html(page, home)
        assert "<script>alert('t')</script>" in page.text_content()  # shown, as text
    assert "<script>alert('t')</script>" in received["mail"].text

    for markdown in (
        previews["markdown"].stdout,
        received["dingtalk"]["markdown"]["text"],
        received["wecom"]["markdown"]["content"],
        json.dumps(received["feishu"]["card"], ensure_ascii=False),
    ):
        rendered = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"]).render(markdown)
        _assert_inert_html(lxml_html.fromstring(f"<div>{rendered}</div>"), home)


def _json_part(output: str) -> str:
    return output[output.index("{") : output.rindex("}") + 1]


def _assert_inert_html(root: Any, site: str) -> None:
    """No element that runs code, no link but to the crawled site, no markup made of the payload."""
    assert root.xpath("//script | //iframe | //img | //*[@onerror] | //*[@onclick]") == []
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    assert hrefs and all(h.startswith(site + "/") for h in hrefs), hrefs
    # Markup the payload would make if it were read as markup: **加急**, `代码`, ~~删~~, [官网](…), # 标题.
    made = " or ".join(
        f'normalize-space(.) = "{words}"' for words in ("加急", "代码", "删", "官网", "点我领补贴", "标题")
    )
    assert root.xpath(f"//*[{made}]") == []
