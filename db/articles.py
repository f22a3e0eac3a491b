"""Articles, the URLs they were reached at, their analysis columns and full-text search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.retries import not_due_urls
from db.schema import ANALYSIS_COLUMNS, dumps, in_chunks
from db.times import now


def skipped_urls(db: Database, at: str) -> set[str]:
    """The URLs a crawl starting at ``at`` does not request: stored ones, and failed pages not due."""
    return all_known_urls(db) | not_due_urls(db, at)


def skipped_urls_readonly(path: Path | str, at: str) -> set[str]:
    """``skipped_urls`` read without creating, migrating or writing anything (for dry runs)."""
    path = Path(path)
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        database = Database(conn)
        stored = all_known_urls(database)
        return stored | not_due_urls(database, at) if database["failed_urls"].exists() else stored
    except sqlite3.OperationalError:  # a database from before the article_urls table
        return set()
    finally:
        conn.close()


def known_urls(db: Database, urls: Iterable[str]) -> set[str]:
    """The subset of urls already stored (as canonical URL or as an alias)."""
    found: set[str] = set()
    for marks, chunk in in_chunks(urls):
        found.update(r["url"] for r in db.query(f"select url from article_urls where url in ({marks})", chunk))
    return found


def all_known_urls(db: Database, source: str | None = None) -> set[str]:
    """Every URL stored, loaded once per crawl so the spider can skip them without a query each."""
    if source is None:
        return {r["url"] for r in db.query("select url from article_urls")}
    sql = "select u.url from article_urls u join articles a on a.id = u.article_id where a.source = ?"
    return {r["url"] for r in db.query(sql, [source])}


def save_articles(db: Database, rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """Insert new articles in one transaction; an URL already stored is left as it is.

    Each row carries the article's columns (url, source, title, published_at, lang, body,
    fetched_at, content_hash), ``aliases`` (other URLs it was reached at) and any analysis columns.
    Returns the ids of the rows actually inserted.
    """
    inserted: list[int] = []
    with db.atomic():
        for row in rows:
            aliases = [row["url"], *row.get("aliases", ())]
            if known_urls(db, aliases):
                _add_aliases(db, aliases)
                continue
            values = {k: v for k, v in row.items() if k != "aliases"}
            cursor = db.execute(
                f"insert into articles ({', '.join(values)}) values ({', '.join('?' * len(values))})",
                [dumps(v) if isinstance(v, (list, dict, tuple)) else v for v in values.values()],
            )
            article_id = int(cursor.lastrowid or 0)
            inserted.append(article_id)
            db.conn.executemany(
                "insert or ignore into article_urls (url, article_id) values (?, ?)",
                [(u, article_id) for u in dict.fromkeys(aliases)],
            )
    return inserted


def _add_aliases(db: Database, urls: list[str]) -> None:
    found = list(
        db.query(f"select article_id from article_urls where url in ({','.join('?' * len(urls))}) limit 1", urls)
    )
    if found:
        db.conn.executemany(
            "insert or ignore into article_urls (url, article_id) values (?, ?)",
            [(u, found[0]["article_id"]) for u in urls],
        )


def add_aliases(db: Database, aliases: Mapping[str, Iterable[str]]) -> set[str]:
    """Record more URLs (redirects, duplicates) of stored articles so no run fetches them again.

    ``aliases`` maps a stored URL to other URLs of the same article. Returns the stored URLs
    whose aliases were recorded; the others are not stored (yet).
    """
    done: set[str] = set()
    with db.atomic():
        for url, others in aliases.items():
            found = db.execute("select article_id from article_urls where url = ?", [url]).fetchone()
            if found is None:
                continue
            db.conn.executemany(
                "insert or ignore into article_urls (url, article_id) values (?, ?)",
                [(u, found[0]) for u in dict.fromkeys(others)],
            )
            done.add(url)
    return done


def articles(
    db: Database, source: str | None = None, since: str | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Stored articles, newest first (by publish date, then fetch time)."""
    where, params = [], []
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("coalesce(published_at, fetched_at) >= ?")
        params.append(since)
    sql = "select * from articles"
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by coalesce(published_at, fetched_at) desc, id desc"
    if limit:
        sql += f" limit {int(limit)}"
    return db.query(sql, params)


