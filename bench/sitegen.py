"""A generated district-portal website for the throughput benchmark, written to a directory.

Portal-style pages (navigation, sidebars, link-heavy footers, inline CSS and JS) of 20–130 KB
(log-uniform, median ~51 KB) around 2–10 KB Chinese bodies assembled from original sentence
templates in the biomedical-cluster genre; four columns, each a paginated list (20 links a
page, TRS-style ``index_N.html``), two in UTF-8 and two in GBK, with the charset declared in the
header, the ``<meta>``, both or (rarely) nowhere. Everything comes from one seed.

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

PER_LIST_PAGE = 20
MIN_PAGE, MAX_PAGE = 20_000, 130_000  # HTML bytes of an article page
MIN_BODY, MAX_BODY = 2_000, 10_000  # UTF-8 bytes of an article body
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

DISTRICTS = ("黄埔区", "南沙区", "浦东新区", "大兴区", "江宁区", "武进区", "昌平区", "天河区", "江北新区",
             "东湖高新区", "苏州工业园区", "杭州医药港", "成都高新区", "临港新片区", "海口江东新区", "博鳌乐城")
PARKS = ("国际生物岛", "生物医药产业园", "医疗器械产业园", "细胞与基因治疗产业园", "生命科学园", "合成生物创新中心",
         "高端医疗器械创新园", "创新药孵化基地", "生物医药加速器", "中医药产业园", "精准医学产业园", "生物制造产业基地")
BRANDS = ("康瑞", "华济", "博润", "瑞普", "启明", "森泰", "恒康", "远志", "澄源", "百川安", "诺衡", "明德", "泽润",
          "安泰", "和沐", "科昕", "睿健", "盛禾", "同辉", "嘉合", "英泰", "维远", "致和", "清源")
KINDS = ("生物科技有限公司", "医药股份有限公司", "医疗器械有限公司", "基因科技有限公司", "细胞治疗技术有限公司",
         "诊断技术有限公司", "制药有限公司", "生命科学研究院")
PRODUCTS = ("创新药", "单克隆抗体", "mRNA疫苗", "细胞治疗产品", "高端医学影像设备", "体外诊断试剂", "手术机器人",
            "原料药", "基因检测试剂盒", "可降解支架", "中药配方颗粒", "核酸检测仪器", "生物材料", "人工关节")
ROLES = ("区委常委、副区长", "区科技局局长", "区发展和改革局负责人", "园区管委会主任", "企业董事长", "区投资促进局局长",
         "区卫生健康局副局长", "企业总经理", "项目负责人", "区市场监管局负责人")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯"
GIVEN = "建华国强立新志明海涛晓东文静丽娟春生卫东振宇子健雨欣嘉怡思远"

TITLES = (
    "{district}{park}{n}个生物医药项目集中签约 总投资{amount}亿元",
    "{company}{product}项目在{district}开工建设",
    "{district}出台支持生物医药产业高质量发展若干措施",
    "总规模{amount}亿元的{district}生物医药产业基金正式设立",
    "{district}{park}揭牌运营 首批{n}家企业入驻",
    "{company}自主研发的{product}获批上市",
    "{company}完成{amount}亿元新一轮融资 将扩建{district}生产基地",
    "{district}举办{year}年生物医药产业创新发展大会",
    "{district}{n}家企业入选省级专精特新“小巨人”名单",
    "{district}召开生物医药产业集群推进会 部署下阶段重点工作",
    "{company}{product}产业化基地在{district}竣工投产",
    "关于印发《{district}促进医疗器械产业发展实施方案》的通知",
    "{district}与{company}签署战略合作协议 共建{park}",
    "{district}组织开展生物医药企业服务月活动",
)
LEADS = (
    "{month}月{day}日，{district}{park}举行重点项目集中签约仪式，{n}个生物医药项目现场签约，计划总投资{amount}亿元。",
    "近日，{company}位于{district}的{product}项目正式开工，项目建成后预计年产值可达{amount}亿元。",
    "为加快培育生物医药产业集群，{district}日前印发新一轮产业扶持政策，从研发、转化、生产、应用等环节给予全链条支持。",
    "{month}月{day}日上午，{district}{park}揭牌仪式在园区综合服务中心举行，标志着园区正式进入运营阶段。",
    "记者从{district}获悉，由区属国资牵头发起的生物医药产业基金已完成备案，基金首期规模{amount}亿元。",
    "日前，{company}研发的{product}通过国家药品监督管理局审评，成为{district}今年获批的第{n}个创新产品。",
    "{year}年{district}生物医药产业创新发展大会{month}月{day}日开幕，来自高校、医院和企业的{n}百余名代表参会。",
)
SENTENCES = (
    "据介绍，本次签约项目涵盖创新药研发、高端医疗器械、细胞与基因治疗等多个细分领域。",
    "项目总用地面积约{n}万平方米，将建设研发中心、中试平台和规模化生产车间。",
    "{role}{person}表示，将持续优化营商环境，为企业提供全生命周期服务。",
    "“我们看中的是这里完整的产业链和高效的政务服务。”{company}负责人{person}说。",
    "截至目前，{district}已集聚生物医药企业{n}百余家，其中上市企业{m}家。",
    "去年，全区生物医药产业实现产值{amount}亿元，同比增长{pct}%。",
    "下一步，{district}将围绕产业链关键环节精准招商，力争引进一批龙头企业和重大项目。",
    "园区内已建成公共技术服务平台{m}个，可为入驻企业提供检测、注册申报和临床试验对接等服务。",
    "该项目计划于{year}年底前完成主体结构建设，力争次年投产。",
    "根据措施，对首次获得药品注册证书的企业，最高给予{m}千万元奖励。",
    "对新建符合标准的生产线，按设备投资额的{pct}%给予补贴，单个项目最高不超过{m}千万元。",
    "政策明确，支持企业开展多中心临床试验，对进入三期临床的创新药给予分阶段资助。",
    "基金将重点投向早中期创新药和医疗器械项目，单个项目投资额一般不超过基金规模的{pct}%。",
    "基金采取“母基金加直投”的方式运作，吸引社会资本共同参与产业培育。",
    "会上，{n}家金融机构与园区企业签订授信协议，意向授信额度{amount}亿元。",
    "活动现场还发布了{district}生物医药产业地图和重点企业需求清单。",
    "与会专家围绕新药研发、成果转化和临床资源共享等话题进行了深入交流。",
    "据了解，{product}此前在国内多家三甲医院完成了临床试验，各项指标均达到预期。",
    "产品上市后，将有效填补国内相关领域空白，降低患者用药负担。",
    "{company}成立于{year2}年，是一家专注于{product}研发和生产的高新技术企业。",
    "本轮融资由多家知名投资机构联合领投，资金将主要用于产品管线推进和产能扩充。",
    "企业负责人介绍，新基地投产后，{product}年产能将提升至原来的{m}倍。",
    "近年来，{district}坚持把生物医药作为战略性新兴产业重点培育，产业规模持续扩大。",
    "区里建立了重点项目“一项目一专班”机制，全程跟踪协调项目建设中遇到的问题。",
    "在审批服务方面，{district}推行“拿地即开工”模式，项目从签约到开工最快只需{m}个月。",
    "园区还与周边高校和科研院所共建联合实验室，推动科研成果就地转化。",
    "人才方面，对引进的高层次人才给予安家补贴、子女入学和医疗保障等支持。",
    "此次入选企业主要分布在医疗器械、生物制药和医药研发外包等领域。",
    "截至{month}月底，{district}累计培育国家级专精特新“小巨人”企业{n}家。",
    "会议要求，各部门要压实责任，倒排工期，确保年度目标任务按期完成。",
    "会议通报了前三季度生物医药产业运行情况，分析了当前面临的形势和挑战。",
    "服务月期间，相关部门将组织政策宣讲、银企对接、人才招聘等{n}场专题活动。",
    "工作人员将深入企业走访调研，现场收集并协调解决企业反映的困难和诉求。",
    "本方案自印发之日起施行，有效期{m}年。",
    "各相关单位要结合实际认真贯彻落实，执行中遇到的问题请及时向区科技局反映。",
    "方案提出，到{year3}年，全区医疗器械产业规模力争突破{amount}亿元。",
    "同时，将加快建设医疗器械检验检测公共服务平台，缩短产品注册周期。",
    "双方将在产业招商、平台建设、人才培养等方面开展深度合作。",
    "根据协议，{company}将在{park}设立区域总部和研发中心。",
    "业内人士认为，随着一批重大项目落地，区域生物医药产业集群效应将进一步显现。",
    "{person}介绍，园区目前已签约入驻企业{n}家，预计年内入驻率将超过{pct}%。",
    "在建项目现场，施工人员正在有序开展基坑支护和桩基施工作业。",
    "按照计划，项目一期将于明年{month}月投入使用，二期同步启动规划设计。",
    "下阶段，园区将围绕生物药、化学药和医疗器械三大方向完善产业配套。",
)
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进黄埔", "新闻中心", "政策文件", "政策解读", "规划计划",
       "财政信息", "人事信息", "统计数据", "营商环境", "招商引资", "产业发展", "科技创新", "人才服务", "民生保障",
       "教育信息", "医疗卫生", "生态环境", "城市建设", "交通出行", "应急管理", "公共资源", "政府采购", "信用信息",
       "专题专栏", "视频新闻", "图片新闻")
DEPARTMENTS = ("区发展和改革局", "区科技局", "区工业和信息化局", "区财政局", "区人力资源和社会保障局",
               "区规划和自然资源分局", "区住房和城乡建设局", "区交通运输局", "区商务局", "区卫生健康局",
               "区市场监督管理局", "区统计局", "区投资促进局", "区政务服务数据管理局", "区应急管理局",
               "区生态环境分局", "区文化广电旅游体育局", "区教育局", "区民政局", "区司法局")
CSS_RULES = ("margin:0;padding:0", "font-size:14px;color:#333", "line-height:28px", "float:left;width:{w}px",
             "background:#f5f5f5;border:1px solid #ddd", "text-align:center", "overflow:hidden;height:{w}px",
             "color:#0b4ea2;text-decoration:none", "display:block;padding:0 {h}px")


@dataclass
class ArticleSpec:
    """One generated article: where it lives and what its page says."""

    column: Column
    path: str  # e.g. /gzdt/202511/t20251118_100023.html
    title: str
    published: str  # 2025-11-18 10:30
    paragraphs: list[str] = field(default_factory=list)


class Writer:
    """Fills the templates from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def slots(self, article: dict[str, object] | None = None) -> dict[str, object]:
        """Fresh figures and people; places, company and product from ``article`` when given."""
        r = self.rng
        fresh: dict[str, object] = {
            "district": r.choice(DISTRICTS), "park": r.choice(PARKS),
            "company": f"{r.choice(DISTRICTS)[:2]}{r.choice(BRANDS)}{r.choice(KINDS)}",
            "product": r.choice(PRODUCTS), "role": r.choice(ROLES),
            "person": r.choice(SURNAMES) + "".join(r.sample(GIVEN, 2)),
            "n": r.randint(3, 60), "m": r.randint(2, 9), "pct": r.randint(5, 40),
            "amount": round(r.uniform(1.5, 320), 1), "year": r.choice((2024, 2025)),
            "year2": r.randint(2008, 2021), "year3": r.choice((2027, 2030)),
            "month": r.randint(1, 12), "day": r.randint(1, 28),
        }
        if article:
            fresh.update({k: article[k] for k in ("district", "park", "company", "product")})
        return fresh

    def article(self, target_bytes: int) -> tuple[str, list[str]]:
        """A title and paragraphs of 2–5 sentences about one place and company, a lead first,
        until the body reaches ``target_bytes``."""
        about = self.slots()
        title = self.rng.choice(TITLES).format(**about)
        paragraphs = [self.rng.choice(LEADS).format(**about)]
        size = len(paragraphs[0].encode())
        while size < target_bytes:
            count = self.rng.randint(2, 5)
            para = "".join(s.format(**self.slots(about)) for s in self.rng.sample(SENTENCES, count))
            paragraphs.append(para)
            size += len(para.encode())
        return title, paragraphs


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def plan(pages: int, seed: int = 20251120) -> list[ArticleSpec]:
    """Articles spread over the columns round-robin, newest first, about 16 a day."""
    rng = random.Random(seed)
    writer = Writer(rng)
    specs = []
    for i in range(pages):
        column = COLUMNS[i % len(COLUMNS)]
        day = NEWEST - timedelta(days=i // 16)
        stamp = f"{day:%Y-%m-%d} {rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        path = f"/{column.slug}/{day:%Y%m}/t{day:%Y%m%d}_{100000 + i}.html"
        title, paragraphs = writer.article(rng.randint(MIN_BODY, MAX_BODY))
        specs.append(ArticleSpec(column, path, title, stamp, paragraphs))
    return specs


# ---------------------------------------------------------------- page furniture

def _head(title: str, charset_meta: str | None, rng: random.Random, extra: str = "") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    rules = "".join(f".c{i} .m{rng.randint(1, 99)}{{{rng.choice(CSS_RULES).format(w=rng.randint(10, 990), h=rng.randint(2, 30))}}}\n"
                    for i in range(120))
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{meta}\n"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}_{SITE_NAME}</title>\n{extra}"
            f'<link rel="stylesheet" href="/images/common.css">\n<style type="text/css">\n{rules}</style>\n'
            f'<script type="text/javascript">var _hmt = _hmt || []; var siteId = "4401120001";'
            f'function setFont(s){{document.getElementById("zoom").style.fontSize=s+"px";}}</script>\n</head>\n')


