"""The next page of a list: pager links in any wording, numbered pagers, URL patterns, pager scripts.

Chinese portals page their lists in many ways: a 下一页 / 下一頁 / Next › link, ``rel="next"``,
a row of page numbers, or no link at all but a script that writes the pager in the browser
(TRS WCM's ``createPageHTML(countPage, currentPage, "index", "html")``, Hanweb and other CMSs
that keep the page count and the URL pattern in variables). The script is read as text; no
browser is needed. A wrong guess costs one request; the spider stops paging on a page that adds
no new article links, so an always-present "next" link or a loop ends there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement

from crawler.links import page_base
from crawler.urls import canonical_url, same_site

# fmt: off
_NEXT_WORDS = frozenset({
    "下一页", "下一頁", "下页", "下頁", "后页", "後頁", "后一页", "後一頁", "下一页面", "下壹页", "下一版",
    "next", "nextpage", "next page", "older", "olderposts", "older posts", "olderentries", "older entries",
})
# fmt: on
_ARROWS = {">": 1, "›": 1, "〉": 1, "→": 1, "⟩": 1, "»": 2, ">>": 2, "»»": 2}
_DECORATION = " \t\r\n<>«»‹›〈〉[]【】()（）→←-_|·.…:："
_NEXT_NAMES = re.compile(r"(?:^|[\s_-])(?:next|nextpage|next-page|page-next|pagenext|pg-next|xyy)(?:$|[\s_-])")
_NUMBER = re.compile(r"^\[?\s*(?:第\s*)?(\d{1,4})\s*(?:页|頁)?\s*\]?$")
_CURRENT_NAMES = re.compile(r"current|active|cur\b|\bon\b|selected|now|this", re.I)
_PAGE_PARAMS = re.compile(
    r"^(?:page|p|pn|pg|pno|pageno|page_no|pagenum|pagenumber|pageindex|page_index|curpage|cur_page|currpage|"
    r"currentpage|paged|pagenow|start|offset)$",
    re.I,
)
_SEGMENT = re.compile(r"^(?P<stem>[A-Za-z][\w]*?)(?:[_-](?P<n>\d{1,4}))?(?P<ext>\.\w{2,6})?$")
_PAGE_DIR = re.compile(r"^(?P<head>.*?/)(?:page|p)/(?P<n>\d{1,4})/?$")
_TRS_CALL = re.compile(r"createPageHTML\s*\(([^()]{1,300})\)")
_NUM_VAR = re.compile(
    r"""(?<![\w.$])(?:var\s+|let\s+|const\s+)?["']?([A-Za-z_$][\w$]*)["']?\s*[:=]\s*["']?(\d{1,6})["']?(?![\w.])"""
)
_COUNT_NAMES = re.compile(
    r"^(?:count_?page|page_?count|total_?pages?|pages?_?total|total_?page_?num|"
    r"page_?num_?total|max_?page|page_?size_?count|_?n_?page_?count)s?$",
    re.I,
)
_CURRENT_VAR_NAMES = re.compile(
    r"^(?:curr?(?:ent)?_?page(?:_?no|_?index)?|page_?index|now_?page|page_?no|"
    r"cur_?index|_?n_?curr_?index)$",
    re.I,
)
_STRING_VAR = re.compile(r"""(?<![\w.$])([A-Za-z_$][\w$]*)\s*[:=]\s*(["'])([^"'<>\s]{1,200})\2""")
_TERM = r"""(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|\([^()\n]{1,40}\)|[A-Za-z_$][\w$]*)"""
_CHAIN = re.compile(rf"{_TERM}(?:\s*\+\s*{_TERM})+")
_PIECE = re.compile(r""""([^"\n]*)"|'([^'\n]*)'|(\([^()\n]*\))|([A-Za-z_$][\w$]*)""")
_NOT_URL = re.compile(r"""["'<>\s]""")


def next_page(
    tree: HtmlElement, page_url: str, html: str = "", *, next_selector: str | None = None, page_no: int = 1
) -> str | None:
    """The URL of the list's next page, or None.

    ``page_no`` is how many list pages of this list were read so far, counting this one: it
    tells a numbered pager where it stands when the page does not mark its own number.
    """
    base = page_base(tree, page_url)
    own = canonical_url(page_url) or page_url
    if next_selector:
        candidates = _selected(tree, next_selector)
    else:
        labelled = _labelled(tree)
        candidates = [
            *_rel_next(tree),
            *(href for rank, href in labelled if rank <= 1),
            *_script_pager(html, own, page_no),
            *_numbered(tree, page_no),
            *_url_pattern(tree, base, own),
            *(href for rank, href in labelled if rank > 1),
        ]
    for href in candidates:
        url = canonical_url(href, base)
        if url and url != own and same_site(url, own):
            return url
    return None


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", unescape(text or "")).strip()


