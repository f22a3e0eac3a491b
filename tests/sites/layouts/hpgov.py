"""A district-government portal in GBK: TRS-style chrome, paginated list, 发布时间 lines."""

from __future__ import annotations

from pathlib import Path

from . import Article, Noise, SiteBuild, esc, others


def _asset(name: str) -> str:
    """Inline CSS/JS kept beside the layout so the page chrome stays portal-sized."""
    return (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")


SITE = "广州市黄埔区人民政府门户网站"
LIST = "/xwzx/qndt/"
PER_PAGE = 15
EDITOR_LINE = "责任编辑："
HOST = "主办单位：广州市黄埔区人民政府办公室"
SITE_CODE = "网站标识码：4401120001"
ICP = "粤ICP备05066511号-1"

NAV = [
    ("/", "首页"), ("/xwzx/", "新闻中心"), ("/zwgk/", "政务公开"), ("/zwfw/", "政务服务"),
    ("/hdjl/", "互动交流"), ("/zjhp/", "走进黄埔"), ("/tzhp/", "投资黄埔"), ("/ztzl/", "专题专栏"),
    ("/sjkf/", "数据开放"), ("/zwgk/zcwj/", "政策文件"), ("/zwgk/zcjd/", "政策解读"),
    ("/zwgk/rsxx/", "人事信息"), ("/zwgk/czxx/", "财政信息"), ("/zwgk/ghjh/", "规划计划"),
    ("/zwgk/tjxx/", "统计信息"), ("/zwgk/yjgl/", "应急管理"), ("/zwgk/zdxm/", "重大项目"),
    ("/yshj/", "营商环境"), ("/tzhp/zsyz/", "招商引资"), ("/rcfw/", "人才服务"),
    ("/kjcx/", "科技创新"), ("/cyyq/", "产业园区"), ("/ztzl/swyy/", "生物医药"),
    ("/ztzl/jcdl/", "集成电路"),
]
SUBNAV = {
    "新闻中心": ["区内动态", "通知公告", "图片新闻", "媒体聚焦", "视频新闻", "部门动态", "镇街动态", "新闻发布会"],
    "政务公开": ["机构职能", "领导之窗", "政策文件", "政策解读", "规划计划", "财政信息", "人事信息", "统计信息",
             "重点领域信息公开", "政府信息公开指南", "政府信息公开年报", "依申请公开"],
    "政务服务": ["个人办事", "法人办事", "主题服务", "一件事一次办", "政务服务中心", "便民服务", "办事指南", "证照查询"],
    "互动交流": ["区长信箱", "在线访谈", "征集调查", "咨询投诉", "常见问题", "12345热线"],
    "走进黄埔": ["黄埔概况", "历史沿革", "行政区划", "人口民族", "自然资源", "文化旅游", "黄埔名片"],
    "投资黄埔": ["投资环境", "产业布局", "重点园区", "招商政策", "投资指南", "项目推介", "企业服务"],
    "专题专栏": ["生物医药产业专栏", "集成电路产业专栏", "优化营商环境", "惠企政策直达", "乡村振兴", "安全生产"],
}
DEPARTMENTS = ["区发展和改革局", "区教育局", "区科技局", "区工业和信息化局", "区民政局", "区司法局", "区财政局",
               "区人力资源和社会保障局", "区规划和自然资源局", "区生态环境分局", "区住房和城乡建设局", "区交通运输局",
               "区水务局", "区农业农村局", "区商务局", "区文化广电旅游体育局", "区卫生健康局", "区退役军人事务局",
               "区应急管理局", "区审计局", "区市场监督管理局", "区统计局", "区医疗保障局", "区城市管理和综合执法局",
               "区政务服务数据管理局", "区投资促进局", "区金融工作局", "区知识产权局"]
STREETS = ["黄埔街道", "红山街道", "鱼珠街道", "大沙街道", "文冲街道", "穗东街道", "南岗街道", "长洲街道", "夏港街道",
           "萝岗街道", "联和街道", "永和街道", "长岭街道", "云埔街道", "九佛街道", "龙湖街道", "新龙镇"]
COLUMNS = [
    ("/xwzx/qndt/", "区内动态"), ("/xwzx/tzgg/", "通知公告"), ("/xwzx/tpxw/", "图片新闻"),
    ("/xwzx/mtjj/", "媒体聚焦"), ("/xwzx/spxw/", "视频新闻"), ("/xwzx/bmdt/", "部门动态"),
    ("/xwzx/zjdt/", "镇街动态"), ("/xwzx/xwfbh/", "新闻发布会"),
]
TOPICS = [
    ("/ztzl/xxgc/", "深入学习贯彻党的二十届四中全会精神"), ("/ztzl/yshj/", "优化营商环境 打造一流开发区"),
    ("/ztzl/swyy/", "生物医药产业专栏"), ("/ztzl/qyfw/", "惠企政策直达快享"),
    ("/ztzl/cjwm/", "创建全国文明城区"), ("/ztzl/aqsc/", "安全生产月"),
]
FRIENDS = ["中国政府网", "广东省人民政府", "广州市人民政府", "广州市发展和改革委员会", "广州市科学技术局",
           "广州市工业和信息化局", "广州市商务局", "广州市市场监督管理局", "广州市人力资源和社会保障局",
           "天河区人民政府", "越秀区人民政府", "海珠区人民政府", "荔湾区人民政府", "白云区人民政府",
           "番禺区人民政府", "花都区人民政府", "南沙区人民政府", "从化区人民政府", "增城区人民政府"]

STYLE = _asset("hpgov.css")

SCRIPT = _asset("hpgov.js")

PAGER_SCRIPT = _asset("hpgov-pager.js")


def _head(title: str, charset: str, metas: str = "", extra: str = "") -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE}" />
<meta name="SiteDomain" content="www.hp.gov.cn" />
<meta name="SiteIDCode" content="4401120001" />
{metas}{extra}<style type="text/css">{STYLE}</style>
<script type="text/javascript">{SCRIPT}</script>
</head>
"""


def _on(active: bool) -> str:
    return ' class="on"' if active else ""


def _submenu(label: str, href: str) -> str:
    items = SUBNAV.get(label)
    if not items:
        return ""
    links = "".join(f'<a href="{href}{i + 1:02d}/">{name}</a>' for i, name in enumerate(items))
    return f'<div class="sub">{links}</div>'


def _top(on: str) -> str:
    nav = "\n".join(f'<li{_on(label == on)}><a href="{href}">{label}</a>{_submenu(label, href)}</li>'
                    for href, label in NAV)
    mobile = "".join(f'<a href="{href}">{label}</a>' for href, label in NAV)
    return f"""<body>
