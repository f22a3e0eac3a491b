"""WeCom group robot: markdown whose content is at most 4096 bytes; the key is in the URL."""

from __future__ import annotations

from typing import Any

from alerts import render
from alerts.channels.base import Bulletin, Outgoing, Robot, json_bytes, post, robot_answer
from alerts.digest import Digest

WECOM_CONTENT_BYTES = 4096  # WeCom: markdown.content at most 4096 bytes, UTF-8


class WeCom(Robot):
    """A digest part or a bulletin as one markdown message (WeCom's limit is on the content alone)."""

    limit = WECOM_CONTENT_BYTES
    dialect = render.WECOM

    def measure(self, d: Digest) -> bytes:
        return render.render_markdown(d, self.dialect).encode("utf-8")

    def body(self, d: Digest) -> dict[str, Any]:
        return markdown(render.render_markdown(d, self.dialect))

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        return Outgoing(bulletin.ids, key, markdown(bulletin.text))

    def send(self, message: Outgoing) -> None:
        status, answer = post(self.channel.url or "", json_bytes(message.body), {}, self.channel.timeout)
        robot_answer("WeCom", status, answer, ("errcode",))


def markdown(content: str) -> dict[str, Any]:
    """WeCom's markdown message: no title, the content is all the chat shows."""
    return {"msgtype": "markdown", "markdown": {"content": content}}
