"""Anti-bot challenges: pages that answer a plain request with a script to run instead of news.

Government portals sit behind a few kinds of dynamic protection, each recognisable by what the
first answer carries: 瑞数 (HTTP 412 or 202 with ``$_ts`` in a script), 加速乐 (HTTP 521 and a
``__jsl_clearance`` cookie computed by script), Aliyun WAF (an ``acw_sc__v2`` cookie from
``var arg1=``), and the plain script shell (a page of scripts with no text and no links, built
in the browser). Such a page is never "no article links": it is a challenge, named in the failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCRIPT = re.compile(rb"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_OPEN = re.compile(rb"<script\b", re.IGNORECASE)
_TAG = re.compile(rb"<[^>]+>")
_LINK = re.compile(rb"<a\s[^>]*href", re.IGNORECASE)
SHELL_TEXT = 40  # characters of visible text under which a page of scripts is a shell


@dataclass(frozen=True)
class Challenge:
    """What kind of challenge a page is, and how it answered."""

    style: str  # 瑞数 | 加速乐 | Aliyun WAF | script shell
    status: int

    @property
    def reason(self) -> str:
        """The failure's reason, as the failures table, the summary and health notices show it."""
        return f"blocked by an anti-bot challenge (HTTP {self.status}, {self.style}-style)"


def detect(status: int, body: bytes, set_cookie: bytes = b"") -> Challenge | None:
    """The challenge a response is, or None for an ordinary page (or an ordinary error).

    Runs on every response, so the cheap tests come first: markers are plain byte searches, and
    an ordinary page (a link near its top, or no script at all) is never stripped and measured."""
    head = body[:200_000]
    if b"$_ts" in head and (status in (202, 412) or _is_shell(head)):
        return Challenge("瑞数", status)
    if b"__jsl_clearance" in head + set_cookie and (status == 521 or _is_shell(head)):
        return Challenge("加速乐", status)
    if (b"acw_sc__v2" in head or b"var arg1=" in head) and _is_shell(head):
        return Challenge("Aliyun WAF", status)
    if status == 200 and _SCRIPT_OPEN.search(head) and not _LINK.search(head) and _is_shell(head):
        return Challenge("script shell", status)
    return None


def _is_shell(body: bytes) -> bool:
    """Scripts and nothing to read: no link and hardly any visible text."""
    rest = _SCRIPT.sub(b" ", body)
    if _LINK.search(rest):
        return False
    text = _TAG.sub(b" ", rest)
    text = re.sub(rb"&[a-z#0-9]+;|\s+", b"", text)
    return len(text.decode("utf-8", "ignore")) < SHELL_TEXT
