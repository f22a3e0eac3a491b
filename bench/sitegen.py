"""A generated district-portal website for the throughput benchmark, written to a directory.

Portal-style pages (navigation, sidebars, link-heavy footers, inline CSS and JS) of 20–130 KB
(log-uniform, median ~51 KB) around 2–10 KB Chinese bodies assembled from original sentence
templates in the biomedical-cluster genre (``sitetext.py``). A fifth of the articles are short
items of one or two paragraphs (40–160 characters) under heavy furniture: a 40-link sidebar and
the site's copyright notice, longer than the item, in both a desktop and a mobile footer. Four
columns, each a paginated list (20 links a page, TRS-style ``index_N.html``), two in UTF-8 and
two in GBK, with the charset declared in the header, the ``<meta>``, both or (rarely) nowhere.
Everything comes from one seed.

    .venv/bin/python bench/sitegen.py DIR --pages 2000
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path

from sitetext import CSS_RULES, DEPARTMENTS, GIVEN, NAV, NOTICE, SURNAMES, Writer

PER_LIST_PAGE = 20
MIN_PAGE, MAX_PAGE = 20_000, 130_000  # HTML bytes of an article page
MIN_BODY, MAX_BODY = 2_000, 10_000  # UTF-8 bytes of an article body
SHORT_SHARE = 0.2  # of the articles: short items under heavy furniture
# --light: a county portal's small pages, 15–25 KB, half of them 1–2 paragraph items
LIGHT_PAGE = (15_000, 25_000)
LIGHT_SHORT_SHARE = 0.5
SIDEBAR_LINKS = 40  # on a short item's page
SITE_NAME = "广州市黄埔区人民政府"
NEWEST = date(2025, 11, 20)


@dataclass(frozen=True)
class Column:
    """One column of the portal: a paginated list of articles, in one encoding."""

    slug: str
    name: str
    charset: str  # utf-8 | gbk


COLUMNS = (
    Column("gzdt", "工作动态", "utf-8"),
    Column("tzgg", "通知公告", "gbk"),
    Column("zsyz", "招商引资", "utf-8"),
    Column("cyfz", "产业发展", "gbk"),
)


@dataclass
class ArticleSpec:
    """One generated article: where it lives and what its page says."""

    column: Column
    path: str  # e.g. /gzdt/202511/t20251118_100023.html
    title: str
    published: str  # 2025-11-18 10:30
    paragraphs: list[str] = field(default_factory=list)
    short: bool = False  # a short item under heavy furniture


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def plan(pages: int, seed: int = 20251120, short_share: float = SHORT_SHARE) -> list[ArticleSpec]:
    """Articles spread over the columns round-robin, newest first, about 16 a day; one in
    ``1 / short_share`` on average is a short item."""
    rng = random.Random(seed)
    writer = Writer(rng)
    specs = []
    for i in range(pages):
        column = COLUMNS[i % len(COLUMNS)]
        day = NEWEST - timedelta(days=i // 16)
        stamp = f"{day:%Y-%m-%d} {rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        path = f"/{column.slug}/{day:%Y%m}/t{day:%Y%m%d}_{100000 + i}.html"
        short = rng.random() < short_share
        title, paragraphs = writer.short_item() if short else writer.article(rng.randint(MIN_BODY, MAX_BODY))
        specs.append(ArticleSpec(column, path, title, stamp, paragraphs, short))
    return specs


# ---------------------------------------------------------------- page furniture


def _head(title: str, charset_meta: str | None, rng: random.Random, extra: str = "") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    rules = "".join(
        f".c{i} .m{rng.randint(1, 99)}{{{rng.choice(CSS_RULES).format(w=rng.randint(10, 990), h=rng.randint(2, 30))}}}\n"
        for i in range(120)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{meta}\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}_{SITE_NAME}</title>\n{extra}"
        f'<link rel="stylesheet" href="/images/common.css">\n<style type="text/css">\n{rules}</style>\n'
        f'<script type="text/javascript">var _hmt = _hmt || []; var siteId = "4401120001";'
        f'function setFont(s){{document.getElementById("zoom").style.fontSize=s+"px";}}</script>\n</head>\n'
    )


def _top(current: str) -> str:
    nav = "".join(f'<li><a href="/{"" if i == 0 else f"col{i}/"}">{name}</a></li>' for i, name in enumerate(NAV))
    return (
        f'<body>\n<div class="topbar"><div class="w1200"><span>欢迎访问{SITE_NAME}门户网站</span>'
        f'<a href="/wza/">无障碍</a><a href="/en/">English</a><a href="/login/">登录</a></div></div>\n'
        f'<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{SITE_NAME}"></a></div>'
        f'<div class="searchbox"><form action="/search/"><input name="q" type="text"><button>搜索</button></form></div></div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n'
        f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; {current}</div>\n'
    )


def _sidebar(others: list[ArticleSpec], links: int = 10) -> str:
    """Hot news (``links`` of them: full titles and dates when there are many) and picture news."""
    if links > 10:
        hot = "".join(
            f'<li><a href="{o.path}" title="{escape(o.title)}">{escape(o.title)}</a>'
            f"<span>{o.published[5:10]}</span></li>"
            for o in others[:links]
        )
    else:
        hot = "".join(
            f'<li><a href="{o.path}" title="{escape(o.title)}">{escape(o.title[:18])}…</a></li>' for o in others[:links]
        )
    pics = "".join(
        f'<li><a href="{o.path}"><img src="/images/p{i}.jpg" alt="{escape(o.title)}"></a></li>'
        for i, o in enumerate(others[10:14])
    )
    return (
        f'<div class="side"><div class="box"><div class="box-tit"><h3>热点新闻</h3></div><ul class="hot-list">{hot}</ul></div>'
        f'<div class="box"><div class="box-tit"><h3>图片新闻</h3></div><ul class="pic-list">{pics}</ul></div></div>\n'
    )


def _notice() -> str:
    """The site's copyright notice, once for desktops and again for phones (shown by CSS)."""
    lines = "".join(f"<p>{escape(line.format(site=SITE_NAME))}</p>" for line in NOTICE)
    return f'<div class="bottom"><div class="w1200">{lines}</div></div>\n<div class="m-bottom">{lines}</div>\n'


