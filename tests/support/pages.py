"""A site on 127.0.0.1 made of the pages a test hands it, recording every path asked for.

``pages`` maps a path to ``(status, headers, body)`` (a ``str`` body is sent as UTF-8, and
``Content-Type`` defaults to UTF-8 HTML), or ``route(path)`` answers every request the same way.
Paths are looked up with their query string first, then without it; anything else is a 404.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Answer = tuple[int, Mapping[str, str], str | bytes]
NOT_FOUND: Answer = (404, {}, "<h1>404</h1>")


class PageServer:
    """``with PageServer(pages) as site:`` serves ``site.url``; ``site.seen`` lists the paths requested."""

    def __init__(self, pages: Mapping[str, Answer] | None = None, route: Callable[[str], Answer] | None = None) -> None:
        self.pages: dict[str, Answer] = dict(pages or {})
        self.route = route
        self.seen: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._started = False

    def start(self) -> PageServer:
        self._thread.start()
        self._started = True
        return self

    def close(self) -> None:
        if self._started:
            self.server.shutdown()
            self._started = False
        self.server.server_close()

    def __enter__(self) -> PageServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def answer(self, path: str) -> Answer:
        if self.route is not None:
            return self.route(path)
        return self.pages.get(path) or self.pages.get(path.split("?", 1)[0]) or NOT_FOUND

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Silent: ``seen`` is the log."""

            def do_GET(self) -> None:
                site.seen.append(self.path)
                status, headers, body = site.answer(self.path)
                data = body.encode("utf-8") if isinstance(body, str) else body
                headers = dict(headers)
                self.send_response(status)
                self.send_header("Content-Type", headers.pop("Content-Type", "text/html; charset=utf-8"))
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
