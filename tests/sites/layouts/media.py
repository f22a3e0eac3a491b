"""A provincial news site in UTF-8: RSS feed, paginated list, 相关新闻 blocks, editor lines."""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from email.utils import format_datetime

from . import Article, Noise, SiteBuild, esc, others

SITE = "岭南观察网"
CHINA = timezone(timedelta(hours=8))
PER_PAGE = 10
UTM = "?utm_source=wechat&spm=a.b.c"
COPYRIGHT = "Copyright © 2025 岭南观察网 All Rights Reserved."
LICENCE = "互联网新闻信息服务许可证：44120170009"
CHANNELS = [("/", "首页"), ("/politics/", "时政"), ("/economy/", "经济"), ("/news/", "产业"), ("/tech/", "科技"),
            ("/health/", "健康"), ("/culture/", "文旅"), ("/sports/", "体育"), ("/video/", "视频"),
            ("/photo/", "图片"), ("/special/", "专题"), ("/opinion/", "评论"), ("/gba/", "湾区"),
            ("/world/", "海外"), ("/epaper/", "数字报")]

CITIES = ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山", "江门",
          "阳江", "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮"]
PARTNERS = ["南方网", "金羊网", "大洋网", "深圳新闻网", "珠海新闻网", "佛山新闻网", "东莞时间网", "中山网", "江门新闻网",
            "湛江云媒", "惠州新闻网", "汕头橄榄台", "清远日报", "肇庆星湖网", "韶关新闻网"]
PHOTOS = ["珠江两岸灯光秀点亮羊城夜色", "初冬时节 南岭层林尽染", "早茶文化节吸引海内外游客", "湾区马拉松鸣枪开跑"]
ADS_SCRIPT = """
(function(){ var slots = document.querySelectorAll('[data-ad-slot]');
  for (var i = 0; i < slots.length; i++) { var slot = slots[i]; var img = new Image();
    img.src = '/ads/serve?slot=' + slot.getAttribute('data-ad-slot') + '&r=' + Math.random();
    img.alt = '广告'; slot.appendChild(img); } })();
window.shareConfig = { title: document.title, url: location.href, weibo: { appkey: '2763590418' }, wechat: { qrcode: '/qrcode?u=' } };
function openShare(kind){ var c = window.shareConfig; if (kind === 'weibo') { window.open('https://service.weibo.com/share/share.php?url=' +
  encodeURIComponent(c.url) + '&title=' + encodeURIComponent(c.title)); } else { document.getElementById('wx-qrcode').style.display = 'block'; } }
"""

STYLE = """
*{box-sizing:border-box}body{margin:0;font:15px/1.75 "PingFang SC","Microsoft YaHei",sans-serif;color:#222}
a{color:#222;text-decoration:none}.topbar{background:#222;color:#aaa;font-size:12px;line-height:28px}
.topbar .w,.header .w,.crumb,.main,.footer .w{width:1140px;margin:0 auto}
.header{border-bottom:3px solid #c1121f}.header .logo{font-size:34px;font-weight:800;color:#c1121f;line-height:80px}
.channels{display:flex;gap:18px;font-size:16px;line-height:44px}.channels a:hover{color:#c1121f}
.crumb{font-size:13px;color:#888;margin:14px auto}.main{display:flex;gap:36px}
.left{flex:1}.right{width:300px}.headline{font-size:30px;line-height:1.4;margin:6px 0 12px}
.info{color:#888;font-size:13px;margin-bottom:18px}.info span{margin-right:16px}
.share{float:right}.share a{display:inline-block;width:24px;height:24px;margin-left:6px;background:#eee;border-radius:12px}
.content{font-size:17px;line-height:1.9}.content p{margin:0 0 1.2em;text-indent:2em}
.editor{text-align:right;color:#888;font-size:13px}.disclaimer{color:#999;font-size:12px;margin:10px 0}
.related{margin-top:28px;border-top:1px solid #eee}.related h3{font-size:18px;border-left:4px solid #c1121f;padding-left:8px}
.related li{line-height:34px}.related li span{color:#aaa;font-size:12px;margin-left:8px}
.right h4{font-size:16px;border-bottom:1px solid #ddd;line-height:36px;margin:0 0 8px}
.right ol{padding-left:20px}.right li{line-height:30px;font-size:14px}
.list li{border-bottom:1px solid #f0f0f0;padding:14px 0}.list h3{margin:0;font-size:19px}
.list p{margin:4px 0;color:#666;font-size:14px}.list .time{color:#aaa;font-size:12px}
.pager{margin:24px 0;text-align:center}.pager a{margin:0 6px}
.cities{font-size:13px;color:#666;line-height:30px}.cities a{margin-right:10px;color:#666}
.photos li{display:inline-block;width:140px;margin:0 6px 8px 0;font-size:12px;vertical-align:top}
.qrcode{position:fixed;right:20px;bottom:20px;background:#fff;border:1px solid #ddd;padding:10px;text-align:center}
.comment{margin-top:24px;padding:16px;background:#fafafa;color:#999}.partners{color:#aaa}
@media (max-width:768px){.topbar,.cities,.right,.share{display:none}.main,.crumb,.header .w{width:auto;padding:0 12px}
.headline{font-size:22px}.content{font-size:16px}.channels{overflow-x:auto;white-space:nowrap}}
.footer{margin-top:40px;background:#f5f5f5;color:#888;font-size:12px;line-height:2;padding:20px 0;text-align:center}
"""