def _footer(rng: random.Random, target: int, so_far: int, charset: str, notice: bool = False) -> str:
    """Friend links, a sitemap of department pages and statistics scripts, padded to ``target``;
    the site's long copyright notice (twice) when ``notice``, else its short footer."""
    parts = [
        '<div class="friendlink"><span>友情链接：</span><select onchange="window.open(this.value)">'
        + "".join(f'<option value="http://www.gz.gov.cn/d{i}/">{d}</option>' for i, d in enumerate(DEPARTMENTS))
        + "</select></div>\n"
    ]
    foot = (
        _notice()
        if notice
        else (
            '<div class="footer"><p>主办单位：广州市黄埔区人民政府办公室 承办：广州市黄埔区政务服务数据管理局</p>'
            "<p>网站标识码：4401120001 粤ICP备2025000000号 粤公网安备 44011202000000号</p>"
            "<p>版权所有 &copy; 广州市黄埔区人民政府 未经许可不得复制</p></div>\n"
        )
    )
    tail = (
        foot + '<script type="text/javascript">(function(){var hm=document.createElement("script");'
        'hm.src="/js/stat.js";document.body.appendChild(hm);})();</script>\n</body>\n</html>\n'
    )
    size = (
        so_far
        + sum(len(p.encode(charset, errors="xmlcharrefreplace")) for p in parts)
        + len(tail.encode(charset, errors="xmlcharrefreplace"))
    )
    block = 0
    while size < target:
        if block % 3 == 2:  # portals inline their menu data as script blobs
            items = ",".join(
                f'{{"id":{rng.randint(1000, 99999)},"name":"{rng.choice(DEPARTMENTS)}{rng.choice(NAV)}",'
                f'"url":"/col/col{rng.randint(1000, 9999)}/index.html"}}'
                for _ in range(25)
            )
            piece = f'<script type="text/javascript">var menuData{block} = [{items}];</script>\n'
        else:
            links = "".join(
                f'<li><a href="/bm{block}/col{rng.randint(100, 999)}/">{rng.choice(NAV)}</a></li>' for _ in range(18)
            )
            piece = f'<div class="sitemap-col"><h4>{rng.choice(DEPARTMENTS)}</h4><ul>{links}</ul></div>\n'
        parts.append(piece)
        size += len(piece.encode(charset, errors="xmlcharrefreplace"))
        block += 1
    return '<div class="sitemap">' + "".join(parts) + "</div>\n" + tail


