"""``sources test``: fetch a source's first page and three articles and show what newswatch sees.

The first thing an operator runs when a source breaks, and what ``sources add`` runs before it
writes the config. Nothing is stored. It uses plain urllib (no crawler process: one page and a
few articles need no reactor) with the crawl's user agent, timeout, size limit and address
guard, robots.txt checked the same way, and hands what it fetches to the crawl's own start-page
logic (``discovery``) and extraction, so it finds what a crawl would.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from config import Config, Source
from crawler import browser, challenge, discovery, feeds, jsonlist, links
from crawler.decode import canonical_charset, decode_html, meta_charset
from crawler.urls import address_refusal, name_to_resolve, netloc_of, site_of
from errors import NewswatchError, Skip
from pipelines.article import Page
from pipelines.process import process_page

ARTICLES_SHOWN = 3
LINKS_SHOWN = 10
BODY_PREVIEW = 200
SHORT_BODY = 100  # characters: shorter bodies are listed as a warning even when stored


class Disallowed(NewswatchError):
    """robots.txt forbids the URL for our user agent."""


class Blocked(NewswatchError):
    """The address guard refuses the URL (or a redirect to it), as it would in a crawl."""


class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only where the address guard lets the crawl go."""

    def __init__(self, refusal: Callable[[str], str | None]) -> None:
        self.refusal = refusal

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        reason = self.refusal(newurl)
        if reason:
            fp.close()
            raise Blocked(reason)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    charset: str | None  # declared by the Content-Type header
    content_type: str  # the Content-Type header as sent


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
    suggested: list[str] = field(default_factory=list)  # [[sources]] lines that read a JSON answer as a list
    mode: str = ""  # how the crawl fetches the source (plain HTTP, the browser) and why


