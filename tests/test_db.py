"""The database as it outlives releases: migrations recorded under older names, and stored times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

import db as store
from db.schema import migrations

# The names the releases before the renumbering recorded, in the order they applied them.
# fmt: off
OLD_NAMES = ["m001_spine", "m002_events", "m003_analysis", "m003_delivery_batch", "m004_health",
             "m005_schedule", "m006_clustered", "m007_failed_urls"]
# fmt: on
TABLE = migrations.migrations_table
CURRENT = [m.name for m in migrations.pending(Database(memory=True))]


def _recorded(db: Database) -> list[dict[str, str]]:
    return list(
        db.query(f"select name, applied_at from [{TABLE}] where migration_set = ? order by rowid", [migrations.name])
    )


def _old_database(path: Path, applied: int) -> None:
    """A database as an older release left it: its first ``applied`` migrations run and recorded
    by sqlite-utils under the names that release gave them."""
    db = Database(path)
    migrations.apply(db, stop_before=CURRENT[applied] if applied < len(CURRENT) else None)
    for new, old in zip(CURRENT[:applied], OLD_NAMES[:applied], strict=True):
        db.execute(f"update [{TABLE}] set name = ? where name = ?", [old, new])
    db.conn.commit()
    db.close()


def test_the_migrations_are_numbered_in_order_without_repeats() -> None:
    assert [int(name[1:4]) for name in CURRENT] == list(range(1, len(CURRENT) + 1))
    assert len(CURRENT) >= len(OLD_NAMES)  # migrations after the renumbering keep their names


def test_a_database_from_before_the_renumbering_opens_with_nothing_run_again_or_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path, applied=len(OLD_NAMES))
    old = Database(path)
    old["sources"].insert(
        {
            "name": "gov",
            "url": "https://example.gov.cn/",
            "kind": "html",
            "health_changed_at": "2025-11-01T00:00:00+00:00",
        }
    )
    old["articles"].insert(
        {
            "id": 1,
            "url": "https://example.gov.cn/a.html",
            "source": "gov",
            "title": "签约",
            "body": "生物医药 产业园 签约",
            "clustered_at": "2025-11-18T02:00:00+00:00",
            "search_title": "签约",
            "search_body": "生物医药 产业园 签约",
            "search_extra": "",
        }
    )
    old["events"].insert({"id": "e1", "watch": "biotech", "type": "signing", "title": "签约"})
    old["deliveries"].insert({"channel": "mail", "event_id": "e1", "batch": "b1"})
    old["schedule_state"].insert({"job": "run", "since": "2025-11-01T00:00:00+00:00"})
    old["failed_urls"].insert({"url": "https://example.gov.cn/gone.html", "source": "gov", "permanent": 1})
    old.conn.commit()
    before = _recorded(old)
    old.close()

    db = store.open_db(path)

    after = _recorded(db)
    assert [r["name"] for r in after] == CURRENT
    assert [r["applied_at"] for r in after[: len(before)]] == [r["applied_at"] for r in before]
    assert store.count(db, "articles") == 1
    assert db["deliveries"].get(("mail", "e1"))["batch"] == "b1"
    assert db["sources"].get("gov")["health_changed_at"] == "2025-11-01T00:00:00+00:00"
    assert store.count(db, "schedule_state") == store.count(db, "failed_urls") == 1
    assert db.execute("select rowid from articles_fts where articles_fts match '签约'").fetchall() == [(1,)]
    assert _recorded(store.open_db(path)) == after  # a second open changes nothing


def test_a_database_left_partway_by_an_older_release_runs_only_what_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path, applied=5)  # up to the old m004_health
    with Database(path) as old:
        before = _recorded(old)
        assert not old["schedule_state"].exists()

    db = store.open_db(path)

    after = _recorded(db)
    assert [r["name"] for r in after] == CURRENT
    assert [r["applied_at"] for r in after[:5]] == [r["applied_at"] for r in before]
    assert db["schedule_state"].exists() and db["failed_urls"].exists()
    assert "clustered_at" in db["articles"].columns_dict


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("2025-11-18T10:30:00+08:00", datetime(2025, 11, 18, 2, 30, tzinfo=UTC)),
        ("2025-11-18T02:30:00+00:00", datetime(2025, 11, 18, 2, 30, tzinfo=UTC)),
        ("2025-11-18T10:30:00", datetime(2025, 11, 18, 2, 30, tzinfo=UTC)),  # no offset: China time
        ("2025-11-18", datetime(2025, 11, 17, 16, 0, tzinfo=UTC)),
        ("", None),
        (None, None),
        ("yesterday", None),
    ],
)
def test_stored_times_read_as_china_time_when_they_carry_no_offset(
    stored: str | None, expected: datetime | None
) -> None:
    assert store.parse_time(stored) == expected
    assert store.CHINA.utcoffset(None) == timedelta(hours=8)


def test_now_is_the_utc_form_every_at_column_stores() -> None:
    written = store.now()
    assert written.endswith("+00:00")
    assert abs(datetime.fromisoformat(written) - datetime.now(UTC)) < timedelta(seconds=5)


def test_events_of_the_latest_crawl_exclude_those_of_the_crawl_before_in_the_same_second(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "news.db")
    same = "2025-11-18T02:00:05+00:00"
    db["runs"].insert_all(
        [
            {"id": 1, "command": "run", "started_at": "2025-11-18T02:00:01+00:00", "finished_at": same},
            {"id": 2, "command": "digest", "started_at": same, "finished_at": same},
            {"id": 3, "command": "crawl", "started_at": same, "finished_at": "2025-11-18T02:00:09+00:00"},
        ]
    )
    db["events"].insert_all(
        [
            {"id": "old", "watch": "w", "first_seen": same},  # stored by run 1 in the second run 3 started
            {"id": "new", "watch": "w", "first_seen": "2025-11-18T02:00:08+00:00"},
        ]
    )
    assert store.events_of_latest_crawl(db) == ["new"]
    assert store.events_of_latest_crawl(store.open_db(tmp_path / "empty.db")) == []
