"""Atom 1.0 feeds of a watch's events, built with ElementTree so every crawled text is escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

from config import Watch
from db.times import now, parse_time

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50  # the newest events a feed carries; a reader keeps the older ones it saw


def atom(watch: Watch, events: Sequence[dict[str, Any]], base_url: str, self_path: str) -> bytes:
    """The feed document: one entry per event, its id stable across runs (the event's id)."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    base = base_url if base_url.endswith("/") else base_url + "/"
    _text(root, "id", f"urn:newswatch:watch:{watch.name}")
    _text(root, "title", f"newswatch: {watch.title or watch.name}")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=urljoin(base, self_path.lstrip("/")))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=urljoin(base, f"?watch={watch.name}"))
    stamp = _iso(now()) or ""
    updated = [_iso(e.get("updated_at") or e.get("first_seen")) or stamp for e in events]
    _text(root, "updated", max(updated, default=stamp))
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "newswatch")
    for event, when in zip(events, updated, strict=True):
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:newswatch:event:{event['id']}")
        _text(entry, "title", event.get("title") or "(untitled)")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=urljoin(base, f"events/{event['id']}"))
        _text(entry, "updated", when)
        published = _iso(event.get("published_at"))
        if published:
            _text(entry, "published", published)
        _text(entry, "category", "").set("term", event.get("type") or "other")
        _text(entry, "summary", event.get("summary") or "")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    if value:
        child.text = value
    return child


def _iso(value: str | None) -> str | None:
    """RFC 3339 as Atom wants it (an offset always present)."""
    parsed = parse_time(value)
    return parsed.isoformat(timespec="seconds") if parsed else None
