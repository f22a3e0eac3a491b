"""Logging for every entry point: one format, secrets redacted, optionally a rotating file."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from config import Config

LOG_BYTES, LOG_BACKUPS = 5_000_000, 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Keeps secrets read from the environment out of every log line."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.config.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging(verbose: int, config: Config | None = None, log_file: Path | None = None) -> None:
    """Log to stderr (and ``log_file``, rotated) at WARNING, INFO (-v) or DEBUG (-vv).

    Without a config (before it is loaded) nothing can be redacted yet; callers set up again once
    it is.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        )
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        if config is not None:
            handler.addFilter(RedactingFilter(config))
    root = logging.getLogger()
    root.handlers[:] = handlers
    root.setLevel(level)
