"""Scrapy knobs: safe, polite defaults here; the operator's ``[crawl]`` values via ``from_config``.

No I/O and no secrets: ``run_crawl`` loads this module, then applies ``from_config(config.crawl)``.
"""

from __future__ import annotations

from typing import Any

from config import Crawl

BOT_NAME = "newswatch"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19 opens a remote-control HTTP server by default; an unattended monitor needs no such door.
REMOTE_CONTROL_ENABLED = False
# Only the extensions a crawl uses. Scrapy imports every entry of EXTENSIONS_BASE, even one that
# EXTENSIONS turns off, and a run with nothing new is mostly start-up: the remote control alone
# imports aiohttp's web server (~0.1 s). Left out: telnet and remote control (off above), feed
# exports, the memory debugger, spider state (JOBDIR).
EXTENSIONS_BASE = {
    "scrapy.extensions.corestats.CoreStats": 0,
    "scrapy.extensions.logcount.LogCount": 0,
    "scrapy.extensions.memusage.MemoryUsage": 0,
    "scrapy.extensions.closespider.CloseSpider": 0,
    "scrapy.extensions.logstats.LogStats": 0,
    "scrapy.extensions.throttle.AutoThrottle": 0,
}
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
# download_delay is the least gap between two requests to a site, as configured. Scrapy's default
# jitter (±50 %, redrawn each time the slot looks again) let a gap fall to half of it and made the
# average ~1.35 times it: with AutoThrottle's delay of latency ÷ per-site limit, a distant site
# got ~6 requests in flight instead of 8.
DOWNLOAD_DELAY_JITTER = 0
# Many sources at once: spread the queue across sites instead of draining one site first.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
# Only http(s) is ever fetched: a page must not be able to point the crawler at files or buckets.
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}
DOWNLOAD_WARNSIZE = 0
# A response yields one page or a list's links; Scrapy's default of 100 parallel slots per
# response costs a hundred asyncio tasks per page for nothing.
CONCURRENT_ITEMS = 16
# Scrapy checks each response's callback for a generator that returns a value, caching the answer
# per bound method in a weak cache: once no queued request holds one, the next response reads and
# parses its source again (1.2 ms on the event loop, for 240 of 1,052 pages at 200 ms latency). The
# callbacks are ours and tested; the check is for a spider being written.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Downloaded pages waiting for extraction; more only adds memory and makes Ctrl-C wait longer.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 2_000_000
DNS_TIMEOUT = 15
METAREFRESH_MAXDELAY = 10
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.AddressGuardMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Before the cookie middleware (700) adds a site's earned cookies to the request's header.
    "crawler.middlewares.ChallengeMiddleware": 650,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.CheapMetaRefreshMiddleware": 580,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.StorePipeline": 800,
}
LOG_FORMATTER = "crawler.pipelines.QuietLogFormatter"
# The CLI owns logging: Scrapy's records go to the handlers it set up.
LOG_INSTALL_ROOT_HANDLER = False
# Each give-up is recorded as a failure with its reason; the log need not shout about it.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"


def from_config(crawl: Crawl) -> dict[str, Any]:
    """The settings that ``[crawl]`` in config.toml decides."""
    return {
        "CONCURRENT_REQUESTS": crawl.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.per_domain_concurrency,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_START_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl.per_domain_concurrency),
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        "RETRY_ENABLED": crawl.retries > 0,
        "RETRY_TIMES": crawl.retries,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "USER_AGENT": crawl.user_agent,
    }
