"""Generate the data-source fixture sites and truth.json from texts.py.

Run ``.venv/bin/python -m tests.sites.datasources.build`` from the repository root; the output is
committed, and tests/test_data_sources.py fails while disk and this script disagree. Each site is a
folder with ``site.json`` (``routes``: request path with query → file) and its files; ``__BASE__``
becomes the running site's URL (see serve.py).
"""

from __future__ import annotations

import html
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import texts

HERE = Path(__file__).resolve().parent
CHINA = timezone(timedelta(hours=8))
ROBOTS = "User-agent: *\nDisallow: /admin/\n"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(paras: list[str], tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{esc(p)}</{tag}>" for p in paras)


class SiteOut:
    """One site's files, routes, sources and truth, collected in memory."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.files: dict[str, str] = {"robots.txt": ROBOTS}
        self.routes: dict[str, str] = {}
        self.sources: list[dict[str, str | int]] = []
        self.articles: list[dict[str, str | None]] = []

    def article(self, path: str, title: str, date: str, time: str, paras: list[str], date_on: str) -> None:
        published = f"{date}T{time}" if time else date
        self.articles.append(
            {"path": path, "title": title, "published": published, "date_on": date_on, "body": "\n".join(paras)}
        )

    def rendered(self) -> dict[str, bytes]:
        out = {rel: text.encode("utf-8") for rel, text in self.files.items()}
        out["site.json"] = (json.dumps({"routes": self.routes}, ensure_ascii=False, indent=1) + "\n").encode()
        return out

    def truth(self) -> dict[str, object]:
        return {"sources": self.sources, "articles": self.articles}


# ---------------------------------------------------------------------------------------------
# A district portal whose news column is filled by script from a paged JSON endpoint


def build_jsonapi() -> SiteOut:
    site = SiteOut("jsonapi")
    endpoint = "/api/news/list?columnId=12&page={n}&size=4"
    site.sources.append(
        {
            "url": endpoint.format(n=1),
            "kind": "json",
            "items": "data.list",
            "url_field": "linkUrl",
            "title_field": "title",
            "date_field": "publishTime",
            "page_param": "page",
        }
    )
    rows = []
    for i, (title, date, time, paras) in enumerate(texts.JSONAPI):
        number = 5012 - i * 3
        path = f"/xwzx/gzdt/{date[:7].replace('-', '')}/t{date.replace('-', '')}_{number}.html"
        # Links as such endpoints give them: mostly from the root, one absolute, one relative to the endpoint.
        link = "__BASE__" + path if i == 2 else "../.." + path if i == 6 else path
        rows.append(
            {
                "id": number,
                "title": title,
                "linkUrl": link,
                "publishTime": f"{date} {time}:00",
                "source": "余杭区人民政府办公室",
                "thumb": f"/uploads/2025/11/{number}.jpg",
                "summary": paras[0][:40] + "…",
                "views": 300 + 17 * i,
            }
        )
        dated = i != 4  # this page shows no date: the endpoint's is the only one
        info = f"<span>发布时间：{date} {time}</span>" if dated else ""
        site.files[path.lstrip("/")] = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(title)}_杭州市余杭区人民政府</title>
<meta name="SiteName" content="杭州市余杭区人民政府">
<meta name="ColumnName" content="工作动态">
</head>
<body>
<div class="head"><a href="/" class="logo">杭州市余杭区人民政府</a>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/gzdt/">工作动态</a></div>
<div class="article">
<h1>{esc(title)}</h1>
<div class="info">{info}<span>来源：余杭区人民政府办公室</span><span>字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a></span></div>
<div class="content" id="zoom">
{paragraphs(paras)}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="foot"><p>主办：杭州市余杭区人民政府办公室　浙ICP备05001234号</p><p>网站标识码：3301100001　浙公网安备33011002000001号</p></div>
</body>
</html>
"""
        site.article(path, title, date, time, paras, "article" if dated else "list")
    pages = [rows[k : k + 4] for k in range(0, len(rows), 4)] + [[]]  # past the end: an empty list
    for n, page in enumerate(pages, start=1):
        answer = {
            "code": 200,
            "msg": "操作成功",
            "data": {"total": len(rows), "pageNo": n, "pageSize": 4, "pages": len(pages) - 1, "list": page},
        }
        rel = f"api/news/list_{n}.json"
        site.files[rel] = json.dumps(answer, ensure_ascii=False, indent=1) + "\n"
        site.routes[endpoint.format(n=n)] = rel
    return site


# ---------------------------------------------------------------------------------------------
# A Hanweb (大汉) column whose rows are CDATA records of a datastore written straight into the page


def build_hanwebds() -> SiteOut:
    site = SiteOut("hanwebds")
    site.sources.append({"url": "/col/col4312/index.html", "kind": "auto"})
    records = []
    for i, (title, date, time, paras) in enumerate(texts.HANWEB):
        y, m, d = date.split("-")
        path = f"/art/{y}/{int(m)}/{int(d)}/art_4312_{2981045 - i * 11}.html"
        records.append(
            f'<record><![CDATA[\n<li><a href="{path}" target="_blank" title="{esc(title)}">{esc(title)}</a>'
            f"<span>{date}</span></li>\n]]></record>"
        )
        dated = bool(time)  # one page shows no date at all: the list's is the only one
        meta = f'<meta name="PubDate" content="{date} {time}">\n' if dated else ""
        info = f"发布日期：{date} {time}　　" if dated else ""
        site.files[path.lstrip("/")] = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(title)} 南通市崇川区人民政府</title>
