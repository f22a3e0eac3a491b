"""The Scrapy side of newswatch: one spider for every source kind, run by ``run_crawl``.

Scrapy is imported on first use of ``run_crawl``: extraction workers import ``crawler.pool``
and must not pay for (or carry) the crawler's framework.
"""

from __future__ import annotations

from typing import Any

from crawler.report import CrawlFailure, CrawlProgress, CrawlReport, SourceFigures

__all__ = ["CrawlFailure", "CrawlProgress", "CrawlReport", "SourceFigures", "run_crawl"]


def __getattr__(name: str) -> Any:
    if name == "run_crawl":
        from crawler.run import run_crawl

        return run_crawl
    raise AttributeError(f"module 'crawler' has no attribute {name!r}")
