"""Thin item-pipeline adapters: Page → Article in worker processes, Articles → SQLite in batches.

The real work lives in ``pipelines.process`` (extraction) and ``db`` (storage); these classes only
connect them to Scrapy, record each dropped page with its reason, and batch the writes: one
transaction per 50 articles or 2 seconds, whichever comes first, and a last one at close, written
by a thread of their own.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

import db as store
from config import Config
from crawler.pool import ExtractionFailed, ExtractorPool
from crawler.report import Tally
from errors import Skip
from pipelines.article import Article, Page

log = logging.getLogger(__name__)

BATCH_SIZE = 50
BATCH_SECONDS = 2.0


class _RunSpider(Protocol):
    """What the pipelines read from the crawl's spider, crawler.spider.NewsSpider (which imports
    this module, so it is described here rather than imported)."""

    config: Config
    tally: Tally
    database: store.Database | None
    run_id: int | None


def _run_spider(crawler: Crawler) -> _RunSpider:
    # Scrapy types crawler.spider as an optional base Spider; by the time it opens the pipelines
    # it has set it, and the only spider these pipelines run with is a NewsSpider.
    return cast(_RunSpider, crawler.spider)


@dataclass(frozen=True)
class Aliases:
    """Other URLs of an article that is (or is about to be) stored under ``url``."""

    source: str
    url: str
    aliases: tuple[str, ...]


def _url(item: Any) -> str:
    return str(getattr(item, "url", "") or "")


class QuietLogFormatter(LogFormatter):
    """Scrapy's log lines name an item by its URL instead of printing the whole page."""

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        return {"level": logging.DEBUG, "msg": "Stored %(url)s", "args": {"url": _url(item)}}

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        return {
            "level": logging.DEBUG,
            "msg": "Dropped %(url)s: %(reason)s",
            "args": {"url": _url(item), "reason": exception},
        }

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        return {"level": logging.ERROR, "msg": "Error processing %(url)s", "args": {"url": _url(item)}}


