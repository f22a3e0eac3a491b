"""A traditional-Chinese reprint site in Big5 with an Atom feed advertised by its list page."""

from __future__ import annotations

from . import Article, SiteBuild, esc, others

SITE = "香江經貿網"
COPYRIGHT = "香江經貿網 版權所有 不得轉載"
NAV = [("/", "首頁"), ("/news/", "要聞"), ("/hk/", "港聞"), ("/finance/", "財經"), ("/gba/", "大灣區"),
       ("/china/", "中國"), ("/world/", "國際"), ("/property/", "地產"), ("/tech/", "科技"),
       ("/health/", "醫療"), ("/life/", "生活"), ("/opinion/", "評論"), ("/special/", "專題")]

TICKER = """
(function(){ var t = document.querySelector('.ticker'); if (!t) { return; } var i = 0;
  setInterval(function(){ var links = t.getElementsByTagName('a'); for (var k = 0; k < links.length; k++) { links[k].style.fontWeight = k === i ? 'bold' : 'normal'; }
    i = (i + 1) % links.length; }, 3000); })();
"""

STYLE = """
body{margin:0;font:16px/1.8 "PingFang TC","Microsoft JhengHei",sans-serif;color:#262626;background:#fafafa}
a{color:#262626;text-decoration:none}header{background:#00335e;color:#fff}
header .w,.crumb,.wrap,footer .w{max-width:1100px;margin:0 auto}
header .brand{font-size:28px;font-weight:700;line-height:64px}header nav a{color:#dfe9f3;margin-right:18px;line-height:40px}
.crumb{font-size:13px;color:#888;margin:14px auto}.wrap{display:flex;gap:32px}
.story{flex:1;background:#fff;padding:24px 32px}.story h1{font-size:28px;line-height:1.4;margin:0 0 12px}
.byline{color:#888;font-size:13px;margin-bottom:18px}.story-body p{margin:0 0 1.1em}
.repost{color:#999;font-size:13px}.tags a{display:inline-block;background:#eef3f8;padding:0 8px;margin-right:6px;font-size:13px}
.more h2,aside h3{font-size:17px;border-left:4px solid #00335e;padding-left:8px}aside{width:300px}
.feed-list li{padding:12px 0;border-bottom:1px solid #eee}.feed-list time{color:#999;font-size:12px;margin-left:10px}
.ticker{max-width:1100px;margin:8px auto;font-size:13px;color:#c00}.ticker a{margin-right:14px;color:#555}
@media (max-width:768px){.wrap{display:block}aside{width:auto}.story{padding:16px}}
footer{margin-top:36px;background:#1c1c1c;color:#999;font-size:12px;line-height:2;padding:18px 0;text-align:center}
"""


def _head(title: str, a: Article | None = None) -> str:
    canonical = f'<link rel="canonical" href="__BASE__{a.path}">\n' if a is not None else ""
    nav = "".join(f'<a href="{h}">{t}</a>' for h, t in NAV)
    return f"""<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="big5">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title>
{canonical}<link rel="alternate" type="application/atom+xml" title="{SITE} 大灣區產業" href="__BASE__/atom.xml">
<style>{STYLE}</style>
</head>
<body>
<header><div class="w"><div class="brand">{SITE}</div><nav>{nav}</nav></div></header>
<div class="ticker"><span>即時：</span><a href="/markets/">恆指收市報價</a> <a href="/markets/a-share/">滬深兩市成交</a> <a href="/fx/">人民幣匯率</a> <a href="/weather/">天氣</a></div>
"""


def _footer() -> str:
    return f"""<footer><div class="w">
<p><a href="/about/">關於我們</a> | <a href="/contact/">聯絡我們</a> | <a href="/privacy/">私隱政策</a> | <a href="/disclaimer/">免責聲明</a></p>
<p>{COPYRIGHT}</p>
<p><a href="/ads/">廣告查詢</a> | <a href="/subscribe/">訂閱電子報</a> | <a href="/app/">下載應用程式</a> | <a href="/careers/">加入我們</a></p>
</div></footer>
<script>{TICKER}</script>
</body>
</html>
"""


def _byline(a: Article) -> str:
    if a.date_style == "text":
        return f'<div class="byline">發佈時間：{a.when:%Y/%m/%d %H:%M}　來源：{esc(a.source)}</div>'
    return (f'<div class="byline"><time datetime="{a.when:%Y-%m-%dT%H:%M:%S}+08:00">{a.when:%Y年%m月%d日 %H:%M}</time>'
            f"　來源：{esc(a.source)}</div>")


