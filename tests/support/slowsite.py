"""A small news site on 127.0.0.1 whose article pages answer slowly, for scheduler and lock tests.

Every request for the list page names fresh article URLs, so every crawl fetches an article and
lasts at least ``hold`` seconds (or until ``release`` is set). The site counts how many article
requests are in flight at once: more than one means two crawls overlapped.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.support.config import write_config as write_toml
from tests.support.receivers import WEBHOOK_SECRET

NEVER = "0 0 1 1 *"  # once a year: a job that stays out of the way

ARTICLE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_测试区人民政府</title></head>
<body><div class="article"><h1>{title}</h1>
<div class="info">发布时间：2025-11-{day:02d} 09:30　来源：区投资促进局</div>
<div class="content">
<p>{day}日上午，测试区生物医药产业推进会在区政务中心召开，区相关部门负责人与二十余家企业代表参加会议，
围绕创新药研发、医疗器械注册和产业园区配套服务逐项交流意见。</p>
<p>会议介绍，今年以来全区新引进生物医药项目十二个，计划总投资约四十六亿元，其中三个项目已经开工建设。
下一步将加快公共技术平台建设，为入园企业提供中试、检测和注册申报等一站式服务。</p>
<p>与会企业表示，将继续扩大在区内的研发投入，推动更多产品进入临床试验阶段。</p>
</div></div></body></html>
"""

LIST = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>区内动态_测试区人民政府</title></head>
<body><div class="nav"><a href="/">首页</a></div>
<ul class="news">{items}</ul>
</body></html>
"""


class SlowSite:
    """``with SlowSite(hold=3) as site:`` serves ``site.url + "/news/"``."""

    def __init__(self, hold: float = 3.0) -> None:
        self.hold = hold
        self.release = threading.Event()  # set: article pages answer at once
        self.article_started = threading.Event()
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.articles_served = 0
        self.list_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SlowSite:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def list_page(self) -> bytes:
        with self.lock:
            self.list_requests += 1
            number = self.list_requests
        item = (
            f'<li><a href="/news/t2025111{number % 10}_{number:06d}.html">'
            f"测试区生物医药产业推进会第{number}次会议召开</a><span>2025-11-{number % 28 + 1:02d}</span></li>"
        )
        return LIST.format(items=item).encode("utf-8")

    def article_page(self, path: str) -> bytes:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        self.article_started.set()
        try:
            self.release.wait(self.hold)
        finally:
            with self.lock:
                self.active -= 1
                self.articles_served += 1
        number = int(path.rsplit("_", 1)[-1].split(".")[0])
        title = f"测试区生物医药产业推进会第{number}次会议召开"
        return ARTICLE.format(title=title, day=number % 28 + 1).encode("utf-8")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/news/":
                    self._send(200, site.list_page())
                elif path.startswith("/news/t") and path.endswith(".html"):
                    self._send(200, site.article_page(path))
                else:
                    self._send(404, b"<html><body>404</body></html>")

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def write_config(
    folder: Path,
    *,
    site: str,
    crawl: str = NEVER,
    digest: str = NEVER,
    hook: str | None = None,
    grace: int = 21600,
    time_limit: int = 300,
) -> Path:
    """A config.toml crawling this site, with a digest webhook if given, and a [schedule]."""
    channels = (
        [{"name": "team-hook", "kind": "webhook", "url": hook, "secret": WEBHOOK_SECRET, "send_empty": True}]
        if hook
        else []
    )
    return write_toml(
        folder,
        database=None,
        crawl={"download_delay": 0, "timeout": 90, "retries": 0, "workers": 1},
        sources=[{"name": "slow-news", "url": f"{site}/news/", "kind": "list", "link_selector": "ul.news a"}],
        watches=[{"name": "biomed", "keywords": ["生物医药"]}],
        channels=channels,
        schedule={
            "timezone": "Asia/Shanghai",
            "crawl": crawl,
            "digest": digest,
            "grace": grace,
            "crawl_time_limit": time_limit,
        },
    )
