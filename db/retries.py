"""Article pages that failed: when each is tried again, and when it is given up.

Without this a page that is gone (404) or holds no article was fetched again by every run, for
ever. A failure for good (``permanent``: 404/410, no article text, too large, not HTML) is tried
again after 1, 3 and 7 days, then never again; a failure for now (timeout, 5xx, connection
refused, DNS) is tried at the next run. The crawl skips the URLs that are not due as it skips
stored ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from db.schema import in_chunks

RETRY_DAYS = (1, 3, 7)  # days to wait after the 1st, 2nd and 3rd failure for good; after the 4th, given up


def note_failed_pages(db: Database, failures: Iterable[Mapping[str, Any]], at: str) -> None:
    """Advance each failed article page's retry state; call inside the transaction that logs them.

    A failure row carries ``permanent`` (True, False, or None for pages other than articles,
    which are not tracked) and ``aliases``, the other URLs the page was reached at: the spider
    checks the link it found, which may differ from the page's canonical URL.
    """
    for failure in failures:
        permanent = failure.get("permanent")
        if permanent is None:
            continue
        for url in dict.fromkeys([failure["url"], *failure.get("aliases", ())]):
            _note(db, url, failure["source"], failure["reason"], bool(permanent), at)


def _note(db: Database, url: str, source: str, reason: str, permanent: bool, at: str) -> None:
    if db.execute("select 1 from article_urls where url = ?", [url]).fetchone():
        return  # stored meanwhile under this URL (another link to the same article succeeded)
    row = db.execute("select attempts, first_failed_at from failed_urls where url = ?", [url]).fetchone()
    attempts, first = (row[0] or 0, row[1]) if row else (0, at)
    if permanent:
        attempts += 1  # only failures for good count towards giving up
        next_try = (
            None
            if attempts > len(RETRY_DAYS)
            else (datetime.fromisoformat(at) + timedelta(days=RETRY_DAYS[attempts - 1])).isoformat()
        )
    else:
        next_try = at  # due at the next run
    db.execute(
        "insert into failed_urls (url, source, reason, permanent, attempts, first_failed_at, last_failed_at, "
        "next_try) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict(url) do update set source = excluded.source, "
        "reason = excluded.reason, permanent = excluded.permanent, attempts = excluded.attempts, "
        "last_failed_at = excluded.last_failed_at, next_try = excluded.next_try",
        [url, source, reason, int(permanent), attempts, first, at, next_try],
    )


def not_due_urls(db: Database, at: str) -> set[str]:
    """Failed pages a crawl starting at ``at`` leaves alone: waiting for their retry, or given up."""
    sql = "select url from failed_urls where next_try is null or next_try > ?"
    return {r[0] for r in db.execute(sql, [at])}


def retry_counts(db: Database) -> dict[str, dict[str, int]]:
    """Per source: failed pages waiting to be tried again, and pages given up."""
    sql = (
        "select source, sum(next_try is not null) as waiting, sum(next_try is null) as given_up "
        "from failed_urls group by source"
    )
    return {r["source"]: {"waiting": r["waiting"], "given_up": r["given_up"]} for r in db.query(sql)}


def retry_now(db: Database, sources: Iterable[str]) -> int:
    """Make every failed page of these sources, given-up ones included, due at the next run
    with its count of failures for good started afresh.

    For an operator who fixed what made them fail (a ``content_selector``, a site's outage).
    Returns how many pages will be tried again.
    """
    changed = 0
    with db.atomic():
        for marks, chunk in in_chunks(sources):
            cursor = db.execute(
                f"update failed_urls set next_try = last_failed_at, attempts = 0 where source in ({marks})", chunk
            )
            changed += max(cursor.rowcount, 0)
    return changed
