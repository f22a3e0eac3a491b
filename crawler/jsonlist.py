"""JSON list endpoints (``kind = "json"``): a news column that a portal serves as data to its own script.

Many portals fill their list pages in the browser from an endpoint such as
``/api/news/list?columnId=12&page=1`` that answers ``{"data": {"list": [{"title", "linkUrl",
"publishTime"}, …]}}``. The operator names where the list is and which fields hold the link,
headline and date (``items``, ``url_field``, ``title_field``, ``date_field``, all dotted paths);
``suggest`` finds them in an answer for ``sources test``. Plain Python: the spider and ``sources
test`` both read endpoints through ``discovery.read_json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from config import Source
from crawler.feeds import Entry
from crawler.links import headline_score
from crawler.urls import canonical_url
from pipelines.dates import epoch_date, normalise_date

_JSONP = re.compile(r"^[\w$.]+\s*\(\s*(.*?)\s*\)\s*;?$", re.S)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.S | re.I)  # a JSON answer as a browser window shows it
_TAGS = re.compile(r"<[^>]+>")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?(?:\.\d+)?$")
_URLISH = re.compile(r"^(?:https?://|//|/|\./|\.\./)\S*$", re.I)
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg|ico|css|js|mp[34]|m4a|pdf|docx?|xlsx?|zip|rar)(?:\?|$)", re.I)
_PAGE_PARAMS = re.compile(
    r"^(?:page|pageno|pagenum|pagenumber|pageindex|pageidx|currentpage|curpage|current|p|pn)$", re.I
)
_URL_NAMES = re.compile(r"url|link|href|path|address", re.I)
_TITLE_NAMES = re.compile(r"title|headline|subject|name|^bt$|biaoti", re.I)
_DATE_NAMES = (
    (re.compile(r"pub|release|issue|fbsj|fbrq", re.I), 3),
    (re.compile(r"date|time|created|^ct$|rq$|sj$", re.I), 2),
    (re.compile(r"update|modif", re.I), 1),
)
_MAX_DEPTH = 6  # levels searched for a list of items
_SAMPLE = 30  # items looked at per candidate list


def decode(body: bytes) -> Any | None:
    """The JSON document of an answer — plain, JSONP-wrapped, or shown by a browser in ``<pre>`` — else None."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("gb18030", errors="replace")  # endpoints of GBK portals answer in GBK
    text = text.strip()
    if text.startswith("<"):
        shown = _PRE.search(text[:2_000_000])
        if shown is None:
            return None
        text = unescape(shown[1]).strip()
    elif text[:1] not in ("{", "["):
        wrapped = _JSONP.match(text)
        if wrapped is None:
            return None
        text = wrapped[1]
    try:
        return json.loads(text)
    except ValueError:
        return None


def is_json(body: bytes) -> bool:
    """Whether an answer is a JSON document: what ``auto`` tells apart from feeds, sitemaps and pages."""
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") and decode(body) is not None


def at_path(data: Any, path: str) -> Any:
    """The value at a dotted path (``data.list``, ``result.0.items``; ``.`` is the document itself), or None."""
    if path == ".":
        return data
    for step in path.split("."):
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        else:
            return None
    return data


def _text(value: Any) -> str | None:
    """A field's text without markup (search endpoints wrap hits in ``<em>``)."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", unescape(_TAGS.sub("", value))).strip()
    return text or None


def item_date(value: Any) -> str | None:
    """A date field: a written date, or Unix seconds or milliseconds as a number or digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and _EPOCH.match(value.strip())):
        return epoch_date(value)
    return normalise_date(value) if isinstance(value, str) else None


def entries(source: Source, data: Any, endpoint: str) -> tuple[list[Entry], str | None]:
    """The list's items as article links with their titles and dates (hints, as a feed's), in the
    endpoint's order; and why there are none, when there are none."""
    if not source.items or not source.url_field:
        return [], 'kind = "json" needs items and url_field (where the list is, and which field holds each link)'
    items = at_path(data, source.items)
    if not isinstance(items, list):
        keys = ", ".join(list(data)[:12]) if isinstance(data, dict) else type(data).__name__
        return [], f'items = "{source.items}" is not a list in the answer of {endpoint} (its top level: {keys})'
    found: dict[str, Entry] = {}
    for item in items:
        value = at_path(item, source.url_field)  # "." : the item is the URL itself
        url = canonical_url(value.strip(), endpoint) if isinstance(value, str) else None
        if url is None or url in found:
            continue
        title = _text(at_path(item, source.title_field)) if source.title_field else None
        published = item_date(at_path(item, source.date_field)) if source.date_field else None
        found[url] = Entry(url=url, title=title, published=published, order_date=published)
    if found:
        return list(found.values()), None
    if not items:
        return [], f"{endpoint} lists no items at {source.items!r}"
    return [], f"no item at {source.items!r} of {endpoint} has a URL in url_field {source.url_field!r}"