<meta name="ArticleTitle" content="{esc(title)}">
{meta}<meta name="ContentSource" content="崇川区人民政府办公室">
<script type="text/javascript" src="/script/jquery.min.js"></script>
</head>
<body>
<div class="top"><a href="/"><img src="/picture/0/logo.png" alt="南通市崇川区人民政府" /></a></div>
<div class="menu"><a href="/">首页</a> | <a href="/col/col4300/index.html">走进崇川</a> | <a href="/col/col4310/index.html">新闻中心</a> | <a href="/col/col4400/index.html">政务公开</a> | <a href="/col/col4500/index.html">政务服务</a></div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/col/col4310/index.html">新闻中心</a> &gt; <a href="/col/col4312/index.html">崇川动态</a></div>
<table width="1000" align="center" class="article"><tr><td class="title" align="center">{esc(title)}</td></tr>
<tr><td align="center" class="bt_link">{info}信息来源：崇川区人民政府办公室　　字体：[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>]</td></tr>
<tr><td id="zoom" class="bt_content">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{paragraphs(paras)}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</td></tr>
<tr><td align="right"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></td></tr></table>
<div class="bottom"><p>主办单位：南通市崇川区人民政府办公室</p><p>网站标识码：3206020001　苏ICP备05002345号</p></div>
</body>
</html>
"""
        site.article(path, title, date, time, paras, "article" if dated else "list")
    rows = "\n".join(records)
    site.files["col/col4312/index.html"] = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>崇川动态 南通市崇川区人民政府</title>
<script type="text/javascript" src="/script/jquery.min.js"></script>
<script type="text/javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>
</head>
<body>
<div class="top"><a href="/"><img src="/picture/0/logo.png" alt="南通市崇川区人民政府" /></a></div>
<div class="menu"><a href="/">首页</a> | <a href="/col/col4300/index.html">走进崇川</a> | <a href="/col/col4310/index.html">新闻中心</a> | <a href="/col/col4400/index.html">政务公开</a> | <a href="/col/col4500/index.html">政务服务</a></div>
<table width="1000" align="center"><tr>
<td width="240" valign="top" class="left"><div class="lmname">新闻中心</div>
<ul><li><a href="/col/col4311/index.html">崇川要闻</a></li><li class="on"><a href="/col/col4312/index.html">崇川动态</a></li><li><a href="/col/col4313/index.html">部门动态</a></li><li><a href="/col/col4314/index.html">街道动态</a></li></ul></td>
<td valign="top" class="right"><div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/col/col4310/index.html">新闻中心</a> &gt; <a href="/col/col4312/index.html">崇川动态</a></div>
<div id="5320" class="default_pgContainer"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=17&path=/&columnid=4312&unitid=5320&webname=%E5%B4%87%E5%B7%9D&permissiontype=0"></a>]]></nextgroup>
<recordset>
{rows}
</recordset>
</datastore></div>
<script type="text/javascript">
$(document).ready(function () {{
  $("#5320").jpage({{ dataStore: "datastore", perPage: 15, totalRecord: {len(records)}, proxyUrl: "/module/web/jpage/dataproxy.jsp" }});
}});
</script>
</td></tr></table>
<div class="bottom"><p>主办单位：南通市崇川区人民政府办公室</p><p>网站标识码：3206020001　苏ICP备05002345号</p></div>
</body>
</html>
"""
    return site


# ---------------------------------------------------------------------------------------------
# WeChat official-account articles behind feed bridges (wewe-rss Atom, we-mp-rss RSS)


def _wechat_page(title: str, ct: int | None, day: str, paras: list[str], variant: int) -> str:
    """An article in the mp.weixin.qq.com layout: body hidden in #js_content, facts in script."""
    account = texts.WECHAT_ACCOUNT
    name = f'<a href="javascript:void(0);" class="wx_tap_link" id="js_name">{esc(account)}</a>' if variant != 2 else ""
    heading = f'<h1 class="rich_media_title" id="activity-name">\n{esc(title)}\n</h1>' if variant != 2 else ""
    facts = [f'var ct = "{ct}";'] if ct else []
    facts += [f'var publish_time = "{day}" || "";'] if variant != 0 else []
    facts += [f'var nickname = htmlDecode("{account}");', f"var msg_title = '{title}'.html(false);"]
    body = "\n".join(
        f'<p style="text-indent: 2em;"><span style="font-size: 15px;letter-spacing: 1px;">{esc(p)}</span></p>'
        for p in paras
    )
    script = "\n".join(facts)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<meta property="og:title" content="{esc(title)}" />
