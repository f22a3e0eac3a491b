"""Serve the data-source fixture sites on 127.0.0.1, each on its own port, recording every request.

```python
from tests.sites.datasources.serve import serve_data_sites

with serve_data_sites() as sites:         # or serve_data_sites(["jsonapi"])
    site = sites["jsonapi"]
    site.url                              # "http://127.0.0.1:41234"
    site.requests.snapshot()              # ["/robots.txt", "/api/news/list?columnId=12&page=1&size=4", ...]
```

A request path with its query answers with the file ``site.json`` routes it to (parameter order
ignored, as real servers do); other paths are files of the site's folder (a folder answers with
its ``index.html``). The Content-Type follows the file's suffix — JSON, Atom and RSS as such
services send them — and ``__BASE__`` becomes the site's own URL.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from demo.serve import RequestLog

HERE = Path(__file__).resolve().parent
# fmt: off
_TYPES = {
    ".html": "text/html; charset=utf-8", ".json": "application/json;charset=UTF-8",
    ".atom": "application/atom+xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain",
}
# fmt: on


def site_names() -> list[str]:
    return sorted(p.parent.name for p in HERE.glob("*/site.json"))


def _normal(path_with_query: str) -> str:
    path, _, query = path_with_query.partition("?")
    return path + ("?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True))) if query else "")


class Site:
    """One served site: its folder, its routes, its URL once running and the requests it got."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = HERE / name
        routes = json.loads((self.root / "site.json").read_text(encoding="utf-8"))["routes"]
        self.routes = {_normal(k): v for k, v in routes.items()}
        self.url = ""
        self.requests = RequestLog()

    def lookup(self, raw_path: str) -> Path | None:
        """The file answering a request path (query included), or None."""
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        routed = self.routes.get(_normal(path + ("?" + parts.query if parts.query else "")))
        if routed is not None:
            return self.root / routed
        rel = path.lstrip("/")
        if parts.query or any(p in ("..", ".") or p.startswith((".", "_")) for p in Path(rel).parts):
            return None
        candidate = self.root / rel
        if rel == "" or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() and rel != "site.json" else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: Site) -> None:
        self.site = site
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silent: tests read Site.requests."""

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append(self.path)
        file = site.lookup(self.path)
        if file is None:
            return self._send(HTTPStatus.NOT_FOUND, b"<html><body><h1>404</h1></body></html>", _TYPES[".html"])
        data = file.read_bytes().replace(b"__BASE__", site.url.encode("ascii"))
        self._send(HTTPStatus.OK, data, _TYPES.get(file.suffix, "application/octet-stream"))

    def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_data_sites(names: list[str] | None = None) -> Iterator[dict[str, Site]]:
    """Serve the named sites (all by default) for the duration of a ``with`` block."""
    running: dict[str, Site] = {}
    servers: list[tuple[_Server, threading.Thread]] = []
    try:
        for name in names or site_names():
            site = Site(name)
            server = _Server(site)
            site.url = f"http://127.0.0.1:{server.server_address[1]}"
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            thread.start()
            servers.append((server, thread))
            running[name] = site
        yield running
    finally:
        for server, thread in servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


if __name__ == "__main__":
    import signal

    done = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: done.set())
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with serve_data_sites() as sites:
        for s in sites.values():
            print(s.name, s.url, flush=True)
        while not done.wait(0.5):
            pass
