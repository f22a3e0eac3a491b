"""Where jieba's model cut a name apart or glued it to a neighbour: a brand glued to a field its
dictionary lacks, a brand's two characters cut apart, a lone character between two name parts, a
number glued to what it counts. ``pipelines.chinese_organizations`` reads names across them.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.name_words import (
    CLAUSE_MARKS,
    DESCRIBERS,
    FUNCTION_CHARS,
    FUNCTION_TAGS,
    INDUSTRY_WORDS,
    INTRODUCERS,
    PARTICLES,
    namey,
)
from pipelines.text import is_chinese, known_word, tag


def glued_brand(tok: str, form: str) -> bool:
    """jieba's model glued a brand to a field its dictionary lacks (康晟医材): two characters or more
    of no word before the field, none of them a particle or a count's."""
    stem = tok[: -len(form)]
    return (
        tag(tok) is None
        and not known_word(tok)
        and len(stem) >= 2
        and stem[0] not in FUNCTION_CHARS
        and stem not in INDUSTRY_WORDS
    )


def cut_brand(tokens: Sequence[str], j: int) -> bool:
    """A lone character after one that is never a word alone: a brand jieba cut apart (宸 / 亦 生物医药)."""
    before = tokens[j - 1] if j else ""
    return len(tokens[j]) == 1 and len(before) == 1 and tag(before) in ("g", "x") and before not in PARTICLES


def cut_head(parts: Sequence[str]) -> bool:
    """A lone character jieba read as a verb before another lone one: a brand cut apart (振 和 药业,
    知 行 生物科技), not a verb before a name."""
    return len(parts[0]) == 1 and len(parts[1]) == 1 and is_chinese(parts[1])


def numbered(tokens: Sequence[str], j: int) -> bool:
    """The token before ``j`` ends a number (25, （25）, 18C): a date's or a count's."""
    return j > 0 and (tokens[j - 1][-1:].isdigit() or tokens[j - 1] in (")", "）") or tokens[j - 1][:1].isdigit())


def inside_name(tokens: Sequence[str], j: int) -> bool:
    """A single character jieba cut off between two name parts (博济 / 安 / 生物科技)."""
    tok = tokens[j]
    return (
        len(tok) == 1
        and is_chinese(tok)
        and (tag(tok) not in FUNCTION_TAGS or tag(tok) == "q")  # 仁济 / 堂: a measure word in a name
        and tok not in PARTICLES
        and tok not in _SETTING_UP
        and j > 0
        and is_chinese(tokens[j - 1])
        and namey(tokens[j - 1])
        and tok not in INTRODUCERS
        and tokens[j - 1] not in INTRODUCERS
    )


# Verbs of one character that set up, go, have or compare, never a name's: 在香港科学园 设 实验室, 医生 赴
# 上级医院, 工作日 到 华西医院, 设施 获 香港科技园公司…支持, 成都 有 医院, 估值 较 同类公司.
_SETTING_UP = set("设建驻赴到获较往有")


def split_brand(tokens: Sequence[str], j: int, registered: bool = False) -> bool:
    """Two lone characters right before a weak form, after 的, a verb or a clause's start (开工的 京 / 澄 / 生物,
    传出 沁 / 和 / 生物): a brand jieba cut into characters, which a field never is. Before a field and a
    legal form (是 港 / 越 / 医药 / 控股有限公司) the registered name says so whatever jieba tags them."""
    if j < 1 or not all(len(t) == 1 and is_chinese(t) for t in tokens[j - 1 : j + 1]):
        return False
    first, second, before = tokens[j - 1], tokens[j], tokens[j - 2] if j >= 2 else "\n"
    rare = tag(first) in _RARE_CHAR or tag(second) in _RARE_CHAR  # 晟 泓, 禾 璟, 叡 岭: a name's characters
    return (
        first not in PARTICLES | FUNCTION_CHARS | _INDUSTRY_CHARS
        and second not in PARTICLES | _INDUSTRY_CHARS
        and (registered or rare or tag(first) not in _NOT_BRAND_CHAR)
        and (registered or rare or tag(second) not in _NOT_BRAND_CHAR - {"c"})  # 峻 和: a brand's 和
        and (before in CLAUSE_MARKS or before == "的" or tag(before) == "v" or (rare and before in DESCRIBERS))
    )


# Characters jieba knows only inside words (晟, 璟, 叡, 宸): standing alone they are half a name.
_RARE_CHAR = {"g", "zg", "x", None}


# What a character jieba tags so is a word of the sentence (新 厂 资本开支, 跑 赢 医药), not half a brand.
_NOT_BRAND_CHAR = {"a", "n", "v", "vn", "d", "m", "q", "r", "p", "c", "u", "uj"}


# Characters of a field, never of a brand cut apart (药 / 和 生物制品 is two fields).
_INDUSTRY_CHARS = set("药医械生物")
