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
from pathlib import Path
from typing import Any

from config.checks import check_characters, check_limits, check_schedule, check_url
from config.schema import (
    ARRAYS,
    EVENT_TYPES,
    SECTIONS,
    Channel,
    Config,
    Source,
)
from errors import ConfigError

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_DOTTED = re.compile(r"^[^.\s]+(?:\.[^.\s]+)*$")  # data.list, result.0.items
_PARAM = re.compile(r"^[^\s&=?#]+$")


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
    if config.storage.backups < 0:
        raise ConfigError(f"{path}: storage.backups: must not be negative (0 turns the daily copies off)")
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
        check_url(source.url, f"{path}: {where}.url", redact=config.redact(source.url) != source.url)
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
        _check_json_keys(source, f"{path}: {where}")
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
    if config.browser.max_pages < 1:
        raise ConfigError(f"{path}: browser.max_pages: must be at least 1")
    if config.browser.timeout <= 0:
        raise ConfigError(f"{path}: browser.timeout: must be more than 0 seconds")
    check_schedule(config)
    check_limits(config)
    web = config.web
    if not 0 <= web.port <= 65535:
        raise ConfigError(f"{path}: web.port: {web.port} is not a port (0-65535)")
    if web.base_url:
        check_url(web.base_url, f"{path}: web.base_url", redact=config.redact(web.base_url) != web.base_url)
    for i, channel in enumerate(config.channels):
        for name in channel.watches:
            if name not in watch_names:
                raise ConfigError(f"{path}: channels[{i}].watches: no watch named {name!r}")
        _check_channel(channel, f"{path}: channels[{i}]")


def _check_json_keys(source: Source, where: str) -> None:
    """A JSON list names where its items and their links are; those keys mean nothing to other kinds."""
    keys = ("items", "url_field", "title_field", "date_field", "page_param")
    if source.kind != "json":
        given = next((key for key in keys if getattr(source, key) is not None), None)
        if given:
            raise ConfigError(f'{where}.{given}: only read when kind = "json" (kind is {source.kind!r})')
        return
    for key, example in (("items", '"data.list"'), ("url_field", '"url"')):
        if getattr(source, key) is None:
            raise ConfigError(f'{where}.{key}: required for kind = "json" (a dotted path, e.g. {key} = {example})')
    for key in keys[:4]:
        value = getattr(source, key)
        if value is not None and value != "." and not _DOTTED.match(value):
            raise ConfigError(
                f'{where}.{key}: {value!r} is not a dotted path (e.g. "data.list", or "." for the answer)'
            )
    if source.page_param is not None and not _PARAM.match(source.page_param):
        raise ConfigError(f'{where}.page_param: {source.page_param!r} is not a query parameter name (e.g. "page")')


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
    elif channel.url and not channel.missing_env:  # apprise: its own schemes (mailto://, tgram://)
        check_characters(channel.url, f"{where}.url", "the URL")


def _check_unique(path: Path, key: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ConfigError(f"{path}: {key}[{i}].name: duplicate name {name!r} (names must be unique)")
        seen.add(name)