<div class="top-bar"><div class="w"><span id="today"></span><span><a href="/wza/">无障碍浏览</a> | <a href="/zzms/">长者模式</a> | <a href="/fw/">繁体版</a> | <a href="/wap/">手机版</a> | <a href="/yhzx/">登录</a></span></div></div>
<div class="header"><div class="logo">广州市黄埔区人民政府　广州开发区管委会
<div class="search"><form action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键字" /><button type="submit">搜索</button></form></div></div></div>
<div class="nav"><ul>
{nav}
</ul></div>
<div class="m-nav" style="display:none"><div class="m-nav-title">栏目导航</div>{mobile}</div>
<div class="toolbar" id="wza-toolbar" style="display:none"><a href="javascript:wza.zoomIn()">放大</a><a href="javascript:wza.zoomOut()">缩小</a><a href="javascript:wza.contrast()">高对比度</a><a href="javascript:wza.cursor()">大鼠标</a><a href="javascript:wza.guide()">辅助线</a><a href="javascript:wza.read()">指读</a><a href="javascript:wza.reset()">重置</a><a href="javascript:wza.close()">退出服务</a></div>
"""


def _left(active: str) -> str:
    items = "\n".join(f'<li{_on(label == active)}><a href="{href}">{label}</a></li>' for href, label in COLUMNS)
    return f'<div class="col-left"><h3>新闻中心</h3><ul>\n{items}\n</ul></div>\n'


def _right(hot: list[Article], depth: str) -> str:
    hot_items = "\n".join(
        f'<li><a href="{depth}content/{a.path.rsplit("/", 1)[1]}" title="{esc(a.title)}">{esc(a.title)}</a></li>'
        for a in hot)
    topics = "\n".join(f'<li><a href="{href}">{label}</a></li>' for href, label in TOPICS)
    return f"""<div class="col-right">