<meta property="og:type" content="article" />
<meta property="og:description" content="{esc(paras[0][:30])}" />
<title></title>
</head>
<body id="activity-detail" class="zh_CN wx_wap_page mm_appmsg">
<div id="js_article" class="rich_media">
<div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<div class="rich_media_area_primary_inner">
{heading}
<div id="meta_content" class="rich_media_meta_list">
<span class="rich_media_meta rich_media_meta_text">原创</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt">{name}</span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text"></em>
</div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
<section style="margin: 0 8px;"><section><img data-src="https://mmbiz.qpic.cn/mmbiz_png/fixture/640" data-type="png" style="width: 100%;"></section>
{body}
<section style="text-align: center;"><span style="color: #888;">图文：园区宣传办</span></section></section>
</div>
<div id="js_tags" class="article-tag__list"></div>
<div class="original_area_primary"><p>微信扫一扫关注该公众号</p></div>
<div class="rich_media_tool"><a id="js_view_source" href="##">阅读原文</a><span>阅读</span><span id="readNum3">1203</span></div>
</div></div></div></div>
<script type="text/javascript">
var biz = "MzA5NDEyMzQ1Ng==";
var appmsg_type = "9";
{script}
var round_head_img = "https://wx.qlogo.cn/mmhead/fixture/0";
</script>
</body>
</html>
"""


def build_wxbridge() -> SiteOut:
    site = SiteOut("wxbridge")
    site.sources.append({"url": "/feeds/MP_WXS_3941234567.atom", "kind": "auto"})  # wewe-rss
    site.sources.append({"url": "/rss/3941234567", "kind": "feed"})  # we-mp-rss: no dates in its items
    entries, items = [], []
    for i, (title, date, time, paras) in enumerate(texts.WECHAT):
        slug = ["Xk3pQ9vR2mTn7LwY4aBcDe", "Hq8ZtN1sVb6KjP0gRuEw5A", "Lm2CxF7yQe4WnT9sKd3oUv"][i]
        path = f"/s/{slug}"
        moment = datetime.fromisoformat(f"{date}T{time or '00:00'}:00+08:00")
        ct = int(moment.timestamp()) if time else None
        site.files[f"s/{slug}.html"] = _wechat_page(title, ct, date, paras, i)
        site.routes[path] = f"s/{slug}.html"
        site.article(path, title, date, time, paras, "script")
        updated = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        entries.append(f"""<entry>
<title type="html"><![CDATA[{title}]]></title>
<id>{slug}</id>
<link href="__BASE__{path}"/>
<updated>{updated}</updated>
<summary type="html"><![CDATA[{paras[0][:40]}]]></summary>
</entry>""")
        items.append(f"""<item>
<title><![CDATA[{title}]]></title>
<link>__BASE__{path}</link>
<description><![CDATA[{paras[0][:40]}]]></description>
<guid isPermaLink="false">{slug}</guid>
</item>""")
    newest = site.articles[0]["published"]
    site.files["feeds/MP_WXS_3941234567.atom"] = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>MP_WXS_3941234567</id>
<title>{texts.WECHAT_ACCOUNT}</title>
<updated>{newest}:00+08:00</updated>
<generator>WeWe-RSS</generator>
<link rel="self" href="__BASE__/feeds/MP_WXS_3941234567.atom"/>
{chr(10).join(entries)}
</feed>
"""
    site.files["rss/3941234567.rss"] = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>{texts.WECHAT_ACCOUNT}</title>
<link>__BASE__/rss/3941234567</link>
<description>{texts.WECHAT_ACCOUNT}的微信公众号文章</description>
{chr(10).join(items)}
</channel>
</rss>
"""
    site.routes["/rss/3941234567"] = "rss/3941234567.rss"
    return site


BUILDERS = {"jsonapi": build_jsonapi, "hanwebds": build_hanwebds, "wxbridge": build_wxbridge}


def render() -> tuple[dict[str, dict[str, bytes]], dict[str, object]]:
    """Every site's files and the truth, in memory (nothing written)."""
    sites = {name: builder() for name, builder in BUILDERS.items()}
    truth = {
        "conventions": {
            "sources": "[[sources]] tables that crawl the site; url is a path on the site",
            "articles.path": "URL path of the article on its site",
            "articles.published": "China time, YYYY-MM-DDTHH:MM, or YYYY-MM-DD when only the day is given",
            "articles.date_on": "where the date is: article (the page), list (only the list or the endpoint), "
            "script (the WeChat page's script variables)",
            "articles.body": "the article paragraphs, one per line",
        },
        "sites": {name: site.truth() for name, site in sites.items()},
    }
    return {name: site.rendered() for name, site in sites.items()}, truth


def main() -> None:
    files, truth = render()
    for name, site_files in files.items():
        root = HERE / name
        if root.exists():
            shutil.rmtree(root)
        for rel, data in site_files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
