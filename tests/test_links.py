"""Article-link discovery on list pages without selectors, next pages, declared canonical URLs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.links import article_links, declared_canonical, headline_score, parse_html
from crawler.pager import next_page

GOV = "http://www.hp.gov.cn/xwzx/zwyw/index.html"
GOV_PAGE = """<html><head><meta charset="utf-8"><title>政务要闻_黄埔区人民政府</title></head><body>
<div class="top"><a href="/">首页</a><a href="/en/">English</a><a href="/wza/">无障碍</a></div>
<div id="header"><ul class="mainNav">
  <li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/xwzx/zwyw/content/post_100.html">区领导信箱办理情况公开说明</a></li>
</ul></div>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/zwyw/">政务要闻</a></div>
<div class="main">
 <div class="left-column"><h3>新闻中心</h3><ul>
  <li><a href="/xwzx/zwyw/">政务要闻</a></li><li><a href="/xwzx/tzgg/">通知公告</a></li><li><a href="/xwzx/bmdt/">部门动态</a></li>
 </ul></div>
 <div class="right-column"><ul class="news_list">
  <li><a href="/xwzx/zwyw/content/post_10591234.html?utm_source=weixin" title="黄埔区生物医药产业园正式开园 首批十三家企业签约入驻" target="_blank">黄埔区生物医药产业园正式开园 首批十三家…</a><span class="date">2025-11-18</span></li>
  <li><a href="content/post_10591233.html">广州开发区设立22.5亿元生物医药产业基金</a><span class="date">2025-11-17</span></li>
  <li><a href="/xwzx/zwyw/content/post_10591232.html">区政府召开常务会议研究部署重点工作</a><span class="date">2025-11-16</span></li>
  <li><a href="http://www.gz.gov.cn/xw/content/post_1.html">市政府新闻一则标题很长很长</a><span class="date">2025-11-16</span></li>
  <li><a href="/attach/2025/11/policy.pdf">黄埔区促进生物医药产业发展办法全文下载</a><span class="date">2025-11-15</span></li>
 </ul>
 <div class="pages"><a href="index.html">首页</a><a href="javascript:;">上一页</a><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>
 </div>
</div>
<div class="hot-news"><h3>热点新闻</h3><ul>
  <li><a href="/xwzx/rdxw/content/post_555.html">热点：第一条热点新闻的完整标题</a></li>
  <li><a href="/xwzx/rdxw/content/post_556.html">热点：第二条热点新闻的完整标题</a></li>
</ul></div>
<div class="footer"><a href="/sitemap.html">网站地图</a><a href="/lxwm/">联系我们</a>
 <a href="/xwzx/zwyw/content/post_777.html">网站无障碍服务使用说明全文</a><p>版权所有：广州市黄埔区人民政府</p></div>
</body></html>"""


def urls(found: list) -> list[str]:
    return [link.url.rsplit("/", 1)[1] for link in found]


def test_government_list_page_yields_the_list_and_nothing_from_the_template() -> None:
    found = article_links(parse_html(GOV_PAGE), GOV)
    assert urls(found) == ["post_10591234.html", "post_10591233.html", "post_10591232.html"]
    first = found[0]
    assert first.url == "http://www.hp.gov.cn/xwzx/zwyw/content/post_10591234.html"
    assert first.title == "黄埔区生物医药产业园正式开园 首批十三家企业签约入驻"  # full title attribute
    assert first.published == "2025-11-18T00:00:00+08:00"


MEDIA = "https://www.bionews.example.com/channel/industry/"
MEDIA_PAGE = """<!DOCTYPE html><html><head><title>产业 - 生物医药网</title></head><body>
<nav><a href="/">首页</a><a href="/channel/industry/">产业</a><a href="/channel/policy/">政策</a></nav>
<section class="feed">
 <div class="item"><h3><a href="/2025/1118/c1001-40123456.html">上海发布225亿元生物医药产业基金 支持创新药研发</a></h3>
   <p class="summary">基金将重点投向创新药和高端医疗器械。</p><div class="meta">2025年11月18日 09:30</div></div>
 <div class="item"><h3><a href="/2025/1117/c1001-40123455.html">苏州生物医药产业园新引进项目三十个</a></h3>
   <p class="summary">园区已集聚企业超过六百家。</p><div class="meta">2025年11月17日 16:00</div></div>
 <div class="item"><h3><a href="/2025/1116/c1001-40123450.html">博鳌乐城先行区十三家企业集中签约</a></h3>
   <p class="summary">签约项目涵盖创新药械和健康管理。</p><div class="meta">2025年11月16日 11:00</div></div>
