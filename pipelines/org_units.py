"""Units named with their organisation: a university's school or faculty (华南理工大学设计学院), a key
lab named by its field and its level (固体润滑国家重点实验室), and a company's, bank's or chamber's branch
named after its place (招商银行股份有限公司广州分行, 中国欧盟商会天津分会, China Merchants Bank Shenzhen
Branch). The unit is the one that acts, so it is the name.
"""

from __future__ import annotations

import re

from pipelines.name_words import COMPANY_WORDS, FIELD_JOINS, FIELD_TAGS, INSTITUTION_FORMS, INTRODUCERS
from pipelines.text import Segmented, is_chinese, tag


def university_before(seg: Segmented, i: int, inner: int, places: frozenset[str]) -> int | None:
    """The token of the university a school, faculty or institute (token ``i``, its field the first
    ``inner`` characters) follows with only its fields between (华南理工大学设计学院, 苏州大学放射医学与
    防护学院): the two are one name, the school's. None when no university is there."""
    tokens = seg.tokens
    fields = [tokens[i][:inner]] if inner else [tokens[i]] if tokens[i] == "医学部" else []
    j = i - 1
    while j >= 0 and len(fields) < 5:
        tok = tokens[j]
        if tok.endswith("大学") and fields and not tok.endswith(SCHOOL_FORMS):
            return j
        joined = tok in FIELD_JOINS and fields and j and _school_field(tokens[j - 1], places)
        after_join = tag(tok) == "v" and j and tokens[j - 1] in FIELD_JOINS  # 放射医学与防护学院
        if not (joined or after_join or _school_field(tok, places)):
            return None
        fields.insert(0, tok)
        j -= 1
    return None


def _school_field(tok: str, places: frozenset[str]) -> bool:
    return (
        is_chinese(tok)
        and tag(tok) in FIELD_TAGS
        and tok not in places
        and tok not in INTRODUCERS
        and tok not in _JOINT_VERBS
        and not tok.endswith(SCHOOL_FORMS)  # 生命科学学院 和 上海医学院: two schools
    )


SCHOOL_FORMS = ("学院", "医学部", "学部", "研究院", "研究所", "研究中心")
# Nouns of doing that say what a university does with a school, not which school (合作建设…研究院).
_JOINT_VERBS = {
    "合作",
    "建设",
    "共建",
    "联合",
    "成立",
    "设立",
    "组建",
    "筹建",
    "牵头",
    "依托",
    "联手",
    "携手",
    *COMPANY_WORDS,
}


def levelled_lab(seg: Segmented, i: int, places: frozenset[str]) -> int | None:
    """Where a key lab named by its field before its level starts (固体润滑国家重点实验室, 出生缺陷与相关妇儿疾病
    教育部重点实验室, 傣医药现代化研究云南省重点实验室); -1 for a level alone (拥有2个国家重点实验室), a kind of
    lab; None for another lab."""
    tokens = seg.tokens
    if tokens[i] in ("国家重点实验室", "全国重点实验室"):
        j = i - 1
    elif tokens[i] == "重点实验室" and i and (tokens[i - 1] in _LAB_LEVELS or _province_or_city(tokens[i - 1], places)):
        j = i - 2
    else:
        return None
    fields: list[str] = []
    while j >= 0 and sum(map(len, fields)) < 16:
        tok = tokens[j]
        joined = tok in FIELD_JOINS and fields and j and _lab_field(tokens[j - 1], places)
        if not (joined or _lab_field(tok, places)):
            break
        fields.insert(0, tok)
        j -= 1
    return seg.token_starts[j + 1] if fields else -1


_LAB_LEVELS = {"教育部", "卫健委", "国家卫健委", "省部共建", "国家中医药管理局", "农业农村部", "工信部"}
# Verbs that say what is done with a lab, not what it studies (依托…, 来自该所…).
_LAB_VERBS = {"依托", "来自", "源自", "拥有", "建有", "获批", "入选", "认定", "新增", "围绕", "面向", "依靠", "通过",
              "包括", "申报", "获得", "建成", "联合", "牵头", "揭牌", "发布"}  # fmt: skip


def _province_or_city(tok: str, places: frozenset[str]) -> bool:
    return tok in places and tok.endswith(("省", "市", "自治区"))


def _lab_field(tok: str, places: frozenset[str]) -> bool:
    return (
        is_chinese(tok)
        and tag(tok) in FIELD_TAGS | {"v", "a", "b", "j"}
        and tok not in places
        and tok not in INTRODUCERS
        and tok not in _JOINT_VERBS
        and tok not in _LAB_VERBS
        and not tok.endswith(INSTITUTION_FORMS)
    )


def branch_end(text: str, end: int, places: frozenset[str]) -> int:
    """The end of a name with the branch named after a place that follows it (招商银行股份有限公司广州分行,
    中国人民财产保险股份有限公司广州市分公司, 中国欧盟商会天津分会): the branch is the one that acts."""
    m = _BRANCH_TAIL.match(text, end) or _EN_BRANCH_TAIL.match(text, end)
    return m.end() if m and m.group(1).lower() in places else end


_BRANCHES = ("分行", "分公司", "分会")
_BRANCH_TAIL = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:" + "|".join(_BRANCHES) + ")")
# A bank's legal form may stand between its name and the branch (… Bank Corporation Shijiazhuang Branch).
_EN_BRANCH_TAIL = re.compile(
    r"(?: (?:Corporation|Limited|Co\., Ltd\.|Company Limited))? ([A-Z][a-z]+(?: [A-Z][a-z]+)?) Branch\b"
)


def branch_of(name: str, places: frozenset[str]) -> tuple[str, str] | None:
    """A branch's head and its place and kind (中国银行股份有限公司 + 常州分行), or None."""
    kind = next((k for k in _BRANCHES if name.endswith(k)), "")
    for size in range(2, 9) if kind else ():
        place = name[-len(kind) - size : -len(kind)]
        if len(name) - len(kind) - size >= 2 and place.lower() in places:
            return name[: -len(kind) - size], place + kind
    return None
