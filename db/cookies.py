"""Cookies a browser earned on a challenge-protected site, kept between runs so plain requests
reuse them while they work. Values are credentials of a kind: they are never logged."""

from __future__ import annotations

import json

from sqlite_utils import Database

from db.times import now


def site_cookies(db: Database) -> dict[str, dict[str, str]]:
    """{site: {cookie name: value}} for every site a browser passed."""
    return {r["site"]: json.loads(r["cookies"]) for r in db.query("select site, cookies from site_cookies")}


def save_site_cookies(db: Database, site: str, cookies: dict[str, str]) -> None:
    db.table("site_cookies").upsert({"site": site, "cookies": json.dumps(cookies), "updated_at": now()}, pk="site")


def forget_site_cookies(db: Database, site: str) -> None:
    """The site challenged again despite them: they no longer work."""
    db.execute("delete from site_cookies where site = ?", [site])


def mark_needs_browser(db: Database, source: str, reason: str | None) -> None:
    """Remember (or forget, with None) that a source's pages are behind a challenge."""
    db.execute("update sources set needs_browser = ? where name = ?", [reason, source])
