"""A district portal behind an anti-bot challenge, as the tests' own server on 127.0.0.1.

Every page asked without the clearance cookie answers with a challenge: HTTP 412 and a ``$_ts``
script (瑞数-style) or HTTP 521 and a ``__jsl_clearance`` script (加速乐-style), which sets the
cookie and reloads. With the cookie, an ordinary news list and its articles (our own text), on
one list page or ``per_page`` to a page. Each request is logged with whether a browser asked for it.

``behaviour`` makes it bad input for the browser: ``stubborn`` never clears; ``hangs`` clears
but its list never finishes loading (the answer stops half-way and the connection stays open);
``popups`` opens popups from the challenge and the list; ``sends-away`` sends the page to
``away`` by script instead of reloading; ``redirects-away`` answers the list with an HTTP 302
to ``away``, whatever the cookie.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
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
POPUPS = "window.open('/news/popup.html'); window.open('about:blank');"


def title(i: int) -> str:
    """The headline of article ``i`` (1-based): the topics, numbered from their second round."""
    base = TOPICS[(i - 1) % len(TOPICS)][0]
    return base if i <= len(TOPICS) else f"{base}（第{(i - 1) // len(TOPICS) + 1}批）"


def _day(i: int) -> str:
    return (date(2025, 11, 10) + timedelta(days=i)).isoformat()


def _challenge(style: str, name: str, behaviour: str, away: str) -> bytes:
    marker = "var $_ts = window['$_ts'] || {};" if style == "412" else "var _jsl = 1;"
    then = f"location.href = '{away}';" if behaviour == "sends-away" else "location.reload();"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
        f"{marker} document.cookie = '{name}=passed-7f3a; path=/';"
        + (POPUPS if behaviour == "popups" else "")
        + f"setTimeout(function () {{ {then} }}, 50);"
        "</script></head><body></body></html>"
    ).encode()


def _list(numbers: range, following: str | None, popups: bool) -> bytes:
    items = "".join(f'<li><a href="/news/{i}.html">{title(i)}</a><span>{_day(i)}</span></li>' for i in numbers)
    pager = f"<div class='pager'><a href='{following}'>下一页</a></div>" if following else ""
    script = f"<script>{POPUPS}</script>" if popups else ""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>区内动态</title>{script}</head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><h2>区内动态</h2><ul class='news'>{items}</ul>{pager}"
        "</body></html>"
    ).encode()


def _article(i: int) -> bytes:
    lead = TOPICS[(i - 1) % len(TOPICS)][1]
    more = (
        "项目负责人介绍，相关工作已纳入全区年度重点项目清单，区有关部门将做好要素保障和跟踪服务。"
        "下一步，园区将继续完善公共技术平台，吸引更多上下游企业集聚发展。"
    )
    batch = f"<p>本条为区内动态第{i}号信息，由区融媒体中心编发。</p>" if i > len(TOPICS) else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title(i)}</title></head><body><div class='article'><h1>{title(i)}</h1>"
        f"<div class='info'>发布时间：{_day(i)} 09:30 来源：区融媒体中心</div>"
        f"<div class='content'><p>{lead}</p>{batch}<p>{more}</p><p>{more}</p></div></div></body></html>"
    ).encode()


@dataclass
class Hit:
    path: str
    browser: bool
    cleared: bool


@dataclass
class GuardedSite:
    """``style``: "412" or "521"; ``stubborn``: the challenge never clears (``behaviour`` above)."""

    style: str = "412"
    stubborn: bool = False
    behaviour: str = "clears"
    away: str = "http://169.254.169.254/latest/meta-data/"
    articles: int = len(TOPICS)
    per_page: int = 0  # list items a page; 0: all on the first
    first: int = 1  # the number of the newest article (a later "day" of the site lists newer ones)
    hits: list[Hit] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # set: held answers end

    def list_page(self, path: str) -> bytes | None:
        """The list page at ``path`` (``/news/index.html``, ``/news/index_1.html``, …), None if none."""
        per_page = self.per_page or self.articles
        pages = (self.articles + per_page - 1) // per_page
        name = path.removeprefix("/news/")
        if name in ("", "index.html"):
            n = 0
        elif name.startswith("index_") and name.endswith(".html") and name[6:-5].isdigit():
            n = int(name[6:-5])
        else:
            return None
        if n >= pages:
            return None
        numbers = range(self.first + n * per_page, self.first + min(self.articles, (n + 1) * per_page))
        following = f"/news/index_{n + 1}.html" if n + 1 < pages else None
        return _list(numbers, following, self.behaviour == "popups")

    def __post_init__(self) -> None:
        site = self
        if self.stubborn:
            self.behaviour = "stubborn"

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                cookie = self.headers.get("Cookie") or ""
                cleared = f"{site.cookie}=passed-7f3a" in cookie and site.behaviour != "stubborn"
                browser = self.headers.get("Sec-Fetch-Mode") is not None  # Chromium sends it; Scrapy does not
                site.hits.append(Hit(self.path, browser, cleared))
                listed = site.list_page(self.path) if self.path.startswith("/news/") else None
                if self.path == "/robots.txt":
                    self._send(404, b"not found", "text/plain")
                elif site.behaviour == "redirects-away" and listed:
                    self.send_response(302)
                    self.send_header("Location", site.away)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif not cleared:
                    challenge = _challenge(site.style, site.cookie, site.behaviour, site.away)
                    self._send(int(site.style), challenge, "text/html; charset=utf-8")
                elif listed and site.behaviour == "hangs":
                    self._hold()
                elif listed:
                    self._send(200, listed, "text/html; charset=utf-8")
                elif (
                    self.path.startswith("/news/") and self.path.removeprefix("/news/").removesuffix(".html").isdigit()
                ):
                    i = int(self.path.removeprefix("/news/").removesuffix(".html"))
                    if site.first <= i < site.first + site.articles:
                        self._send(200, _article(i), "text/html; charset=utf-8")
                    else:
                        self._send(404, b"not found", "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")

            def _hold(self) -> None:
                """Half a page, then nothing until the site is shut down: a load that never ends."""
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>区内动态</title>".encode())
                self.wfile.flush()
                site.release.wait(600)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Cookies are kept per host, not per port: each site on 127.0.0.1 names its own.
        self.cookie = f"{CLEAR[self.style]}_{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> GuardedSite:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def browser_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.browser]


class Intranet:
    """A server on another loopback port that no source names, as an intranet host a page may try
    to send the crawler to: a list of links worth stealing, and a log of every request it got."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        intranet = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                intranet.paths.append(self.path)
                links = "".join(f"<li><a href='/admin/{i}.html'>内部通知{i}</a></li>" for i in range(1, 6))
                body = f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul></body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Intranet:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()