<div class="box"><h4>热点新闻</h4><ul>
{hot_items}
</ul></div>
<div class="box"><h4>专题专栏</h4><ul>
{topics}
</ul></div>
<div class="box"><h4>政务新媒体</h4><p><img src="/images/wx_qrcode.png" alt="黄埔发布微信公众号" width="100" height="100" /><br />扫码关注“黄埔发布”</p></div>
</div>
"""


def _footer() -> str:
    options = "\n".join(f'<option value="">{name}</option>' for name in FRIENDS)
    departments = "\n".join(f'<option value="">{name}</option>' for name in DEPARTMENTS)
    streets = "\n".join(f'<option value="">{name}</option>' for name in STREETS)
    return f"""<div class="friends"><select onchange="goFriend(this)"><option value="">—— 政府网站 ——</option>
{options}
</select><select onchange="goFriend(this)"><option value="">—— 区属部门 ——</option>
{departments}
</select><select onchange="goFriend(this)"><option value="">—— 镇街网站 ——</option>
{streets}
</select></div>
<div class="footer">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/yssm/">隐私声明</a> | <a href="/wzsm/">网站声明</a></p>
<p>{HOST}　广州开发区管委会办公室　承办单位：广州市黄埔区政务服务数据管理局</p>
<p>{SITE_CODE}　{ICP}　粤公网安备 44011202000123号</p>
<p>建议使用1920×1080分辨率浏览本网站　<img src="/images/jiucuo.png" alt="政府网站找错" /></p>
</div>
</body>
</html>
"""


def _article_page(a: Article, site_articles: list[Article], prev: Article | None, nxt: Article | None) -> str:
    charset = a.charset or "gbk"
    metas = f"""<meta name="ColumnName" content="区内动态" />
<meta name="ColumnType" content="区内动态" />
<meta name="ArticleTitle" content="{esc(a.title)}" />
<meta name="ContentSource" content="{esc(a.source)}" />
<meta name="Keywords" content="{esc(a.title[:12])}" />
<meta name="Description" content="{esc(a.lead)}" />
"""
    extra = f'<link rel="canonical" href="__BASE__{a.path}" />\n' if a.canonical else ""
    body = []
    for kind, text in a.paragraphs:
        body.append(f'<p><strong>{esc(text)}</strong></p>' if kind == "h" else f"<p>　　{esc(text)}</p>")
    # Many TRS pages put the editor line inside the body container; others below it.
    editor_inside = int(a.id[1:]) % 2 == 1
    editor = f"{EDITOR_LINE}{esc(a.editor)}"
    if editor_inside:
        body.append(f'<p style="text-align: right;">（{editor}）</p>')
    name = a.path.rsplit("/", 1)[1]
    prev_html = f'<a href="{prev.path.rsplit("/", 1)[1]}">{esc(prev.title)}</a>' if prev else "没有了"
    next_html = f'<a href="{nxt.path.rsplit("/", 1)[1]}">{esc(nxt.title)}</a>' if nxt else "没有了"
    return (_head(f"{a.title}_区内动态_{SITE}", charset, metas, extra) + _top("新闻中心") + f"""
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="../">区内动态</a></div>
<div class="main">
{_left("区内动态")}<div class="col-center">
<div class="article">
<h1 class="article-title">{esc(a.title)}</h1>
<div class="article-info"><span>发布时间：{a.date}</span><span>来源：{esc(a.source)}</span><span class="font-size">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span><span>浏览次数：<em id="visits_{name[5:-5]}">--</em></span></div>
<div class="article-content" id="zoom"><div class="TRS_Editor">
{chr(10).join(body)}
</div></div>
{"" if editor_inside else f'<div class="article-editor">{editor}</div>'}
<div class="share-bar">分享到：<a href="javascript:shareTo('wechat')">微信</a><a href="javascript:shareTo('weibo')">微博</a><a href="javascript:shareTo('qzone')">QQ空间</a></div>
<div class="article-tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
<div class="prev-next"><p>上一篇：{prev_html}</p><p>下一篇：{next_html}</p></div>
</div>
</div>
{_right(others(site_articles, a, 8), "../")}</div>
<script type="text/javascript">document.getElementById('visits_{name[5:-5]}').innerHTML = '{(sum(map(ord, a.id)) * 37) % 900 + 100}';</script>
""" + _footer())


def _short(title: str) -> str:
    return title if len(title) <= 30 else title[:29] + "…"


def _list_page(items: list[tuple[str, str, str]], index: int, pages: int, total: int,
               hot: list[Article]) -> str:
    lis = "\n".join(
        f'<li><a href="{href}" target="_blank" title="{esc(title)}">{esc(_short(title))}</a><span class="date">{day}</span></li>'
        for href, title, day in items)

    def page_name(i: int) -> str:
        return "index.html" if i == 0 else f"index_{i}.html"

    prev_link = f'<a href="{page_name(index - 1)}">上一页</a>' if index > 0 else "<span>上一页</span>"
    next_link = f'<a href="{page_name(index + 1)}">下一页</a>' if index < pages - 1 else "<span>下一页</span>"
    nums = " ".join(f'<span class="current">{i + 1}</span>' if i == index else f'<a href="{page_name(i)}">{i + 1}</a>'
                    for i in range(pages))
    metas = '<meta name="ColumnName" content="区内动态" />\n<meta name="ColumnType" content="区内动态" />\n'
    return (_head(f"区内动态_{SITE}", "gbk", metas) + _top("新闻中心") + f"""
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="./">区内动态</a></div>
<div class="main">
{_left("区内动态")}<div class="col-center">
<div class="list-box"><h2 class="list-title">区内动态</h2>
<ul class="news-list">
{lis}
</ul>
<div class="page">共{total}条记录　<a href="index.html">首页</a> {prev_link} <span id="pageNums">{nums}</span> {next_link} <a href="{page_name(pages - 1)}">尾页</a></div>
<script type="text/javascript">{PAGER_SCRIPT}createPageHTML({pages}, {index}, "index", "html");</script>
</div>
</div>
{_right(hot, "./")}</div>
""" + _footer())


def _home(latest: list[Article]) -> str:
    lis = "\n".join(
        f'<li><a href="{a.path}" title="{esc(a.title)}">{esc(_short(a.title))}</a><span class="date">{a.day}</span></li>'
        for a in latest)
    return (_head(SITE, "gbk") + _top("首页") + f"""
