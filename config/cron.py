"""Cron expressions as text: five crontab fields (six with seconds first), each checked against
its range, so the loader refuses a bad ``[schedule]`` for every command, not only ``schedule``.

Plain Python: the configuration imports no framework. ``operations.cron`` hands the fields this
module returns to APScheduler, the weekday already in APScheduler's names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# APScheduler's day-of-month forms beyond crontab's: "last", "1st mon", "last fri"
_NTH_DAY = re.compile(r"^(last|(1st|2nd|3rd|4th|5th|last) (sun|mon|tue|wed|thu|fri|sat))$")


class CronFields(NamedTuple):
    """One expression's fields, named as APScheduler's CronTrigger takes them."""

    second: str
    minute: str
    hour: str
    day: str
    month: str
    day_of_week: str


def cron_fields(expr: str) -> CronFields:
    """The fields of ``expr``, checked; ValueError says what is wrong."""
    fields = expr.split()
    if len(fields) not in (5, 6):
        raise ValueError(f"expected 5 fields (minute hour day month weekday) or 6 (seconds first), got {len(fields)}")
    second = fields.pop(0) if len(fields) == 6 else "0"
    minute, hour, day, month, weekday = fields
    _check(second, "second", 0, 59)
    _check(minute, "minute", 0, 59)
    _check(hour, "hour", 0, 23)
    if not _NTH_DAY.match(day.lower()):
        _check(day, "day", 1, 31)
    _check(month, "month", 1, 12, _MONTHS, first=1)
    return CronFields(second, minute, hour, day, month, cron_weekdays(weekday))


def _check(field: str, name: str, low: int, high: int, names: tuple[str, ...] = (), first: int = 0) -> None:
    """A comma list of ``*``, ``N``, ``N-M``, each with an optional ``/STEP``, within low..high."""
    for item in field.lower().split(","):
        span, slash, step = item.partition("/")
        if slash and not (step.isdigit() and int(step) > 0):
            raise ValueError(f"{name} {item!r}: the step must be a positive number")
        if span == "*":
            continue
        ends = span.split("-")
        if len(ends) > 2 or not all(ends):
            raise ValueError(f"{name} {item!r}: expected *, a number, or a range such as 1-5")
        values = [_value(end, name, low, high, names, first) for end in ends]
        if values[-1] < values[0]:
            raise ValueError(f"{name} {item!r}: a range must run forwards")


def _value(token: str, name: str, low: int, high: int, names: tuple[str, ...], first: int) -> int:
    if token.isdigit() and low <= int(token) <= high:
        return int(token)
    if token[:3] in names and len(token) == 3:
        return names.index(token) + first
    raise ValueError(f"{name} {token!r} is out of range ({low}-{high})")


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
