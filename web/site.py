"""What every request shares (``Site``: configuration, database, sessions, templates) and what a
handler is given (``Context``)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

import config as configuration
import db as store
from errors import ConfigError
from web.auth import Session, Sessions

log = logging.getLogger(__name__)


class Site:
    """What every request shares: the configuration (read again when the file changes), the
    database, the session keys and the templates."""

    def __init__(self, config: configuration.Config, environ: Mapping[str, str]) -> None:
        self._config = config
        self.environ = environ
        self._mtime = _mtime(config.path)
        self.db = store.open_db(config.database)
        self.sessions = Sessions(config.web.password)
        self.templates = Environment(
            loader=PackageLoader("web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["href"] = safe_href
        self.templates.filters["marks"] = marks

    @property
    def config(self) -> configuration.Config:
        """The configuration, reloaded when config.toml changed (an edit by hand or from a form);
        a file that no longer loads leaves the last good one in use, and says so in the log."""
        mtime = _mtime(self._config.path)
        if mtime != self._mtime:
            self._mtime = mtime
            try:
                self._config = configuration.load(self._config.path, self.environ)
            except ConfigError as exc:
                log.error("config not reloaded: %s", exc)
        return self._config


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def safe_href(url: object) -> str:
    """Only http(s) links are made from crawled URLs; anything else (javascript:, data:) is no link."""
    text = str(url or "")
    return text if text.lower().startswith(("http://", "https://")) else "#"


def marks(snippet: str) -> Markup:
    """A search snippet with its [hits] as <mark>, everything else escaped."""
    return Markup(str(escape(snippet)).replace("[", "<mark>").replace("]", "</mark>"))


@dataclass
class Context:
    """One request as a handler sees it."""

    site: Site
    request: Request
    session: Session
    form: dict[str, str]

    @property
    def config(self) -> configuration.Config:
        return self.site.config

    @property
    def who(self) -> str:
        """Who gave feedback, as far as the app knows: the logged-in team, or this machine."""
        return "team" if self.session.logged_in else "local"

    def query(self, name: str) -> str:
        return (self.request.query_params.get(name) or "").strip()

    def render(self, template: str, status: int = 200, **values: object) -> HTMLResponse:
        page = self.site.templates.get_template(template).render(
            csrf=self.session.csrf,
            login=bool(self.config.web.password),
            logged_in=self.session.logged_in,
            path=self.request.url.path,
            **values,
        )
        return HTMLResponse(page, status_code=status)