def _head(title: str, a: Article | None = None) -> str:
    charset = "" if a is not None and a.no_charset else '<meta charset="utf-8">\n'
    extra = ""
    if a is not None:
        extra += f'<meta name="keywords" content="{esc(a.title[:10])},{SITE}">\n'
        extra += f'<meta name="description" content="{esc(a.lead)}">\n'
        if a.date_style == "meta":
            extra += f'<meta name="publishdate" content="{a.when:%Y-%m-%d %H:%M:%S}">\n'
            extra += f'<meta property="og:title" content="{esc(a.title)}">\n<meta property="og:type" content="article">\n'
        if a.date_style == "jsonld":
            data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                    "datePublished": f"{a.when:%Y-%m-%dT%H:%M:%S}+08:00", "dateModified": f"{a.when:%Y-%m-%dT%H:%M:%S}+08:00",
                    "author": {"@type": "Person", "name": a.author or SITE},
                    "publisher": {"@type": "Organization", "name": SITE,
                                  "logo": {"@type": "ImageObject", "url": "__BASE__/images/logo.png"}},
                    "mainEntityOfPage": f"__BASE__{a.path}"}
            extra += f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
        if a.canonical:
            extra += f'<link rel="canonical" href="__BASE__{a.path}">\n'
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{extra}<link rel="alternate" type="application/rss+xml" title="{SITE} 产业新闻" href="__BASE__/rss.xml">
<style>{STYLE}</style>
</head>
<body>
<div class="topbar"><div class="w">{SITE}　|　<a href="/app/">客户端下载</a>　<a href="/login/">登录</a>　<a href="/register/">注册</a></div></div>
<div class="header"><div class="w"><div class="logo">{SITE}</div>
<nav class="channels">{"".join(f'<a href="{h}">{t}</a>' for h, t in CHANNELS)}</nav>
<nav class="cities">地方频道：{"".join(f'<a href="/city/{i:02d}/">{c}</a>' for i, c in enumerate(CITIES))}</nav></div></div>
"""


def _hot(pool: list[Article]) -> str:
    items = "".join(f'<li><a href="__BASE__{a.path}">{esc(a.title)}</a></li>\n' for a in pool)
    photos = "".join(f'<li><a href="/photo/2025-11/{i + 1:02d}.htm"><img src="/images/photo_{i + 1:02d}.jpg" alt="" width="140" height="90">'
                     f'<span>{t}</span></a></li>\n' for i, t in enumerate(PHOTOS))
    return f"""<div class="right">
