"""The address guard in front of Chromium: every connection the browser makes goes through this
HTTP proxy, in the crawl's own event loop, which applies the crawl's rule before it connects.

Playwright routes a page's requests, but not the hops of an HTTP redirect, and Chromium resolves
host names itself; so without this a public page could redirect the browser to 169.254.169.254
or to a name that resolves to 10.x. Here the host is resolved once, checked, and connected to at
that very address; a refused one gets a 403 naming the refusal (``X-Newswatch-Refused``).
HTTPS is tunnelled (CONNECT) untouched, so a site sees the browser's own TLS; plain HTTP is
forwarded one request a connection.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from crawler.urls import host_of, ip_of_host

HEAD_LIMIT = 64 * 1024
CONNECT_SECONDS = 30.0
_HOP = frozenset({"proxy-connection", "connection", "keep-alive", "proxy-authorization", "te", "trailer", "upgrade"})

Refusal = Callable[[str], Awaitable[str | None]]
Resolved = Callable[[str], str | None]


class GuardProxy:
    """``await start()`` gives the proxy's address for Chromium's ``--proxy-server``."""

    def __init__(self, refusal: Refusal, resolved: Resolved) -> None:
        self.refusal = refusal  # the crawl's address guard: why a URL may not be reached, or None
        self.resolved = resolved  # the address the guard resolved a host name to
        self.refused: dict[str, str] = {}  # host:port → why, for the failures' reasons
        self.server: asyncio.Server | None = None
        self.connections: set[asyncio.Task[None]] = set()

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0, limit=HEAD_LIMIT)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        """Stop listening and end every connection still open (a site that never finishes, say)."""
        if self.server is not None:
            self.server.close()
            self.server = None
        for task in list(self.connections):
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.connections.add(task)
        gone = (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError)
        try:
            with contextlib.suppress(*gone):  # the browser or the site went away: Chromium reports the request failed
                await self._relay(reader, writer)
        finally:
            writer.close()
            if task is not None:
                self.connections.discard(task)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), CONNECT_SECONDS)
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        tunnel = method.upper() == "CONNECT"
        url = f"https://{target}/" if tunnel else target
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            await _answer(writer, 400, "not a proxy request")
            return
        reason = await self.refusal(url)
        if reason is not None:
            self.refused[parts.netloc] = reason
            await _answer(writer, 403, reason)
            return
        host = host_of(url)
        address = host if ip_of_host(host) is not None else self.resolved(host) or host
        port = parts.port or (443 if parts.scheme == "https" else 80)
        headers = {h.split(":", 1)[0].strip().lower(): h.split(":", 1)[-1].strip() for h in header_lines if h}
        if not tunnel and "transfer-encoding" in headers:
            await _answer(writer, 400, "a request body in chunks is not forwarded")
            return
        upstream_reader, upstream = await asyncio.wait_for(asyncio.open_connection(address, port), CONNECT_SECONDS)
        try:
            if tunnel:  # one host a tunnel: what passes through is the browser's and the site's
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await asyncio.gather(_pipe(reader, upstream), _pipe(upstream_reader, writer))
                return
            # One request a connection: the browser's next one, maybe for another host, is never
            # read from this one, and the site is asked to close after answering.
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            kept = [h for h in header_lines if h and h.split(":", 1)[0].strip().lower() not in _HOP]
            upstream.write(f"{method} {path} HTTP/1.1\r\n".encode("latin-1"))
            upstream.write("".join(f"{h}\r\n" for h in [*kept, "Connection: close"]).encode("latin-1") + b"\r\n")
            length = int(headers.get("content-length") or 0)
            if length:
                upstream.write(await reader.readexactly(length))
            await _pipe(upstream_reader, writer)
        finally:
            upstream.close()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    """Copy until the source ends, then end the sink's side (one request a connection)."""
    with contextlib.suppress(OSError):
        while chunk := await source.read(65536):
            sink.write(chunk)
            await sink.drain()
        if sink.can_write_eof():
            sink.write_eof()


async def _answer(writer: asyncio.StreamWriter, status: int, reason: str) -> None:
    body = reason.encode()
    words = {400: "Bad Request", 403: "Forbidden"}[status]
    writer.write(
        f"HTTP/1.1 {status} {words}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
        f"X-Newswatch-Refused: {reason.encode('ascii', 'replace').decode()}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
