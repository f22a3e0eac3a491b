"""Bad input: a thousand malformed pages through the real crawler and extraction, none harming the rest.

Every page is either stored as a sane article or recorded as a failure of its own with a reason;
the crawl ends (the timeout below is a guard against a hang, not a measure), holds its memory
down, and leaves no process behind. ``python -m tests.support.badpages`` prints the per-page times.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.urls import canonical_url
from pipelines.extract import MAX_BODY_CHARS, MAX_TITLE_CHARS
from pipelines.normalize import to_simplified
from pipelines.process import MIN_BODY_CHARS
from tests.support.badpages import BadSite, write_site_config
from tests.support.malformed import MUST_FAIL, PARAGRAPHS
from tests.support.sessions import PeakRss, left_behind

pytestmark = pytest.mark.slow  # a crawl of a thousand bad pages, and every bad config under four commands

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT = 900
MEMORY_LIMIT = 1_500_000_000  # bytes for the crawler and its workers together; a bomb inflates to 1 GB
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# fmt: off
REASONS = {  # what the failures table must say for the pages that can never be articles
    "bomb": "too large", "big-body": "too large", "never-ends": "timeout", "redirect-loop": "redirect",
    "binary": "not an html page|binary", "empty": "empty|no article text|binary",
}
# fmt: on


def test_a_thousand_malformed_pages_are_stored_sanely_or_fail_with_a_reason(tmp_path: Path) -> None:
    with BadSite() as site:
        config = write_site_config(site, tmp_path)
        child = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        memory = PeakRss(child.pid)
        try:
            _out, err = child.communicate(timeout=CRAWL_TIMEOUT)
        finally:
            peak = memory.stop()
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        requested = set(site.requests)
        pages = {canonical_url(site.url + p.path): p for p in site.pages}
    assert child.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    # the crawl's fork server and workers follow it out (they notice its end within a moment)
    assert left_behind(child.pid) == [], "the crawl left processes behind"
    assert peak < MEMORY_LIMIT, f"peak RSS {peak / 1e6:.0f} MB"
    assert {p.path for p in pages.values()} <= requested

    conn = sqlite3.connect(tmp_path / "news.db")
    conn.row_factory = sqlite3.Row
    try:
        stored = {r["url"]: r for r in conn.execute("select * from articles")}
        reached = {r["url"]: r["article_id"] for r in conn.execute("select url, article_id from article_urls")}
        failures = {r["url"]: r["reason"] for r in conn.execute("select url, reason from failures")}
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()

    unaccounted = [p.kind for url, p in pages.items() if url not in reached and url not in failures]
    assert unaccounted == []
    both = [p.kind for url, p in pages.items() if url in reached and url in failures]
    assert both == []
    assert set(stored) <= set(pages), "stored something that is not one of the pages"

    wrong = [
        (p.kind, failures.get(url))
        for url, p in pages.items()
        if p.kind in MUST_FAIL and not re.search(REASONS[p.kind], failures.get(url) or "", re.I)
    ]
    assert wrong == []
    assert all(reason and len(reason) < 300 for reason in failures.values())

    insane = [(pages[url].kind, problem) for url, row in stored.items() for problem in _insanity(row)]
    assert insane == []

    # Wrong or missing charsets and mixed encodings are read the way the text was written.
    garbled = [
        (pages[url].kind, pages[url].number)
        for url, row in stored.items()
        if pages[url].kind in ("wrong-charset", "no-charset", "mixed-encoding")
        and not any(p[:24] in to_simplified(row["body"]) for p in PARAGRAPHS)
    ]
    assert garbled == []
    readable = [url for url, p in pages.items() if p.kind in ("wrong-charset", "no-charset") and url in stored]
    assert len(readable) >= 0.9 * sum(p.kind in ("wrong-charset", "no-charset") for p in pages.values())


def _insanity(row: sqlite3.Row) -> list[str]:
    """What is wrong with a stored article, if anything."""
    problems = []
    title, body = row["title"] or "", row["body"] or ""
    if not 1 <= len(title) <= MAX_TITLE_CHARS or "\n" in title:
        problems.append(f"title of {len(title)} characters")
    if not MIN_BODY_CHARS[row["lang"]] <= len(body) <= MAX_BODY_CHARS:
        problems.append(f"body of {len(body)} characters")
    if UNPRINTABLE.search(title + body):
        problems.append(f"unprintable character {UNPRINTABLE.search(title + body).group()!r}")
    if row["published_at"] is not None and not ISO.match(row["published_at"]):
        problems.append(f"published_at {row['published_at']!r}")
    if row["lang"] not in ("zh-hans", "zh-hant", "en") or not row["content_hash"]:
        problems.append("lang or content hash")
    return problems


# ---------------------------------------------------------------- malformed configurations


def test_no_malformed_configuration_leaves_a_database_or_a_changed_file_behind(tmp_path: Path) -> None:
    """Each of test_config's bad configurations, under the commands that write: exit 2, one line, no trace."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.test_config import BAD_CONFIGS, GOOD_SOURCE

    cases = [
        *BAD_CONFIGS,
        ("codec-not-text", GOOD_SOURCE + 'encoding = "base64"\n', "sources[0].encoding: unknown"),
        ("nul-in-key", GOOD_SOURCE + 'encoding = "gb\\u0000k"\n', "sources[0].encoding: unknown"),
    ]
    commands = [
        ("run",),
        ("digest",),
        ("crawl", "--dry-run"),
        ("sources", "add", "http://127.0.0.1:9/news/", "--name", "fresh", "--no-check"),
    ]

    def attempt(case: tuple[str, str, str], command: tuple[str, ...]) -> str | None:
        name, text, expected = case
        folder = tmp_path / f"{name}-{command[0]}-{len(command)}"
        folder.mkdir()
        config = folder / "config.toml"
        config.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), *command],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            env={k: v for k, v in os.environ.items() if k != "NEWSWATCH_TEST_UNSET_VAR"},
        )
        left = sorted(p.name for p in folder.iterdir())
        names_the_key = expected in done.stderr or command[0] == "sources"  # sources add names the file's flaw
        if (done.returncode, len(done.stderr.strip().splitlines()), left) != (
            2,
            1,
            ["config.toml"],
        ) or not names_the_key:
            return f"{name} / {' '.join(command)}: exit {done.returncode}, files {left}, {done.stderr[-300:]}"
        if config.read_text(encoding="utf-8") != text:
            return f"{name} / {' '.join(command)}: config changed"
        return None

    with ThreadPoolExecutor(4) as pool:
        problems = [
            p
            for p in pool.map(lambda pair: attempt(*pair), [(case, command) for case in cases for command in commands])
            if p
        ]
    assert problems == []
