"""The thousand malformed pages of the bad-input tests: what each kind of bad page is, made from a seed.

Wrong and missing charsets, mixed encodings, truncated markup, binary bodies behind ``text/html``,
10,000-deep nesting, tag soup, 20 MB bodies, compression bombs, redirect loops and answers that
never finish. ``tests/support/badpages.py`` serves them.
"""

from __future__ import annotations

import codecs
import gzip
import random
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import brotli

SEED = 20251118
BOMB_MEMBER = 64 << 20  # one gzip member of zeros; a bomb repeats it
BIG_BODY = 20 << 20

# Original text in the genre of the fixture sites, so a page that survives reads like an article.
PARAGRAPHS = [
    "十八日上午，开发区生物医药产业项目集中签约仪式在区行政服务中心举行，十一个项目现场签约，"
    "涵盖抗体药物、基因治疗和高端医学影像设备，计划总投资约六十五亿元。",
    "签约项目将分两期建设，首期重点建设中试车间和质量检测平台，预计明年下半年投入使用，"
    "届时可为园区内中小企业提供从样品制备到注册申报的全流程服务。",
    "区投资促进局负责人介绍，今年前十个月全区生物医药产业规模同比增长百分之十四，"
    "新增上市许可持有人十二家，产业集聚效应持续显现。",
    "下一步，开发区将围绕创新药和医疗器械两条主线，完善人才公寓、专业孵化器等配套，推动更多研发成果在本地转化落地。",
]
TITLES = [
    "开发区十一个生物医药项目集中签约",
    "生物医药中试平台明年投入使用",
    "全区生物医药产业规模同比增长",
    "创新药与医疗器械双线发力",
    "生物医药孵化器扩容",
    "高端医学影像设备项目落地",
]


@dataclass
class Bad:
    """One malformed page: what it is, and how the server answers it."""

    number: int
    kind: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    stream: Callable[[Any], None] | None = None  # writes the answer itself (never-ending, huge, trickle)
    title: str = ""

    @property
    def path(self) -> str:
        return f"/bad/2025/11/18/content_{self.number:05d}.html"


def article(rng: random.Random, title: str, *, charset: str | None = "utf-8", extra_head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in rng.sample(PARAGRAPHS, k=rng.randint(2, 4)))
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!DOCTYPE html><html><head>{meta}{extra_head}<title>{title}_测试区人民政府</title></head><body>"
        f'<div class="nav"><a href="/">首页</a></div><div class="article"><h1>{title}</h1>'
        f'<div class="info">发布时间：2025-11-18 10:30　来源：区投资促进局</div>'
        f'<div class="content">{paragraphs}</div></div></body></html>'
    )


def _html(charset: str | None = None) -> dict[str, str]:
    return {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}


# ---------------------------------------------------------------- the kinds of bad page


def encoded(html: str, encoding: str) -> bytes:
    """The page in ``encoding``; Big5 pages are written in traditional characters, as they are."""
    if encoding.startswith("big5"):
        import opencc

        html = opencc.OpenCC("s2tw").convert(html)
    return html.encode(encoding)


def wrong_charset(rng: random.Random, page: Bad) -> None:
    """Bytes in one Chinese encoding, labelled as another in the header or the meta tag."""
    actual, label = rng.choice(
        [
            ("gb18030", "utf-8"),
            ("utf-8", "gbk"),
            ("big5", "gb2312"),
            ("gbk", "big5"),
            ("utf-8", "iso-8859-1"),
            ("gbk", "iso-8859-1"),
            ("big5", "utf-8"),
        ]
    )
    where = rng.choice(["header", "meta", "both"])
    html = article(rng, page.title, charset=label if where != "header" else None)
    page.body = encoded(html, actual)
    page.headers = _html(label if where != "meta" else None)


def no_charset(rng: random.Random, page: Bad) -> None:
    """GBK, Big5 or UTF-8 with no label anywhere (many old portals)."""
    actual = rng.choice(["gb18030", "big5", "utf-8", "utf-16"])
    page.body = encoded(article(rng, page.title, charset=None), actual)
    page.headers = _html()


