"""Generate the unseen fixture sites and truth.json from texts.py.

Run ``.venv/bin/python -m tests.sites.unseen.build`` from the repository root; the output is committed.
Every site is a folder with ``site.json`` (content type, routes for URLs with a query, session flag)
and its pages, already encoded in the site's charset. ``__BASE__`` is replaced by the running
site's URL and ``__SID__`` by a fresh session id on every request (see serve.py).
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from . import texts

HERE = Path(__file__).resolve().parent
ROBOTS = "User-agent: *\nDisallow: /admin/\n"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


class SiteOut:
    """Collects one site's files, routes and truth, then writes them."""

    def __init__(self, name: str, encoding: str, content_type: str, start: str, kind: str,
                 session: bool = False) -> None:
        self.name = name
        self.encoding = encoding  # the true encoding of the HTML
        self.content_type = content_type  # the Content-Type header the server sends for HTML
        self.start = start
        self.kind = kind
        self.session = session
        self.files: dict[str, bytes] = {}
        self.routes: dict[str, str] = {}
        self.articles: list[dict] = []
        self.list_pages: list[str] = []

    def add(self, rel: str, text: str, encoding: str | None = None) -> None:
        self.files[rel] = text.encode(encoding or self.encoding, errors="strict")

    def route(self, url_path: str, rel: str) -> None:
        self.routes[url_path] = rel

    def article(self, path: str, title: str, date: str, time: str, paras: list[str],
                date_on: str = "article") -> None:
        self.articles.append({"path": path, "title": title, "published": date, "time": time or None,
                              "date_on": date_on, "body": "\n".join(paras), "crawlable": True})

    def write(self) -> dict:
        root = HERE / self.name
        if root.exists():
            shutil.rmtree(root)
        root.mkdir()
        self.add("robots.txt", ROBOTS, "ascii")
        for rel, data in self.files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        config = {"content_type": self.content_type, "session": self.session, "routes": self.routes}
        (root / "site.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return {"start": self.start, "kind": self.kind, "encoding": self.encoding,
                "content_type": self.content_type, "list_pages": self.list_pages, "articles": self.articles}


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------------------------------------
# 1. Big5 portal (Taiwan-style ASPX CMS); 下一頁 &raquo; stays on the last page and points at a repeat of it


