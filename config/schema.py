"""The shape of the configuration: one frozen dataclass per table of ``config.toml``.

Defaults live here; ``config.loader`` fills them from the file and checks what they must hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import ConfigError

VERSION = "0.1.0"
DEFAULT_USER_AGENT = f"newswatch/{VERSION} (+https://github.com/newswatch/newswatch)"
SOURCE_KINDS = ("auto", "list", "feed", "sitemap", "json")
CHANNEL_KINDS = ("email", "webhook", "dingtalk", "wecom", "feishu", "apprise")
EVENT_TYPES = ("signing", "investment", "fund", "park", "policy", "approval", "financing", "ranking", "other")


def _choices(*allowed: str) -> dict[str, Any]:
    return {"choices": allowed}


@dataclass(frozen=True)
class Storage:
    database: Path = Path("newswatch.db")
    models: Path | None = None  # learned models (`newswatch learn`); default: the database path + .models
    backups: int = 7  # daily copies kept beside the database (SQLite's backup API); 0 = none


@dataclass(frozen=True)
class Crawl:
    concurrency: int = 16
    per_domain_concurrency: int = 4
    download_delay: float = 0.25
    obey_robots_txt: bool = True
    timeout: float = 20
    retries: int = 2
    max_list_pages: int = 3
    max_links_per_source: int = 300  # new article links requested per source per run; the rest wait
    max_page_bytes: int = 5_000_000
    user_agent: str = DEFAULT_USER_AGENT
    workers: int = 0  # extraction processes; 0 = one per core


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str = field(default="auto", metadata=_choices(*SOURCE_KINDS))
    link_selector: str | None = None
    next_selector: str | None = None
    content_selector: str | None = None
    # kind = "json": dotted paths to the list in the answer and to each item's link, headline and date
    items: str | None = None
    url_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    page_param: str | None = None  # the query parameter that numbers the pages (?page=N)
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    encoding: str | None = None
    tags: tuple[str, ...] = ()
    enabled: bool = True
    max_failures: int = 3  # consecutive failed runs before the source counts as unhealthy
    stale_factor: float = 4.0  # silent for this many times its usual gap between articles
    render: str = field(default="auto", metadata=_choices("auto", "browser", "never"))  # see [browser]


@dataclass(frozen=True)
class Watch:
    name: str
    keywords: tuple[str, ...]
    title: str | None = None  # how digests name the watch, e.g. 生物医药产业集群
    related: tuple[str, ...] = ()  # weaker terms: count only beside an event trigger or an industry organisation
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    min_score: float = 1.0
    examples: Path | None = None  # labelled articles (JSON Lines) `newswatch learn` trains the watch's model on


@dataclass(frozen=True)
class Analysis:
    user_dict: Path | None = None  # extra jieba words, one per line, added to the shipped dictionary
    organizations: tuple[str, ...] = ()  # known organisations, recognised by name
    places: tuple[str, ...] = ()  # extra place names (parks, zones) counted as places
    usd_cny: float = 7.1
    eur_cny: float = 7.8
    hkd_cny: float = 0.91
    cluster_days: int = 7  # rewritten reports of one happening fall within this many days


@dataclass(frozen=True)
class Channel:
    name: str
    kind: str = field(metadata=_choices(*CHANNEL_KINDS))
    watches: tuple[str, ...] = ()
    format: str | None = field(default=None, metadata=_choices("html", "text", "markdown", "json"))
    send_empty: bool = False
    operator: bool = False
    enabled: bool = True
    url: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    smtp_host: str | None = None
    smtp_port: int | None = None
    security: str = field(default="ssl", metadata=_choices("ssl", "starttls", "none"))
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    sender: str | None = field(default=None, metadata={"key": "from"})
    to: tuple[str, ...] = ()
    timeout: float = 20
    missing_env: tuple[str, ...] = ()  # not a key: variables this channel names that are unset


@dataclass(frozen=True)
class Browser:
    executable: Path = Path("/usr/bin/chromium")  # Debian's Chromium; `apt-get install chromium`
    max_pages: int = 2  # pages open at once
    timeout: float = 45  # seconds a page may take to load and pass its challenge


@dataclass(frozen=True)
class Schedule:
    timezone: str = "Asia/Shanghai"
    crawl: str = "0 7-22/3 * * *"
    digest: str = "30 8 * * 1-5"
    crawl_time_limit: int = 3600  # seconds before a job's child process (crawl or digest) is stopped
    grace: int = 6 * 3600  # a job missed by less than this runs once when the scheduler starts


@dataclass(frozen=True)
class Web:
    host: str = "127.0.0.1"
    port: int = 8080
    password: str | None = field(default=None, repr=False)  # when set, pages need a login
    feed_token: str | None = field(default=None, repr=False)  # when set, feeds need ?token=
    base_url: str | None = None  # for absolute links in feeds and digests
    allow_private_sources: bool = False  # may the web form add a source on a private address?


@dataclass(frozen=True)
class Config:
    path: Path
    storage: Storage = Storage()
    crawl: Crawl = Crawl()
    sources: tuple[Source, ...] = ()
    watches: tuple[Watch, ...] = ()
    analysis: Analysis = Analysis()
    channels: tuple[Channel, ...] = ()
    schedule: Schedule = Schedule()
    web: Web = Web()
    browser: Browser = Browser()
    secrets: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def database(self) -> Path:
        return self.storage.database

    @property
    def models(self) -> Path:
        """Where learned models are kept: [storage] models, else beside the database."""
        return self.storage.models or Path(f"{self.storage.database}.models")

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"{self.path}: no source named {name!r} (configured: {known})")

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        known = ", ".join(c.name for c in self.channels) or "none"
        raise ConfigError(f"{self.path}: no channel named {name!r} (configured: {known})")

    def redact(self, text: str) -> str:
        """Replace every secret value read from the environment with ***."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


SECTIONS: dict[str, type] = {
    "storage": Storage,
    "crawl": Crawl,
    "analysis": Analysis,
    "schedule": Schedule,
    "web": Web,
    "browser": Browser,
}
ARRAYS: dict[str, type] = {"sources": Source, "watches": Watch, "channels": Channel}
