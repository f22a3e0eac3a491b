"""Extraction workers share the dictionaries their fork server loaded, and still learn their config's words;
the crawler's own process loads none of the extraction stack."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from pathlib import Path

import pytest

import config as configuration
from crawler.pool import GC_YOUNG_LIMIT, ExtractorPool
from pipelines import text

WATCH_WORD = "合成生物制造示范基地"  # not in jieba's dictionary nor the shipped one


def _inside_worker() -> tuple[int, bool, int, int]:
    """(objects frozen, whether the tokenizer is among them, the watch word's frequency, the
    youngest generation's collection threshold), in a worker."""
    tokenizer = text.tokenizer()
    frozen = not any(o is tokenizer for o in gc.get_objects())  # get_objects() leaves out frozen objects
    return gc.get_freeze_count(), frozen, int(tokenizer.FREQ.get(WATCH_WORD) or 0), gc.get_threshold()[0]


@pytest.mark.slow
def test_workers_share_the_fork_servers_dictionaries(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "\n".join(
            [
                "[crawl]",
                "workers = 2",
                "",
                "[[sources]]",
                'name = "x"',
                'url = "http://127.0.0.1:9/"',
                "",
                "[[watches]]",
                'name = "synbio"',
                f'keywords = ["{WATCH_WORD}"]',
                "",
            ]
        ),
        encoding="utf-8",
    )
    settings = configuration.load(path)

    async def scenario() -> list[tuple[int, bool, int, int]]:
        pool = ExtractorPool(settings)
        executor = await pool._running()
        seen = [executor.submit(_inside_worker).result() for _ in range(4)]
        await pool.close()
        return seen

    for frozen_count, tokenizer_frozen, frequency, threshold in asyncio.run(scenario()):
        assert frozen_count > 10_000  # the fork server loaded the extraction stack and froze it
        assert tokenizer_frozen  # jieba was loaded before the fork, not by the worker
        assert frequency == text.ADDED_WORD_FREQ  # the worker's initializer taught jieba its config's words
        assert threshold == GC_YOUNG_LIMIT  # and then set the worker to collect garbage less often


def test_the_crawlers_process_loads_no_numpy() -> None:
    """numpy is ~17 MB in a process: only the workers, which use it, load it (sqlite-utils would too)."""
    code = (
        "import sys, cli.main, crawler.run, crawler.spider, crawler.pipelines, crawler.decode, db\n"
        "from crawler.decode import decode_html\n"
        "decode_html('中文网页'.encode('gbk') * 200)\n"
        "print(sorted(m for m in ('numpy', 'jieba', 'trafilatura') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["[]"]


def test_the_crawlers_download_handler_loads_playwright_only_for_the_browser() -> None:
    """Playwright's modules are ~9 MB in the crawler's process; most crawls never use the browser."""
    code = (
        "import sys, crawler.run\n"
        "from scrapy.utils.misc import load_object\n"
        "from crawler.browser import HANDLER\n"
        "handler = load_object(HANDLER)\n"
        "print('playwright' in sys.modules, 'scrapy_playwright' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["False", "False"]


def test_sqlite_utils_keeps_numpy_where_it_is_loaded() -> None:
    code = "import numpy, db, sqlite_utils.db as s\nprint(s.np is numpy)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["True"]
