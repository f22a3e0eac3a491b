"""Digests of new events, and their delivery to e-mail, webhooks and group robots.

The CLI and the scheduler use ``send_digests`` (and ``enqueue`` when analysis creates events);
the demo uses ``build_digest`` with ``render`` to show what a team would receive.
"""

from __future__ import annotations

from alerts.delivery import DeliveryReport, build_digest, send_digests
from alerts.digest import Digest
from alerts.outbox import enqueue
from alerts.render import FORMATS, format_digest, render_html, render_text

# fmt: off
__all__ = ["FORMATS", "DeliveryReport", "Digest", "build_digest", "enqueue", "format_digest", "render_html",
           "render_text", "send_digests"]
# fmt: on
