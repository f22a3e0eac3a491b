"""Brands that read like ordinary words: a Chinese company's distinctive name where jieba sees a
verb, a common noun, a function word or a lone character (远望 资本, 特变 电工, 为度 生物, 金诃 藏药).
``pipelines.chinese_organizations`` asks these when its reading back of a name would stop.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import pairwise

from pipelines.name_words import (
    CLAUSE_MARKS,
    COMMON_TAGS,
    DESCRIBERS,
    FORM_WORDS,
    FUNCTION_CHARS,
    FUNCTION_TAGS,
    GENERIC,
    INDUSTRY_WORDS,
    INTRODUCERS,
    LIST_MARKS,
    NAME_WORDS,
    PARTICLES,
    STRONG_FORMS,
    VERBAL_TAGS,
    proper,
)
from pipelines.text import Segmented, is_chinese, tag


def ethnic_brand(seg: Segmented, i: int, start: int | None) -> bool:
    """One word before an ethnic medicine, at a clause's or a list item's head (金诃 藏药、, 与 库伦
    蒙药): a maker's brand, where 以后 古老 藏药 is the medicine."""
    return (
        i >= 1
        and start == seg.token_starts[i - 1]
        and (i == 1 or seg.tokens[i - 2] in LIST_MARKS or seg.tokens[i - 2] in CLAUSE_MARKS)
    )


ETHNIC_MEDICINES = ("藏药", "蒙药", "苗药")


def listed_investor(tokens: Sequence[str], offsets: Sequence[int], i: int) -> int | None:
    """An investor in a round's list (鹏程资本、远望创投等; 由瀚泽资本领投): there a word before 资本 or
    创投 that is no common noun is its name, even one jieba reads as a verb (远望)."""
    if i < 2:
        return None
    word, before = tokens[i - 1], tokens[i - 2]
    role = tokens[i + 1] if i + 1 < len(tokens) else ""
    if (
        len(word) == 2
        and is_chinese(word)
        and word not in INTRODUCERS
        and word not in GENERIC
        and tag(word) not in FUNCTION_TAGS
        # 社会资本, 风险资本: capital of a kind, no firm - unless it leads a round or advises it (光源资本担任…)
        and (tag(word) not in COMMON_TAGS or (role in _INVESTOR_ROLES and word not in _KINDS_OF_CAPITAL))
        and (before in LIST_MARKS or (role in _INVESTOR_ROLES and before in CLAUSE_MARKS))
    ):
        return offsets[i - 1]
    return None


_INVESTOR_ROLES = {"领投", "跟投", "参投", "担任", "联合领投", "独家领投", "继续加码", "追加投资"}
# fmt: off
_KINDS_OF_CAPITAL = {"社会", "风险", "国有", "民间", "产业", "金融", "境外", "外部", "私人", "长期", "耐心", "国际", "战略",
                     "外国", "创业", "私募", "公募", "银行"}
# fmt: on


def pharmacy_brand(tokens: Sequence[str], i: int) -> bool:
    """A name before 药房 (token ``i``) that is a chain's brand (嘉衡 药房), not a kind of pharmacy (社区, 智慧)."""
    before = tokens[i - 1] if i else ""
    return proper(before, tag(before)) and before not in NAME_WORDS


def listed_maker(tokens: Sequence[str], offsets: Sequence[int], i: int) -> int | None:
    """A drug maker in a list of companies (…有限公司、资江药业等): between list marks a noun before
    药业 is its brand (a river's, a herb's), where alone it could be an industry's."""
    if i < 2 or tokens[i + 1 : i + 2] not in (["、"], ["等"], ["和"], ["与"]) or tokens[i - 2] not in LIST_MARKS:
        return None
    word = tokens[i - 1]
    if len(word) == 2 and is_chinese(word) and word not in GENERIC and tag(word) in {"n", "nz", "ns", "j"}:
        return offsets[i - 1]
    return None


