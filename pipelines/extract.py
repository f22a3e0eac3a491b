"""Title, body and publish date of a news page: trafilatura plus what Chinese portals need.

The only module that imports trafilatura. trafilatura and a punctuation-density finder
(``density.py``) each propose the main text and ``choose_body`` settles between them, with
trafilatura's text kept when the pick turns out not to hold the article once page furniture is
trimmed (``boilerplate.py``); around it we pick a title without the site-name suffix and find the
date where Chinese pages write it.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from copy import copy
from dataclasses import dataclass

import htmldate
import numpy as np
import trafilatura
from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HtmlProcessingInstruction,
    document_fromstring,
    fromstring,
)
from trafilatura.settings import Document, Extractor
from trafilatura.utils import repair_faulty_html

from errors import Skip
from pipelines import dates, jsonld, wechat
from pipelines.boilerplate import (
    MIN_BODY_CHARS,
    reads_as_article,
    squash,
    trim_boilerplate,
)
from pipelines.density import main_block
from pipelines.normalize import clean_text, detect_lang

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# fmt: off
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"}
# fmt: on
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "select")
# Visible text nodes, as plain strings rather than lxml's "smart" ones that each keep their element.
# Script and style hold raw text, so their text is always a direct child; only ``<noscript>`` holds
# markup, and only pages that have one pay for the costlier ancestor test.
_TEXT_XPATH = etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)
_TEXT_XPATH_NOSCRIPT = etree.XPath(
    "//body//text()[not(parent::script or parent::style or ancestor::noscript)]", smart_strings=False
)

# Title separators between headline and site / column names: "标题_黄埔区人民政府", "标题 - 新华网".
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜│¦«»]|——|--|\s[-–—·:]\s|－|-(?=[^\d\s-]{2,12}$))\s*")
_TITLE_META = ("og:title", "twitter:title", "articletitle", "title", "headline", "dc.title")
_TABLE_RULE = re.compile(r"^[|\s:-]+$")

# Bounds no news page comes near (the largest of 400 real portal and media pages has 8,000
# elements and a 1.3 MB document) but generated or hostile markup does. Past them extraction time
# grows without limit, so such a page is refused or cut before the costly steps, never parsed whole.
MAX_ELEMENTS = 20_000
MAX_TAG_CHARS = 20_000  # a longer start tag keeps only its name: libxml2 checks attributes pairwise
MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 100_000  # characters of body text kept; the rest is cut
_PARAGRAPH_CHARS = 80  # median line of an article's paragraphs, at least; comments and teasers are shorter
# Possessive quantifiers keep this linear on any input (no backtracking into a run of characters).
_OVERLONG_TAG = re.compile(rf"<([A-Za-z][\w:-]*+)[^<>]{{{MAX_TAG_CHARS},}}+>")


@dataclass(frozen=True)
class Extracted:
    """What extraction found in one page; published_at is ISO 8601 with offset."""

    title: str
    body: str
    published_at: str | None
    lang: str
    body_cut: bool = False  # the text was longer than MAX_BODY_CHARS and the rest was dropped


def _text(element: HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _parser(**options: bool | str) -> etree.HTMLParser:
    """An HTML parser whose elements are ``HtmlElement``s looked up in C: lxml.html's own lookup is
    a Python call for every element proxy, thousands per page across trafilatura and our walks."""
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


# trafilatura's own parser options (trafilatura.utils.HTML_PARSER); lxml.html's for the fallback.
_PARSER = _parser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_LENIENT_PARSER = _parser()


def _checked(tree: HtmlElement | None, parser: etree.HTMLParser) -> HtmlElement | None:
    """The tree, unless libxml2 stopped at one of its limits and dropped the rest of the page."""
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            what = error.message.split(",")[0].strip()  # without libxml2's advice to use XML_PARSE_HUGE
            if "depth" in what:
                raise Skip(f"markup nested too deeply to parse ({what})")
            raise Skip(f"page beyond the HTML parser's limits ({what})")
    return tree


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return _checked(fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER), _PARSER)
    except (etree.LxmlError, ValueError):
        return None


def parse(html: str) -> HtmlElement | None:
    """Parse once as trafilatura's lenient loader does (its repairs for broken and XML-declared
    pages, a retry from bytes); lxml directly for the documents that loader rejects as not quite
    HTML. A page deeper or larger than libxml2 can parse is a ``Skip`` naming that limit."""
    html = _OVERLONG_TAG.sub(r"<\1>", html)
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree, from_bytes = None, False
    try:
        tree = _checked(fromstring(html, parser=_PARSER), _PARSER)
    except ValueError:  # a str with an encoding declaration: lxml wants bytes then
        tree, from_bytes = _from_bytes(html), True
    except etree.LxmlError:
        pass
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        tree = None  # trafilatura's test for a fragment or a non-HTML document
    if tree is None and html.strip():
        try:
            tree = _checked(
                document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html), parser=_LENIENT_PARSER), _LENIENT_PARSER
            )
        except (etree.ParserError, ValueError):
            return None
    return tree


def _title_candidates(tree: HtmlElement, hint: str | None) -> list[str]:
    """Headline candidates, most specific first: CMS title metas, ``<h1>``, social metas, hint, ``<h2>``."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _TITLE_META and meta.get("content") and key not in metas:
            metas[key] = meta.get("content").strip()
    found = [metas[k] for k in ("articletitle", "headline") if k in metas]
    found += [_text(h) for h in tree.iter("h1")]
    found += [metas[k] for k in ("og:title", "twitter:title", "dc.title", "title") if k in metas]
    if hint:
        found.append(hint.strip())
    found += [_text(h) for h, _ in zip(tree.iter("h2"), range(5), strict=False)]
    return [c for c in found if 2 <= len(c) <= 200]


