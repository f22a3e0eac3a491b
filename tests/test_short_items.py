"""Short items under heavy page furniture (issue #11): a two-paragraph notice on a government
portal whose copyright footer is longer than the item is stored whole, and a page of furniture
alone is not stored. The pages are written for these tests, in the genre of district portals."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from errors import Skip
from pipelines.article import Page
from pipelines.boilerplate import reads_as_article, trim_boilerplate
from pipelines.density import main_block
from pipelines.extract import extract
from pipelines.process import process_page

# fmt: off
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进增城", "新闻中心", "政策文件", "政策解读", "规划计划",
       "财政信息", "人事信息", "统计数据", "营商环境", "专题专栏", "视频新闻", "图片新闻")
# fmt: on
LATEST = [
    f"{place}{what}"
    for place in ("荔城街道", "新塘镇", "石滩镇", "中新镇", "派潭镇", "朱村街道", "永宁街道", "仙村镇")
    for what in (
        "召开年度重点工作推进会",
        "开展安全生产大检查",
        "举办企业政策宣讲会",
        "组织消防应急演练",
        "推进农村人居环境整治",
    )
]  # 40 headlines
NOTICE = (
    "版权所有：增城区人民政府　主办：增城区人民政府办公室　承办：增城区政务服务数据管理局",
    "本网站所刊登的信息，凡注明“来源：增城区人民政府网”的，其版权均属增城区人民政府，未经本网书面授权，"
    "任何单位和个人不得转载、摘编或以其他方式使用。",
    "经授权转载的，须注明“来源：增城区人民政府网”，并不得对作品作实质性修改；违反上述声明的，本网将依法追究法律责任。",
    "地址：增城区荔城街府佑路九十八号　邮编：511300　联系电话：020-82700000　传真：020-82700001",
    "网站标识码：4401180000　粤ICP备00000000号-1　粤公网安备44011802000000号",
    "为获得最佳浏览效果，请使用谷歌、火狐或IE10以上版本浏览器，分辨率1366×768以上。",
)
TITLE = "区卫生健康局召开医疗器械注册服务座谈会"
ITEM = (
    "11月20日下午，区卫生健康局在区政务服务中心召开医疗器械注册服务座谈会，辖区十二家医疗器械生产企业负责人参加会议。",
    "会上，企业代表围绕产品注册、临床评价和生产许可等问题提出意见建议，相关科室逐一作了解答。",
)
TITLE_2 = "新塘镇开展生物医药企业安全生产专项检查"
ITEM_2 = (
    "为做好岁末年初安全生产工作，12月2日，新塘镇组织应急、消防等部门对辖区生物医药企业开展专项检查。",
    "检查组共走访企业八家，发现并督促整改隐患十五处，对两家企业下达了限期整改通知书。",
)


def _portal(title: str, paragraphs: tuple[str, ...], notice_markup: str) -> str:
    """A district-portal article page: menus, breadcrumb, the item, a 40-link sidebar, a footer."""
    nav = "".join(f'<li><a href="/col{i}/">{name}</a></li>' for i, name in enumerate(NAV))
    side = "".join(
        f'<li><a href="/xwzx/t{i}.html" title="{h}">{h}</a><span>12-0{i % 9 + 1}</span></li>'
        for i, h in enumerate(LATEST)
    )
    body = "".join(f'<p style="text-indent:2em">{p}</p>' for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_增城区人民政府</title></head><body>
<div class="top"><span>欢迎访问增城区人民政府门户网站</span><a href="/wza/">无障碍</a><a href="/en/">English</a></div>
<div class="menu"><ul>{nav}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/gzdt/">工作动态</a></div>
<div class="wrap"><div class="left"><div class="detail">
<h1>{title}</h1>
<div class="info">发布时间：2025-12-03 16:20　来源：区卫生健康局　浏览次数：<span>326</span>
　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="content">{body}</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="right"><div class="tit"><h3>最新信息</h3></div><ul class="news">{side}</ul></div></div>
{notice_markup}
</body></html>"""


