"""What a person reads: a run's progress (live on a terminal, plain lines otherwise), its summary
table, the ``sources list`` table and the ``status`` view, as plain text that reads the same in logs."""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.live import Live
from rich.table import Table

import db as store


class Progress:
    """Shows crawl figures live on a terminal; without one, writes a plain line every 10 seconds.

    The plain lines go to the stream whatever the log level, so a run under cron or the scheduler
    (whose log collects them) always says how far it got.
    """

    def __init__(self, stream: TextIO, interval: float = 10.0) -> None:
        self.stream = stream
        self.console = Console(file=stream, stderr=True)
        self.live: Live | None = None
        self.interval = interval
        self._last_log = 0.0

    def __enter__(self) -> Progress:
        if self.console.is_terminal:
            self.live = Live("starting…", console=self.console, refresh_per_second=4, transient=True)
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.__exit__(None, None, None)

    def update(self, figures: Any) -> None:
        line = (
            f"sources {figures.sources_done}/{figures.sources_total} · pages {figures.pages} · "
            f"new articles {figures.new_articles} · failures {figures.failures}"
        )
        if self.live is not None:
            self.live.update(line)
        elif time.monotonic() - self._last_log >= self.interval:
            self._last_log = time.monotonic()
            self.stream.write(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S} progress: {line}\n")
            self.stream.flush()


def render(table: Table, width: int = 120) -> str:
    """A rich table as plain text (no colour codes), so it reads the same in logs and pipes."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False).print(table)
    return buffer.getvalue().rstrip("\n")


def summary_table(report: Any) -> str:
    """One row per source: what the run fetched, stored and failed."""
    table = Table(title="crawl summary", title_justify="left")
    for name in ("source", "pages", "links", "new", "failures", "seconds", "error / warning"):
        table.add_column(name, justify="right" if name not in ("source", "error / warning") else "left")
    for name, f in sorted(report.sources.items()):
        note = f.error or (f"warning: {f.warning}" if f.warning else "")
        table.add_row(name, str(f.pages), str(f.links), str(f.new_articles), str(f.failures), f"{f.seconds:.1f}", note)
    return render(table)


def sources_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """The `sources list` table: each source with its health."""
    table = Table()
    for name in (
        "name",
        "kind",
        "on",
        "health",
        "last run",
        "articles",
        "failures",
        "pages retrying",
        "given up",
        "last error",
    ):
        table.add_column(name)
    for r in rows:
        health = "ok" if r.get("healthy", True) else f"UNHEALTHY: {(r.get('health_reason') or '')[:60]}"
        table.add_row(
            r["name"],
            r["kind"],
            "yes" if r["enabled"] else "no",
            health,
            (r["last_run_at"] or "never")[:16].replace("T", " "),
            "" if r["articles_last_run"] is None else str(r["articles_last_run"]),
            str(r["consecutive_failures"]),
            str(r["failed_pages_waiting"]),
            str(r["failed_pages_given_up"]),
            (r["last_error"] or "")[:60],
        )
    return render(table)


def _local(value: str | None, zone: ZoneInfo) -> str:
    """A stored time in the schedule's zone, to the minute; a dash for none."""
    moment = store.parse_time(value)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else "—"


def status_view(report: dict[str, Any]) -> str:
    """``newswatch status``: the gathered status as text for a terminal or a log."""
    zone = ZoneInfo(report["schedule"]["timezone"]) if "error" not in report["schedule"] else ZoneInfo("UTC")
    parts = []
    running = report["running"]
    parts.append(
        f"working now: pid {running.get('pid')} ({running.get('command', '?')}), started "
        f"{_local(running.get('started_at'), zone)}"
        if running
        else "working now: nothing"
    )
    runs = Table(title="last runs", title_justify="left")
    for column in ("id", "command", "started", "status", "pages", "new", "failures", "events"):
        runs.add_column(column)
    for r in report["runs"]:
        runs.add_row(
            str(r["id"]),
            r["command"] or "",
            _local(r["started_at"], zone),
            r["status"] + (f": {r['error'][:40]}" if r["error"] else ""),
            str(r["pages"] or 0),
            str(r["new_articles"] or 0),
            str(r["failures"] or 0),
            str(r["new_events"] or 0),
        )
    parts.append(render(runs) if report["runs"] else "last runs: none yet")
    schedule = report["schedule"]
    if "error" in schedule:
        parts.append(f"schedule: {schedule['error']}")
    else:
        jobs = Table(title=f"schedule ({schedule['timezone']})", title_justify="left")
        for column in ("job", "cron", "next run", "last run", "last status"):
            jobs.add_column(column)
        for j in schedule["jobs"]:
            jobs.add_row(
                j["job"],
                j["cron"],
                _local(j["next_run"], zone),
                _local(j["last_started_at"], zone),
                (j["last_status"] or "never") + (f": {j['last_detail'][:60]}" if j["last_detail"] else ""),
            )
        parts.append(render(jobs))
    if report["deliveries"]:
        channels = Table(title="pending deliveries", title_justify="left")
        for column in ("channel", "kind", "events", "notices", "oldest", "last error"):
            channels.add_column(column)
        for c in report["deliveries"]:
            channels.add_row(
                c["channel"] + ("" if c["enabled"] else " (disabled)"),
                c["kind"],
                str(c["pending_events"]),
                str(c["pending_notices"]),
                _local(c["oldest"], zone),
                (c["last_error"] or "")[:60],
            )
        parts.append(render(channels))
    else:
        parts.append("pending deliveries: no channels configured")
    if report["unhealthy"]:
        sick = Table(title="unhealthy sources", title_justify="left")
        for column in ("source", "since", "reason"):
            sick.add_column(column)
        for s in report["unhealthy"]:
            sick.add_row(
                s["name"] + ("" if s["enabled"] else " (disabled)"),
                _local(s["since"], zone),
                s["reason"] or s["last_error"] or "",
            )
        parts.append(render(sick))
    else:
        parts.append("unhealthy sources: none")
    if report["failed_pages"]:
        failed = Table(title="failed pages", title_justify="left")
        for column in ("source", "waiting to retry", "given up"):
            failed.add_column(column)
        for f in report["failed_pages"]:
            failed.add_row(f["source"], str(f["waiting"]), str(f["given_up"]))
        parts.append(render(failed))
    else:
        parts.append("failed pages: none")
    return "\n\n".join(parts)
