"""The main text block of a page by punctuation density: a second opinion beside trafilatura.

Chinese article text is dense in sentence punctuation (，。！？), while menus, link lists and
teaser grids are not; the block whose paragraphs carry the most punctuation, with few links,
is the article. Site notices (copyright, ICP licence, site owner) are punctuated like prose but
are not the article: they carry no weight, and a block that is a third notices is a footer, none
of whose lines do — else a long footer outweighs a two-paragraph item. Used to check trafilatura's
choice and to stand in when it finds nothing.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from pipelines.boilerplate import is_notice

# fmt: off
_SKIP = {"script", "style", "noscript", "template", "iframe", "select", "option", "textarea",
         "button", "input", "svg", "head", "title", "meta", "link", "object", "embed", "canvas",
         "video", "audio", "map", "nav", "footer", "aside"}
_INLINE = {"a", "span", "strong", "b", "em", "i", "u", "font", "sub", "sup", "br", "img", "small",
           "big", "label", "abbr", "cite", "code", "mark", "q", "s", "strike", "time", "wbr", "tt"}
# fmt: on
# Sentence punctuation. Colons are left out: label-and-value lines ("地址：… 电话：… 传真：…",
# "发布时间：… 来源：…") are full of them and are footers and info rows, not prose.
_PUNCT = re.compile(r"[，。！？；、“”…,.!?;]")
# The least a block scores to be the article: a one-sentence item of ~50 characters and two commas.
_MIN_SCORE = 4
_SHARES = (1.0, 1.0, 0.5, 0.25)  # a paragraph's weight for itself, parent, grandparent, great-grandparent


# A block: the direct text of one block element (its inline descendants included, nested blocks
# not) as parts, its text and link characters, its sentence punctuation, and the subtree totals of
# that element and its three nearest ancestors, which its weight goes to.
_PARTS, _OWN_TEXT, _OWN_LINK, _OWN_PUNCT, _CHAIN = range(5)
# An element's subtree totals: [text chars, link chars, score, first block, last block, notice
# chars (in its own and its three nearest levels of blocks)]. Blocks and totals are plain lists,
# not objects: the walk makes one per element and is the hot loop of extraction.
_TEXT, _LINK, _SCORE, _FIRST, _LAST, _NOTICE = range(6)
_Block = list[Any]  # [parts, text chars, link chars, punctuation, chain]


class _Walker:
    """One recursive pass collecting blocks in document order and per-element subtree totals.

    Subtree character counts are the difference of running counters between entering and leaving
    an element (its tail is counted later, by its parent), so the walk returns nothing. An
    element's text and its children's tails all go to one block, so they are counted together.
    """

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.totals: list[list[float]] = []  # in post-order, which breaks ties between equal scores
        self.path: list[list[float]] = []
        self.text = self.link = 0

    def walk(self, element: HtmlElement, block: _Block, in_link: bool, depth: int) -> None:
        """Collect ``element``'s subtree (not its tail)."""
        tag = element.tag
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag in _SKIP or depth > 200:
            return
        if tag in _INLINE and not len(element):
            # A link or span without children, four in ten elements of a portal page: it adds
            # its text to the block it is in, and needs no totals (it holds no block to score).
            if tag == "br":
                block[_PARTS].append("\n")
            text = element.text
            if text:
                block[_PARTS].append(text)
                self._count(block, text, in_link or tag == "a")
            return
        path, blocks = self.path, self.blocks
        entry = [self.text, self.link, 0.0, len(blocks), 0, 0]
        path.append(entry)
        if tag in _INLINE:
            own = block
            if tag == "br":
                block[_PARTS].append("\n")
            link = in_link or tag == "a"
        else:
            own = [[], 0, 0, 0, path[-4:]]
            blocks.append(own)
            link = in_link
        parts = own[_PARTS]
        text = element.text
        if text:
            parts.append(text)
        mine = [text] if text else []
        for child in element:
            self.walk(child, own, link, depth + 1)
            text = child.tail
            if text:
                parts.append(text)
                mine.append(text)
        if mine:
            self._count(own, "".join(mine), link)
        entry[_TEXT] = self.text - entry[_TEXT]
        entry[_LINK] = self.link - entry[_LINK]
        entry[_LAST] = len(blocks) - 1
        path.pop()
        self.totals.append(entry)

    def _count(self, block: _Block, text: str, in_link: bool) -> None:
        chars = len("".join(text.split()))
        if not chars:
            return
        if in_link:
            block[_OWN_LINK] += chars
            self.link += chars
        else:
            block[_OWN_TEXT] += chars
            self.text += chars
            block[_OWN_PUNCT] += len(_PUNCT.findall(text))


def _footer(entry: list[float]) -> bool:
    """An element whose text is a third site notices is a footer, whatever else it holds."""
    return entry[_NOTICE] * 3 >= entry[_TEXT] + entry[_LINK]


def main_block(root: HtmlElement) -> str:
    """Text of the densest block (one line per paragraph); empty when nothing reads as prose."""
    body = root.find(".//body")
    start = body if body is not None else root
    walker = _Walker()
    walker.walk(start, [[], 0, 0, 0, []], False, 0)
    prose = [block for block in walker.blocks if block[_OWN_TEXT] >= 10 and block[_OWN_LINK] <= block[_OWN_TEXT]]
    notices = [is_notice("".join(block[_PARTS])) for block in prose]
    for block, notice in zip(prose, notices, strict=False):
        if notice:
            for entry in block[_CHAIN]:
                entry[_NOTICE] += block[_OWN_TEXT]
    for block, notice in zip(prose, notices, strict=False):
        if notice or any(map(_footer, block[_CHAIN])):
            continue  # the footer's other lines (address, browser advice) are not the article either
        weight = 1 + block[_OWN_PUNCT] + min(block[_OWN_TEXT] / 100, 3)
        for share, entry in zip(_SHARES, reversed(block[_CHAIN]), strict=False):
            entry[_SCORE] += weight * share
    # An element with a score holds a prose block, so text > 0 and its adjusted score is > 0.
    scored = [entry for entry in walker.totals if entry[_SCORE]]
    if not scored:
        return ""
    best = max(scored, key=lambda e: e[_SCORE] * (1 - e[_LINK] / max(e[_TEXT] + e[_LINK], 1)))
    if best[_SCORE] < _MIN_SCORE:
        return ""
    lines: list[str] = []
    # The block indexes are ints in a list typed for the float score beside them.
    for block in walker.blocks[int(best[_FIRST]) : int(best[_LAST]) + 1]:
        if block[_OWN_TEXT] == 0 or (block[_OWN_LINK] > block[_OWN_TEXT] and block[_OWN_PUNCT] < 2):
            continue
        lines.extend(line.strip() for line in "".join(block[_PARTS]).split("\n") if line.strip())
    return "\n".join(lines)
