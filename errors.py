"""The few exceptions newswatch raises on purpose; the CLI turns each into one line."""

from __future__ import annotations


class NewswatchError(Exception):
    """An expected failure: its message is shown to the user as one line, without a traceback."""

    exit_code = 1


class ConfigError(NewswatchError):
    """The configuration (or a command-line argument) is wrong; the message names the key."""

    exit_code = 2


class BusyError(NewswatchError):
    """Another newswatch run holds the lock."""

    exit_code = 3


class StorageError(NewswatchError):
    """The database file cannot be used (damaged, unreadable, no space); the message says what to do."""

    exit_code = 4


class DeliveryError(NewswatchError):
    """A channel refused or could not take a message; the outbox keeps the events pending."""


class FeedbackError(NewswatchError):
    """Feedback that cannot apply (no such event, events of two watches); the message says why."""


class Skip(Exception):
    """A page that is not stored, with the reason recorded against its source."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
