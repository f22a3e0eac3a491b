"""Send each channel what it is owed: build its digest, send it, record it — one channel at a time.

Every message is recorded as "sending" before it leaves and "sent" once the channel accepted
it. The one window that cannot be closed is a crash after the service accepted a message and
before "sent" was written: the next run sends those events again. Webhooks get the same
Idempotency-Key (and the payload lists event ids), e-mail the same Message-ID, so receivers can
drop the copy; the group robots have no such key and show it twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import db as store
from alerts import channels, digest, outbox, render
from config import Channel, Config
from errors import ConfigError, DeliveryError

log = logging.getLogger("newswatch.alerts")


@dataclass
class DeliveryReport:
    """What happened to one channel in one digest run."""

    channel: str
    kind: str
    status: str  # sent | failed | waiting | empty | disabled | dry-run
    events: int = 0  # events delivered (dry run: that would be)
    messages: int = 0  # messages accepted (dry run: that would be sent)
    pending: int = 0  # events still owed to the channel afterwards
    error: str | None = None
    next_attempt_at: str | None = None
    preview: str | None = None  # dry run: the digest as it would read

    def line(self) -> str:
        """One line for the terminal and the log."""
        text = f"{self.channel} ({self.kind}): {self.status}"
        if self.status in ("sent", "dry-run"):
            text += f", {self.events} events in {self.messages} message{'s' * (self.messages != 1)}"
        if self.pending:
            text += f", {self.pending} events pending"
        if self.error:
            text += f" — {self.error}"
        if self.next_attempt_at:
            text += f" (next attempt after {self.next_attempt_at})"
        return text


def send_digests(
    db: store.Database,
    config: Config,
    *,
    channel: str | None = None,
    dry_run: bool = False,
    fmt: str | None = None,
    run_id: int | None = None,
    now: datetime | None = None,
) -> list[DeliveryReport]:
    """Deliver pending events to every enabled channel (or the named one); one failing never stops the rest.

    ``dry_run`` renders what would be sent in ``fmt`` (default text) and changes nothing.
    """
    fmt = fmt or "text"
    if fmt not in render.FORMATS:
        raise ConfigError(f"--format: {fmt!r} is not a digest format (use one of: {', '.join(render.FORMATS)})")
    now = now or datetime.now(UTC)
    chosen = [config.channel(channel)] if channel else list(config.channels)
    reports = []
    for ch in chosen:
        if not ch.enabled:
            reports.append(DeliveryReport(ch.name, ch.kind, "disabled"))
            continue
        try:
            report = _deliver(db, config, ch, dry_run=dry_run, fmt=fmt, run_id=run_id, now=now)
        except Exception as exc:  # noqa: BLE001 - isolation boundary: one channel's fault never stops the others
            error = config.redact(f"{type(exc).__name__}: {exc}")
            log.error("channel %s: digest failed: %s", ch.name, error)
            report = DeliveryReport(ch.name, ch.kind, "failed", error=error)
        log.info("%s", config.redact(report.line()))
        reports.append(report)
    return reports


def _deliver(
    db: store.Database, config: Config, ch: Channel, *, dry_run: bool, fmt: str, run_id: int | None, now: datetime
) -> DeliveryReport:
    if dry_run:
        since = (now - outbox.NEW_CHANNEL_BACKLOG).astimezone(UTC).isoformat(timespec="seconds")
        extra = store.events_without_delivery(db, ch.name, outbox.watches_of(config, ch), since)
    else:
        outbox.catch_up(db, config, ch, now)
        extra = []
    todo = outbox.pending(db, config, ch, now)
    ids = [*todo.event_ids, *extra]
    report = DeliveryReport(ch.name, ch.kind, "empty", pending=len(ids))
    if ids and not todo.due and not extra and not dry_run:
        report.status, report.next_attempt_at = "waiting", todo.next_attempt_at
        return report
    if ch.missing_env:
        report.status = "failed"
        report.error = (
            f"environment variable{'s' * (len(ch.missing_env) > 1)} "
            f"{', '.join(ch.missing_env)} not set (channel {ch.name} cannot send)"
        )
        if ids and not dry_run:
            outbox.cannot_send(db, ch, ids, report.error)  # our configuration, not the service: no back-off
        return report
    if not ids and not ch.send_empty:
        return report
    sender = channels.sender_for(ch)
    period_start = store.parse_time(store.last_delivery_at(db, ch.name))

    def build(event_ids: list[str]) -> digest.Digest:
        return digest.build(db, config, event_ids, channel=ch, now=now, period_start=period_start, run_id=run_id)

    def key_for(event_ids: tuple[str, ...]) -> str:
        return outbox.message_key(ch.name, event_ids, now)

    messages: list[channels.Outgoing] = []
    replayed: set[str] = set()
    if sender.idempotent and not dry_run:
        # Resend an interrupted message as it was, so its key matches and the receiver can drop it.
        for batch_ids in todo.replays.values():
            messages += sender.messages(build(batch_ids), key_for)
            replayed.update(batch_ids)
    rest = [i for i in ids if i not in replayed]
    if rest or not messages:
        messages += sender.messages(build(rest), key_for)
    if dry_run:
        report.status, report.events, report.messages = "dry-run", len(ids), len(messages)
        report.preview = config.redact(render.format_digest(build(ids), fmt))
        return report
    return _send(db, config, ch, sender, messages, report, now)


def _send(
    db: store.Database,
    config: Config,
    ch: Channel,
    sender: channels.Sender,
    messages: list[channels.Outgoing],
    report: DeliveryReport,
    now: datetime,
) -> DeliveryReport:
    pacer = channels.Pacer(sender.per_minute, sender.per_second)
    for i, message in enumerate(messages):
        pacer.wait()
        store.mark_sending(db, ch.name, message.event_ids, message.key)
        try:
            sender.send(message)
        except DeliveryError as exc:
            unsent = [e for m in messages[i:] for e in m.event_ids]
            report.status, report.error = "failed", config.redact(str(exc))
            report.pending = len(unsent)
            report.next_attempt_at = outbox.failed(db, ch, unsent, report.error, now)
            return report
        store.mark_sent(db, ch.name, message.event_ids)
        report.events += len(message.event_ids)
        report.messages += 1
    report.status, report.pending = "sent", 0
    return report


def send_test(config: Config, name: str, now: datetime | None = None) -> str:
    """Send a channel a short test message, outside the outbox; what the service answered.

    Raises DeliveryError with the service's answer when it refuses (the message says why)."""
    ch = config.channel(name)
    if ch.missing_env:
        raise DeliveryError(
            f"environment variables {', '.join(ch.missing_env)} not set (channel {ch.name} cannot send)"
        )
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    sender = channels.sender_for(ch)
    test = channels.Bulletin(
        ids=("test",),
        subject="newswatch: test message",
        body=f"- channel {ch.name} ({ch.kind}) reaches this group; sent {at}",
        payload={"test": True, "channel": ch.name, "sent_at": at},
        alarm=False,
    )
    try:
        sender.send(sender.bulletin(test, f"test-{ch.name}-{at}"))
    except DeliveryError as exc:
        raise DeliveryError(config.redact(str(exc))) from None
    return f"{ch.name}: the service accepted the test message"


def build_digest(
    db: store.Database,
    config: Config,
    *,
    channel: str | None = None,
    since: str | None = None,
    now: datetime | None = None,
    run_id: int | None = None,
) -> digest.Digest:
    """A digest of every stored event (since a time), or of what a channel is owed: for previews."""
    now = now or datetime.now(UTC)
    if channel is not None:
        ch = config.channel(channel)
        return digest.build(
            db, config, outbox.pending(db, config, ch, now).event_ids, channel=ch, now=now, run_id=run_id
        )
    watched = {name for name, _ in digest.channel_watches(config, None)}
    ids = [e["id"] for e in store.events(db, since=since) if e["watch"] in watched]
    return digest.build(db, config, ids, now=now, run_id=run_id)