def _paragraph_footer(notice: tuple[str, ...] = NOTICE) -> str:
    """The notice in paragraphs, once for desktops and again for phones, as responsive portals do."""
    lines = "".join(f"<p>{line}</p>" for line in notice)
    return f'<div class="bottom"><div class="w1200">{lines}</div></div><div class="m-bottom">{lines}</div>'


def _table_footer() -> str:
    """The notice as one table cell of ``<br>``-separated lines, as older portals write it."""
    return '<table class="foot" width="100%"><tr><td align="center">' + "<br>".join(NOTICE) + "</td></tr></table>"


PAGES = [
    pytest.param(TITLE, ITEM, _paragraph_footer(), id="repeated-paragraph-footer"),
    pytest.param(TITLE_2, ITEM_2, _table_footer(), id="table-footer"),
    # copyright lines only: trimmed to nothing once chosen, the symptom in issue #11
    pytest.param(TITLE, ITEM, _paragraph_footer(NOTICE[:3] + NOTICE[4:5]), id="footer-trimmed-to-nothing"),
    pytest.param(
        TITLE_2,
        (*ITEM_2[:1], "检查组共走访企业八家，督促整改隐患十五处。"),
        _paragraph_footer(),
        id="shorter-second-paragraph",
    ),
]


@pytest.mark.parametrize(("title", "paragraphs", "footer"), PAGES)
def test_short_item_under_a_long_footer_is_stored_whole(title: str, paragraphs: tuple[str, ...], footer: str) -> None:
    page = _portal(title, paragraphs, footer)
    assert len("".join(NOTICE)) > len("".join(paragraphs))  # the footer outweighs the item
    article = process_page(
        Page(
            source="zengcheng",
            url="http://www.zc.gov.cn/xwzx/gzdt/t20251203_1.html",
            html=page,
            fetched_at="2025-12-03T09:00:00Z",
        )
    )
    assert article.body == "\n".join(paragraphs)
    assert article.title == title


@pytest.mark.parametrize(("title", "paragraphs", "footer"), PAGES)
def test_density_never_chooses_the_footer(title: str, paragraphs: tuple[str, ...], footer: str) -> None:
    chosen = main_block(lxml_html.fromstring(_portal(title, paragraphs, footer)))
    assert not any(line in chosen for line in NOTICE)


def test_single_paragraph_item_is_stored() -> None:
    page = _portal(TITLE, ITEM[:1], _paragraph_footer())
    assert extract(page, "http://www.zc.gov.cn/xwzx/gzdt/t20251203_2.html").body == ITEM[0]


@pytest.mark.parametrize("footer", [_paragraph_footer(), _table_footer()], ids=["paragraphs", "table"])
def test_page_of_menus_and_footer_only_yields_nothing(footer: str) -> None:
    page = _portal("页面不存在", (), footer)
    assert extract(page, "http://www.zc.gov.cn/xwzx/gzdt/t20251203_3.html").body == ""
    with pytest.raises(Skip, match="no article text found"):
        process_page(
            Page(
                source="zengcheng",
                url="http://www.zc.gov.cn/xwzx/gzdt/t20251203_3.html",
                html=page,
                fetched_at="2025-12-03T09:00:00Z",
            )
        )


def test_headlines_after_a_related_heading_are_trimmed_even_early() -> None:
    related = "\n".join((*ITEM, "相关新闻", *(f"- {h}" for h in LATEST)))
    assert trim_boilerplate(related, TITLE) == "\n".join(ITEM)


def test_an_early_related_heading_over_prose_is_kept() -> None:
    body = "\n".join((ITEM[0], "相关新闻", ITEM[1], ITEM_2[0], ITEM_2[1]))
    assert trim_boilerplate(body, TITLE) == body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n".join(ITEM), True),
        ("\n".join(LATEST), False),  # a link list: no sentences
        ("\n".join(NAV), False),  # a menu
        ("\n".join(NOTICE), False),  # a footer: site notices and furniture
        (ITEM[1][:30], False),  # shorter than an item
    ],
)
def test_reads_as_article(text: str, expected: bool) -> None:
    assert reads_as_article(text, "zh-hans") is expected
