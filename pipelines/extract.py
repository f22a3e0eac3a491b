"""Title, body and publish date of a news page: trafilatura plus what Chinese portals need.

The only module that imports trafilatura. trafilatura and a punctuation-density finder
(``density.py``) each propose the main text and ``choose_body`` settles between them; around it we
pick a title without the site-name suffix, find the date where Chinese pages write it, and trim
the editor / source / share / copyright lines that stay glued to the start or end of the body.
"""

from __future__ import annotations

import itertools
import logging
import re
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
from trafilatura.utils import repair_faulty_html

from errors import Skip
from pipelines import dates
from pipelines.density import main_block
from pipelines.normalize import clean_text, detect_lang

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"}
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "select")
# Visible text nodes, as plain strings rather than lxml's "smart" ones that each keep their element.
# Script and style hold raw text, so their text is always a direct child; only ``<noscript>`` holds
# markup, and only pages that have one pay for the costlier ancestor test.
_TEXT_XPATH = etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)
_TEXT_XPATH_NOSCRIPT = etree.XPath(
    "//body//text()[not(parent::script or parent::style or ancestor::noscript)]", smart_strings=False)

# Title separators between headline and site / column names: "标题_黄埔区人民政府", "标题 - 新华网".
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜│¦«»]|——|--|\s[-–—·:]\s|－|-(?=[^\d\s-]{2,12}$))\s*")
_TITLE_META = ("og:title", "twitter:title", "articletitle", "title", "headline", "dc.title")
_CHARS = re.compile(r"[\W_]+", re.UNICODE)
_TABLE_RULE = re.compile(r"^[|\s:-]+$")

# Body lines that are page furniture, never article text (matched only on short lines).
_FURNITURE = re.compile(
    r"^(?:[\s【\[(（]*(?:打印|关闭|打印本页|关闭窗口|返回顶部|返回|收藏|纠错|我要纠错|推荐|"
    r"大|中|小|默认|字号|字体)[\s】\])）:：|/]*)+$"
    r"|^[\s【\[]*(?:字号|字体)[:：].*$"
    r"|^[\s【\[]*分享(?:到|至)?[:：]?\s*(?:微信|微博|QQ|朋友圈|空间|豆瓣|\s|$).*$"
    r"|^(?:扫一扫|扫描二维码|微信扫一扫|用微信扫描).*$"
    r"|^(?:上一篇|下一篇|上一条|下一条)[:：].*$"
    r"|^(?:分享让更多人看到|正在加载.*|加载中.*|点击加载更多|展开全文|收起|阅读全文)$"
    r"|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$|^.{0,12}(?:上一页|下一页).{0,12}$"
    r"|^[\s\W_]+$"
    r"|^(?:Advertisement|ADVERTISEMENT|Share this article|Share\b.{0,20})$")
# Headings that start the related-news block after an article: everything after them goes.
_SECTION_END = re.compile(
    r"^[\s【\[]*(?:相关新闻|相关阅读|相关链接|相关文章|相关报道|相关稿件|延伸阅读|推荐阅读|热点推荐|"
    r"热门推荐|精彩推荐|猜你喜欢|为你推荐|更多精彩|热门文章|热点新闻|图片新闻|最新新闻)[\s】\]:：>》]*$")
# Editor / source / byline / view-count lines that sit at the start or end of a body.
_EDGE = re.compile(
    r"^[\s【\[(（]*(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|二审|三审|编审|监制|值班编辑|"
    r"网络编辑|新媒体编辑|撰稿|作者|记者|通讯员|摄影|摄像|实习生|来源|稿源|文章来源|信息来源|新闻来源|"
    r"本文来源|出处|原标题|发布时间|发布日期|发表时间|浏览次数|阅读次数|点击数|访问量|阅读量|"
    r"【?纠错)\s*[:：].*$")
# Bylines and sign-offs: "本报记者 王某 发自北京", "（袁源）", "关注公众号：…".
_BYLINE = re.compile(r"^(?=[^，。！？]{0,30}$).*(?:记者|通讯员|编译|特约撰稿).*$|^[（(][^，。！？()（）]{1,12}[)）]$"
                     r"|^(?:关注|微信)?公众号[:：].*$|^.{0,30}[（(]?(?:来源|稿源)[:：].*$")
_INFO_LINE = re.compile(
    r"^[\s]*(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[\s\d:：]*).{0,40}$")
_COPYRIGHT = re.compile(r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|主办单位|All [Rr]ights [Rr]eserved|"
                        r"转载.{0,12}注明|"
                        r"未经.{0,10}(?:授权|许可).{0,10}(?:转载|使用)")


