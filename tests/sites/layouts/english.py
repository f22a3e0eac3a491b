"""An English-language regional portal: sitemap index, Google News sitemap, 'Updated :' lines."""

from __future__ import annotations

from . import Article, SiteBuild, esc, others

SITE = "Greater Bay Daily"
COPYRIGHT = "Copyright © Greater Bay Daily. All rights reserved."
CRUMB = "Home > News > Local News"
NAV = [("/", "Home"), ("/news/", "News"), ("/business/", "Business"), ("/culture/", "Culture"),
       ("/travel/", "Travel"), ("/opinion/", "Opinion"), ("/photos/", "Photos"), ("/video/", "Video"),
       ("/special/", "Special"), ("/invest/", "Invest"), ("/services/", "Services"), ("/about/", "About Us")]

TRACKER = """
(function(){ var params = new URLSearchParams(location.search); var ref = params.get('from') || document.referrer;
  var img = new Image(); img.src = '/stat/pv.gif?u=' + encodeURIComponent(location.pathname) + '&r=' + encodeURIComponent(ref || ''); })();
function toggleMenu(){ var n = document.querySelector('.topnav ul'); n.style.display = n.style.display === 'block' ? '' : 'block'; }
"""

STYLE = """
body{margin:0;font:16px/1.6 Georgia,"Times New Roman",serif;color:#1b1b1b}
a{color:#0b3d91;text-decoration:none}.masthead{border-bottom:4px solid #0b3d91;padding:16px 0}
.masthead .w,.topnav ul,.crumb,.page,.footer .w{width:1080px;margin:0 auto}
.masthead .logo{font:bold 34px Arial,sans-serif;color:#0b3d91}
.topnav{background:#0b3d91}.topnav ul{display:flex;gap:22px;list-style:none;padding:0}
.topnav a{color:#fff;font:14px/40px Arial,sans-serif}.crumb{font:13px Arial,sans-serif;color:#666;margin:16px auto}
.page{display:flex;gap:40px}.story{flex:1}.story h1{font-size:32px;line-height:1.25;margin:0 0 10px}
.info{font:13px Arial,sans-serif;color:#777;margin-bottom:20px}#Content p{margin:0 0 1.1em}
.related h3,.sidebar h3{font:bold 16px Arial,sans-serif;border-bottom:2px solid #0b3d91;padding-bottom:4px}
.related li,.sidebar li{margin-bottom:8px;font-size:15px}.sidebar{width:300px}
.sidebar .ad{margin:20px 0;width:300px;height:250px;background:#f3f3f3}.sister,.follow{color:#777}
@media (max-width:768px){.page{display:block;padding:0 12px}.sidebar{width:auto}.topnav ul{display:none;width:auto}.crumb{width:auto;padding:0 12px}}
.footer{margin-top:40px;background:#eef1f6;font:12px/2 Arial,sans-serif;color:#555;padding:18px 0;text-align:center}
"""


def _head(title: str, a: Article | None = None) -> str:
    extra = ""
    if a is not None:
        extra = (f'<link rel="canonical" href="__BASE__{a.path}">\n'
                 f'<meta name="description" content="{esc(a.lead)}">\n'
                 f'<meta property="og:title" content="{esc(a.title)}">\n')
    nav = "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in NAV)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
{extra}<style>{STYLE}</style>
</head>
<body>
<div class="masthead"><div class="w"><span class="logo">{SITE}</span> <a href="/cn/">中文</a> | <a href="/subscribe/">Subscribe</a></div></div>
<div class="topnav"><ul>{nav}</ul></div>
"""


def _footer() -> str:
    return f"""<div class="footer"><div class="w">
<p><a href="/about/">About Us</a> | <a href="/contact/">Contact Us</a> | <a href="/terms/">Terms of Use</a> | <a href="/privacy/">Privacy Policy</a></p>
<p>{COPYRIGHT}</p>
<p>Presented by Greater Bay Daily Media Co., Ltd.</p>
<p class="sister">Sister sites: <a href="/cn/">Chinese edition</a> | <a href="/epaper/">E-paper</a> | <a href="/mobile/">Mobile</a> | <a href="/newsletter/">Newsletters</a> | <a href="/rss/">RSS</a></p>
<p class="follow">Follow us: <a href="/go/facebook">Facebook</a> <a href="/go/x">X</a> <a href="/go/linkedin">LinkedIn</a> <a href="/go/youtube">YouTube</a> <a href="/go/wechat">WeChat</a></p>
</div></div>
<script>{TRACKER}</script>
</body>
</html>
"""


def _updated(a: Article) -> str:
    return f"Updated : {a.date}"


def _article_page(a: Article, site_articles: list[Article]) -> str:
    related = others(site_articles, a, 3)
    popular = others(site_articles, a, 7)[3:7]
    body = "\n".join(f"<p><b>{esc(t)}</b></p>" if k == "h" else f"<p>{esc(t)}</p>" for k, t in a.paragraphs)
    rel = "".join(f'<li><a href="__BASE__{r.path}">{esc(r.title)}</a></li>\n' for r in related)
    pop = "".join(f'<li><a href="__BASE__{r.path}">{esc(r.title)}</a></li>\n' for r in popular)
    byline = f'<span class="author">By {esc(a.author)}</span> | ' if a.author else ""
    return _head(f"{a.title} - {SITE}", a) + f"""<div class="crumb"><a href="/">Home</a> &gt; <a href="/news/">News</a> &gt; <a href="/news/local/">Local News</a></div>
