"""Parks and zones named by their form, in Chinese and English news text.

A park is the strongest evidence that two reports tell one happening, so a name counts only
when it reads as a name: a proper part (a place, a brand, a word jieba does not know) before a
park form (…产业园, …生物城, …科学城, …药谷, …高新区, "… Industrial Park", "… Medical City").
What a company builds for itself (生产基地, 广州基地), a generic description (生物医药产业园,
中国生物医药产业园区 in a ranking's title), an administrative division (浦东新区) and a verb or
address before the name (建设…, 途经…, 广州市黄埔区…) are not part of a park. The gazetteer's
known zones (中新广州知识城, BioBAY) are found by ``places``; this finds the rest.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from pipelines import english_parks, not_parks, park_addresses, park_forms
from pipelines import places as gazetteer
from pipelines.name_words import INDUSTRY_WORDS, OUR_PLACES
from pipelines.park_addresses import BARE_ZONE, INDUSTRY_HEADS
from pipelines.park_forms import BRANCHES, FEATURE, FORM, FORM_END
from pipelines.text import Segmented, is_chinese, known_word, tag

# Characters jieba glues to a form's last character (光谷生物城已…, …城等园区): not the name's.
_GLUED = set("已等在的将内是和与及也为于都均还正")
# Characters that start a word jieba could not place (这是, 本是) but never a name.
_FUNCTION_CHARS = set("这那是本该此其每各未已曾在由向为将把被让与和及暨从对于经据另可")
# Words before a name that make it a kind of park, not one (多个集成电路产业园).
_COUNTING = {"m", "q", "mq", "r"}
# Verbs and function words: never inside a park's name unless listed in _PARK_WORDS.
# fmt: off
_NOT_INSIDE = {"v", "vd", "vi", "vg", "p", "c", "u", "uj", "ul", "ud", "ug", "uz", "uv", "d", "r", "rr", "rz", "m",
               "mq", "y", "e", "o", "x", "w", "k", "h"}
# fmt: on
# Words tagged as nouns that still end what stands before a park (赛道途经广州科学城).
# fmt: off
_STOP_WORDS = {"途经", "建设", "打造", "位于", "串联", "申报", "争创", "申建", "创建", "地处", "落户", "入驻", "进驻", "签约", "依托", "毗邻", "围绕",
               "企业", "项目", "园区", "公司", "集团", "基金", "全国", "全省", "全市", "全区", "首个", "首批",
               "落地", "扎根", "布局", "迁入", "入园", "引进", "引入", "招引", "建成", "开工", "投产",
               *OUR_PLACES, "该县", "该区", "该市", "全县",
               "前称", "原称", "原名", "旧称", "曾称", "前身", "运营", "运营方", "运营商", "开发商", "管理方", "建设方", "同处", "同属", "同在",
               "参观", "调研", "前往",  # visits, tagged as nouns or times
               "谋划", "力争", "规划", "计划", "筹划",  # aims, tagged as nouns
               "现称", "今称", "现名",  # a new name after an old one
               "距离", "相距", "距", "院区"}  # a distance from a hospital's campus to the park
# fmt: on
# Verbs that stand inside park names (生物医药创新孵化园, 协同创新港).
_PARK_WORDS = {
    "孵化",
    "加速",
    "转化",
    "研发",
    "智造",
    "创新",
    "合作",
    "示范",
    "协同",
    "创业",
    "中试",
    "制造",
    "康养",
    "开放",
    "综合",
    "创制",
    "自主",
    "开发",
}
_NAME_TAGS = {"n", "nz", "ns", "nr", "nrt", "nrfg", "nrf", "nt", "j", "l", "vn", "a", "an", "b", "eng", "f"}
_PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nrf", "nz", "nt", "j", "eng"}
# A country or the nation is a ranking's or a programme's scope, not a park's name.
SCOPES = {"中国", "全国", "国家", "国家级", "省级", "市级", "我国", "国内", "世界", "全球", "国际"}
_ADMIN_ENDINGS = ("省", "市", "区", "县", "自治州")  # 兰州 is a short name, 甘孜藏族自治州 a full one
DASHES = {"—", "－", "-", "–"}
_DIRECTIONS = {"东部", "西部", "南部", "北部", "中部", "东", "西", "南", "北", "中", "东南", "东北", "西南", "西北"}
_MAX_CHARS = 20
_MAX_TOKENS = 8


def find(
    seg: Segmented, display: str, places: frozenset[str] = frozenset(), exclude: Sequence[tuple[int, int]] = ()
) -> list[tuple[str, int, int]]:
    """(name, start, end) of parks named by their form, first mention first.

    ``places`` are the (lower-cased) names of provinces, cities and counties: a place is a
    park's proper part (大兴生物医药基地), but a name that is only a place (浦东新区) is not a park.
    A park inside an ``exclude`` span (an organisation: 杭州钱塘新区产业发展集团) is not named.
    """
    quote = display if len(display) == len(seg.text) else seg.text
    spans = [park_addresses.trimmed(seg.text, s, e, places) for s, e in _chinese(seg, places)] + english_parks.by_form(
        seg.text, places
    )
    kept = [
        (_after_company(seg.text, s, e, exclude), e)
        for span in _outermost(spans)
        for s, e in _zone_then_park(seg, *span, places)
        if not any((a <= s and e <= b) or s < a < e <= b for a, b in exclude)  # inside a company's name, or its head
        and not not_parks.ruled_out(seg.text, s, e, places, exclude)
    ]
    return [(quote[s:e], s, e) for s, e in kept]


def _zone_then_park(seg: Segmented, start: int, end: int, places: frozenset[str]) -> list[tuple[int, int]]:
    """A zone and a park with a name of its own written together (长春新区北湖生物医药产业园) are
    two parks; a park named only by its field (石家庄高新区生物医药产业园) or by a place (中关村科技园区
    大兴生物医药产业基地) is the zone's, one name."""
    text, starts = seg.text, seg.token_starts
    k = bisect.bisect_right(starts, start)
    while k < len(starts) and starts[k] < end - 3:
        at, tok = starts[k], seg.tokens[k]
        if (
            _ZONE_END.search(text, start, at)
            and at - start >= 4
            and _proper(tok, places)
            and tok not in places
            and not FORM.match(tok)  # 绵阳科技城 新区: the zone's name goes on
            and tok not in SCOPES
            and tok[:2] not in INDUSTRY_HEADS
            and FORM_END.search(text, at, end)
            and not text.endswith("片区", at, end)  # a free-trade zone's area is a part of it
        ):
            return [(start, at), (at, end)]
        k += 1
    return [(start, end)]


