"""Full-text search: FTS5 over jieba-segmented text, kept in sync as articles are stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import config as configuration
import db as store
from pipelines.analyse import analyse
from pipelines.article import Article
from pipelines.cluster import cluster
from pipelines.search import search

ROOT = Path(__file__).resolve().parent.parent
# fmt: off
ARTICLES = [
    ("http://a.example/1", "zh-hans", "黄埔生物安全中试产业园开园",
     "位于中新广州知识城的产业园正式开园，首批11家生物医药企业入驻。香港科技园代表出席。"),
    ("http://a.example/2", "zh-hant", "上海生物醫藥產業母基金再落子",
     "上海生物醫藥產業母基金第二批6隻子基金簽約，總規模約35億元。"),
    ("http://a.example/3", "zh-hans", "全区经济运行平稳",
     "前三季度，全区电子信息、汽车、生物医药等产业保持增长。"),
    ("http://a.example/4", "en", "Biopharma park opens in Huangpu",
     "A biosafety pilot park for biopharma companies opened in Guangzhou's Huangpu district."),
]
# fmt: on


@pytest.fixture
def database(tmp_path: Path) -> store.Database:
    path = tmp_path / "config.toml"
    path.write_text(
        '[storage]\ndatabase = "news.db"\n[[watches]]\nname = "w"\nkeywords = ["生物医药"]\n', encoding="utf-8"
    )
    config = configuration.load(path)
    db = store.open_db(config.database)
    rows = []
    for url, lang, title, body in ARTICLES:
        article = Article(
            url=url,
            source="s",
            title=title,
            published_at="2025-11-18T10:00:00+08:00",
            lang=lang,
            body=body,
            fetched_at="2025-11-18T02:00:00+00:00",
            content_hash=url,
        )
        rows.append(article.row() | analyse(article, config))
    store.save_articles(db, rows)
    return db


def _urls(db: store.Database, query: str) -> list[str]:
    return [h.url for h in search(db, query)]


def test_two_character_words_are_found(database: store.Database) -> None:
    assert _urls(database, "香港") == ["http://a.example/1"]
    assert _urls(database, "开园") == ["http://a.example/1"]


def test_a_word_is_found_inside_a_longer_word(database: store.Database) -> None:
    assert set(_urls(database, "医药")) == {"http://a.example/1", "http://a.example/2", "http://a.example/3"}


def test_every_word_must_occur_and_title_hits_rank_first(database: store.Database) -> None:
    assert _urls(database, "生物医药 开园") == ["http://a.example/1"]
    assert _urls(database, "生物医药")[0] == "http://a.example/2"  # the only title hit
    assert _urls(database, "半导体") == []


def test_traditional_articles_answer_simplified_queries(database: store.Database) -> None:
    assert _urls(database, "母基金") == ["http://a.example/2"]


def test_english_words_and_phrases(database: store.Database) -> None:
    assert _urls(database, "biopharma") == ["http://a.example/4"]
    assert _urls(database, '"pilot park"') == ["http://a.example/4"]
    assert _urls(database, '"park pilot"') == []


def test_snippets_read_as_text_with_the_hits_marked(database: store.Database) -> None:
    [hit] = search(database, "香港")
    assert "[香港]科技园代表出席" in hit.snippet


def test_articles_stored_without_analysis_are_indexed_when_clustered(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[storage]\ndatabase = "news.db"\n[[watches]]\nname = "w"\nkeywords = ["生物医药"]\n', encoding="utf-8"
    )
    config = configuration.load(path)
    db = store.open_db(config.database)
    article = Article(
        url="http://b.example/1",
        source="s",
        title="生物医药产业园开园",
        published_at=None,
        lang="zh-hans",
        body="首批企业入驻生物医药产业园。",
        fetched_at="2025-11-18T02:00:00+00:00",
        content_hash="x",
    )
    ids = store.save_articles(db, [article.row()])
    assert search(db, "开园") == []
    cluster(db, config, ids)
    assert [h.url for h in search(db, "开园")] == ["http://b.example/1"]


@pytest.mark.slow
def test_the_search_command(database: store.Database, tmp_path: Path) -> None:
    database.close()
    out = subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(tmp_path / "config.toml"), "search", "生物医药", "--limit", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("http://a.example/") == 2 and out.stdout.rstrip().endswith("2 hits")
