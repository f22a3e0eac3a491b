"""Time as the database keeps it: every ``*_at`` column we write is ISO 8601 UTC with its offset.

The one place that says so, and the one parser: a stored time without an offset can only be a
publication time read from a Chinese page, so it is read as China time (UTC+8).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from errors import ConfigError

CHINA = timezone(timedelta(hours=8))

__all__ = ["CHINA", "now", "parse_since", "parse_time"]


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


def parse_since(value: str | None, name: str = "--since") -> str | None:
    """`2025-11-18`, an ISO timestamp, or a span like `7d` / `12h` → ISO string in China time;
    ``name`` is how the error names the option (the command line's, or a query parameter)."""
    if not value:
        return None
    span = re.fullmatch(r"(\d+)([dh])", value.strip())
    if span:
        amount = int(span.group(1))
        delta = timedelta(days=amount) if span.group(2) == "d" else timedelta(hours=amount)
        return (datetime.now(CHINA) - delta).isoformat(timespec="seconds")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a date (use 2025-11-18, an ISO time, or 7d / 12h)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA)
    return parsed.isoformat(timespec="seconds")
