"""Time as the database keeps it: every ``*_at`` column we write is ISO 8601 UTC with its offset.

The one place that says so, and the one parser: a stored time without an offset can only be a
publication time read from a Chinese page, so it is read as China time (UTC+8).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))

__all__ = ["CHINA", "now", "parse_time"]


def now() -> str:
    """The current time as ISO 8601 UTC, the form every *_at column stores."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(value: str | None) -> datetime | None:
    """A stored ISO time as an aware datetime (China time when it carries no offset); None when
    empty or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=CHINA)
