"""Thin item-pipeline adapters: Page → Article in worker processes, Articles → SQLite in batches.

The real work lives in ``pipelines.process`` (extraction) and ``db`` (storage); these classes only
connect them to Scrapy, record each dropped page with its reason, and batch the writes: one
transaction per 50 articles or 2 seconds, whichever comes first, and a last one at close.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
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
    """Saves articles in batches (nothing in a dry run) and writes the failures with each batch."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pending: list[Article] = []
        self.aliases: dict[str, set[str]] = {}
        self.new_aliases = False
        self.first_pending = 0.0
        self.timer: LoopingCall | None = None
        self.tally: Tally | None = None
        self.database: store.Database | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = _run_spider(self.crawler)
        self.tally = spider.tally
        self.database = spider.database
        self.run_id = spider.run_id
        if self.database is not None:
            self.timer = LoopingCall(self._tick)
            self.timer.start(BATCH_SECONDS / 2, now=False)

    def process_item(self, item: Any) -> Any:
        assert self.tally is not None
        if isinstance(item, Aliases):
            self.aliases.setdefault(item.url, set()).update(item.aliases)
            self.new_aliases = True
        elif isinstance(item, Article):
            if self.database is None:
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
        """Write the pending articles, aliases and failures, one transaction each.

        A database that stays locked past its busy timeout keeps the batch for the next try;
        the crawl reports the error if the last try fails too.
        """
        if self.database is None or self.tally is None:
            return
        batch, self.pending = self.pending, []
        try:
            if batch:
                self.tally.stored(_save(self.database, batch))
                batch = []
            if self.aliases and (self.new_aliases or not self.pending):
                self.new_aliases = False
                done = store.add_aliases(self.database, self.aliases)
                self.aliases = {url: urls for url, urls in self.aliases.items() if url not in done}
            failures = self.tally.take_failures()
            if failures:
                store.record_failures(self.database, self.run_id, [f._asdict() for f in failures])
            self.tally.storage_error = None
        except sqlite3.DatabaseError as exc:  # locked, full, read-only, damaged: the crawl says so at its end
            log.warning("could not write to the database, will retry: %s", exc)
            self.pending = batch + self.pending
            self.tally.storage_error = exc

    def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()


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
