"""What a run shows while it works: a live display on a terminal, plain lines without one."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.slowsite import SlowSite, write_config

pytestmark = pytest.mark.slow  # real crawls of a slow site

ROOT = Path(__file__).resolve().parent.parent


def test_without_a_terminal_a_run_writes_plain_progress_lines_and_a_summary(tmp_path: Path) -> None:
    with SlowSite(hold=0) as site:
        config = write_config(tmp_path, site=site.url)
        done = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    progress = [line for line in done.stderr.splitlines() if " progress: sources " in line]
    assert progress and "\x1b" not in done.stderr
    assert "crawl summary" in done.stdout and "slow-news" in done.stdout
    assert "1 new articles" in done.stdout


def test_on_a_terminal_a_run_shows_a_live_display(tmp_path: Path) -> None:
    with SlowSite(hold=3) as site:  # the display shows the source at work while its article is held
        config = write_config(tmp_path, site=site.url)
        leader, follower = pty.openpty()
        child = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            text=True,
        )
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the run ends
                break
            if not chunk:
                break
            seen += chunk
        os.close(leader)
        assert child.wait(timeout=300) == 0
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace"))
    assert "sources 0/1 · pages" in text and "new articles 1" in text
    assert " progress: " not in text  # the live display, not the plain lines
