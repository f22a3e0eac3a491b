"""DingTalk custom robot: markdown; 加签 = timestamp (ms) and sign in the query string."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from alerts import render
from alerts.channels.base import Bulletin, Outgoing, Robot, json_bytes, post, robot_answer
from alerts.digest import Digest

DINGTALK_BODY_BYTES = 20_000  # DingTalk: a robot message body up to 20 KB


class DingTalk(Robot):
    """A digest part or a bulletin as one markdown message titled with its subject."""

    limit = DINGTALK_BODY_BYTES
    dialect = render.DINGTALK

    def body(self, d: Digest) -> dict[str, Any]:
        return markdown(d.subject, render.render_markdown(d, self.dialect))

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        return Outgoing(bulletin.ids, key, markdown(bulletin.subject, bulletin.text))

    def send(self, message: Outgoing) -> None:
        url = self.channel.url or ""
        if self.channel.secret:
            timestamp = str(int(time.time() * 1000))
            url += ("&" if urlsplit(url).query else "?") + urlencode(
                {"timestamp": timestamp, "sign": dingtalk_sign(self.channel.secret, timestamp)}
            )
        status, answer = post(url, json_bytes(message.body), {}, self.channel.timeout)
        robot_answer("DingTalk", status, answer, ("errcode",))


def markdown(title: str, text: str) -> dict[str, Any]:
    """DingTalk's markdown message: the title shows in the notification, the text in the chat."""
    return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """base64(HMAC-SHA256(key=secret, msg="timestamp\\nsecret")), as DingTalk's robot API documents."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()