def build_big5() -> dict:
    import opencc

    conv = opencc.OpenCC("s2tw")
    site = SiteOut("big5portal", "big5", "text/html; charset=big5", "/News.aspx?n=2", "auto")
    items = []
    for i, (title, date, time, paras) in enumerate(texts.BIG5):
        sid = 100231 - i * 7
        items.append((f"News_Content.aspx?n=2&s={sid}", conv.convert(title), date, time,
                      [conv.convert(p) for p in paras]))
    menu = ["關於園區", "最新消息", "招商服務", "法規專區", "園區廠商", "公共設施", "交通資訊", "人才招募",
            "出版品", "影音專區", "常見問答", "意見信箱"]
    side = ["園區簡介", "組織架構", "大事紀", "園區地圖", "申請進駐", "租金標準", "廠商名錄", "活動行事曆",
            "採購公告", "徵才公告"]

    def chrome(title: str, main: str) -> str:
        nav = "".join(f'<li><a href="Content_List.aspx?n={k + 10}" title="{m}">{m}</a></li>' for k, m in enumerate(menu))
        aside = "".join(f'<li><a href="Content_List.aspx?n={k + 40}">{s}</a></li>' for k, s in enumerate(side))
        return f"""<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>{esc(title)}-新竹生醫園區服務網</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="css/style.css">
</head>
<body>
<a href="#C" class="skip" title="跳到主要內容區塊">跳到主要內容區塊</a>
<div class="header"><div class="logo"><a href="Default.aspx" title="回首頁">新竹生醫園區服務網</a></div>
<div class="topLink"><a href="#U" accesskey="U" title="上方功能區塊">:::</a> <a href="Default.aspx">回首頁</a> | <a href="SiteMap.aspx">網站導覽</a> | <a href="en/Default.aspx">English</a> | <a href="RSS.aspx">RSS</a></div>
<ul class="menu">{nav}</ul></div>
<div class="container">
<div class="aside"><h2>關於我們</h2><ul>{aside}</ul>
<div class="search"><form action="Search.aspx"><input type="text" name="q" title="請輸入關鍵字"><input type="submit" value="搜尋"></form></div></div>
<div class="main" id="C"><a href="#C" accesskey="C" title="中央內容區塊">:::</a>
<div class="path">現在位置：<a href="Default.aspx">首頁</a> &gt; <a href="News.aspx?n=2">最新消息</a></div>
{main}
</div></div>
<div class="footer"><a href="#Z" accesskey="Z" title="下方功能區塊">:::</a>
<ul class="flink"><li><a href="Privacy.aspx">隱私權政策</a></li><li><a href="Security.aspx">資訊安全政策</a></li><li><a href="Open.aspx">政府網站資料開放宣告</a></li></ul>
<p>地址：30261新竹縣竹北市生醫路一段88號　電話：(03)555-0000　傳真：(03)555-0001</p>
<p>服務時間：週一至週五 上午8:30至下午5:30</p>
<p>網站更新日期：2025-11-26　瀏覽人次：1283467</p>
<p>Copyright &copy; 新竹生醫園區服務網 版權所有</p></div>
</body>
</html>
"""

    pages = chunks(items, 3)
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        rows = "".join(
            f'<tr><td class="num">{(n - 1) * 3 + k + 1}</td><td><a href="{href}" title="{esc(t)}">{esc(t)}</a></td>'
            f'<td class="date">{d}</td><td>園區管理組</td></tr>\n' for k, (href, t, d, _, _) in enumerate(page))
        last_rows = rows

        def listing(n: int, rows: str, nxt: int) -> str:
            prev = f'<a href="News.aspx?n=2&amp;page={n - 1}" title="上一頁">&laquo; 上一頁</a>' if n > 1 else '<span>&laquo; 上一頁</span>'
            return chrome("最新消息", f"""<h2 class="title">最新消息</h2>
<table class="list" summary="最新消息列表"><thead><tr><th>序號</th><th>標題</th><th>發布日期</th><th>發布單位</th></tr></thead>
<tbody>
{rows}</tbody></table>
<div class="page">{prev} <span>第 {min(n, total)} 頁，共 {total} 頁</span> <a href="News.aspx?n=2&amp;page={nxt}" title="下一頁">下一頁 &raquo;</a></div>""")

        text = listing(n, rows, n + 1)
        rel = f"news_list_{n}.htm"
        site.add(rel, text)
        site.route(f"/News.aspx?n=2&page={n}", rel)
        site.list_pages.append(f"/News.aspx?n=2&page={n}")
        if n == 1:
            site.route("/News.aspx?n=2", rel)
    # the page after the last repeats the last page and links onward to itself
    repeat = listing(total + 1, last_rows, total + 1)
    site.add("news_list_repeat.htm", repeat)
    site.route(f"/News.aspx?n=2&page={total + 1}", "news_list_repeat.htm")

    for href, title, date, time, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        main = f"""<div class="cp">
<h3>{esc(title)}</h3>
<ul class="info"><li>發布日期：{date}</li><li>更新日期：2025-11-25</li><li>發布單位：園區管理組</li></ul>
<div class="essay">
{body}
</div>
<div class="file"><span>相關附件：</span>無</div>
<div class="share"><a href="javascript:window.print()">友善列印</a> <a href="javascript:history.back()">回上一頁</a></div>
</div>"""
        rel = f"news_content_{href.rsplit('=', 1)[1]}.htm"
        site.add(rel, chrome(title, main))
        site.route("/" + href, rel)
        site.article("/" + href, title, date, time, paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 2a. TRS-WCM district portal: the list pager exists only as createPageHTML(...) in a script

TRS_PAGER_JS = r"""function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0)
		document.write("<span class=\"current\">首页</span>&nbsp;");
	else
		document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">首页</a>&nbsp;");
	if(nCurrIndex > 0){
		if(nCurrIndex == 1)
			document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">上一页</a>&nbsp;");
		else
			document.write("<a href=\""+_sPageName+"_" + (nCurrIndex-1) + "."+_sPageExt+"\">上一页</a>&nbsp;");
	}
	for(var i=0; i<_nPageCount; i++){
		if(i == nCurrIndex)
			document.write("<span class=\"current\">"+(i+1)+"</span>&nbsp;");
		else if(i == 0)
			document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">1</a>&nbsp;");
		else
			document.write("<a href=\""+_sPageName+"_" + i + "."+_sPageExt+"\">"+(i+1)+"</a>&nbsp;");
	}
	if(nCurrIndex < _nPageCount-1)
		document.write("<a href=\""+_sPageName+"_" + (nCurrIndex+1) + "."+_sPageExt+"\">下一页</a>&nbsp;");
	document.write("<a href=\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\">尾页</a>");
}"""


def build_trs() -> dict:
    site = SiteOut("trswcm", "utf-8", "text/html; charset=utf-8", "/xwzx/gzdt/index.shtml", "list")
    nav = ["首页", "走进吴中", "新闻中心", "政务公开", "政务服务", "互动交流", "专题专栏", "数据开放"]
    items = []
    for i, (title, date, time, paras) in enumerate(texts.TRS):
        ymd = date.replace("-", "")
        items.append((f"./{ymd[:6]}/t{ymd}_{4521873 - i * 13}.shtml", title, date, time, paras))

    def chrome(title: str, main: str, depth: str) -> str:
        links = "".join(f'<li><a href="{depth}{k}/index.shtml" target="_blank">{m}</a></li>' for k, m in
                        zip(["", "zjwz", "xwzx", "zwgk", "zwfw", "hdjl", "ztzl", "sjkf"], nav))
        return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="苏州市吴中区人民政府">
<meta name="SiteDomain" content="www.szwz.gov.cn">
<meta name="ColumnName" content="工作动态">
<title>{esc(title)}_苏州市吴中区人民政府</title>
<link href="/images/common.css" rel="stylesheet" type="text/css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><div class="w1200"><span>欢迎访问苏州市吴中区人民政府门户网站</span><a href="javascript:void(0)" id="wza">无障碍</a><a href="/mobile/">手机版</a><a href="/wzdt/">网站地图</a></div></div>
<div class="header w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="苏州市吴中区人民政府"></a>
<form class="search" action="/search/" target="_blank"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul class="w1200">{links}</ul></div>
{main}
<div class="footer"><div class="w1200">
<div class="yqlj"><select onchange="window.open(this.value)"><option>国务院部门网站</option><option value="http://www.gov.cn">中国政府网</option></select><select><option>省市政府网站</option></select></div>
<p>主办：苏州市吴中区人民政府办公室　承办：苏州市吴中区大数据管理中心</p>
<p>网站标识码：3205060001　苏ICP备05012345号-1　苏公网安备 32050602010001号</p>
<p>地址：苏州市吴中区东吴北路100号　联系电话：0512-65250000</p>
<div class="jiucuo"><span id="_ideConac"></span><span id="_span_jiucuo"></span></div>
</div></div>
</body>
</html>
"""

    per_page = 4
    pages = chunks(items, per_page)
    for idx, page in enumerate(pages):
        rows = "".join(f'<li><a href="{href}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d}</span></li>\n'
                       for href, t, d, _, _ in page)
        main = f"""<div class="w1200 main clearfix">
<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">新闻中心</a> &gt; <a href="./">工作动态</a></div>
<div class="left-nav"><h3>新闻中心</h3><ul><li><a href="../wzyw/">吴中要闻</a></li><li class="on"><a href="./">工作动态</a></li><li><a href="../tzgg/">通知公告</a></li><li><a href="../mtgz/">媒体关注</a></li></ul></div>
<div class="list-right"><div class="list-title">工作动态</div>
<ul class="list">
{rows}</ul>
<div class="page">
<script>
{TRS_PAGER_JS}
</script>
<script type="text/javascript">
var countPage = {len(pages)}//共多少页
var currentPage = {idx}//当前页
createPageHTML(countPage, currentPage, "index", "shtml");
</script>
</div></div></div>"""
        name = "index.shtml" if idx == 0 else f"index_{idx}.shtml"
        site.add(f"xwzx/gzdt/{name}", chrome("工作动态", main, "../../"))
        site.list_pages.append(f"/xwzx/gzdt/{name}")

    for k, (href, title, date, time, paras) in enumerate(items):
        body = "\n".join(f'<p style="text-indent: 2em;">{esc(p)}</p>' for p in paras)
        others = "".join(f'<li><a href="../{h[2:]}">{esc(t)}</a></li>' for h, t, *_ in items[k + 1:k + 4])
        main = f"""<div class="w1200 main">
<div class="position">当前位置：<a href="../../../">首页</a> &gt; <a href="../../">新闻中心</a> &gt; <a href="../">工作动态</a></div>
<div class="article">
<h1 class="article-title">{esc(title)}</h1>
<div class="article-info"><span>信息来源：吴中区人民政府办公室</span><span>发布时间：{date} {time}</span><span>字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="article-content" id="zoom"><div class="TRS_Editor"><div class="TRS_Editor">
{body}
</div></div></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关文章</h4><ul>{others}</ul></div>
</div></div>"""
        rel = "xwzx/gzdt/" + href[2:]
        site.add(rel, chrome(title, main, "../../../"))
        site.article("/" + rel, title, date, time, paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 2c. TRS portal with a jQuery pagination plugin: page count and URL pattern only in script variables


def build_trspager() -> dict:
    site = SiteOut("trspager", "utf-8", "text/html; charset=utf-8", "/xwzx/cydt/index.shtml", "list")
    items = []
    for i, (title, date, time, paras) in enumerate(texts.TRSPAGER):
        ymd = date.replace("-", "")
        items.append((f"./{ymd[:6]}/t{ymd}_{3318640 - i * 21}.shtml", title, date, time, paras))

    def chrome(title: str, head: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(title)}-南京江北新区</title>
{head}<link rel="stylesheet" href="/res/css/base.css">
<script src="/res/js/jquery-1.11.3.min.js"></script>
<script src="/res/js/jquery.pagination.js"></script>
</head>
<body>
<div class="gov-header"><div class="gov-logo"><a href="/"><img src="/res/img/logo.png" alt="南京江北新区"></a></div>
<ul class="gov-nav"><li><a href="/">首页</a></li><li><a href="/xqgk/">新区概况</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/tzxq/">投资新区</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
{main}
<div class="gov-footer"><p>南京江北新区管理委员会 主办　苏ICP备15000000号</p><p>网站标识码：3201000099　苏公网安备32011102000000号</p></div>
</body>
</html>
"""

    per_page = 3
    pages = chunks(items, per_page)
    for idx, page in enumerate(pages):
        rows = "".join(f'<li><span class="date">{d}</span><a href="{href}" title="{esc(t)}" target="_blank">{esc(t)}</a></li>\n'
                       for href, t, d, _, _ in page)
        main = f"""<div class="gov-main">
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 产业动态</div>
<div class="col-list"><h2>产业动态</h2>
<ul>
{rows}</ul>
<div id="pagination" class="pagination"></div>
<script type="text/javascript">
  var pageCount = {len(pages)};   // 总页数
  var currentPage = {idx};  // 当前页，从0开始
  var pageName = "index";
  var pageExt = ".shtml";
  $(function () {{
    $("#pagination").pagination(pageCount * {per_page}, {{
      items_per_page: {per_page},
      current_page: currentPage,
      num_display_entries: 5,
      prev_text: "上一页",
      next_text: "下一页",
      callback: function (index) {{
        window.location.href = index == 0 ? pageName + pageExt : pageName + "_" + index + pageExt;
        return false;
      }}
    }});
  }});
</script>
</div></div>"""
        name = "index.shtml" if idx == 0 else f"index_{idx}.shtml"
        site.add(f"xwzx/cydt/{name}", chrome("产业动态", "", main))
        site.list_pages.append(f"/xwzx/cydt/{name}")

    for href, title, date, time, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        head = f'<meta name="ArticleTitle" content="{esc(title)}">\n<meta name="PubDate" content="{date} {time}">\n'
        main = f"""<div class="gov-main">
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="../">产业动态</a></div>
<div class="detail">
<div class="detail-title">{esc(title)}</div>
<div class="detail-info">发布日期：{date}　来源：新区融媒体中心　<span>阅读量：<em id="readcount"></em></span></div>
<div class="detail-con">
{body}
</div>
<div class="detail-share">分享：<a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a></div>
</div></div>"""
        rel = "xwzx/cydt/" + href[2:]
        site.add(rel, chrome(title, head, main))
        site.article("/" + rel, title, date, time, paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 2b. Hanweb (大汉) column: records in a <script type="text/xml"> datastore, pager from script variables


def build_hanweb() -> dict:
    site = SiteOut("hanweb", "utf-8", "text/html; charset=utf-8", "/col/col1521/index.html", "list")
    items = []
    for i, (title, date, time, paras) in enumerate(texts.HANWEB):
        y, m, d = date.split("-")
        items.append((f"/art/{y}/{int(m)}/{int(d)}/art_1521_{873201 - i * 9}.html", title, date, paras))

    def chrome(title: str, head_extra: str, main: str) -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(title)} 扬州市人民政府</title>
{head_extra}<script type="text/javascript" src="/script/jquery.min.js"></script>
<script type="text/javascript" src="/script/web_front.js"></script>
</head>
<body>
<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0" class="top"><tr>
<td><a href="/"><img src="/picture/0/logo.png" alt="扬州市人民政府" /></a></td>
<td align="right"><a href="/col/col1100/index.html">首页</a> | <a href="/col/col1200/index.html">政务公开</a> | <a href="/col/col1300/index.html">政务服务</a> | <a href="/col/col1400/index.html">政民互动</a> | <a href="/col/col1500/index.html">新闻中心</a> | <a href="/col/col1600/index.html">走进扬州</a></td>
</tr></table>
{main}
<table width="1200" border="0" align="center" class="bottom"><tr><td>
<p>主办单位：扬州市人民政府办公室　承办单位：扬州市数据局</p>
<p>网站标识码：3210000011　苏ICP备05009876号　苏公网安备32100202000123号</p>
<p>建议使用1920*1080分辨率 IE9以上版本浏览器</p>
</td></tr></table>
</body>
</html>
"""

    per_page = 4
    pages = chunks(items, per_page)
    for n, page in enumerate(pages, start=1):
        records = "\n".join(
            f'<record><![CDATA[\n<li><a href="{href}" target="_blank" title="{esc(t)}">{esc(t)}</a><span class="bt_time">{d}</span></li>\n]]></record>'
            for href, t, d, _ in page)
        main = f"""<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="260" valign="top" class="left"><div class="lmname">新闻中心</div>
<ul><li><a href="/col/col1520/index.html">扬州要闻</a></li><li class="on"><a href="/col/col1521/index.html">政务动态</a></li><li><a href="/col/col1522/index.html">部门动态</a></li><li><a href="/col/col1523/index.html">县区动态</a></li></ul></td>
<td valign="top" class="right"><div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1500/index.html">新闻中心</a> &gt; <a href="/col/col1521/index.html">政务动态</a></div>
<div id="4521" class="default_pgContainer"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=1521&unitid=4521&webname=%E6%89%AC%E5%B7%9E&permissiontype=0"></a>]]></nextgroup>
<recordset>
{records}
</recordset>
</datastore></script></div>
<div class="pager" id="pager_4521"></div>
<script type="text/javascript">
var totalRecord = {len(items)};
var perPage = {per_page};
var totalPage = {len(pages)};
var currentPage = {n};
var pageUrl = "/col/col1521/index.html?uid=4521&pageNum=";
(function () {{
  var html = "";
  if (currentPage > 1) html += "<a href='" + pageUrl + (currentPage - 1) + "'>上页</a> ";
  for (var i = 1; i <= totalPage; i++) {{
    html += (i == currentPage) ? "<span>" + i + "</span> " : "<a href='" + pageUrl + i + "'>" + i + "</a> ";
  }}
  if (currentPage < totalPage) html += "<a href='" + pageUrl + (currentPage + 1) + "'>下页</a>";
  html += " 共" + totalRecord + "条 " + totalPage + "页";
  document.getElementById("pager_4521").innerHTML = html;
}})();
$(function () {{
  $("#4521").find("record").each(function () {{ $("#4521").append($(this).text()); }});
}});
</script>
</td></tr></table>"""
        rel = f"col/col1521/list_{n}.html"
        site.add(rel, chrome("政务动态", "", main))
        site.route(f"/col/col1521/index.html?uid=4521&pageNum={n}", rel)
        site.list_pages.append(f"/col/col1521/index.html?uid=4521&pageNum={n}")
        if n == 1:
            site.route("/col/col1521/index.html", rel)

    for href, title, date, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        head = (f'<meta name="ArticleTitle" content="{esc(title)}" />\n<meta name="PubDate" content="{date} 09:00" />\n'
                f'<meta name="ContentSource" content="扬州市人民政府办公室" />\n<meta name="ColumnName" content="政务动态" />\n')
        main = f"""<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0" class="content"><tr><td>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1500/index.html">新闻中心</a> &gt; <a href="/col/col1521/index.html">政务动态</a></div>
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="title" align="center">{esc(title)}</td></tr>
<tr><td align="center" class="bt_link">发布日期：{date}　　信息来源：扬州市人民政府办公室　　浏览次数：<span id="c">1024</span>　　字体：[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>]</td></tr>
<tr><td id="zoom" class="bt_content">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{body}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</td></tr>
<tr><td align="right" class="bt_link"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></td></tr>
</table></td></tr></table>"""
        rel = href.lstrip("/")
        site.add(rel, chrome(title, head, main))
        site.article(href, title, date, "", paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 3. 简讯: one or two short paragraphs; long footer, big menus and a 40-link sidebar


def build_jianxun() -> dict:
    site = SiteOut("jianxun", "utf-8", "text/html; charset=utf-8", "/jx/index.html", "list")
    items = []
    for i, (title, date, time, paras) in enumerate(texts.JIANXUN):
        ymd = date.replace("-", "")
        items.append((f"/jx/{ymd[:6]}/t{ymd}_{552301 - i * 4}.html", title, date, time, paras))
    menu = ["首页", "时政", "钱塘要闻", "简讯", "产业", "民生", "社会", "文化", "教育", "健康", "城建", "交通",
            "生态", "视频", "图片", "专题", "评论", "服务", "公告", "互动"]
    side_titles = [
        "区领导走访慰问困难群众", "全区安全生产工作会议召开", "区政协召开常委会议", "下沙街道开展垃圾分类宣传",
        "白杨街道举办社区运动会", "义蓬街道推进老旧小区改造", "河庄街道启动冬季植树活动", "临江街道召开企业座谈会",
        "前进街道开展防诈骗宣传", "区交警部门整治电动车违法", "区教育局发布招生政策解读", "区图书馆开展阅读推广周",
        "区卫健局开展义诊进社区", "区文旅局推出秋季旅游线路", "区住建局通报工地检查情况", "区城管局开展占道经营整治",
        "区民政局发放困难补助", "区退役军人事务局走访慰问", "区司法局开展法治宣传", "区审计局召开审计工作会",
        "区统计局发布前三季度数据", "区应急管理局开展防汛复盘", "区水利局推进河道整治", "区农业农村局推广良种",
        "区税务局开展减税降费辅导", "区医保局推进异地就医结算", "区残联开展助残日活动", "区妇联举办家庭教育讲座",
        "区团委组织青年志愿服务", "区总工会举办职工技能赛", "区科协开展科普进校园", "区档案馆征集历史资料",
        "区气象局发布冬季气候展望", "区消防救援大队开展检查", "区供电部门检修线路通知", "区自来水公司停水通知",
        "区公交集团调整线路", "区体育中心开放时间调整", "区人民医院新院区开诊", "区妇幼保健院开展孕妇学校"]
    footer_lines = [
        "版权所有：杭州市钱塘区融媒体中心　未经授权禁止转载、摘编、复制或建立镜像",
        "主办单位：中共杭州市钱塘区委宣传部　承办单位：杭州市钱塘区融媒体中心　技术支持：钱塘区融媒体中心技术部",
        "地址：杭州市钱塘区新湾路1号钱塘区融媒体中心大楼　邮编：310018　新闻热线：0571-86000000　广告热线：0571-86000001",
        "浙ICP备12345678号-2　浙公网安备33011402000001号　互联网新闻信息服务许可证编号：33120170099",
        "违法和不良信息举报电话：0571-86000002　举报邮箱：jubao@example.cn　网络谣言曝光台　涉未成年人网络不良信息举报",
        "本网站所刊登的各种新闻、信息和各种专题专栏资料，均为钱塘新闻网版权所有，未经协议授权，禁止下载使用。",
        "建议使用1366*768以上分辨率浏览本站　推荐使用谷歌、火狐、Edge等主流浏览器",
    ]

    def chrome(title: str, main: str) -> str:
        nav = "".join(f'<li><a href="/{k}/index.html">{m}</a></li>' for k, m in
                      zip(["", "sz", "qtyw", "jx", "cy", "ms", "sh", "wh", "jy", "jk", "cj", "jt", "st", "sp",
                           "tp", "zt", "pl", "fw", "gg", "hd"], menu))
        sub = "".join(f'<a href="/bm/bm{k}.html">{t[:4]}</a>' for k, t in enumerate(side_titles[:16]))
        aside = "".join(f'<li><a href="/news/2025/side_{k}.html" title="{t}">{t}</a></li>' for k, t in enumerate(side_titles))
        foot = "".join(f"<p>{line}</p>" for line in footer_lines)
        return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(title)}--钱塘新闻网</title>
<meta name="keywords" content="钱塘新闻,钱塘区,简讯">
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<div class="topbar"><a href="/">钱塘新闻网</a> <a href="/app/">客户端下载</a> <a href="/login/">登录</a> <a href="/reg/">注册</a></div>
<div class="nav"><ul>{nav}</ul><div class="subnav">{sub}</div></div>
<div class="wrap">
<div class="main">{main}</div>
<div class="side"><h3>热点推荐</h3><ul>{aside}</ul></div>
</div>
<div class="footer">{foot}</div>
</body>
</html>
"""

    pages = chunks(items, 6)
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<li><span class="time">{d}</span><a href="{href}" target="_blank">{esc(t)}</a></li>\n'
                       for href, t, d, _, _ in page)
        links = []
        if n > 1:
            links.append(f'<a href="{"index.html" if n == 2 else f"index_{n - 1}.html"}">上一页</a>')
        if n < len(pages):
            links.append(f'<a href="index_{n + 1}.html">下一页</a>')
        main = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; 简讯</div>
