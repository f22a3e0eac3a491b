"""Configuration as data: ``config.toml`` (and the environment it names) → frozen dataclasses.

``config.schema`` is its shape; ``config.checks`` and ``config.cron`` say what its values must hold;
``config.loader`` is the one reader of the file and of ``${NAME}`` values; ``config.edit`` is the
one writer (``sources add/remove/enable/disable``).
"""

from config.checks import check_selector, check_url
from config.loader import default_path, load, parse
from config.schema import (
    CHANNEL_KINDS,
    DEFAULT_USER_AGENT,
    EVENT_TYPES,
    SOURCE_KINDS,
    VERSION,
    Analysis,
    Browser,
    Channel,
    Config,
    Crawl,
    Schedule,
    Source,
    Storage,
    Watch,
    Web,
)

# fmt: off
__all__ = [
    "CHANNEL_KINDS", "DEFAULT_USER_AGENT", "EVENT_TYPES", "SOURCE_KINDS", "VERSION", "Analysis", "Browser", "Channel",
    "Config", "Crawl", "Schedule", "Source", "Storage", "Watch", "Web", "check_selector", "check_url", "default_path", "load", "parse",
]
# fmt: on
