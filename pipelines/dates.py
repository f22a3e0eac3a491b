"""Publish dates: find them in a page and normalise any written form to ISO 8601 with offset.

Chinese portals write dates as ``发布时间：2025-11-18 10:30``, ``2025年11月18日`` or only in
``<meta name="PubDate">``; feeds use RFC 822. One normaliser serves pages, feeds and sitemaps.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from lxml.html import HtmlElement

from db.times import CHINA
from pipelines import jsonld

EARLIEST = datetime(1995, 1, 1, tzinfo=CHINA)

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_TZ = r"(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
_TIME = r"(?:[T\s]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?)?)?"
_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*(?:[-/.]|年\s*)|\s+(?=\d{1,2}/\d))(?P<m>\d{1,2})\s*(?:[-/.]|月\s*)(?P<d>\d{1,2})(?!\d)\s*日?"
    + _TIME
    + r"\s*"
    + _TZ
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$")
_MDY = re.compile(
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y>(?:19|20)\d{2})(?:,?\s+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?",
    re.I,
)
_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+"
    r"(?P<y>(?:19|20)\d{2})(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?",
    re.I,
)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?:[-_/]?)(?P<m>0[1-9]|1[0-2])(?:[-_/]?)(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.\-]|\d{2,}|$)"
    r"|/t(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])_"
)

# Labels that introduce the publish date on Chinese and English article pages, strongest first.
_LABELS = [
    re.compile(r"(?:发布|发表|发稿|刊发|上传|录入)(?:时间|日期|于)|Published(?: on| at)?|Posted(?: on| at)?", re.I),
    re.compile(
        r"(?<!成文|印发|修改|更新|引用|访问|出生|截止|生效|实施|有效|开始|结束|活动|会议)(?:时间|日期)|Date", re.I
    ),
    re.compile(r"(?:更新|修改)(?:时间|日期)|Updated(?: on| at)?|Last modified", re.I),
]
_LABEL_GAP = re.compile(r"\s*[:：]?\s*[\[【(（]?\s*")

# fmt: off
_META_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "publishdate", "pubdate", "publish_date", "publish-date", "publishtime", "publish_time",
    "datepublished", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time", "pub_date",
    "weibo: article:create_at", "firstpublishedtime", "releasedate", "created", "date",
    "bytedance:published_time", "article:modified_time", "lastmodified", "last-modified",
)
# fmt: on
_META_RANK = {name: i for i, name in enumerate(_META_NAMES)}


def _build(
    y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0, tz: tzinfo | None = None, now: datetime | None = None
) -> str | None:
    try:
        moment = datetime(y, m, d, hh, mm, ss, tzinfo=tz or CHINA)
    except ValueError:
        return None
    latest = (now or datetime.now(CHINA)) + timedelta(days=1)
    if not EARLIEST <= moment <= latest:
        return None
    return moment.astimezone(CHINA).isoformat()


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _from_match(match: re.Match[str], now: datetime | None) -> str | None:
    parts = match.groupdict()
    hour = int(parts.get("H") or 0)
    if parts.get("ampm"):
        hour = hour % 12 + (12 if parts["ampm"].lower().startswith("p") else 0)
    month = _MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else int(parts["m"])
    if hour > 23 or int(parts.get("M") or 0) > 59:
        hour, parts["M"], parts["S"] = 0, None, None
    return _build(
        int(parts["y"]),
        month,
        int(parts["d"]),
        hour,
        int(parts.get("M") or 0),
        min(int(parts.get("S") or 0), 59),
        _offset(parts.get("tz")),
        now,
    )


def normalise_date(text: str, *, now: datetime | None = None) -> str | None:
    """Any date form seen on Chinese/English news pages and feeds → ``YYYY-MM-DDTHH:MM:SS+08:00``.

    Times are converted to China time so stored values sort as strings; a date without a time is
    midnight China time. Dates before 1995 or more than a day in the future are rejected.
    """
    text = (text or "").strip()
    if not text or len(text) > 400:
        return None
    return first_date(text, now=now)


def epoch_date(value: int | float | str, *, now: datetime | None = None) -> str | None:
    """A Unix time in seconds or milliseconds (``1732000000``, ``"1732000000000"``) → ISO 8601 in China time.

    JSON list endpoints and WeChat pages give times this way; the same bounds as written dates apply.
    """
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if seconds > 1e11:  # milliseconds: 1e11 seconds is the year 5138
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, CHINA)
    except (ValueError, OverflowError, OSError):
        return None
    return _build(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, CHINA, now)


def first_date(text: str, *, now: datetime | None = None) -> str | None:
    """The first valid date written anywhere in ``text`` (a field value or a stretch of page text)."""
    compact = _COMPACT.match(text)
    if compact:
        return _from_match(compact, now)
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            return _build(
                moment.year,
                moment.month,
                moment.day,
                moment.hour,
                moment.minute,
                moment.second,
                moment.tzinfo or CHINA,
                now,
            )
    for pattern in (_YMD, _MDY, _DMY):
        match = pattern.search(text)
        if match:
            result = _from_match(match, now)
            if result:
                return result
    return None


def date_from_url(url: str, *, now: datetime | None = None) -> str | None:
    """The day in article URLs such as ``/202511/t20251118_123456.html`` or ``/2025/11/18/``."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    y, m, d = (
        (match.group("y"), match.group("m"), match.group("d"))
        if match.group("y")
        else (match.group("y2"), match.group("m2"), match.group("d2"))
    )
    return _build(int(y), int(m), int(d), now=now)


