"""A district portal behind an anti-bot challenge, as the tests' own server on 127.0.0.1.

Every page asked without the clearance cookie answers with a challenge: HTTP 412 and a ``$_ts``
script (瑞数-style) or HTTP 521 and a ``__jsl_clearance`` script (加速乐-style), which sets the
cookie and reloads. With the cookie, an ordinary news list and its articles (our own text). The
``stubborn`` site never clears. Each request is logged with whether a browser asked for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

# fmt: off
TOPICS = [
    ("生物医药产业园二期主体结构封顶", "园区二期项目主体结构顺利封顶，新增标准厂房4.2万平方米，预计明年上半年交付。"),
    ("区政府与三家医疗器械企业签约", "三家医疗器械企业与区政府签订投资协议，计划总投资12亿元，建设研发和生产基地。"),
    ("细胞治疗中试平台投入使用", "细胞治疗中试平台正式投入使用，可为区内企业提供工艺开发和小批量生产服务。"),
    ("生物医药产业基金完成首期募集", "区属国企发起的生物医药产业基金完成首期募集，规模10亿元，重点投向创新药项目。"),
    ("区内企业两款创新药获批临床", "区内一家创新药企业的两款抗体药物获得临床试验默示许可，将于年内启动一期试验。"),
    ("医学检验实验室落户科技园", "一家第三方医学检验实验室落户科技园，首期投资8000万元，年检测能力超过百万例。"),
    ("出台支持生物医药发展若干措施", "区政府印发支持生物医药产业高质量发展的若干措施，对新药研发给予最高3000万元奖励。"),
    ("合成生物创新中心揭牌运营", "合成生物创新中心揭牌运营，首批入驻团队11个，聚焦生物制造和绿色化工。"),
]
# fmt: on
CLEAR = {"412": "nwclear", "521": "__jsl_clearance"}


def _challenge(style: str) -> bytes:
    name = CLEAR[style]
    marker = "var $_ts = window['$_ts'] || {};" if style == "412" else "var _jsl = 1;"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
        f"{marker} document.cookie = '{name}=passed-7f3a; path=/';"
        "setTimeout(function () { location.reload(); }, 50);"
        "</script></head><body></body></html>"
    ).encode()


def _list() -> bytes:
    items = "".join(
        f'<li><a href="/news/{i}.html">{title}</a><span>2025-11-{10 + i:02d}</span></li>'
        for i, (title, _) in enumerate(TOPICS, 1)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>区内动态</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><h2>区内动态</h2><ul class='news'>{items}</ul>"
        "</body></html>"
    ).encode()


def _article(i: int) -> bytes:
    title, lead = TOPICS[i - 1]
    more = (
        "项目负责人介绍，相关工作已纳入全区年度重点项目清单，区有关部门将做好要素保障和跟踪服务。"
        "下一步，园区将继续完善公共技术平台，吸引更多上下游企业集聚发展。"
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><div class='article'><h1>{title}</h1>"
        f"<div class='info'>发布时间：2025-11-{10 + i:02d} 09:30 来源：区融媒体中心</div>"
        f"<div class='content'><p>{lead}</p><p>{more}</p><p>{more}</p></div></div></body></html>"
    ).encode()


@dataclass
class Hit:
    path: str
    browser: bool
    cleared: bool


@dataclass
class GuardedSite:
    """``style``: "412" or "521"; ``stubborn``: the challenge never clears."""

    style: str = "412"
    stubborn: bool = False
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                cookie = self.headers.get("Cookie") or ""
                cleared = f"{CLEAR[site.style]}=passed-7f3a" in cookie and not site.stubborn
                browser = self.headers.get("Sec-Fetch-Mode") is not None  # Chromium sends it; Scrapy does not
                site.hits.append(Hit(self.path, browser, cleared))
                if self.path == "/robots.txt":
                    self._send(404, b"not found", "text/plain")
                elif not cleared:
                    self._send(int(site.style), _challenge(site.style), "text/html; charset=utf-8")
                elif self.path in ("/news/", "/news/index.html"):
                    self._send(200, _list(), "text/html; charset=utf-8")
                elif (
                    self.path.startswith("/news/") and self.path.removeprefix("/news/").removesuffix(".html").isdigit()
                ):
                    i = int(self.path.removeprefix("/news/").removesuffix(".html"))
                    if 1 <= i <= len(TOPICS):
                        self._send(200, _article(i), "text/html; charset=utf-8")
                    else:
                        self._send(404, b"not found", "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> GuardedSite:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()

    def browser_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.browser]
