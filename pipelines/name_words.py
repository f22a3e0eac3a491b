"""The words and parts of speech Chinese organisation names are read by: what may stand inside a
name, what introduces one, what only describes one. ``pipelines.chinese_organizations`` reads names
with them.
"""

from __future__ import annotations

import re

from pipelines.text import is_chinese, tag

# Suffixes that make a company or institution whatever precedes them (if it reads as a name).
# fmt: off
STRONG_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "研究院", "研究所", "实验室",
                "研究中心", "大学", "学院", "医院", "公司", "协会", "促进会", "学会", "商会", "基金会",
                "联合会", "研究会", "分所", "分院", "株式会社", "合伙企业", "发展中心", "检测中心", "检验中心", "学系", "同乡会",
                "医学中心", "转化中心", "工程中心", "检验所", "检测所", "防治中心", "控制中心", "疾控中心", "血液中心",
                "急救中心", "联盟", "公会", "学校", "医学部", "金控", "城投", "产投", "事务所")
# fmt: on
# Suffixes that are also industry words (生物医药, 医药企业): an organisation only when the
# name before them is a proper name and nothing noun-like follows.
WEAK_FORMS = (
    "药业",
    "制药",
    "生物",
    "医药",
    "医疗",
    "基因",
    "资本",
    "创投",
    "诊断",
    "科技",
    "生技",
    "藏药",
    "蒙药",
    "苗药",
    "大药房",
    "药房",
    "本草",
    "医材",
)
# Forms of institutions (schools, hospitals, institutes, associations), not companies.
# fmt: off
INSTITUTION_FORMS = ("大学", "学院", "医院", "研究院", "研究所", "实验室", "研究中心", "协会", "学会", "发展中心", "检验所", "检测所", "检测中心", "检验中心",
                     "防治中心", "控制中心", "疾控中心", "血液中心", "急救中心", "联盟", "公会", "学校", "医学部", "金控", "城投", "产投")
# fmt: on

# Parts of speech that never stand inside a name: prepositions, conjunctions, particles, adverbs,
# pronouns, time words, numerals, classifiers, punctuation; verbs and adjectives only when
# listed in NAME_WORDS.
# fmt: off
NOT_NAME_TAGS = {"p", "c", "u", "uj", "ul", "ud", "ug", "uz", "uv", "d", "r", "rr", "rz", "t", "tg", "q",
                  "m", "y", "e", "o", "x", "w", "zg", "ad", "vd", "dg", "rg", "k", "h"}
# fmt: on
VERBAL_TAGS = {"v", "vn", "vg", "vi", "vq", "a", "ag", "an", "z"}
PROPER_TAGS = {"ns", "nr", "nz", "nt", "nrt", "nrfg", "nrf", "eng"}
# Verbs, adjectives and adverbs that commonly stand inside organisation names.
# fmt: off
NAME_WORDS = {"控股", "创新", "开发", "制造", "诊断", "知识", "高新", "健康", "精准", "智慧", "诊疗",
               "检测", "研发", "孵化", "投资", "发展", "建设", "管理", "服务", "检验", "研究", "运营",
               "生产", "贸易", "咨询", "科创", "智造", "附属", "附设", "国际", "中新", "新材料", "大", "转化",
               "临床", "合成", "再生", "精密", "试验", "联合", "协同", "创业", "生命", "市立", "省立", "县立", "区立", "先进",
               "私募", "公募", "理化"}
# A portal's own place (我市, 本区): the district or city that writes, never a name or a count.
OUR_PLACES = ("我区", "我市", "我县", "我州", "我省", "我旗", "我镇", "本区", "本市", "本县")
# A kind of maker or trader, said before its name (燕窝零售商 金禧燕窝有限公司).
TRADERS = tuple(
    trade + "商" for trade in "生产 制造 零售 供应 经销 分销 批发 开发 发展 运营 营运 营办 服务 代理 提供 贸易 进口 出口 耗材 承建".split()
)
# Nouns that introduce an organisation rather than belong to its name.
INTRODUCERS = {"企业", "龙头", "记者", "董事长", "总经理", "负责人", "代表", "专家", "院士", "教授",
                "项目", "单位", "机构", "平台", "伙伴", "客户", "股东", "旗下", "其中", "包括", "例如",
                "比如", "分别", "以及", "领域", "行业", "园区", "团队", "人员", "员工", "嘉宾", "领导",
                "集团", "公司", "子公司", "分公司", "和", "与", "及", "同", "等", "家", "现任", "曾任",
                "担任", "同志", "委托", "受托", "跳槽", "开发方", "投资方", "运营方", "建设方", "合作方",
                "签约方", "出资方", "领投方", "跟投方", "管理人", "归属于", "甲方", "乙方", "方", *OUR_PLACES, "全区", "全市", "全省",
                "该区", "该市", "各区", "各市", "当地", "本地", "龙头企业", "头部企业", "链主企业",
                "骨干企业", "国企", "央企", "民企", "外企", "药企", "主要", "公营", "公立", "私立", "三甲", "定点", "业者", "途经",
                "各级", "基层", "母公司", "控股股东", "外国", "海外", "境外", "跨国",
                "上市公司", "上市企业", "成立", "注册", "注册成立", "设立", "创办", "创立", "组建", "新设", "新建",
                "港企", "台企", "美企", "日企", "韩企", "德企", "港资", "台资", "初创", "新锐",
                *TRADERS, "利用", "保荐人", "承销商", "财务顾问", "新股", "合资企业", "经",
                "CDMO", "CRO", "CMO", "CXO", "CDO", "投向", "投资于", "聚焦", "重点", "国有企业", "民营企业",
                "外资企业", "厂", "者", "核准", "批准", "获准", "控股公司", "续聘", "聘请"}
