"""config.toml → frozen dataclasses: the one reader of the file and of configuration in the
environment (``NEWSWATCH_CONFIG``, ``${NAME}`` values). ``load`` and ``default_path`` read
``os.environ`` unless handed another mapping; ``config.edit`` reads none itself, its caller hands
it one.

One variable is not configuration and is read elsewhere: ``NEWSWATCH_LOCK_FD``, the run lock the
scheduler hands each job's child process. ``operations.lock`` defines and reads it; the scheduler
sets it for the child.

Every error names the file and the key (``sources[3].kind``) and what is allowed, so the CLI can
print it as one line and exit with status 2.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from errors import ConfigError

VERSION = "0.1.0"
DEFAULT_USER_AGENT = f"newswatch/{VERSION} (+https://github.com/newswatch/newswatch)"
SOURCE_KINDS = ("auto", "list", "feed", "sitemap")
CHANNEL_KINDS = ("email", "webhook", "dingtalk", "wecom", "feishu", "apprise")
EVENT_TYPES = ("signing", "investment", "fund", "park", "policy", "approval", "financing", "ranking", "other")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _choices(*allowed: str) -> dict[str, Any]:
    return {"choices": allowed}


@dataclass(frozen=True)
class Storage:
    database: Path = Path("newswatch.db")
    models: Path | None = None  # learned models (`newswatch learn`); default: the database path + .models


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
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    encoding: str | None = None
    tags: tuple[str, ...] = ()
    enabled: bool = True
    max_failures: int = 3  # consecutive failed runs before the source counts as unhealthy
    stale_factor: float = 4.0  # silent for this many times its usual gap between articles


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
class Schedule:
    timezone: str = "Asia/Shanghai"
    crawl: str = "0 7-22/3 * * *"
    digest: str = "30 8 * * 1-5"
    crawl_time_limit: int = 3600  # seconds before a job's child process (crawl or digest) is stopped
    grace: int = 6 * 3600  # a job missed by less than this runs once when the scheduler starts


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
}
ARRAYS: dict[str, type] = {"sources": Source, "watches": Watch, "channels": Channel}


def default_path(environ: typing.Mapping[str, str] | None = None) -> Path:
    """The config file used when --config is not given: $NEWSWATCH_CONFIG, else ./config.toml."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("NEWSWATCH_CONFIG") or "config.toml")


def load(path: Path | str, environ: typing.Mapping[str, str] | None = None) -> Config:
    """Read and validate a config file; raise ConfigError naming the key on any problem."""
    path = Path(path)
    environ = os.environ if environ is None else environ
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found (pass --config or set NEWSWATCH_CONFIG)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    return parse(raw, path, environ)


def parse(raw: dict[str, Any], path: Path, environ: typing.Mapping[str, str]) -> Config:
    """Validate a parsed TOML document against the schema."""
    secrets: set[str] = set()
    unknown = sorted(set(raw) - set(SECTIONS) - set(ARRAYS))
    if unknown:
        allowed = ", ".join([*SECTIONS, *ARRAYS])
        raise ConfigError(f"{path}: unknown section {unknown[0]!r} (allowed: {allowed})")
    values: dict[str, Any] = {}
    for key, cls in SECTIONS.items():
        table = raw.get(key, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: {key} must be a table ([{key}])")
        values[key] = _build(cls, table, key, path, environ, secrets)
    for key, cls in ARRAYS.items():
        items = raw.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ConfigError(f"{path}: {key} must be an array of tables ([[{key}]])")
        values[key] = tuple(_build(cls, item, f"{key}[{i}]", path, environ, secrets) for i, item in enumerate(items))
    config = Config(path=path, secrets=frozenset(s for s in secrets if s), **values)
    config = _resolve_paths(config)
    _check(config)
    return config


def _resolve_paths(config: Config) -> Config:
    base = config.path.resolve().parent
    models = base / config.storage.models if config.storage.models else None
    storage = dataclasses.replace(config.storage, database=base / config.storage.database, models=models)
    watches = tuple(dataclasses.replace(w, examples=base / w.examples) if w.examples else w for w in config.watches)
    analysis = config.analysis
    if analysis.user_dict is not None:
        analysis = dataclasses.replace(analysis, user_dict=base / analysis.user_dict)
    return dataclasses.replace(config, storage=storage, watches=watches, analysis=analysis)


def _build(
    cls: type, table: dict[str, Any], where: str, path: Path, environ: typing.Mapping[str, str], secrets: set[str]
) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.metadata.get("key", f.name): f for f in dataclasses.fields(cls) if f.name != "missing_env"}
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise ConfigError(f"{path}: {where}.{unknown[0]}: unknown key (allowed: {', '.join(fields)})")
    kwargs: dict[str, Any] = {}
    missing_env: list[str] = []
    for key, f in fields.items():
        if key not in table:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ConfigError(f"{path}: {where}.{key}: required key is missing")
            continue
        keypath = f"{where}.{key}"
        value = _convert(table[key], hints[f.name], keypath, path)
        value = _substitute(value, keypath, path, environ, secrets, missing_env, lenient=cls is Channel)
        choices = f.metadata.get("choices")
        if choices and value is not None and value not in choices:
            raise ConfigError(f"{path}: {keypath}: {value!r} is not allowed (use one of: {', '.join(choices)})")
        kwargs[f.name] = value
    if cls is Channel:
        kwargs["missing_env"] = tuple(missing_env)
    return cls(**kwargs)


