"""The benchmark pages crawled for real: served over local HTTP and fetched by ``newswatch crawl``.

``bench/extraction.py --through-crawler`` uses this to check that what the crawler stores is
what extraction gives on the same bytes: any gap is the crawler's doing (decoding without an
HTTP charset, canonical URLs, duplicates, length limits), not extraction's. Pages are served
from memory as read from ``../shared/realdata/`` with ``Content-Type: text/html`` and no charset,
as many portals answer; each dataset is one sitemap source, so no list-anchor hints reach the
extractor and the comparison stays about the page alone. A page keeps its original URL's path
(under ``/<dataset>/<host>``), so dates written in the path still count.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from crawler.urls import canonical_url

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT = 900


@dataclass(frozen=True)
class Stored:
    """What the crawl left in the database for one served page."""

    body: str
    title: str | None
    published_at: str | None


@dataclass
class Outcome:
    """Per page key: the stored article, or the reason it was not stored."""

    stored: dict[tuple[str, str], Stored]
    missing: dict[tuple[str, str], str]
    returncode: int
    stderr: str


def page_path(dataset: str, name: str, url: str) -> str:
    """Where a page is served: its original path and query under ``/<dataset>/<host>``, else its name."""
    if url:
        parts = urlsplit(url)
        path = f"/{dataset}/{parts.hostname or 'nohost'}{parts.path or '/'}"
        return quote(path, safe="/%") + (f"?{parts.query}" if parts.query else "")
    return quote(f"/{dataset}/{name}" + ("" if name.endswith((".html", ".htm")) else ".html"), safe="/%")


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, bytes]  # canonical URL → page bytes or sitemap

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        host, port = self.server.server_address[:2]  # type: ignore[misc]  # typeshed allows a str address (AF_UNIX); ours is TCP
        key = canonical_url(f"http://{host}:{port}{self.path}") or ""
        data = self.pages.get(key)
        if data is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        # The point of the exercise: no charset, so the crawler decodes as a browser must.
        self.send_header("Content-Type", "application/xml" if key.endswith("/sitemap.xml") else "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve(pages: dict[str, dict[str, bytes]]) -> Iterator[tuple[str, dict[str, dict[str, str]]]]:
    """Serve ``{dataset: {path: bytes}}`` on 127.0.0.1 (port 0) with a sitemap per dataset.

    Yields the base URL and ``{dataset: {canonical page URL: path}}``.
    """
    table: dict[str, bytes] = {}
    handler = type("Handler", (_Pages,), {"pages": table})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls: dict[str, dict[str, str]] = {}
    for dataset, files in pages.items():
        urls[dataset] = {}
        for path, data in files.items():
            url = canonical_url(base + path) or ""
            if url in table:
                raise ValueError(f"two pages of {dataset} would be served at {url}")
            table[url] = data
            urls[dataset][url] = path
        locs = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls[dataset])
        table[canonical_url(f"{base}/{dataset}/sitemap.xml") or ""] = (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{locs}</urlset>"
        ).encode()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base, urls
    finally:
        server.shutdown()
        server.server_close()


def _config(folder: Path, base: str, datasets: Sequence[str]) -> Path:
    """One sitemap source per dataset, fast and unthrottled: the server is local and ours."""
    lines = [
        "[storage]",
        'database = "bench.db"',
        "",
        "[crawl]",
        "download_delay = 0",
        "timeout = 30",
        "retries = 1",
        "concurrency = 8",
        "per_domain_concurrency = 8",
    ]
    for dataset in datasets:
        lines += ["", "[[sources]]", f'name = "{dataset}"', f'url = "{base}/{dataset}/sitemap.xml"', 'kind = "sitemap"']
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def crawl(pages: dict[str, dict[tuple[str, str], tuple[str, bytes]]]) -> Outcome:
    """Serve ``{dataset: {page key: (path, bytes)}}``, run ``newswatch crawl`` on it, read what it stored."""
    served = {dataset: {path: data for path, data in files.values()} for dataset, files in pages.items()}
    with tempfile.TemporaryDirectory(prefix="newswatch-bench-") as tmp, serve(served) as (base, urls):
        folder = Path(tmp)
        config = _config(folder, base, list(pages))
        run = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=CRAWL_TIMEOUT,
        )
        conn = sqlite3.connect(folder / "bench.db")
        try:
            articles = {
                url: (article_id, article_url, Stored(body, title, published))
                for url, article_id, article_url, body, title, published in conn.execute(
                    "select u.url, a.id, a.url, a.body, a.title, a.published_at "
                    "from article_urls u join articles a on a.id = u.article_id"
                )
            }
            failures = dict(conn.execute("select url, reason from failures"))
        finally:
            conn.close()
    outcome = Outcome({}, {}, run.returncode, run.stderr)
    for dataset, files in pages.items():
        by_path = {path: key for key, (path, _) in files.items()}
        groups: dict[int, list[tuple[str, tuple[str, str]]]] = {}
        for url, path in urls[dataset].items():
            if url in articles:
                groups.setdefault(articles[url][0], []).append((url, by_path[path]))
            else:
                outcome.missing[by_path[path]] = failures.get(url, "not fetched (no failure recorded)")
        for group in groups.values():
            # Two pages taken for one article: the one stored under its own URL keeps it.
            group.sort(key=lambda page: page[0] != articles[page[0]][1])
            outcome.stored[group[0][1]] = articles[group[0][0]][2]
            for _, key in group[1:]:
                outcome.missing[key] = f"taken for a copy of {group[0][1][1]} (stored once)"
    return outcome
