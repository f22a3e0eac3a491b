"""Where a registered name starts when reading it back from its legal or institutional form: at its
place, at a province after an address, over a brand jieba read as a number, never past a maker's kind.
Reading names back is ``pipelines.chinese_organizations``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines import places as gazetteer
from pipelines.name_words import (
    COUNTRIES_AT_HEAD,
    DESCRIBERS,
    FIELD_JOINS,
    FIELD_TAGS,
    FUNCTION_TAGS,
    INTRODUCERS,
    PARTICLES,
    STRONG_FORMS,
    TRADERS,
    namey,
)
from pipelines.text import is_chinese, known_word, tag


def earlier_place(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """A place or China a few name words before ``j``, or a group right before it: the name starts
    there, not at the place after it (中国 国际 金融 香港 证券有限公司, 丽珠集团 宁夏福兴制药有限公司)."""
    for k in range(j, max(-1, j - 3), -1):
        tok = tokens[k]
        if tok in places or tok in COUNTRIES_AT_HEAD or (k == j and tok.endswith("集团") and len(tok) > 2):
            return True
        if not namey(tok) or tok in INTRODUCERS:
            return False
    return False


def registered_head(tokens: Sequence[str], j: int, places: frozenset[str], company: bool = False) -> int | None:
    """Where an institution's name starts when a verb inside it stopped the reading back: at a
    full administrative name a few words before (山东省 医疗器械 和 药品 包装 检验 研究院), the way
    provincial and city institutes are named; for a company's registered name at its place, short
    or full, before its brand (四川 蜀阀 流体 控制 科技有限公司); None when no such name is near."""
    for k in range(j, max(-1, j - 6), -1):
        tok = tokens[k]
        if tok in places and (tok.endswith(FULL_ADMIN) or company):
            after = tokens[k + 1] if k < j else ""
            brand = (tag(after) is None and is_chinese(after) and not known_word(after)) or (
                len(after) == 2
                and k + 2 < len(tokens)
                and tag(tokens[k + 2]) is None  # 海口 普利 澜创: two brand words
            )
            named = brand if company else tag(after) in FIELD_TAGS  # not 山东省 推动 …, 台湾 美妆品牌 …
            return k if k < j and named else None
        if company and tok.endswith(_KINDS_OF):
            return None  # 台湾 美妆 品牌 / 晶妍生技…: what the company is stands between
        if tok in FIELD_JOINS:
            continue
        if not is_chinese(tok) or tok in INTRODUCERS or tok in PARTICLES or tag(tok) in FUNCTION_TAGS:
            return None
        if tok.endswith(STRONG_FORMS):
            return None  # another institution's name ends there (上海市血液中心 和 …)
    return None


MAKER_KINDS = ("厂", "业者", *TRADERS)  # 代工厂, 制造业者, 燕窝零售商: a kind of maker, said before its name
_KINDS_OF = (*DESCRIBERS, *MAKER_KINDS)  # 美妆品牌, 代工厂: what a company is, not its brand
FULL_ADMIN = ("省", "市", "自治区")  # 深圳市 药品 检验 研究院: a name that already starts at its place


def province(tok: str) -> bool:
    """A province's name, short or full (甘肃, 甘肃省): nothing of a registered name stands before it."""
    return tok.removesuffix("省") in gazetteer.province_short_names()


def numeral_brand(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """A brand jieba read as a number, right after the place a registered name starts with (宁夏 六盘
    本草药业有限公司, 三和): no count, since no measure word ends it."""
    tok = tokens[j]
    return tag(tok) == "m" and len(tok) == 2 and tok[-1] not in _COUNTED and j > 0 and tokens[j - 1] in places


_COUNTED = set("家个批座项所名位种类次届期轮年月日天号")


def place_before_form(tokens: Sequence[str], j: int, parts: Sequence[str]) -> bool:
    """The place just read stands right before the legal form, after a name's words (景林资产 管理 香港
    有限公司): the unit's seat, inside its registered name, not where the name starts."""
    return len(parts) == 1 and j >= 0 and is_chinese(tokens[j]) and namey(tokens[j]) and tokens[j] not in INTRODUCERS
