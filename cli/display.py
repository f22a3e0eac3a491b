"""What a person sees while a run works: a live line on a terminal, plain log lines otherwise."""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from rich.console import Console
from rich.live import Live
from rich.table import Table


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
        line = (f"sources {figures.sources_done}/{figures.sources_total} · pages {figures.pages} · "
                f"new articles {figures.new_articles} · failures {figures.failures}")
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
        table.add_row(name, str(f.pages), str(f.links), str(f.new_articles), str(f.failures),
                      f"{f.seconds:.1f}", note)
    return render(table)


def sources_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """The `sources list` table: each source with its health."""
    table = Table()
    for name in ("name", "kind", "on", "health", "last run", "articles", "failures", "pages retrying",
                 "given up", "last error"):
        table.add_column(name)
    for r in rows:
        health = "ok" if r.get("healthy", True) else f"UNHEALTHY: {(r.get('health_reason') or '')[:60]}"
        table.add_row(r["name"], r["kind"], "yes" if r["enabled"] else "no", health,
                      (r["last_run_at"] or "never")[:16].replace("T", " "),
                      "" if r["articles_last_run"] is None else str(r["articles_last_run"]),
                      str(r["consecutive_failures"]), str(r["failed_pages_waiting"]),
                      str(r["failed_pages_given_up"]), (r["last_error"] or "")[:60])
    return render(table)