</section>
<aside><div class="rank"><h4>排行榜</h4>
 <a href="/2025/1101/c1001-40100001.html">一篇很久以前但是阅读量很高的新闻标题</a></div></aside>
<div class="related"><h4>相关新闻</h4><a href="/2025/1001/c1001-40000001.html">另一篇相关的新闻文章的标题</a></div>
<footer><a href="/about/">关于我们</a><a href="https://beian.miit.gov.cn/">京ICP备12345678号</a></footer>
</body></html>"""


def test_media_list_page_with_cards_summaries_and_sidebars() -> None:
    found = article_links(parse_html(MEDIA_PAGE), MEDIA)
    assert urls(found) == ["c1001-40123456.html", "c1001-40123455.html", "c1001-40123450.html"]
    assert found[1].published == "2025-11-17T16:00:00+08:00"


SIDEBAR_PAGE = """<html><body><div class="main"><div class="left"><ul class="list">
<li><h3><a href="/news/2025-11/21/c_1130021688.htm">历时8年研发 广州诺康肺癌新药诺沙替尼片获批</a></h3><span>2025-11-21</span></li>
<li><h3><a href="/news/2025-11/21/c_1130021502.htm">13家生物医药企业集中签约博鳌乐城</a></h3><span>2025-11-21</span></li>
</ul></div><div class="right">
<h4>24小时热点</h4><ol><li><a href="/news/2025-11/01/c_1130001111.htm">一条昨天阅读量最高的新闻标题</a></li></ol>
<h4>图片新闻</h4><ul class="photos"><li><a href="/photo/2025-11/01.htm"><img src="/1.jpg"><span>珠江两岸灯光秀点亮羊城夜色</span></a></li>
<li><a href="/photo/2025-11/02.htm"><img src="/2.jpg"><span>初冬时节 南岭层林尽染</span></a></li></ul>
<div class="box"><div class="hd"><h3>相关阅读</h3></div><div class="bd"><ul>
<li><a href="/news/2025-10/11/c_1130000001.htm">另外一篇相关新闻的完整标题</a></li></ul></div></div>
</div></div></body></html>"""


def test_blocks_titled_like_sidebars_are_left_out() -> None:
    found = article_links(parse_html(SIDEBAR_PAGE), "http://news.example.cn/news/index.html")
    assert urls(found) == ["c_1130021688.htm", "c_1130021502.htm"]


TABLE_PAGE = """<html><body><table class="lb">
<tr><td class="bt"><a href="./202511/t20251118_7001.html">深圳市关于促进生物医药产业集群高质量发展的若干措施</a></td><td>2025-11-18</td></tr>
<tr><td class="bt"><a href="./202511/t20251112_7000.html">深圳市生物医药产业发展白皮书正式发布</a></td><td>2025-11-12</td></tr>
</table></body></html>"""


def test_table_rows_are_list_items() -> None:
    found = article_links(parse_html(TABLE_PAGE), "http://www.sz.gov.cn/cn/xxgk/tzgg/index.html")
    assert urls(found) == ["t20251118_7001.html", "t20251112_7000.html"]
    assert [link.published[:10] for link in found] == ["2025-11-18", "2025-11-12"]


ENGLISH_PAGE = """<html><body><div id="nav"><a href="/en/">Home</a><a href="/en/about/">About Huangpu</a>
<a href="/en/invest/">Invest in Huangpu</a></div>
<div class="list"><ul>
<li><a href="/en/news/2025-11/18/huangpu-biomedical-park-opens-to-first-tenants.html">Huangpu biomedical park opens to its first tenants</a> <em>Nov 18, 2025</em></li>
<li><a href="/en/news/2025-11/12/fund-of-2-billion-yuan-launched-for-drug-makers.html">A 2 billion yuan fund launched for drug makers</a> <em>Nov 12, 2025</em></li>
</ul></div></body></html>"""


def test_english_list_with_slugs_and_english_dates() -> None:
    found = article_links(parse_html(ENGLISH_PAGE), "http://www.hp.gov.cn/en/news/")
    assert len(found) == 2
    assert found[0].title == "Huangpu biomedical park opens to its first tenants"
    assert found[0].published == "2025-11-18T00:00:00+08:00"


def test_only_template_blocks_hold_articles_then_they_are_used() -> None:
    page = """<html><body><div class="sidebar-main"><ul>
    <li><a href="/news/content/post_200.html">园区第一批企业完成签约入驻</a></li>
    <li><a href="/news/content/post_201.html">园区第二批企业完成签约入驻</a></li></ul></div></body></html>"""
    assert urls(article_links(parse_html(page), "http://www.x.gov.cn/news/")) == ["post_200.html", "post_201.html"]


def test_link_selector_overrides_the_heuristics() -> None:
    found = article_links(parse_html(GOV_PAGE), GOV, link_selector="div.hot-news li")
    assert urls(found) == ["post_555.html", "post_556.html"]
    assert article_links(parse_html(GOV_PAGE), GOV, link_selector="ul.nothing a") == []
    assert article_links(parse_html(GOV_PAGE), GOV, link_selector="!!bad((") == []


def test_allow_and_deny_filter_discovered_links() -> None:
    tree = parse_html(GOV_PAGE)
    assert urls(article_links(tree, GOV, deny=(r"post_1059123[34]",))) == ["post_10591232.html"]
    assert urls(article_links(tree, GOV, allow=(r"post_10591233",))) == ["post_10591233.html"]


def test_headline_text() -> None:
    assert headline_score("黄埔区生物医药产业园正式开园") == 1.0
    assert headline_score("Huangpu biomedical park opens to tenants") == 1.0
    for menu in ("首页", "更多>>", "下一页", "English", "2", "Read more", "[2025-11-18]", "»"):
        assert headline_score(menu) == 0.0, menu
    assert headline_score("通知公告") < 1.0  # a column name, short of a headline


def test_next_page_by_text_rel_script_and_selector() -> None:
    tree = parse_html(GOV_PAGE)
    assert next_page(tree, GOV) == "http://www.hp.gov.cn/xwzx/zwyw/index_1.html"
    rel = '<html><head><link rel="next" href="?page=2"></head><body></body></html>'
    assert next_page(parse_html(rel), "http://e.example.cn/list") == "http://e.example.cn/list?page=2"
    arrows = '<html><body><a href="/l/9">»</a><a href="/l/2">›</a></body></html>'
    assert next_page(parse_html(arrows), "http://e.example.cn/l/1") == "http://e.example.cn/l/2"
    trs = '<html><body><script>createPageHTML(7, 2, "index", "shtml");</script></body></html>'
    url = "http://www.sz.gov.cn/cn/tzgg/index_2.shtml"
    assert next_page(parse_html(trs), url, trs) == "http://www.sz.gov.cn/cn/tzgg/index_3.shtml"
    last = '<html><body><script>createPageHTML(3, 2, "index", "shtml");</script></body></html>'
    assert next_page(parse_html(last), url, last) is None
    custom = '<html><body><div class="pg"><span class="nx"><a href="list_2.htm">后续</a></span></div></body></html>'
    assert (
        next_page(parse_html(custom), "http://e.example.cn/a/list.htm", next_selector="span.nx")
        == "http://e.example.cn/a/list_2.htm"
    )


def test_no_next_page_off_site_or_to_itself() -> None:
    page = (
        '<html><body><a href="http://other.example.com/list_2.html">下一页</a>'
        '<a href="#">下一页</a><a href="javascript:next()">下一页</a></body></html>'
    )
    assert next_page(parse_html(page), "http://e.example.cn/list.html") is None


def test_declared_canonical_url() -> None:
    page = '<html><head><link href="/a/1.html?utm_source=x" rel="canonical"></head><body></body></html>'
    assert declared_canonical(page, "http://e.example.cn/b/2.html") == "http://e.example.cn/a/1.html"
    foreign = '<html><head><link rel="canonical" href="http://evil.example.com/a/1.html"></head></html>'
    assert declared_canonical(foreign, "http://e.example.cn/b/2.html") is None
    body_only = '<html><head></head><body><link rel="canonical" href="/x.html"></body></html>'
    assert declared_canonical(body_only, "http://e.example.cn/b/2.html") is None


def test_hostile_markup_does_not_break_discovery() -> None:
    deep = "<div>" * 5000 + '<a href="/news/content/post_1.html">深层嵌套页面中的新闻标题</a>' + "</div>" * 5000
    tree = parse_html(deep)
    found = [link.url for link in article_links(tree, "http://e.example.cn/news/")] if tree is not None else []
    assert found in ([], ["http://e.example.cn/news/content/post_1.html"])  # the link or nothing, never garbage
    assert parse_html("") is None
    assert parse_html('<?xml version="1.0" encoding="utf-8"?><html><body>x</body></html>') is not None


_MARKUP = st.lists(
    st.sampled_from(
        [
            "<div>",
            "</div>",
            "<ul>",
            "<li>",
            "</li>",
            "</ul>",
            '<a href="/news/content/post_12345.html">',
            "</a>",
            '<a href="javascript:;">',
            '<a href="http://other.example.com/x/1.html">',
            "<nav>",
            "</nav>",
            "园区企业签约入驻仪式举行",
            "2025-11-18",
            "下一页",
            "<h3>热点新闻</h3>",
            '<a href="index_2.html">',
            "<table><tr><td>",
            "</td></tr></table>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "&amp;",
            "\x00",
            "<a",
        ]
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(_MARKUP)
def test_any_markup_gives_links_or_nothing_but_never_an_error(parts: list[str]) -> None:
    html = "<html><body>" + "".join(parts)
    tree = parse_html(html)
    if tree is None:
        return
    for link in article_links(tree, "http://www.e.gov.cn/news/index.html"):
        assert link.url.startswith("http://www.e.gov.cn/")
    next_page(tree, "http://www.e.gov.cn/news/index.html", html)
    declared_canonical(html, "http://www.e.gov.cn/news/index.html")


def test_camel_case_class_names_mark_template_blocks() -> None:
    page = """<html><body><div class="newsList"><ul>
    <li><a href="/news/content/post_300.html">园区第一批企业完成签约入驻</a></li>
    <li><a href="/news/content/post_301.html">园区第二批企业完成签约入驻</a></li></ul></div>
    <div class="hotNews"><ul><li><a href="/news/content/post_9.html">一条阅读量很高的旧新闻标题</a></li>
    <li><a href="/news/content/post_8.html">另一条阅读量很高的旧新闻</a></li></ul></div></body></html>"""
    assert urls(article_links(parse_html(page), "http://www.x.gov.cn/news/")) == ["post_300.html", "post_301.html"]


def test_hanweb_datastore_records_are_list_items() -> None:
    rows = "".join(
        f'<record><![CDATA[\n<li><a href="/art/2025/11/{d}/art_1521_87{d:04d}.html" title="第{d}条">'
        f"市生物医药产业园第{d}批项目签约入驻</a><span>2025-11-{d:02d}</span></li>\n]]></record>"
        for d in (19, 17, 13)
    )
    html = (
        '<html><body><div class="nav"><a href="/">首页</a></div><div id="4521"><script type="text/xml">'
        f"<datastore><recordset>{rows}</recordset></datastore></script></div></body></html>"
    )
    found = article_links(parse_html(html), "http://www.e.gov.cn/col/col1521/index.html")
    assert [link.url.rsplit("_", 1)[-1] for link in found] == ["870019.html", "870017.html", "870013.html"]
    assert found[0].title == "市生物医药产业园第19批项目签约入驻" and found[0].published.startswith("2025-11-19")