def choose_title(tree: HtmlElement, hint: str | None = None) -> str:
    """The headline: the candidate that ``<title>`` starts with or mostly is, else ``<title>`` minus its site name.

    Site names sit at the end of ``<title>`` (``标题_黄埔区人民政府``) and often in a logo ``<h1>``, so a
    candidate that only matches the last segment is a site name, not a headline.
    """
    head = tree.find(".//title")
    page_title = re.sub(r"\s+", " ", head.text_content()).strip() if head is not None else ""
    candidates = _title_candidates(tree, hint)
    whole = squash(page_title)
    if not whole:
        return next((c for c in candidates if len(squash(c)) >= 4), candidates[0] if candidates else "")
    segments = [s.strip() for s in _TITLE_SPLIT.split(page_title) if s.strip()] or [page_title]
    last = squash(segments[-1]) if len(segments) > 1 else ""
    for candidate in candidates:
        key = squash(candidate)
        if len(key) < 4 or key == last or (key == whole and len(segments) > 1):
            continue
        position = whole.find(key)
        if position == 0 or (position > 0 and len(key) >= 8):
            return candidate
        if any(_similar(candidate, s) or (len(squash(s)) >= 6 and squash(s) in key) for s in segments):
            return candidate
    first = segments[0]
    if len(squash(first)) >= 5 or len(segments) == 1:
        return first
    return max(segments[:-1] or segments, key=lambda s: len(squash(s)))


def _similar(a: str, b: str) -> bool:
    """Headline and title segment overlap on most character bigrams (one of them truncated or edited)."""
    x, y = squash(a), squash(b)
    if len(x) < 4 or len(y) < 4:
        return False
    bx = {x[i : i + 2] for i in range(len(x) - 1)}
    by = {y[i : i + 2] for i in range(len(y) - 1)}
    return len(bx & by) >= 0.7 * min(len(bx), len(by))


def _locate(text: str, snippet: str, start: int = 0, limit: int = 12) -> tuple[int, int] | None:
    """Where ``snippet``'s first characters occur in ``text`` from ``start`` on, whitespace between
    them ignored: the span. A scan, not a regex: compiling one per snippet cost more than searching."""
    chars = [ch for ch in snippet if not ch.isspace()][:limit]
    if len(chars) < 4:
        return None
    first, rest, size = chars[0], chars[1:], len(text)
    begin = text.find(first, start)
    while begin >= 0:
        at = begin + 1
        for ch in rest:
            while at < size and text[at].isspace():
                at += 1
            if at == size or text[at] != ch:
                break
            at += 1
        else:
            return begin, at
        begin = text.find(first, begin + 1)
    return None


