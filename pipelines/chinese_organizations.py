"""Chinese organisation names by their form: a legal or institutional suffix (…有限公司, …集团,
…研究院) with the name before it read back token by token while the tokens look like a name.

Known names and the one key per organisation are ``pipelines.organizations``; English names by
form are ``pipelines.english_organizations``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from pipelines.parks import FORMS as PARK_FORMS
from pipelines.text import Segmented, is_chinese, known_word, tag

# Suffixes that make a company or institution whatever precedes them (if it reads as a name).
# fmt: off
STRONG_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "研究院", "研究所", "实验室",
                "研究中心", "大学", "学院", "医院", "公司", "协会", "促进会", "学会", "商会", "基金会",
                "联合会", "研究会", "分所", "分院", "株式会社", "合伙企业", "发展中心")
# fmt: on
# Suffixes that are also industry words (生物医药, 医药企业): an organisation only when the
# name before them is a proper name and nothing noun-like follows.
WEAK_FORMS = ("药业", "制药", "生物", "医药", "医疗", "基因", "资本", "创投")
# Parts of speech that never stand inside a name: prepositions, conjunctions, particles, adverbs,
# pronouns, time words, numerals, classifiers, punctuation; verbs and adjectives only when
# listed in _NAME_WORDS.
# fmt: off
_NOT_NAME_TAGS = {"p", "c", "u", "uj", "ul", "ud", "ug", "uz", "uv", "d", "r", "rr", "rz", "t", "tg", "q",
                  "m", "y", "e", "o", "x", "w", "zg", "ad", "vd", "dg", "rg", "k", "h"}
# fmt: on
_VERBAL_TAGS = {"v", "vn", "vg", "vi", "vq", "a", "ag", "an", "z"}
_PROPER_TAGS = {"ns", "nr", "nz", "nt", "nrt", "nrfg", "nrf", "eng"}
# Verbs, adjectives and adverbs that commonly stand inside organisation names.
# fmt: off
_NAME_WORDS = {"控股", "创新", "开发", "制造", "诊断", "知识", "高新", "健康", "精准", "智慧", "诊疗",
               "检测", "研发", "孵化", "投资", "发展", "建设", "管理", "服务", "检验", "研究", "运营",
               "生产", "贸易", "咨询", "科创", "智造", "附属", "国际", "中新", "新材料", "大", "转化",
               "临床", "合成", "再生", "精密", "试验", "联合", "协同", "创业", "生命"}
# Nouns that introduce an organisation rather than belong to its name.
_INTRODUCERS = {"企业", "龙头", "记者", "董事长", "总经理", "负责人", "代表", "专家", "院士", "教授",
                "项目", "单位", "机构", "平台", "伙伴", "客户", "股东", "旗下", "其中", "包括", "例如",
                "比如", "分别", "以及", "领域", "行业", "园区", "团队", "人员", "员工", "嘉宾", "领导",
                "集团", "公司", "子公司", "分公司", "和", "与", "及", "同", "等", "家", "现任", "曾任",
                "担任", "同志", "委托", "受托", "跳槽", "开发方", "投资方", "运营方", "建设方", "合作方",
                "签约方", "出资方", "领投方", "跟投方", "管理人", "归属于", "甲方", "乙方", "方", "我区", "我市", "我省", "我县", "全区", "全市", "全省",
                "本区", "本市", "该区", "该市", "各区", "各市", "当地", "本地", "龙头企业", "头部企业", "链主企业",
                "骨干企业", "国企", "央企", "民企", "外企", "药企", "主要", "公营", "公立", "私立", "三甲", "定点", "业者", "途经",
                "各级", "基层", "母公司", "控股股东", "外国", "海外", "境外", "跨国"}
# fmt: on
# Characters that start a word jieba could not place (本是, 未见, 受前) but never a name.
_FUNCTION_CHARS = set(
    "本是未受各现委跳自同在由向为将把被让与和及暨的从对于经据已曾正均并又也都还即乃系其该此这那每某诸凡最较更很"
)
# Words of a company's form that may stand before its legal form (…集团有限公司, …控股股份有限公司).
_FORM_WORDS = {"集团", "控股", "股份", "控股集团"}
# Single characters that never stand inside a name, even between two name parts (中国是集团…).
_PARTICLES = set("是的了着过在将把被与及或并暨")
# Name parts that make "…公司" a description, not a name (该公司, 上市公司, 子公司).
# fmt: off
_GENERIC = {"该", "本", "这家", "一家", "多家", "各家", "相关", "上述", "子", "分", "母", "总", "全资",
            "控股", "合资", "外资", "国有", "民营", "上市", "龙头", "头部", "科技", "医药", "生物",
            "企业", "新", "其", "我", "贵", "这", "那", "每家", "两家", "三家", "此", "首家", "知名",
            "大型", "中小", "创新", "投资", "医疗", "研究", "高校", "重点", "国家", "省", "市", "区",
            "市属", "区属", "省属", "国企", "央企", "民企", "外企", "药企"}
# fmt: on
_NOUNLIKE_AFTER = {"n", "vn", "nz", "ng", "an", "j", "l"}
# Forms of investment firms, and what stands before an investor in a round's list.
_INVESTOR_FORMS = {"资本", "创投"}
_COMMON_TAGS = {"n", "vn", "an", "a", "ad", "b", "d", "t", "f", "s", "l", "i"}
_LIST_MARKS = {"、", ",", "由", "和", "与", "及", "包括", ":", "获"}
# Words for a company's relation to another: the name stands before them (晋欣生物母公司), not in them.
_RELATIONS = {"母公司", "子公司", "分公司", "总公司", "孙公司", "该公司", "本公司", "上市公司"}
# Institutes and schools whose names join two fields (生命科学与技术学院, 生物与医学工程学院).
_ACADEMIC_FORMS = ("学院", "研究院", "研究所", "实验室", "研究中心")
_FIELD_JOINS = {"与", "和", "及"}
# Name words of companies only: before a school, hospital or institute they are the verb of the
# sentence (专门投资 / 三峡大学).
_COMPANY_WORDS = {"投资", "管理", "服务", "贸易", "咨询", "运营", "控股", "生产", "建设", "开发"}
INSTITUTION_FORMS = ("大学", "学院", "医院", "研究院", "研究所", "实验室", "研究中心", "协会", "学会", "发展中心")
# Legal forms: what stands before one is a registered name, so the reading back trusts more.
_LEGAL_FORMS = ("有限公司", "有限责任公司")
_MAX_NAME_CHARS = 24
_MAX_NAME_TOKENS = 10
_PAREN = {")": "("}


def by_form(seg: Segmented, places: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of names ending in one of the forms, read back to where the name starts."""
    text = seg.text
    if not is_chinese(text):
        return []
    found: list[tuple[int, int]] = []
    offsets = seg.token_starts
    last_char, by_last = _forms_by_last(STRONG_FORMS, WEAK_FORMS)
    for m in last_char.finditer(text):  # only the tokens that end in a form's last character
        i = bisect.bisect_right(offsets, m.start()) - 1
        tok = seg.tokens[i]
        if offsets[i] + len(tok) != m.end() or tok in _RELATIONS:
            continue
        for form in by_last[m.group()]:
            if not tok.endswith(form):
                continue
            weak = form in WEAK_FORMS
            if weak and tok != form:
                break
            end = offsets[i] + len(tok)
            if weak and not _ends_name(seg.tokens, i):
                break
            start = _name_start(seg.tokens, offsets, i, len(tok) - len(form), weak, places)
            if start is None and form in _INVESTOR_FORMS:
                start = _listed_investor(seg.tokens, offsets, i)
            if start is not None and not _JOINT.search(text, start, end):
                role = _ROLE.match(text, start, end)  # 管理人为 / 浙江越康…: jieba glued 人为
                found.append((role.end() if role else start, _bracketed_place(text, end, places)))
            break
    return found


