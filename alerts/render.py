"""Digest → text, Markdown (CommonMark and the chat services' dialects), HTML and JSON.

Titles, summaries, entity names and URLs come from crawled pages and are untrusted: every format
shows them as text. Text strips control characters, CommonMark backslash-escapes, the chat
dialects (whose escaping rules are undocumented) swap the active ASCII characters for their
full-width forms, and HTML goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from alerts.digest import Digest, amounts, event_date, names, outlets
from errors import DeliveryError

FORMATS = ("text", "markdown", "html", "json")
TITLE_CHARS, SUMMARY_CHARS, ENTITY_CHARS, LINK_CHARS = 120, 240, 120, 50
CHAT_LINKS = 3  # article links per event in a chat message; the rest are counted
CHAT_URL_BYTES = 300  # longer article URLs are not linked in chat messages (they would not fit)
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_MD_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#!|~&])")
_FULLWIDTH = str.maketrans(
    {
        "[": "［",
        "]": "］",
        "<": "＜",
        ">": "＞",
        "*": "＊",
        "_": "＿",
        "`": "｀",
        "#": "＃",
        "|": "｜",
        "~": "～",
        "\\": "＼",
    }
)
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def clean(text: Any, limit: int = TITLE_CHARS) -> str:
    """Untrusted text as one line: no control or bidi characters, bounded length."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub(" ", str(text or "")))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def md_escape(text: Any, limit: int = TITLE_CHARS) -> str:
    """CommonMark: backslash-escape every character that could start markup, link or HTML."""
    return _MD_ACTIVE.sub(r"\\\1", clean(text, limit))


def chat_escape(text: Any, limit: int = TITLE_CHARS) -> str:
    """DingTalk / WeCom / Feishu Markdown: replace active characters by their full-width forms."""
    return clean(text, limit).translate(_FULLWIDTH)