def labelled_date(text: str, *, now: datetime | None = None) -> str | None:
    """The date right after the strongest publish-date label (``发布时间：``, ``日期：``, ``Updated :``)."""
    for label in _LABELS:
        for match in label.finditer(text):
            rest = text[match.end() : match.end() + 80]
            lead = _LABEL_GAP.match(rest)
            rest = rest[lead.end() :] if lead else rest
            for pattern in (_YMD, _MDY, _DMY):
                found = pattern.match(rest)
                if found and (result := _from_match(found, now)):
                    return result
    return None


def meta_date(tree: HtmlElement, *, now: datetime | None = None) -> str | None:
    """Publish date from ``<meta>`` tags, JSON-LD ``datePublished`` and ``<time>`` elements."""
    best: tuple[int, str] | None = None
    for meta in tree.iter("meta"):
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "")
            .strip()
            .lower()
        )
        rank = _META_RANK.get(key)
        if rank is None or (best and best[0] <= rank):
            continue
        found = normalise_date(meta.get("content") or "", now=now)
        if found:
            best = (rank, found)
    if best and best[0] < _META_RANK["article:modified_time"]:
        return best[1]
    for item in jsonld.objects(tree):
        for key in ("datePublished", "dateCreated", "uploadDate"):
            found = normalise_date(item[key], now=now) if isinstance(item.get(key), str) else None
            if found:
                return found
    for element in tree.iter("time"):
        if element.get("pubdate") is not None or element.get("itemprop") == "datePublished":
            found = normalise_date(element.get("datetime") or element.text_content(), now=now)
            if found:
                return found
    return best[1] if best else None


def find_date(
    tree: HtmlElement,
    near_title: str = "",
    before_body: str = "",
    after_body: str = "",
    url: str | None = None,
    *,
    hint: str | None = None,
    now: datetime | None = None,
) -> str | None:
    """The publish date of an article page, from the most to the least reliable evidence.

    ``near_title`` is the page text from the headline on, where the info line (``发布时间：…
    来源：…``) sits; ``before_body``/``after_body`` the text right around the body. A labelled date
    there wins over ``<meta>`` tags, which on Chinese portals often carry a template or
    modification date; an unlabelled date counts only under the headline or right above the body.
    """
    return (
        labelled_date(near_title, now=now)
        or labelled_date(before_body + " " + after_body, now=now)
        or meta_date(tree, now=now)
        or (normalise_date(hint, now=now) if hint else None)
        or first_date(near_title[:600], now=now)
        or first_date(before_body, now=now)
        or date_from_url(url or "", now=now)
    )