class Prober:
    """Fetches like the crawler would, for one source, without storing anything."""

    def __init__(self, config: Config, source: Source, trust_source: bool = True) -> None:
        self.config = config
        self.source = source
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.report = ProbeReport(url=source.url)
        # As in the crawl, private addresses only where a source is configured; the tested one
        # too when the operator named it on this machine's command line (``trust_source``).
        trusted = (*config.sources, source) if trust_source else config.sources
        self.private_ok = frozenset(netloc_of(s.url) for s in trusted)
        self.addresses: dict[str, str | None] = {}
        self.opener = urllib.request.build_opener(_GuardedRedirects(self.refusal))

    def refusal(self, url: str) -> str | None:
        """Why the crawl's address guard would refuse ``url`` (None: it may be fetched)."""
        host = name_to_resolve(url, self.private_ok)
        if host is not None and host not in self.addresses:
            try:
                self.addresses[host] = socket.gethostbyname(host)
            except OSError:
                self.addresses[host] = None  # the fetch itself reports the lookup failure
        return address_refusal(url, self.private_ok, self.addresses.get(host) if host else None)

    def fetch(self, url: str) -> Fetched:
        """GET with the crawl's user agent, timeout, size limit and guard; NewswatchError says why not."""
        refused = self.refusal(url)
        if refused:
            raise Blocked(f"cannot fetch {url}: {refused}")
        if not self.allowed(url):
            raise Disallowed(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
        request = urllib.request.Request(url, headers={"User-Agent": self.config.crawl.user_agent})
        limit = self.config.crawl.max_page_bytes
        try:
            with self.opener.open(request, timeout=self.config.crawl.timeout) as answer:
                body = answer.read(limit + 1)
                headers: Message = answer.headers
                final = answer.geturl()
        except Blocked as exc:
            raise Blocked(f"cannot fetch {url}: {exc}") from None
        except urllib.error.HTTPError as exc:
            found = challenge.detect(
                exc.code, exc.read(200_000), ";".join(exc.headers.get_all("Set-Cookie") or []).encode()
            )
            exc.close()
            if found is not None:
                raise NewswatchError(self._needs_browser(url, found)) from None
            raise NewswatchError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            raise NewswatchError(f"cannot fetch {url}: {reason}") from None
        if len(body) > limit:
            raise NewswatchError(f"{url} is larger than crawl.max_page_bytes ({limit} bytes)")
        found = challenge.detect(200, body)
        if found is not None:
            raise NewswatchError(self._needs_browser(url, found))
        return Fetched(final, body, headers.get_content_charset(), headers.get("Content-Type", ""))

    def _needs_browser(self, url: str, found: challenge.Challenge) -> str:
        """What the operator must know of a challenge: the crawl's answer to it, by render mode."""
        if self.source.render == "never":
            self._mode(f'none that works: plain HTTP only (render = "never"), and {found.reason}')
            return f'{url}: {found.reason}; render = "never" keeps the crawl from passing it (use "auto")'
        if not browser.available(self.config):
            self._mode(f"browser, which this machine lacks: {found.reason}")
            return f"{url}: {found.reason}; {browser.missing(self.config)}"
        self._mode(f"browser for the list, then plain HTTP with its cookies: {found.reason}")
        return (
            f"{url}: {found.reason}; the crawl passes it in the browser (render = {self.source.render!r}) "
            "and reuses its cookies for plain requests; this test does not run the browser"
        )

    def _mode(self, mode: str) -> None:
        """The fetch mode the first page calls for; later pages (articles) do not change it."""
        self.report.mode = self.report.mode or mode

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
        request = urllib.request.Request(origin + "/robots.txt", headers={"User-Agent": self.config.crawl.user_agent})
        try:
            with self.opener.open(request, timeout=self.config.crawl.timeout) as answer:
                text = answer.read(500_000).decode("utf-8", "replace")
        except Blocked:
            return None  # a redirect the crawl would not follow either: no rules
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
            if not declared and meta_charset(fetched.body) is None and any(b > 0x7F for b in fetched.body[:65536]):
                self.report.warnings.append(f"encoding guessed: the page declares no charset; read as {encoding}")
            elif declared and canonical_charset(declared) not in (encoding, None):
                self.report.warnings.append(f"encoding guessed: declared {declared!r} but read as {encoding}")
        return text

    # ------------------------------------------------------------ the test

    def run(self) -> ProbeReport:
        try:
            first = self.fetch(self.source.url)
            if self.source.render == "browser":
                self._mode('browser for the start and list pages (render = "browser"), plain HTTP for articles')
            else:
                self._mode(f"plain HTTP: no anti-bot challenge (render = {self.source.render!r})")
            entries = self.find_links(first)
        except NewswatchError as exc:
            self.report.error = str(exc)
            if isinstance(exc, Disallowed):
                self.report.warnings.append(f"robots.txt disallows {self.source.url}: the crawler will not fetch it")
            return self.report
        self.report.links = [(hint.url, hint.title) for hint in entries]
        for hint in entries[:ARTICLES_SHOWN]:
            self.report.articles.append(self.article(hint.url, hint.title, hint.published))
        self.warn()
        return self.report

    def find_links(self, first: Fetched) -> list[discovery.Hint]:
        """The article links the start page leads to, read as the crawl reads the source's kind."""
        sites = {site_of(self.source.url), site_of(first.url)}
        body = feeds.gunzip(first.body, self.config.crawl.max_page_bytes)
        reading = discovery.read_start(
            self.source, first.url, body, first.content_type, lambda: self.decode(first), sites
        )
        if self.source.kind == "auto" and reading.kind != "robots":
            detected = "an HTML page" if reading.detected == "html" else reading.detected
            self.report.kind_note = f"detected: the answer is {detected}"
        if reading.detected == "json" and not reading.entries:
            self._suggest(body, first.url)
        if reading.error:
            raise NewswatchError(reading.error)
        self.report.kind = "sitemap" if reading.kind == "robots" else reading.kind
        if reading.kind == "robots":
            self.report.kind_note = f"robots.txt names {len(reading.follow)} sitemap(s) on the site"
        elif reading.index:
            self.report.kind_note = self._index_note(reading)
        unique: dict[str, discovery.Hint] = {}
        for hint in self._gather(reading, sites):
            if discovery.wanted(self.source, sites, hint.url):
                unique.setdefault(hint.url, hint)
        return list(unique.values())

    def _suggest(self, body: bytes, url: str) -> None:
        """A JSON answer not (yet) read as a list: the keys that would read it, as far as they show."""
        found = jsonlist.suggest(jsonlist.decode(body), url)
        if found is None:
            self.report.warnings.append("the JSON answer holds no list of objects with a URL-looking field")
        else:
            self.report.suggested = found.lines()

    @staticmethod
    def _index_note(reading: discovery.Reading) -> str:
        if len(reading.follow) == 1:
            return f"sitemap index; showing its newest sitemap {reading.follow[0].url}"
        return f"sitemap index; showing its {len(reading.follow)} newest sitemaps"

    def _gather(self, reading: discovery.Reading, sites: set[str]) -> list[discovery.Hint]:
        """The reading's links and those of every page it leads to, as many as the crawl follows."""
        found = list(reading.entries)
        skipped = (
            links.anchors_not_looked_at(reading.page.tree) if reading.page and not self.source.link_selector else 0
        )
        if skipped:
            self.report.warnings.append(
                f"{skipped} links beyond the first {links.MAX_ANCHORS_PER_PAGE} of the page are not looked at "
                "(set link_selector)"
            )
        for step in reading.follow:
            if step.role == "feed":
                found += self._advertised(step.url, reading)
                continue
            try:
                fetched = self.fetch(step.url)
            except NewswatchError as exc:
                self.report.warnings.append(f"sitemap not read: {exc}")
                continue
            body = feeds.gunzip(fetched.body, self.config.crawl.max_page_bytes)
            found += self._gather(
                discovery.read_sitemap(self.source, fetched.url, body, sites, top=step.role == "top"), sites
            )
        return found

    def _advertised(self, url: str, reading: discovery.Reading) -> list[discovery.Hint]:
        """The feed a start page advertises, then (auto) the page's own links, as the crawl reads both."""
        try:
            fetched = self.fetch(url)
        except NewswatchError as exc:
            if reading.page is None:  # kind = "feed": the feed is the source
                raise
            self.report.warnings.append(f"advertised feed not read ({exc}); the page is read as a list")
            self.report.kind = "list"
            return list(discovery.read_list(self.source, reading.page, 1).entries)
        self.report.kind, self.report.kind_note = "feed", f"advertised by the page: {url}"
        body = feeds.gunzip(fetched.body, self.config.crawl.max_page_bytes)
        if reading.page is None:
            return list(discovery.read_feed(fetched.url, body).entries)
        listed = discovery.read_list(self.source, reading.page, 1).entries
        return [*discovery.advertised_entries(fetched.url, body), *listed]

    def article(self, url: str, title: str | None, published: str | None) -> ProbedArticle:
        try:
            fetched = self.fetch(url)
            page = Page(
                source=self.source.name,
                url=fetched.url,
                html=self.decode(fetched),
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                hint_title=title,
                hint_published=published,
                content_selector=self.source.content_selector,
            )
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
            report.warnings.append(
                "no article links found on the first page"
                + ("" if self.source.link_selector else " (set link_selector to the CSS selector of the article links)")
            )
        read = [a for a in articles if not a.problem]
        if read and not any(a.published_at for a in read):
            report.warnings.append("no dates found in the articles")
        short = [
            a
            for a in articles
            if (a.problem and "no article text" in a.problem) or (not a.problem and len(a.body) < SHORT_BODY)
        ]
        if short:
            report.warnings.append(
                f"bodies too short: {len(short)} of {len(articles)} articles "
                "(set content_selector if the text sits in one element)"
            )


def probe(config: Config, source: Source, trust_source: bool = True) -> ProbeReport:
    """Test-fetch a source; never raises for the source's own problems (see ``error``).
    ``trust_source=False`` (a URL typed into the web app) keeps the private-address guard on it."""
    return Prober(config, source, trust_source).run()


def render(report: ProbeReport) -> str:
    """The report as the operator reads it."""
    lines = [f"source: {report.url}"]
    if report.mode:
        lines.append(f"fetch mode: {report.mode}")
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
            lines.append(
                f"  body:  {preview}{'…' if len(article.body) > BODY_PREVIEW else ''} ({len(article.body)} characters)"
            )
    if report.suggested:
        lines.append("suggested keys for this JSON list (check them, then add them to its [[sources]] table):")
        lines += [f"  {line}" for line in report.suggested]
    for warning in report.warnings:
        lines.append(f"warning: {warning}")
    if not report.error and not report.warnings:
        lines.append("no warnings")
    return "\n".join(lines)
