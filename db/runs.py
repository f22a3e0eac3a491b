"""Runs, sources and their health, per-page failures, operator notices and schedule state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from db.retries import note_failed_pages
from db.times import now


def start_run(db: Database, command: str) -> int:
    with db.atomic():
        table = db.table("runs")
        table.insert({"command": command, "started_at": now(), "status": "running"})
        if table.last_pk is None:  # insert sets it; typed Optional because a Table starts without one
            raise RuntimeError("sqlite-utils gave the new run no id")
        return int(table.last_pk)


def finish_run(db: Database, run_id: int, status: str, error: str | None = None, **figures: int) -> None:
    with db.atomic():
        db.table("runs").update(run_id, {"finished_at": now(), "status": status, "error": error, **figures})


def recent_runs(db: Database, limit: int = 10) -> list[dict[str, Any]]:
    return list(db.query("select * from runs order by id desc limit ?", [limit]))


def sync_sources(db: Database, sources: Iterable[Mapping[str, str]]) -> None:
    """Make sure every configured source has a row (url and kind kept current)."""
    with db.atomic():
        for s in sources:
            db.execute(
                "insert into sources (name, url, kind) values (?, ?, ?) "
                "on conflict(name) do update set url = excluded.url, kind = excluded.kind",
                [s["name"], s["url"], s["kind"]],
            )


def record_source_run(db: Database, run_id: int, source: str, figures: Mapping[str, Any], error: str | None) -> None:
    """Store one source's figures for a run and update its health columns."""
    ok = error is None
    with db.atomic():
        db.table("source_runs").upsert(
            {"run_id": run_id, "source": source, "error": error, **figures}, pk=("run_id", "source")
        )
        at = now()
        if ok:
            db.execute(
                "update sources set last_run_at = ?, last_success_at = ?, articles_last_run = ?, "
                "links_last_run = ?, consecutive_failures = 0, last_error = null where name = ?",
                [at, at, figures.get("new_articles", 0), figures.get("links", 0), source],
            )
        else:
            db.execute(
                "update sources set last_run_at = ?, articles_last_run = ?, links_last_run = ?, "
                "consecutive_failures = consecutive_failures + 1, last_error = ? where name = ?",
                [at, figures.get("new_articles", 0), figures.get("links", 0), error, source],
            )


def source_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query("select * from sources order by name"))


def record_failures(db: Database, run_id: int | None, failures: Iterable[Mapping[str, Any]]) -> None:
    """Log the failures of a run and, for article pages, when each is to be tried again."""
    failures = list(failures)
    at = now()
    rows = [
        {"run_id": run_id, "source": f["source"], "url": f["url"], "reason": f["reason"], "at": f.get("at") or at}
        for f in failures
    ]
    if rows:
        with db.atomic():
            db.table("failures").insert_all(rows, batch_size=200)
            note_failed_pages(db, failures, at)


def run_figures(db: Database, run_id: int) -> dict[str, Any]:
    """A run's figures for a digest footer, summed from its sources if the run has not finished."""
    run = next(iter(db.query("select * from runs where id = ?", [run_id])), None)
    if run is None:
        return {}
    sums = db.execute(
        "select count(*), coalesce(sum(pages), 0), coalesce(sum(new_articles), 0), "
        "coalesce(sum(failures), 0), coalesce(sum(error is not null), 0) from source_runs where run_id = ?",
        [run_id],
    ).fetchone()
    figures = {
        "run_id": run_id,
        "started_at": run["started_at"],
        "finished_at": run["finished_at"],
        "status": run["status"],
        "sources": sums[0],
        "failed_sources": sums[4],
        "pages": run["pages"] or sums[1],
        "new_articles": run["new_articles"] or sums[2],
        "failures": run["failures"] or sums[3],
        "new_events": run["new_events"] or 0,
    }
    return figures


def failing_sources(db: Database) -> list[dict[str, Any]]:
    """Sources whose last run failed or that are marked unhealthy, worst first."""
    return list(
        db.query(
            "select name, url, consecutive_failures, last_error, last_success_at, healthy, health_reason "
            "from sources where consecutive_failures > 0 or healthy = 0 "
            "order by consecutive_failures desc, name"
        )
    )


def source_history(db: Database, source: str, limit: int = 50) -> list[dict[str, Any]]:
    """The source's figures per run, newest first, with when each run started."""
    sql = (
        "select sr.*, r.started_at from source_runs sr join runs r on r.id = sr.run_id "
        "where sr.source = ? order by sr.run_id desc limit ?"
    )
    return list(db.query(sql, [source, limit]))


def most_links(db: Database, source: str) -> int:
    """The most article links the source has ever shown in one run."""
    row = db.execute("select max(links) from source_runs where source = ?", [source]).fetchone()
    return int(row[0] or 0)


