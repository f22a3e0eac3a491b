"""What a crawl did: running figures per source while it works, the report when it ends.

The spider and the item pipelines all add to one ``Tally`` (they share the reactor thread), so
the live display, the per-source health rows and the summary read the same numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from config import Source
from pipelines.article import Article

PROGRESS_INTERVAL = 0.2  # seconds between live-display updates


@dataclass
class SourceFigures:
    """One source's figures for one run; ``error`` says why the source failed, if it did."""

    pages: int = 0  # responses received: start, list, feed and article pages
    links: int = 0  # article links its pages, feed or sitemap listed (known ones included)
    new_articles: int = 0
    failures: int = 0
    dated: int = 0  # new articles with a publish date
    with_body: int = 0  # new articles with body text
    seconds: float = 0.0
    links_deferred: int = 0  # new article links left for later runs by [crawl] max_links_per_source
    list_pages_capped: int = 0  # 1: paging stopped at [crawl] max_list_pages while pages still added new links
    anchors_skipped: int = 0  # links on its list pages beyond MAX_ANCHORS_PER_PAGE, not looked at
    bodies_cut: int = 0  # new articles whose text went on beyond MAX_BODY_CHARS and was cut there
    browser_renders: int = 0  # pages fetched in the browser (a challenge, or render = "browser")
    error: str | None = None

    def columns(self) -> dict[str, Any]:
        """The source_runs columns (everything but the error)."""
        return {k: v for k, v in asdict(self).items() if k != "error"}

    @property
    def warning(self) -> str | None:
        """What the summary says of a source that hit a limit: no limit is silent."""
        hits = []
        if self.links_deferred:
            hits.append(
                f"max_links_per_source reached: {self.links_deferred} more new links are left for the next runs"
            )
        if self.list_pages_capped:
            hits.append("max_list_pages reached: later list pages still had new links and were not read")
        if self.anchors_skipped:
            from crawler.links import MAX_ANCHORS_PER_PAGE  # imported when needed: lxml is heavy

            hits.append(
                f"{self.anchors_skipped} links beyond the first {MAX_ANCHORS_PER_PAGE} of a list page "
                "were not looked at (set link_selector)"
            )
        if self.bodies_cut:
            from pipelines.extract import MAX_BODY_CHARS  # imported when needed: trafilatura is heavy

            hits.append(f"{self.bodies_cut} article texts cut at {MAX_BODY_CHARS} characters")
        return "; ".join(hits) or None


class CrawlFailure(NamedTuple):
    """A page that could not be stored, and why.

    ``permanent`` is set for article pages only, whose retries are scheduled (db/retries.py):
    True when the page failed for good (404, no article text), False when for now (timeout, 5xx).
    ``aliases`` are the other URLs the page was reached at (the link found, redirects).
    """

    source: str
    url: str
    reason: str
    permanent: bool | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrawlProgress:
    """Running figures for a live display."""

    sources_done: int
    sources_total: int
    pages: int
    new_articles: int
    failures: int


@dataclass
class CrawlReport:
    """The outcome of one crawl; in a dry run ``articles`` holds what would have been stored."""

    sources: dict[str, SourceFigures]
    failures: list[CrawlFailure] = field(default_factory=list)
    new_article_ids: list[int] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    pages: int = 0
    run_id: int | None = None
    interrupted: bool = False
    seconds: float = 0.0
    stopped_by: int | None = None  # the signal (SIGINT, SIGTERM) that interrupted the crawl, if one did


