"""Source-health notices to operator channels: one message per channel with what changed.

A notice is queued once when a source turns unhealthy or recovers (operations.health); it stays
pending for a channel until that channel accepts it, so an operator channel that was down gets
the notices it missed, in order, when it is back. Transport and signing are the channels' own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any

import db as store
from alerts.channels import Outgoing, sender_for
from config import Channel, Config

log = logging.getLogger(__name__)

STATE_LABELS = {"unhealthy": ("信源异常", "source unhealthy"), "recovered": ("信源恢复", "source recovered")}


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
    return (f"{zh} {en}: {notice['source']} — {notice['reason']}. "
            f"Check it with: newswatch sources test {notice['source']}")


def text(notices: Sequence[Mapping[str, Any]], limit: int = 20) -> str:
    """Subject and one line per notice; beyond ``limit`` (chat size limits) only a count."""
    lines = [f"- {line(n)} ({n['created_at']})" for n in notices[:limit]]
    if len(notices) > limit:
        lines.append(f"- … and {len(notices) - limit} more (see: newswatch status)")
    return "\n".join([subject(notices), "", *lines])


def payload(notices: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The webhook JSON: ``type`` tells it apart from a digest."""
    return {"type": "source_health",
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "notices": [{"id": n["id"], "source": n["source"], "state": n["state"], "reason": n["reason"],
                         "at": n["created_at"], "text": line(n)} for n in notices]}


def message(channel: Channel, notices: Sequence[Mapping[str, Any]]) -> Outgoing:
    """The notices in the shape the channel's sender sends."""
    key = f"notice-{channel.name}-" + "-".join(str(n["id"]) for n in notices)
    ids = tuple(str(n["id"]) for n in notices)
    body: Any
    if channel.kind == "webhook":
        body = json.dumps(payload(notices), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    elif channel.kind == "dingtalk":
        body = {"msgtype": "markdown", "markdown": {"title": subject(notices), "text": text(notices)}}
    elif channel.kind == "wecom":
        body = {"msgtype": "markdown", "markdown": {"content": text(notices)}}
    elif channel.kind == "feishu":
        colour = "red" if any(n["state"] == "unhealthy" for n in notices) else "green"
        body = {"msg_type": "interactive", "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": subject(notices)}, "template": colour},
            "elements": [{"tag": "markdown", "content": text(notices).split("\n", 2)[-1]}]}}
    elif channel.kind == "email":
        mail = EmailMessage()
        mail["Subject"] = subject(notices)
        mail["From"] = channel.sender or ""
        mail["To"] = ", ".join(channel.to)
        mail["Date"] = formatdate(localtime=True)
        domain = parseaddr(channel.sender or "")[1].rpartition("@")[2] or "newswatch.invalid"
        mail["Message-ID"] = f"<newswatch.{key}@{domain}>"
        mail.set_content(text(notices), cte="quoted-printable")
        body = mail
    else:
        body = (subject(notices), text(notices), "text")
    return Outgoing(ids, key, body, len(text(notices).encode("utf-8")))


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
            log.warning("notices for %s wait: environment variables %s are not set",
                        channel.name, ", ".join(channel.missing_env))
            continue
        ids = [n["id"] for n in pending]
        try:
            sender_for(channel).send(message(channel, pending))
        except Exception as exc:  # one channel's failure must not stop the others
            error = config.redact(f"{type(exc).__name__}: {exc}")
            store.mark_notices(db, channel.name, ids, error)
            log.warning("health notices to %s not delivered (kept pending): %s", channel.name, error)
            continue
        store.mark_notices(db, channel.name, ids, None)
        sent[channel.name] = len(ids)
        log.info("sent %d health notice(s) to %s", len(ids), channel.name)
    return sent