def first_run_at(db: Database, source: str) -> str | None:
    """When the source was first crawled: its silence before that is not held against it."""
    row = db.execute(
        "select min(r.started_at) from source_runs sr join runs r on r.id = sr.run_id where sr.source = ?", [source]
    ).fetchone()
    return row[0] if row else None


def publish_times(db: Database, source: str, limit: int = 60) -> list[str]:
    """The source's latest publish dates (ISO strings, offsets may differ), newest stored first."""
    sql = "select published_at from articles where source = ? and published_at is not null order by id desc limit ?"
    return [r["published_at"] for r in db.query(sql, [source, limit])]


def source_health(db: Database, source: str) -> dict[str, Any] | None:
    return next(iter(db.query("select * from sources where name = ?", [source])), None)


def record_health_change(
    db: Database, source: str, healthy: bool, reason: str | None, run_id: int | None, channels: Iterable[str]
) -> int:
    """Flip a source's health and queue one notice per operator channel, in one transaction.

    ``reason`` is why it is unhealthy, or for a recovery why it had been.
    """
    at = now()
    with db.atomic():
        db.execute(
            "update sources set healthy = ?, health_reason = ?, health_changed_at = ? where name = ?",
            [int(healthy), None if healthy else reason, at, source],
        )
        cursor = db.execute(
            "insert into notices (source, state, reason, run_id, created_at) values (?, ?, ?, ?, ?)",
            [source, "recovered" if healthy else "unhealthy", reason, run_id, at],
        )
        notice_id = int(cursor.lastrowid or 0)
        db.conn.executemany(
            "insert into notice_deliveries (notice_id, channel, status, attempts) values (?, ?, 'pending', 0)",
            [(notice_id, c) for c in dict.fromkeys(channels)],
        )
    return notice_id


def update_health_reason(db: Database, source: str, reason: str | None) -> None:
    """Keep the stated reason current while the health state itself is unchanged."""
    with db.atomic():
        db.execute("update sources set health_reason = ? where name = ?", [reason, source])


def pending_notices(db: Database, channel: str) -> list[dict[str, Any]]:
    sql = (
        "select n.*, d.attempts from notice_deliveries d join notices n on n.id = d.notice_id "
        "where d.channel = ? and d.status = 'pending' order by n.id"
    )
    return list(db.query(sql, [channel]))


def mark_notices(db: Database, channel: str, notice_ids: Iterable[int], error: str | None) -> None:
    """Record a delivery attempt: sent for good, or still pending with the (redacted) error."""
    ids = list(notice_ids)
    marks = ",".join("?" * len(ids))
    with db.atomic():
        if error is None:
            db.execute(
                f"update notice_deliveries set status = 'sent', sent_at = ?, last_error = null, "
                f"attempts = attempts + 1 where channel = ? and notice_id in ({marks})",
                [now(), channel, *ids],
            )
        else:
            db.execute(
                f"update notice_deliveries set last_error = ?, attempts = attempts + 1 "
                f"where channel = ? and notice_id in ({marks})",
                [error, channel, *ids],
            )


def notices(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    """The latest health notices with how many channels still wait for each."""
    sql = (
        "select n.*, (select count(*) from notice_deliveries d where d.notice_id = n.id "
        "and d.status = 'pending') as pending from notices n order by n.id desc limit ?"
    )
    return list(db.query(sql, [limit]))


def close_abandoned_runs(db: Database) -> int:
    """Mark runs left 'running' by a killed process; called only while holding the run lock."""
    with db.atomic():
        cursor = db.execute("update runs set status = 'abandoned', finished_at = ? where status = 'running'", [now()])
        return max(cursor.rowcount, 0)


def schedule_state(db: Database) -> dict[str, dict[str, Any]]:
    return {r["job"]: r for r in db.query("select * from schedule_state")}


def save_schedule_state(db: Database, job: str, **values: str | None) -> None:
    """Upsert one job's row; ``since`` is set only when the row is first created."""
    with db.atomic():
        db.execute("insert or ignore into schedule_state (job, since) values (?, ?)", [job, now()])
        if values:
            assignments = ", ".join(f"{key} = ?" for key in values)
            db.execute(f"update schedule_state set {assignments} where job = ?", [*values.values(), job])


def runs_since(db: Database, run_id: int, command: str | None = None) -> list[dict[str, Any]]:
    """Runs started after ``run_id`` (the scheduler reads what its child process recorded)."""
    sql = "select * from runs where id > ?" + (" and command = ?" if command else "") + " order by id"
    return list(db.query(sql, [run_id, command] if command else [run_id]))


def last_run_id(db: Database) -> int:
    row = db.execute("select max(id) from runs").fetchone()
    return int(row[0] or 0)