def mixed_encoding(rng: random.Random, page: Bad) -> None:
    """A UTF-8 template around a body pasted in GBK (or the reverse)."""
    html = article(rng, page.title, charset="utf-8")
    head, tail = html.split('<div class="content">', 1)
    outer, inner = rng.choice([("utf-8", "gb18030"), ("gb18030", "utf-8"), ("utf-8", "big5")])
    page.body = encoded(head, outer) + b'<div class="content">' + encoded(tail, inner)
    page.headers = _html(rng.choice([outer, inner, None]))


def truncated(rng: random.Random, page: Bad) -> None:
    """The answer stops anywhere: mid-tag, mid-attribute, mid-character."""
    data = article(rng, page.title).encode("utf-8")
    page.body = data[: rng.randint(1, len(data) - 1)]
    page.headers = _html(rng.choice(["utf-8", None]))


def binary(rng: random.Random, page: Bad) -> None:
    """Images, PDFs, archives and random bytes served as text/html."""
    noise = rng.randbytes(rng.randint(200, 60_000))
    magic = rng.choice([b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"", b"\xff\xd8\xff"])
    page.body = magic + noise
    page.headers = _html(rng.choice(["utf-8", "gbk", None]))


def deep_nesting(rng: random.Random, page: Bad) -> None:
    """10,000 levels of one element around the article (closed, or never closed)."""
    tag = rng.choice(["div", "span", "b", "table", "ul", "font", "a", "blockquote", "section"])
    opening = f"<{tag}>" if tag != "table" else "<table><tr><td>"
    html = article(rng, page.title)
    before, after = html.split('<div class="content">', 1)
    closing = f"</{tag}>" * 10_000 if rng.random() < 0.5 and tag != "table" else ""
    page.body = (before + opening * 10_000 + '<div class="content">' + after + closing).encode("utf-8")
    page.headers = _html("utf-8")


def tag_soup(rng: random.Random, page: Bad) -> None:
    """Hundreds of thousands of elements or attributes: a generator gone wrong, not a layout."""
    html = article(rng, page.title)
    filler = rng.choice(
        [
            "<i></i>" * 300_000,
            "<p>段落，</p>" * 120_000,
            "<div " + " ".join(f'data-a{i}="{i}"' for i in range(40_000)) + "></div>",
            "<script>var a=1;</script>" * 60_000,
            "<!--" + "注释" * 200_000,
            "<p>" + "&#xFFFFFF;&#0;&bogus;&#55296;" * 40_000 + "</p>",
        ]
    )
    page.body = html.replace("<body>", "<body>" + filler, 1).encode("utf-8")
    page.headers = _html("utf-8")


def odd_text(rng: random.Random, page: Bad) -> None:
    """Control characters, NULs, a 100,000-character title, BOMs, bidi marks, lone surrogate bytes."""
    html = article(rng, page.title)
    choice = rng.randrange(7)
    if choice == 0:
        page.body = html.replace("，", "\x00", 3).encode("utf-8")
    elif choice == 1:
        page.body = html.replace(f"<title>{page.title}", "<title>" + "标题" * 50_000, 1).encode("utf-8")
    elif choice == 2:
        page.body = codecs.BOM_UTF8 + codecs.BOM_UTF8 + html.encode("utf-8")
    elif choice == 3:
        page.body = html.replace("。", "\u202e\u200f。\u2066", 5).encode("utf-8")
    elif choice == 4:
        page.body = html.encode("utf-8").replace("生物".encode(), b"\xed\xa0\x80\xc0\xaf", 3)
    elif choice == 5:
        page.body = html.replace("<h1>", "<h1>" + "\x07\x1b[31m\x08" * 20, 1).encode("utf-8")
    else:
        page.body = html.replace("<p>", "<p>" + "字" * 300_000, 1).encode("utf-8")
    page.headers = _html(rng.choice(["utf-8", None]))


def empty(rng: random.Random, page: Bad) -> None:
    """Nothing, whitespace, a bare tag, or an XML declaration and no document."""
    page.body = rng.choice(
        [
            b"",
            b"   \n\t ",
            b"<html>",
            b"<?xml version='1.0' encoding='ebcdic'?>",
            b"<html><body></body></html>",
            b"<frameset><frame src='/x'></frameset>",
            b"\x00" * 10,
        ]
    )
    page.headers = _html(rng.choice(["utf-8", "x-unknown-charset", None]))


