"""``sources test``: fetch a source's first page and three articles and show what newswatch sees.

The first thing an operator runs when a source breaks, and what ``sources add`` runs before it
writes the config. Nothing is stored. It uses plain urllib (no crawler process: one page and a
few articles need no reactor) with the crawl's user agent, timeout and size limit, robots.txt
checked the same way, and the pipeline's own link discovery, feed parsing and extraction.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import Message
from urllib.parse import urlsplit

from config import Config, Source
from crawler import feeds, links
from crawler.decode import canonical_charset, decode_html, meta_charset
from crawler.urls import same_site
from errors import NewswatchError, Skip
from pipelines.article import Page
from pipelines.process import process_page

ARTICLES_SHOWN = 3
LINKS_SHOWN = 10
BODY_PREVIEW = 200
SHORT_BODY = 100  # characters: shorter bodies are listed as a warning even when stored


class Disallowed(NewswatchError):
    """robots.txt forbids the URL for our user agent."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    charset: str | None  # declared by the Content-Type header
    content_type: str


@dataclass(frozen=True)
class ProbedArticle:
    url: str
    title: str | None = None
    published_at: str | None = None
    body: str = ""
    problem: str | None = None  # why nothing was extracted


@dataclass
class ProbeReport:
    """What a test fetch found; ``error`` means the source cannot be read at all."""

    url: str
    kind: str = "unknown"
    kind_note: str = ""
    encoding: str | None = None
    links: list[tuple[str, str | None]] = field(default_factory=list)
    articles: list[ProbedArticle] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


