"""The schedule's cron rules as pure functions: triggers, next and missed fire times.

Shared by the scheduler, which fires the jobs, and ``status``, which shows when they fire next.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

import db as store
from config import Config
from errors import ConfigError

JOBS = ("crawl", "digest")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def _weekday(token: str) -> int:
    if token.isdigit() and int(token) <= 7:
        return int(token)
    if token[:3] in _DAYS:
        return _DAYS.index(token[:3])
    raise ValueError(f"{token!r} is not a day of the week (0-7 or sun-sat)")


def cron_weekdays(field: str) -> str:
    """A crontab day-of-week field (0 and 7 = Sunday) as APScheduler day names.

    APScheduler 3 numbers Monday 0, so ``1-5`` handed over as it is would mean Tuesday to
    Saturday; names mean the same to both.
    """
    if field in ("*", "?"):
        return "*"
    days: set[int] = set()
    for item in field.lower().split(","):
        span, _, step = item.partition("/")
        stride = int(step) if step.isdigit() and int(step) > 0 else None
        if step and stride is None:
            raise ValueError(f"{item!r}: the step must be a positive number")
        if span == "*":
            low, high = 0, 6
        elif "-" in span:
            first, _, last = span.partition("-")
            low, high = _weekday(first), _weekday(last)
        else:
            low = high = _weekday(span)
            if stride:
                high = 6
        if high < low:
            raise ValueError(f"{item!r}: a range must run forwards (use sun-sat order, 0-7)")
        days.update(day % 7 for day in range(low, high + 1, stride or 1))
    return ",".join(_DAYS[day] for day in sorted(days))


def cron_trigger(expr: str, tz: ZoneInfo, where: str) -> CronTrigger:
    """A trigger from five crontab fields, or six with seconds first; ConfigError names ``where``."""
    fields = expr.split()
    try:
        if len(fields) not in (5, 6):
            raise ValueError(
                f"expected 5 fields (minute hour day month weekday) or 6 (seconds first), got {len(fields)}"
            )
        second = fields.pop(0) if len(fields) == 6 else "0"
        minute, hour, day, month, weekday = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=cron_weekdays(weekday),
            timezone=tz,
        )
    except ValueError as exc:
        raise ConfigError(f"{where}: {expr!r} is not a cron expression: {exc}") from None


def time_zone(config: Config) -> ZoneInfo:
    """The schedule's time zone; an unknown name is a ConfigError naming the key."""
    try:
        return ZoneInfo(config.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{config.path}: schedule.timezone: unknown time zone "
            f"{config.schedule.timezone!r} (use a name such as 'Asia/Shanghai')"
        ) from None


def triggers(config: Config) -> dict[str, CronTrigger]:
    """The cron trigger of each job, validated."""
    tz = time_zone(config)
    return {job: cron_trigger(getattr(config.schedule, job), tz, f"{config.path}: schedule.{job}") for job in JOBS}


def latest_fire_time(trigger: CronTrigger, after: datetime, now: datetime) -> datetime | None:
    """The last time the trigger fired in (after, now], or None."""
    latest = None
    moment = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    while moment is not None and moment <= now:
        latest = moment
        moment = trigger.get_next_fire_time(moment, moment)
    return latest


def next_fire_times(config: Config, now: datetime | None = None) -> dict[str, datetime | None]:
    """When each job fires next (for ``status``)."""
    now = now or datetime.now(UTC)
    return {job: trigger.get_next_fire_time(None, now) for job, trigger in triggers(config).items()}


def missed_fire_time(
    trigger: CronTrigger, state: dict[str, str | None] | None, now: datetime, grace: int
) -> datetime | None:
    """The fire time a job missed while the scheduler was down, if within the grace period."""
    reference = store.parse_time((state or {}).get("last_fire_at")) or store.parse_time((state or {}).get("since"))
    if reference is None:
        return None
    return latest_fire_time(trigger, max(reference, now - timedelta(seconds=grace)), now)