# Bounds no news page comes near (the largest of 400 real portal and media pages has 8,000
# elements and a 1.3 MB document) but generated or hostile markup does. Past them extraction time
# grows without limit, so such a page is refused or cut before the costly steps, never parsed whole.
MAX_ELEMENTS = 20_000
MAX_TAG_CHARS = 20_000  # a longer start tag keeps only its name: libxml2 checks attributes pairwise
MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 100_000  # characters of body text kept; the rest is cut
# Possessive quantifiers keep this linear on any input (no backtracking into a run of characters).
_OVERLONG_TAG = re.compile(r"<([A-Za-z][\w:-]*+)[^<>]{%d,}+>" % MAX_TAG_CHARS)


@dataclass(frozen=True)
class Extracted:
    """What extraction found in one page; published_at is ISO 8601 with offset."""

    title: str
    body: str
    published_at: str | None
    lang: str


def _squash(text: str) -> str:
    return _CHARS.sub("", text).lower()


def _text(element: HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _parser(**options: bool | str) -> etree.HTMLParser:
    """An HTML parser whose elements are ``HtmlElement``s looked up in C: lxml.html's own lookup is
    a Python call for every element proxy, thousands per page across trafilatura and our walks."""
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


# trafilatura's own parser options (trafilatura.utils.HTML_PARSER); lxml.html's for the fallback.
_PARSER = _parser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                  remove_pis=True)
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
            tree = _checked(document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html),
                                                parser=_LENIENT_PARSER), _LENIENT_PARSER)
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
    found += [_text(h) for h, _ in zip(tree.iter("h2"), range(5))]
    return [c for c in found if 2 <= len(c) <= 200]


def choose_title(tree: HtmlElement, hint: str | None = None) -> str:
    """The headline: the candidate that ``<title>`` starts with or mostly is, else ``<title>`` minus its site name.

    Site names sit at the end of ``<title>`` (``标题_黄埔区人民政府``) and often in a logo ``<h1>``, so a
    candidate that only matches the last segment is a site name, not a headline.
    """
    head = tree.find(".//title")
    page_title = re.sub(r"\s+", " ", head.text_content()).strip() if head is not None else ""
    candidates = _title_candidates(tree, hint)
    whole = _squash(page_title)
    if not whole:
        return next((c for c in candidates if len(_squash(c)) >= 4), candidates[0] if candidates else "")
    segments = [s.strip() for s in _TITLE_SPLIT.split(page_title) if s.strip()] or [page_title]
    last = _squash(segments[-1]) if len(segments) > 1 else ""
    for candidate in candidates:
        key = _squash(candidate)
        if len(key) < 4 or key == last or (key == whole and len(segments) > 1):
            continue
        position = whole.find(key)
        if position == 0 or (position > 0 and len(key) >= 8):
            return candidate
        if any(_similar(candidate, s) or (len(_squash(s)) >= 6 and _squash(s) in key) for s in segments):
            return candidate
    first = segments[0]
    if len(_squash(first)) >= 5 or len(segments) == 1:
        return first
    return max(segments[:-1] or segments, key=lambda s: len(_squash(s)))


def _similar(a: str, b: str) -> bool:
    """Headline and title segment overlap on most character bigrams (one of them truncated or edited)."""
    x, y = _squash(a), _squash(b)
    if len(x) < 4 or len(y) < 4:
        return False
    bx = {x[i:i + 2] for i in range(len(x) - 1)}
    by = {y[i:i + 2] for i in range(len(y) - 1)}
    return len(bx & by) >= 0.7 * min(len(bx), len(by))


def _locate(text: str, snippet: str, limit: int = 12) -> re.Match[str] | None:
    """Where ``snippet``'s first characters occur in ``text``, ignoring whitespace."""
    chars = [ch for ch in snippet if not ch.isspace()][:limit]
    if len(chars) < 4:
        return None
    return re.search(r"\s*".join(map(re.escape, chars)), text)


def date_context(tree: HtmlElement, title: str, body: str) -> tuple[str, str, str]:
    """Page text from the headline on, and just before and just after the body: the places a
    publish date is written (``发布时间：…`` under the headline, ``发表于 …`` after a post)."""
    visible = _TEXT_XPATH_NOSCRIPT if tree.find(".//noscript") is not None else _TEXT_XPATH
    text = " ".join(filter(None, map(str.strip, visible(tree))))
    headline = _locate(text, title)
    near_title = text[headline.start():headline.start() + 1500] if headline else ""
    lines = [line for line in body.split("\n") if len(line) >= 8]
    opening = _locate(text, lines[0]) if lines else None
    if opening is None:
        return near_title, "", ""
    closing = _locate(text[opening.start():], lines[-1][-12:])
    after = ""
    if closing:
        end = opening.start() + closing.end()
        after = text[end:end + 120]
    return near_title, text[max(0, opening.start() - 120):opening.start()], after


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