def function_brand(seg: Segmented, i: int) -> int | None:
    """A brand whose first character reads as a function word (为度生物, 至本医疗) or whose two
    characters jieba cut apart (晞明生物): it starts a clause or a list item, or follows what it is
    (企业为度生物), every time it is named, and the article names it more than once or says what it is."""
    text, start = seg.text, seg.token_starts[i] - 2
    if seg.tokens[i] not in _BRAND_FIELDS or start < 0 or start not in seg.token_starts[max(0, i - 2) : i]:
        return None
    first, second = text[start], text[start + 1]
    cut = start + 1 in seg.token_starts and _cut_pair(first, second)
    if (
        (first not in FUNCTION_CHARS and not cut)
        or not is_chinese(second)
        or second in FUNCTION_CHARS
        or second in PARTICLES
    ):
        return None
    name = text[start : seg.token_starts[i] + len(seg.tokens[i])]
    at = [m.start() for m in re.finditer(name, text)]
    heads = all(a == 0 or text[a - 1] in _BRAND_HEADS or text[a - 2 : a] in DESCRIBERS for a in at)
    described = any(text[a - 2 : a] in DESCRIBERS for a in at)  # 本地企业暨阳生物: once is enough
    return start if (len(at) >= 2 or described) and heads else None


_BRAND_FIELDS = {"生物", "医疗", "医药", "药业", "制药", "基因", "诊断", "生技"}


_BRAND_HEADS = {*CLAUSE_MARKS, "、", "和", "与", "及", "“", '"', "《", " "}


def cut_brand(words: Sequence[str]) -> bool:
    """Two lone characters in a row inside a registered name (晞 明 生物科技有限公司, 振 和 药业有限公司):
    a brand jieba did not know and cut apart."""
    return any(_cut_pair(a, b) or (_brand_char(a) and b in {"和", "与"}) for a, b in pairwise(words))


def _cut_pair(a: str, b: str) -> bool:
    """Two lone brand characters, one of which jieba knows only as part of words (a morpheme: 晞, 晗),
    not as a word of its own (新, 有)."""
    return _brand_char(a) and _brand_char(b) and any((tag(c) or "g").endswith("g") for c in (a, b))


def common_brand(words: Sequence[str]) -> bool:
    """Before a legal form, nouns alone can be the brand (特变 电工 股份有限公司): a registered name,
    unless every word only says what the company does (医疗器械 股份有限公司); a word of the company's
    form says neither (飞云 医药 控股有限公司)."""
    named = [w for w in words if w not in FORM_WORDS]
    nouns = bool(named) and all(is_chinese(w) and tag(w) in {"n", "nz", "l"} for w in named)
    return nouns and any(w not in INDUSTRY_WORDS and w not in GENERIC for w in named)


def registered_word(tok: str) -> bool:
    """Inside a registered name jieba's verbal nouns are names' words (医疗设备, 大药房连锁) and a
    single character is a brand's (安徽泓肽: 泓 read as a measure word)."""
    return (
        is_chinese(tok)
        and tok not in INTRODUCERS
        and tok not in PARTICLES
        and (tag(tok) == "vn" or (len(tok) == 1 and tag(tok) not in FUNCTION_TAGS - {"q"}))
    )


