"""Crawl the unseen fixture sites (tests/sites/unseen/): portal styles the crawler was not tuned on.

For every site: one source in its own config and database, `newswatch crawl` twice, then
- every crawlable article is stored exactly once (by path; ;jsessionid and query order ignored);
- the stored title is the headline;
- the stored date is the one the site gives (on the article page or only on the list);
- the stored body's character F1 against the gold body is at least plain trafilatura's on the page;
- the second crawl requests no article page again.
The sites are served by tests/sites/unseen/serve.py; truth is tests/sites/unseen/truth.json.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.sites.unseen.serve import HERE as UNSEEN_DIR
from tests.sites.unseen.serve import serve_unseen
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config

pytestmark = pytest.mark.slow  # two real crawls of each of ten sites

TRUTH = json.loads((UNSEEN_DIR / "truth.json").read_text(encoding="utf-8"))
SITES = sorted(TRUTH["sites"])
SETTINGS = {**FAST_CRAWL, "retries": 1, "max_list_pages": 5, "workers": 1, "max_page_bytes": 5_000_000}
_SESSION = re.compile(r";jsessionid=[^?#/]*", re.IGNORECASE)
_DECODE = {"big5": "big5", "gb18030": "gb18030", "utf-8": "utf-8"}


def key(path_with_query: str) -> str:
    """An article's identity: its path without session ids, its query parameters sorted."""
    parts = urlsplit(_SESSION.sub("", path_with_query))
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + ("?" + query if query else "")


def char_f1(got: str, gold: str) -> float:
    """Bag-of-characters F1 over Han characters, letters and digits."""
    a = Counter(c for c in got or "" if c.isalnum())
    b = Counter(c for c in gold if c.isalnum())
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class SiteCrawl:
    name: str
    url: str
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    first_requests: list[str]
    second_requests: list[str]
    stored: list[dict[str, Any]]  # rows of the articles table after both runs
    pages: dict[str, bytes] = field(default_factory=dict)  # article key -> bytes as served

    @property
    def truth(self) -> dict[str, Any]:
        return TRUTH["sites"][self.name]

    def stored_by_key(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for row in self.stored:
            parts = urlsplit(row["url"])
            local = parts.path + ("?" + parts.query if parts.query else "")
            found.setdefault(key(local), []).append(row)
        return found


def _crawl_site(site: Any, folder: Path) -> SiteCrawl:
    truth = TRUTH["sites"][site.name]
    config = write_config(folder, crawl=SETTINGS, sources=[(site.name, site.url + truth["start"], truth["kind"])])
    first = newswatch(config, "crawl")
    first_requests = site.requests.snapshot()
    site.requests.clear()
    second = newswatch(config, "crawl")
    second_requests = site.requests.snapshot()
    rows: list[dict[str, Any]] = []
    if (folder / "news.db").exists():
        conn = sqlite3.connect(folder / "news.db")
        conn.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in conn.execute("select url, title, published_at, body from articles")]
        finally:
            conn.close()
    crawl = SiteCrawl(site.name, site.url, first, second, first_requests, second_requests, rows)
    for article in truth["articles"]:  # the pages as a browser gets them, for the trafilatura baseline
        with urllib.request.urlopen(site.url + article["path"], timeout=60) as answer:
            crawl.pages[key(article["path"])] = answer.read()
    return crawl


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SiteCrawl]:
    with serve_unseen(SITES) as sites:
        folders = {name: tmp_path_factory.mktemp(f"unseen-{name}") for name in SITES}
        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = {name: pool.submit(_crawl_site, sites[name], folders[name]) for name in SITES}
            return {name: future.result() for name, future in futures.items()}


def _crawlable(name: str) -> list[dict[str, Any]]:
    return [a for a in TRUTH["sites"][name]["articles"] if a["crawlable"]]


# ------------------------------------------------------------------------------------------------