def _trafilatura_body(tree: HtmlElement, url: str) -> str:
    """trafilatura in fast mode, favouring recall: its fallbacks cost ~2× and its precision pass ~40%
    more, and the density check below does the work of both."""
    document = trafilatura.bare_extraction(
        tree, url=url or None, fast=True, favor_recall=True, include_comments=False,
        include_tables=True, with_metadata=False)
    return document.text if document is not None and document.text else ""


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


def choose_body(from_trafilatura: str, from_density: str) -> str:
    """Pick between the two extractions: when one holds the other, the shorter wins (the extra is
    teasers, comments or menus); otherwise the density block for Chinese, trafilatura for the rest.
    """
    if not from_density or not from_trafilatura:
        return from_density or from_trafilatura
    t, d = _bigram_keys(from_trafilatura), _bigram_keys(from_density)
    shared = _shared(t, d)
    d_in_t = shared / len(d) if len(d) else 0.0
    t_in_d = shared / len(t) if len(t) else 0.0
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


def _is_title_line(line: str, title: str) -> bool:
    a, b = _squash(line), _squash(title)
    return bool(a) and len(b) >= 4 and (a == b or (b in a and len(a) <= len(b) * 1.3 + 2))


def _edge_line(line: str) -> bool:
    """A line that is not article text when it opens or closes a body."""
    return len(line) <= 80 and (len(line.strip()) <= 4 or bool(_EDGE.match(line) or _BYLINE.match(line)))


def trim_boilerplate(body: str, title: str) -> str:
    """Drop the headline repeat, info/editor/share/copyright lines at either end, furniture lines
    anywhere, and a trailing related-news section — patterns that hold on any Chinese news page."""
    lines = [line for line in body.split("\n") if line.strip()]
    for count in range(1, min(4, len(lines)) + 1):
        if _is_title_line("".join(lines[:count]), title):
            lines = lines[count:]
            break
    lines = [line for line in lines if not (len(line) <= 60 and _FURNITURE.match(line))]
    for index, line in enumerate(lines):
        if index >= len(lines) / 2 and len(line) <= 20 and _SECTION_END.match(line):
            lines = lines[:index]
            break
    while lines and (_edge_line(lines[0]) or _INFO_LINE.match(lines[0])):
        lines = lines[1:]
    while lines and (_edge_line(lines[-1]) or _COPYRIGHT.search(lines[-1])):
        lines = lines[:-1]
    head = [line for line in lines[:3] if not (len(line) <= 40 and (_BYLINE.match(line) or _EDGE.match(line)))]
    tail = [line for line in lines[3:][-3:] if not (len(line) <= 40 and (_BYLINE.match(line) or _EDGE.match(line)))]
    lines = head + lines[3:][:-3] + tail if len(lines) > 6 else lines
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending at a line break when one is near the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    line_end = head.rfind("\n", limit - 5000)
    return head[:line_end] if line_end > 0 else head


def _htmldate(tree: HtmlElement, url: str) -> str | None:
    """htmldate (trafilatura's date finder) as the last resort, without its slow dateparser search."""
    found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url or None,
                               outputformat="%Y-%m-%d %H:%M:%S")
    if not found or found.endswith("-01-01 00:00:00"):
        return None  # a bare year (often the copyright line) comes back as 1 January
    return dates.normalise_date(found)


def extract(html: str, url: str, *, content_selector: str | None = None,
            hint_title: str | None = None, hint_published: str | None = None) -> Extracted:
    """Extract one page; an empty body means no article was found (the caller decides to skip)."""
    tree = parse(html)
    if tree is None:
        return Extracted("", "", dates.normalise_date(hint_published or ""), "zh-hans")
    if sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        raise Skip(f"page too complex to be an article (over {MAX_ELEMENTS} elements)")
    title = clean_text(choose_title(tree, hint_title)).replace("\n", " ")[:MAX_TITLE_CHARS].strip()
    body = _selected_body(tree, content_selector) if content_selector else ""
    if not body:
        body = choose_body(_untable(_trafilatura_body(tree, url)), main_block(tree))
    body = trim_boilerplate(clean_text(_cut(body, MAX_BODY_CHARS)), title)
    near_title, before, after = date_context(tree, title, body)
    published = (dates.find_date(tree, near_title, before, after, url, hint=hint_published)
                 or _htmldate(tree, url))
    lang = detect_lang(title + "\n" + body)
    return Extracted(title=title, body=body, published_at=published, lang=lang)
