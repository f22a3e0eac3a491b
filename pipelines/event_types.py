"""Event types from trigger words, genres that report no happening, and how an event is presented.

Typing: each type has trigger words (Chinese and English) with weights. The headline decides
first: when it holds a strong trigger (weight ≥ ``STRONG``), the type is the first in
``PRECEDENCE`` with one — a park opening where companies also sign is ``park``, a signing that
states its investment is ``signing``, a fund set up by agreement is ``fund``. Otherwise a
trigger in the title counts three times, in the lead paragraph once more, each mention in the
body a little, and the best score wins; under ``MIN_TYPE_SCORE`` the type is ``other``.
Conferences, statistics, job ads and market talk have triggers of their own and type as
``other`` too.

Which reports tell one happening, and the one type of an event, are ``pipelines.happenings``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from pipelines.text import Segmented

MIN_TYPE_SCORE = 2.0
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
BODY_WEIGHT = 0.3
BODY_CAP = 5
STRONG = 1.5
# Which happening a headline reports when it names several; also breaks ties in scores.
PRECEDENCE = ("approval", "financing", "fund", "ranking", "park", "policy", "signing", "investment", "other")

# fmt: off
TRIGGERS: dict[str, dict[str, float]] = {
    "signing": {"签约": 2, "签署": 2, "签订": 2, "签下": 2, "落户": 2, "入驻": 1, "合作协议": 1.5, "战略合作": 1.5,
                "框架协议": 1.5, "备忘录": 1, "牵手": 1, "携手": 0.5, "许可协议": 1.5, "授权": 1,
                "达成合作": 1.5, "引进": 1, "引入": 1,
                "/\\bsign(s|ed|ing)?\\b/": 2, "/\\bagreements?\\b/": 1.5, "/\\bmemorandum\\b|\\bmou\\b/": 1,
                "/\\bsettle[sd]?\\b/": 1.5, "/\\bpartnership\\b/": 1, "/\\bas (?:its )?(?:\\w+ )?partner\\b/": 1.5, "/\\blicens(e|ing) (deal|agreement)\\b/": 1.5,
                "/\\blicens(es|ed)\\b/": 1.5, "/\\b(exclusive|global) rights\\b/": 1.5},
    "investment": {"开工": 2, "竣工": 2, "动工": 2, "奠基": 2, "投产": 2, "开建": 2, "封顶": 1.5, "增资": 1.5,
                   "扩产": 1.5, "扩建": 1.5, "新建": 1, "生产基地": 1, "生产线": 1, "产线": 1, "工厂": 1,
                   "投资": 0.7, "总投资": 0.7, "建设": 0.3, "/斥资?\\d/": 1.5, "收购": 1.5, "并购": 1.5,
                   "/\\bacqui(re[sd]?|ring|sition)\\b/": 1.5,
                   "/\\bgroundbreaking\\b|\\bbr(oke|eak(s)?) ground\\b/": 2, "/\\bconstruction\\b/": 1,
                   "/\\binvest(s|ed|ing|ment)?\\b/": 0.7, "/\\b(plant|factory|production (base|line))s?\\b/": 1,
                   "/\\bput into (operation|production)\\b/": 2, "/\\bexpansion\\b/": 1,
                   "/\\bmanufacturing sites?\\b/": 1,
                   "/\\bopen(s|ed)\\b(?: [\\w&-]+){0,4} (?:plant|factory|production|(?<!innovation )cent(er|re)|hub|facility|lab)/": 2.5,
                   "完工": 2, "动土": 2},
    "fund": {"基金": 2, "母基金": 2, "产业基金": 2, "引导基金": 2, "创投基金": 2, "基金规模": 1,
             "/\\bfunds?\\b/": 2, "/\\bfund of funds\\b/": 2},
    "park": {"开园": 3, "揭牌": 2, "开业": 2, "启用": 2, "投用": 2, "投入使用": 2, "落成": 2, "开馆": 2,
             "正式运营": 2, "启动运营": 2, "挂牌成立": 2, "产业园": 0.3, "园区": 0.3, "中试平台": 0.3,
             "孵化器": 0.3,
             "/\\bopen(s|ed)\\b(?!(?: [\\w&-]+){0,4} (?:plant|factory|production|(?<!innovation )cent(er|re)|hub|facility|lab))/": 2,
             "/\\bopening\\b/": 1.5,
             "/\\binaugurat(ed|ion|es)\\b/": 2, "/\\bunveil(s|ed)\\b/": 1, "/\\bparks?\\b/": 0.3, "/\\bput into use\\b/": 2},
    "policy": {"政策": 1.5, "方案": 1.5, "措施": 2, "办法": 2, "意见": 1.5, "通知": 1, "印发": 2, "出台": 2,
               "条例": 2, "规划": 1, "实施细则": 2, "若干措施": 2, "行动计划": 2, "征求意见": 1.5, "新政": 2,
               "扶持": 1, "补贴": 0.5, "奖励": 0.5,
               "/\\bpolic(y|ies)\\b/": 1.5, "/\\bmeasures\\b/": 2, "/\\bguidelines?\\b/": 2,
               "/\\bregulations?\\b/": 1.5, "/\\baction plan\\b/": 2, "/\\bsubsid(y|ies)\\b/": 0.5},
    "approval": {"获批": 2, "批准": 1.5, "核准": 1.5, "上市许可": 2.5, "临床批件": 2.5, "临床试验申请": 2, "默示许可": 2,
                 "注册证": 2, "获准": 2, "优先审评": 2, "附条件批准": 2, "特许": 1.5, "获得批准": 2,
                 "新药申请": 1.5, "上市申请": 1.5,
                 "/\\bapprov(al|ed|es)\\b/": 2, "/\\bclearance\\b|\\bcleared\\b/": 1.5,
                 "/\\bmarketing authori[sz]ation\\b/": 2, "/\\bclinical trial\\b/": 1},
    "financing": {"融资": 2, "天使轮": 2, "/(pre-)?[a-d]\\+?轮/": 2, "首发上市": 2.5, "挂牌上市": 2.5,
                  "上市": 1, "ipo": 2.5, "科创板": 1, "港交所": 1, "创业板": 1, "北交所": 1, "递表": 2,
                  "招股": 2, "敲钟": 2, "募资": 1.5, "集资": 1.5, "首挂": 2.5,
                  "/\\bplac(ing|ement) of\\b/": 2, "/上市首日|挂牌首日|首日(高开|低开|上涨|收涨|收跌|破发)/": 2.5,
                  "/\\bfinancing\\b/": 2, "/\\bfunding round\\b/": 2, "/\\brais(ed|es)\\b/": 1.5,
                  "/\\bseries [a-d]\\b/": 2, "/\\blisting\\b/": 1.5, "/\\bwent public\\b/": 2,
                  "/\\bdebut(s|ed)?\\b/": 1.5, "银团贷款": 2, "贷款": 1.5, "/\\bsyndicated loan\\b/": 2,
                  "/\\bloans?\\b/": 1.5},
    "ranking": {"榜单": 2, "百强": 2, "入选": 2, "排名": 1.5, "名单": 1, "上榜": 2, "排行榜": 2, "位列": 1.5,
                "榜首": 2, "评选": 1, "/\\d+强/": 2, "获评": 2, "评为": 1.5,
                "/\\branking(s)?\\b|\\branked\\b/": 2, "/\\bnamed (a|as|among) (national|provincial)\\b/": 2, "/\\btop \\d+\\b(?! (billion|million|thousand|percent))(?!%)/": 2, "/\\bamong the top\\b/": 2},
    "other": {"大会": 1.5, "论坛": 1.5, "峰会": 1.5, "研讨会": 1.5, "博览会": 1.5, "座谈会": 1.5, "交流会": 1.5,
              "推介会": 1, "统计": 1, "同比增长": 1, "招聘": 2, "股吧": 2, "板块": 1.5, "涨停": 2, "股价": 1.5,
              "/\\bconference\\b|\\bforum\\b|\\bsummit\\b|\\bexpo\\b|\\bseminar\\b/": 1.5,
              "/\\bhiring\\b|\\bvacanc(y|ies)\\b|\\bjob openings?\\b/": 2, "/\\bshares? (rose|fell)\\b/": 1.5,
              # an industry's alliance founded: a happening of its own, of no other type (not a party-building one)
              "/(?<!党建)联盟[\\u4e00-\\u9fff]{0,6}?(成立|揭牌)|成立[^，。党]{0,16}联盟/": 1.5,
              "/\\balliance\\b[^.]{0,40}\\blaunched\\b|\\blaunch(es|ed)?\\b[^.]{0,50}\\balliance\\b/": 1.5},
}
# fmt: on
# Triggers of the "other" type that mark a genre, not a happening: a job ad, a share price.
_GENRE_TRIGGERS = frozenset(
    {
        "招聘",
        "股吧",
        "板块",
        "涨停",
        "股价",
        "/\\bhiring\\b|\\bvacanc(y|ies)\\b|\\bjob openings?\\b/",
        "/\\bshares? (rose|fell)\\b/",
    }
)
# Words that contain a trigger without meaning it: a listed company is not a listing.
# fmt: off
NOT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "上市": ("上市公司", "上市企业", "上市药品", "获批上市", "批准上市", "上市许可", "上市申请", "产品上市",
             "新药上市", "药品上市", "上市后", "附条件上市"),
    "基金": ("基金会",),
    "批准": ("批准上市",),
    "投资": ("投资者", "投资人", "投资机构"),
    "建设": ("建设银行",),
    "签约": ("未签约", "未有项目签约", "暂未签约", "没有签约", "不急签约", "无项目签约"),
}
# fmt: on
# A company's facility coming into use (研发中心启用, 药厂落成) is building news, not a park opening.
# fmt: off
_FACILITIES = ("研发中心", "物流中心", "检测中心", "生产中心", "药厂", "工厂", "新厂", "车间", "实验室", "生产线", "生产基地")
# fmt: on
_INTO_USE = ("启用", "落成", "投用", "投入使用")
TRIGGERS["investment"][f"/({'|'.join(_FACILITIES)})({'|'.join(_INTO_USE)})/"] = 2.5
for _verb in _INTO_USE:
    NOT_TRIGGERS[_verb] = tuple(f + _verb for f in _FACILITIES)

_COMPILED: dict[str, list[tuple[str, float, re.Pattern[str] | None]]] = {}


def _triggers(kind: str) -> list[tuple[str, float, re.Pattern[str] | None]]:
    if kind not in _COMPILED:
        items = []
        for term, weight in TRIGGERS[kind].items():
            pattern = re.compile(term[1:-1], re.IGNORECASE) if term.startswith("/") else None
            items.append((term, float(weight), pattern))
        _COMPILED[kind] = items
    return _COMPILED[kind]


def _count(term: str, pattern: re.Pattern[str] | None, seg: Segmented) -> int:
    if pattern is not None:
        if "\\b" in term and not seg.latin:
            return 0  # an English trigger in a text without Latin letters
        return sum(1 for _ in pattern.finditer(seg.text))
    hits = seg.find(term, compounds=True)
    if not hits:
        return 0
    for wider in NOT_TRIGGERS.get(term, ()):
        for start in seg.find(wider, compounds=True):
            offset = wider.find(term)
            hits = [h for h in hits if h != start + offset]
    return len(hits)


def type_scores(title: Segmented, lead: Segmented, body: Segmented) -> dict[str, float]:
    """Score of each event type for one article (title, first paragraph, whole body)."""
    scores: dict[str, float] = {}
    for kind in TRIGGERS:
        total = 0.0
        for term, weight, pattern in _triggers(kind):
            in_title = _count(term, pattern, title)
            in_body = _count(term, pattern, body) if in_title or term in body.lower or pattern else 0
            if not in_title and not in_body:
                continue
            in_lead = _count(term, pattern, lead) if in_body else 0
            total += weight * (
                TITLE_WEIGHT * bool(in_title) + LEAD_WEIGHT * bool(in_lead) + BODY_WEIGHT * min(in_body, BODY_CAP)
            )
        scores[kind] = round(total, 2)
    return scores


# Headlines of features, reviews, proposals, inspection tours, panels and commentary (a zone's
# one-year review, a deputy's proposal, a leader's visit to firms, experts "discussing" a topic).
# fmt: off
FEATURE_CUES = ("周年", "成绩单", "答卷", "回眸", "盘点", "综述", "巡礼", "走进", "探访", "纪实", "观察", "专访",
                "提案", "建议", "代表委员", "调研", "考察", "视察", "走访", "共话", "热议", "评论", "时评", "记忆",
                "变迁", "一文读懂", "解读", "/\\ba year on\\b/", "/\\bone year\\b/", "/\\blook(s|ing)? back\\b/",
                "/\\bproposals?\\b/", "/\\b(deputy|deputies|lawmakers?)\\b/", "/\\binterview\\b/",
                "/\\b(opinion|commentary|editorial)\\b/", "/\\binspect(s|ed|ion)\\b/",
                "/\\b(analysts?|bankers?|brokers?|experts?|economists?|lawmakers?|accounting firms?|insiders|traders)"
                "\\b[^,.;:]{0,20}\\b(say|says|said|warn|warns|warned|expect|expects|urge|urges)\\b/")
# fmt: on


# Headlines of a gathering still to come: a preview, not a happening.
FUTURE_CUES = (
    "预计",
    "将于",
    "即将",
    "拟于",
    "/\\bto (host|hold|open|stage)\\b/",
    "/\\bwill (host|hold|open)\\b/",
    "/\\bupcoming\\b/",
)


def triggered(title: Segmented, lead: Segmented) -> bool:
    """True when the headline or the lead names a happening: a trigger of any type, of weight 1 or more.

    Background features, reviews and proposals talk about an industry without one, or with one
    in the lead that is background (the park opened last year); a feature headline that names
    no happening itself says so. A conference or expo still to come (预计, to host) has not
    happened either. They can join an event that reports of a happening started, but start none.
    """
    if any(_count(c, _pattern(c), title) for c in FEATURE_CUES) and not headline_types(title):
        return False
    kinds = {
        kind
        for kind in TRIGGERS
        for term, weight, pattern in _triggers(kind)
        if weight >= 1 and term not in _GENRE_TRIGGERS and (_count(term, pattern, title) or _count(term, pattern, lead))
    }
    if kinds == {"other"} and any(_count(c, _pattern(c), title) for c in FUTURE_CUES):
        return False
    return bool(kinds)


def headline_types(title: Segmented) -> list[str]:
    """Types with a strong trigger in the headline, in ``PRECEDENCE`` order."""
    found = []
    for kind in PRECEDENCE:
        if kind == "other":
            continue
        if any(w >= STRONG and _count(t, p, title) for t, w, p in _triggers(kind)):
            found.append(kind)
    return found


def event_type(title: Segmented, lead: Segmented, body: Segmented) -> str:
    """The type of happening an article reports, decided by its headline where it can be."""
    in_title = headline_types(title)
    if in_title:
        kind = in_title[0]
    else:
        scores = type_scores(title, lead, body)
        best = max(scores.values(), default=0.0)
        if best < MIN_TYPE_SCORE:
            return "other"
        kind = next(k for k in PRECEDENCE if scores.get(k) == best)
    return "signing" if kind == "investment" and _signed_not_built(title, lead) else kind


def _signed_not_built(title: Segmented, lead: Segmented) -> bool:
    """A headline that says what will be invested or built (投资25亿元建设…, to build a plant) over a
    lead that tells of an agreement signed: the happening is the signing, the sum its content.
    Ground broken, a plant finished or put into production (the building triggers of weight 2 and
    more) is building news, signed or not."""
    built = any(w >= _BUILT and _count(t, p, title) for t, w, p in _triggers("investment"))
    return not built and any(w >= STRONG and _count(t, p, lead) for t, w, p in _triggers("signing"))


_BUILT = 2.0  # the weight of a building trigger (开工, 投产, broke ground), not of 投资 or 建设


# ---------------------------------------------------------------- genres that are not news

# Job ads, market commentary, advertisements, promotion tours, Party work, patients' and students' news,
# gatherings (forums, fairs, shareholders' meetings), shops, cosmetics, warnings, advice and public
# notices mention industries in passing; none of them reports a happening. Each genre has cues; a cue in
# the title, or two different cues in the body, mark an article as that genre. The genres of ``_BY_TITLE``
# count only by their title (financing news mentions 板块, an approval 报销), and only while the headline
# names no happening (推介会上签约12个项目 is a signing, so is a forum's or a fair's) - except those of
# ``_TITLE_DECIDES``: a ward building topped out is hospital news, a teaching lab that "opens" school
# news, a pharmacy that "opens" a shop's, a skincare brand's plant or round the cosmetics trade's.
# fmt: off
GENRES: dict[str, tuple[str, ...]] = {
    "job ad": ("招聘", "招聘会", "诚聘", "急聘", "/\\bjob (?:fairs?|seekers?)\\b|\\bcareers? fairs?\\b/", "岗位职责", "任职要求", "任职资格", "薪资", "薪酬待遇", "投递简历",
               "五险一金", "应聘", "/\\bhiring\\b/", "/\\bjob description\\b/", "/\\bresponsibilities\\b/",
               "/\\brequirements\\b/", "/\\bapply (now|online|by)\\b/", "/\\bsalary\\b/", "/\\b(cv|resume)\\b/"),
    "market": ("板块", "概念股", "涨停", "跌停", "收涨", "收跌", "大盘", "沪指", "深成指", "恒指", "恒生指数",
               "个股", "股吧", "港股通", "主力资金", "跳水", "领涨", "领跌", "涨幅居前", "跌幅居前", "早盘", "午盘", "尾盘",
               "午后回落", "冲高回落", "走弱", "走强", "追高", "回吐", "跌穿", "升穿", "连跌", "连涨", "升势", "跌势", "续升", "续涨", "续跌", "续挫", "行情", "高开低走", "/股价[^，。,]{0,6}(?:回软|反复|波动|震荡)/", "/[涨跌]逾\\d/", "/股价[^，。,]{0,8}[涨跌]/", "/[涨跌飙挫升吐][逾近超]?[一二两三四五六七八九]成/", "/\\bhang seng\\b/", "/\\bshares? (slid|slide|fell|fall|rose|rise|tumbled?|jumped?)\\b/",
               "/\\bstocks? (slid|slide|fell|fall|rose|rise|rall(y|ied)|extend)\\b/", "/\\btraders\\b/", "/\\bsell-?off\\b/",
               "季报", "半年报", "年报", "财报", "/盈[警喜]/", "盈利预警", "业绩预告", "暗盘", "/\\bprofit warning\\b/", "/\\bgrey market\\b/", "净利润", "纯利", "营收", "营业收入", "归母净利",
               "/\\b(quarterly|annual|interim) (results|earnings|report)\\b/", "/\\bnet (profit|income)\\b/"),
    "advertisement": ("会员日", "低至", "折起", "促销", "包邮", "限时", "特价", "加推", "楼盘", "新盘", "户型", "均价",
                      "/首付[\\d一二三两]成|首付(低至|仅)/", "样板间", "售楼", "抢购", "团购", "/\\bdiscounts?\\b/", "/\\bpromotion\\b/",
                      "/\\b(go|goes|went|put) on sale\\b/", "/\\bflats\\b/", "/\\bdown payments?\\b/"),
    "promotion": ("推介", "推介会", "路演", "招商会", "宣讲会", "/\\broadshows?\\b/", "/\\bpitch(es|ed|ing)?\\b/"),
    "statistics": ("生产总值", "统计公报", "规上工业", "工业增加值", "/\\bGDP\\b/"),
    "party work": ("党建", "党组织", "党支部", "主题党日", "党课", "结对共建"),
    "health service": ("医联体", "医共体", "医院排行榜", "医院排名", "/\\bhospital rankings?\\b|\\branking of [^,.;:]{0,30}\\bhospitals\\b/", "参保", "报销", "挂号", "就医", "就诊", "门诊", "用药负担", "看病", "住院", "病房", "床位", "院区", "/\\breimburse(ment|d|s)?\\b/",
                       "/\\bpatients? will pay\\b/", "/\\bopen(?:s|ed|ing)?\\b[^,.;:]{0,40}\\bclinics?\\b/"),
    "education": ("学科排名", "大学排名", "高校排名", "/\\b(?:subject|university) rankings?\\b/",
                  "/\\b(?:universities|colleges)\\b[^.;:]{0,60}\\brank/", "招生", "扩招", "本科专业", "/新增[^，。,]{0,12}专业/", "校园开放日", "科技周", "科技活动周", "/\\bscience (?:week|festival)\\b/", "毕业典礼", "开学", "教学", "课程", "高考", "考研", "/\\bopen days?\\b/", "/\\bteaching\\b/", "/\\bgraduation\\b/",
                  "/\\bcurriculum\\b/", "/\\badmissions?\\b/"),
    "commentary": ("/^(?:opinion|analysis|commentary|editorial|column)\\s*[:：|]|^(?:评论|社评|时评|观点|券商研报|研报|分析|专家)[:：]/",
                   "专访", "访谈", "/股东(?:周年)?大?会/", "/\\bannual general meeting\\b|\\bAGM\\b/", "/^q&a\\b|\\binterview\\b/", "/^[^：:]{0,12}(?:主席|董事长|总裁|总经理|首席[^：:]{0,5}|院长|行长)[:：]/",
                   "/^(?:\\w+\\s){0,3}(?:investors?|analysts?|executives?|bankers?)\\s(?:say|says|said|warn|warns)\\b/",
                   "/,\\s*(?:\\w+\\s){0,2}(?:analysts?|bankers?|brokers?|experts?|economists?|firm|consultancy|insiders|traders)"
                   "\\s(?:say|says|said|warn|warns)\\W*$/"),
    "personnel": ("任命", "出任", "履新", "聘任", "获任", "/\\bappoint(s|ed|ment)?\\b/",
                  "/\\b(hires?|hired|adds|added|names|named)\\b[^,.;:]{0,50}\\b(partner|ceo|cfo|chief|chair(man|woman)?|president|director)\\b/"),
    "explainer": ("政策解读", "/\\bpolicy (?:interpretation|explainer)\\b/"),
    "conference": ("学术论坛", "学术年会", "学术会议", "学术大会", "论坛", "年会", "研讨会",
                   "/\\b(?:forum|symposium|conference|congress)\\b/"),
    "trade show": ("博览会", "医博会", "展馆", "展位", "展区", "/\\b(?:expo|trade fair|exhibition halls?)\\b/", "/\\bfair\\b/"),
    "retail": ("门店", "分店", "旗舰店", "/(?:药房|药店)[^，,]{0,6}(?:开业|开张)|(?:开业|开设|新开)[^，,]{0,12}(?:药房|药店)/",
               "/\\b(?:flagship|pharmacy|drug|supplement|retail) (?:stores?|shops?|outlets?)\\b/",
               "/\\bopens?\\b[^,.;:]{0,40}\\bpharmacy\\b/",
               "/\\b(?:opens?|opened|adds?|added)\\b[^,.;:]{0,30}\\b(?:stores|shops|outlets)\\b/"),
    "cosmetics": ("/护肤|化妆品|美妆|彩妆/", "/\\bskin ?care\\b|\\bcosmetics?\\b/"),
    "warning": ("骗局", "诈骗", "风险提示", "/\\bscams?\\b/"),
    "advice": ("怎么选", "如何选", "选购", "科普", "/\\bhow to choose\\b/"),
    "notice": ("封闭施工", "交通管制", "绕行", "停水", "停电", "停诊", "暂停营业", "营业安排", "营业时间", "公交", "首末站",
               "/\\bbus (routes?|lines?|services?|stops?)\\b/",
               "/\\broad closure\\b/",
               "/\\bdetours?\\b/"),
}
# fmt: on
# A company's periodic results in a headline's first clause (…10月营收年增12%, posts wider third-quarter loss).
_RESULTS_FIRST = re.compile(
    r"营收|營收|营业收入|净利|纯利|季报|半年报|年报|业绩|\b(?:first-half|half-year|interim|annual|(?:first|second|third|fourth)[- ]quarter)\b|"
    r"\bfinancial results\b",
    re.IGNORECASE,
)
# Share-price talk in a headline's first clause (三日累涨近18%, 中一签浮盈, 疫苗板块走弱, 大行上调…目标价), and a
# crop's purchase price (黄芪收购价小幅上涨), unless it is a listing's own day.
_SHARES_FIRST = re.compile(
    r"[累连][涨跌升]|[涨跌][停逾超近]|股价|浮盈|板块|走[弱强]|目标价|收购价|\bg(?:ive|ives|ave) back\b|"
    r"\b(?:shares|stocks)\s(?:extend|give back|pare|erase|add|rise|rose|fall|fell|"
    r"slip|slid|slide|jump|climb|surge|drop|tumble|rall|sink|sank|soar|plunge|gain|lose|lost)",
    re.IGNORECASE,
)
_SUBSCRIBED = re.compile(r"中一签|新股申购|打新")  # what an investor's subscription earned: share talk
_LISTED = re.compile(r"上市|挂牌|首日|登陆")
_HEADLINE_CLAUSE = re.compile(r"[，,:：;；]|(?<=[\u4e00-\u9fff%％])\s")
# A headline that reports a listing is financing news, however much it talks about shares.
_NEWS_IN_TITLE = ("上市", "挂牌", "ipo", "首日", "/\\blisting\\b|\\bdebut/")
# A headline that says nothing will be or was signed (an expo, a forum, a fair) reports no signing.
_NO_SIGNING = (
    "/(?:不安排|未安排|不设|没有|未有|无)(?:项目|投资)?(?:集中)?签约/",
    "/\\bno (?:deals?|agreements?|contracts?|projects?) (?:were |was |will be )?(?:signed|announced)\\b/",
)
# A listing's second or third day of trading is share-price talk, not the listing.
_LATER_TRADING_DAY = (
    "/(?:上市|挂牌)后?(?:第[二三]日|第[二三]天|次日)|第[二三四五]个交易日/",
    "/次日(?:涨停|跌停|大涨|大跌|高开|低开)/",  # 开工新基地次日涨停: the day after is the share price's
    "/\\b(?:second|third) day of trading\\b|\\b(?:second|third) (?:trading )?day\\b.*\\b(?:debut|share|stock|listing)|"
    "\\b(?:debut|share|stock|listing)\\w*\\b.*\\b(?:second|third) (?:trading )?day\\b/",
)


_BY_TITLE = {
    "market",
    "promotion",
    "party work",
    "health service",
    "education",
    "statistics",
    "commentary",
    "personnel",
    "conference",
    "trade show",
    "retail",
    "cosmetics",
    "warning",
    "advice",
}
# Genres whose cue in the headline decides even beside a happening (a university "opens" a teaching
# lab, a hospital's ward building is topped out, 医保新政 is a patients' policy).
_TITLE_DECIDES = {"education", "health service", "commentary", "personnel", "retail", "cosmetics", "warning", "advice"}


def genre(title: Segmented, body: Segmented) -> str | None:
    """The genre (a key of ``GENRES``) of an article that reports no happening, else None (news)."""
    if any(_count(t, _pattern(t), title) for t in _LATER_TRADING_DAY):
        return "market"
    if any(_count(t, _pattern(t), title) for t in _NO_SIGNING):
        return "promotion"  # 不安排项目签约: the signing a headline names is denied
    # 9月營收年增21% / 大陸擴產案仍在評估: the results or the shares are the news, the rest an aside.
    first = _HEADLINE_CLAUSE.split(title.text.strip(), maxsplit=1)[0]
    if (
        _RESULTS_FIRST.search(first)
        or (_SHARES_FIRST.search(first) and not _LISTED.search(first))
        or _SUBSCRIBED.search(title.text)
    ):
        return "market"
    if any(_count(t, _pattern(t), title) for t in _NEWS_IN_TITLE):
        return None
    for name, cues in GENRES.items():
        if any(_count(c, _pattern(c), title) for c in cues):
            if name in _BY_TITLE and name not in _TITLE_DECIDES and headline_types(title):
                continue
            return name
        if name not in _BY_TITLE and sum(1 for c in cues if _count(c, _pattern(c), body)) >= 2:
            return name
    return None


@cache
def _pattern(term: str) -> re.Pattern[str] | None:
    """The compiled pattern of a /regex/ cue (None for a plain word), compiled once per process."""
    return re.compile(term[1:-1], re.IGNORECASE) if term.startswith("/") and term.endswith("/") else None


# ---------------------------------------------------------------- presenting an event

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+(?=[A-Z\"“])")
_BYLINE = re.compile(
    r"^[（(【\[]?(?:本报|记者|通讯员|来源|编辑|责任编辑|图|摄|文|新华社|中新网|央视网)|"
    r"^\W*(?:By|Source|Editor|Photo)\b|^\S{0,12}(?:讯|电)[）)】\]]?"
)


def summary(body: str, sentences: int = 3, limit: int = 220) -> str:
    """Two or three sentences from the start of a report, skipping bylines and datelines."""
    chosen: list[str] = []
    size = 0
    for paragraph in body.split("\n"):
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            if len(sentence) < 8 or _BYLINE.match(sentence):
                continue
            if chosen and size + len(sentence) > limit:
                return " ".join(chosen) if _is_latin(sentence) else "".join(chosen)
            chosen.append(sentence)
            size += len(sentence)
            if len(chosen) >= sentences:
                return (" " if _is_latin(sentence) else "").join(chosen)
    return (" " if chosen and _is_latin(chosen[0]) else "").join(chosen)


def _is_latin(text: str) -> bool:
    return not re.search(r"[\u4e00-\u9fff]", text)


def keywords_of(reports: Iterable[Sequence[str]], limit: int = 10) -> list[str]:
    """Keywords that most reports of an event share, in first-seen order for ties."""
    counts: dict[str, int] = {}
    for words in reports:
        for w in dict.fromkeys(words):
            counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])[:limit]
