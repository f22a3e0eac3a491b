"""``run_crawl``: one Scrapy crawl of the given sources in this process, stored under a run the
caller records (``operations.run``).

Twisted's reactor cannot start twice, so a process crawls once; the CLI and the scheduler run
each crawl in its own process.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Sequence
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

import db as store
from config import Config, Source
from crawler import browser
from crawler import settings as crawl_settings
from crawler.pool import collect_less
from crawler.report import CrawlProgress, CrawlReport, Tally
from crawler.spider import NewsSpider
from crawler.urls import netloc_of
from errors import NewswatchError
from pipelines.heap import keep_heap_small

_crawled = False


def scrapy_settings(config: Config) -> Settings:
    """The crawler's Scrapy settings: the module's defaults, then the ``[crawl]`` section."""
    settings = Settings()
    settings.setmodule(crawl_settings, priority="project")
    settings.update(crawl_settings.from_config(config.crawl), priority="project")
    settings.update(browser.settings(config, frozenset(netloc_of(s.url) for s in config.sources)), priority="project")
    return settings


def _quiet_scrapy() -> None:
    """Scrapy logs at the level the CLI chose; page failures are recorded, not shouted.

    Scrapy sets its loggers to DEBUG when the process starts, so the root handlers get the
    root's level as their own; the loggers that report every page are calmed further.
    """
    root = logging.getLogger()
    level = root.getEffectiveLevel()
    for handler in root.handlers:
        if handler.level == logging.NOTSET:
            handler.setLevel(level)
    logging.getLogger("scrapy").setLevel(level)
    if level > logging.DEBUG:
        logging.getLogger("scrapy.core.downloader.handlers.http11").setLevel(logging.ERROR)
        logging.getLogger("scrapy.core.scraper").setLevel(max(level, logging.ERROR))
        # An unreachable robots.txt is logged with a traceback; the page's own failure is recorded.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
        # A browser fetch that fails is logged with a traceback; its reason is recorded as a failure.
        logging.getLogger("scrapy-playwright").setLevel(max(level, logging.ERROR))


class _Process(AsyncCrawlerProcess):
    """Scrapy's process, which also remembers the signal that stopped it: while it runs its own
    handlers take SIGINT and SIGTERM (the first stops the crawl gracefully, a second at once), and
    the command's exit status (130, 143) says which one it was."""

    stopped_by: int | None = None

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self.stopped_by = self.stopped_by or signum
        super()._signal_shutdown(signum, frame)

    def _signal_shutdown_reactorless(self, signum: int, frame: Any) -> None:
        self.stopped_by = self.stopped_by or signum
        super()._signal_shutdown_reactorless(signum, frame)


def run_crawl(
    config: Config,
    sources: Sequence[Source],
    *,
    run_id: int | None = None,
    on_progress: Callable[[CrawlProgress], None] | None = None,
) -> CrawlReport:
    """Crawl ``sources`` once and store what is new, with each source's figures and failures under
    ``run_id`` (the caller's recorded run); without one it is a dry run that changes nothing in the
    database. ``on_progress`` is called from the crawl's event loop with running figures.
    """
    global _crawled
    if _crawled:
        raise NewswatchError("a process can crawl only once (Twisted cannot restart); start a new process")
    _crawled = True
    keep_heap_small()
    database = None if run_id is None else store.open_db(config.database)
    try:
        if database is not None:
            store.sync_sources(
                database, [{"name": s.name, "url": config.redact(s.url), "kind": s.kind} for s in config.sources]
            )
            known = store.skipped_urls(database, store.now())
        else:
            known = store.skipped_urls_readonly(config.database, store.now())
        tally = Tally(sources, on_progress, redact=config.redact)
        _quiet_scrapy()
        process = _Process(scrapy_settings(config))
        _quiet_scrapy()
        crawler = process.create_crawler(NewsSpider)
        process.crawl(
            crawler, config=config, sources=sources, tally=tally, known=known, database=database, run_id=run_id
        )
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        collect_less()
        try:
            process.start()
        finally:
            for sig, handler in handlers.items():  # Scrapy leaves its own, which stop nothing once it is over
                signal.signal(sig, handler)
        if tally.storage_error:
            raise store.storage_error(tally.storage_error, config.database) or NewswatchError(
                f"could not write to the database {config.database}: {tally.storage_error}"
            )
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        tally.finish(sources, interrupted=reason != "finished" or process.stopped_by is not None)
        report = tally.report(run_id)
        report.stopped_by = process.stopped_by
        if database is not None and run_id is not None:
            store.record_failures(database, run_id, [f._asdict() for f in tally.take_failures()])
            for name, figures in report.sources.items():
                store.record_source_run(database, run_id, name, figures.columns(), figures.error)
        return report
    finally:
        if database is not None:
            database.close()