def _substitute(
    value: Any,
    keypath: str,
    path: Path,
    environ: typing.Mapping[str, str],
    secrets: set[str],
    missing: list[str],
    lenient: bool,
) -> Any:
    """Replace ${NAME} with the environment's value; values read this way are secrets."""
    if isinstance(value, tuple):
        return tuple(_substitute(v, keypath, path, environ, secrets, missing, lenient) for v in value)
    if not isinstance(value, str) or "${" not in value:
        return value

    def lookup(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            if lenient:
                missing.append(name)
                return ""
            raise ConfigError(f"{path}: {keypath}: environment variable {name} is not set (export it)")
        secrets.add(environ[name])
        return environ[name]

    return _ENV_REF.sub(lookup, value)


def _convert(value: Any, hint: Any, keypath: str, path: Path) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = next(a for a in args if a is not type(None))
        return _convert(value, inner, keypath, path)
    if origin is tuple:
        if not isinstance(value, list):
            value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {keypath}: expected a list of strings, got {_describe(value)}")
        return tuple(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: {keypath}: expected true or false, got {_describe(value)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{path}: {keypath}: expected a whole number, got {_describe(value)}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{path}: {keypath}: expected a number, got {_describe(value)}")
        return float(value)
    if hint is str or hint is Path:
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: {keypath}: expected a non-empty string, got {_describe(value)}")
        return Path(value) if hint is Path else value
    raise TypeError(f"unsupported config type {hint!r}")


def _describe(value: Any) -> str:
    kind = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    return f"{kind} ({value!r})" if not isinstance(value, (list, dict)) else kind


def _check(config: Config) -> None:
    path = config.path
    crawl = config.crawl
    for key in ("concurrency", "per_domain_concurrency", "max_list_pages", "max_links_per_source", "max_page_bytes"):
        if getattr(crawl, key) < 1:
            raise ConfigError(f"{path}: crawl.{key}: must be at least 1")
    for key in ("download_delay", "timeout", "retries", "workers"):
        if getattr(crawl, key) < 0:
            raise ConfigError(f"{path}: crawl.{key}: must not be negative")
    _check_unique(path, "sources", [s.name for s in config.sources])
    _check_unique(path, "watches", [w.name for w in config.watches])
    _check_unique(path, "channels", [c.name for c in config.channels])
    for i, source in enumerate(config.sources):
        where = f"sources[{i}]"
        if not _SLUG.match(source.name):
            raise ConfigError(
                f"{path}: {where}.name: {source.name!r} is not a slug (use lower-case letters, digits, '-', '_' or '.')"
            )
        check_url(source.url, f"{path}: {where}.url")
        for key in ("allow", "deny"):
            for pattern in getattr(source, key):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ConfigError(
                        f"{path}: {where}.{key}: {pattern!r} is not a regular expression: {exc}"
                    ) from None
        if source.encoding:
            import codecs

            try:
                codecs.lookup(source.encoding)
                "<p>".encode(source.encoding)  # base64, rot13, zip: codecs, but no text encodings
            except (LookupError, UnicodeError, ValueError):
                raise ConfigError(f"{path}: {where}.encoding: unknown encoding {source.encoding!r}") from None
    watch_names = {w.name for w in config.watches}
    for i, watch in enumerate(config.watches):
        for t in watch.event_types:
            if t not in EVENT_TYPES:
                raise ConfigError(
                    f"{path}: watches[{i}].event_types: {t!r} is not an event type "
                    f"(use any of: {', '.join(EVENT_TYPES)})"
                )
        for key in ("keywords", "related", "require", "exclude"):
            for term in getattr(watch, key):
                if len(term) > 2 and term.startswith("/") and term.endswith("/"):
                    try:
                        re.compile(term[1:-1])
                    except re.error as exc:
                        raise ConfigError(
                            f"{path}: watches[{i}].{key}: {term!r} is not a regular expression: {exc}"
                        ) from None
        if not watch.keywords:
            raise ConfigError(f"{path}: watches[{i}].keywords: list at least one keyword")
    for i, channel in enumerate(config.channels):
        for name in channel.watches:
            if name not in watch_names:
                raise ConfigError(f"{path}: channels[{i}].watches: no watch named {name!r}")
        _check_channel(channel, f"{path}: channels[{i}]")


def _check_channel(channel: Channel, where: str) -> None:
    needs = {
        "email": ("smtp_host", "sender", "to"),
        "webhook": ("url",),
        "dingtalk": ("url",),
        "wecom": ("url",),
        "feishu": ("url",),
        "apprise": ("url",),
    }[channel.kind]
    for key in needs:
        if not getattr(channel, key) and not channel.missing_env:
            shown = "from" if key == "sender" else key
            raise ConfigError(f"{where}.{shown}: required for kind = {channel.kind!r}")
    if channel.kind == "email" and channel.format not in (None, "html", "text"):
        raise ConfigError(f"{where}.format: email takes 'html' or 'text', not {channel.format!r}")
    if channel.kind in ("webhook", "dingtalk", "wecom", "feishu") and channel.url and not channel.missing_env:
        check_url(channel.url, f"{where}.url", redact=True)


def check_url(url: str, where: str, redact: bool = False) -> None:
    """Refuse anything that is not an absolute http(s) URL."""
    parts = urlsplit(url)
    shown = "the URL" if redact else repr(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: {shown} is not an absolute http:// or https:// URL")


def _check_unique(path: Path, key: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ConfigError(f"{path}: {key}[{i}].name: duplicate name {name!r} (names must be unique)")
        seen.add(name)