def _article_page(a: Article, pool: list[Article]) -> str:
    body = "\n".join(f"<p><strong>{esc(t)}</strong></p>" if k == "h" else f"<p>{esc(t)}</p>" for k, t in a.paragraphs)
    more = "".join(f'<li><a href="__BASE__{r.path}">{esc(r.title)}</a></li>\n' for r in others(pool, a, 3))
    hot = "".join(f'<li><a href="__BASE__{r.path}">{esc(r.title)}</a></li>\n' for r in others(pool, a, 7)[3:7])
    note = f'<p class="repost">{esc(a.note)}</p>\n' if a.note else ""
    return _head(f"{a.title} | {SITE}", a) + f"""<div class="crumb"><a href="/">首頁</a> &gt; <a href="/gba/">大灣區</a> &gt; 產業</div>
<div class="wrap">
<article class="story">
<h1>{esc(a.title)}</h1>
{_byline(a)}
<div class="story-body">
{body}
</div>
{note}<div class="tags">標籤：<a href="/tag/生物醫藥/">生物醫藥</a><a href="/tag/大灣區/">大灣區</a></div>
<section class="more"><h2>延伸閱讀</h2><ul>
{more}</ul></section>
</article>
<aside><h3>熱門文章</h3><ol>
{hot}</ol></aside>
</div>
""" + _footer()


def _list_page(items: list[Article]) -> str:
    lis = "".join(f'<li><a href="__BASE__{a.path}">{esc(a.title)}</a><time>{a.when:%m-%d %H:%M}</time></li>\n'
                  for a in items)
    return _head(f"大灣區產業 | {SITE}") + f"""<div class="crumb"><a href="/">首頁</a> &gt; 大灣區 &gt; 產業</div>
<div class="wrap"><div class="story"><h2>大灣區產業</h2><ul class="feed-list">
{lis}</ul><p><a href="__BASE__/atom.xml">訂閱本欄 Atom</a></p></div></div>
""" + _footer()


def _atom(items: list[Article]) -> str:
    entries = "\n".join(f"""<entry>
<title>{esc(a.title)}</title>
<link rel="alternate" type="text/html" href="__BASE__{a.path}"/>
<id>tag:hkjingmao.example,2025:{a.path.rsplit("/", 1)[1][1:-5]}</id>
<published>{a.when:%Y-%m-%dT%H:%M:%S}+08:00</published>
<updated>{a.when:%Y-%m-%dT%H:%M:%S}+08:00</updated>
<author><name>{esc(a.author or SITE)}</name></author>
<summary>{esc(a.lead)}</summary>
</entry>""" for a in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant">
<title>{SITE} - 大灣區產業</title>
<link rel="alternate" type="text/html" href="__BASE__/news/index.html"/>
<link rel="self" type="application/atom+xml" href="__BASE__/atom.xml"/>
<id>tag:hkjingmao.example,2025:gba-industry</id>
<updated>{items[0].when:%Y-%m-%dT%H:%M:%S}+08:00</updated>
{entries}
</feed>
"""


def build(articles: list[Article], by_id: dict[str, Article]) -> SiteBuild:
    base = sorted((a for a in articles if a.variant is None), key=lambda a: (a.date, a.path), reverse=True)
    late = sorted((a for a in articles if a.variant == "late"), key=lambda a: (a.date, a.path), reverse=True)
    files = {a.path.lstrip("/"): _article_page(a, base) for a in base}
    files["news/index.html"] = _list_page(base)
    files["atom.xml"] = _atom(base)
    files["index.html"] = _head(SITE) + '<div class="wrap"><div class="story"><h2><a href="/news/index.html">大灣區產業</a></h2></div></div>\n' + _footer()
    files["robots.txt"] = "User-agent: *\nDisallow:\n"
    everything = late + base
    overlay = {a.path.lstrip("/"): _article_page(a, everything) for a in late}
    overlay["news/index.html"] = _list_page(everything)
    overlay["atom.xml"] = _atom(everything)
    boilerplate = {}
    for a in everything:
        pool = base if a.variant is None else everything
        bp = [COPYRIGHT, "延伸閱讀", "熱門文章", "標籤：", f"來源：{a.source}"] + [r.title for r in others(pool, a, 3)]
        if a.note:
            bp.append(a.note)
        boilerplate[a.id] = bp
    slow, target = by_id["K8"], by_id["K3"]
    return SiteBuild(
        files=files, variants={"late": overlay}, boilerplate=boilerplate,
        aliases={slow.id: ["/noise/slow.html"], target.id: ["/noise/redirect-1.html", "/noise/redirect-2.html"]},
        noise=[],
        site_json={"redirect_to": target.path, "slow_article": slow.path},
        entry_points={"home": "/index.html", "list": "/news/index.html", "feed": "/atom.xml"},
        encoding="big5",
    )