def _bracketed_place(text: str, end: int, places: frozenset[str]) -> int:
    """The end of a name, with the place in brackets after it that names its campus or branch
    (香港城市大学（东莞）), or a partnership's kind (…合伙企业（有限合伙）)."""
    m = _BRACKET.match(text, end)
    return m.end() if m and (m.group(1).lower() in places or m.group(1) == "有限合伙") else end


# A role before a name, written without a break (管理人为…有限公司, 基金管理人…, 主办单位…).
_ROLE = re.compile(
    r"(?:基金)?(?:管理人|执行事务合伙人|普通合伙人|主办单位|承办单位|运营单位|建设单位|实施单位|牵头单位|"
    r"运营方|投资方|建设方)(?:为|是)?"
)


_BRACKET = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")
# A lab or centre two parties set up together is described by its field (疫苗工程联合实验室), not named;
# the parties are the organisations.
_JOINT = re.compile(r"联合[\u4e00-\u9fff]{0,2}(?:实验室|研究中心)$")


@lru_cache(maxsize=8)
def _forms_by_last(strong: Sequence[str], weak: Sequence[str]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern for the forms' last characters, and the forms by last character, in order:
    a token is tried only against the forms it can end in."""
    out: dict[str, tuple[str, ...]] = {}
    for form in (*strong, *weak):
        out[form[-1]] = (*out.get(form[-1], ()), form)
    return re.compile("[" + "".join(map(re.escape, out)) + "]"), out


def _listed_investor(tokens: Sequence[str], offsets: Sequence[int], i: int) -> int | None:
    """An investor in a round's list (鹏程资本、远望创投等; 由瀚泽资本领投): there a word before 资本 or
    创投 that is no common noun is its name, even one jieba reads as a verb (远望)."""
    if i < 2:
        return None
    word, before = tokens[i - 1], tokens[i - 2]
    if (
        len(word) == 2
        and is_chinese(word)
        and word not in _INTRODUCERS
        and word not in _GENERIC
        and tag(word) not in _FUNCTION_TAGS
        and tag(word) not in _COMMON_TAGS  # 社会资本, 风险资本: capital of a kind, no firm
        and before in _LIST_MARKS
    ):
        return offsets[i - 1]
    return None


def _ends_name(tokens: Sequence[str], i: int) -> bool:
    """A weak form ends a name when what follows is not another noun (医药产业, 生物技术) nor a
    park's form (通化医药高新区: the zone's industry)."""
    for nxt in tokens[i + 1 : i + 3]:
        if nxt.isspace():
            continue
        if nxt.endswith(PARK_FORMS):
            return False
        t = tag(nxt)
        return (t is None and not is_chinese(nxt)) or (t is not None and t not in _NOUNLIKE_AFTER)
    return True


def _name_start(
    tokens: Sequence[str], offsets: Sequence[int], i: int, inner: int, weak: bool, places: frozenset[str] = frozenset()
) -> int | None:
    """Read back from the suffix while tokens look like a name; None if no name is there.

    Before a weak form (…药业, …资本) a place name is not enough (广州医药 is an industry), but a
    word jieba tags as a place that is no province, city or county is a brand (粤海药业)."""
    parts: list[str] = [tokens[i][:inner]] if inner else []
    legal = tokens[i].endswith(_LEGAL_FORMS)
    institution = tokens[i].endswith(INSTITUTION_FORMS)
    j = i - 1
    while not parts and j >= 0 and tokens[j] in _FORM_WORDS:
        parts.insert(0, tokens[j])
        j -= 1
    while j >= 0 and len(parts) < _MAX_NAME_TOKENS:
        tok = tokens[j]
        glued = (
            tag(tok) is None and len(tok) > 1 and tok[0] in _FUNCTION_CHARS and is_chinese(tok) and not known_word(tok)
        )
        if glued and (parts or len(tok) > 2):
            if not set(tok[1:]) <= _FUNCTION_CHARS:  # 这是 / 锐视: nothing of the name is in it
                parts.insert(0, tok[1:])  # jieba glued a particle to the name (抗体药的和睿 / 生物, 由青禾 / 资本)
            break
        if tok in _PAREN:
            k = j - 1
            while k >= 0 and tokens[k] != "(" and j - k < 5:
                k -= 1
            if k < 0 or tokens[k] != "(" or not all(is_chinese(t) for t in tokens[k + 1 : j]):
                break
            parts[:0] = tokens[k : j + 1]
            j = k - 1
            continue
        stop = (
            not (_namey(tok) or tok in places)
            or tok in _INTRODUCERS
            or (tok.endswith("地区") and tok not in places)  # 华北地区: a region's, not a name (喀什地区 is one)
            or (institution and tok in _COMPANY_WORDS)
            or tok.endswith(_LEGAL_FORMS)  # another company's name ends there (…有限公司附属公司)
            or (tag(tok) is None and tok[0] in _FUNCTION_CHARS and not known_word(tok))
        )
        if (
            stop
            and legal
            and (
                _brand_verb(tokens, j, places) or _joined_char(tokens, j) or _listed(tokens, j) or _registered_word(tok)
            )
        ):
            stop = False
        if (
            stop
            and tok in _FIELD_JOINS
            and tokens[i].endswith(_ACADEMIC_FORMS)
            and _joins_fields(tokens, j, parts, places)
        ):
            stop = False
        if sum(map(len, parts)) + len(tok) > _MAX_NAME_CHARS:
            break
        if (
            stop
            and not (
                len(tok) == 1
                and is_chinese(tok)
                and tok not in _PARTICLES
                and parts
                and len(parts[0]) == 1
                and is_chinese(parts[0])
            )
            and not _inside_name(tokens, j)
        ):
            head = _registered_head(tokens, j, places) if institution else None
            if head is not None:
                parts[:0] = tokens[head : j + 1]
            break  # a lone character before the suffix is a name cut apart (杭州和睿: 和 / 睿)
        parts.insert(0, tok)
        j -= 1
        if legal and tok in places and not _earlier_place(tokens, j, places):
            break  # a registered name starts with its place (因途经 / 山东康源生物医药有限公司)
    while parts and (
        parts[0] in _GENERIC | {"(", ")"} or (len(parts) > 1 and tag(parts[0]) == "v" and parts[0] not in places)
    ):
        parts.pop(0)  # a description or a verb before the name (联合 / 首都医科大学)
    name = "".join(parts)
    if len(name) < 2 or all(p in _GENERIC for p in parts):
        return None
    words = [p for p in parts if p not in "()"]
    tags = [tag(p) for p in words]
    proper = [_proper(p, t) or p in places or ((legal or weak) and t == "j") for p, t in zip(words, tags, strict=False)]
    if tokens[i].endswith("公司") and not tokens[i].endswith("有限公司") and len(words) == 1 and tags[0] == "ns":
        return None  # 日本公司, 广州公司: a description
    if weak and (
        not any(
            t is None or t in {"nz", "nr", "nrt", "nrfg", "nt", "eng", "j"} or (t == "ns" and p not in places)
            for p, t in zip(words, tags, strict=False)
        )
        or len(name) > 8
    ):
        return None
    if not any(proper):
        return None
    return offsets[i] + inner - len(name)


# fmt: off
_FUNCTION_TAGS = {"p", "c", "u", "uj", "ul", "ud", "ug", "uz", "uv", "r", "rr", "rz", "d", "q", "m", "y", "e", "o",
                  "x", "w"}
# fmt: on


def _registered_word(tok: str) -> bool:
    """Inside a registered name jieba's verbal nouns are names' words (医疗设备, 大药房连锁) and a
    single character is a brand's (安徽泓肽: 泓 read as a measure word)."""
    return (
        is_chinese(tok)
        and tok not in _INTRODUCERS
        and tok not in _PARTICLES
        and (tag(tok) == "vn" or (len(tok) == 1 and tag(tok) not in _FUNCTION_TAGS - {"q"}))
    )


