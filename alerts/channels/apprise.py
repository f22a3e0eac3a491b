"""The long tail of services through apprise (Slack, Telegram, ntfy, Teams, Bark, …).

The only module that imports apprise (``import apprise`` is absolute: it finds the library, not
this module). apprise reports failure as a false result and logs the reason, so the reason is
captured from its log and becomes the DeliveryError message.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import apprise

from alerts import render
from alerts.channels.base import Bulletin, KeyFor, Outgoing, event_ids
from alerts.digest import Digest
from config import Channel
from errors import DeliveryError

FORMATS = {
    "text": apprise.NotifyFormat.TEXT,
    "markdown": apprise.NotifyFormat.MARKDOWN,
    "html": apprise.NotifyFormat.HTML,
}


class AppriseSender:
    """One apprise URL per channel; the digest goes as one message in the channel's format."""

    idempotent = False
    per_minute = per_second = 0

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        fmt = self.channel.format if self.channel.format in FORMATS else "text"
        body = render.render_text(digest) if fmt == "text" else render.format_digest(digest, fmt)
        ids = event_ids(digest)
        return [Outgoing(ids, key_for(ids), (digest.subject, body, fmt))]

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        return Outgoing(bulletin.ids, key, (bulletin.subject, bulletin.text, "text"))

    def send(self, message: Outgoing) -> None:
        title, body, fmt = message.body
        notifier = apprise.Apprise()
        if not notifier.add(with_timeouts(self.channel.url or "", self.channel.timeout)):
            raise DeliveryError("apprise does not recognise the channel's URL (see apprise's URL list)")
        with apprise.LogCapture(level=logging.WARNING) as captured:
            accepted = bool(notifier.notify(body=body, title=title, body_format=FORMATS[fmt]))
        if not accepted:
            lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
            reason = lines[-1].split(" - ", 2)[-1] if lines else "no reason given"
            raise DeliveryError(f"apprise could not deliver: {render.clean(reason, 200)}")


def with_timeouts(url: str, timeout: float) -> str:
    """Add apprise's connect/read timeouts (cto, rto) unless the URL already sets them."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.setdefault("cto", f"{timeout:g}")
    query.setdefault("rto", f"{timeout:g}")
    return urlunsplit(parts._replace(query=urlencode(query)))
