"""Links on list pages: the article links (without a selector) and the canonical URL.

Chinese portals wrap every list page in the same template — navigation bars, column menus,
"hot news" sidebars, footers of departments and sister sites — so a link counts as an article
link when its URL looks like one article (``urls.article_score``), its text reads as a headline,
and it sits in a repeated list block that is not marked as navigation, sidebar or footer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import unescape

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement

from crawler.urls import article_score, canonical_url, same_site, site_of, url_allowed
from pipelines.dates import first_date

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt", "legend"})
_HEADING_NAMES = re.compile(r"tit|title|hd|head|bt|caption|name")
_NAV_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
# Class/id fragments of template blocks, matched anywhere in the name ("topnav", "leftMenu").
_NAV_FRAGMENTS = re.compile(
    r"nav|menu|footer|sidebar|breadcrumb|crumb|copyright|friendlink|yqlj|daohang|paihang|tuijian|"
    r"xgxw|xglj|share|pagination|pager|paging|fenye|toolbar|topbar|login|searchbox"
)
# Short names that mark template blocks only as whole words ("foot", "hot-list", "side_bar").
# fmt: off
_NAV_WORDS = frozenset({
    "foot", "bottom", "header", "top", "side", "aside", "hot", "hots", "rank", "ranking", "related",
    "relate", "recommend", "dh", "ad", "ads", "search", "position", "location", "weizhi", "dqwz",
    "friend", "sitemap", "help", "phb", "rmyd", "rdph",
})
# fmt: on
_WORDS = re.compile(r"[a-z]+|\d+")
# Headings of the blocks portals put beside a list: hot, ranked, recommended, related, photo news.
_SIDE_HEADINGS = re.compile(
    r"热点|热门|热榜|热读|排行|排名|点击榜|推荐|相关|延伸阅读|猜你喜欢|图片|视频|专题|广告|友情链接|精彩|必读|"
    r"最新评论|most read|popular|related|trending|recommended|photos|videos|editor'?s picks",
    re.I,
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DATE_TEXT = re.compile(
    r"[\[(（【]?\s*(?:(?:19|20)\d{2}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\])）】]?"
)
_ELLIPSIS = re.compile(r"(?:…+|\.{3,}|。。。)\s*$")
# fmt: off
_NOT_HEADLINES = frozenset({
    "首页", "更多", "更多>>", "more", "更多内容", "查看更多", "详细", "详情", "阅读全文", "全文", "下一页",
    "上一页", "下页", "上页", "尾页", "末页", "返回", "返回顶部", "返回首页", "网站地图", "联系我们",
    "关于我们", "设为首页", "加入收藏", "无障碍", "无障碍浏览", "登录", "注册", "english", "繁體", "繁体",
    "简体", "home", "next", "previous", "read more", "more news", "back to top", "sitemap", "contact us",
    "about us", "log in", "sign in", "subscribe",
})
# fmt: on
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATASTORE = re.compile(r"(?:<script\b[^>]*>\s*)?<datastore\b[^>]*>(.*?)</datastore>(?:\s*</script>)?", re.S | re.I)
_RECORD = re.compile(r"<record\b[^>]*>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_MAX_DEPTH = 16  # ancestors looked at per link; deeper nesting is not a page layout any more
MAX_ANCHORS_PER_PAGE = 3000  # links looked at per list page; more is a link farm, not a list page (README)
ARTICLE_THRESHOLD = 1.0


@dataclass(frozen=True)
class Link:
    """An article link found on a list page, with the headline and date written beside it."""

    url: str  # canonical
    title: str | None = None
    published: str | None = None  # ISO 8601 with offset, from the list item's date


def parse_html(html: str) -> HtmlElement | None:
    """Parse a page leniently (broken markup, XML declarations, deep nesting); None if hopeless.

    Hanweb (大汉) list pages ship their rows as CDATA records of an XML datastore, in a script or
    straight in the page, which the browser unpacks; they are unpacked here into the list they are.
    """
    text = _XML_DECLARATION.sub("", html, count=1)
    if "<datastore" in text or "<DATASTORE" in text:
        text = _DATASTORE.sub(_unpack_records, text)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _unpack_records(datastore: re.Match[str]) -> str:
    """A datastore's records as the list they show: ``<li>`` rows in a ``<ul>``, ``<tr>`` rows in a table."""
    records = _RECORD.findall(datastore[1])
    tag = "table" if records and records[0].lstrip()[:3].lower() == "<tr" else "ul"
    return f"<{tag}>" + "".join(records) + f"</{tag}>"


