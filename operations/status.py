"""``newswatch status``: what an operator checks first — is it running, is it on time, is anything stuck.

Gathers the last runs, the run working now (from the lock), the next scheduled times and what the
scheduler last did, deliveries and health notices still pending per channel, and unhealthy sources,
as plain data; ``cli.display.status_view`` turns it into text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import db as store
from config import Config
from errors import ConfigError
from operations.cron import next_fire_times
from operations.lock import current_holder

RUNS_SHOWN = 10


def gather(config: Config) -> dict[str, Any]:
    """The status as plain data (``status --json``)."""
    database = store.open_db(config.database)
    try:
        return {
            "now": datetime.now(UTC).isoformat(timespec="seconds"),
            "running": current_holder(config.database),
            "runs": store.recent_runs(database, RUNS_SHOWN),
            "schedule": _schedule(config, store.schedule_state(database)),
            "deliveries": _deliveries(config, database),
            "unhealthy": _unhealthy(config, database),
            "failed_pages": _failed_pages(config, database),
        }
    finally:
        database.close()


def _schedule(config: Config, state: dict[str, dict[str, Any]]) -> dict[str, Any]:
    try:
        upcoming = next_fire_times(config)
    except ConfigError as exc:
        return {"timezone": config.schedule.timezone, "error": str(exc), "jobs": []}
    jobs = []
    for job, moment in upcoming.items():
        row = state.get(job, {})
        jobs.append(
            {
                "job": job,
                "cron": getattr(config.schedule, job),
                "next_run": moment.isoformat(timespec="seconds") if moment else None,
                "last_status": row.get("last_status"),
                "last_started_at": row.get("last_started_at"),
                "last_finished_at": row.get("last_finished_at"),
                "last_detail": row.get("last_detail"),
            }
        )
    return {"timezone": config.schedule.timezone, "jobs": jobs}


def _deliveries(config: Config, database: store.Database) -> list[dict[str, Any]]:
    """Per configured channel: digest events not yet delivered, and health notices waiting."""
    counts: dict[str, dict[str, Any]] = {}
    for row in store.delivery_counts(database):
        if row["status"] in store.UNDELIVERED:
            entry = counts.setdefault(row["channel"], {"events": 0, "oldest": None, "last_error": None})
            entry["events"] += row["events"]
            entry["oldest"] = min(filter(None, [entry["oldest"], row["oldest"]]), default=None)
            entry["last_error"] = entry["last_error"] or row["last_error"]
    out = []
    for channel in config.channels:
        entry = counts.get(channel.name, {"events": 0, "oldest": None, "last_error": None})
        notices = store.pending_notices(database, channel.name) if channel.operator else []
        out.append(
            {
                "channel": channel.name,
                "kind": channel.kind,
                "enabled": channel.enabled,
                "pending_events": entry["events"],
                "oldest": entry["oldest"],
                "pending_notices": len(notices),
                "last_error": entry["last_error"],
            }
        )
    return out


def _unhealthy(config: Config, database: store.Database) -> list[dict[str, Any]]:
    rows = {r["name"]: r for r in store.source_rows(database)}
    out = []
    for source in config.sources:
        row = rows.get(source.name)
        if row is not None and row["healthy"] == 0:
            out.append(
                {
                    "name": source.name,
                    "enabled": source.enabled,
                    "since": row["health_changed_at"],
                    "reason": row["health_reason"],
                    "consecutive_failures": row["consecutive_failures"],
                    "last_error": row["last_error"],
                }
            )
    return out


def _failed_pages(config: Config, database: store.Database) -> list[dict[str, Any]]:
    """Per source with any: failed pages waiting to be tried again, and pages given up."""
    counts = store.retry_counts(database)
    return [
        {"source": s.name, "waiting": counts[s.name]["waiting"], "given_up": counts[s.name]["given_up"]}
        for s in config.sources
        if s.name in counts
    ]