class Tally:
    """Counts pages, links, failures and stored articles per source as the crawl runs."""

    def __init__(
        self,
        sources: Sequence[Source],
        on_progress: Callable[[CrawlProgress], None] | None = None,
        redact: Callable[[str], str] = str,
    ) -> None:
        self._redact = redact  # secrets may sit in a source URL; they never reach the failures table
        self.figures = {s.name: SourceFigures() for s in sources}
        self.failures: list[CrawlFailure] = []
        self.unsaved_failures: list[CrawlFailure] = []
        self.new_article_ids: list[int] = []
        self.articles: list[Article] = []
        self.pages = 0
        self.interrupted = False
        self.storage_error: Exception | None = None  # the last failed database write, if it never succeeded
        self._on_progress = on_progress
        self._pending = dict.fromkeys(self.figures, 0)
        self._started: dict[str, float] = {}
        self._done: set[str] = set()
        self._began = time.monotonic()
        self._last_progress = 0.0

    # ------------------------------------------------------------ activity

    def hold(self, source: str) -> None:
        """A request or item of this source is under way."""
        self._started.setdefault(source, time.monotonic())
        self._pending[source] = self._pending.get(source, 0) + 1

    def release(self, source: str) -> None:
        """A request or item of this source has finished; the source is done when none remain."""
        self._pending[source] = self._pending.get(source, 0) - 1
        if self._pending[source] <= 0 and source not in self._done:
            self._done.add(source)
            self.figures[source].seconds = round(time.monotonic() - self._started.get(source, self._began), 2)
            self._progress(force=True)

    def page(self, source: str) -> None:
        self.figures[source].pages += 1
        self.pages += 1
        self._progress()

    def links(self, source: str, count: int) -> None:
        self.figures[source].links += count

    def fail(
        self, source: str, url: str, reason: str, permanent: bool | None = None, aliases: tuple[str, ...] = ()
    ) -> None:
        failure = CrawlFailure(
            source, self._redact(url), self._redact(reason), permanent, tuple(self._redact(alias) for alias in aliases)
        )
        self.failures.append(failure)
        self.unsaved_failures.append(failure)
        self.figures[source].failures += 1
        self._progress()

    def rendered(self, source: str) -> None:
        """One of the source's pages was fetched in the browser."""
        self.figures[source].browser_renders += 1

    def list_pages_capped(self, source: str) -> None:
        """Paging stopped at max_list_pages while the pages still listed new links."""
        self.figures[source].list_pages_capped = 1

    def anchors_skipped(self, source: str, count: int) -> None:
        """A list page had ``count`` links beyond MAX_ANCHORS_PER_PAGE that were not looked at."""
        self.figures[source].anchors_skipped += count

    def deferred(self, source: str, count: int) -> None:
        """The source has ``count`` new article links in all beyond its per-run cap."""
        self.figures[source].links_deferred = count

    def source_error(self, source: str, message: str) -> None:
        """The source failed this run (its start page broke or listed nothing); the first reason wins."""
        if self.figures[source].error is None:
            self.figures[source].error = self._redact(message)

    def stored(self, articles: Iterable[tuple[Article, int | None]]) -> None:
        """Articles saved (with their new row id) or, in a dry run, extracted (id None)."""
        for article, article_id in articles:
            figures = self.figures[article.source]
            figures.new_articles += 1
            figures.dated += article.published_at is not None
            figures.with_body += bool(article.body)
            figures.bodies_cut += article.body_cut
            if article_id is None:
                self.articles.append(article)
            else:
                self.new_article_ids.append(article_id)
        self._progress()

    def take_failures(self) -> list[CrawlFailure]:
        """Failures not yet written to the database (they are written with each batch)."""
        taken, self.unsaved_failures = self.unsaved_failures, []
        return taken

    # ------------------------------------------------------------ results

    def finish(self, sources: Sequence[Source], interrupted: bool) -> None:
        """Close the books: a source that listed no article links failed, whatever else happened."""
        self.interrupted = interrupted
        for source in sources:
            figures = self.figures[source.name]
            if source.name not in self._done:
                self._done.add(source.name)
                figures.seconds = round(time.monotonic() - self._started.get(source.name, self._began), 2)
            if figures.links == 0 and figures.error is None and not interrupted:
                figures.error = self._redact(f"no article links found at {source.url} (kind {source.kind})")
        self._progress(force=True)

    def report(self, run_id: int | None) -> CrawlReport:
        return CrawlReport(
            sources=self.figures,
            failures=list(self.failures),
            new_article_ids=list(self.new_article_ids),
            articles=list(self.articles),
            pages=self.pages,
            run_id=run_id,
            interrupted=self.interrupted,
            seconds=round(time.monotonic() - self._began, 2),
        )

    def _progress(self, force: bool = False) -> None:
        if self._on_progress is None:
            return
        now = time.monotonic()
        if not force and now - self._last_progress < PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self._on_progress(
            CrawlProgress(
                sources_done=len(self._done),
                sources_total=len(self.figures),
                pages=self.pages,
                new_articles=sum(f.new_articles for f in self.figures.values()),
                failures=len(self.failures),
            )
        )