# fmt: on
# Characters that start a word jieba could not place (本是, 未见, 受前) but never a name.
FUNCTION_CHARS = set(
    "本是未受各现委跳自同在由向为将把被让与和及暨的从对于经据已曾正均并又也都还即乃系其该此这那每某诸凡最较更很给厂前但予称以后或若除"
)
# A city's investment platform told short (湘潭城投 = 湘潭市城市建设投资经营有限公司, 黄山产投, 湖南金控).
INVESTOR_ABBREVIATIONS = ("金控", "城投", "产投")
# Words of a company's form that may stand before its legal form (…集团有限公司, …控股股份有限公司).
FORM_WORDS = {"集团", "控股", "股份", "控股集团"}
# Single characters that never stand inside a name, even between two name parts (中国是集团…).
PARTICLES = set("是的了着过在将把被与及或并暨给向由对从为以予")
# Name parts that make "…公司" a description, not a name (该公司, 上市公司, 子公司).
# fmt: off
GENERIC = {"该", "本", "这家", "一家", "另一家", "多家", "各家", "相关", "上述", "子", "分", "母", "总", "全资",
            "控股", "合资", "外资", "国有", "民营", "上市", "龙头", "头部", "科技", "医药", "生物",
            "企业", "新", "其", "我", "贵", "这", "那", "每家", "两家", "三家", "此", "首家", "知名",
            "大型", "中小", "创新", "投资", "医疗", "研究", "高校", "重点", "国家", "省", "市", "区",
            "市属", "区属", "省属", "国企", "央企", "民企", "外企", "药企", "港股", "美股", "A股", "H股",
            "上柜", "兴柜", "省内", "市内", "区内", "高值", "同城", "逐家"}
# fmt: on
# Industries a description names a company by (深圳医疗器械公司, 台湾生技新药公司), never a brand.
# fmt: off
INDUSTRY_WORDS = {"医疗器械", "器械", "新药", "创新药", "生技", "生医", "医材", "生物", "医药", "药品", "制药", "医疗", "疫苗",
                  "诊断", "生物医药", "生物科技", "医药科技", "中药", "原料药", "化工", "化学", "科技", "基因", "细胞",
                  "药业", "美妆", "化妆品", "食品", "保健品", "制剂", "生物技术", "生物制药", "医疗科技", "医疗技术"}
# fmt: on
NOUNLIKE_AFTER = {"n", "vn", "nz", "ng", "an", "j", "l"}
# Forms of investment firms, and what stands before an investor in a round's list.
INVESTOR_FORMS = {"资本", "创投"}
COMMON_TAGS = {"n", "vn", "an", "a", "ad", "b", "d", "t", "f", "s", "l", "i"}
LIST_MARKS = {"、", ",", "由", "和", "与", "及", "包括", ":", "获"}
# What a company is, said before its name (美妆品牌 晶妍…, 企业为度生物).
DESCRIBERS = {"品牌", "厂商", "企业", "药企", "公司", "药局", "药房", "药店", "连锁", "连锁店", "办公室"}
# Words for a company's relation to another: the name stands before them (晋欣生物母公司), not in them.
RELATIONS = {"母公司", "子公司", "分公司", "总公司", "孙公司", "该公司", "本公司", "上市公司"}
# Institutes and schools whose names join two fields (生命科学与技术学院, 生物与医学工程学院).
ACADEMIC_FORMS = ("学院", "研究院", "研究所", "实验室", "研究中心", "联盟")
FIELD_JOINS = {"与", "和", "及"}
# Name words of companies only: before a school, hospital or institute they are the verb of the
# sentence (专门投资 / 三峡大学).
COMPANY_WORDS = {"投资", "管理", "服务", "贸易", "咨询", "运营", "控股", "生产", "建设", "开发"}


# fmt: off
FUNCTION_TAGS = {"p", "c", "u", "uj", "ul", "ud", "ug", "uz", "uv", "r", "rr", "rz", "d", "q", "m", "y", "e", "o",
                  "x", "w"}
# fmt: on


COUNTRIES_AT_HEAD = {"中国", "中华", "中外", "中美", "中德", "中日", "中韩", "中法", "中英", "中新", "中意", "中瑞"}


CLAUSE_MARKS = {"、", ",", "。", ";", ":", "\n", "，", "；", "："}


FIELD_TAGS = {"n", "vn", "nz", "l"}


def proper(tok: str, t: str | None) -> bool:
    """A token that names something: a proper noun, a word jieba does not know, a brand."""
    if not is_chinese(tok):
        return bool(re.fullmatch(r"[A-Z][A-Za-z&\-]{2,}", tok))
    return t is None or t in PROPER_TAGS or t == "x"  # x: a character jieba's dictionary lacks (芪源药业)


def namey(tok: str) -> bool:
    """A token that may stand inside a name."""
    if not is_chinese(tok):
        return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9&\-]*", tok))
    if tok in NAME_WORDS:
        return True
    t = tag(tok)
    if t is None or t == "x":  # x: a character jieba's dictionary lacks
        return True
    if t == "m":
        return tok.startswith("第") and tok[-1] not in "项个次批家件期届轮"  # 第一医院, not 第二项 (the second)
    if t == "t":
        return tok[-1] not in "年月日天周前后期时初底末晨晚"  # 未来 and 现代 name, 今年, 近日 and 本周 do not
    return t not in NOT_NAME_TAGS and t not in VERBAL_TAGS
