"""Serve a generated benchmark site over HTTP/1.1 with keep-alive and a deep accept queue.

``python -m http.server`` (backlog 5, HTTP/1.0) collapses under a crawler's concurrency and
turns a throughput figure into a measure of SYN retransmits; this asyncio server holds 1,024
pending connections, reuses them, and costs a few tens of microseconds a request. Run it in
its own process so it never shares a GIL with a measured client.

    .venv/bin/python bench/siteserve.py DIR [PORT [LATENCY_MS [HOSTS]]]   # prints "port N", serves until SIGTERM

A latency holds every answer back that long, as a portal across the country would. HOSTS > 0
also serves the site on that many loopback addresses (``host_address(i)``, 127.1.x.y) on the
same port: each is a site of its own to a crawler (its own download slot, robots.txt and
politeness delay), as thousands of portals would be.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

BACKLOG = 1024
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


class Site:
    """The site's files and their Content-Type headers, read from disk on demand (page cache)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.types: dict[str, str] = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["content_types"]

    def get(self, target: str) -> tuple[int, str, bytes]:
        path = unquote(urlsplit(target).path)
        if path.endswith("/"):
            path += "index.html"
        content_type = self.types.get(path)
        if content_type is None:
            return 404, "text/html; charset=utf-8", b"<html><body><h1>404 Not Found</h1></body></html>"
        return 200, content_type, (self.root / path.lstrip("/")).read_bytes()


async def _handle(site: Site, latency: float, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            if len(parts) != 3:
                status, content_type, body, method, version = 400, "text/plain", b"bad request", "GET", "HTTP/1.0"
            else:
                method, target, version = parts
                if method in ("GET", "HEAD"):
                    status, content_type, body = site.get(target)
                else:
                    status, content_type, body = 405, "text/plain", b"method not allowed"
            length = int(headers.get("content-length", "0") or 0)
            if length:
                await reader.readexactly(length)
            if latency:
                await asyncio.sleep(latency)
            connection = headers.get("connection", "").lower()
            keep = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
            writer.write(
                (
                    f"{version if version.startswith('HTTP/') else 'HTTP/1.1'} {status} {_REASONS[status]}\r\n"
                    f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                    f"Connection: {'keep-alive' if keep else 'close'}\r\n\r\n"
                ).encode("latin-1")
            )
            if method != "HEAD":
                writer.write(body)
            await writer.drain()
            if not keep:
                return
    except ConnectionError:
        return
    finally:
        writer.close()


def host_address(index: int) -> str:
    """The loopback address of simulated site ``index`` (Linux routes all of 127/8 to lo)."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


async def _serve(root: Path, port: int, latency: float, hosts: int = 0) -> None:
    site = Site(root)
    addresses = ["127.0.0.1", *(host_address(i) for i in range(hosts))]
    if hosts and not port:  # one port for every address: take a free one from the first
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
    server = await asyncio.start_server(
        lambda r, w: _handle(site, latency, r, w), addresses, port, backlog=BACKLOG, reuse_address=True
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await stop.wait()


@contextmanager
def serving(root: Path, latency_ms: int = 0, hosts: int = 0) -> Iterator[tuple[str, int]]:
    """Serve ``root`` from a child process; yield (base URL, server pid); stop it afterwards."""
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(root), "0", str(latency_ms), str(hosts)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("port "):
            raise RuntimeError(f"benchmark server did not start (exit status {process.poll()})")
        yield f"http://127.0.0.1:{int(line.split()[1])}", process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    if len(sys.argv) not in (2, 3, 4, 5):
        sys.exit("usage: siteserve.py DIR [PORT [LATENCY_MS [HOSTS]]]")
    port = int(sys.argv[2]) if len(sys.argv) >= 3 else 0
    latency = int(sys.argv[3]) / 1000 if len(sys.argv) >= 4 else 0.0
    hosts = int(sys.argv[4]) if len(sys.argv) == 5 else 0
    asyncio.run(_serve(Path(sys.argv[1]), port, latency, hosts))


if __name__ == "__main__":
    main()
