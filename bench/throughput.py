"""Throughput of ``newswatch crawl`` against the tools a user would pick instead, on one local site.

Generates a portal-style site (``sitegen.py``: N articles of 20–130 KB HTML, UTF-8 and GBK
columns, paginated lists), serves it from its own process (``siteserve.py``) and measures, on the
same URLs:

  (a) ``newswatch crawl`` end to end: fetch, extract, analyse, store (a subprocess, temp config);
  (b) trafilatura fetch + extract: a thread pool over ``fetch_url`` + ``extract``, and its
      command line with ``--parallel``; the faster counts;
  (c) a fetch-only Scrapy crawl of the same lists and articles, the ceiling;

then a second ``newswatch crawl`` with nothing new. Prints pages/s, a/b, a/c, per-core CPU during
(a), the peak memory of (a)'s process tree, and the targets. A benchmark, not a test.

    .venv/bin/python bench/throughput.py [--pages 2000] [--concurrency 32] [--repeat 1] [--json] [--quick]
        [--latency MS] [--light]
    .venv/bin/python bench/throughput.py --render [--json]   # the browser in play (bench/render.py)
"""

from __future__ import annotations

import argparse
import configparser
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from procwatch import Usage, Watcher, cpu_seconds  # noqa: E402
from sitegen import COLUMNS, build  # noqa: E402
from siteserve import serving  # noqa: E402

import db as store  # noqa: E402

# Issue #16: a/c is judged with --latency 200 (on loopback it cannot reach it, see the README).
TARGETS = {"a/b": 2.0, "a/c": 0.9, "rerun": 0.03, "rerun_one_s": 1.0, "cpu_ms_per_page": 25.0, "memory_mb": 340.0}
RERUN_ONE_TRIES = 3  # the one-source re-run is short: its best of three stands for it


@dataclass
class Phase:
    """One measured command: what it did, how long it took, what it cost."""

    name: str
    articles: int
    seconds: float
    usage: Usage | None = None
    server_cpu_seconds: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def figures(self) -> dict[str, Any]:
        out = {
            "articles": self.articles,
            "seconds": round(self.seconds, 2),
            "pages_per_s": round(self.pages_per_s, 1),
            "server_cpu_seconds": round(self.server_cpu_seconds, 2),
            **self.detail,
        }
        u = self.usage
        if u is not None:
            other = u.busy_cpu_seconds - u.cpu_seconds - self.server_cpu_seconds
            out.update(
                core_busy=[round(b, 3) for b in u.core_busy],
                cpu_seconds=round(u.cpu_seconds, 1),
                cpu_ms_per_page=round(1000 * u.cpu_seconds / self.articles, 1) if self.articles else None,
                peak_rss_mb=round(u.peak_rss_mb, 1),
                peak_pss_mb=round(u.peak_pss_mb, 1),
                peak_processes=u.peak_processes,
                processes=_by_role(u.processes),
                other_cpu_seconds=round(max(0.0, other), 1),
            )
        return out


def _by_role(processes: tuple[tuple[str, float, float], ...]) -> dict[str, dict[str, Any]]:
    """Per role (newswatch, forkserver, worker…): how many processes, their CPU seconds, the largest RSS."""
    roles: dict[str, dict[str, Any]] = {}
    for role, cpu, rss in processes:
        entry = roles.setdefault(role, {"count": 0, "cpu_seconds": 0.0, "peak_rss_mb": 0.0})
        entry["count"] += 1
        entry["cpu_seconds"] = round(entry["cpu_seconds"] + cpu, 2)
        entry["peak_rss_mb"] = round(max(entry["peak_rss_mb"], rss), 1)
    return roles


class BenchError(Exception):
    """A measured command failed; the message holds the end of its output."""


