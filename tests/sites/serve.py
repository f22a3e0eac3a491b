"""Serve the fixture websites on 127.0.0.1 so tests and the demo crawl over real HTTP.

Each directory under ``tests/sites/`` that holds a ``site.json`` is one site on its own port.
Besides its static files every site answers the noise routes under ``/noise/`` that a
crawler has to survive (500, redirect chain, slow, oversized, binary, never-ending).
Run ``python -m tests.sites.serve`` to serve them all until SIGINT/SIGTERM.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITES_DIR = Path(__file__).resolve().parent
BIG_PAGE_BYTES = 6_000_000
BUILTIN_VARIANTS = ("down",)
_PLACEHOLDER = re.compile(rb"__BASE(?:_([a-z0-9]+))?__")
_SUBSTITUTED = {".html", ".htm", ".xml", ".txt"}
_UNSERVED_URL = "http://127.0.0.1:9"  # another site that is not running: connection refused
_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml", ".css": "text/css", ".js": "application/javascript",
    ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".ico": "image/x-icon",
}
_FEED_TYPES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml"}


def site_names() -> list[str]:
    """Every fixture site, by directory name; a directory is a site when it has site.json."""
    return sorted(p.parent.name for p in SITES_DIR.glob("*/site.json"))


class RequestLog(list):
    """Request paths (with query) in arrival order; appends come from many handler threads."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def append(self, path: str) -> None:  # type: ignore[override]
        with self._lock:
            super().append(path)

    def snapshot(self) -> list[str]:
        """A copy that later requests do not change."""
        with self._lock:
            return list(self)

    def clear(self) -> None:
        with self._lock:
            super().clear()


class Site:
    """One running fixture site: its name, base URL, request log and current variant."""

    def __init__(self, name: str, root: Path, config: dict, urls: dict[str, str]) -> None:
        self.name = name
        self.root = root
        self.config = config
        self.url = ""
        self.requests = RequestLog()
        self.variant: str | None = None
        self._urls = urls  # shared by all sites of one serve_sites() call
        self.stopping = threading.Event()

    def __repr__(self) -> str:
        return f"Site({self.name!r}, {self.url!r}, variant={self.variant!r})"

    def set_variant(self, name: str | None) -> None:
        """Switch what the site serves: an overlay under ``_variants/<name>/`` or ``down``.

        ``None`` goes back to the base files. Tests use this to simulate a later day
        (new articles), a layout change or an outage between two crawls.
        """
        if name is not None and name not in BUILTIN_VARIANTS and not (self.root / "_variants" / name).is_dir():
            raise ValueError(f"site {self.name!r} has no variant {name!r}; it has {self.variants()}")
        self.variant = name

    def variants(self) -> list[str]:
        """Variant names this site accepts."""
        overlays = sorted(p.name for p in (self.root / "_variants").glob("*") if p.is_dir())
        return overlays + list(BUILTIN_VARIANTS)

    def file_for(self, path: str) -> Path | None:
        """The file that answers a URL path (variant overlay first), or None for a 404."""
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        parts = Path(rel).parts
        if not parts or any(p in ("..", ".") or p.startswith(("_", ".")) for p in parts) or rel == "site.json":
            return None
        candidates = []
        if self.variant and self.variant not in BUILTIN_VARIANTS:
            candidates.append(self.root / "_variants" / self.variant / rel)
        candidates.append(self.root / rel)
        for candidate in candidates:
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if candidate.is_file():
                return candidate
        return None

    def substitute(self, data: bytes) -> bytes:
        """Put the running base URLs where the files say ``__BASE__`` / ``__BASE_<site>__``."""

        def url_for(match: re.Match[bytes]) -> bytes:
            other = match.group(1)
            if other is None:
                return self.url.encode("ascii")
            return self._urls.get(other.decode("ascii"), _UNSERVED_URL).encode("ascii")

        return _PLACEHOLDER.sub(url_for, data)

    def content_type(self, file: Path) -> str:
        suffix = file.suffix.lower()
        if suffix in (".html", ".htm") and self.config.get("html_charset"):
            return f"text/html; charset={self.config['html_charset']}"
        return _FEED_TYPES.get(file.name) or _TYPES.get(suffix, "application/octet-stream")


_BIG: bytes | None = None


def big_page() -> bytes:
    """A well-formed article page of about 6 MB, made on demand and kept for the process."""
    global _BIG
    if _BIG is None:
        para = ("<p>这是一段用于测试超大页面处理的正文内容，页面体积超过抓取上限，"
                "爬虫应当丢弃该页面并记录失败原因，而不是把它写入数据库。</p>\n").encode("utf-8")
        head = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                "<title>超大页面测试</title></head><body><h1>超大页面测试</h1>\n").encode("utf-8")
        tail = b"</body></html>\n"
        count = (BIG_PAGE_BYTES - len(head) - len(tail)) // len(para) + 1
        _BIG = head + para * count + tail
    return _BIG


