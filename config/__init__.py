"""Configuration as data: ``config.toml`` (and the environment it names) → frozen dataclasses.

``config.loader`` is the one reader of the file and of ``${NAME}`` values; ``config.edit`` is the
one writer (``sources add/remove/enable/disable``).
"""

from config.loader import (
    CHANNEL_KINDS,
    DEFAULT_USER_AGENT,
    EVENT_TYPES,
    SOURCE_KINDS,
    VERSION,
    Analysis,
    Channel,
    Config,
    Crawl,
    Schedule,
    Source,
    Storage,
    Watch,
    check_url,
    default_path,
    load,
    parse,
)

# fmt: off
__all__ = [
    "CHANNEL_KINDS", "DEFAULT_USER_AGENT", "EVENT_TYPES", "SOURCE_KINDS", "VERSION", "Analysis", "Channel",
    "Config", "Crawl", "Schedule", "Source", "Storage", "Watch", "check_url", "default_path", "load", "parse",
]
# fmt: on
