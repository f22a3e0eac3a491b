"""The browser meets bad input: a challenge that never clears, a page that never finishes loading,
a page that opens popups, and pages that send the browser to a private address (by script, or by
an HTTP redirect, which Playwright does not route: the guard's proxy refuses it). Each ends within
``[browser] timeout`` as one recorded failure whose reason says what happened, and the other
sources go on. And the browser never outlives the run: ``kill -9`` of a run that is rendering
leaves no Chromium behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

import config as configuration
from tests.support.cli import ROOT, newswatch
from tests.support.config import FAST_CRAWL, write_config
from tests.support.guarded import GuardedSite, Intranet
from tests.support.waiting import wait_until

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,  # real crawls with a real browser
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's /usr/bin/chromium is not installed (.ci/run installs it)"
    ),
]
TIMEOUT = 10  # [browser] timeout, seconds
CHALLENGE = "blocked by an anti-bot challenge (HTTP 412, 瑞数-style); the browser did not get past it: "


def _rows(path: Path, sql: str) -> list[sqlite3.Row]:
    db = sqlite3.connect(configuration.load(path, {}).database)
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute(sql))
    finally:
        db.close()


def test_each_bad_page_is_one_named_failure_and_the_other_sources_go_on(tmp_path: Path) -> None:
    with ExitStack() as stack:
        intranet = stack.enter_context(Intranet())
        sites = {
            "fine": GuardedSite(),
            "popups": GuardedSite(behaviour="popups"),
            "stubborn": GuardedSite(behaviour="stubborn"),
            "hangs": GuardedSite(behaviour="hangs"),
            "sends-intranet": GuardedSite(behaviour="sends-away", away=intranet.url + "/admin/"),
            "sends-metadata": GuardedSite(behaviour="sends-away"),  # to 169.254.169.254
            "redirects-intranet": GuardedSite(behaviour="redirects-away", away=intranet.url + "/admin/"),
        }
        for site in sites.values():
            stack.enter_context(site)
        sources = [
            {"name": name, "url": site.url + "/news/index.html", "kind": "list"}
            | ({"render": "browser"} if site.behaviour == "redirects-away" else {})
            for name, site in sites.items()
        ]
        path = write_config(tmp_path, crawl=FAST_CRAWL, sources=sources, extra=f"[browser]\ntimeout = {TIMEOUT}\n")
        result = newswatch(path, "crawl")
        assert result.returncode == 0, result.stdout + result.stderr  # not every source failed

        failures = {r["source"]: r["reason"] for r in _rows(path, "select source, reason from failures")}
        assert len(_rows(path, "select id from failures")) == len(failures) == 5, (failures, result.stdout)
        assert failures["stubborn"].startswith(CHALLENGE + f"still a challenge after {TIMEOUT} s"), failures
        assert failures["hangs"] == CHALLENGE + f"the page did not finish loading within {TIMEOUT} s", failures
        refused = "the page was sent to a refused address (blocked: {} is a private address)"
        assert failures["sends-intranet"] == CHALLENGE + refused.format("127.0.0.1"), failures
        assert failures["sends-metadata"] == CHALLENGE + refused.format("169.254.169.254"), failures
        assert 'render = "browser"; the browser did not get past it: ' in failures["redirects-intranet"], failures
        assert "refused address (blocked: 127.0.0.1 is a private address)" in failures["redirects-intranet"]
        assert "no article links" not in result.stdout

        stored = {r["source"]: r["n"] for r in _rows(path, "select source, count(*) n from articles group by source")}
        assert stored == {"fine": 8, "popups": 8}  # nothing from the intranet, whatever reached it
        assert not [h for h in sites["popups"].hits if "popup" in h.path]  # popups blocked or closed unread
        # A script's navigation is refused before it leaves the browser; an HTTP redirect, which
        # Playwright does not route, is refused by the guard's proxy that Chromium connects through.
        assert intranet.paths == []
        assert sum(r["browser_renders"] for r in _rows(path, "select browser_renders from source_runs")) >= 6


def _chromium_marked(mark: str) -> list[int]:
    """Live (not zombie) processes whose environment carries ``mark``: the run's own, however they
    were re-parented (Chromium's crash handler double-forks away from its parent at once)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if mark.encode() in environ and stat[stat.rindex(")") + 2] != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("kill", ["the run's process", "its process group"])
def test_kill_9_of_a_rendering_run_leaves_no_chromium_behind(tmp_path: Path, kill: str) -> None:
    mark = f"NEWSWATCH_TEST_RUN={os.getpid()}-{tmp_path.name}"
    with GuardedSite(behaviour="stubborn") as site:  # keeps Chromium busy for the whole timeout
        source = {"name": "guarded", "url": site.url + "/news/index.html", "kind": "list"}
        path = write_config(tmp_path, crawl=FAST_CRAWL, sources=[source], extra="[browser]\ntimeout = 600\n")
        name, value = mark.split("=")
        run = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(path), "crawl"],
            cwd=ROOT,
            env={**os.environ, name: value},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_until(
                lambda: len(site.browser_hits()) >= 3 and any(_is_chromium(p) for p in _chromium_marked(mark)),
                "Chromium rendering the challenge",
                give_up=lambda: f"the run exited with {run.returncode}" if run.poll() is not None else None,
            )
            if kill == "the run's process":
                os.kill(run.pid, signal.SIGKILL)
            else:
                os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            wait_until(lambda: not _chromium_marked(mark), "every process of the killed run to end")
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()


def _is_chromium(pid: int) -> bool:
    try:
        return "chromium" in (Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