# ---------------------------------------------------------------- pages


def article_page(
    spec: ArticleSpec, others: list[ArticleSpec], target: int, charset_meta: str | None, rng: random.Random
) -> str:
    """The article's full HTML, padded towards ``target`` bytes (UTF-8 count) by the footer."""
    col = spec.column
    extra = (
        f'<meta name="ArticleTitle" content="{escape(spec.title)}">\n<meta name="PubDate" content="{spec.published}">\n'
        f'<meta name="ColumnName" content="{col.name}">\n'
        f'<meta name="description" content="{escape(spec.paragraphs[0][:80])}">\n'
    )
    body = "".join(f'<p style="text-indent:2em;">{escape(p)}</p>\n' for p in spec.paragraphs)
    related = "".join(
        f'<li><a href="{o.path}">{escape(o.title)}</a><span>{o.published[:10]}</span></li>' for o in others[14:26]
    )
    prev_next = (
        f'<div class="prevnext"><p>上一篇：<a href="{others[0].path}">{escape(others[0].title)}</a></p>'
        f'<p>下一篇：<a href="{others[1].path}">{escape(others[1].title)}</a></p></div>'
    )
    main = (
        f'<div class="main w1200"><div class="content-left"><div class="article">\n'
        f"<h1>{escape(spec.title)}</h1>\n"
        f'<div class="info"><span>发布时间：{spec.published}</span><span>来源：{rng.choice(DEPARTMENTS)}</span>'
        f'<span>浏览次数：<em id="hits">{rng.randint(50, 9000)}</em></span>'
        f'<span class="font">字号：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> '
        f'<a href="javascript:setFont(14)">小</a></span></div>\n'
        f'<div class="TRS_Editor" id="zoom">\n{body}</div>\n'
        f'<div class="editor">责任编辑：{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}</div>\n'
        f'<div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a></div>\n'
        f'{prev_next}\n<div class="related"><div class="tit"><h3>相关新闻</h3></div><ul>{related}</ul></div>\n'
        f'<div class="tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>\n'
        f"</div></div>\n{_sidebar(others, SIDEBAR_LINKS if spec.short else 10)}</div>\n"
    )
    start = _head(spec.title, charset_meta, rng, extra) + _top(f'<a href="/{col.slug}/">{col.name}</a>') + main
    so_far = len(start.encode(col.charset, errors="xmlcharrefreplace"))
    return start + _footer(rng, target, so_far, col.charset, notice=spec.short)


def list_page(
    column: Column,
    items: list[ArticleSpec],
    number: int,
    total: int,
    others: list[ArticleSpec],
    charset_meta: str | None,
    rng: random.Random,
) -> str:
    """Page ``number`` (0-based; 0 is index.html) of a column's list, with a 下一页 pager."""
    rows = "".join(
        f'<li><a href=".{s.path[len(column.slug) + 1 :]}" target="_blank" title="{escape(s.title)}">'
        f'{escape(s.title)}</a><span class="date">{s.published[:10]}</span></li>\n'
        for s in items
    )

    def name(n: int) -> str:
        return "index.html" if n == 0 else f"index_{n}.html"

    pager = [f'<a href="{name(0)}">首页</a>']
    if number > 0:
        pager.append(f'<a href="{name(number - 1)}">上一页</a>')
    if number + 1 < total:
        pager.append(f'<a href="{name(number + 1)}">下一页</a>')
    pager.append(f'<a href="{name(total - 1)}">尾页</a><span>共{total}页</span>')
    main = (
        f'<div class="main w1200"><div class="content-left"><div class="list-tit"><h2>{column.name}</h2></div>\n'
        f'<ul class="list">\n{rows}</ul>\n<div class="pagination">{" ".join(pager)}</div>\n'
        f'<script type="text/javascript">createPageHTML({total}, {number}, "index", "html");</script>\n'
        f"</div>\n{_sidebar(others)}</div>\n"
    )
    start = _head(column.name, charset_meta, rng) + _top(column.name) + main
    return start + _footer(rng, 30_000, len(start.encode(column.charset, errors="xmlcharrefreplace")), column.charset)


