"""The main text block of a page by punctuation density: a second opinion beside trafilatura.

Chinese article text is dense in sentence punctuation (，。！？), while menus, link lists and
teaser grids are not; the block whose paragraphs carry the most punctuation, with few links,
is the article. Used to check trafilatura's choice and to stand in when it finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

_SKIP = {"script", "style", "noscript", "template", "iframe", "select", "option", "textarea",
         "button", "input", "svg", "head", "title", "meta", "link", "object", "embed", "canvas",
         "video", "audio", "map", "nav", "footer", "aside"}
_INLINE = {"a", "span", "strong", "b", "em", "i", "u", "font", "sub", "sup", "br", "img", "small",
           "big", "label", "abbr", "cite", "code", "mark", "q", "s", "strike", "time", "wbr", "tt"}
_PUNCT = re.compile(r"[，。！？；：、“”…,.!?;:]")
_SPACE = re.compile(r"\s+")
_SHARES = (1.0, 1.0, 0.5, 0.25)  # a paragraph's weight for itself, parent, grandparent, great-grandparent


@dataclass
class _Block:
    """Direct text of one block element (its inline descendants included, nested blocks not)."""

    element: HtmlElement
    parts: list[str] = field(default_factory=list)
    text: int = 0
    link: int = 0
    punct: int = 0


@dataclass
class _Totals:
    """Text and link characters in an element's subtree, its score, and the blocks it spans."""

    text: int = 0
    link: int = 0
    score: float = 0.0
    first: int = 0
    last: int = 0


class _Walker:
    """One recursive pass collecting blocks in document order and per-element subtree totals."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.totals: dict[HtmlElement, _Totals] = {}

    def walk(self, element: HtmlElement, block: _Block, in_link: bool, depth: int) -> tuple[int, int]:
        """Collect ``element``'s subtree (not its tail); return its (text, link) character counts."""
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP or depth > 200:
            return 0, 0
        own = block
        if tag not in _INLINE:
            own = _Block(element)
            self.blocks.append(own)
        elif tag == "br":
            block.parts.append("\n")
        entry = _Totals(first=len(self.blocks) - 1 if own is not block else len(self.blocks))
        link = in_link or tag == "a"
        text_chars, link_chars = self._add(own, element.text, link)
        for child in element:
            sub_text, sub_link = self.walk(child, own, link, depth + 1)
            tail_text, tail_link = self._add(own, child.tail, link)
            text_chars += sub_text + tail_text
            link_chars += sub_link + tail_link
        entry.text, entry.link, entry.last = text_chars, link_chars, len(self.blocks) - 1
        self.totals[element] = entry
        return text_chars, link_chars

    @staticmethod
    def _add(block: _Block, text: str | None, in_link: bool) -> tuple[int, int]:
        if not text:
            return 0, 0
        block.parts.append(text)
        chars = len(_SPACE.sub("", text))
        if in_link:
            block.link += chars
            return 0, chars
        block.text += chars
        block.punct += len(_PUNCT.findall(text))
        return chars, 0


def main_block(root: HtmlElement) -> str:
    """Text of the densest block (one line per paragraph); empty when nothing reads as prose."""
    body = root.find(".//body")
    start = body if body is not None else root
    walker = _Walker()
    walker.walk(start, _Block(start), False, 0)
    totals = walker.totals
    for block in walker.blocks:
        if block.text < 10 or block.link > block.text:
            continue
        weight = 1 + block.punct + min(block.text / 100, 3)
        element = block.element
        for share in _SHARES:
            if element is None:
                break
            entry = totals.get(element)
            if entry is not None:
                entry.score += weight * share
            element = element.getparent()
    if not totals:
        return ""

    def adjusted(element: HtmlElement) -> float:
        entry = totals[element]
        return entry.score * (1 - entry.link / max(entry.text + entry.link, 1))

    best = totals[max(totals, key=adjusted)]
    if best.score < 5:
        return ""
    lines = []
    for block in walker.blocks[max(best.first, 0):best.last + 1]:
        if block.text == 0 or (block.link > block.text and block.punct < 2):
            continue
        lines.extend(line.strip() for line in "".join(block.parts).split("\n") if line.strip())
    return "\n".join(lines)