def safe_url(url: Any) -> str | None:
    """An http(s) URL with every character that could end a Markdown link percent-encoded."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe="/:?#&=%+@,;$-._~")


# ---------------------------------------------------------------- shared pieces


def counts_line(d: Digest) -> str:
    if not d.total_events:
        return f"没有新事件 · {d.period}"
    return f"{d.total_events} 个新事件 · {d.total_articles} 篇报道 · {d.total_outlets} 家媒体 · {d.period}"


def meta_line(d: Digest, event: Mapping[str, Any]) -> str:
    n = outlets(event)
    return f"{event_date(event, d.generated_at.tzinfo) or '日期不详'} · {n} 家媒体报道"


def entity_parts(event: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    parts = [
        ("地点", names(event.get("places", ()))),
        ("机构", names(event.get("organizations", ()), 4)),
        ("金额", amounts(event)),
    ]
    return [(label, values) for label, values in parts if values]


def run_line(d: Digest) -> str | None:
    run = d.run
    if not run:
        return None
    return (
        f"本次运行 #{run['run_id']}：{run.get('sources', 0)} 个来源 · 抓取 {run.get('pages', 0)} 页 · "
        f"新文章 {run.get('new_articles', 0)} 篇 · 失败 {run.get('failures', 0)} · "
        f"新事件 {run.get('new_events', 0)}"
    )


def source_line(source: Mapping[str, Any], with_error: bool = True) -> str:
    line = f"{source['name']}：连续失败 {source['consecutive_failures']} 次"
    if with_error and source.get("last_error"):
        line += f" — {clean(source['last_error'], 100)}"
    return line


FOOTNOTE = "由 newswatch 生成 · 每个事件只推送一次"


# ---------------------------------------------------------------- text


def render_text(d: Digest) -> str:
    """Plain text: the email's text alternative, the terminal preview, apprise's text body."""
    out = [d.subject, counts_line(d), ""]
    for section in d.sections:
        out += [f"══ {section.title}（{section.total}）", ""]
        for group in section.groups:
            out += [f"── {group.label} {group.label_en}（{group.total}）", ""]
            for event in group.events:
                out.append(f"{d.numbers.get(event['id'], '·')}. {clean(event['title'])}")
                out.append(f"   {meta_line(d, event)}")
                if d.compact:
                    articles = event.get("articles") or [{}]
                    out.append(f"   {safe_url(articles[0].get('url')) or ''}".rstrip())
                    continue
                for label, values in entity_parts(event):
                    out.append(f"   {label}：{clean('、'.join(values), ENTITY_CHARS)}")
                if d.event_url(event["id"]):
                    out.append(f"   详情：{d.event_url(event['id'])}")
                if event.get("summary"):
                    out.append(f"   {clean(event['summary'], SUMMARY_CHARS)}")
                for article in event.get("articles", ()):
                    out.append(f"   · {clean(article.get('title'), LINK_CHARS)} — {clean(article.get('source'), 40)}")
                    out.append(f"     {safe_url(article.get('url')) or clean(article.get('url'), 200)}")
                out.append("")
            if d.compact:
                out.append("")
    if d.is_last:
        out += _footer_lines(d, with_error=True)
    return "\n".join(out).rstrip() + "\n"


def _footer_lines(d: Digest, with_error: bool, limit: int = 10) -> list[str]:
    out = ["——"]
    line = run_line(d)
    if line:
        out.append(line)
    if d.operator:
        if d.failing_sources:
            out.append(f"异常来源（{len(d.failing_sources)}）：")
            out += [f"  · {source_line(s, with_error)}" for s in d.failing_sources[:limit]]
            if len(d.failing_sources) > limit:
                out.append(f"  · 另有 {len(d.failing_sources) - limit} 个，见 newswatch status")
        else:
            out.append("所有来源运行正常")
    out.append(FOOTNOTE)
    return out


# ---------------------------------------------------------------- Markdown


@dataclasses.dataclass(frozen=True)
class Dialect:
    """How one Markdown flavour writes headings, line breaks and untrusted text."""

    name: str
    escape: Callable[[Any, int], str]
    heading: Callable[[int, str], str]
    line_break: str = "  \n"  # between the lines of one block; blocks are separated by a blank line


COMMONMARK = Dialect("markdown", md_escape, lambda level, text: f"{'#' * (level + 1)} {text}")
DINGTALK = Dialect("dingtalk", chat_escape, lambda level, text: f"{'#' * (level + 2)} {text}")
WECOM = Dialect("wecom", chat_escape, lambda level, text: f"{'#' * (level + 2)} {text}", "\n")
FEISHU = Dialect("feishu", chat_escape, lambda level, text: f"**{text}**", "\n")
DIALECTS = {d.name: d for d in (COMMONMARK, DINGTALK, WECOM, FEISHU)}


def render_markdown(d: Digest, dialect: Dialect = COMMONMARK, *, header: bool = True) -> str:
    """Markdown in one dialect; chat dialects cap links so one event always fits one message."""
    chat = dialect is not COMMONMARK
    esc = dialect.escape
    blocks: list[list[str]] = []
    if header:
        blocks += [[dialect.heading(0, esc(d.subject, 200))], [counts_line(d)]]
    for section in d.sections:
        blocks.append([dialect.heading(1, f"{esc(section.title, 60)}（{section.total}）")])
        for group in section.groups:
            label, count = f"{group.label} {group.label_en}", f"（{group.total}）"
            blocks.append([f"**{label}**{count}" if chat else dialect.heading(2, label + count)])
            if d.compact:
                blocks.append([_md_compact(d, event, dialect, chat) for event in group.events])
            else:
                for event in group.events:
                    blocks += _md_event(d, event, dialect, chat)
    if d.is_last:
        footer = _footer_lines(d, with_error=not chat, limit=5)
        blocks += [["---"], [esc(line, 300) for line in footer[1:]]]
    return "\n\n".join(dialect.line_break.join(block) for block in blocks if block) + "\n"


def _md_link(text: str, url: Any, chat: bool) -> str:
    href = safe_url(url)
    if href is None or (chat and len(href.encode()) > CHAT_URL_BYTES):
        return text
    return f"[{text}]({href})"


def _md_title(d: Digest, event: Mapping[str, Any], dialect: Dialect, chat: bool) -> str:
    articles = event.get("articles") or [{}]
    return _md_link(dialect.escape(event["title"], TITLE_CHARS), articles[0].get("url"), chat)


def _md_compact(d: Digest, event: Mapping[str, Any], dialect: Dialect, chat: bool) -> str:
    return f"{d.numbers.get(event['id'], 0)}. {_md_title(d, event, dialect, chat)} · {meta_line(d, event)}"


def _md_event(d: Digest, event: Mapping[str, Any], dialect: Dialect, chat: bool) -> list[list[str]]:
    esc = dialect.escape
    head = [f"**{d.numbers.get(event['id'], 0)}.** {_md_title(d, event, dialect, chat)}", meta_line(d, event)]
    head += [f"{label}：{esc('、'.join(values), ENTITY_CHARS)}" for label, values in entity_parts(event)]
    page = d.event_url(event["id"])
    if page:
        head.append(f"详情：{_md_link(esc('newswatch', LINK_CHARS), page, chat)}")
    blocks = [head]
    if event.get("summary"):
        blocks.append([f"> {esc(event['summary'], SUMMARY_CHARS)}"])
    articles = list(event.get("articles", ()))
    shown = articles[:CHAT_LINKS] if chat else articles
    links = [
        f"- {_md_link(esc(a.get('title') or a.get('url'), LINK_CHARS), a.get('url'), chat)} · "
        f"{esc(a.get('source'), 40)}"
        for a in shown
    ]
    if len(articles) > len(shown):
        links.append(f"- 另有 {len(articles) - len(shown)} 篇报道")
    blocks.append(["\n".join(links)] if links else [])
    return blocks


# ---------------------------------------------------------------- HTML and JSON


def render_html(d: Digest) -> str:
    """The email body: table layout with inline CSS (what mail clients render), autoescaped."""
    return _TEMPLATES.get_template("digest.html").render(
        d=d,
        counts=counts_line(d),
        run=run_line(d),
        footnote=FOOTNOTE,
        meta=lambda e: meta_line(d, e),
        entities=entity_parts,
        clean=clean,
        url=safe_url,
        source_line=source_line,
    )


def payload(d: Digest, key: str | None = None) -> dict[str, Any]:
    """The webhook body: events exactly as `newswatch events --json` prints them."""
    counts: dict[str, int] = {s.name: s.total for s in d.sections}
    body: dict[str, Any] = {
        "generated_at": d.generated_at.isoformat(timespec="seconds"),
        "channel": d.channel,
        "watches": [{"name": n, "title": t, "events": counts.get(n, 0)} for n, t in d.watches],
        "period": {
            "start": d.period_start.isoformat(timespec="seconds") if d.period_start else None,
            "end": d.generated_at.isoformat(timespec="seconds"),
        },
        "events": d.events,
    }
    if key:
        body["idempotency_key"] = key
    if d.run:
        body["run"] = dict(d.run)
    if d.operator:
        body["failing_sources"] = [dict(s) for s in d.failing_sources]
    return body


def render_json(d: Digest, key: str | None = None) -> str:
    return json.dumps(payload(d, key), ensure_ascii=False, indent=2) + "\n"


def format_digest(d: Digest, fmt: str) -> str:
    """One of FORMATS, for previews and the demo."""
    if fmt == "text":
        return render_text(d)
    if fmt == "markdown":
        return render_markdown(d)
    if fmt == "html":
        return render_html(d)
    if fmt == "json":
        return render_json(d)
    raise ValueError(f"unknown digest format {fmt!r} (use one of: {', '.join(FORMATS)})")


# ---------------------------------------------------------------- splitting


def split(d: Digest, encode: Callable[[Digest], bytes], limit: int) -> list[Digest]:
    """Cut a digest into complete messages whose encoded size stays within ``limit`` bytes.

    Events are packed greedily in display order; each part repeats the header and the watch and
    type headings it needs, and is numbered (2/5). An event too large even alone goes compact.
    """
    ids = [e["id"] for e in d.events]
    if not ids:
        _fit(encode(d), limit, d)
        return [d]
    wide = max(999, len(ids))  # placeholder part numbers at least as wide as the real ones
    chunks: list[tuple[list[str], bool]] = []
    current: list[str] = []
    for event_id in ids:
        if len(encode(d.only([*current, event_id], wide, wide))) <= limit:
            current.append(event_id)
            continue
        if current:
            chunks.append((current, d.compact))
        current = [event_id]
        if len(encode(d.only(current, wide, wide))) > limit:
            chunks.append((current, True))
            current = []
    if current:
        chunks.append((current, d.compact))
    parts = []
    for i, (chunk, compact) in enumerate(chunks, 1):
        part = dataclasses.replace(d.only(chunk, i, len(chunks)), compact=compact)
        _fit(encode(part), limit, part)
        parts.append(part)
    return parts


def _fit(body: bytes, limit: int, d: Digest) -> None:
    if len(body) > limit:
        raise DeliveryError(
            f"a digest message of {len(body)} bytes exceeds the {limit}-byte limit "
            f"even with one event ({', '.join(e['id'] for e in d.events)})"
        )