def binary_blob() -> bytes:
    """Deterministic PNG-looking bytes (a binary file behind an .html link)."""
    out = bytearray(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x01\x80\x08\x06")
    block = b"newswatch-binary"
    while len(out) < 64 * 1024:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: Site, slow_seconds: float, stall_seconds: float) -> None:
        self.site = site
        self.slow_seconds = slow_seconds
        self.stall_seconds = stall_seconds
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that hangs up mid-answer (a dropped big page, a timeout) is expected, not an error."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "FixtureHTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Silent: tests read Site.requests instead."""

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        site = self.server.site
        site.requests.append(self.path)
        path = unquote(urlsplit(self.path).path)
        if site.variant == "down":
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"<h1>503 Service Unavailable</h1>",
                              "text/html", send_body)
        route = _NOISE.get(path)
        if route is not None:
            return route(self, send_body)
        file = site.file_for(path)
        if file is None:
            return self._not_found(send_body)
        self._send_file(file, send_body)

    def _send_file(self, file: Path, send_body: bool, status: HTTPStatus = HTTPStatus.OK) -> None:
        site = self.server.site
        data = file.read_bytes()
        if file.suffix.lower() in _SUBSTITUTED:
            data = site.substitute(data)
        self._send(status, data, site.content_type(file), send_body)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, send_body: bool,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_found(self, send_body: bool) -> None:
        body = "<html><head><title>404 页面不存在</title></head><body><h1>404</h1><p>您访问的页面不存在或已被删除。</p></body></html>"
        self._send(HTTPStatus.NOT_FOUND, body.encode("utf-8"), "text/html; charset=utf-8", send_body)

    def _error_500(self, send_body: bool) -> None:
        self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"<h1>500 Internal Server Error</h1>",
                   "text/html", send_body)

    def _redirect(self, status: HTTPStatus, target: str, send_body: bool) -> None:
        self._send(status, b"", "text/html", send_body, {"Location": self.server.site.url + target})

    def _redirect_1(self, send_body: bool) -> None:
        self._redirect(HTTPStatus.MOVED_PERMANENTLY, "/noise/redirect-2.html", send_body)

    def _redirect_2(self, send_body: bool) -> None:
        self._redirect(HTTPStatus.FOUND, self.server.site.config["redirect_to"], send_body)

    def _slow(self, send_body: bool) -> None:
        site = self.server.site
        site.stopping.wait(self.server.slow_seconds)
        file = site.file_for(site.config["slow_article"])
        if file is None:
            return self._not_found(send_body)
        self._send_file(file, send_body)

    def _big(self, send_body: bool) -> None:
        self._send(HTTPStatus.OK, big_page(), "text/html; charset=utf-8", send_body)

    def _binary(self, send_body: bool) -> None:
        self._send(HTTPStatus.OK, binary_blob(), "text/html", send_body)

    def _never_ends(self, send_body: bool) -> None:
        """Promise 100 kB, send a little, then stall: only a client timeout ends it."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        if send_body:
            self.wfile.write("<!DOCTYPE html><html><head><title>加载中</title></head><body><p>正在加载".encode())
            self.wfile.flush()
            self.server.site.stopping.wait(self.server.stall_seconds)
        self.close_connection = True


_NOISE = {
    "/noise/500.html": _Handler._error_500,
    "/noise/redirect-1.html": _Handler._redirect_1,
    "/noise/redirect-2.html": _Handler._redirect_2,
    "/noise/slow.html": _Handler._slow,
    "/noise/big.html": _Handler._big,
    "/noise/binary.html": _Handler._binary,
    "/noise/never-ends.html": _Handler._never_ends,
}


class RunningSites(dict):
    """``name -> Site`` for sites being served; ``close()`` stops them all."""

    def __init__(self) -> None:
        super().__init__()
        self._servers: list[tuple[_Server, threading.Thread]] = []

    def close(self) -> None:
        for site in self.values():
            site.stopping.set()
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()


def start_sites(names: list[str] | None = None, slow_seconds: float = 2.0,
                stall_seconds: float = 30.0) -> RunningSites:
    """Start the named sites (all by default), each on its own port; the caller must close()."""
    chosen = site_names() if names is None else list(names)
    unknown = sorted(set(chosen) - set(site_names()))
    if unknown:
        raise ValueError(f"unknown fixture sites {unknown}; there are {site_names()}")
    urls: dict[str, str] = {}
    running = RunningSites()
    try:
        for name in chosen:
            root = SITES_DIR / name
            config = json.loads((root / "site.json").read_text(encoding="utf-8"))
            site = Site(name, root, config, urls)
            server = _Server(site, slow_seconds, stall_seconds)
            site.url = f"http://127.0.0.1:{server.server_address[1]}"
            urls[name] = site.url
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"site-{name}", daemon=True)
            thread.start()
            running[name] = site
            running._servers.append((server, thread))
    except BaseException:
        running.close()
        raise
    return running


@contextmanager
def serve_sites(names: list[str] | None = None, slow_seconds: float = 2.0,
                stall_seconds: float = 30.0) -> Iterator[dict[str, Site]]:
    """Serve fixture sites for the duration of a ``with`` block."""
    running = start_sites(names, slow_seconds, stall_seconds)
    try:
        yield running
    finally:
        running.close()


def main() -> None:
    """Serve every site, print ``name url`` lines, and wait for SIGINT or SIGTERM."""
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    with serve_sites() as sites:
        for site in sites.values():
            print(site.name, site.url, flush=True)
        while not done.wait(0.5):
            pass


if __name__ == "__main__":
    main()