_ZONE_END = re.compile("(?:高新区|开发区|经开区|新区|科学城|科技城|生物城|医学城|先行区|试验区|示范区|合作区)$")


_NAMED_AFTER = re.compile(r"(?:大道|大街|路(?!演)|街|站)")


def _after_company(text: str, start: int, end: int, organisations: Sequence[tuple[int, int]]) -> int:
    """Where a park starts that a company's name stands right before (港械医疗元朗创新园生产线); a
    university's or hospital's park is named with it (重庆医科大学临床医学转化产业园)."""
    return next(
        (b for a, b in organisations if a <= start < b and end - b >= 4 and not text.endswith(_OWNERS, a, b)), start
    )


_OWNERS = ("大学", "学院", "医院")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for s in spans:
        if not kept or s[0] >= kept[-1][1]:
            kept.append(s)
    return kept


def _chinese(seg: Segmented, places: frozenset[str]) -> list[tuple[int, int]]:
    text = seg.text
    if not is_chinese(text):
        return []
    starts, ends = seg.token_starts, set(seg.token_starts[1:]) | {len(text)}
    found = park_forms.shaped(text, places)
    for m in FORM.finditer(text):
        if m.end() not in ends and text[m.end()] not in _GLUED:
            continue  # the form's characters begin a longer word (新区域)
        if _NAMED_AFTER.match(text, m.end()):
            continue  # 医谷大道, 生物城站: a road or a station named after the park
        i = bisect.bisect_right(starts, m.start()) - 1
        parts = [text[starts[i] : m.start()]] if starts[i] < m.start() else []
        if m.group() == "片区" and (parts or seg.tokens[i - 1 : i] or [""])[-1] in _DIRECTIONS:
            continue  # 开发区东部片区: a section of the zone, which is the park
        named = bool(parts) and tag(seg.tokens[i]) is None and known_word(seg.tokens[i])  # 未来科技城: a known name
        start = _name_start(seg.tokens, i - 1, parts, m.group(), places, named)
        if start is not None:
            found.append((m.start() - start, _branch_end(seg, m.end(), places)))
    found += _known_zone_branches(seg, places)
    zones = gazetteer.zone_names()
    return [
        (park_forms.co_built_start(text, park_forms.bilateral_start(seg, s, places), places, zones), e)
        for s, e in found
    ]


