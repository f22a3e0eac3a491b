"""Edits the ``[[sources]]`` of config.toml the way an operator would by hand.

Only the lines of the source being added, changed or removed are touched; every other byte —
comments, blank lines, alignment, other sections — stays as it was. (A tomlkit document edit
moves comments: it treats the comment above a table as the end of the previous one.) Values are
rendered by tomlkit, the result must parse to exactly the intended data and pass the full config
validation, and the file is replaced atomically, so it is never left half-written. The caller
hands over the environment the check resolves ``${NAME}`` values from (the CLI passes its own).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

import config as configuration
from config.checks import check_selector
from errors import ConfigError, StorageError

_HEADER = re.compile(r"^\s*\[")
_SOURCES_HEADER = re.compile(r"^\s*\[\[\s*sources\s*\]\]\s*(#.*)?$")
_ENABLED = re.compile(r"^(\s*enabled\s*=\s*)(true|false)\b")


@dataclass(frozen=True)
class NewSource:
    """What ``sources add`` was given."""

    name: str
    url: str
    kind: str = "auto"
    link_selector: str | None = None
    tags: tuple[str, ...] = ()
    # kind = "json": where the list and each item's link, headline and date are; how pages count
    items: str | None = None
    url_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    page_param: str | None = None
    render: str | None = None  # auto | browser | never; left out (auto) unless given

    def table(self) -> dict[str, Any]:
        """The [[sources]] keys in the order an operator would write them; unset ones left out."""
        values: dict[str, Any] = {"name": self.name, "url": self.url, "kind": self.kind}
        optional = {
            "link_selector": self.link_selector,
            "items": self.items,
            "url_field": self.url_field,
            "title_field": self.title_field,
            "date_field": self.date_field,
            "page_param": self.page_param,
            "render": self.render,
        }
        values.update({key: value for key, value in optional.items() if value})
        if self.tags:
            values["tags"] = list(self.tags)
        return values


@dataclass(frozen=True)
class Edit:
    """A checked edit, not yet written: the new text and the config it loads as."""

    path: Path
    text: str
    config: configuration.Config
    changed: bool = True

    def write(self) -> None:
        if self.changed:
            write_atomically(self.path, self.text)


class _Document:
    """The file as lines, with where each ``[[sources]]`` table starts and ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                self.text = handle.read()
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found (pass --config or set NEWSWATCH_CONFIG)") from None
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: malformed TOML: {exc}") from None
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.lines = self.text.splitlines(keepends=True)
        self.sources: list[dict[str, Any]] = list(self.data.get("sources", []))
        self.spans = self._spans()

    def _spans(self) -> list[tuple[int, int]]:
        """(header line, last key line) of each [[sources]] table, in file order."""
        starts = [i for i, line in enumerate(self.lines) if _SOURCES_HEADER.match(line)]
        if len(starts) != len(self.sources):
            raise ConfigError(
                f"{self.path}: cannot edit [[sources]] safely (found {len(starts)} headers "
                f"for {len(self.sources)} sources); edit the file by hand"
            )
        spans = []
        for start in starts:
            end = start
            for i in range(start + 1, len(self.lines)):
                if _HEADER.match(self.lines[i]):
                    break
                stripped = self.lines[i].strip()
                if stripped and not stripped.startswith("#"):
                    end = i
            spans.append((start, end))
        return spans

    def index(self, name: str) -> int:
        for i, source in enumerate(self.sources):
            if source.get("name") == name:
                return i
        known = ", ".join(str(s.get("name")) for s in self.sources) or "none"
        raise ConfigError(f"{self.path}: no source named {name!r} (configured: {known})")

    def line(self, text: str) -> str:
        return text + self.newline

    def check(self, lines: Sequence[str], expected: Mapping[str, Any], environ: Mapping[str, str]) -> Edit:
        """Refuse the edit unless it parses to exactly ``expected`` and validates as a config."""
        text = "".join(lines)
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{self.path}: the edit would not parse ({exc}); edit the file by hand") from None
        if parsed != expected:
            raise ConfigError(f"{self.path}: the edit would change more than the source; edit the file by hand")
        loaded = configuration.parse(parsed, self.path, environ)
        return Edit(self.path, text, loaded, changed=text != self.text)


def _render(values: Mapping[str, Any]) -> list[str]:
    return [f"{key} = {tomlkit.item(value).as_string()}" for key, value in values.items()]


def add_source(path: Path, new: NewSource, environ: Mapping[str, str]) -> Edit:
    """Append a [[sources]] table after the last one (or at the end of the file)."""
    doc = _Document(path)
    where = f"{path}: sources[{len(doc.sources)}]"
    if any(s.get("name") == new.name for s in doc.sources):
        raise ConfigError(f"{where}.name: a source named {new.name!r} already exists")
    configuration.check_url(new.url, f"{where}.url")
    check_selector(new.link_selector, f"{where}.link_selector")
    block = [doc.line("[[sources]]"), *(doc.line(line) for line in _render(new.table()))]
    lines = list(doc.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += doc.newline
    at = doc.spans[-1][1] + 1 if doc.spans else len(lines)
    lines[at:at] = [doc.line(""), *block]
    expected = {**doc.data, "sources": [*doc.sources, new.table()]}
    return doc.check(lines, expected, environ)


def remove_source(path: Path, name: str, environ: Mapping[str, str]) -> Edit:
    """Delete the source's table and the comment lines directly above it."""
    doc = _Document(path)
    i = doc.index(name)
    start, end = doc.spans[i]
    while start > 0 and doc.lines[start - 1].strip().startswith("#"):
        start -= 1
    lines = list(doc.lines)
    if start > 0 and not lines[start - 1].strip() and (end + 1 >= len(lines) or not lines[end + 1].strip()):
        start -= 1
    del lines[start : end + 1]
    expected = {**doc.data, "sources": [s for k, s in enumerate(doc.sources) if k != i]}
    if not expected["sources"]:
        del expected["sources"]
    return doc.check(lines, expected, environ)


def set_enabled(path: Path, name: str, enabled: bool, environ: Mapping[str, str]) -> Edit:
    """Set ``enabled`` in place (keeping its comment), or add the line after the table's last key."""
    doc = _Document(path)
    i = doc.index(name)
    start, end = doc.spans[i]
    lines = list(doc.lines)
    value = "true" if enabled else "false"
    for k in range(start + 1, end + 1):
        match = _ENABLED.match(lines[k])
        if match:
            lines[k] = match.group(1) + value + lines[k][match.end() :]
            break
    else:
        if not enabled:
            lines.insert(end + 1, doc.line(f"enabled = {value}"))
    sources = [dict(s) for s in doc.sources]
    if "enabled" in sources[i] or not enabled:
        sources[i]["enabled"] = enabled
    return doc.check(lines, {**doc.data, "sources": sources}, environ)


def write_atomically(path: Path, text: str) -> None:
    """Write beside the file and rename over it: readers see the old file or the new, never half."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from None
        raise


def _unwritable(path: Path, exc: OSError) -> StorageError:
    """The config file stays as it was; the line says why it could not be replaced."""
    return StorageError(
        f"{path}: cannot write the config file ({exc.strerror or exc}); it is unchanged: "
        f"check permissions of {path} and of its folder {path.parent}, and the space left there"
    )