@dataclass(frozen=True)
class Built:
    """What was written: every article's path (newest first) and the Content-Type of every file."""

    root: Path
    articles: list[str]
    content_types: dict[str, str]


def _declaration(column: Column, rng: random.Random) -> tuple[str, str | None]:
    """(Content-Type header, meta charset): both, meta only, header only, or (5 %) neither."""
    label = "utf-8" if column.charset == "utf-8" else rng.choice(("gbk", "gb2312"))
    roll = rng.random()
    if roll < 0.05:
        return "text/html", None
    if roll < 0.45:
        return f"text/html; charset={label}", label
    if roll < 0.85:
        return "text/html", label
    return f"text/html; charset={label}", None


def build(root: Path, pages: int, seed: int = 20251120, light: bool = False) -> Built:
    """Write the site for ``pages`` articles under ``root`` (with manifest.json) and describe it;
    ``light``: small pages, half of them short items (``LIGHT_PAGE``, ``LIGHT_SHORT_SHARE``)."""
    rng = random.Random(seed + 1)
    specs = plan(pages, seed, LIGHT_SHORT_SHARE if light else SHORT_SHARE)
    low, high = LIGHT_PAGE if light else (MIN_PAGE, MAX_PAGE)
    types: dict[str, str] = {}

    def write(path: str, html: str, column: Column, header: str) -> None:
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html.encode(column.charset, errors="xmlcharrefreplace"))
        types[path] = header

    for i, spec in enumerate(specs):
        others = [specs[(i + k * 7 + 1) % len(specs)] for k in range(max(26, SIDEBAR_LINKS))]
        header, meta = _declaration(spec.column, rng)
        html = article_page(spec, others, _log_uniform(rng, low, high), meta, rng)
        write(spec.path, html, spec.column, header)
    for column in COLUMNS:
        items = [s for s in specs if s.column == column]
        total = max(1, math.ceil(len(items) / PER_LIST_PAGE))
        for number in range(total):
            chunk = items[number * PER_LIST_PAGE : (number + 1) * PER_LIST_PAGE]
            header, meta = _declaration(column, rng)
            if meta is None:  # an undeclared list page would test charset guessing, not the crawl
                header, meta = f"text/html; charset={column.charset}", column.charset
            path = f"/{column.slug}/index.html" if number == 0 else f"/{column.slug}/index_{number}.html"
            write(path, list_page(column, chunk, number, total, specs[:26], meta, rng), column, header)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /search/\nDisallow: /login/\n", encoding="ascii")
    types["/robots.txt"] = "text/plain; charset=utf-8"
    built = Built(root, [s.path for s in specs], types)
    (root / "manifest.json").write_text(
        json.dumps({"articles": built.articles, "content_types": types}, ensure_ascii=False), encoding="utf-8"
    )
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20251120)
    parser.add_argument("--light", action="store_true", help="15–25 KB pages, half of them short items")
    args = parser.parse_args()
    built = build(args.root, args.pages, args.seed, args.light)
    sizes = [(args.root / p.lstrip("/")).stat().st_size for p in built.articles]
    print(
        f"{len(sizes)} articles, {sum(sizes) / len(sizes) / 1000:.1f} KB mean, "
        f"{min(sizes) / 1000:.1f}–{max(sizes) / 1000:.1f} KB, in {args.root}"
    )


if __name__ == "__main__":
    main()