<ul class="newslist">
{rows}</ul>
<div class="pages">{" ".join(links)}</div>"""
        name = "index.html" if n == 1 else f"index_{n}.html"
        site.add(f"jx/{name}", chrome("简讯", main))
        site.list_pages.append(f"/jx/{name}")

    for href, title, date, time, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        main = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/jx/index.html">简讯</a> &gt; 正文</div>
<div class="art">
<h1>{esc(title)}</h1>
<div class="meta">{date} {time}　来源：钱塘区融媒体中心　编辑：周敏</div>
<div class="art-body">
{body}
</div>
<div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>
</div>"""
        site.add(href.lstrip("/"), chrome(title, main))
        site.article(href, title, date, time, paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 4. dates only on the list page; ?page=N lists


def build_listdate() -> dict:
    site = SiteOut("listdate", "utf-8", "text/html; charset=utf-8", "/news/", "list")
    items = [(f"/news/show-{318 - i * 3}.html", t, d, p) for i, (t, d, _, p) in enumerate(texts.LISTDATE)]

    def chrome(title: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(title)} - 滨湖经济技术开发区管理委员会</title>
</head>
<body>
<div id="header"><h2>滨湖经济技术开发区管理委员会</h2>
<ul id="menu"><li><a href="/">网站首页</a></li><li><a href="/about/">开发区概况</a></li><li><a href="/news/">新闻动态</a></li><li><a href="/invest/">招商引资</a></li><li><a href="/policy/">政策法规</a></li><li><a href="/service/">企业服务</a></li><li><a href="/contact/">联系我们</a></li></ul></div>
<div id="content">{main}</div>
<div id="footer"><p>滨湖经济技术开发区管理委员会 版权所有</p><p>地址：滨湖大道88号　电话：0551-63300000</p></div>
</body>
</html>
"""

    pages = chunks(items, 4)
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<li><a href="show-{h.split("-")[1]}">{esc(t)}</a><span class="date">{d}</span></li>\n'
                       for h, t, d, _ in page)
        nums = " ".join(f'<a href="?page={k}"{" class=cur" if k == n else ""}>{k}</a>' for k in range(1, len(pages) + 1))
        nxt = f' <a href="?page={n + 1}">下一页</a>' if n < len(pages) else ""
        main = f"""<div class="crumb">首页 &gt; 新闻动态</div>
<ul class="list">
{rows}</ul>
<div class="pagination">{nums}{nxt}</div>"""
        rel = f"news/list_{n}.html"
        site.add(rel, chrome("新闻动态", main))
        site.route(f"/news/?page={n}", rel)
        site.list_pages.append(f"/news/?page={n}")
        if n == 1:
            site.route("/news/", rel)
    for href, title, date, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        main = f"""<div class="crumb">首页 &gt; <a href="/news/">新闻动态</a> &gt; 正文</div>
<h1>{esc(title)}</h1>
<div class="source">来源：开发区党政办公室</div>
<div class="text">
{body}
</div>
<div class="back"><a href="javascript:history.back()">返回列表</a></div>"""
        site.add(href.lstrip("/"), chrome(title, main))
        site.article(href, title, date, "", paras, date_on="list")
    return site.write()


# ---------------------------------------------------------------------------------------------
# 5. JSP portal: ;jsessionid=<new every request> in every link


def build_jsession() -> dict:
    site = SiteOut("jsession", "utf-8", "text/html;charset=UTF-8", "/portal/list.jsp?columnId=12", "list",
                   session=True)
    items = [(f"/portal/detail.jsp?columnId=12&articleId={2025111901 - i * 7}", t, d, p)
             for i, (t, d, _, p) in enumerate(texts.JSESSION)]

    def sid_link(path: str) -> str:
        base, _, query = path.partition("?")
        name = base.rsplit("/", 1)[1]
        return esc(f"{name};jsessionid=__SID__?{query}")

    def chrome(title: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/portal/css/style.css;jsessionid=__SID__">
</head>
<body>
<div class="head"><img src="/portal/images/banner.jpg" alt="两江新区门户网"></div>
<div class="menu"><a href="index.jsp;jsessionid=__SID__">首页</a> <a href="list.jsp;jsessionid=__SID__?columnId=11">新区要闻</a> <a href="list.jsp;jsessionid=__SID__?columnId=12">产业动态</a> <a href="list.jsp;jsessionid=__SID__?columnId=13">通知公告</a> <a href="guide.jsp;jsessionid=__SID__">办事指南</a></div>
{main}
<div class="foot">重庆两江新区管理委员会主办　渝ICP备10000000号<br>地址：重庆市渝北区金渝大道　<a href="contact.jsp;jsessionid=__SID__">联系我们</a></div>
</body>
</html>
"""

    pages = chunks(items, 3)
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<tr><td class="t"><a href="{sid_link(h)}" target="_blank">{esc(t)}</a></td>'
                       f'<td class="d">[{d.replace("-", "/")}]</td></tr>\n' for h, t, d, _ in page)
        pager = []
        if n > 1:
            pager.append(f'<a href="list.jsp;jsessionid=__SID__?columnId=12&amp;page={n - 1}">上一页</a>')
        if n < len(pages):
            pager.append(f'<a href="list.jsp;jsessionid=__SID__?columnId=12&amp;page={n + 1}">下一页</a>')
        main = f"""<div class="pos">您现在的位置：首页 &gt;&gt; 产业动态</div>
<table class="newslist" width="100%">
{rows}</table>
<div class="pager">共{len(items)}条记录 第{n}/{len(pages)}页 {" ".join(pager)}</div>"""
        rel = f"portal/list_{n}.html"
        site.add(rel, chrome("产业动态", main))
        site.route(f"/portal/list.jsp?columnId=12&page={n}", rel)
        site.list_pages.append(f"/portal/list.jsp?columnId=12&page={n}")
        if n == 1:
            site.route("/portal/list.jsp?columnId=12", rel)
    for href, title, date, paras in items:
        body = "\n".join(f"<p>　　{esc(p)}</p>" for p in paras)
        main = f"""<div class="pos">您现在的位置：首页 &gt;&gt; <a href="list.jsp;jsessionid=__SID__?columnId=12">产业动态</a> &gt;&gt; 正文</div>
<div class="detail">
<div class="dtitle">{esc(title)}</div>
<div class="dinfo">日期：{date.replace("-", "/")}　来源：新区宣传部　点击数：<span>386</span></div>
<div class="dcontent">
{body}
</div>
<div class="dtool"><a href="javascript:window.print();">打印</a> <a href="javascript:window.close();">关闭</a></div>
</div>"""
        rel = "portal/detail_" + href.rsplit("=", 1)[1] + ".html"
        site.add(rel, chrome(title, main))
        site.route(href, rel)
        site.article(href, title, date, "", paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 6. <base href> with relative links; list and articles in different folders


def build_basehref() -> dict:
    site = SiteOut("basehref", "utf-8", "text/html; charset=utf-8", "/col/xwdt/index.html", "list")
    items = []
    for i, (title, date, _, paras) in enumerate(texts.BASEHREF):
        y, m, d = date.split("-")
        items.append((f"{y}/{m}/{d}/art_{3301 - i * 5}.html", title, date, paras))

    def chrome(title: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<base href="__BASE__/art/">
<title>{esc(title)}_北京市大兴区人民政府</title>
<link rel="stylesheet" href="../static/css/index.css">
</head>
<body>
<div class="header"><a href="../index.html"><img src="../static/images/logo.png" alt="北京市大兴区人民政府"></a>
<ul class="nav"><li><a href="../index.html">首页</a></li><li><a href="../col/xwdt/index.html">新闻动态</a></li><li><a href="../col/zwgk/index.html">政务公开</a></li><li><a href="../col/zwfw/index.html">政务服务</a></li><li><a href="../col/hdjl/index.html">互动交流</a></li></ul></div>
{main}
<div class="footer"><p>主办：北京市大兴区人民政府办公室</p><p>京ICP备05000000号　京公网安备11011502000000号　网站标识码1100000021</p></div>
</body>
</html>
"""

    pages = chunks(items, 3)
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<li><a href="{h}" target="_blank">{esc(t)}</a><i>{d}</i></li>\n' for h, t, d, _ in page)
        pager = []
        if n > 1:
            pager.append(f'<a href="../col/xwdt/{"index.html" if n == 2 else f"index_{n - 1}.html"}">上一页</a>')
        if n < len(pages):
            pager.append(f'<a href="../col/xwdt/index_{n + 1}.html">下一页</a>')
        main = f"""<div class="content"><div class="location">当前位置：<a href="../index.html">首页</a> &gt; 新闻动态</div>
<ul class="list">
{rows}</ul>
<div class="page">{" ".join(pager)}</div></div>"""
        name = "index.html" if n == 1 else f"index_{n}.html"
        site.add(f"col/xwdt/{name}", chrome("新闻动态", main))
        site.list_pages.append(f"/col/xwdt/{name}")
    for href, title, date, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        main = f"""<div class="content"><div class="location">当前位置：<a href="../index.html">首页</a> &gt; <a href="../col/xwdt/index.html">新闻动态</a></div>
<div class="article"><h2>{esc(title)}</h2>
<div class="info">发布日期：{date}　来源：大兴区融媒体中心</div>
<div class="txt">
{body}
</div></div></div>"""
        site.add("art/" + href, chrome(title, main))
        site.article("/art/" + href, title, date, "", paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 7. GBK with no charset in the header; <meta> on some pages only; numbered pager with 末页


def build_gbk() -> dict:
    site = SiteOut("gbknohdr", "gb18030", "text/html", "/xwzx/gzdt/index.html", "auto")
    items = [(f"/xwzx/gzdt/content/post_{1102230 - i * 11}.html", t, d, p)
             for i, (t, d, _, p) in enumerate(texts.GBK)]

    def chrome(title: str, main: str, meta: bool) -> str:
        head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n' if meta else ""
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
{head}<title>{esc(title)}-深圳市坪山区人民政府门户网站</title>
<link href="/css/style.css" rel="stylesheet">
</head>
<body>
<div class="top"><a href="/">深圳市坪山区人民政府门户网站</a> <a href="/english/">English</a></div>
<div class="menu"><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a> | <a href="/zjps/">走进坪山</a></div>
{main}
<div class="bottom">主办单位：深圳市坪山区人民政府办公室　粤ICP备12345678号<br>网站标识码：4403100001　联系我们 | 网站地图 | 使用帮助</div>
</body>
</html>
"""

    pages = chunks(items, 4)
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<li><a href="content/post_{h.rsplit("_", 1)[1]}" title="{esc(t)}">{esc(t)}</a>'
                       f'<span>{d}</span></li>\n' for h, t, d, _ in page)
        nums = " ".join(f'<span class="cur">{k}</span>' if k == n else
                        f'<a href="{"index.html" if k == 1 else f"index_{k}.html"}">{k}</a>'
                        for k in range(1, len(pages) + 1))
        main = f"""<div class="wz">当前位置：首页 &gt; 新闻中心 &gt; 工作动态</div>
<ul class="list">
{rows}</ul>
<div class="page"><a href="index.html">首页</a> {nums} <a href="index_{len(pages)}.html">末页</a></div>"""
        name = "index.html" if n == 1 else f"index_{n}.html"
        site.add(f"xwzx/gzdt/{name}", chrome("工作动态", main, meta=(n == 1)))
        site.list_pages.append(f"/xwzx/gzdt/{name}")
    for k, (href, title, date, paras) in enumerate(items):
        y, m, d = date.split("-")
        body = "\n".join(f"<p>　　{esc(p)}</p>" for p in paras)
        main = f"""<div class="wz">当前位置：首页 &gt; 新闻中心 &gt; <a href="/xwzx/gzdt/index.html">工作动态</a></div>
<div class="news_con">
<h1>{esc(title)}</h1>
<div class="xx">来源：坪山区融媒体中心　　时间：{y}年{int(m)}月{int(d)}日　　【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</div>
<div class="con">
{body}
</div></div>"""
        site.add(href.lstrip("/"), chrome(title, main, meta=(k % 2 == 0)))
        site.article(href, title, date, "", paras)
    return site.write()


# ---------------------------------------------------------------------------------------------
# 8. media site: the RSS feed holds only the latest three items; /page/N/ list pages hold all


def build_rssmedia() -> dict:
    site = SiteOut("rssmedia", "utf-8", "text/html; charset=UTF-8", "/news/", "auto")
    items = [(f"/archives/{10231 - i * 17}", t, d, tm, p) for i, (t, d, tm, p) in enumerate(texts.RSSMEDIA)]

    def chrome(title: str, main: str) -> str:
        hot = "".join(f'<li><a href="__BASE__{h}">{esc(t)}</a> <span>{d}</span></li>' for h, t, d, _, _ in items[:5])
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>{esc(title)} &#8211; 蓉城产业观察</title>
<link rel="alternate" type="application/rss+xml" title="蓉城产业观察 &raquo; Feed" href="__BASE__/feed/">
<link rel="stylesheet" id="theme-css" href="__BASE__/wp-content/themes/news/style.css" media="all">
</head>
<body class="archive">
<header class="site-header"><p class="site-title"><a href="__BASE__/">蓉城产业观察</a></p>
<nav><ul><li><a href="__BASE__/">首页</a></li><li><a href="__BASE__/news/">产业新闻</a></li><li><a href="__BASE__/topics/">专题</a></li><li><a href="__BASE__/about/">关于我们</a></li></ul></nav></header>
<div class="site-content">
<main>{main}</main>
<aside class="widget-area"><section class="widget"><h2 class="widget-title">热门文章</h2><ul>{hot}</ul></section>
<section class="widget"><h2 class="widget-title">标签</h2><a href="__BASE__/tag/biomed/">生物医药</a> <a href="__BASE__/tag/device/">医疗器械</a> <a href="__BASE__/tag/fund/">产业基金</a></section></aside>
</div>
<footer class="site-footer"><p>&copy; 蓉城产业观察 | 蜀ICP备20000000号-1</p><p>自豪地采用 WordPress</p></footer>
</body>
</html>
"""

    pages = chunks(items, 3)
    for n, page in enumerate(pages, start=1):
        posts = "".join(f"""<article class="post">
<h2 class="entry-title"><a href="__BASE__{h}" rel="bookmark">{esc(t)}</a></h2>
<div class="entry-meta"><time class="entry-date" datetime="{d}T{tm}:00+08:00">{d}</time></div>
<div class="entry-summary"><p>{esc(p[0][:40])}&hellip;</p></div>
</article>
""" for h, t, d, tm, p in page)
        nav = []
        if n > 1:
            nav.append(f'<a class="prev page-numbers" href="__BASE__/news/{"" if n == 2 else f"page/{n - 1}/"}">&laquo; 上一页</a>')
        for k in range(1, len(pages) + 1):
            if k == n:
                nav.append(f'<span aria-current="page" class="page-numbers current">{k}</span>')
            else:
                nav.append(f'<a class="page-numbers" href="__BASE__/news/{"" if k == 1 else f"page/{k}/"}">{k}</a>')
        if n < len(pages):
            nav.append(f'<a class="next page-numbers" href="__BASE__/news/page/{n + 1}/">下一页 &raquo;</a>')
        main = f"""<h1 class="page-title">分类：产业新闻</h1>
{posts}<nav class="navigation pagination"><div class="nav-links">{" ".join(nav)}</div></nav>"""
        rel = "news/index.html" if n == 1 else f"news/page/{n}/index.html"
        site.add(rel, chrome("产业新闻", main))
        site.list_pages.append("/news/" if n == 1 else f"/news/page/{n}/")
    for href, title, date, tm, paras in items:
        body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
        main = f"""<article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1>
<div class="entry-meta"><span class="posted-on">发布于 <time class="entry-date published" datetime="{date}T{tm}:00+08:00">{date}</time></span> <span class="byline">作者 <a href="__BASE__/author/editor/">本站记者</a></span></div></header>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><span class="cat-links">分类 <a href="__BASE__/news/">产业新闻</a></span></footer>
</article>
<nav class="post-navigation"><a href="__BASE__/news/">返回列表</a></nav>"""
        site.add(href.lstrip("/") + "/index.html", chrome(title, main))
        site.article(href, title, date, tm, paras)
    feed_items = "".join(f"""<item>
<title>{esc(t)}</title>
<link>__BASE__{h}</link>
<pubDate>{_rfc822(d, tm)}</pubDate>
<guid isPermaLink="false">__BASE__/?p={h.rsplit("/", 1)[1]}</guid>
<description><![CDATA[{p[0][:40]}…]]></description>
</item>
""" for h, t, d, tm, p in items[:3])
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>蓉城产业观察</title>
<link>__BASE__/</link>
<description>产业新闻</description>
<language>zh-CN</language>
{feed_items}</channel>
</rss>
"""
    site.add("feed/index.xml", feed)
    site.route("/feed/", "feed/index.xml")
    return site.write()


def _rfc822(date: str, time: str) -> str:
    import datetime as dt

    moment = dt.datetime.fromisoformat(f"{date}T{time}:00+08:00")
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0800")


BUILDERS = {
    "big5portal": build_big5, "trswcm": build_trs, "trspager": build_trspager, "hanweb": build_hanweb, "jianxun": build_jianxun,
    "listdate": build_listdate, "jsession": build_jsession, "basehref": build_basehref,
    "gbknohdr": build_gbk, "rssmedia": build_rssmedia,
}


def main() -> None:
    truth = {"conventions": {
        "start": "URL path (with query) of the source's start page",
        "kind": "the source kind the test configures",
        "encoding": "the true encoding of the HTML bytes",
        "content_type": "the Content-Type header the server sends for HTML",
        "articles.path": "URL path (with query) of the article, without any ;jsessionid",
        "articles.published": "publication date, YYYY-MM-DD (China time)",
        "articles.date_on": "'article' when the article page shows the date, 'list' when only the list does",
        "articles.body": "the article paragraphs, one per line",
        "articles.crawlable": "reachable from the start URL within 5 list pages",
    }, "sites": {}}
    for name, builder in BUILDERS.items():
        truth["sites"][name] = builder()
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