<div class="page">
<div class="story">
<h1>{esc(a.title)}</h1>
<div class="info">{byline}{_updated(a)}</div>
<div id="Content">
{body}
</div>
<div class="editor">Editor: {esc(a.editor)}</div>
<div class="related"><h3>Related Stories</h3><ul>
{rel}</ul></div>
</div>
<div class="sidebar"><h3>Most Popular</h3><ul>
{pop}</ul>
<div class="ad" data-slot="sidebar-300x250"></div>
<h3>Special Coverage</h3><ul><li><a href="/special/gba/">Greater Bay Area at a glance</a></li><li><a href="/special/invest/">Investing in South China</a></li><li><a href="/special/culture/">Lingnan culture</a></li></ul></div>
</div>
""" + _footer()


def _urlset(entries: list[str], news: bool) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>\n'
            + "\n".join(entries) + "\n</urlset>\n")


def _iso(a: Article) -> str:
    if len(a.date) == 10:
        return f"{a.date}T00:00:00+08:00"
    return f"{a.when:%Y-%m-%dT%H:%M:%S}+08:00"


def build(articles: list[Article], by_id: dict[str, Article]) -> SiteBuild:
    ordered = sorted(articles, key=lambda a: (a.date, a.path), reverse=True)
    recent = [a for a in ordered if a.date >= "2025"]
    older = [a for a in ordered if a.date < "2025"]
    files = {a.path.lstrip("/"): _article_page(a, articles) for a in ordered}
    news = [f"""<url>
<loc>__BASE__{a.path}</loc>
<news:news>
<news:publication><news:name>{SITE}</news:name><news:language>en</news:language></news:publication>
<news:publication_date>{_iso(a)}</news:publication_date>
<news:title>{esc(a.title)}</news:title>
</news:news>
</url>""" for a in recent]
    pages = [f"<url><loc>__BASE__{a.path}</loc><lastmod>{a.day}</lastmod></url>" for a in older]
    files["sitemap-news.xml"] = _urlset(news, news=True)
    files["sitemap-pages.xml"] = _urlset(pages, news=False)
    files["sitemap.xml"] = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/sitemap-news.xml</loc><lastmod>{recent[0].day}</lastmod></sitemap>
<sitemap><loc>__BASE__/sitemap-pages.xml</loc><lastmod>{older[0].day}</lastmod></sitemap>
</sitemapindex>
"""
    files["index.html"] = _head(SITE) + '<div class="page"><div class="story"><h2>Local News</h2><ul>' + "".join(
        f'<li><a href="__BASE__{a.path}">{esc(a.title)}</a> <span>{a.day}</span></li>' for a in ordered
    ) + "</ul></div></div>\n" + _footer()
    files["robots.txt"] = "User-agent: *\nDisallow: /search/\n\nSitemap: __BASE__/sitemap.xml\n"
    boilerplate = {}
    for a in ordered:
        boilerplate[a.id] = [_updated(a), CRUMB, COPYRIGHT, "Related Stories", "Most Popular",
                             f"Editor: {a.editor}"] + [r.title for r in others(articles, a, 3)]
    slow, target = by_id["N8"], by_id["N6"]
    return SiteBuild(
        files=files, variants={}, boilerplate=boilerplate,
        aliases={slow.id: ["/noise/slow.html"], target.id: ["/noise/redirect-1.html", "/noise/redirect-2.html"]},
        noise=[],
        site_json={"redirect_to": target.path, "slow_article": slow.path, "html_charset": "utf-8"},
        entry_points={"home": "/index.html", "sitemap": "/sitemap.xml",
                      "sitemaps": ["/sitemap-news.xml", "/sitemap-pages.xml"]},
        encoding="utf-8",
    )