def _selected(tree: HtmlElement, selector: str) -> list[str]:
    try:
        matches = CSSSelector(selector)(tree)
    except (SelectorError, SyntaxError):
        return []
    out = []
    for element in matches:
        anchor = element if element.tag == "a" else element.find(".//a")
        if anchor is None:
            anchor = next(iter(element.iterancestors("a")), None)
        if anchor is not None:
            out.append(anchor.get("href") or "")
    return out


def _rel_next(tree: HtmlElement) -> list[str]:
    return [e.get("href") or "" for e in tree.iter("link", "a") if "next" in (e.get("rel") or "").lower().split()]


def _label_rank(text: str) -> int | None:
    """0 for a worded next-page label (下一頁 », Next ›), 1–2 for a bare arrow, None otherwise."""
    raw = re.sub(r"\s+", "", text).lower()
    if not raw or len(raw) > 24:
        return None
    core = _squash(text).lower().strip(_DECORATION)
    if core in _NEXT_WORDS or core.replace(" ", "") in _NEXT_WORDS:
        return 0
    return _ARROWS.get(raw) if not core else None


def _labelled(tree: HtmlElement) -> list[tuple[int, str]]:
    """Links labelled as the next page, by text, title, image alt text or class name."""
    found: list[tuple[int, str]] = []
    for anchor in tree.iter("a"):
        href = anchor.get("href") or ""
        rank = _label_rank(anchor.text_content())
        if rank is None:
            image = anchor.find(".//img")
            label = anchor.get("title") or anchor.get("aria-label") or (image.get("alt") if image is not None else "")
            rank = 0 if _label_rank(label or "") == 0 else None
        if rank is None and _NEXT_NAMES.search(f"{anchor.get('class') or ''} {anchor.get('id') or ''}".lower()):
            rank = 1
        if rank is not None:
            found.append((rank, href))
    return sorted(found, key=lambda pair: pair[0])


def _numbered(tree: HtmlElement, page_no: int) -> list[str]:
    """In a row of page numbers, the link to the number after the current one."""
    numbers: dict[int, str] = {}
    current: int | None = None
    for anchor in tree.iter("a"):
        match = _NUMBER.match(_squash(anchor.text_content()))
        if not match:
            continue
        number, href = int(match[1]), anchor.get("href") or ""
        if (
            _CURRENT_NAMES.search(f"{anchor.get('class') or ''} {anchor.get('id') or ''}")
            or not href
            or href.startswith(("#", "javascript:"))
        ):
            current = current or number
            continue
        numbers.setdefault(number, href)
        parent = anchor.getparent()
        if current is None and parent is not None:
            current = _unlinked_number(parent)
    if len(numbers) < 1:
        return []
    target = (current if current is not None else page_no) + 1
    return [numbers[target]] if target in numbers else []


def _unlinked_number(container: HtmlElement) -> int | None:
    """The page number a pager shows without a link: the page being read."""
    for element in container.iter("span", "strong", "b", "em", "font", "li", "td"):
        if element.find(".//a") is not None:
            continue
        match = _NUMBER.match(_squash(element.text_content()))
        if match:
            return int(match[1])
    match = _NUMBER.match(_squash(container.text or ""))
    return int(match[1]) if match else None


