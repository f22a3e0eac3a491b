"""``newswatch status``: what an operator checks first — is it running, is it on time, is anything stuck.

Gathers the last runs, the run working now (from the lock), the next scheduled times and what the
scheduler last did, deliveries and health notices still pending per channel, and unhealthy sources.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from rich.table import Table

import db as store
import scheduler
from cli.display import render as render_table
from config import Config
from errors import ConfigError
from operations.lock import current_holder

RUNS_SHOWN = 10


def gather(config: Config) -> dict[str, Any]:
    """The status as plain data (``status --json``)."""
    database = store.open_db(config.database)
    try:
        return {
            "now": datetime.now(timezone.utc).isoformat(timespec="seconds"),
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
        upcoming = scheduler.next_fire_times(config)
    except ConfigError as exc:
        return {"timezone": config.schedule.timezone, "error": str(exc), "jobs": []}
    jobs = []
    for job, moment in upcoming.items():
        row = state.get(job, {})
        jobs.append({"job": job, "cron": getattr(config.schedule, job),
                     "next_run": moment.isoformat(timespec="seconds") if moment else None,
                     "last_status": row.get("last_status"), "last_started_at": row.get("last_started_at"),
                     "last_finished_at": row.get("last_finished_at"), "last_detail": row.get("last_detail")})
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
        out.append({"channel": channel.name, "kind": channel.kind, "enabled": channel.enabled,
                    "pending_events": entry["events"], "oldest": entry["oldest"],
                    "pending_notices": len(notices), "last_error": entry["last_error"]})
    return out


def _unhealthy(config: Config, database: store.Database) -> list[dict[str, Any]]:
    rows = {r["name"]: r for r in store.source_rows(database)}
    out = []
    for source in config.sources:
        row = rows.get(source.name)
        if row is not None and row["healthy"] == 0:
            out.append({"name": source.name, "enabled": source.enabled, "since": row["health_changed_at"],
                        "reason": row["health_reason"], "consecutive_failures": row["consecutive_failures"],
                        "last_error": row["last_error"]})
    return out


def _failed_pages(config: Config, database: store.Database) -> list[dict[str, Any]]:
    """Per source with any: failed pages waiting to be tried again, and pages given up."""
    counts = store.retry_counts(database)
    return [{"source": s.name, "waiting": counts[s.name]["waiting"], "given_up": counts[s.name]["given_up"]}
            for s in config.sources if s.name in counts]


def _local(value: str | None, zone: ZoneInfo) -> str:
    if not value:
        return "—"
    return datetime.fromisoformat(value).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def render(report: dict[str, Any]) -> str:
    """The status as text for a terminal or a log."""
    zone = ZoneInfo(report["schedule"]["timezone"]) if "error" not in report["schedule"] else ZoneInfo("UTC")
    parts = []
    running = report["running"]
    parts.append(f"working now: pid {running.get('pid')} ({running.get('command', '?')}), started "
                 f"{_local(running.get('started_at'), zone)}" if running else "working now: nothing")
    runs = Table(title="last runs", title_justify="left")
    for column in ("id", "command", "started", "status", "pages", "new", "failures", "events"):
        runs.add_column(column)
    for r in report["runs"]:
        runs.add_row(str(r["id"]), r["command"] or "", _local(r["started_at"], zone),
                     r["status"] + (f": {r['error'][:40]}" if r["error"] else ""),
                     str(r["pages"] or 0), str(r["new_articles"] or 0), str(r["failures"] or 0),
                     str(r["new_events"] or 0))
    parts.append(render_table(runs) if report["runs"] else "last runs: none yet")
    schedule = report["schedule"]
    if "error" in schedule:
        parts.append(f"schedule: {schedule['error']}")
    else:
        jobs = Table(title=f"schedule ({schedule['timezone']})", title_justify="left")
        for column in ("job", "cron", "next run", "last run", "last status"):
            jobs.add_column(column)
        for j in schedule["jobs"]:
            jobs.add_row(j["job"], j["cron"], _local(j["next_run"], zone), _local(j["last_started_at"], zone),
                         (j["last_status"] or "never") + (f": {j['last_detail'][:60]}" if j["last_detail"] else ""))
        parts.append(render_table(jobs))
    if report["deliveries"]:
        channels = Table(title="pending deliveries", title_justify="left")
        for column in ("channel", "kind", "events", "notices", "oldest", "last error"):
            channels.add_column(column)
        for c in report["deliveries"]:
            channels.add_row(c["channel"] + ("" if c["enabled"] else " (disabled)"), c["kind"],
                             str(c["pending_events"]), str(c["pending_notices"]), _local(c["oldest"], zone),
                             (c["last_error"] or "")[:60])
        parts.append(render_table(channels))
    else:
        parts.append("pending deliveries: no channels configured")
    if report["unhealthy"]:
        sick = Table(title="unhealthy sources", title_justify="left")
        for column in ("source", "since", "reason"):
            sick.add_column(column)
        for s in report["unhealthy"]:
            sick.add_row(s["name"] + ("" if s["enabled"] else " (disabled)"), _local(s["since"], zone),
                         s["reason"] or s["last_error"] or "")
        parts.append(render_table(sick))
    else:
        parts.append("unhealthy sources: none")
    if report["failed_pages"]:
        failed = Table(title="failed pages", title_justify="left")
        for column in ("source", "waiting to retry", "given up"):
            failed.add_column(column)
        for f in report["failed_pages"]:
            failed.add_row(f["source"], str(f["waiting"]), str(f["given_up"]))
        parts.append(render_table(failed))
    else:
        parts.append("failed pages: none")
    return "\n\n".join(parts)
