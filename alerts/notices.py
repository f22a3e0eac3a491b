"""Source-health notices to operator channels: one message per channel with what changed.

A notice is queued once when a source turns unhealthy or recovers (operations.health); it stays
pending for a channel until that channel accepts it, so an operator channel that was down gets
the notices it missed, in order, when it is back. This module says what a notice reads; the
channels shape, sign and send it as they do digests.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import db as store
from alerts.channels import Bulletin, sender_for
from config import Config

log = logging.getLogger(__name__)

STATE_LABELS = {"unhealthy": ("信源异常", "source unhealthy"), "recovered": ("信源恢复", "source recovered")}
LINES = 20  # notices listed in one message (chat size limits); beyond, only a count


def subject(notices: Sequence[Mapping[str, Any]]) -> str:
    if len(notices) == 1:
        zh, en = STATE_LABELS[notices[0]["state"]]
        return f"【newswatch】{zh} {en} · {notices[0]['source']}"
    return f"【newswatch】信源状态 source health · {len(notices)} changes"


def line(notice: Mapping[str, Any]) -> str:
    """One notice as a sentence an operator can act on."""
    zh, en = STATE_LABELS[notice["state"]]
    if notice["state"] == "recovered":
        text = f"{zh} {en}: {notice['source']} works again"
        return text + (f" (it was: {notice['reason']})" if notice["reason"] else "")
    return (
        f"{zh} {en}: {notice['source']} — {notice['reason']}. Check it with: newswatch sources test {notice['source']}"
    )


def payload(notices: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The webhook JSON: ``type`` tells it apart from a digest."""
    return {
        "type": "source_health",
        "generated_at": store.now(),
        "notices": [
            {
                "id": n["id"],
                "source": n["source"],
                "state": n["state"],
                "reason": n["reason"],
                "at": n["created_at"],
                "text": line(n),
            }
            for n in notices
        ],
    }


def bulletin(notices: Sequence[Mapping[str, Any]]) -> Bulletin:
    """What a channel is told about these notices: the subject and one line per notice."""
    lines = [f"- {line(n)} ({n['created_at']})" for n in notices[:LINES]]
    if len(notices) > LINES:
        lines.append(f"- … and {len(notices) - LINES} more (see: newswatch status)")
    return Bulletin(
        ids=tuple(str(n["id"]) for n in notices),
        subject=subject(notices),
        body="\n".join(lines),
        payload=payload(notices),
        alarm=any(n["state"] == "unhealthy" for n in notices),
    )


def send_notices(db: store.Database, config: Config) -> dict[str, int]:
    """Send each operator channel its pending notices; returns how many each channel took."""
    sent: dict[str, int] = {}
    for channel in config.channels:
        if not (channel.operator and channel.enabled):
            continue
        pending = store.pending_notices(db, channel.name)
        if not pending:
            continue
        if channel.missing_env:
            log.warning(
                "notices for %s wait: environment variables %s are not set",
                channel.name,
                ", ".join(channel.missing_env),
            )
            continue
        ids = [n["id"] for n in pending]
        try:
            news = bulletin(pending)
            sender = sender_for(channel)
            sender.send(sender.bulletin(news, f"notice-{channel.name}-" + "-".join(news.ids)))
        except Exception as exc:  # noqa: BLE001 - isolation boundary: one channel's failure must not stop the others
            error = config.redact(f"{type(exc).__name__}: {exc}")
            store.mark_notices(db, channel.name, ids, error)
            log.warning("health notices to %s not delivered (kept pending): %s", channel.name, error)
            continue
        store.mark_notices(db, channel.name, ids, None)
        sent[channel.name] = len(ids)
        log.info("sent %d health notice(s) to %s", len(ids), channel.name)
    return sent