def redirect_loop(rng: random.Random, page: Bad) -> None:
    """A page that redirects to itself, by Location or by an instant meta refresh."""
    if rng.random() < 0.5:
        page.status, page.headers = 302, {"Location": page.path, "Content-Type": "text/html"}
    else:
        page.body = f'<html><head><meta http-equiv="refresh" content="0; url={page.path}"></head></html>'.encode()
        page.headers = _html("utf-8")


def big_body(rng: random.Random, page: Bad) -> None:
    """20 MB of article text, with a Content-Length or chunked without one."""
    unit = article(rng, page.title).encode("utf-8")
    chunked = rng.random() < 0.5

    def stream(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        if chunked:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(BIG_BODY))
        handler.end_headers()
        sent = 0
        while sent < BIG_BODY:
            piece = (unit * 64)[: BIG_BODY - sent]
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
        if chunked:
            handler.wfile.write(b"0\r\n\r\n")

    page.stream = stream


def bomb(rng: random.Random, page: Bad) -> None:
    """A small answer that inflates to gigabytes of zeros (gzip, deflate, brotli, gzip twice)."""
    encoding = rng.choice(["gzip", "deflate", "br", "gzip, gzip"])
    page.headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding}
    page.body = compressed_zeros(encoding)


def never_ends(rng: random.Random, page: Bad) -> None:
    """Headers, a little body, then silence (or one byte a second, forever)."""
    trickle = rng.random() < 0.5
    start = article(rng, page.title).encode("utf-8")[:400]

    def stream(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "200000")
        handler.end_headers()
        handler.wfile.write(start)
        handler.wfile.flush()
        stop: threading.Event = handler.server.stopping
        while not stop.wait(1.0 if trickle else 60):
            if trickle:
                handler.wfile.write(b" ")
                handler.wfile.flush()

    page.stream = stream


KINDS: list[tuple[str, int, Callable[[random.Random, Bad], None]]] = [
    ("wrong-charset", 160, wrong_charset),
    ("no-charset", 120, no_charset),
    ("mixed-encoding", 100, mixed_encoding),
    ("truncated", 180, truncated),
    ("binary", 100, binary),
    ("deep-nesting", 80, deep_nesting),
    ("tag-soup", 30, tag_soup),
    ("odd-text", 120, odd_text),
    ("empty", 40, empty),
    ("redirect-loop", 20, redirect_loop),
    ("big-body", 12, big_body),
    ("bomb", 20, bomb),
    ("never-ends", 18, never_ends),
]
# Answers that can never become an article, whatever the pipeline does.
MUST_FAIL = {"binary", "empty", "redirect-loop", "big-body", "bomb", "never-ends"}

_BOMBS: dict[str, bytes] = {}


def compressed_zeros(encoding: str) -> bytes:
    """Zeros that inflate to 1 GB (gzip: 16 members of 64 MB) or 256 MB (deflate, brotli); made once."""
    if encoding not in _BOMBS:
        zeros = bytes(BOMB_MEMBER)
        if encoding == "gzip":
            _BOMBS[encoding] = gzip.compress(zeros, 9, mtime=0) * 16
        elif encoding == "deflate":
            packer = zlib.compressobj(1)
            _BOMBS[encoding] = b"".join([*(packer.compress(zeros) for _ in range(4)), packer.flush()])
        elif encoding == "br":
            _BOMBS[encoding] = brotli.compress(zeros * 4, quality=1)
        else:
            _BOMBS[encoding] = gzip.compress(compressed_zeros("gzip"), 9, mtime=0)
    return _BOMBS[encoding]


def generate(seed: int = SEED) -> list[Bad]:
    """The thousand pages, the same every time for one seed."""
    rng = random.Random(seed)
    pages: list[Bad] = []
    for kind, count, make in KINDS:
        for _ in range(count):
            page = Bad(len(pages) + 1, kind, title=f"{rng.choice(TITLES)}（{len(pages) + 1}）")
            make(rng, page)
            pages.append(page)
    rng.shuffle(pages)
    return pages