ANALYSIS_JSON = ("watches", "terms", "places", "parks", "organizations", "amounts", "keywords", "figures")


def unanalysed(db: Database, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The articles among ``article_ids`` that analysis has not seen (stored without it)."""
    out: list[dict[str, Any]] = []
    for marks, chunk in in_chunks(article_ids):
        sql = (
            "select id, url, source, title, published_at, lang, body, fetched_at, content_hash "
            f"from articles where analysed_at is null and id in ({marks})"
        )
        out.extend(db.query(sql, chunk))
    return out


def unclustered(db: Database) -> list[int]:
    """Ids of stored articles that clustering has not seen: this run's, and those of runs that died."""
    return [r[0] for r in db.execute("select id from articles where clustered_at is null order by id")]


def mark_clustered(db: Database, article_ids: Iterable[int]) -> None:
    """Clustering has seen these articles: no later run needs to look at them again."""
    at = now()
    with db.atomic():
        for marks, chunk in in_chunks(article_ids):
            db.execute(f"update articles set clustered_at = ? where id in ({marks})", [at, *chunk])


def save_analysis(db: Database, results: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
    """Store analysis columns for articles already saved (the search index follows by trigger)."""
    with db.atomic():
        for article_id, values in results:
            cols = [k for k in values if k in ANALYSIS_COLUMNS]
            db.execute(
                f"update articles set {', '.join(f'{k} = ?' for k in cols)} where id = ?",
                [dumps(values[k]) if isinstance(values[k], (list, dict, tuple)) else values[k] for k in cols]
                + [article_id],
            )


def analysed_articles(db: Database, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Articles with their analysis columns decoded (JSON to lists), oldest first."""
    out: list[dict[str, Any]] = []
    for marks, chunk in in_chunks(article_ids):
        sql = (
            "select id, url, source, title, lang, published_at, fetched_at, relevance, event_type, "
            f"signature, {', '.join(ANALYSIS_JSON)} from articles where id in ({marks})"
        )
        for row in db.query(sql, chunk):
            for k in ANALYSIS_JSON:
                row[k] = json.loads(row[k]) if row[k] else ([] if k != "terms" else {})
            out.append(row)
    out.sort(key=lambda r: (r["published_at"] or r["fetched_at"] or "", r["id"]))
    return out


def article_bodies(db: Database, article_ids: Iterable[int]) -> dict[int, str]:
    return {
        r["id"]: r["body"] or ""
        for marks, chunk in in_chunks(article_ids)
        for r in db.query(f"select id, body from articles where id in ({marks})", chunk)
    }


RANKED = 20_000  # matches scored at most: the newest, when a query is in more articles than that


def search_articles(db: Database, match: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text hits for an FTS5 MATCH expression, best first, with a snippet of the body; of a
    query in more than ``RANKED`` articles, the best of the newest ``RANKED``."""
    # Ranked by FTS5 itself (``rank match``): it sorts the matches by score alone and the join
    # and snippet run for the hits shown; ordered by bm25() in SQL, every match's article row
    # was read and carried through the sort (50 ms against 25 ms for a word in 17,000 articles).
    sql = (
        "select a.id, a.url, a.source, a.title, a.published_at, "
        "snippet(articles_fts, 1, '[', ']', '…', 16) as snippet, articles_fts.rank as rank "
        "from articles_fts join articles a on a.id = articles_fts.rowid "
        "where articles_fts match ? and articles_fts.rank match 'bm25(5.0, 1.0, 0.5)' "
        "and articles_fts.rowid >= ? order by articles_fts.rank limit ?"
    )
    # Scoring costs about a microsecond a match (a word in all 100,000 articles: 120 ms); finding
    # the RANKED-th newest match costs about a millisecond, and below RANKED matches nothing changes.
    floor = db.execute(
        "select rowid from articles_fts where articles_fts match ? order by rowid desc limit 1 offset ?",
        [match, RANKED - 1],
    ).fetchone()
    return list(db.query(sql, [match, floor[0] if floor else 0, limit]))