class ExtractPipeline:
    """Runs ``process_page`` in a process pool; a page that yields no article is a recorded failure."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tally: Tally | None = None
        self.pool: ExtractorPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = _run_spider(self.crawler)
        self.tally = spider.tally
        self.pool = ExtractorPool(spider.config)  # workers start with the first page

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        assert self.tally is not None and self.pool is not None
        try:
            return await self.pool.process(item)
        except Skip as exc:
            reason = exc.reason
        except ExtractionFailed as exc:
            reason = str(exc)
        except Exception as exc:  # per-page boundary: one hostile page must not stop the crawl
            log.warning("extracting %s failed", item.url, exc_info=True)
            reason = f"extraction error: {type(exc).__name__}: {exc}"
        self.tally.fail(item.source, item.url, reason, permanent=True, aliases=item.aliases)  # as served, no article
        raise DropItem(reason, log_level="DEBUG")

    async def close_spider(self) -> None:
        if self.pool is not None:
            await self.pool.close()


class StorePipeline:
    """Saves articles in batches (nothing in a dry run) and writes the failures with each batch.

    The writes run in one writer thread with its own connection, so a batch (tens of
    milliseconds, more when a reader holds the database) never holds up the crawl's event loop,
    which only hands batches over; the thread writes them in order, and the crawl ends after the
    last one is written.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pending: list[Article] = []
        self.aliases: dict[str, set[str]] = {}
        self.new_aliases = False
        self.first_pending = 0.0
        self.timer: LoopingCall | None = None
        self.tally: Tally | None = None
        self.writer: Writer | None = None
        self.writing: set[asyncio.Future[Written]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = _run_spider(self.crawler)
        self.tally = spider.tally
        if spider.database is not None:
            self.writer = Writer(spider.config.database, spider.run_id)
            self.timer = LoopingCall(self._tick)
            self.timer.start(BATCH_SECONDS / 2, now=False)

    def process_item(self, item: Any) -> Any:
        assert self.tally is not None
        if isinstance(item, Aliases):
            self.aliases.setdefault(item.url, set()).update(item.aliases)
            self.new_aliases = True
        elif isinstance(item, Article):
            if self.writer is None:
                self.tally.stored([(item, None)])
            else:
                if not self.pending:
                    self.first_pending = time.monotonic()
                self.pending.append(item)
                if len(self.pending) >= BATCH_SIZE:
                    self.flush()
        return item

    def _tick(self) -> None:
        assert self.tally is not None
        due = bool(self.pending) and time.monotonic() - self.first_pending >= BATCH_SECONDS
        idle = not self.pending and (bool(self.tally.unsaved_failures) or self.new_aliases)
        if due or idle:
            self.flush()

    def flush(self) -> None:
        """Hand the pending articles, aliases and failures to the writer thread (one transaction
        each there); what it could not write comes back to be tried with the next batch."""
        if self.writer is None or self.tally is None:
            return
        batch, self.pending = self.pending, []
        # Every alias still unwritten goes with each batch: one whose article is not stored yet
        # (its page is still being extracted) is written with a later one.
        aliases = {url: set(urls) for url, urls in self.aliases.items()}
        self.new_aliases = False
        failures = [f._asdict() for f in self.tally.take_failures()]
        if not (batch or aliases or failures):
            return
        loop = asyncio.get_running_loop()
        future = asyncio.wrap_future(self.writer.submit(batch, aliases, failures), loop=loop)
        self.writing.add(future)
        future.add_done_callback(functools.partial(self._written, batch, aliases))

    def _written(self, batch: list[Article], aliases: dict[str, set[str]], future: asyncio.Future[Written]) -> None:
        """Back on the event loop: count what was stored, keep what was not for the next try."""
        assert self.tally is not None
        self.writing.discard(future)
        failed = future.exception()
        if failed is not None:  # not the database refusing a write: a bug; the run must say so
            log.error("writing a batch failed", exc_info=failed)
            written = Written(error=failed if isinstance(failed, Exception) else RuntimeError(repr(failed)))
        else:
            written = future.result()
        if written.stored is not None:
            self.tally.stored(written.stored)
        elif batch:
            self.pending = batch + self.pending
        for url in written.aliases_done:
            left = self.aliases.get(url, set()) - aliases.get(url, set())
            if left:
                self.aliases[url] = left
            else:
                self.aliases.pop(url, None)
        if written.error is None:
            self.tally.storage_error = None
        else:
            log.warning("could not write to the database, will retry: %s", written.error)
            self.tally.storage_error = written.error

    async def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        if self.writer is None:
            return
        await self._drain()  # the batches in flight, then the last one
        self.flush()
        await self._drain()
        self.writer.close()

    async def _drain(self) -> None:
        while self.writing:
            await asyncio.wait(set(self.writing))


@dataclass
class Written:
    """What one hand-over to the writer thread stored; ``error`` if the database refused the rest."""

    stored: list[tuple[Article, int | None]] | None = None  # None: the batch was not written
    aliases_done: set[str] = field(default_factory=set)
    error: Exception | None = None


class Writer:
    """One thread that writes batches in the order they were handed over, on its own connection
    (SQLite connections belong to the thread that opened them)."""

    def __init__(self, database: Path, run_id: int | None) -> None:
        self.path = database
        self.run_id = run_id
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="newswatch-writer")
        self._db: store.Database | None = None

    def submit(
        self, batch: list[Article], aliases: dict[str, set[str]], failures: list[dict[str, Any]]
    ) -> Future[Written]:
        return self._thread.submit(self._write, batch, aliases, failures)

    def _write(self, batch: list[Article], aliases: dict[str, set[str]], failures: list[dict[str, Any]]) -> Written:
        written = Written()
        try:
            if self._db is None:
                self._db = store.open_db(self.path)
            if batch:
                written.stored = _save(self._db, batch)
            if aliases:
                written.aliases_done = store.add_aliases(self._db, aliases)
            if failures:
                store.record_failures(self._db, self.run_id, failures)
        except sqlite3.DatabaseError as exc:  # locked, full, read-only, damaged: kept for the next try
            written.error = exc
        return written

    def close(self) -> None:
        """Close the connection in its thread, then end the thread."""
        self._thread.submit(self._close).result()
        self._thread.shutdown()

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _save(database: store.Database, batch: list[Article]) -> list[tuple[Article, int | None]]:
    """Save a batch; return the articles that were new with their ids (known ones only add aliases)."""
    urls = [u for article in batch for u in (article.url, *article.aliases)]
    taken = store.known_urls(database, urls)
    fresh: list[Article] = []
    for article in batch:
        own = {article.url, *article.aliases}
        if not own & taken:
            fresh.append(article)
        taken |= own
    ids = store.save_articles(database, [article.row() for article in batch])
    if len(ids) != len(fresh):  # another writer raced us; count what was inserted, unattributed
        log.warning("expected %d new articles in a batch, stored %d", len(fresh), len(ids))
        fresh = fresh[: len(ids)]
    return list(zip(fresh, ids, strict=True))