def _page_key(url: str) -> tuple[tuple[str, ...], int | None] | None:
    """A URL split into the part that names the list and its page number (None on the first page)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    paged = [(i, value) for i, (name, value) in enumerate(query) if _PAGE_PARAMS.match(name) and value.isdigit()]
    if paged:
        index, value = paged[0]
        rest = tuple(f"{n}={v}" for i, (n, v) in enumerate(query) if i != index)
        return ("q", parts.netloc, parts.path, query[index][0].lower(), *rest), int(value)
    directory = _PAGE_DIR.match(parts.path)
    if directory:
        return ("d", parts.netloc, directory["head"], parts.query), int(directory["n"])
    head, _, last = parts.path.rpartition("/")
    segment = _SEGMENT.match(last)
    if segment:
        number = int(segment["n"]) if segment["n"] else None
        return ("s", parts.netloc, head, segment["stem"], segment["ext"] or "", parts.query), number
    return None


def _first_page_keys(url: str) -> list[tuple[str, ...]]:
    """The keys a first page without a page number shares with its later pages."""
    parts = urlsplit(url)
    query = tuple(f"{n}={v}" for n, v in parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    keys: list[tuple[str, ...]] = [("d", parts.netloc, path, parts.query)]
    keys += [
        ("q", parts.netloc, parts.path, name, *query)
        for name in ("page", "p", "pn", "pg", "pageno", "pageindex", "paged", "start", "offset")
    ]
    return keys


def _url_pattern(tree: HtmlElement, base: str, own: str) -> list[str]:
    """A link to the same list with the next higher page number (``index_2.html``, ``?page=3``)."""
    own_key = _page_key(own)
    keys = {own_key[0]} if own_key else set()
    if own_key is None or own_key[1] is None:
        keys.update(_first_page_keys(own))
    current = own_key[1] if own_key and own_key[1] is not None else None
    best: tuple[int, str] | None = None
    for anchor in tree.iter("a"):
        url = canonical_url(anchor.get("href") or "", base)
        key = _page_key(url) if url else None
        if not url or not key or key[1] is None or key[0] not in keys:
            continue
        if (current is None or key[1] > current) and (best is None or key[1] < best[0]):
            best = (key[1], url)
    return [best[1]] if best else []


def _script_pager(html: str, own: str, page_no: int) -> list[str]:
    """The next page a pager script would write, from its page count, current page and URL pattern."""
    if not html or "<script" not in html.lower():
        return []
    numbers = {name: int(value) for name, value in _NUM_VAR.findall(html)}
    for call in _TRS_CALL.finditer(html):
        args = [a.strip() for a in call[1].split(",")]
        values = [_value(a, numbers) for a in args]
        strings = [a.strip("'\"") for a in args if a[:1] in "'\"" and a[-1:] in "'\""]
        ints = [v for v in values if v is not None]
        if len(ints) >= 2 and len(strings) >= 2 and re.fullmatch(r"\w+", strings[-1] or ""):
            trs_count, trs_current = ints[0], ints[1]
            name, ext = strings[-2], strings[-1]
            # TRS counts pages from 0: page k (k >= 1) is name_k.ext, the first is name.ext.
            return [f"{name}_{trs_current + 1}.{ext}"] if trs_current + 1 < trs_count else []
    count = next((v for k, v in numbers.items() if _COUNT_NAMES.match(k)), None)
    if count is None or count < 2:
        return []
    current = next((v for k, v in numbers.items() if _CURRENT_VAR_NAMES.match(k)), None)
    pattern = _url_pattern_in_script(_script_text(html))
    if pattern is None:
        return []
    prefix, suffix = pattern
    own_number = _number_in(own, prefix, suffix)
    if current is None:
        current = own_number if own_number is not None else page_no
        zero_based = False
    else:
        zero_based = current == page_no - 1 or own_number == current + 1
    last = count - 1 if zero_based else count
    return [f"{prefix}{current + 1}{suffix}"] if current + 1 <= last else []


def _value(arg: str, numbers: dict[str, int]) -> int | None:
    if arg.isdigit():
        return int(arg)
    return numbers.get(arg)


def _script_text(html: str) -> str:
    return " ".join(re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S | re.I))


def _url_pattern_in_script(script: str) -> tuple[str, str] | None:
    """The text before and after the page number in a URL the script builds by concatenation.

    ``"index_" + n + ".html"``, ``pageName + "_" + index + pageExt`` with string variables, or
    ``"<a href='" + pageUrl + (currentPage + 1) + "'>"``: the pieces around the one number that
    read as URL text, cut at quotes and markup.
    """
    strings = {name: value for name, _, value in _STRING_VAR.findall(script)}
    for chain in _CHAIN.finditer(script):
        pieces: list[str | None] = []  # text, or None for the number
        for match in _PIECE.finditer(chain[0]):
            literal = match[1] if match[1] is not None else match[2]
            if literal is None and match[4] is not None:
                literal = strings.get(match[4])
            pieces.append(literal)
        if pieces.count(None) != 1:
            continue
        at = pieces.index(None)
        prefix = _joined(reversed(pieces[:at]), from_end=True)
        suffix = _joined(pieces[at + 1 :], from_end=False)
        if re.search(r"[A-Za-z][^/]*[_=/-]$", prefix) and re.match(r"^(?:$|[./&])", suffix):
            return prefix, suffix
    return None


def _joined(pieces: Iterable[str | None], *, from_end: bool) -> str:
    """Adjacent text pieces joined while they read as URL text; cut at the first quote or tag."""
    out: list[str] = []
    for piece in pieces:
        cut = _NOT_URL.split(piece or "")
        part = cut[-1] if from_end else cut[0]
        out.append(part)
        if len(cut) > 1:
            break
    return "".join(reversed(out)) if from_end else "".join(out)


def _number_in(url: str, prefix: str, suffix: str) -> int | None:
    tail = prefix.rsplit("/", 1)[-1]
    match = re.search(re.escape(tail) + r"(\d{1,4})" + re.escape(suffix) + r"(?:$|[?#])", url)
    return int(match[1]) if match else None