def measure(
    name: str, command: list[str], cwd: Path, server_pid: int, count: Callable[[str], int] | None = None
) -> Phase:
    """Run ``command`` to completion under a Watcher; ``count(stdout)`` says how many articles it got."""
    watcher = Watcher(interval=0.2)
    server_before = cpu_seconds(server_pid)
    began = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120"},
    )
    watcher.start(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - began
    usage = watcher.stop()
    if process.returncode != 0:
        raise BenchError(f"{name} exited with status {process.returncode}: {(stderr or stdout)[-2000:]}")
    return Phase(name, count(stdout) if count else 0, seconds, usage, cpu_seconds(server_pid) - server_before)


def _json_count(stdout: str) -> int:
    return int(json.loads(stdout.splitlines()[-1])["articles"])


def newswatch_command() -> list[str]:
    """The ``newswatch`` console script a user runs (or the same entry point through this Python)."""
    script = Path(sys.executable).parent / "newswatch"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from cli import main; main()"]


def write_config(path: Path, base: str, pages: int, concurrency: int) -> None:
    """A config whose sources are the generated columns: every list page reachable, no delay."""
    lists = pages // len(COLUMNS) // 20 + 5
    text = [
        "[storage]",
        'database = "bench.db"',
        "",
        "[crawl]",
        f"concurrency = {concurrency}",
        f"per_domain_concurrency = {concurrency}",
        "download_delay = 0",
        f"max_list_pages = {lists}",
        f"max_links_per_source = {pages}",  # the default (300) would defer most links to a later run
        "timeout = 60",
        "retries = 1",
        "obey_robots_txt = true",
        "",
    ]
    for column in COLUMNS:
        text += [
            "[[sources]]",
            f'name = "{column.slug}"',
            f'url = "{base}/{column.slug}/index.html"',
            'kind = "list"',
            "",
        ]
    text += [
        "[[watches]]",
        'name = "biomed-cluster"',
        'title = "生物医药产业集群"',
        'keywords = ["生物医药", "医疗器械", "创新药", "细胞治疗", "基因检测", "生物制药"]',
        'exclude = ["招聘"]',
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


def stored(database: Path, expected: set[str]) -> tuple[int, int]:
    """(articles stored, expected article URLs not stored)."""
    db = store.open_db(database)
    try:
        return store.count(db, "articles"), len(expected - store.all_known_urls(db))
    finally:
        db.close()


Log = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """What to measure and how hard: the command line's choices."""

    pages: int = 2000
    concurrency: int = 32
    threads: int = 2 * (os.cpu_count() or 1)
    quick: bool = False
    repeat: int = 1
    latency_ms: int = 0
    light: bool = False


def run(options: Options, keep: Path | None, log: Log) -> dict[str, Any]:
    """Build, serve and measure; the work directory is removed afterwards unless ``keep`` names it."""
    work = Path(tempfile.mkdtemp(prefix="newswatch-bench-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(work, options, log)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _best(log: Log, repeat: int, attempt: Callable[[], Phase]) -> Phase:
    """The fastest of ``repeat`` runs (other load on the machine only ever slows a run down)."""
    runs = []
    for _ in range(repeat):
        phase = attempt()
        log(f"    {phase.articles} articles in {phase.seconds:.1f} s = {phase.pages_per_s:.1f} pages/s")
        runs.append(phase)
    fastest = min(runs, key=lambda p: p.seconds)
    if repeat > 1:
        fastest.detail["runs_seconds"] = [round(p.seconds, 2) for p in runs]
    return fastest


def _run(work: Path, options: Options, log: Log) -> dict[str, Any]:
    began = time.monotonic()
    site = build(work / "site", options.pages, light=options.light)
    sizes = [(site.root / p.lstrip("/")).stat().st_size for p in site.articles]
    log(
        f"site: {options.pages} articles, HTML {min(sizes) / 1000:.0f}–{max(sizes) / 1000:.0f} KB "
        f"(mean {sum(sizes) / len(sizes) / 1000:.1f} KB), built in {time.monotonic() - began:.1f} s"
    )
    phases: dict[str, Phase] = {}
    contenders = [sys.executable, str(BENCH / "contenders.py")]
    with serving(site.root, options.latency_ms) as (base, server_pid):
        urls = [base + p for p in site.articles]
        (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        write_config(work / "config.toml", base, options.pages, options.concurrency)
        crawl = [*newswatch_command(), "--config", "config.toml", "crawl"]
        database = work / "bench.db"

        def first_crawl() -> Phase:
            for stale in (database, database.with_name("bench.db-wal"), database.with_name("bench.db-shm")):
                stale.unlink(missing_ok=True)
            phase = measure("newswatch crawl", crawl, work, server_pid)
            phase.articles, phase.detail["missing"] = stored(database, set(urls))
            return phase

        log("(a) newswatch crawl …")
        phases["a"] = a = _best(log, options.repeat, first_crawl)
        log("    re-run with nothing new …")
        rerun = measure("newswatch crawl (re-run)", crawl, work, server_pid)
        rerun.articles = stored(database, set(urls))[0] - a.articles
        phases["rerun"] = rerun
        log(f"    {rerun.seconds:.2f} s ({100 * rerun.seconds / a.seconds:.1f} % of the first)")
        log("    re-run of one source with nothing new, best of 3 …")
        one = [*crawl, "--source", COLUMNS[0].slug]
        tries = [measure("newswatch crawl (one source)", one, work, server_pid) for _ in range(RERUN_ONE_TRIES)]
        phases["rerun_one"] = min(tries, key=lambda p: p.seconds)
        phases["rerun_one"].detail["runs_seconds"] = [round(p.seconds, 2) for p in tries]
        log(f"    {phases['rerun_one'].seconds:.2f} s")

        log("(b) trafilatura fetch_url + extract, thread pool …")
        pool = [*contenders, "pool", "urls.txt", "--threads", str(options.threads)]
        phases["b_pool"] = _best(
            log, options.repeat, lambda: measure("trafilatura pool", pool, work, server_pid, _json_count)
        )
        if not options.quick:
            log("(b) trafilatura command line --parallel …")
            phases["b_cli"] = _best(
                log, options.repeat, lambda: _trafilatura_cli(work, options.concurrency, server_pid)
            )

        log("(c) Scrapy fetch-only ceiling …")
        ceiling = [
            *contenders,
            "ceiling",
            "--concurrency",
            str(options.concurrency),
            *[f"{base}/{c.slug}/index.html" for c in COLUMNS],
        ]
        phases["c"] = _best(
            log, options.repeat, lambda: measure("scrapy ceiling", ceiling, work, server_pid, _json_count)
        )
    return report(options, sizes, phases)


def _trafilatura_cli(work: Path, concurrency: int, server_pid: int) -> Phase:
    # Its shipped settings, except that loopback may be fetched and nothing sleeps between requests.
    spec = importlib.util.find_spec("trafilatura")
    settings = configparser.ConfigParser()
    settings.read(Path(spec.origin).parent / "settings.cfg" if spec and spec.origin else [])
    settings["DEFAULT"].update({"SLEEP_TIME": "0", "SSRF_PROTECTION": "off"})
    config = work / "trafilatura.cfg"
    with config.open("w", encoding="utf-8") as handle:
        settings.write(handle)
    # Results go to stdout, one JSON document a line: with -o the CLI names files by a bag-of-words
    # hash, and Chinese text (no spaces between words) makes about a quarter of them collide.
    command = [
        str(Path(sys.executable).parent / "trafilatura"),
        "-i",
        "urls.txt",
        "--parallel",
        str(concurrency),
        "--fast",
        "--no-comments",
        "--with-metadata",
        "--json",
        "--config-file",
        str(config),
    ]
    return measure(
        "trafilatura command line",
        command,
        work,
        server_pid,
        lambda out: sum(1 for line in out.splitlines() if line.startswith("{")),
    )


def report(options: Options, sizes: list[int], phases: dict[str, Phase]) -> dict[str, Any]:
    """The figures, ratios and targets as plain data (what ``--json`` prints)."""
    pages = options.pages
    a, c = phases["a"], phases["c"]
    b_name = max((k for k in ("b_pool", "b_cli") if k in phases), key=lambda k: phases[k].pages_per_s)
    b = phases[b_name]
    # Summed RSS counts the fork server's shared dictionaries once per worker; PSS splits each
    # shared page between the processes that map it, so it is what the tree really occupies.
    pss = a.usage.peak_pss_mb if a.usage else 0.0
    rss = a.usage.peak_rss_mb if a.usage else 0.0
    largest = max((v["peak_rss_mb"] for v in a.figures().get("processes", {}).values()), default=0.0)
    ratios = {
        "a/b": a.pages_per_s / b.pages_per_s if b.pages_per_s else 0.0,
        "a/c": a.pages_per_s / c.pages_per_s if c.pages_per_s else 0.0,
        "rerun": phases["rerun"].seconds / a.seconds,
    }
    one = phases.get("rerun_one")
    cpu_ms = a.figures().get("cpu_ms_per_page") or 0.0
    return {
        "pages": pages,
        "concurrency": options.concurrency,
        "pool_threads": options.threads,
        "repeat": options.repeat,
        "cores": os.cpu_count(),
        "latency_ms": options.latency_ms,
        "light": options.light,
        "html_kb": {
            "min": round(min(sizes) / 1000, 1),
            "mean": round(sum(sizes) / len(sizes) / 1000, 1),
            "max": round(max(sizes) / 1000, 1),
        },
        "phases": {k: p.figures() for k, p in phases.items()},
        "b": b_name,
        "ratios": {k: round(v, 3) for k, v in ratios.items()},
        "targets": {
            "a/b": _target(ratios["a/b"], ">=", TARGETS["a/b"]),
            "a/c": _target(ratios["a/c"], ">=", TARGETS["a/c"]),
            "rerun": _target(ratios["rerun"], "<=", TARGETS["rerun"]),
            "rerun_one_s": _target(
                one.seconds if one else 0.0,
                "<=",
                TARGETS["rerun_one_s"],
                note="wall seconds of `crawl --source` on one source with nothing new (best of 3)",
            ),
            "cpu_ms_per_page": _target(cpu_ms, "<=", TARGETS["cpu_ms_per_page"]),
            "memory_mb": _target(
                pss,
                "<",
                TARGETS["memory_mb"],
                note=f"peak PSS of the process tree at {pages} pages (the target is for 5,000); "
                f"summed RSS {rss:.0f} MB counts shared pages once per process; "
                f"largest single process RSS {largest:.0f} MB",
            ),
            "stored_all": _target(float(a.detail.get("missing", 1) == 0 and a.articles == pages), ">=", 1.0),
        },
    }


def _target(value: float, op: str, goal: float, note: str = "") -> dict[str, Any]:
    met = value >= goal if op == ">=" else value <= goal if op == "<=" else value < goal
    return {"value": round(value, 3), "goal": f"{op} {goal:g}", "met": met, **({"note": note} if note else {})}


def render(result: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    p = result["phases"]
    names = {
        "a": "(a) newswatch crawl",
        "rerun": "    re-run, nothing new",
        "rerun_one": "    the same, one source",
        "b_pool": "(b) trafilatura pool",
        "b_cli": "(b) trafilatura CLI",
        "c": "(c) scrapy fetch-only",
    }
    lines = [
        f"{result['pages']} articles, HTML {result['html_kb']['min']:.0f}–{result['html_kb']['max']:.0f} KB "
        f"(mean {result['html_kb']['mean']:.1f} KB), concurrency {result['concurrency']}, "
        f"trafilatura pool {result['pool_threads']} threads, {result['cores']} cores"
        + (f", fastest of {result['repeat']} runs each" if result["repeat"] > 1 else "")
        + (f", {result['latency_ms']} ms added to every answer" if result.get("latency_ms") else ""),
        "",
        f"{'':26} {'articles':>8} {'seconds':>8} {'pages/s':>8} {'core0':>6} {'core1':>6} "
        f"{'CPU s':>6} {'ms/page':>8} {'peak RSS':>9} {'peak PSS':>9}",
    ]
    for key, label in names.items():
        if key not in p:
            continue
        f = p[key]
        busy = [*f.get("core_busy", [0, 0]), 0, 0]
        lines.append(
            f"{label + (' *' if key == result['b'] else ''):26} {f['articles']:>8} {f['seconds']:>8.1f} "
            f"{f['pages_per_s']:>8.1f} {100 * busy[0]:>5.0f}% {100 * busy[1]:>5.0f}% "
            f"{f.get('cpu_seconds', 0):>6.1f} {f.get('cpu_ms_per_page') or '-':>8} "
            f"{f.get('peak_rss_mb', 0):>7.0f}MB {f.get('peak_pss_mb', 0):>7.0f}MB"
        )
    r = result["ratios"]
    by_role = ", ".join(
        f"{role} ×{v['count']} {v['cpu_seconds']:.1f} s / {v['peak_rss_mb']:.0f} MB"
        for role, v in p["a"].get("processes", {}).items()
    )
    lines += ["", f"(a) by process (CPU / peak RSS): {by_role}"]
    noisy = [
        f"{names[k].strip()} {100 * f['other_cpu_seconds'] / (f['seconds'] * result['cores']):.0f} %"
        for k, f in p.items()
        if f.get("other_cpu_seconds", 0) > 0.05 * f["seconds"] * result["cores"]
    ]
    if noisy:
        lines.append(
            "warning: other processes used this share of the machine (wall times are inflated): " + ", ".join(noisy)
        )
    lines += [
        "",
        "* the faster trafilatura variant, used for a/b. core0/core1: whole machine (server included); "
        "CPU s, RSS, PSS: the command's process tree.",
        f"a/b = {r['a/b']:.2f}   a/c = {r['a/c']:.2f}   re-run = {100 * r['rerun']:.1f} % of the first run, "
        f"one source {p['rerun_one']['seconds']:.2f} s",
        "targets: "
        + "; ".join(
            f"{k} {t['goal']}: {'met' if t['met'] else 'NOT met'} ({t['value']:g})"
            for k, t in result["targets"].items()
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="articles in the generated site (default 2000)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=32,
        help="parallel requests of newswatch, Scrapy and trafilatura's command line (default 32)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="trafilatura thread pool size (default 2 per core: more threads only fight over "
        "the GIL, and 32 ran slower than 4)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="skip trafilatura's command line (the thread pool stands for b)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each contender this many times and keep its fastest run (default 1)"
    )
    parser.add_argument(
        "--latency",
        type=int,
        default=0,
        metavar="MS",
        help="hold every answer back MS milliseconds, as a distant portal would (default 0; "
        "then give the thread pool as many --threads as --concurrency)",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="measure the browser instead (bench/render.py): a challenge-protected site, four runs",
    )
    parser.add_argument(
        "--light", action="store_true", help="a light site: 15–25 KB pages, half of them 1–2 paragraph items"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (site, config, database)")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.render:
        import render as browser_bench

        try:
            figures = browser_bench.run(newswatch_command(), args.keep, log)
        except browser_bench.RenderBenchError as exc:
            sys.exit(f"benchmark failed: {exc}")
        print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else browser_bench.render(figures))
        return
    try:
        options = Options(
            args.pages, args.concurrency, args.threads, args.quick, max(1, args.repeat), args.latency, args.light
        )
        result = run(options, args.keep, log)
    except BenchError as exc:
        sys.exit(f"benchmark failed: {exc}")
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else render(result))


if __name__ == "__main__":
    main()