def _earlier_place(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """A place or China a few name words before ``j``: the name starts there, not at the place
    after it (中国 国际 金融 香港 证券有限公司)."""
    for k in range(j, max(-1, j - 3), -1):
        tok = tokens[k]
        if tok in places or tok in _COUNTRIES_AT_HEAD:
            return True
        if not _namey(tok) or tok in _INTRODUCERS:
            return False
    return False


_COUNTRIES_AT_HEAD = {"中国", "中华", "中外", "中美", "中德", "中日", "中韩", "中法", "中英", "中新", "中意", "中瑞"}


def _brand_verb(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """Before a legal form, a word jieba reads as a verb or adjective after a place or a proper
    name is the brand (南京 启明 诊断技术有限公司; 福州 康 颐养 老 服务有限公司)."""
    for k in (j, j - 1):  # two such words at most (康 颐养 老 服务有限公司)
        tok = tokens[k] if k >= 0 else ""
        if k < 1 or tok in _INTRODUCERS or tok in _PARTICLES or tag(tok) not in _VERBAL_TAGS or not is_chinese(tok):
            return False
        before = tokens[k - 1]
        if before in places or (is_chinese(before) and _proper(before, tag(before))):
            return True
    return False


def _registered_head(tokens: Sequence[str], j: int, places: frozenset[str]) -> int | None:
    """Where an institution's name starts when a verb inside it stopped the reading back: at a
    full administrative name a few words before (山东省 医疗器械 和 药品 包装 检验 研究院), the way
    provincial and city institutes are named; None when no such name is near."""
    for k in range(j, max(-1, j - 6), -1):
        tok = tokens[k]
        if tok in places and tok.endswith(("省", "市", "自治区")):
            return k if k < j and tag(tokens[k + 1]) in _FIELD_TAGS else None  # not 山东省 推动 …
        if tok in _FIELD_JOINS:
            continue
        if not is_chinese(tok) or tok in _INTRODUCERS or tok in _PARTICLES or tag(tok) in _FUNCTION_TAGS:
            return None
    return None


def _joined_char(tokens: Sequence[str], j: int) -> bool:
    """和 or 与 after a lone character inside a registered name (北京 诺 和 康泰 生物技术有限公司): a
    single character is no name to join, so the conjunction is part of the brand."""
    before = tokens[j - 1] if j > 0 else ""
    return (
        tokens[j] in {"和", "与"}
        and len(before) == 1
        and is_chinese(before)
        and before not in _PARTICLES
        and tag(before) not in _FUNCTION_TAGS
        and tag(before) != "n"  # 诺, 滇, 庆; not the 队 of …有限公司队和
    )


def _listed(tokens: Sequence[str], j: int) -> bool:
    """An adjective at the head of a registered name that starts a clause or a list item
    (、正大 天晴药业集团股份有限公司): the name runs from there to its legal form."""
    return (
        (j == 0 or tokens[j - 1] in _CLAUSE_MARKS)
        and len(tokens[j]) == 2
        and is_chinese(tokens[j])
        and tag(tokens[j]) in {"a", "ad", "an", "z", "b"}
        and tokens[j] not in _INTRODUCERS
    )


_CLAUSE_MARKS = {"、", ",", "。", ";", ":", "\n", "，", "；", "："}


def _joins_fields(tokens: Sequence[str], j: int, parts: Sequence[str], places: frozenset[str]) -> bool:
    """与 between two fields of study inside a school's or institute's name (生命科学与技术学院), not
    between two names: both sides are common nouns, neither an organisation nor a place."""
    before = tokens[j - 1] if j > 0 else ""
    after = parts[0] if parts else ""

    def field(word: str) -> bool:
        return (
            is_chinese(word)
            and tag(word) in _FIELD_TAGS
            and word not in places
            and word not in _INTRODUCERS
            and not word.endswith((*STRONG_FORMS, *WEAK_FORMS))
        )

    return field(before) and field(after)


_FIELD_TAGS = {"n", "vn", "nz", "l"}


def _inside_name(tokens: Sequence[str], j: int) -> bool:
    """A single character jieba cut off between two name parts (博济 / 安 / 生物科技)."""
    tok = tokens[j]
    return (
        len(tok) == 1
        and is_chinese(tok)
        and (tag(tok) not in _FUNCTION_TAGS or tag(tok) == "q")  # 仁济 / 堂: a measure word in a name
        and tok not in _PARTICLES
        and j > 0
        and is_chinese(tokens[j - 1])
        and _namey(tokens[j - 1])
        and tok not in _INTRODUCERS
        and tokens[j - 1] not in _INTRODUCERS
    )


def _proper(tok: str, t: str | None) -> bool:
    """A token that names something: a proper noun, a word jieba does not know, a brand."""
    if not is_chinese(tok):
        return bool(re.fullmatch(r"[A-Z][A-Za-z&\-]{2,}", tok))
    return t is None or t in _PROPER_TAGS


def _namey(tok: str) -> bool:
    """A token that may stand inside a name."""
    if not is_chinese(tok):
        return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9&\-]*", tok))
    if tok in _NAME_WORDS:
        return True
    t = tag(tok)
    if t is None:
        return True
    if t == "m":
        return tok.startswith("第")
    if t == "t":
        return tok[-1] not in "年月日天前后期时初底末"  # 未来 and 现代 name, 今年 and 近日 do not
    return t not in _NOT_NAME_TAGS and t not in _VERBAL_TAGS
