"""Helpers of the fault suite (tests/test_faults.py): real databases to break, files the command may
not write, and the one line a failed command may print."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import db as store


def digest(path: Path) -> str:
    """The file's SHA-256: equal before and after means not a byte changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed on stderr (and nothing that looks like a traceback)."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def stored_articles(database: Path, count: int) -> None:
    """A real database holding ``count`` articles with bodies long enough to fill many pages."""
    db = store.open_db(database)
    try:
        store.save_articles(
            db,
            [
                {
                    "url": f"https://www.example.gov.cn/news/t2025_{i}.html",
                    "source": "hp-news",
                    "title": f"生物医药产业园第{i}批项目签约",
                    "published_at": f"2025-11-{i % 28 + 1:02d}T09:30:00+08:00",
                    "lang": "zh",
                    "body": f"第{i}批项目集中签约，涵盖创新药、医疗器械和检测服务。" * 60,
                    "fetched_at": "2025-11-30T10:00:00+00:00",
                    "content_hash": f"{i:040x}",
                }
                for i in range(count)
            ],
        )
    finally:
        db.close()


def stored_articles_into(db: store.Database, count: int) -> None:
    """Write ``count`` more articles of 4,000 characters into an open database."""
    store.save_articles(
        db,
        [
            {
                "url": f"https://www.example.gov.cn/more/{i}.html",
                "source": "hp-news",
                "title": "签约",
                "body": "文" * 4000,
            }
            for i in range(count)
        ],
    )


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make a file or folder one the command cannot change: ``chmod`` as an ordinary user; as root,
    whom permissions do not stop, the immutable attribute (``chattr +i``), which stops root too."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: nothing here can make a file read-only for root")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and this file system takes no immutable attribute: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def exited(child: subprocess.Popen[str]) -> str | None:
    """Why waiting for a child is pointless: it exited (with its stderr), else None."""
    return None if child.poll() is None else f"the command exited ({child.returncode}): {child.communicate()[1]}"


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, control and space characters escaped."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the scheduler's job children), from /proc."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            if fields.get("PPid", "").strip() == str(pid):
                found.append(int(status.parent.name))
    return found