<h4>24小时热点</h4><ol>
{items}</ol>
<h4>图片新闻</h4><ul class="photos">
{photos}</ul>
<h4>专题</h4><ul><li><a href="/special/gba2025/">湾区观察·2025</a></li><li><a href="/special/jjsj/">高质量发展调研行</a></li><li><a href="/special/xczx/">百县千镇万村高质量发展工程</a></li></ul>
<div class="ad" data-ad-slot="right-300x250"></div>
<div class="qrcode" id="wx-qrcode" style="display:none"><img src="/images/qrcode.png" alt="微信扫一扫" width="120" height="120"><p>微信扫一扫，分享到朋友圈</p></div>
</div>
"""


def _footer() -> str:
    return f"""<div class="footer"><div class="w">
<p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/ads/">广告服务</a> | <a href="/copyright/">版权声明</a> | <a href="/sitemap/">网站地图</a></p>
<p>{COPYRIGHT}　未经授权禁止转载、摘编、复制或建立镜像</p>
<p>{LICENCE}　粤ICP备17045392号　违法和不良信息举报电话：020-87370000</p>
<p class="partners">合作媒体：{"　".join(PARTNERS)}</p>
<p><a href="/report/">网上有害信息举报专区</a> | <a href="/minors/">未成年人保护</a> | <a href="/jobs/">招贤纳士</a></p>
</div></div>
<script>{ADS_SCRIPT}</script>
<script src="/js/stat.js"></script>
</body>
</html>
"""


def _time_text(a: Article) -> str:
    if a.date_style == "text":
        return f"{a.when:%Y年%m月%d日 %H:%M}"
    return f"{a.when:%Y-%m-%d %H:%M}"


def _article_page(a: Article, site_articles: list[Article]) -> str:
    related = others(site_articles, a, 3)
    hot = others(site_articles, a, 9)[3:9]
    paragraphs = "\n".join(f"<p><strong>{esc(t)}</strong></p>" if k == "h" else f"<p>{esc(t)}</p>"
                           for k, t in a.paragraphs)
    # Pages that print their date as text also keep the editor line inside the body container.
    if a.date_style == "text":
        paragraphs += f'\n<p class="edit">【责任编辑：{esc(a.editor)}】</p>'
        editor = ""
    else:
        editor = f'<div class="editor">（责任编辑：{esc(a.editor)}）</div>\n'
    author = f'<span class="author">作者：{esc(a.author)}</span>' if a.author else ""
    disclaimer = f'<div class="disclaimer">{esc(a.note)}</div>\n' if a.note else ""
    rel = "".join(f'<li><a href="__BASE__{r.path}">{esc(r.title)}</a><span>{r.day}</span></li>\n' for r in related)
    return _head(f"{a.title}_{SITE}", a) + f"""<div class="crumb"><a href="/">{SITE}</a> &gt; <a href="/news/">产业</a> &gt; 正文</div>
<div class="main">
<div class="left">
<h1 class="headline">{esc(a.title)}</h1>
<div class="info"><span class="time">{_time_text(a)}</span><span class="source">来源：{esc(a.source)}</span>{author}
<span class="share">分享到：<a href="javascript:;" title="微信"></a><a href="javascript:;" title="微博"></a><a href="javascript:;" title="QQ"></a></span></div>
<div class="content" id="articleContent">
{paragraphs}
</div>
{editor}{disclaimer}<div class="related"><h3>相关新闻</h3><ul>
{rel}</ul></div>
<div class="comment">网友评论（0）　<a href="/login/">登录</a>后参与评论</div>
</div>
{_hot(hot)}</div>
""" + _footer()


def _list_page(rows: list[tuple[str, str, str, str]], index: int, pages: int, hot: list[Article]) -> str:
    items = "".join(f'<li><h3><a href="{href}" target="_blank">{esc(title)}</a></h3><p>{esc(lead)}</p>'
                    f'<span class="time">{when}</span></li>\n' for href, title, lead, when in rows)
    name = ["index.html"] + [f"index_{i + 1}.html" for i in range(1, pages)]
    prev = f'<a href="{name[index - 1]}">上一页</a>' if index > 0 else ""
    nxt = f'<a class="next" href="{name[index + 1]}">下一页</a>' if index + 1 < pages else ""
    nums = "".join(f"<span>{i + 1}</span>" if i == index else f'<a href="{name[i]}">{i + 1}</a>' for i in range(pages))
    return _head(f"产业_{SITE}") + f"""<div class="crumb"><a href="/">{SITE}</a> &gt; 产业</div>
