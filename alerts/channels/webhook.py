"""Signed webhooks: POST the digest (or a bulletin's payload) as JSON with an Idempotency-Key."""

from __future__ import annotations

import hashlib
import hmac

from alerts import render
from alerts.channels.base import Bulletin, KeyFor, Outgoing, answer_text, event_ids, json_bytes, post
from alerts.digest import Digest
from config import Channel
from errors import DeliveryError


class Webhook:
    """HMAC-SHA256 over the raw body when a secret is set; any 2xx is accepted."""

    idempotent = True
    per_minute = per_second = 0

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        ids = event_ids(digest)
        key = key_for(ids)
        return [Outgoing(ids, key, json_bytes(render.payload(digest, key)))]

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        return Outgoing(bulletin.ids, key, json_bytes(bulletin.payload))

    def send(self, message: Outgoing) -> None:
        headers = {"Idempotency-Key": message.key}
        if self.channel.secret:
            digest = hmac.new(self.channel.secret.encode(), message.body, hashlib.sha256).hexdigest()
            headers["X-Newswatch-Signature"] = f"sha256={digest}"
        status, answer = post(self.channel.url or "", message.body, headers, self.channel.timeout)
        if not 200 <= status < 300:
            raise DeliveryError(f"webhook answered HTTP {status}: {answer_text(answer)}")
