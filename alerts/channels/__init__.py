"""The channels: e-mail, signed webhooks, the DingTalk / WeCom / Feishu group robots, and apprise.

Each sender turns a digest into one or more complete messages (split to the service's size
limit), or a bulletin (a health notice) into one, and sends one; ``send`` returns only when the
service accepted it and raises DeliveryError otherwise. The robots answer HTTP 200 even on
errors, so their JSON code decides. Errors never carry the channel URL: its query or path holds
the robot's token. One module per kind; ``base`` holds what they share.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable

from alerts.channels.base import Bulletin, KeyFor, Outgoing, Sender
from alerts.channels.dingtalk import DingTalk
from alerts.channels.email import Email
from alerts.channels.feishu import Feishu
from alerts.channels.webhook import Webhook
from alerts.channels.wecom import WeCom
from config import Channel

__all__ = ["Bulletin", "KeyFor", "Outgoing", "Pacer", "Sender", "sender_for"]

SENDERS: dict[str, Callable[[Channel], Sender]] = {
    "email": Email,
    "webhook": Webhook,
    "dingtalk": DingTalk,
    "wecom": WeCom,
    "feishu": Feishu,
}


def sender_for(channel: Channel) -> Sender:
    """The sender for a channel's kind (apprise is imported only when a channel uses it: it is slow to load)."""
    if channel.kind == "apprise":
        from alerts.channels.apprise import AppriseSender

        return AppriseSender(channel)
    return SENDERS[channel.kind](channel)


class Pacer:
    """Keeps messages under a service's rate limits (DingTalk, WeCom: 20/min; Feishu: 5/s)."""

    def __init__(self, per_minute: int, per_second: int = 0) -> None:
        self.budget = max(1, per_minute - 2) if per_minute else 0
        self.interval = 1.2 / per_second if per_second else 0.0
        self.sent: collections.deque[float] = collections.deque()

    def wait(self) -> None:
        if self.interval and self.sent:
            time.sleep(max(0.0, self.interval - (time.monotonic() - self.sent[-1])))
        if self.budget:
            while self.sent and time.monotonic() - self.sent[0] >= 60:
                self.sent.popleft()
            if len(self.sent) >= self.budget:
                time.sleep(max(0.0, 60 - (time.monotonic() - self.sent[0])))
                self.sent.popleft()
        self.sent.append(time.monotonic())