<div class="main">
<div class="left"><ul class="list">
{items}</ul>
<div class="pager">{prev}{nums}{nxt}</div>
</div>
{_hot(hot)}</div>
""" + _footer()


def _rss(items: list[tuple[Article, str]]) -> str:
    entries = []
    for a, link in items:
        entries.append(f"""<item>
<title>{esc(a.title)}</title>
<link>{esc(link)}</link>
<description><![CDATA[{a.lead}]]></description>
<pubDate>{format_datetime(a.when.replace(tzinfo=CHINA))}</pubDate>
<guid isPermaLink="false">lngc-{a.path.rsplit("_", 1)[-1].split(".")[0]}</guid>
<source url="__BASE__/rss.xml">{esc(a.source)}</source>
</item>""")
    latest = max(a.when for a, _ in items).replace(tzinfo=CHINA)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>{SITE} - 产业新闻</title>
<link>__BASE__/news/index.html</link>
<description>{SITE}产业频道最新报道</description>
<language>zh-cn</language>
<lastBuildDate>{format_datetime(latest)}</lastBuildDate>
<ttl>30</ttl>
{chr(10).join(entries)}
</channel>
</rss>
"""


def build(articles: list[Article], by_id: dict[str, Article]) -> SiteBuild:
    linked = sorted(articles, key=lambda a: (a.date, a.path), reverse=True)
    utm = by_id["M8"]
    dead = "/news/2025-10/30/c_1130030017.htm"
    rows = [(f"__BASE__{a.path}", a.title, a.lead, f"{a.when:%Y-%m-%d %H:%M}") for a in linked]
    rows += [(f"__BASE__{utm.path}{UTM.replace('&', '&amp;')}", utm.title, utm.lead, f"{utm.when:%Y-%m-%d %H:%M}"),
             (f"__BASE__{dead}", "广东加快建设现代化产业体系 前三季度制造业投资增长", "制造业投资保持较快增长。", "2025-10-30 18:20")]
    pages = [rows[:PER_PAGE], rows[PER_PAGE:]]
    names = ["/news/index.html", "/news/index_2.html"]
    hot = linked[:6]
    files = {n.lstrip("/"): _list_page(p, i, len(pages), hot) for i, (n, p) in enumerate(zip(names, pages))}
    for a in linked:
        files[a.path.lstrip("/")] = _article_page(a, articles)
    feed = [(a, f"__BASE__{a.path}{UTM}" if a is utm else f"__BASE__{a.path}") for a in linked]
    files["rss.xml"] = _rss(feed)
    files["index.html"] = _head(SITE) + '<div class="main"><div class="left"><h2><a href="/news/index.html">产业</a></h2><ul class="list">' + "".join(
        f'<li><h3><a href="__BASE__{a.path}">{esc(a.title)}</a></h3></li>' for a in linked[:5]) + "</ul></div></div>\n" + _footer()
    files["robots.txt"] = "User-agent: *\nDisallow: /search/\nDisallow: /api/\n"
    boilerplate = {}
    for a in linked:
        bp = [f"责任编辑：{a.editor}", f"来源：{a.source}", "相关新闻", "24小时热点", COPYRIGHT, LICENCE, "分享到："]
        bp += [r.title for r in others(articles, a, 3)]
        if a.note:
            bp.append(a.note)
        boilerplate[a.id] = bp
    slow = by_id["M3"]
    noise = [
        Noise(dead, [names[1]], "failure", 404, "missing page"),
        Noise(f"{utm.path}{UTM}", [names[1], "/rss.xml"], "article", 200,
              "tracking parameters; the page names its canonical URL", alias_of=utm.id),
    ]
    return SiteBuild(
        files=files, variants={}, boilerplate=boilerplate,
        aliases={utm.id: [f"{utm.path}{UTM}"], slow.id: ["/noise/slow.html"],
                 by_id["M9"].id: ["/noise/redirect-1.html", "/noise/redirect-2.html"]},
        noise=noise,
        site_json={"redirect_to": by_id["M9"].path, "slow_article": slow.path},
        entry_points={"home": "/index.html", "list": names[0], "list_pages": names, "feed": "/rss.xml"},
        encoding="utf-8",
    )
