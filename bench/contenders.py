"""What newswatch is measured against, each run as its own process by ``throughput.py``.

``pool``: trafilatura's ``fetch_url`` + ``extract`` over the URL list in a thread pool (what a
user scripting trafilatura would write). ``ceiling``: a Scrapy spider that follows the same list
pages and article links and throws the article bodies away, the fetch-only ceiling. Each prints
one JSON line: how many articles it got and how long its work took.

    .venv/bin/python bench/contenders.py pool URLS.txt --threads 32
    .venv/bin/python bench/contenders.py ceiling START_URL... --concurrency 32
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def trafilatura_config() -> Any:
    """trafilatura's defaults, except that loopback may be fetched and no sleep between requests."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    config.set("DEFAULT", "SLEEP_TIME", "0")
    return config


def run_pool(urls: list[str], threads: int) -> dict[str, Any]:
    """Fetch and extract (fast, with title/date metadata, no comments) every URL; count results."""
    import trafilatura

    config = trafilatura_config()

    def one(url: str) -> bool:
        html = trafilatura.fetch_url(url, config=config)
        if not html:
            return False
        result = trafilatura.extract(
            html, url=url, fast=True, include_comments=False, with_metadata=True, output_format="json", config=config
        )
        return bool(result)

    began = time.monotonic()
    with ThreadPoolExecutor(threads) as executor:
        results = list(executor.map(one, urls))
    return {"articles": sum(results), "failed": len(results) - sum(results), "seconds": time.monotonic() - began}


def run_ceiling(starts: list[str], concurrency: int) -> dict[str, Any]:
    """Crawl the lists and fetch every article they link, with no processing at all."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    counts = {"articles": 0, "lists": 0}

    class Ceiling(scrapy.Spider):
        name = "ceiling"
        start_urls = starts

        def parse(self, response: Any) -> Any:
            counts["lists"] += 1
            for href in response.xpath('//ul[@class="list"]/li/a/@href').getall():
                yield response.follow(href, self.article)
            following = response.xpath('//div[@class="pagination"]/a[text()="下一页"]/@href').get()
            if following:
                yield response.follow(following, self.parse)

        def article(self, response: Any) -> None:
            counts["articles"] += 1

    process = CrawlerProcess(
        {
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "DOWNLOAD_DELAY": 0,
            "ROBOTSTXT_OBEY": True,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
            "USER_AGENT": "newswatch-bench-ceiling",
        }
    )
    began = time.monotonic()
    process.crawl(Ceiling)
    process.start()
    return {**counts, "seconds": time.monotonic() - began}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    pool = sub.add_parser("pool")
    pool.add_argument("urls")
    pool.add_argument("--threads", type=int, default=32)
    ceiling = sub.add_parser("ceiling")
    ceiling.add_argument("starts", nargs="+")
    ceiling.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    if args.what == "pool":
        with open(args.urls, encoding="utf-8") as handle:
            result = run_pool([line.strip() for line in handle if line.strip()], args.threads)
    else:
        result = run_ceiling(args.starts, args.concurrency)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
