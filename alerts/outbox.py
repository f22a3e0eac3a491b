"""The delivery outbox: which events each channel still owes, when to retry, and message keys.

A row goes pending → sending (written before the message leaves) → sent (written after the
channel accepted it), or → failed with the error and a retry time. A row still "sending" when
a run starts belongs to a run that died between sending and recording: it is sent again, with
the same key where the channel can drop duplicates by key.

A back-off is for a service that failed, never for our own configuration: a channel that cannot
send for want of a ``${VARIABLE}`` keeps its error and no retry time, and a back-off holds only
while the channel's configuration is the one that failed (``fingerprint``), so the digest after
an operator fixed it tries at once.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import db as store
from config import Channel, Config

NEW_CHANNEL_BACKLOG = timedelta(days=7)  # how far back a newly configured channel starts
BACKOFF_MINUTES = (5, 15, 45, 60)  # wait after the 1st, 2nd, 3rd, later consecutive failure
_FINGERPRINT_ROUNDS = 100_000  # PBKDF2 rounds: the stored fingerprint must not be a cheap test of a guessed secret


@dataclass(frozen=True)
class Pending:
    """What a channel owes, and whether this run should try it."""

    event_ids: list[str]
    replays: dict[str, list[str]]  # batch key -> events of a message that may have been sent
    due: bool
    next_attempt_at: str | None


def watches_of(config: Config, channel: Channel) -> list[str]:
    """The watch names whose events go to the channel (its list, or every watch)."""
    configured = [w.name for w in config.watches]
    return [w for w in configured if w in channel.watches] if channel.watches else configured


def enqueue(db: store.Database, config: Config, event_ids: Iterable[str]) -> int:
    """Put new events in the outbox of every enabled channel whose watches they belong to."""
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return 0
    watch_of = {e["id"]: e["watch"] for e in store.events(db, ids=ids)}
    added = 0
    for channel in config.channels:
        if channel.enabled:
            wanted = set(watches_of(config, channel))
            added += store.enqueue_deliveries(db, channel.name, [i for i in ids if watch_of.get(i) in wanted])
    return added


def catch_up(db: store.Database, config: Config, channel: Channel, now: datetime) -> int:
    """Enqueue recent events the channel has no row for (a new channel, or events never enqueued)."""
    since = (now - NEW_CHANNEL_BACKLOG).astimezone(UTC).isoformat(timespec="seconds")
    missing = store.events_without_delivery(db, channel.name, watches_of(config, channel), since)
    return store.enqueue_deliveries(db, channel.name, missing) if missing else 0


def pending(db: store.Database, config: Config, channel: Channel, now: datetime) -> Pending:
    """The channel's undelivered events of watches it still receives, and whether they are due.

    New and interrupted rows are due at once; failed rows wait out their back-off. When the
    channel is tried, every undelivered event goes, so a channel that was down gets one digest.
    """
    wanted = set(watches_of(config, channel))
    rows = [r for r in store.pending_deliveries(db, channel.name) if r["watch"] in wanted]
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    current = fingerprint(channel)
    replays: dict[str, list[str]] = {}
    for row in rows:
        if row["status"] == "sending" and row["batch"]:
            replays.setdefault(row["batch"], []).append(row["event_id"])

    def waiting(row: dict[str, object]) -> bool:
        retry = row["next_attempt_at"]
        return (
            row["status"] == "failed" and isinstance(retry, str) and retry > stamp and row["channel_config"] == current
        )

    waits = [str(r["next_attempt_at"]) for r in rows if waiting(r)]
    due = len(waits) < len(rows)
    return Pending([r["event_id"] for r in rows], replays, due, min(waits) if waits and not due else None)


@functools.lru_cache(maxsize=64)
def fingerprint(channel: Channel) -> str:
    """A stable key of everything configured for the channel, the variables it names included
    (a variable set since changes it): a slow keyed hash, so no value can be read back from it."""
    material = json.dumps(dataclasses.asdict(channel), sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.pbkdf2_hmac("sha256", material.encode("utf-8"), b"newswatch-channel", _FINGERPRINT_ROUNDS)
    return digest.hex()[:32]


def backoff(attempts: int) -> timedelta:
    """How long a channel waits after its n-th consecutive failed attempt."""
    return timedelta(minutes=BACKOFF_MINUTES[min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1])


def failed(db: store.Database, channel: Channel, event_ids: Sequence[str], error: str, now: datetime) -> str:
    """Record a failed attempt of the service; returns when the next one is due."""
    attempts = max(
        (r["attempts"] for r in store.pending_deliveries(db, channel.name) if r["event_id"] in set(event_ids)),
        default=1,
    )
    retry = (now + backoff(attempts)).astimezone(UTC).isoformat(timespec="seconds")
    store.mark_failed(db, channel.name, event_ids, error, retry, fingerprint(channel))
    return retry


def cannot_send(db: store.Database, channel: Channel, event_ids: Sequence[str], error: str) -> None:
    """The channel's own configuration stops it (an unset variable): keep the error, start no back-off."""
    store.mark_failed(db, channel.name, event_ids, error, None, fingerprint(channel))


def message_key(channel: str, event_ids: Sequence[str], now: datetime) -> str:
    """A stable key per (channel, set of events): a replay of the same message has the same key.

    A message without events (a heartbeat) is keyed by its day, so a retried heartbeat is too.
    """
    material = "\n".join([channel, *sorted(event_ids)]) if event_ids else f"{channel}\n{now:%Y-%m-%d}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]