def brand_verb(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """Before a legal form, a word jieba reads as a verb or adjective after a place, a proper name
    or a place and one character is the brand (南京 启明 诊断技术有限公司; 福州 康 颐养 老 服务有限公司)."""
    for k in (j, j - 1):  # two such words at most (康 颐养 老 服务有限公司)
        tok = tokens[k] if k >= 0 else ""
        if k < 1 or tok in INTRODUCERS or tok in PARTICLES or tag(tok) not in VERBAL_TAGS or not is_chinese(tok):
            return False
        before = tokens[k - 1]
        if before in places or (is_chinese(before) and (proper(before, tag(before)) or tag(before) == "j")):
            return True  # 湖南 湘财 私募 基金管理有限公司: an abbreviation is a brand too
        if k >= 2 and _brand_char(before) and tokens[k - 2] in places:
            return True  # 深圳市 优 必选 科技股份有限公司: a brand's first character cut off
    return False


def _brand_char(tok: str) -> bool:
    return len(tok) == 1 and is_chinese(tok) and tok not in PARTICLES and tag(tok) not in FUNCTION_TAGS


def joined_char(tokens: Sequence[str], j: int) -> bool:
    """和 or 与 after a lone character inside a registered name (北京 诺 和 康泰 生物技术有限公司): a
    single character is no name to join, so the conjunction is part of the brand."""
    before = tokens[j - 1] if j > 0 else ""
    return (
        tokens[j] in {"和", "与"}
        and len(before) == 1
        and is_chinese(before)
        and before not in PARTICLES
        and tag(before) not in FUNCTION_TAGS
        and tag(before) != "n"  # 诺, 滇, 庆; not the 队 of …有限公司队和
    )


def listed_head(tokens: Sequence[str], j: int) -> bool:
    """An adjective at the head of a registered name that starts a clause or a list item
    (、正大 天晴药业集团股份有限公司): the name runs from there to its legal form."""
    return (
        (j == 0 or tokens[j - 1] in CLAUSE_MARKS)
        and len(tokens[j]) == 2
        and is_chinese(tokens[j])
        and tag(tokens[j]) in {"a", "ad", "an", "z", "b"}
        and tokens[j] not in INTRODUCERS
    )


def list_mates(seg: Segmented, found: Sequence[tuple[int, int]], places: frozenset[str]) -> list[tuple[int, int]]:
    """The other items of a list of companies that names one the reading found (安图生物、瑞衡影像等企业;
    湖南高新创投、国投创业等机构): listed alike before 等 and a word for companies, each is one, however
    plain its field (影像, 光学)."""
    out: list[tuple[int, int]] = []
    for m in _COMPANY_LIST.finditer(seg.text):
        at, spans = m.start(1), []
        for item in m.group(1).split("、")[:-1]:  # the items before the last 、
            spans.append((at, at + len(item)))
            at += len(item) + 1
        if m.group(2):  # …和 / …及 before the last item
            spans.append((m.start(2), m.end(2) - 1))
        spans.append(m.span(3))
        if (
            spans[0][1] in {e for _, e in found}
            or any(span in found for span in spans[1:])
            or _brands_only(seg, spans[1:], places)
        ):
            if m.start(1) == 0 or not re.match(_ITEM, seg.text[m.start(1) - 1]):
                spans[0] = _after_conjunction(seg, *spans[0])  # the first item starts a clause: 母基金与 启明创投
            else:
                spans = spans[1:]
            out.extend(span for span in spans if span not in found and _listed_name(seg, *span, places, mate=True))
    for a, b in found:  # 国中资本、盈科资本联合领投: the items of a list that end alike, one of them found
        ending = seg.text[b - 2 : b]
        if ending in _ALIKE_ENDINGS:
            out.extend(_alike_items(seg, a, b, ending, places))
    return out


def _brands_only(seg: Segmented, spans: Sequence[tuple[int, int]], places: frozenset[str]) -> bool:
    """Items that each start with a word jieba does not know (渝康 微创、锐声 影像等企业): brands, listed as
    companies by the sentence itself, though none is known."""
    return bool(spans) and all(
        _listed_name(seg, a, b, places) and tag(seg.tokens[bisect.bisect_left(seg.token_starts, a)]) is None
        for a, b in spans
    )


def _after_conjunction(seg: Segmented, start: int, end: int) -> tuple[int, int]:
    """The span from after the last conjunction word (与, 和, 及) inside it, which joins another party."""
    k = bisect.bisect_left(seg.token_starts, start)
    while k < len(seg.tokens) and seg.token_starts[k] < end:
        if seg.tokens[k] in ("与", "和", "及", "同"):
            start = seg.token_starts[k] + 1
        k += 1
    return start, end


_ITEM = r"[\u4e00-\u9fffA-Za-z0-9]"
_COMPANY_LIST = re.compile(
    rf"((?:{_ITEM}{{2,16}}、)+)({_ITEM}{{2,10}}[和及])?({_ITEM}{{2,10}}?)"
    r"等[\u4e00-\u9fff\d]{0,6}?(?:企业|公司|药企|机构|厂商|品牌)"  # 等首批9家企业, 等江西本地药企
)

_NOUNS = {"n", "nr", "ns", "nz", "nt"}
_ALIKE_ENDINGS = {"资本", "创投", "投资", "基金", "制药", "药业", "生物", "医药", "医疗", "科技"}


def _alike_items(seg: Segmented, start: int, end: int, ending: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """The items beside start-end in a list joined by 、 (or a last 和/及/与) that end in ``ending`` too."""
    text, out = seg.text, []
    a = start
    while a > 1 and text[a - 1] in _JOINS and (item := _item_before(seg, a - 1, ending, places)):
        out.append(item)
        a = item[0]
    b = end
    while b < len(text) - 1 and text[b] in _JOINS and (item := _item_after(seg, b + 1, ending, places)):
        out.append(item)
        b = item[1]
    return out


_JOINS = "、和及与"


def _item_before(seg: Segmented, end: int, ending: str, places: frozenset[str]) -> tuple[int, int] | None:
    starts = seg.token_starts
    for k in range(bisect.bisect_left(starts, end) - 1, max(bisect.bisect_left(starts, end - 8), 0) - 1, -1):
        j, tok = starts[k], seg.tokens[k]
        if tag(tok) is None and tok[0] in FUNCTION_CHARS and len(tok) > 1:
            j += 1  # jieba glued a preposition to the name (由国 中 资本)
        if (
            end - j > len(ending)
            and seg.text.endswith(ending, j, end)
            and _listed_name(seg, j, end, places, glued=j != starts[k])
        ):
            return j, end
    return None


def _item_after(seg: Segmented, start: int, ending: str, places: frozenset[str]) -> tuple[int, int] | None:
    k = bisect.bisect_left(seg.token_starts, start)
    for e in [*seg.token_starts[k + 1 : k + 6], len(seg.text)]:
        if e - start > len(ending) and seg.text.endswith(ending, start, e) and _listed_name(seg, start, e, places):
            return start, e
    return None


def _listed_name(
    seg: Segmented, start: int, end: int, places: frozenset[str], glued: bool = False, mate: bool = False
) -> bool:
    """An item that can be a company's short name: it starts at a word boundary with a word that
    names (瑞衡 影像), and it is no place, field or description; ``glued``: it starts one character
    into a word jieba glued a preposition to (由国 中 资本), which names as an unknown word does;
    ``mate``: listed with a company among companies, a noun names one too (以岭、神威、石药等企业)."""
    k = bisect.bisect_right(seg.token_starts, start) - 1
    if k < 0 or seg.token_starts[k] != start - glued or end - start > 8:
        return False
    words = [seg.tokens[k][int(glued) :]]
    k += 1
    while k < len(seg.tokens) and seg.token_starts[k] < end:
        words.append(seg.tokens[k])
        k += 1
    if seg.token_starts[k - 1] + len(seg.tokens[k - 1]) != end:
        return False
    first = words[0]
    return (
        (glued or proper(first, tag(first)) or (mate and tag(first) in _NOUNS and first not in STRONG_FORMS))
        and first not in places
        and first not in GENERIC
        and not all(w in INDUSTRY_WORDS or w in places for w in words)
    )


def short_mates(
    seg: Segmented, found: Sequence[tuple[int, int]], prefixes: frozenset[str], places: frozenset[str]
) -> list[tuple[int, int]]:
    """A known company told by the first characters of its name between two list marks beside one the
    reading found (恒瑞、信达、复星翻红: 信达 of 信达生物): a short name, which a list of companies keeps."""
    ends, starts = {e for _, e in found}, {s for s, _ in found}
    out = []
    for m in _SHORT_ITEM.finditer(seg.text):
        item, (a, b) = m.group(1), m.span(1)
        if (a - 1 in ends or b + 1 in starts) and item in prefixes and item not in places and tag(item) not in _PLAIN:
            out.append((a, b))
    return out


_SHORT_ITEM = re.compile(r"(?<=、)([\u4e00-\u9fff]{2,4})(?=、)")
_PLAIN = {"n", "v", "vn", "a", "ad", "d", "m", "q", "t", "f", "r", "p", "c", "u", "s", "ns"}
