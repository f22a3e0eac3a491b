"""Why a request failed, in a few stable words, and whether the page failed for good.

The reason goes into the failures table and the run summary; ``permanent`` decides when an
article page is tried again (db/retries.py): after days, or at the next run.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from config import Crawl


def reason(failure: Failure, crawl: Crawl) -> str:
    """A short, stable reason for the failures table."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "DOWNLOAD_MAXSIZE" in message:  # a compressed answer that inflates past the limit
            return f"too large when decompressed (over max_page_bytes = {crawl.max_page_bytes} bytes)"
        return "disallowed by robots.txt" if "robots.txt" in message else message[:300] or "request ignored"
    if isinstance(error, DownloadTimeoutError):
        return f"timeout after {crawl.timeout:g} s"
    if isinstance(error, DownloadCancelledError):
        return f"too large (over max_page_bytes = {crawl.max_page_bytes} bytes)"
    if isinstance(error, CannotResolveHostError):
        return "DNS lookup failed"
    if isinstance(error, DownloadConnectionRefusedError):
        return "connection refused"
    if isinstance(error, (ResponseDataLossError, DownloadFailedError)):
        return f"download failed: {error}"[:300]
    return f"{type(error).__name__}: {error}"[:300]


def permanent(failure: Failure) -> bool:
    """Whether a request failed for good (an article is tried again after days) or for now (next run).

    A missing or refused page (4xx), one robots.txt or the private-address guard forbids, or one
    too large will be the same at the next run; a timeout, a server error (5xx), 408 or 429, or a
    network fault may not.
    """
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return 400 <= status < 500 and status not in (408, 429)
    return isinstance(error, (IgnoreRequest, DownloadCancelledError))
