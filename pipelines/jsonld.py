"""What a page declares about itself in JSON-LD (``<script type="application/ld+json">``).

News sites fill it for search engines: the publish date, and on some pages the whole article
text (``articleBody``) while the visible page holds only a teaser or a photo caption.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from lxml.html import HtmlElement

_TAGS = re.compile(r"<[^>]+>")
_STRING_FIELD = re.compile(r'"(\w+)"\s*:\s*"((?:[^"\\]|\\.)*)"')
_BLANK_LINES = re.compile(r"\s*\n\s*")


def objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD blocks, nested ones included.

    A block that is not valid JSON (templates leave trailing commas and raw newlines) gives one
    flat object of the string fields it holds.
    """
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            stack = [json.loads(script.text)]
        except ValueError:
            yield dict(_STRING_FIELD.findall(script.text))
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


def article_body(tree: HtmlElement) -> str:
    """The longest ``articleBody`` the page declares, as plain text with one paragraph per line."""
    best = ""
    for item in objects(tree):
        body = item.get("articleBody")
        if isinstance(body, str) and len(body) > len(best):
            best = body
    text = unescape(_TAGS.sub("\n", best.replace("\r", "")))
    return _BLANK_LINES.sub("\n", text).strip()