def test_the_fixtures_match_their_truth() -> None:
    """Guard for the fixtures themselves: every gold title and paragraph is on its page, and a
    page whose date is only on the list carries no date."""
    date_like = re.compile(r"20\d\d[-/.年]\d{1,2}")
    with serve_unseen(SITES) as sites:
        for name in SITES:
            truth = TRUTH["sites"][name]
            for article in truth["articles"]:
                with urllib.request.urlopen(sites[name].url + article["path"], timeout=60) as answer:
                    text = answer.read().decode(_DECODE[truth["encoding"]])
                assert article["title"] in text, (name, article["path"])
                for para in article["body"].split("\n"):
                    assert para in text.replace("&quot;", '"'), (name, article["path"], para[:20])
                if article["date_on"] == "list":
                    assert not date_like.search(text), (name, article["path"])
                else:
                    y, m, d = article["published"].split("-")
                    assert re.search(rf"{y}\D{m.lstrip('0')}\D|{y}-{m}-{d}|{y}/{m}/{d}", text), (name, article["path"])
            listed = ""
            for page in truth["list_pages"]:
                with urllib.request.urlopen(sites[name].url + page, timeout=60) as answer:
                    listed += answer.read().decode(_DECODE[truth["encoding"]])
            for article in truth["articles"]:
                if article["date_on"] == "list":
                    assert article["published"] in listed, (name, article["path"])


@pytest.mark.parametrize("name", SITES)
def test_the_crawls_finish_without_errors(crawls: dict[str, SiteCrawl], name: str) -> None:
    crawl = crawls[name]
    for run in (crawl.first, crawl.second):
        assert run.returncode == 0, run.stderr[-2000:] + run.stdout[-2000:]
        assert "Traceback" not in run.stderr, run.stderr[-3000:]


@pytest.mark.parametrize("name", SITES)
def test_every_crawlable_article_is_stored_exactly_once(crawls: dict[str, SiteCrawl], name: str) -> None:
    crawl = crawls[name]
    stored = crawl.stored_by_key()
    wanted = {key(a["path"]) for a in _crawlable(name)}
    missing = sorted(wanted - set(stored))
    twice = sorted(k for k, rows in stored.items() if len(rows) > 1)
    extra = sorted(set(stored) - {key(a["path"]) for a in TRUTH["sites"][name]["articles"]})
    assert (missing, twice, extra) == ([], [], []), (
        f"{len(missing)} of {len(wanted)} articles not stored, {len(twice)} stored twice, "
        f"{len(extra)} non-articles stored {extra[:5]}; other pages requested: "
        f"{[p for p in crawl.first_requests if key(p) not in wanted]}"
    )


@pytest.mark.parametrize("name", SITES)
def test_stored_titles_are_the_headlines(crawls: dict[str, SiteCrawl], name: str) -> None:
    stored = crawls[name].stored_by_key()
    checked, wrong = 0, []
    for article in _crawlable(name):
        for row in stored.get(key(article["path"]), []):
            checked += 1
            if (row["title"] or "").strip() != article["title"]:
                wrong.append((article["path"], row["title"], article["title"]))
    assert checked, "no article stored"
    assert wrong == [], wrong


@pytest.mark.parametrize("name", SITES)
def test_stored_dates_are_the_sites_dates(crawls: dict[str, SiteCrawl], name: str) -> None:
    stored = crawls[name].stored_by_key()
    checked, wrong = 0, []
    for article in _crawlable(name):
        for row in stored.get(key(article["path"]), []):
            checked += 1
            if (row["published_at"] or "")[:10] != article["published"]:
                wrong.append((article["path"], article["date_on"], row["published_at"], article["published"]))
    assert checked, "no article stored"
    assert wrong == [], wrong


@pytest.mark.parametrize("name", SITES)
def test_bodies_are_at_least_as_good_as_plain_trafilatura(crawls: dict[str, SiteCrawl], name: str) -> None:
    import trafilatura

    crawl = crawls[name]
    stored = crawl.stored_by_key()
    encoding = _DECODE[crawl.truth["encoding"]]
    checked, worse = 0, []
    for article in _crawlable(name):
        for row in stored.get(key(article["path"]), []):
            checked += 1
            page = crawl.pages[key(article["path"])].decode(encoding)  # what a browser shows
            baseline = char_f1(trafilatura.extract(page) or "", article["body"])
            ours = char_f1(row["body"] or "", article["body"])
            if ours < baseline:
                worse.append((article["path"], round(ours, 3), round(baseline, 3)))
    assert checked, "no article stored"
    assert worse == [], (
        f"{len(worse)} of {checked} bodies worse than trafilatura (path, our F1, trafilatura F1): {worse}"
    )


@pytest.mark.parametrize("name", SITES)
def test_a_second_crawl_fetches_no_article_again(crawls: dict[str, SiteCrawl], name: str) -> None:
    crawl = crawls[name]
    articles = {key(a["path"]) for a in TRUTH["sites"][name]["articles"]}
    again = [p for p in crawl.second_requests if key(p) in articles]
    assert again == [], f"{len(again)} article requests in the second run: {again[:5]}"