def next_page(source: Source, url: str) -> str | None:
    """The next page of a paged endpoint: ``page_param`` one up from this URL's (a URL without it is page 1)."""
    if not source.page_param:
        return None
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    current = next((v for k, v in pairs if k == source.page_param), "1")
    if not current.strip().isdigit():
        return None
    number = str(int(current) + 1)
    if any(k == source.page_param for k, _ in pairs):
        pairs = [(k, number if k == source.page_param else v) for k, v in pairs]
    else:
        pairs.append((source.page_param, number))
    return urlunsplit(parts._replace(query=urlencode(pairs)))


# ------------------------------------------------------------ suggestions for `sources test`


@dataclass(frozen=True)
class Suggestion:
    """The keys that read a JSON answer as a list of articles, as found in one answer."""

    items: str
    url_field: str
    title_field: str | None
    date_field: str | None
    page_param: str | None
    count: int  # items in the list

    def lines(self) -> list[str]:
        """The [[sources]] lines to paste."""
        keys: dict[str, str | None] = {"kind": "json", "items": self.items, "url_field": self.url_field}
        keys |= {"title_field": self.title_field, "date_field": self.date_field, "page_param": self.page_param}
        return [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in keys.items() if value]


def _lists(data: Any, path: str, depth: int) -> Iterator[tuple[str, list[Any]]]:
    """Every list in the document that holds objects, with its dotted path."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        if any(isinstance(i, dict) for i in data):
            yield path or ".", data
        for n, item in enumerate(data[:3]):
            yield from _lists(item, f"{path}.{n}" if path else str(n), depth + 1)
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and "." not in key:
                yield from _lists(value, f"{path}.{key}" if path else key, depth + 1)


def _fields(items: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each scalar field of the items (one level of nesting too: ``title.rendered``) and its values."""
    found: dict[str, list[Any]] = {}
    for item in items:
        for key, value in item.items():
            inner = value.items() if isinstance(value, dict) else [("", value)]
            for sub, leaf in inner:
                if isinstance(leaf, (str, int, float)) and not isinstance(leaf, bool) and "." not in str(key + sub):
                    found.setdefault(f"{key}.{sub}" if sub else key, []).append(leaf)
    return found


def _urlish(value: Any) -> bool:
    return isinstance(value, str) and bool(_URLISH.match(value.strip())) and not _ASSET.search(value)


def _url_score(name: str, values: list[Any], total: int) -> float:
    """Links: nearly every item has one, each its own; a name that says so breaks ties."""
    share = sum(map(_urlish, values)) / total
    if share < 0.8:
        return 0
    return share + 0.2 * bool(_URL_NAMES.search(name)) + 0.1 * (len(set(values)) == len(values))


def _title_score(name: str, values: list[Any], total: int) -> float:
    """Headlines: text that reads as one (not a URL, a date or a whole article)."""
    share = sum(headline_score(_text(v) or "") for v in values if not _urlish(v) and not item_date(v)) / total
    return share + 0.3 * bool(_TITLE_NAMES.search(name)) if share >= 0.6 else 0


def _date_score(name: str, values: list[Any], total: int) -> float:
    """Dates: nearly every value reads as one; a publish-ish name beats an update-ish one, and bare
    numbers count only under a date-ish name (ids and counters are numbers too)."""
    share = sum(1 for v in values if item_date(v)) / total
    named = max((weight for pattern, weight in _DATE_NAMES if pattern.search(name)), default=0)
    numbers = isinstance(values[0], (int, float))
    return share + 0.1 * named if share >= 0.8 and (named or not numbers) else 0


def _best(fields: dict[str, list[Any]], score: Callable[[str, list[Any], int], float], total: int) -> str | None:
    ranked = sorted(((score(name, values, total), name) for name, values in fields.items()), reverse=True)
    return ranked[0][1] if ranked and ranked[0][0] > 0 else None


def suggest(data: Any, endpoint: str) -> Suggestion | None:
    """Where a JSON answer keeps its articles: the list of objects with a URL-looking field (most
    items first), and its title-ish and date-ish fields; None when it has no such list."""
    query = parse_qsl(urlsplit(endpoint).query, keep_blank_values=True)
    page = next((k for k, v in query if _PAGE_PARAMS.match(k) and v.isdigit()), None)
    best: tuple[tuple[float, ...], Suggestion] | None = None
    for path, found in _lists(data, "", 0):
        items = [i for i in found if isinstance(i, dict)][:_SAMPLE]
        fields, total = _fields(items), len(items)
        url = _best(fields, _url_score, total)
        if url is None:
            continue
        title, date = _best(fields, _title_score, total), _best(fields, _date_score, total)
        rank = (float(title is not None), float(date is not None), float(len(found)), -float(path.count(".")))
        if best is None or rank > best[0]:
            best = (rank, Suggestion(path, url, title, date, page, len(found)))
    return best[1] if best else None