def _known_zone_branches(seg: Segmented, places: frozenset[str]) -> list[tuple[int, int]]:
    """A known zone's short name before a branch named after a place (竹科宜兰园区, 中关村丰台园): the
    branch, one park, where the short name alone is the zone."""
    zones = gazetteer.zone_names()
    found = []
    for start, tok in zip(seg.token_starts, seg.tokens, strict=True):
        after = start + len(tok)
        if tok in zones and not FORM_END.search(tok) and (end := _branch_end(seg, after, places, True)) > after:
            found.append((start, end))
    return found


def _branch_end(seg: Segmented, end: int, places: frozenset[str], zone: bool = False) -> int:
    """Where a zone's name ends, with the branch or area named after a place that follows it (佛山国家
    高新区顺德园, 中关村科技园区海淀园, …合作区香港园区, 自贸试验区南宁片区): a zone's part, one park.
    ``zone``: what ends at ``end`` is a known zone's name, whatever its form."""
    k = bisect.bisect_left(seg.token_starts, end)
    if k >= len(seg.tokens) or seg.token_starts[k] != end or not (zone or FORM_END.search(seg.text, 0, end)):
        return end
    tok, after = seg.tokens[k], "".join(seg.tokens[k + 1 : k + 2])
    glued = next((b for b in BRANCHES if tok.endswith(b) and len(tok) > len(b) + 1), "")
    place, branch = (tok[: -len(glued)], glued) if glued else (tok, after)
    named = place in places or (place and tag(place) in _BRANCH_NAMES)
    if branch not in BRANCHES or not (
        named or (zone and branch == "园区" and is_chinese(place) and 2 <= len(place) <= 3)
    ):
        return end
    return end + len(place) + len(branch)


_BRANCH_NAMES = {"ns", "nr", "nz"}  # 海淀园, 金沙园: a branch is named for its place or a local name


def _name_start(
    tokens: Sequence[str], j: int, parts: list[str], form: str, places: frozenset[str], named: bool = False
) -> int | None:
    """How many characters of name stand before the form, or None when no name does; ``named``:
    the form ends a word the dictionaries know as a name, which an address before it does not join.

    Reading back goes through a zone's name (中关村科技园区大兴生物医药产业基地 is one park, as
    news names it) and stops at a token jieba glued to a function character (生物城等)."""
    while j >= 0 and len(parts) < _MAX_TOKENS:
        tok = tokens[j]
        if tok in DASHES and parts and j and _proper(tokens[j - 1], places) and _proper(parts[0], places):
            parts.insert(0, tok)  # 中国—东盟: two partners joined by a dash name one park
            j -= 1
            continue
        if (
            tag(tok) is None
            and BARE_ZONE.fullmatch(tok)
            and not (j and tokens[j - 1] in places and not any(_proper(p, places) for p in parts))
        ):
            break  # another park's form (经开区), which jieba does not know: that park ends here; after a
            # place, before a park named by its field (邳州 经开区 医疗器械产业园), it is the park's zone
        if (
            tag(tok) is None
            and len(tok) > 1
            and tok[0] in _FUNCTION_CHARS
            and is_chinese(tok)
            and not known_word(tok)
            and not BARE_ZONE.fullmatch(tok)
        ):
            if not set(tok[1:]) <= _FUNCTION_CHARS:  # 可经: a verb, no part of the name
                parts.insert(0, tok[1:])  # jieba glued a conjunction to the name (…暨云 / 东海…产业园)
            break
        if len(tok) == 1 and tok in _DIRECTIONS and parts and tag(parts[0]) == "ns":
            parts.insert(0, tok)  # 西 太湖科技产业园: a direction before a lake's or a hill's name is part of it
            j -= 1
            continue
        if len(tok) == 1 and tag(tok) == "g" and parts and len(parts[0]) == 1 and FEATURE.fullmatch(tok + parts[0]):
            parts.insert(0, tok)  # a character that is no word alone names the river or hill (淇 河)
            j -= 1
            continue
        if tok in ("与", "和", "及") and parts and j and _field(parts[0], places) and _field(tokens[j - 1], places):
            parts.insert(0, tok)  # two fields of one park (疫苗与生物制品产业园), not two names
            j -= 1
            continue
        if (_stops(tok, places) and not _anchored(tokens, j, places)) or sum(map(len, parts)) + len(tok) > _MAX_CHARS:
            break
        parts.insert(0, tok)
        j -= 1
    if j >= 0 and parts and tag(tokens[j]) in _COUNTING and tokens[j] not in _NO_COUNT:
        # 三个 产业园 counts parks; 其中 (among them) and a date (9 日) count none
        return None
    if form.startswith("科学园") and len(parts) == 1 and parts[0] in _DIRECTIONS and len(parts[0]) == 2:
        return 2  # Taiwan's 中部科学园区 and 南部科学园区 are named by their region
    # The name starts at its first proper part; an address (广州市黄埔区科学城) is not the name's.
    while (
        parts
        and (not _proper(parts[0], places) or parts[0] in SCOPES)
        and not (parts[1:2] and parts[1] in DASHES)
        and not (parts[1:2] and len(parts[1]) == 1 and FEATURE.fullmatch(parts[0] + parts[1]))
        and not (parts[1:2] and len(parts[0]) == 1 and parts[0] in _DIRECTIONS and tag(parts[1]) == "ns")
    ):
        parts.pop(0)
    address = _address(parts, places)
    rest = parts[address:]
    if named or any(_proper(p, places) and not _is_admin(p, places) for p in rest) or FEATURE.match("".join(rest)):
        del parts[:address]
    elif parts and address == len(parts) and tag(form) == "ns":
        return 0  # 广州市黄埔区科学城: an address before a form that is a place's name itself
    if not parts or "".join(parts) + form in places:
        return None  # 浦东新区 is a district
    return sum(map(len, parts))


