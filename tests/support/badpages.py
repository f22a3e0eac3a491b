"""A thousand malformed pages, generated from a seed and served on 127.0.0.1, for the bad-input tests.

Wrong and missing charsets, mixed encodings, truncated markup, binary bodies behind ``text/html``,
10,000-deep nesting, tag soup, 20 MB bodies, compression bombs, redirect loops and answers that
never finish — each page a link in one of ten RSS feeds, so a crawl requests every one.
``python -m tests.support.badpages`` crawls them and prints the slowest pages and the peak memory.
"""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.support.config import write_config
from tests.support.malformed import SEED, Bad, generate
from tests.support.sessions import PeakRss

FEEDS = 10
CHINA = timezone(timedelta(hours=8))


def feed(pages: list[Bad], base: str, index: int) -> bytes:
    """RSS listing every FEEDS-th page, so each of the ten sources owns a tenth of them."""
    now = datetime(2025, 11, 18, 10, 30, tzinfo=CHINA)
    items = "".join(
        f"<item><title>{p.title}</title><link>{base}{p.path}</link><pubDate>{format_datetime(now)}</pubDate></item>"
        for p in pages[index::FEEDS]
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>测试{index}</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


# ---------------------------------------------------------------- the server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, site: BadSite) -> None:
        self.site = site
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A crawler that drops a too-large or too-slow answer hangs up on us: expected."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: BadSite.requests keeps the log."""

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append(self.path)
        if self.path.startswith("/feed/"):
            number = int(self.path.removeprefix("/feed/").removesuffix(".xml"))
            return self._send(200, {"Content-Type": "application/rss+xml"}, feed(site.pages, site.url, number))
        page = site.by_path.get(self.path)
        if page is None:
            return self._send(404, {"Content-Type": "text/html"}, b"<h1>404</h1>")
        if page.stream is not None:
            self.close_connection = True
            return page.stream(self)
        self._send(page.status, page.headers, page.body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class BadSite:
    """``with BadSite() as site:`` serves the pages and ``site.feed_urls``; ``site.requests`` logs paths."""

    def __init__(self, seed: int = SEED) -> None:
        self.pages = generate(seed)
        self.by_path = {p.path: p for p in self.pages}
        self.requests: list[str] = []
        self.server = _Server(self)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def feed_urls(self) -> list[str]:
        return [f"{self.url}/feed/{i}.xml" for i in range(FEEDS)]

    def __enter__(self) -> BadSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def write_site_config(site: BadSite, folder: Path) -> Path:
    """A config whose ten feed sources list the thousand pages; no retries.

    The timeout is what the never-ending pages are failed by; a busy machine must not fail the
    good pages by it too, so it is generous (those pages time out together, in parallel).
    """
    return write_config(
        folder,
        crawl={
            "download_delay": 0,
            "timeout": 15,
            "retries": 0,
            "concurrency": 32,
            "per_domain_concurrency": 32,
            "max_page_bytes": 5_000_000,
        },
        sources=[(f"bad{i}", url, "feed") for i, url in enumerate(site.feed_urls)],
        watches=[{"name": "biomed", "keywords": ["生物医药"]}],
    )


def main() -> None:
    """Crawl the thousand pages, then print per-kind outcomes, the slowest extractions and peak memory."""
    import resource
    import sqlite3
    import subprocess
    import sys
    import tempfile

    import config as configuration
    from crawler.decode import decode_html
    from errors import Skip
    from pipelines.article import Page
    from pipelines.process import init_worker, process_page

    root = Path(__file__).resolve().parents[2]
    with BadSite() as site, tempfile.TemporaryDirectory() as folder:
        config = write_site_config(site, Path(folder))
        began = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        memory = PeakRss(child.pid)
        child.wait()
        peak = memory.stop()
        print(
            f"crawl of {len(site.pages)} bad pages: exit {child.returncode}, {time.monotonic() - began:.1f} s, "
            f"peak RSS (crawler + workers) {peak / 1e6:.0f} MB; per process: "
            + ", ".join(f"{size / 1e6:.0f}" for size in sorted(memory.peaks.values(), reverse=True))
            + " MB"
        )
        conn = sqlite3.connect(Path(folder) / "news.db")
        print(
            f"stored {conn.execute('select count(*) from articles').fetchone()[0]}, "
            f"failures {conn.execute('select count(*) from failures').fetchone()[0]}"
        )
        for reason, n in conn.execute(
            "select substr(reason, 1, 60), count(*) from failures group by 1 order by 2 desc"
        ).fetchall():
            print(f"  {n:4d}  {reason}")
        settings = configuration.load(config, {})
    init_worker(settings)
    timings = []
    for page in generate():
        if page.stream is not None or page.status != 200 or "Content-Encoding" in page.headers:
            continue  # the downloader drops these before extraction
        started = time.monotonic()
        html = decode_html(page.body, None)[0]
        with contextlib.suppress(Skip):
            process_page(
                Page(
                    source="bad", url="http://127.0.0.1" + page.path, html=html, fetched_at="2025-11-18T00:00:00+00:00"
                ),
                settings,
            )
        timings.append((time.monotonic() - started, page.kind, page.number))
    timings.sort(reverse=True)
    print(f"decode + extraction + analysis of {len(timings)} pages, one process; slowest:")
    for seconds, kind, number in timings[:8]:
        print(f"  {seconds:6.3f} s  {kind:15} #{number}")
    print(
        f"  median {timings[len(timings) // 2][0] * 1000:.1f} ms; this process's peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )


if __name__ == "__main__":
    main()
