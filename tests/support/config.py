"""One writer for the tests' config.toml files.

A test names the tables it needs; everything else is the loader's default. Values are written as
JSON, which for strings, numbers, booleans and lists of them is also TOML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

# A crawl of loopback sites: no politeness delay, a broken page fails rather than being retried
# for long. The timeout is per request and generous: a busy machine answers slowly, not never.
FAST_CRAWL: dict[str, Any] = {"download_delay": 0, "timeout": 20, "retries": 0}

Table = Mapping[str, Any]
Source = Table | tuple[str, str] | tuple[str, str, str | None]


def source(name: str, url: str, kind: str | None = None, **more: Any) -> dict[str, Any]:
    """A [[sources]] table; ``kind`` left out means auto."""
    return {"name": name, "url": url, **({"kind": kind} if kind else {}), **more}


def write_config(
    folder: Path,
    *,
    database: str | None = "news.db",
    crawl: Table | None = None,
    sources: Iterable[Source] = (),
    watches: Iterable[Table] = (),
    channels: Iterable[Table] = (),
    schedule: Table | None = None,
    extra: str = "",
    name: str = "config.toml",
) -> Path:
    """Write ``folder/name`` and return its path.

    ``sources`` are tables or ``(name, url[, kind])``; ``extra`` is TOML text appended as it is
    (for a table a test spells out itself, such as channels with ``${SECRET}`` references).
    """
    lines: list[str] = []
    if database is not None:
        lines += _table("[storage]", {"database": database})
    if crawl is not None:
        lines += _table("[crawl]", crawl)
    for entry in sources:
        lines += _table("[[sources]]", entry if isinstance(entry, Mapping) else source(*entry))
    for watch in watches:
        lines += _table("[[watches]]", watch)
    for channel in channels:
        lines += _table("[[channels]]", channel)
    if schedule is not None:
        lines += _table("[schedule]", schedule)
    path = folder / name
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def _table(header: str, values: Table) -> list[str]:
    return [header, *(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()), ""]