def date_context(tree: HtmlElement, title: str, body: str) -> tuple[str, str, str]:
    """Page text from the headline on, and just before and just after the body: the places a
    publish date is written (``发布时间：…`` under the headline, ``发表于 …`` after a post)."""
    visible = _TEXT_XPATH_NOSCRIPT if tree.find(".//noscript") is not None else _TEXT_XPATH
    text = " ".join(filter(None, map(str.strip, visible(tree))))
    headline = _locate(text, title)
    near_title = text[headline[0] : headline[0] + 1500] if headline else ""
    lines = [line for line in body.split("\n") if len(line) >= 8]
    opening = _locate(text, lines[0]) if lines else None
    if opening is None:
        return near_title, "", ""
    closing = _locate(text, lines[-1][-12:], opening[0])
    after = text[closing[1] : closing[1] + 120] if closing else ""
    return near_title, text[max(0, opening[0] - 120) : opening[0]], after


def _block_text(element: HtmlElement) -> str:
    """Text of a selected element, one line per block element (for ``content_selector``)."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in _INVISIBLE_TAGS:
            return
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(element)
    return clean_text("".join(parts))


def _selected_body(tree: HtmlElement, selector: str) -> str:
    """Text of the elements a source's ``content_selector`` picks; a broken selector is the page's failure."""
    try:
        matches = CSSSelector(selector)(tree)
    except SelectorError as error:
        raise Skip(f"content_selector {selector!r} is not valid CSS: {error}") from error
    return "\n".join(_block_text(m) for m in matches)


# trafilatura in fast mode, favouring recall: its fallbacks cost ~2× and its precision pass ~40%
# more, and the density check below does the work of both. Built once: its constructor reads its
# config file's settings, ~0.15 ms a page.
_TRAFILATURA = Extractor(output_format="python", fast=True, recall=True, comments=False, tables=True)


def _trafilatura_body(tree: HtmlElement, url: str) -> str:
    """trafilatura's main text of the page (its own copy of ``tree``: ours is not changed)."""
    options = copy(_TRAFILATURA)
    options.url = options.source = url or None  # per page, as trafilatura's command line does
    document = trafilatura.bare_extraction(tree, options=options)
    # A Document, or None; typed to allow the dict of the deprecated as_dict=True.
    return document.text if isinstance(document, Document) and document.text else ""