<div class="main"><div class="col-center">
<div class="list-box"><h2 class="list-title">区内动态 <a href="{LIST}index.html" style="float:right;font-size:13px">更多&gt;&gt;</a></h2>
<ul class="news-list">
{lis}
</ul></div>
</div>{_right(latest[6:12], LIST)}</div>
""" + _footer())


def _private() -> str:
    return (_head(f"内部资料_{SITE}", "gbk") + """<body><h1>内部资料（仅限内网访问）</h1>
<p>本页面为内部工作资料，仅供机关内部工作人员查阅，请勿转发。</p>
<p>2025年第三季度全区重点项目推进情况：共推进重点项目312个，完成年度投资计划的78%。</p>
</body></html>
""")


def _maintenance() -> str:
    return """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>网站升级维护中</title></head><body style="text-align:center;padding-top:120px">
<h2>网站升级维护中</h2><p>为提供更好的服务，本栏目正在进行升级改版，请稍后访问。给您带来的不便，敬请谅解。</p>
</body></html>
"""


def build(articles: list[Article], by_id: dict[str, Article]) -> SiteBuild:
    linked = sorted((a for a in articles if a.linked), key=lambda a: (a.date, a.path), reverse=True)
    slow = next(a for a in articles if not a.linked)
    target = by_id["H4"]  # the redirect chain ends here
    external = by_id["M1"]
    private_path = "/private/nbzl_20251010.html"
    # (href relative to the list page, anchor text, date); non-article rows sit among the articles
    extras = {
        "slow": ("/noise/slow.html", slow.title, slow.day),
        "external": (f"__BASE_media__{external.path}", f"【媒体聚焦】{external.title}", external.day),
        "redirect": ("/noise/redirect-1.html", target.title, target.day),
        "500": ("/noise/500.html", "关于开展2025年度区级科技计划项目验收工作的通知", "2025-11-05"),
        "404a": ("./content/post_1001131.html", "区政务服务中心调整部分窗口受理时间的公告", "2025-11-04"),
        "big": ("/noise/big.html", "黄埔区2025年1—9月主要经济指标", "2025-11-01"),
        "binary": ("/noise/binary.html", "【图解】一图看懂黄埔区十大产业集群空间布局", "2025-10-30"),
        "404b": ("./content/post_1001088.html", "黄埔区2025年第三季度政府信息公开工作情况", "2025-10-12"),
        "private": (private_path, "2025年第三季度全区重点项目推进情况（内部资料）", "2025-10-10"),
    }
    rows = [(f"./content/{a.path.rsplit('/', 1)[1]}", a.title, a.day) for a in linked]
    rows += list(extras.values())
    rows.sort(key=lambda r: r[2], reverse=True)
    pages = [rows[i:i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)]
    names = [f"{LIST}index.html" if i == 0 else f"{LIST}index_{i}.html" for i in range(len(pages))]
    files: dict[str, str] = {}
    hot = linked[:8]
    for i, page in enumerate(pages):
        files[names[i].lstrip("/")] = _list_page(page, i, len(pages), len(rows), hot)
    found_on = {href: names[i] for i, page in enumerate(pages) for href, _, _ in page}
    order = linked + [slow]
    for a in order:
        pos = linked.index(a) if a in linked else None
        prev = linked[pos - 1] if pos else None
        nxt = linked[pos + 1] if pos is not None and pos + 1 < len(linked) else None
        files[a.path.lstrip("/")] = _article_page(a, articles, prev, nxt)
    files["index.html"] = _home(linked[:12])
    files[private_path.lstrip("/")] = _private()
    files["robots.txt"] = "User-agent: *\nDisallow: /private/\nDisallow: /search/\n"

    stall_rows = [("/noise/never-ends.html", "黄埔区2025年民生实事项目进展情况", pages[0][0][2])] + pages[0][:-1]
    variants = {
        "stall": {names[0].lstrip("/"): _list_page(stall_rows, 0, len(pages), len(rows), hot)},
        "maintenance": {name.lstrip("/"): _maintenance() for name in names},
    }
    boilerplate = {}
    for a in order:
        pos = linked.index(a) if a in linked else None
        bp = [f"{EDITOR_LINE}{a.editor}", f"来源：{a.source}", f"发布时间：{a.date}", "字号：", "【打印】",
              "分享到：", "当前位置：", HOST, SITE_CODE, ICP, "热点新闻"]
        bp += [o.title for o in others(articles, a, 8)[:3]]
        if pos:
            bp.append(linked[pos - 1].title)
        boilerplate[a.id] = bp

    def on(key: str) -> list[str]:
        return [found_on[extras[key][0]]]

    noise = [
        Noise("/noise/slow.html", on("slow"), "article", 200, "answers after slow_seconds", alias_of=slow.id),
        Noise("/noise/redirect-1.html", on("redirect"), "article", 301,
              "301 -> /noise/redirect-2.html -> 302 -> article", alias_of=target.id),
        Noise("/noise/500.html", on("500"), "failure", 500, "server error on every try"),
        Noise("/xwzx/qndt/content/post_1001131.html", on("404a"), "failure", 404, "missing page"),
        Noise("/xwzx/qndt/content/post_1001088.html", on("404b"), "failure", 404, "missing page"),
        Noise("/noise/big.html", on("big"), "failure", 200, "about 6 MB, above max_page_bytes"),
        Noise("/noise/binary.html", on("binary"), "failure", 200, "binary bytes served as text/html"),
        Noise(private_path, on("private"), "never_requested", 200, "disallowed by robots.txt"),
        Noise(f"__BASE_media__{external.path}", on("external"), "not_followed", 200,
              "link to another site (the media fixture)"),
        Noise("/noise/never-ends.html", [names[0]], "failure", 200,
              "headers and a little body, then stalls: a timeout", variant="stall"),
    ]
    return SiteBuild(
        files=files, variants=variants, boilerplate=boilerplate,
        aliases={target.id: ["/noise/redirect-1.html", "/noise/redirect-2.html"], slow.id: ["/noise/slow.html"]},
        noise=noise,
        site_json={"redirect_to": target.path, "slow_article": slow.path},
        entry_points={"home": "/index.html", "list": names[0], "list_pages": names},
        encoding="gbk",
    )
