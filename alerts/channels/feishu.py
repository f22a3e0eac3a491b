"""Feishu custom bot: an interactive card; 签名校验 = timestamp (s) and sign in the body."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

from alerts import render
from alerts.channels.base import Bulletin, Outgoing, Robot, json_bytes, post, robot_answer
from alerts.digest import Digest

FEISHU_BODY_BYTES = 20_000  # Feishu: "请求体的数据大小不能超过 20 KB"


class Feishu(Robot):
    """A card whose header is the subject: blue for a digest, red or green for a bulletin."""

    limit = FEISHU_BODY_BYTES
    dialect = render.FEISHU
    per_minute, per_second = 100, 5

    def measure(self, d: Digest) -> bytes:
        # The signed body carries a 10-digit timestamp and a 44-character signature.
        return json_bytes({"timestamp": "0" * 10, "sign": "0" * 44, **self.body(d)})

    def body(self, d: Digest) -> dict[str, Any]:
        return card(d.subject, render.render_markdown(d, self.dialect, header=False), "blue")

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        colour = "red" if bulletin.alarm else "green"
        return Outgoing(bulletin.ids, key, card(bulletin.subject, bulletin.body, colour))

    def send(self, message: Outgoing) -> None:
        body = dict(message.body)
        if self.channel.secret:
            timestamp = str(int(time.time()))
            body = {"timestamp": timestamp, "sign": feishu_sign(self.channel.secret, timestamp), **body}
        status, answer = post(self.channel.url or "", json_bytes(body), {}, self.channel.timeout)
        robot_answer("Feishu", status, answer, ("code", "StatusCode"))


def card(title: str, content: str, colour: str) -> dict[str, Any]:
    """An interactive card: the title in a header of that colour, the content as markdown."""
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": title}, "template": colour},
            "elements": [{"tag": "markdown", "content": content}],
        },
    }


def feishu_sign(secret: str, timestamp: str) -> str:
    """base64(HMAC-SHA256(key="timestamp\\nsecret", msg=b"")), as Feishu's custom bot documents."""
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()
