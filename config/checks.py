"""The checks a configuration must pass beyond its types, shared by the loader and by ``sources
test`` / the web form for a URL typed in: URLs a request can carry, cron times and the time zone,
numbers within their bounds, header values without line breaks.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError

from config.cron import cron_fields
from config.schema import Config
from errors import ConfigError


def check_url(url: str, where: str, redact: bool = False) -> None:
    """Refuse anything that is not an absolute http(s) URL a request can carry as written: no
    spaces or control characters (a pasted line break, a tab), a host, a port that is a number."""
    shown = "the URL" if redact else repr(url)
    check_characters(url, where, shown)
    try:
        parts = urlsplit(url)
        _ = parts.port  # urllib checks the port as it reads it
    except ValueError as exc:  # an unclosed [IPv6 address, a port that is not a number
        detail = "" if redact else f" ({exc})"  # urllib quotes the port, which may hold a secret
        raise ConfigError(f"{where}: {shown} is not a URL{detail}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: {shown} is not an absolute http:// or https:// URL")


def check_characters(url: str, where: str, shown: str, space: bool = False) -> None:
    """Whitespace and control characters never belong in a URL (%20 spells a space), nor control
    characters in any value that goes into a header (``space``: spaces are fine there)."""
    bad = next((c for c in url if (c.isspace() and not space) or unicodedata.category(c) == "Cc"), None)
    if bad is None:
        return
    if unicodedata.category(bad) == "Cc":
        what = f"the control character U+{ord(bad):04X} (a pasted line break or tab?)"
    else:
        what = ("a space" if bad == " " else f"the space character U+{ord(bad):04X}") + " (write it as %20)"
    raise ConfigError(f"{where}: {shown} contains {what}")


def check_selector(selector: str | None, where: str) -> None:
    """A CSS selector cssselect (hence Scrapy and parsel) can read, refused at load, not at the first page."""
    if selector is None:
        return
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise ConfigError(f"{where}: {selector!r} is not a CSS selector: {exc}") from None


def check_schedule(config: Config) -> None:
    """The cron times and time zone, checked here so every command refuses a bad [schedule]."""
    where = f"{config.path}: schedule"
    schedule = config.schedule
    try:
        zoneinfo.ZoneInfo(schedule.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{where}.timezone: unknown time zone {schedule.timezone!r} (use a name such as 'Asia/Shanghai')"
        ) from None
    for job in ("crawl", "digest"):
        expr = getattr(schedule, job)
        try:
            cron_fields(expr)
        except ValueError as exc:
            raise ConfigError(f"{where}.{job}: {expr!r} is not a cron expression: {exc}") from None
    if schedule.crawl_time_limit < 1:
        raise ConfigError(f"{where}.crawl_time_limit: must be at least 1 second")
    if schedule.grace < 0:
        raise ConfigError(f"{where}.grace: must not be negative")


def check_limits(config: Config) -> None:
    """Numbers that only make sense within bounds, and text that goes into a request header."""
    path = config.path
    if config.crawl.timeout <= 0:
        raise ConfigError(f"{path}: crawl.timeout: must be more than 0 seconds")
    check_characters(
        config.crawl.user_agent, f"{path}: crawl.user_agent", config.redact(repr(config.crawl.user_agent)), space=True
    )
    for i, source in enumerate(config.sources):
        for key in ("link_selector", "next_selector", "content_selector"):
            check_selector(getattr(source, key), f"{path}: sources[{i}].{key}")
        if source.max_failures < 1:
            raise ConfigError(f"{path}: sources[{i}].max_failures: must be at least 1")
        if source.stale_factor <= 0:
            raise ConfigError(f"{path}: sources[{i}].stale_factor: must be more than 0")
    analysis = config.analysis
    for key in ("usd_cny", "eur_cny", "hkd_cny"):
        if getattr(analysis, key) <= 0:
            raise ConfigError(f"{path}: analysis.{key}: must be more than 0")
    if analysis.cluster_days < 1:
        raise ConfigError(f"{path}: analysis.cluster_days: must be at least 1")
    for i, channel in enumerate(config.channels):
        if channel.timeout <= 0:
            raise ConfigError(f"{path}: channels[{i}].timeout: must be more than 0 seconds")
        if channel.smtp_port is not None and not 1 <= channel.smtp_port <= 65535:
            raise ConfigError(f"{path}: channels[{i}].smtp_port: {channel.smtp_port} is not a port (1-65535)")
        for key, value in (("smtp_host", channel.smtp_host), ("from", channel.sender), ("to", ", ".join(channel.to))):
            if value:  # a line break here would add a header to every mail
                check_characters(value, f"{path}: channels[{i}].{key}", config.redact(repr(value)), space=True)
