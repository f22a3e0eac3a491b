"""Units named with their organisation: a university's school or faculty (华南理工大学设计学院), and
a company's, bank's or chamber's branch named after its place (招商银行股份有限公司广州分行, 中国欧盟商会
天津分会, China Merchants Bank Shenzhen Branch). The unit is the one that acts, so it is the name.
"""

from __future__ import annotations

import re

from pipelines.name_words import COMPANY_WORDS, FIELD_JOINS, FIELD_TAGS, INTRODUCERS
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