def page_base(tree: HtmlElement, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` when the page sets one."""
    base = tree.find(".//base[@href]")
    if base is not None:
        joined = canonical_url(base.get("href", ""), page_url)
        if joined:
            return joined
    return page_url


_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACES.sub(" ", unescape(text or "")).strip()


def headline_score(text: str) -> float:
    """1 for text that reads as a news headline, 0 for menu words, page numbers and buttons."""
    text = _DATE_TEXT.sub(" ", _ELLIPSIS.sub("", text)).strip(" \t·•>»›|-_[]【】")
    if not text or text.lower() in _NOT_HEADLINES:
        return 0.0
    han = len(_HAN.findall(text))
    if han:
        return 1.0 if 6 <= han <= 120 else 0.4 if han >= 4 else 0.0
    words = len(_LATIN_WORD.findall(text))
    return 1.0 if 4 <= words <= 40 else 0.4 if words == 3 else 0.0


def _anchor_text(anchor: HtmlElement) -> str:
    text = _squash(anchor.text_content())
    title = _squash(anchor.get("title") or "")
    if not text:
        image = anchor.find(".//img")
        text = _squash(image.get("alt") or "") if image is not None else ""
    stem = _ELLIPSIS.sub("", text)
    if title and len(title) > len(stem) and (not stem or title.startswith(stem[:4]) or headline_score(stem) < 1):
        return title
    return text


def _clean_title(text: str) -> str | None:
    text = _ELLIPSIS.sub("", text)
    text = re.sub(r"^\s*" + _DATE_TEXT.pattern + r"\s*|\s*" + _DATE_TEXT.pattern + r"\s*$", "", text)
    text = text.strip(" \t·•|-_")
    return text or None


def _marked(element: HtmlElement, cache: dict[HtmlElement, bool]) -> bool:
    """True when the element or an ancestor is a navigation, sidebar, footer or similar block."""
    chain: list[HtmlElement] = []
    node: HtmlElement | None = element
    result = False
    while node is not None and len(chain) < _MAX_DEPTH and node.tag not in ("body", "html"):
        if node in cache:
            result = cache[node]
            break
        chain.append(node)
        if _template_block(node):
            result = True
            break
        node = node.getparent()
    for seen in chain:
        cache[seen] = result
    return result


def _side_heading(anchor: HtmlElement, cache: dict[HtmlElement, bool]) -> bool:
    """True when a box around the link is titled like a sidebar: 热点新闻, 图片新闻, 相关阅读…"""
    node: HtmlElement | None = anchor
    for _ in range(5):
        if node is None or node.tag in ("body", "html"):
            return False
        if node not in cache:
            cache[node] = _titled_aside(node)
        if cache[node]:
            return True
        node = node.getparent()
    return False


def _titled_aside(element: HtmlElement) -> bool:
    """The nearest non-empty element before this one is a heading naming a sidebar block."""
    for sibling in element.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        text = _squash(sibling.text_content())
        if not text:
            continue
        if sibling.tag == element.tag and sibling.get("class") == element.get("class"):
            return False  # a repeated item, not a heading
        names = f"{sibling.get('class') or ''} {sibling.get('id') or ''}".lower()
        heading = (
            sibling.tag in _HEADING_TAGS
            or (len(sibling) <= 1 and len(text) <= 20)
            or (bool(_HEADING_NAMES.search(names)) and len(text) <= 30)
        )
        return heading and bool(_SIDE_HEADINGS.search(text))
    return False


def _template_block(node: HtmlElement) -> bool:
    """A navigation, header, footer or sidebar element, by tag, role or class/id names."""
    if node.tag in _NAV_TAGS or (node.get("role") or "").lower() == "navigation":
        return True
    raw = f"{node.get('class') or ''} {node.get('id') or ''}"
    if not raw.strip():
        return False
    names = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", raw).lower()  # "hotNews" -> "hot news"
    return bool(_NAV_FRAGMENTS.search(names)) or bool(_NAV_WORDS & set(_WORDS.findall(names)))


def _list_item(
    anchor: HtmlElement, counts: dict[HtmlElement, dict[str, int]]
) -> tuple[HtmlElement, HtmlElement | None]:
    """The repeated item holding a link (``li``, ``tr``, ``div.item``) and the block that repeats it."""
    node = anchor
    for _ in range(6):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        per_tag = counts.get(parent)
        if per_tag is None:
            per_tag = {}
            for child in parent:
                if isinstance(child.tag, str) and (child.tag == "a" or child.find(".//a") is not None):
                    per_tag[child.tag] = per_tag.get(child.tag, 0) + 1
            counts[parent] = per_tag
        if per_tag.get(node.tag, 0) >= 2:
            return node, parent
        node = parent
    return anchor, anchor.getparent()


def article_links(
    tree: HtmlElement,
    page_url: str,
    *,
    link_selector: str | None = None,
    allow: tuple[str, ...] = (),
    deny: tuple[str, ...] = (),
) -> list[Link]:
    """The article links of a list page on the page's own site, in page order, each once.

    With ``link_selector`` (CSS) the operator has said which links are articles; otherwise the
    links are scored (URL shape, headline text, list block) and template blocks are left out
    unless the page has no other candidates.
    """
    base = page_base(tree, page_url)
    own = canonical_url(page_url) or page_url
    if link_selector:
        return _selected_links(tree, base, own, link_selector, allow, deny)
    own_site = site_of(own)
    counts: dict[HtmlElement, dict[str, int]] = {}
    marks: dict[HtmlElement, bool] = {}
    headings: dict[HtmlElement, bool] = {}
    chosen: dict[str, tuple[Link, bool]] = {}
    for anchor in itertools.islice(tree.iter("a"), MAX_ANCHORS_PER_PAGE):
        url = canonical_url(anchor.get("href") or "", base)
        if not url or url == own or site_of(url) != own_site or not url_allowed(url, allow, deny):
            continue
        text = _anchor_text(anchor)
        url_score = article_score(url)
        title_score = headline_score(text)
        if (url_score < 0.3 and title_score < 1.0) or url_score <= -0.5:
            continue  # menus and buttons: decided before the costlier look at the list item
        item, block = _list_item(anchor, counts)
        rest = _squash(item.text_content()).replace(_squash(anchor.text_content()), " ")
        published = first_date(rest) if rest.strip() and len(rest) < 400 else None
        if url_score + title_score + (0.3 if published else 0.0) < ARTICLE_THRESHOLD:
            continue
        box = block if block is not None else item
        marked = _marked(box, marks) or _marked(item, marks) or _side_heading(anchor, headings)
        link = Link(url=url, title=_clean_title(text), published=published)
        previous = chosen.get(url)
        if previous is None:
            chosen[url] = (link, marked)
        else:  # one link, twice: keep the fuller headline; it is a list link if either place is
            title = max(previous[0].title or "", link.title or "", key=len) or None
            chosen[url] = (Link(url, title, previous[0].published or published), previous[1] and marked)
    unmarked = [link for link, marked in chosen.values() if not marked]
    return unmarked or [link for link, _ in chosen.values()]


def anchors_not_looked_at(tree: HtmlElement) -> int:
    """How many links of a page automatic discovery leaves unread beyond MAX_ANCHORS_PER_PAGE:
    the crawl says so rather than drop them silently."""
    return max(0, sum(1 for _ in tree.iter("a")) - MAX_ANCHORS_PER_PAGE)


def _selected_links(
    tree: HtmlElement, base: str, own: str, selector: str, allow: tuple[str, ...], deny: tuple[str, ...]
) -> list[Link]:
    try:
        matches = CSSSelector(selector)(tree)
    except (SelectorError, SyntaxError):
        return []
    links: dict[str, Link] = {}
    for element in matches:
        anchors = [element] if element.tag == "a" else list(element.iter("a"))
        for anchor in anchors:
            url = canonical_url(anchor.get("href") or "", base)
            if url and url != own and same_site(url, own) and url_allowed(url, allow, deny):
                links.setdefault(url, Link(url=url, title=_clean_title(_anchor_text(anchor))))
    return list(links.values())


def declared_canonical(html: str, page_url: str) -> str | None:
    """The page's ``<link rel="canonical">`` URL on the page's own site, read without parsing."""
    head = html[:200_000]
    end = head.lower().find("</head>")
    for tag in _LINK_TAG.findall(head if end == -1 else head[:end]):
        attrs = {m[1].lower(): unescape(m[2] or m[3] or m[4] or "") for m in _ATTR.finditer(tag)}  # x="" too
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            url = canonical_url(attrs["href"], page_url)
            if url and same_site(url, page_url):
                return url
    return None