def _bigram_keys(text: str) -> np.ndarray:
    """The character bigrams of ``text`` without whitespace, each as one integer (two code points)."""
    points = np.frombuffer("".join(text.split()).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    points = points.astype(np.uint64)
    return (points[:-1] << np.uint64(21)) | points[1:]


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """How many bigrams two texts share, counting a repeated bigram as often as both have it."""
    a_keys, a_counts = np.unique(a, return_counts=True)
    b_keys, b_counts = np.unique(b, return_counts=True)
    _, in_a, in_b = np.intersect1d(a_keys, b_keys, assume_unique=True, return_indices=True)
    return int(np.minimum(a_counts[in_a], b_counts[in_b]).sum())


def _held(a: str, b: str) -> tuple[float, float]:
    """The share of ``a``'s bigrams that ``b`` holds, and of ``b``'s that ``a`` holds."""
    a_keys, b_keys = _bigram_keys(a), _bigram_keys(b)
    shared = _shared(a_keys, b_keys)
    return shared / len(a_keys) if len(a_keys) else 0.0, shared / len(b_keys) if len(b_keys) else 0.0


def choose_body(from_trafilatura: str, from_density: str) -> str:
    """Pick between the two extractions: when one holds the other, the shorter wins (the extra is
    teasers, comments or menus); otherwise the density block for Chinese, trafilatura for the rest.
    """
    if not from_density or not from_trafilatura:
        return from_density or from_trafilatura
    d_in_t, t_in_d = _held(from_density, from_trafilatura)
    if d_in_t >= 0.8 > t_in_d:
        return from_density
    if t_in_d >= 0.8 > d_in_t:
        return from_trafilatura
    return from_trafilatura if detect_lang(from_density[:2000]) == "en" else from_density


def _untable(text: str) -> str:
    """trafilatura renders layout tables as ``| a | b |`` rows; keep the cells, drop the grid."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") or stripped.endswith("|"):
            if _TABLE_RULE.match(stripped):
                continue
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped)]
            stripped = " ".join(c.replace("\\|", "|") for c in cells if c)
        lines.append(stripped)
    return "\n".join(lines)


def _tidy(body: str, title: str, cut: set[str]) -> str:
    """The body as stored: cut to size, whitespace cleaned, furniture lines trimmed. A body that
    was cut is added to ``cut``, so the caller can tell whichever candidate it keeps."""
    tidy = trim_boilerplate(clean_text(_cut(body, MAX_BODY_CHARS)), title)
    if len(body) > MAX_BODY_CHARS:
        cut.add(tidy)
    return tidy


def _found_body(tree: HtmlElement, url: str, title: str, cut: set[str]) -> str:
    """``choose_body``'s pick, trimmed; trafilatura's text instead when the pick lost the article
    and trafilatura's reads as one: nothing or less than an item left after trimming (a footer
    chosen, then trimmed away), or under half of trafilatura's and either from elsewhere on the
    page or missing paragraphs that trafilatura has (an article split over sibling blocks)."""
    from_trafilatura = _untable(_trafilatura_body(tree, url))
    from_density = main_block(tree)
    chosen = choose_body(from_trafilatura, from_density)
    body = _tidy(chosen, title, cut)
    if not from_density:  # no prose block on the page: trafilatura's text stands alone
        return body if reads_as_article(body, detect_lang(body[:2000])) else ""
    if chosen == from_trafilatura or (
        2 * len(body) >= len(from_trafilatura) and len(body) >= max(MIN_BODY_CHARS.values())
    ):
        return body  # trimming only shortens trafilatura's text: the pick cannot have lost
    alternative = _tidy(from_trafilatura, title, cut)
    lang = detect_lang(alternative[:2000])
    lost = len(body) < MIN_BODY_CHARS[lang] or (
        2 * len(body) < len(alternative)
        and (_held(body, alternative)[0] < 0.8 or _paragraphs_beyond(body, alternative, lang))
    )
    return alternative if lost and reads_as_article(alternative, lang) else body


def _paragraphs_beyond(body: str, alternative: str, lang: str) -> bool:
    """The lines of ``alternative`` that ``body`` lacks are article paragraphs (most of them long
    prose), not comments, teasers or link lists, whose lines are short."""
    have = set(body.split("\n"))
    extra = [line for line in alternative.split("\n") if line not in have]
    return (
        bool(extra)
        and statistics.median(map(len, extra)) >= _PARAGRAPH_CHARS
        and reads_as_article("\n".join(extra), lang)
    )


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending at a line break when one is near the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    line_end = head.rfind("\n", limit - 5000)
    return head[:line_end] if line_end > 0 else head


def _htmldate(tree: HtmlElement, url: str) -> str | None:
    """htmldate (trafilatura's date finder) as the last resort, without its slow dateparser search."""
    found = htmldate.find_date(
        tree, extensive_search=False, original_date=True, url=url or None, outputformat="%Y-%m-%d %H:%M:%S"
    )
    if not found or found.endswith("-01-01 00:00:00"):
        return None  # a bare year (often the copyright line) comes back as 1 January
    return dates.normalise_date(found)


def extract(
    html: str,
    url: str,
    *,
    content_selector: str | None = None,
    hint_title: str | None = None,
    hint_published: str | None = None,
) -> Extracted:
    """Extract one page; an empty body means no article was found (the caller decides to skip)."""
    tree = parse(html)
    if tree is None:
        return Extracted("", "", dates.normalise_date(hint_published or ""), "zh-hans")
    if sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        raise Skip(f"page too complex to be an article (over {MAX_ELEMENTS} elements)")
    account = wechat.read(tree)  # a WeChat article keeps its body in #js_content, its facts in script
    if account is not None:
        content_selector, hint_title = content_selector or wechat.BODY_SELECTOR, account.title or hint_title
    headline = account.title if account is not None and account.title else choose_title(tree, hint_title)
    title = clean_text(headline).replace("\n", " ")[:MAX_TITLE_CHARS].strip()
    body = _selected_body(tree, content_selector) if content_selector else ""
    cut: set[str] = set()
    body = _tidy(body, title, cut) if body else _found_body(tree, url, title, cut)
    if not content_selector and len(body) < MIN_BODY_CHARS[detect_lang(title + "\n" + body)]:
        declared = jsonld.article_body(tree)  # the page shows a teaser or a caption; its data holds the text
        if len(declared) > 2 * len(body):
            body = _tidy(declared, title, cut)
    near_title, before, after = date_context(tree, title, body)
    published = (account.published if account is not None else None) or dates.find_date(
        tree, near_title, before, after, url, hint=hint_published
    )
    published = published or _htmldate(tree, url)
    lang = detect_lang(title + "\n" + body)
    return Extracted(title=title, body=body, published_at=published, lang=lang, body_cut=body in cut)
