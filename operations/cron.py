"""The schedule's cron rules as pure functions: triggers, next and missed fire times.

Shared by the scheduler, which fires the jobs, and ``status``, which shows when they fire next.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

import db as store
from config import Config
from config.cron import cron_fields, cron_weekdays  # noqa: F401  (the rules' one home is config.cron)
from errors import ConfigError

JOBS = ("crawl", "digest")


def cron_trigger(expr: str, tz: ZoneInfo, where: str) -> CronTrigger:
    """A trigger from five crontab fields, or six with seconds first; ConfigError names ``where``.

    The loader has checked the fields already (``config.cron``); this is where they become a trigger.
    """
    try:
        return CronTrigger(**cron_fields(expr)._asdict(), timezone=tz)
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
