"""``bench/throughput.py --render``: a crawl with the browser in play, on a challenge-protected site.

The site (tests/support/guarded.py) answers every request without its clearance cookie with a
瑞数-style challenge (HTTP 412 and a ``$_ts`` script that sets the cookie and reloads); with the
cookie it serves a list of 20 articles over two list pages. ``newswatch crawl`` (the real command
line, a child process) runs four times against one database:

  1. cold: no cookie known — the list goes to Chromium, its cookie serves the rest plainly;
  2. cookie known, 20 new articles — every request plain;
  3. cookie expired (the site asks for another), 20 new articles — one render earns the new one;
  4. nothing new — list pages only.

Per run: pages fetched, pages per second, browser renders (``source_runs.browser_renders``) and
the peak PSS and RSS of the run's whole process tree, Chromium and Playwright's driver included
(Chromium's crash handler double-forks away from the tree and is not counted; a few MB).
Targets: at most one render per run once the cookie is known (zero while it works), peak PSS
under 800 MB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procwatch import Usage, Watcher

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import db as store  # noqa: E402
from tests.support.guarded import GuardedSite  # noqa: E402

ARTICLES = 20  # a run's new articles
PER_PAGE = 10
TARGETS = {"renders_with_cookie": 1, "peak_pss_mb": 800.0}
CHROMIUM = Path("/usr/bin/chromium")


class RenderBenchError(Exception):
    """A measured run failed or Chromium is missing; the message says which."""


@dataclass(frozen=True)
class Run:
    """One measured ``newswatch crawl``."""

    name: str
    seconds: float
    pages: int
    new_articles: int
    renders: int
    failures: int
    usage: Usage

    def figures(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 2),
            "pages": self.pages,
            "pages_per_s": round(self.pages / self.seconds, 2) if self.seconds else 0.0,
            "new_articles": self.new_articles,
            "browser_renders": self.renders,
            "failures": self.failures,
            "peak_pss_mb": round(self.usage.peak_pss_mb, 1),
            "peak_rss_mb": round(self.usage.peak_rss_mb, 1),
            "peak_processes": self.usage.peak_processes,
            "cpu_seconds": round(self.usage.cpu_seconds, 1),
        }


def _config(work: Path, url: str) -> Path:
    path = work / "config.toml"
    path.write_text(
        "\n".join(
            [
                "[storage]",
                'database = "render.db"',
                "[crawl]",
                "download_delay = 0",
                "concurrency = 8",
                "per_domain_concurrency = 8",
                "max_list_pages = 5",
                "retries = 0",
                "[[sources]]",
                'name = "guarded"',
                f'url = "{url}/news/index.html"',
                'kind = "list"',
                "[browser]",
                f'executable = "{CHROMIUM}"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def _crawl(name: str, work: Path, config: Path, command: list[str]) -> Run:
    watcher = Watcher(interval=0.1)
    began = time.monotonic()
    process = subprocess.Popen(
        [*command, "--config", str(config), "crawl"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    watcher.start(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - began
    usage = watcher.stop()
    if process.returncode != 0:
        raise RenderBenchError(
            f"{name}: newswatch crawl exited with {process.returncode}: {(stderr or stdout)[-2000:]}"
        )
    db = store.open_db(work / "render.db")
    try:
        row = next(iter(db.query("select * from source_runs order by run_id desc limit 1")))
    finally:
        db.close()
    return Run(
        name, seconds, row["pages"], row["new_articles"], row["browser_renders"] or 0, row["failures"] or 0, usage
    )


def run(command: list[str], keep: Path | None, log: Any) -> dict[str, Any]:
    """The four runs and the targets, as plain data; ``command`` is the newswatch command line."""
    if not CHROMIUM.exists():
        raise RenderBenchError(f"--render needs Chromium at {CHROMIUM} (apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="newswatch-render-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    try:
        with GuardedSite(articles=ARTICLES, per_page=PER_PAGE) as site:
            config = _config(work, site.url)
            steps = [
                ("cold: no cookie known", lambda: None),
                ("cookie known, 20 new articles", lambda: setattr(site, "first", site.first + ARTICLES)),
                ("cookie expired, 20 new articles", lambda: _expire(site)),
                ("nothing new", lambda: None),
            ]
            for name, prepare in steps:
                prepare()
                log(f"{name} …")
                done = _crawl(name, work, config, command)
                log(f"    {done.pages} pages in {done.seconds:.1f} s, {done.renders} browser renders")
                runs.append(done)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    with_cookie = [r.renders for r in runs[1:]]
    peak = max(r.usage.peak_pss_mb for r in runs)
    return {
        "articles_a_run": ARTICLES,
        "cores": os.cpu_count(),
        "runs": {r.name: r.figures() for r in runs},
        "targets": {
            "renders_with_cookie": {
                "value": max(with_cookie),
                "goal": "<= 1 a run once the cookie is known (0 while it works)",
                "met": max(with_cookie) <= TARGETS["renders_with_cookie"] and runs[1].renders == runs[3].renders == 0,
            },
            "peak_pss_mb": {"value": round(peak, 1), "goal": "< 800", "met": peak < TARGETS["peak_pss_mb"]},
            "stored_all": {
                "value": sum(r.new_articles for r in runs),
                "goal": f"== {3 * ARTICLES}",
                "met": sum(r.new_articles for r in runs) == 3 * ARTICLES,
            },
        },
    }


def _expire(site: GuardedSite) -> None:
    """The site asks for a new cookie (the one earned no longer clears) and lists newer articles."""
    site.cookie += "_renewed"
    site.first += ARTICLES


def render(result: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    lines = [
        f"challenge-protected site (瑞数-style 412 on every page without its cookie), {result['articles_a_run']} new "
        f"articles a run over 2 list pages, {result['cores']} cores",
        "",
        f"{'run':34} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'renders':>8} {'new':>5} {'peak PSS':>9} "
        f"{'peak RSS':>9} {'procs':>6}",
    ]
    for name, f in result["runs"].items():
        lines.append(
            f"{name:34} {f['pages']:>6} {f['seconds']:>8.1f} {f['pages_per_s']:>8.1f} {f['browser_renders']:>8} "
            f"{f['new_articles']:>5} {f['peak_pss_mb']:>7.0f}MB {f['peak_rss_mb']:>7.0f}MB {f['peak_processes']:>6}"
        )
    lines += [
        "",
        "peak PSS/RSS: the run's whole process tree (newswatch, extraction workers, Playwright's driver, Chromium)",
        "targets: "
        + "; ".join(
            f"{k} {t['goal']}: {'met' if t['met'] else 'NOT met'} ({t['value']:g})"
            for k, t in result["targets"].items()
        ),
    ]
    return "\n".join(lines)
