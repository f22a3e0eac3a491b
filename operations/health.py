"""Source health: is each watched source still delivering, judged from its own history.

A source that silently returns nothing is the worst failure a monitoring tool can have, so after
every run each source that ran is judged on four signs — it keeps failing, it no longer shows
article links although it used to, its articles stopped yielding dates or bodies (extraction
drift after a layout change), or it has been silent far longer than its usual rhythm. Only a
change of state is recorded (and queued as a notice for operator channels), never a repeat.
"""

from __future__ import annotations

import itertools
import logging
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import db as store
from config import Config, Source

log = logging.getLogger(__name__)

# Drift compares the latest articles with the source's earlier ones: enough of each to mean
# something, a baseline where most articles had the property, and a steep fall from it.
DRIFT_RECENT_ARTICLES = 3
DRIFT_RECENT_RUNS = 5
DRIFT_BASELINE_ARTICLES = 5
DRIFT_BASELINE_SHARE = 0.6
DRIFT_FALL = 1 / 3
# Silence is judged only with a history of this many dated articles, and never sooner than a day:
# media that publish hourly are quiet every night.
STALE_MIN_ARTICLES = 5
STALE_FLOOR = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    """Why a source is unhealthy now (no reasons: healthy)."""

    source: str
    reasons: tuple[str, ...]

    @property
    def healthy(self) -> bool:
        return not self.reasons

    @property
    def reason(self) -> str | None:
        return "; ".join(self.reasons) or None


@dataclass(frozen=True)
class Transition:
    """A source that turned unhealthy or recovered in this run, with its queued notice."""

    source: str
    healthy: bool
    reason: str | None
    notice_id: int


def failing(history: Sequence[dict[str, Any]], source: Source) -> str | None:
    """The source failed its last ``max_failures`` runs."""
    streak = 0
    for run in history:
        if not run["error"]:
            break
        streak += 1
    if streak >= source.max_failures:
        return f"failed {streak} runs in a row (last error: {history[0]['error']})"
    return None


def lost_links(history: Sequence[dict[str, Any]], most_links: int) -> str | None:
    """The last run read the source's page but found no article links, though earlier runs did.

    A page that could not be fetched at all (an outage) is left to ``failing``.
    """
    if not history or (history[0]["pages"] or 0) == 0 or (history[0]["links"] or 0) > 0 or most_links <= 0:
        return None
    return f"no article links found (earlier runs found up to {most_links}); the layout may have changed"


def _new(run: dict[str, Any]) -> int:
    return run["new_articles"] or 0


def _attempts(run: dict[str, Any]) -> int:
    """Article pages the run tried: stored ones plus the pages that failed."""
    return (run["new_articles"] or 0) + (run["failures"] or 0)


def _fall(
    history: Sequence[dict[str, Any]], part: Callable[[dict[str, Any]], int], whole: Callable[[dict[str, Any]], int]
) -> tuple[float, int, float] | None:
    """(recent share, recent count, earlier share) when the share fell steeply, else None."""
    runs = [run for run in history if not run["error"] and whole(run) > 0]
    recent: list[dict[str, Any]] = []
    for run in runs[:DRIFT_RECENT_RUNS]:
        recent.append(run)
        if sum(whole(r) for r in recent) >= DRIFT_RECENT_ARTICLES:
            break
    baseline = runs[len(recent) :]
    now_total, then_total = sum(whole(r) for r in recent), sum(whole(r) for r in baseline)
    if now_total < DRIFT_RECENT_ARTICLES or then_total < DRIFT_BASELINE_ARTICLES:
        return None
    now_share = sum(part(r) for r in recent) / now_total
    then_share = sum(part(r) for r in baseline) / then_total
    if then_share >= DRIFT_BASELINE_SHARE and now_share <= then_share * DRIFT_FALL:
        return now_share, now_total, then_share
    return None


def drift(history: Sequence[dict[str, Any]]) -> list[str]:
    """The latest articles stopped carrying dates, or article pages stopped yielding text."""
    reasons = []
    dates = _fall(history, lambda run: run["dated"] or 0, _new)
    if dates:
        reasons.append(
            f"extraction drift: {dates[0]:.0%} of the latest {dates[1]} articles have "
            f"publish dates, against {dates[2]:.0%} before"
        )
    bodies = _fall(history, _new, _attempts)
    if bodies:
        reasons.append(
            f"extraction drift: {bodies[0]:.0%} of the latest {bodies[1]} article pages "
            f"yielded article text, against {bodies[2]:.0%} before"
        )
    return reasons


def stale(published: Sequence[str], source: Source, now: datetime, watched_since: datetime | None = None) -> str | None:
    """Silent for ``stale_factor`` times its median gap between articles (and at least a day).

    Silence counts from the newest article, or from when newswatch started watching the source
    if that is later: an archive of old articles found on the first crawl is not a broken source.
    """
    times = sorted(
        {t for t in (store.parse_time(v) for v in published) if t and t <= now + timedelta(days=1)}, reverse=True
    )
    if len(times) < STALE_MIN_ARTICLES:
        return None
    gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(times)]
    usual = timedelta(seconds=statistics.median(gaps))
    limit = max(usual * source.stale_factor, STALE_FLOOR)
    silence = now - max(times[0], watched_since or times[0])
    if silence <= limit:
        return None
    return f"nothing published for {_span(silence)} (usually every {_span(usual)})"


def _span(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 36 else f"{hours:.1f} hours"


def judge(db: store.Database, source: Source, now: datetime | None = None) -> Verdict:
    """The source's health from its run history and its articles."""
    now = now or datetime.now(UTC)
    history = store.source_history(db, source.name)
    reasons = [
        failing(history, source),
        lost_links(history, store.most_links(db, source.name)),
        *drift(history),
        stale(store.publish_times(db, source.name), source, now, store.parse_time(store.first_run_at(db, source.name))),
    ]
    return Verdict(source.name, tuple(r for r in reasons if r))


def evaluate(
    db: store.Database,
    config: Config,
    sources: Sequence[Source],
    run_id: int | None = None,
    now: datetime | None = None,
) -> list[Transition]:
    """Judge the sources that ran; record each change of state once, with a notice to deliver."""
    operators = [c.name for c in config.channels if c.operator and c.enabled]
    transitions = []
    for source in sources:
        row = store.source_health(db, source.name)
        if row is None:
            continue
        verdict = judge(db, source, now)
        was_healthy = row["healthy"] is None or bool(row["healthy"])
        if verdict.healthy == was_healthy:
            if not verdict.healthy and verdict.reason != row["health_reason"]:
                store.update_health_reason(db, source.name, verdict.reason)
            continue
        reason = row["health_reason"] if verdict.healthy else verdict.reason
        notice = store.record_health_change(db, source.name, verdict.healthy, reason, run_id, operators)
        if verdict.healthy:
            log.warning("source %s recovered", source.name)
        else:
            log.warning("source %s is unhealthy: %s", source.name, verdict.reason)
        transitions.append(Transition(source.name, verdict.healthy, reason, notice))
    return transitions