_NO_COUNT = {"其中", "日", "月", "年", "号", *OUR_PLACES}  # "our city" counts none


def _stops(tok: str, places: frozenset[str]) -> bool:
    """A token that cannot stand inside a park's name: a stop word, a verb or function word, or a
    word glued to a particle (城等). A zone before a park inside it is part of its name
    (石家庄高新区生物医药产业园)."""
    t = tag(tok)
    return (
        tok in _STOP_WORDS
        or not (_proper(tok, places) or t in _NAME_TAGS or tok in _PARK_WORDS)
        or (t is None and tok[-1] in _GLUED and not known_word(tok))  # but 本溪中国药都 is a name
    )


def _anchored(tokens: Sequence[str], j: int, places: frozenset[str]) -> bool:
    """A word that would end a name but stands right after a place, or one name word after it,
    belongs to it (台州 湾 经济技术开发区, 亳州 现代 中药 创新 加速器); verbs and function words
    never do (广州 推动 …)."""
    tok = tokens[j]
    if tok in _STOP_WORDS or not is_chinese(tok) or tag(tok) in _NOT_INSIDE or tok[-1] in _GLUED:
        return False
    if tag(tok) == "t" and tok[-1] in "年月日天前后期时初底末":
        return False  # a time (今年, 近日), where 现代 and 未来 may name
    for k in (j - 1, j - 2):
        if k < 0:
            return False
        if tokens[k] in places or tag(tokens[k]) == "ns":
            return True
        if _stops(tokens[k], places):
            return False
    return False


def _field(tok: str, places: frozenset[str]) -> bool:
    """An industry's common noun (疫苗, 生物制品): no name, no place, no park."""
    return (
        is_chinese(tok)
        and tag(tok) in ("n", "vn")
        and tok not in places
        and tok not in _STOP_WORDS
        and not FORM_END.search(tok)
    )


def _proper(tok: str, places: frozenset[str]) -> bool:
    if not is_chinese(tok):
        return bool(re.fullmatch(r"[A-Z][A-Za-z\-]+", tok))
    if tok in _PARK_WORDS or tok in _FIELDS:
        return False  # 研发 (tagged as an abbreviation), 中医药 (as an organisation): they describe a park
    t = tag(tok)
    if t == "x" and len(tok) == 1:
        return True  # a character jieba's dictionary lacks is a name's (鹃湖国际科技城)
    if park_forms.PAIR.fullmatch(tok):
        return True  # 中意 生命健康产业园: the two countries of the park name it
    return (t is None and (tok[0] not in _FUNCTION_CHARS or known_word(tok))) or t in _PROPER_TAGS or tok in places


_FIELDS = INDUSTRY_WORDS | {"中医药", "蒙医药", "藏医药", "苗医药", "民族医药", "大健康"}


def _address(parts: Sequence[str], places: frozenset[str]) -> int:
    """How many leading parts are an address: places up to a full administrative name
    (佛山 三水区, 钱塘 区, 广州市 黄埔区)."""
    run = 0
    while run < len(parts) and (parts[run] in places or (run and parts[run] in _ADMIN_ENDINGS)):
        run += 1
    return next((k for k in range(run, 0, -1) if "".join(parts[:k]).endswith(_ADMIN_ENDINGS)), 0)


def _is_admin(tok: str, places: frozenset[str]) -> bool:
    """A full administrative name (广州市, 黄埔区): an address, where a short one (广州) names."""
    return tok.endswith(_ADMIN_ENDINGS) and tok in places