class Prober:
    """Fetches like the crawler would, for one source, without storing anything."""

    def __init__(self, config: Config, source: Source) -> None:
        self.config = config
        self.source = source
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.report = ProbeReport(url=source.url)

    def fetch(self, url: str) -> Fetched:
        """GET with the crawl's user agent, timeout and size limit; NewswatchError says why not."""
        if not self.allowed(url):
            raise Disallowed(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
        request = urllib.request.Request(url, headers={"User-Agent": self.config.crawl.user_agent})
        limit = self.config.crawl.max_page_bytes
        try:
            with urllib.request.urlopen(request, timeout=self.config.crawl.timeout) as answer:
                body = answer.read(limit + 1)
                headers: Message = answer.headers
                final = answer.geturl()
        except urllib.error.HTTPError as exc:
            exc.close()
            raise NewswatchError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            raise NewswatchError(f"cannot fetch {url}: {reason}") from None
        if len(body) > limit:
            raise NewswatchError(f"{url} is larger than crawl.max_page_bytes ({limit} bytes)")
        return Fetched(final, body, headers.get_content_charset(), headers.get_content_type())

    def allowed(self, url: str) -> bool:
        if not self.config.crawl.obey_robots_txt:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self._read_robots(origin)
        rules = self.robots[origin]
        return rules is None or rules.can_fetch(self.config.crawl.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        request = urllib.request.Request(origin + "/robots.txt",
                                         headers={"User-Agent": self.config.crawl.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.config.crawl.timeout) as answer:
                text = answer.read(500_000).decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code >= 500:
                self.report.warnings.append(f"robots.txt of {origin} answered HTTP {exc.code}")
            return None
        except (urllib.error.URLError, TimeoutError, OSError):
            self.report.warnings.append(f"robots.txt of {origin} could not be read")
            return None
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        rules.parse(text.splitlines())
        return rules

    def decode(self, fetched: Fetched) -> str:
        declared = self.source.encoding or fetched.charset
        text, encoding = decode_html(fetched.body, fetched.charset, self.source.encoding)
        if self.report.encoding is None:
            self.report.encoding = encoding
            if not declared and meta_charset(fetched.body) is None and any(
                    b > 0x7F for b in fetched.body[:65536]):
                self.report.warnings.append(f"encoding guessed: the page declares no charset; read as {encoding}")
            elif declared and canonical_charset(declared) not in (encoding, None):
                self.report.warnings.append(f"encoding guessed: declared {declared!r} but read as {encoding}")
        return text

    # ------------------------------------------------------------ the test

    def run(self) -> ProbeReport:
        try:
            first = self.fetch(self.source.url)
            entries = self.find_links(first)
        except NewswatchError as exc:
            self.report.error = str(exc)
            if isinstance(exc, Disallowed):
                self.report.warnings.append(f"robots.txt disallows {self.source.url}: the crawler will not fetch it")
            return self.report
        self.report.links = [(url, title) for url, title, _ in entries]
        for url, title, published in entries[:ARTICLES_SHOWN]:
            self.report.articles.append(self.article(url, title, published))
        self.warn()
        return self.report

    def find_links(self, first: Fetched) -> list[tuple[str, str | None, str | None]]:
        """The article links of the first page, read as the crawler reads the configured kind."""
        detected = feeds.detect_kind(first.body[:8192], first.content_type)
        reads_as = {"rss": "feed", "atom": "feed", "sitemap": "sitemap", "sitemapindex": "sitemap"}.get(detected)
        configured = self.source.kind
        if configured == "auto":
            self.report.kind_note = f"detected: the answer is {'an HTML page' if detected == 'html' else detected}"
        if reads_as is None and configured != "sitemap":
            return self._html(first, configured)
        self.report.kind = reads_as if configured == "auto" else configured
        return self._feed(first) if self.report.kind == "feed" else self._sitemap(first)

    def _html(self, first: Fetched, configured: str) -> list[tuple[str, str | None, str | None]]:
        """An HTML start page: the feed it advertises (auto, feed), else its article links."""
        tree = links.parse_html(self.decode(first))
        if tree is None:
            raise NewswatchError(f"{first.url} is not an HTML page")
        if configured != "list":
            advertised = [f for f in feeds.feed_links(tree, first.url) if same_site(f, first.url)]
            if advertised:
                self.report.kind, self.report.kind_note = "feed", f"advertised by the page: {advertised[0]}"
                return self._feed(self.fetch(advertised[0]))
            if configured == "feed":
                raise NewswatchError(f"{first.url} is an HTML page that advertises no feed (kind = \"feed\")")
        self.report.kind = "list"
        found = links.article_links(tree, first.url, link_selector=self.source.link_selector,
                                    allow=self.source.allow, deny=self.source.deny)
        return [(link.url, link.title, link.published) for link in found]

    def _feed(self, fetched: Fetched) -> list[tuple[str, str | None, str | None]]:
        return [(e.url, e.title, e.published) for e in feeds.parse_feed(fetched.body, fetched.url)]

    def _sitemap(self, fetched: Fetched) -> list[tuple[str, str | None, str | None]]:
        body = feeds.gunzip(fetched.body, self.config.crawl.max_page_bytes)
        is_index, entries = feeds.parse_sitemap(body, fetched.url)
        if is_index and entries:
            child = feeds.recent_first(entries, 1)[0]
            self.report.kind_note = f"sitemap index; showing its newest sitemap {child.url}"
            return self._sitemap(self.fetch(child.url))
        return [(e.url, e.title, e.published) for e in feeds.recent_first(entries, len(entries))]

    def article(self, url: str, title: str | None, published: str | None) -> ProbedArticle:
        try:
            fetched = self.fetch(url)
            page = Page(source=self.source.name, url=fetched.url, html=self.decode(fetched),
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        hint_title=title, hint_published=published,
                        content_selector=self.source.content_selector)
            extracted = process_page(page)
        except Disallowed as exc:
            self.report.warnings.append(f"robots.txt disallows the article {url}")
            return ProbedArticle(url, title, problem=str(exc))
        except (NewswatchError, Skip) as exc:
            return ProbedArticle(url, title, problem=str(exc))
        return ProbedArticle(url, extracted.title, extracted.published_at, extracted.body)

    def warn(self) -> None:
        report, articles = self.report, self.report.articles
        if not report.links:
            report.warnings.append("no article links found on the first page"
                                   + ("" if self.source.link_selector else
                                      " (set link_selector to the CSS selector of the article links)"))
        read = [a for a in articles if not a.problem]
        if read and not any(a.published_at for a in read):
            report.warnings.append("no dates found in the articles")
        short = [a for a in articles if (a.problem and "no article text" in a.problem)
                 or (not a.problem and len(a.body) < SHORT_BODY)]
        if short:
            report.warnings.append(f"bodies too short: {len(short)} of {len(articles)} articles "
                                   "(set content_selector if the text sits in one element)")


def probe(config: Config, source: Source) -> ProbeReport:
    """Test-fetch a source; never raises for the source's own problems (see ``error``)."""
    return Prober(config, source).run()


def render(report: ProbeReport) -> str:
    """The report as the operator reads it."""
    lines = [f"source: {report.url}"]
    if report.error:
        lines.append(f"error: {report.error}")
    else:
        lines.append(f"kind: {report.kind}" + (f" ({report.kind_note})" if report.kind_note else ""))
        if report.encoding:
            lines.append(f"encoding: {report.encoding}")
        lines.append(f"article links on the first page: {len(report.links)}")
        for url, title in report.links[:LINKS_SHOWN]:
            lines.append(f"  {url}" + (f"  {title}" if title else ""))
        for i, article in enumerate(report.articles, 1):
            lines.append(f"article {i}: {article.url}")
            if article.problem:
                lines.append(f"  not extracted: {article.problem}")
                continue
            lines.append(f"  title: {article.title or '(none)'}")
            lines.append(f"  date:  {article.published_at or '(none found)'}")
            preview = re.sub(r"\s+", " ", article.body[:BODY_PREVIEW])
            lines.append(f"  body:  {preview}{'…' if len(article.body) > BODY_PREVIEW else ''} "
                         f"({len(article.body)} characters)")
    for warning in report.warnings:
        lines.append(f"warning: {warning}")
    if not report.error and not report.warnings:
        lines.append("no warnings")
    return "\n".join(lines)
