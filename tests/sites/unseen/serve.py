"""Serve the unseen fixture sites on 127.0.0.1, each on its own port, recording every request.

```python
from tests.sites.unseen.serve import serve_unseen

with serve_unseen() as sites:          # or serve_unseen(["jsession"])
    site = sites["jsession"]
    site.url                          # "http://127.0.0.1:41234"
    site.requests.snapshot()          # ["/robots.txt", "/portal/list.jsp?columnId=12", ...]
```

Each site folder holds ``site.json``: ``content_type`` (the exact Content-Type sent for HTML, e.g.
``text/html`` with no charset), ``session`` (when true, ``__SID__`` in a page becomes a fresh random
session id on every request and ``;jsessionid=...`` in a request path is ignored, as a JSP container
does) and ``routes`` (request path with query → file). Paths without a route are files of the
folder (a folder answers with its ``index.html``). ``__BASE__`` becomes the site's own URL.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

HERE = Path(__file__).resolve().parent
_SESSION = re.compile(r";jsessionid=[^?#/]*", re.IGNORECASE)
_FEED_TYPE = "application/rss+xml; charset=utf-8"


def _normal(path_with_query: str) -> str:
    path, _, query = path_with_query.partition("?")
    return path + ("?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True))) if query else "")


def site_names() -> list[str]:
    return sorted(p.parent.name for p in HERE.glob("*/site.json"))


class RequestLog:
    """Request paths (with query) in arrival order, appended from handler threads."""

    def __init__(self) -> None:
        self._items: list[str] = []
        self._lock = threading.Lock()

    def append(self, path: str) -> None:
        with self._lock:
            self._items.append(path)

    def snapshot(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Site:
    def __init__(self, name: str) -> None:
        self.name = name
        self.root = HERE / name
        self.config = json.loads((self.root / "site.json").read_text(encoding="utf-8"))
        self.url = ""
        self.requests = RequestLog()
        self.session_ids: list[str] = []  # every session id handed out, in order

    def __repr__(self) -> str:
        return f"Site({self.name!r}, {self.url!r})"

    def lookup(self, raw_path: str) -> Path | None:
        """The file answering a request path (query included), or None."""
        if self.config.get("session"):
            raw_path = _SESSION.sub("", raw_path)
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        routes = {_normal(k): v for k, v in self.config.get("routes", {}).items()}
        key = _normal(path + ("?" + parts.query if parts.query else ""))
        if key in routes:  # a query answers whatever the order of its parameters, as real servers do
            return self.root / routes[key]
        if parts.query:
            return None
        rel = path.lstrip("/")
        if any(p in ("..", ".") or p.startswith(("_", ".")) for p in Path(rel).parts) or rel == "site.json":
            return None
        candidate = self.root / rel
        if rel == "" or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, site: Site) -> None:
        self.site = site
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "Apache-Coyote/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silent: tests read Site.requests."""

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def _answer(self, send_body: bool) -> None:
        site = self.server.site
        site.requests.append(self.path)
        file = site.lookup(self.path)
        if file is None:
            body = b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"
            return self._send(HTTPStatus.NOT_FOUND, body, "text/html", send_body, {})
        data = file.read_bytes()
        extra: dict[str, str] = {}
        if file.suffix in (".html", ".htm", ".shtml", ".xml", ".txt"):
            data = data.replace(b"__BASE__", site.url.encode("ascii"))
            if site.config.get("session") and b"__SID__" in data:
                sid = secrets.token_hex(16).upper()
                site.session_ids.append(sid)
                data = data.replace(b"__SID__", sid.encode("ascii"))
                extra["Set-Cookie"] = f"JSESSIONID={sid}; Path=/portal; HttpOnly"
        if file.name == "robots.txt":
            ctype = "text/plain"
        elif file.suffix == ".xml":
            ctype = _FEED_TYPE
        else:
            ctype = site.config["content_type"]
        self._send(HTTPStatus.OK, data, ctype, send_body, extra)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, send_body: bool, extra: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class RunningSites(dict):
    def __init__(self) -> None:
        super().__init__()
        self._servers: list[tuple[_Server, threading.Thread]] = []

    def close(self) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()


@contextmanager
def serve_unseen(names: list[str] | None = None) -> Iterator[dict[str, Site]]:
    """Serve the named unseen sites (all by default) for the duration of a ``with`` block."""
    running = RunningSites()
    try:
        for name in names or site_names():
            site = Site(name)
            server = _Server(site)
            site.url = f"http://127.0.0.1:{server.server_address[1]}"
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"unseen-{name}", daemon=True)
            thread.start()
            running[name] = site
            running._servers.append((server, thread))
        yield running
    finally:
        running.close()


if __name__ == "__main__":
    import signal

    done = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: done.set())
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with serve_unseen() as sites:
        for s in sites.values():
            print(s.name, s.url + s.config.get("start", ""), flush=True)
        while not done.wait(0.5):
            pass
