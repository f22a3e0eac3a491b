"""The daily job, simulated on this machine: many sites, few of them changed since the last run.

Serves one generated portal (``sitegen.py``) on ``--sources`` loopback addresses (127.1.x.y, one
port), so that each source is a site of its own to the crawler: its own robots.txt, download
slot, ``per_domain_concurrency`` and ``download_delay``. Every answer is held back
``--latency`` ms. The database is seeded as the run before would have left it: every article
link of every source is stored, except ``--new`` links on the first list page of the
``--changed`` share of the sources. Then one ``newswatch run`` (crawl, analysis, health,
digests; no channel is configured) is measured: its wall time, its CPU by process, the requests
it made, and how busy the crawler's own thread was (the rest of the time it waited on the
network). A benchmark, not a test.

    .venv/bin/python bench/daily.py [--sources 3000] [--changed 0.05] [--new 4] [--latency 200]
        [--delay 0.25] [--per-site 4] [--concurrency 16] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from sitegen import build  # noqa: E402
from siteserve import host_address, serving  # noqa: E402
from throughput import measure, newswatch_command  # noqa: E402

import db as store  # noqa: E402

POOL = 160  # articles in the served portal: its first column then has 40 links on two list pages
COLUMN = "gzdt"
_LINK = re.compile(r'<li><a href="\.(/[^"]+)"')


def list_links(site: Path) -> list[list[str]]:
    """The article paths on each list page of the column, first page first."""
    pages = sorted((site / COLUMN).glob("index*.html"), key=lambda p: int(p.stem.partition("_")[2] or 0))
    return [[f"/{COLUMN}{m}" for m in _LINK.findall(p.read_text(encoding="utf-8"))] for p in pages]


def write_config(path: Path, port: int, options: argparse.Namespace) -> None:
    """One [[sources]] table per simulated site, the [crawl] section under test, one watch."""
    lines = [
        "[storage]",
        'database = "daily.db"',
        "",
        "[crawl]",
        f"concurrency = {options.concurrency}",
        f"per_domain_concurrency = {options.per_site}",
        f"download_delay = {options.delay}",
        "timeout = 60",
        "",
        "[[watches]]",
        'name = "biomed-cluster"',
        'title = "生物医药产业集群"',
        'keywords = ["生物医药", "医疗器械", "创新药", "细胞治疗", "基因检测", "生物制药"]',
        "",
    ]
    for i in range(options.sources):
        lines += [
            "[[sources]]",
            f'name = "site{i:05d}"',
            f'url = "http://{host_address(i)}:{port}/{COLUMN}/index.html"',
            'kind = "list"',
            'render = "never"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def seed(database: Path, port: int, pages: list[list[str]], options: argparse.Namespace) -> int:
    """Store every source's links as the last run would have, but the newest ``--new`` of the
    changed sources; returns how many links are new."""
    changed = round(options.sources * options.changed)
    db = store.open_db(database)
    try:
        rows = []
        for i in range(options.sources):
            paths = [p for page in pages for p in page]
            if i < changed:
                paths = [p for p in paths if p not in pages[0][: options.new]]
            base = f"http://{host_address(i)}:{port}"
            rows += [
                {
                    "url": base + p,
                    "source": f"site{i:05d}",
                    "title": "seeded",
                    "published_at": None,
                    "lang": "zh-hans",
                    "body": "",
                    "fetched_at": "2025-11-19T00:00:00+00:00",
                    "content_hash": f"{i}:{p}",
                    "clustered_at": "2025-11-19T00:00:00+00:00",
                }
                for p in paths
            ]
        store.save_articles(db, rows)
    finally:
        db.close()
    return changed * options.new


# Unit costs for the estimate on paper, from bench/throughput.py and profiles on this machine:
# CPU of the crawler's thread per robots.txt answer (Scrapy alone), per portal list page (Scrapy,
# decoding, parsing, ~200 anchors judged) and per article page (Scrapy, decoding, hand-over);
# CPU of a worker per article (extraction and analysis).
ROBOTS_MS, LIST_MS, ARTICLE_MS, WORKER_MS = 3.0, 12.0, 8.0, 28.0


def on_paper(options: argparse.Namespace, changed: int, cores: int) -> dict[str, Any]:
    """The run's length from its parts: the network's request slots, one changed site's own
    politeness, the crawler's thread and the workers; the run takes about the largest."""
    sources, new = options.sources, changed * options.new
    requests = 2 * sources + changed * (options.new + 1)  # robots.txt and list page; new articles, page 2
    network = requests * options.latency / 1000 / options.concurrency  # every slot busy all the time
    # A changed site alone: robots.txt, list page 1, then page 2 and its articles 4 at a time,
    # each request at least download_delay after the one before.
    per_site = 2 * options.latency / 1000 + (options.new + 1) * options.delay + options.latency / 1000
    crawler = (sources * (ROBOTS_MS + LIST_MS) + changed * LIST_MS + new * ARTICLE_MS) / 1000
    workers = new * WORKER_MS / 1000 / cores
    return {
        "requests": requests,
        "network_seconds": round(network, 1),
        "one_changed_site_seconds": round(per_site, 1),
        "crawler_thread_seconds": round(crawler, 1),
        "workers_seconds": round(workers, 1),
        "estimate_seconds": round(max(network, crawler, workers, per_site), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=3000)
    parser.add_argument("--changed", type=float, default=0.05, help="share of sources with new articles")
    parser.add_argument("--new", type=int, default=4, help="new articles on a changed source's first list page")
    parser.add_argument("--latency", type=int, default=200, metavar="MS")
    parser.add_argument("--delay", type=float, default=0.25, help="download_delay, seconds")
    parser.add_argument("--per-site", type=int, default=4, help="per_domain_concurrency")
    parser.add_argument("--concurrency", type=int, default=16, help="[crawl] concurrency (the default: 16)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    options = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    work = options.keep or Path(tempfile.mkdtemp(prefix="newswatch-daily-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        site = build(work / "site", POOL)
        pages = list_links(site.root)
        with serving(site.root, options.latency, hosts=options.sources) as (base, server_pid):
            port = int(base.rsplit(":", 1)[1])
            write_config(work / "config.toml", port, options)
            began = time.monotonic()
            new = seed(work / "daily.db", port, pages, options)
            log(f"seeded {options.sources} sources in {time.monotonic() - began:.0f} s; {new} links are new")
            phase = measure("newswatch run", [*newswatch_command(), "--config", "config.toml", "run"], work, server_pid)
        db = store.open_db(work / "daily.db")
        try:
            run = store.recent_runs(db, 1)[0]
        finally:
            db.close()
        changed = round(options.sources * options.changed)
        figures = phase.figures()
        crawler = figures.get("processes", {}).get("newswatch", {})
        result = {
            "options": {k: v for k, v in vars(options).items() if k not in ("json", "keep")},
            "run": {k: run[k] for k in ("status", "pages", "new_articles", "failures", "new_events")},
            "seconds": figures["seconds"],
            "cpu_seconds": figures.get("cpu_seconds"),
            "crawler_process_cpu_seconds": crawler.get("cpu_seconds"),
            "core_busy": figures.get("core_busy"),
            "peak_pss_mb": figures.get("peak_pss_mb"),
            "processes": figures.get("processes"),
            "on_paper": on_paper(options, changed, os.cpu_count() or 1),
        }
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if options.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(
            f"{options.sources} sources ({round(100 * options.changed)} % changed, {options.new} new each), "
            f"{options.latency} ms latency, download_delay {options.delay} s, {options.per_site} per site, "
            f"concurrency {options.concurrency}\n"
            f"run: {result['run']}\n"
            f"{result['seconds']:.1f} s wall, {result['cpu_seconds']} s CPU "
            f"(crawler process {result['crawler_process_cpu_seconds']} s), cores busy {result['core_busy']}, "
            f"peak PSS {result['peak_pss_mb']} MB\n"
            f"on paper: {result['on_paper']}"
        )


if __name__ == "__main__":
    main()
