"""Feedback that teaches the watch: not relevant, relevant, merge and split, given in the web app,
stored in the feedback table and honoured — in the lists, the feed, the digest, later clustering
runs, `newswatch feedback export` and `newswatch learn`."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

import config as configuration
import db as store
from pipelines.analyse import analyse
from pipelines.article import Article
from pipelines.cluster import cluster
from tests.support.cli import newswatch
from tests.support.webapp import App, Browser, fill, serve, stop

CHANNEL = '[[channels]]\nname = "team-hook"\nkind = "webhook"\nurl = "http://127.0.0.1:9/hook"\n'


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    path = fill(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + CHANNEL, encoding="utf-8")
    running = serve(path)
    yield running
    stop(running)


def _event_ids(app: App) -> dict[str, str]:
    """{headline: event id} of the live events, from the events API."""
    events = json.loads(Browser(app.url).get("/api/events")[2])
    return {e["title"]: e["id"] for e in events}


def _id_of(app: App, word: str) -> str:
    return next(i for title, i in _event_ids(app).items() if word in title)


def _digest_titles(app: App) -> list[str]:
    result = newswatch(app.config, "digest", "--dry-run", "--format", "json")
    assert result.returncode == 0, result.stderr
    start = result.stdout.index("{")
    payload = json.loads(result.stdout[start : result.stdout.rindex("}") + 1])
    return [e["title"] for e in payload["events"]]


def _feedback(app: App) -> list[dict[str, object]]:
    db = store.open_db(configuration.load(app.config, {}).database)
    return store.feedback_rows(db)


def test_not_relevant_takes_an_event_out_of_lists_feeds_and_the_digest_and_restore_brings_it_back(app: App) -> None:
    foshan = _id_of(app, "佛山")
    assert any("佛山" in t for t in _digest_titles(app))
    browser = Browser(app.url)
    token = browser.csrf(f"/events/{foshan}")
    status, headers, _ = browser.post(f"/events/{foshan}/dismiss", {"csrf": token})
    assert status == 303 and headers["location"] == f"/events/{foshan}"
    assert "Dismissed as not relevant" in browser.get(f"/events/{foshan}")[2]
    assert foshan not in _event_ids(app).values()
    assert "佛山" not in browser.get("/")[2] and "佛山" in browser.get("/?dismissed=1")[2]
    assert foshan not in browser.get("/feeds/biomed.atom")[2]
    assert not any("佛山" in t for t in _digest_titles(app))
    [row] = _feedback(app)
    assert (row["action"], row["event_id"], row["watch"], row["who"]) == ("dismiss", foshan, "biomed", "local")
    assert row["at"]

    browser.post(f"/events/{foshan}/restore", {"csrf": token})
    assert foshan in _event_ids(app).values() and any("佛山" in t for t in _digest_titles(app))


def test_merge_makes_one_event_that_later_runs_keep(app: App) -> None:
    ids = _event_ids(app)
    park, foshan = _id_of(app, "产业园开园"), _id_of(app, "佛山")
    browser = Browser(app.url)
    page = browser.get(f"/events/{foshan}")[2]
    assert f'<option value="{park}">' in page  # the neighbours a merge picks from
    status, headers, _ = browser.post(f"/events/{foshan}/merge", {"csrf": browser.csrf("/sources"), "into": park})
    assert status == 303 and headers["location"] == f"/events/{park}"
    assert browser.get(f"/events/{foshan}")[1]["location"] == f"/events/{park}"  # the old id still leads there
    after = _event_ids(app)
    assert foshan not in after.values() and len(after) == len(ids) - 1
    merged = next(e for e in json.loads(browser.get("/api/events")[2]) if e["id"] == park)
    assert len(merged["articles"]) == 3

    config = configuration.load(app.config, {})
    db = store.open_db(config.database)
    every = [r["id"] for r in db.query("select id from articles")]
    cluster(db, config, every)  # a later run over the same reports changes nothing
    assert _event_ids(app) == after
    assert browser.post(f"/events/{park}/merge", {"csrf": browser.csrf("/sources"), "into": park})[1][
        "location"
    ].startswith(f"/events/{park}?error=")


def test_split_gives_a_report_its_own_event_that_later_runs_keep(app: App) -> None:
    park = _id_of(app, "产业园开园")
    browser = Browser(app.url)
    page = browser.get(f"/events/{park}")[2]
    articles = re.findall(r'name="article" value="(\d+)"', page)
    assert len(articles) == 2
    status, headers, _ = browser.post(
        f"/events/{park}/split", {"csrf": browser.csrf("/sources"), "article": articles[1]}
    )
    new_id = headers["location"].removeprefix("/events/")
    assert status == 303 and new_id != park
    events = {e["id"]: e for e in json.loads(browser.get("/api/events")[2])}
    assert len(events[park]["articles"]) == 1 and len(events[new_id]["articles"]) == 1

    config = configuration.load(app.config, {})
    db = store.open_db(config.database)
    reprint = Article(
        url="http://news.example.com/a/9.html",
        source="city-news",
        title="黄埔区生物医药产业园开园 首批12家企业签约入驻",
        published_at="2025-11-18T15:00:00+08:00",
        lang="zh-hans",
        body="11月18日，广州市黄埔区生物医药产业园正式开园，首批12家生物医药企业签约入驻，总投资20亿元。",
        fetched_at="2025-11-18T15:00:00+08:00",
        content_hash="9",
    )
    ids = store.save_articles(db, [reprint.row() | analyse(reprint, config)])
    cluster(db, config, [r["id"] for r in db.query("select id from articles")])
    events = {e["id"]: e for e in json.loads(browser.get("/api/events")[2])}
    assert len(events[new_id]["articles"]) == 1  # the split-off report stays alone
    assert ids[0] in {a for e in events.values() for a in _article_ids(db, e["id"])}
    kinds = [r["action"] for r in _feedback(app)]
    assert kinds == ["split"]


def _article_ids(db: store.Database, event_id: str) -> list[int]:
    return store.event_articles(db, event_id)


def test_relevant_from_search_makes_an_event_and_feedback_teaches_learn(tmp_path: Path) -> None:
    path = fill(tmp_path)
    config = configuration.load(path, {})
    db = store.open_db(config.database)
    missed = Article(
        url="http://news.example.com/a/7.html",
        source="city-news",
        title="澄岭细胞治疗公司完成3亿元B轮融资",
        published_at="2025-11-12T09:00:00+08:00",
        lang="zh-hans",
        body="澄岭细胞治疗公司宣布完成3亿元B轮融资，资金将用于细胞治疗产品的临床研究。",
        fetched_at="2025-11-12T09:00:00+08:00",
        content_hash="7",
    )
    [article_id] = store.save_articles(db, [missed.row() | analyse(missed, config)])
    cluster(db, config, [article_id])
    app = serve(path)
    try:
        browser = Browser(app.url)
        page = browser.get("/search?q=" + urllib.parse.quote("细胞治疗"))[2]
        assert f'action="/articles/{article_id}/relevant"' in page  # it matched no watch
        status, headers, _ = browser.post(
            f"/articles/{article_id}/relevant", {"csrf": browser.csrf("/sources"), "watch": "biomed"}
        )
        assert status == 303
        event_id = headers["location"].removeprefix("/events/")
        assert "澄岭细胞治疗公司完成3亿元B轮融资" in browser.get(f"/events/{event_id}")[2]
        hostile = _id_of(app, "script")
        browser.post(f"/events/{hostile}/dismiss", {"csrf": browser.csrf("/sources")})
        assert (
            browser.post("/articles/999999/relevant", {"csrf": browser.csrf("/sources"), "watch": "biomed"})[0] == 400
        )
    finally:
        stop(app)

    exported = [json.loads(line) for line in newswatch(path, "feedback", "export").stdout.splitlines()]
    assert {(e["title"][:6], e["relevant"]["biomed"]) for e in exported} == {("澄岭细胞治疗", True), ("<scrip", False)}
    learned = newswatch(path, "learn")
    assert learned.returncode == 0, learned.stderr
    assert "biomed" in learned.stdout and "2 examples" in learned.stdout
    bad = newswatch(path, "feedback", "export", "--watch", "nosuch")
    assert bad.returncode == 2 and "no watch named 'nosuch'" in bad.stderr