def _top(current: str) -> str:
    nav = "".join(f'<li><a href="/{"" if i == 0 else f"col{i}/"}">{name}</a></li>' for i, name in enumerate(NAV))
    return (f'<body>\n<div class="topbar"><div class="w1200"><span>欢迎访问{SITE_NAME}门户网站</span>'
            f'<a href="/wza/">无障碍</a><a href="/en/">English</a><a href="/login/">登录</a></div></div>\n'
            f'<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{SITE_NAME}"></a></div>'
            f'<div class="searchbox"><form action="/search/"><input name="q" type="text"><button>搜索</button></form></div></div>\n'
            f'<div class="nav"><ul>{nav}</ul></div>\n'
            f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; {current}</div>\n')


def _sidebar(others: list[ArticleSpec]) -> str:
    hot = "".join(f'<li><a href="{o.path}" title="{escape(o.title)}">{escape(o.title[:18])}…</a></li>' for o in others[:10])
    pics = "".join(f'<li><a href="{o.path}"><img src="/images/p{i}.jpg" alt="{escape(o.title)}"></a></li>'
                   for i, o in enumerate(others[10:14]))
    return (f'<div class="side"><div class="box"><div class="box-tit"><h3>热点新闻</h3></div><ul class="hot-list">{hot}</ul></div>'
            f'<div class="box"><div class="box-tit"><h3>图片新闻</h3></div><ul class="pic-list">{pics}</ul></div></div>\n')


def _footer(rng: random.Random, target: int, so_far: int, charset: str) -> str:
    """Friend links, a sitemap of department pages and statistics scripts, padded to ``target``."""
    parts = ['<div class="friendlink"><span>友情链接：</span><select onchange="window.open(this.value)">'
             + "".join(f'<option value="http://www.gz.gov.cn/d{i}/">{d}</option>' for i, d in enumerate(DEPARTMENTS))
             + "</select></div>\n"]
    tail = ('<div class="footer"><p>主办单位：广州市黄埔区人民政府办公室 承办：广州市黄埔区政务服务数据管理局</p>'
            '<p>网站标识码：4401120001 粤ICP备2025000000号 粤公网安备 44011202000000号</p>'
            "<p>版权所有 &copy; 广州市黄埔区人民政府 未经许可不得复制</p></div>\n"
            '<script type="text/javascript">(function(){var hm=document.createElement("script");'
            'hm.src="/js/stat.js";document.body.appendChild(hm);})();</script>\n</body>\n</html>\n')
    size = so_far + sum(len(p.encode(charset, errors="xmlcharrefreplace")) for p in parts) + len(tail.encode(charset, errors="xmlcharrefreplace"))
    block = 0
    while size < target:
        if block % 3 == 2:  # portals inline their menu data as script blobs
            items = ",".join(f'{{"id":{rng.randint(1000, 99999)},"name":"{rng.choice(DEPARTMENTS)}{rng.choice(NAV)}",'
                             f'"url":"/col/col{rng.randint(1000, 9999)}/index.html"}}' for _ in range(25))
            piece = f'<script type="text/javascript">var menuData{block} = [{items}];</script>\n'
        else:
            links = "".join(f'<li><a href="/bm{block}/col{rng.randint(100, 999)}/">{rng.choice(NAV)}</a></li>'
                            for _ in range(18))
            piece = f'<div class="sitemap-col"><h4>{rng.choice(DEPARTMENTS)}</h4><ul>{links}</ul></div>\n'
        parts.append(piece)
        size += len(piece.encode(charset, errors="xmlcharrefreplace"))
        block += 1
    return '<div class="sitemap">' + "".join(parts) + "</div>\n" + tail


# ---------------------------------------------------------------- pages

def article_page(spec: ArticleSpec, others: list[ArticleSpec], target: int, charset_meta: str | None,
                 rng: random.Random) -> str:
    """The article's full HTML, padded towards ``target`` bytes (UTF-8 count) by the footer."""
    col = spec.column
    extra = (f'<meta name="ArticleTitle" content="{escape(spec.title)}">\n<meta name="PubDate" content="{spec.published}">\n'
             f'<meta name="ColumnName" content="{col.name}">\n'
             f'<meta name="description" content="{escape(spec.paragraphs[0][:80])}">\n')
    body = "".join(f'<p style="text-indent:2em;">{escape(p)}</p>\n' for p in spec.paragraphs)
    related = "".join(f'<li><a href="{o.path}">{escape(o.title)}</a><span>{o.published[:10]}</span></li>'
                      for o in others[14:26])
    prev_next = (f'<div class="prevnext"><p>上一篇：<a href="{others[0].path}">{escape(others[0].title)}</a></p>'
                 f'<p>下一篇：<a href="{others[1].path}">{escape(others[1].title)}</a></p></div>')
    main = (f'<div class="main w1200"><div class="content-left"><div class="article">\n'
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
            f"</div></div>\n{_sidebar(others)}</div>\n")
    start = _head(spec.title, charset_meta, rng, extra) + _top(f'<a href="/{col.slug}/">{col.name}</a>') + main
    return start + _footer(rng, target, len(start.encode(col.charset, errors="xmlcharrefreplace")), col.charset)


def list_page(column: Column, items: list[ArticleSpec], number: int, total: int, others: list[ArticleSpec],
              charset_meta: str | None, rng: random.Random) -> str:
    """Page ``number`` (0-based; 0 is index.html) of a column's list, with a 下一页 pager."""
    rows = "".join(f'<li><a href=".{s.path[len(column.slug) + 1:]}" target="_blank" title="{escape(s.title)}">'
                   f'{escape(s.title)}</a><span class="date">{s.published[:10]}</span></li>\n' for s in items)

    def name(n: int) -> str:
        return "index.html" if n == 0 else f"index_{n}.html"

    pager = [f'<a href="{name(0)}">首页</a>']
    if number > 0:
        pager.append(f'<a href="{name(number - 1)}">上一页</a>')
    if number + 1 < total:
        pager.append(f'<a href="{name(number + 1)}">下一页</a>')
    pager.append(f'<a href="{name(total - 1)}">尾页</a><span>共{total}页</span>')
    main = (f'<div class="main w1200"><div class="content-left"><div class="list-tit"><h2>{column.name}</h2></div>\n'
            f'<ul class="list">\n{rows}</ul>\n<div class="pagination">{" ".join(pager)}</div>\n'
            f'<script type="text/javascript">createPageHTML({total}, {number}, "index", "html");</script>\n'
            f"</div>\n{_sidebar(others)}</div>\n")
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


def build(root: Path, pages: int, seed: int = 20251120) -> Built:
    """Write the site for ``pages`` articles under ``root`` (with manifest.json) and describe it."""
    rng = random.Random(seed + 1)
    specs = plan(pages, seed)
    types: dict[str, str] = {}

    def write(path: str, html: str, column: Column, header: str) -> None:
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html.encode(column.charset, errors="xmlcharrefreplace"))
        types[path] = header

    for i, spec in enumerate(specs):
        others = [specs[(i + k * 7 + 1) % len(specs)] for k in range(26)]
        header, meta = _declaration(spec.column, rng)
        html = article_page(spec, others, _log_uniform(rng, MIN_PAGE, MAX_PAGE), meta, rng)
        write(spec.path, html, spec.column, header)
    for column in COLUMNS:
        items = [s for s in specs if s.column == column]
        total = max(1, math.ceil(len(items) / PER_LIST_PAGE))
        for number in range(total):
            chunk = items[number * PER_LIST_PAGE:(number + 1) * PER_LIST_PAGE]
            header, meta = _declaration(column, rng)
            if meta is None:  # an undeclared list page would test charset guessing, not the crawl
                header, meta = f"text/html; charset={column.charset}", column.charset
            path = f"/{column.slug}/index.html" if number == 0 else f"/{column.slug}/index_{number}.html"
            write(path, list_page(column, chunk, number, total, specs[:26], meta, rng), column, header)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /search/\nDisallow: /login/\n", encoding="ascii")
    types["/robots.txt"] = "text/plain; charset=utf-8"
    built = Built(root, [s.path for s in specs], types)
    (root / "manifest.json").write_text(json.dumps(
        {"articles": built.articles, "content_types": types}, ensure_ascii=False), encoding="utf-8")
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20251120)
    args = parser.parse_args()
    built = build(args.root, args.pages, args.seed)
    sizes = [(args.root / p.lstrip("/")).stat().st_size for p in built.articles]
    print(f"{len(sizes)} articles, {sum(sizes) / len(sizes) / 1000:.1f} KB mean, "
          f"{min(sizes) / 1000:.1f}–{max(sizes) / 1000:.1f} KB, in {args.root}")


if __name__ == "__main__":
    main()
