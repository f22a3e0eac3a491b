"""The forms park names end in (…产业园, …科学城, …药谷), and the names a shape marks whole rather
than a form read back to its name's start: national titles with a place in brackets, China's
valleys of an industry, a city's park hosted by another city, a city's "international" town or
port, a name quoted after its place, a park of two countries. Reading names back from their forms is ``pipelines.parks``.
"""

from __future__ import annotations

import re

from pipelines.text import Segmented

# Forms a park name ends in, longest first where one ends another. 基地 alone is usually a
# company's plant (生产基地, 广州基地), so only an industry's base counts; 园区 alone is usually
# "the park" of the story, so only a kind of park counts.
# fmt: off
FORMS = ("产业园区", "产业园", "工业园区", "工业园", "科技园区", "科技园", "科学园", "医学园区", "医学园",
         "医药园", "产业基地", "生物医药基地", "产业加速器", "科学城", "科技城", "生物城", "医学城", "医药城",
         "健康城", "生态城", "药谷", "医谷", "生物谷", "医药港", "生物港", "创新港", "生物岛", "小镇", "先行区", "试验区",
         "示范区", "合作区", "特别合作区", "开发区", "经开区", "高新区", "新片区", "新区", "自贸区", "保税区", "科创园", "创新园",
         "创新城", "生命谷", "产业新城", "器械园", "智造园", "软件园", "创业园", "孵化园", "健康园", "生物园",
         "集聚区", "孵化器", "加速器", "孵化港", "健康港", "产业港", "创新区", "示范基地", "实验区", "产业片区",
         "自贸片区", "综保区",
         "保税港区", "航空港区", "高新园区", "集中区", "合作园", "中试基地", "聚集区", "经济园区", "台商投资区", "临空经济区",
         "空港经济区", "健康谷", "细胞谷", "基因谷", "器械谷", "医疗谷", "孵化基地", "科学园区", "生技园区", "生医园区",
         "医药园区", "创新中心", "智造新城", "科创新城", "化工园区", "化工园", "化工基地", "技术园区", "药港", "器械城", "科创城",
         "科创港", "产业社区", "先导区", "物流园区", "物流园", "总部基地", "中药城", "中医药城", "芯谷", "智谷", "数谷", "氢谷", "美谷", "康谷",
         "工业邨", "工业区", "药镇", "基金小镇", "加工园", "孵化中心", "科技谷", "科创谷", "创新谷", "医学谷", "药械谷", "科技新城", "工贸园区", "工贸园")
# fmt: on
_ANY_FORM = "(?:" + "|".join(sorted(FORMS, key=len, reverse=True)) + ")"
FORM_END = re.compile(_ANY_FORM + "$")
FORM = re.compile(_ANY_FORM)
# A bay, lake, hill or island names what stands on it (金砂湾工业园), whatever jieba tags its parts.
FEATURE = re.compile(r"[\u4e00-\u9fff]{1,3}[湾湖山岛洲河江](?![\u4e00-\u9fff]{0,2}(?:生物|医药|健康|产业))")
# What a zone's branch or area ends in, after the place it is named for (顺德园, 宜兰园区, 南宁片区, 深圳分园).
BRANCHES = ("园区", "片区", "核心区", "分园", "园")
# The partner in a park of two countries (中德, 中新, 中老, 中马…).
_PARTNERS = "[老马新德韩日以白俄法意奥瑞荷比欧英美澳泰越柬缅印巴哈吉乌塔蒙]"
# Two or three provinces or cities told by their one-character names (深港, 闽台, 川渝, 粤港澳): a place.
REGION_PAIR = re.compile("[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔滇陕甘陇青藏桂蒙港澳台深穗汕]{2,3}")
# National names with the province or city in brackets: 中国（广西）自由贸易试验区南宁片区, 中国（绵阳）科技城,
# a region's (西部（重庆）科学城), and parks of two countries named the same way (中德（沈阳）高端装备制造产业园).
_NATIONAL = re.compile(
    rf"(?:中(?:国|{_PARTNERS})|长三角|粤港澳|京津冀|成渝|海峡两岸|[东西中]部)[(（][\u4e00-\u9fff]{{2,3}}[)）]"
    rf"(?:自由贸易(?:试验区|港)(?:[\u4e00-\u9fff]{{2,10}}?片区)?|[\u4e00-\u9fff]{{0,8}}?{_ANY_FORM})"
)
# A city's park in another city, the host in brackets (深圳（哈尔滨）产业园区, 北京（曹妃甸）现代产业发展试验区).
_HOSTED = re.compile(r"[(（]([\u4e00-\u9fff]{2,4})[)）][\u4e00-\u9fff]{0,8}?" + _ANY_FORM)
# Valleys named for the nation's industry (中国药谷, 中国牙谷, 中国声谷); not grain, gorges or nicknames.
_CHINA_VALLEY = re.compile(r"中国[^稻低峡山深幽硅河溪\W\d\sA-Za-z]谷(?![物底子歌雨])")

# A base the state designated for an industry (国家健康科技产业基地, 国家生物产业基地), named with or without
# its city; 国家级 describes a rank, not a name.
_NATIONAL_BASE = re.compile(r"(?<!级)国家(?!级)[^\W\d的和与及等、A-Za-z]{2,8}?产业基地")


def shaped(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the park names a shape marks whole (see the module's docstring)."""
    found = [m.span() for m in _NATIONAL.finditer(text)]
    found += [m.span() for m in _CHINA_VALLEY.finditer(text) if not _NICKNAMED.match(text, m.end())]
    found += [m.span() for m in _NATIONAL_BASE.finditer(text)]
    found += [m.span() for m in _BILATERAL_ECO.finditer(text) if m.group(1) in places or not m.group(1)]
    return found + _hosted(text, places) + _international(text, places) + _quoted(text, places)


def _hosted(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    found = []
    for m in _HOSTED.finditer(text):
        pair = next((k for k in (3, 2) if REGION_PAIR.fullmatch(text, max(0, m.start() - k), m.start())), 0)
        if (city := _place_before(text, m.start(), places) or pair) and m.group(1) in places:
            found.append((m.start() - city, m.end()))  # 闽台（福州）蓝色经济产业园: the pair hosted in 福州
    return found


def _place_before(text: str, at: int, places: frozenset[str]) -> int:
    """How many characters of a place's name end at ``at`` (the longest of two to five), or 0."""
    return next((k for k in range(5, 1, -1) if k <= at and text[at - k : at] in places), 0)


def co_built_start(text: str, start: int, places: frozenset[str], zones: frozenset[str] = frozenset()) -> int:
    """Where a park two cities (or a zone and a city) build starts, the partner and a middle dot before
    the host (北京·沧州渤海新区生物医药产业园, 深圳·汕尾特别合作区, 亦庄·永清高新技术产业开发区): one name."""
    if start > 2 and text[start - 1] in "·•・" and (k := _place_before(text, start - 1, places | zones)):
        return start - 1 - k
    return start


def bilateral_start(seg: Segmented, start: int, places: frozenset[str]) -> int:
    """Where a park of two countries starts whose name puts the pair before its place (中马钦州产业园区,
    中老磨憨—磨丁经济合作区, 中白工业园): 中 and the partner's first character are the name's."""
    text = seg.text
    if m := _PAIR_ACROSS.search(text, max(0, start - 9), start):
        return m.start()  # 中老磨憨—磨丁…: two border towns joined by a dash
    if text.endswith("中国", 0, start) and _COUNTRY_ACROSS.match(text, start):
        return start - 2  # 中国东兴—越南芒街…: each town after its country
    if start and text[start - 1] == "中" and PAIR.match(text, start - 1):
        return start - 1  # 中 / 俄 跨境…: jieba cut the pair, the partner read as the name's start
    k = start - 2
    if (
        k in seg.token_starts
        and PAIR.fullmatch(text, k, start)
        and any(text[start : start + n] in places for n in (2, 3))
    ):
        return k
    return start


PAIR = re.compile("中" + _PARTNERS)
_COUNTRY_ACROSS = re.compile(
    "[\u4e00-\u9fff]{2,4}[—－–-](?:越南|老挝|缅甸|俄罗斯|蒙古|哈萨克斯坦|吉尔吉斯斯坦|朝鲜|尼泊尔|巴基斯坦)"
)
# An eco-park two countries build (中德生态园, 中意宁波生态园): a park, where a place's 生态园 is mostly a garden.
_BILATERAL_ECO = re.compile(PAIR.pattern + r"([\u4e00-\u9fff]{2,3})??生态园")
_PAIR_ACROSS = re.compile(PAIR.pattern + "[\u4e00-\u9fff]{2,4}[—－–-]$")


def _quoted(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """A park's name in quotes right after the place or zone it lies in, or after 位于 (崂山区的“蓝色药谷”,
    海口国家高新区的「海口药谷」): the quotes say it is a name. A quoted slogan or nickname (打造“中医药
    硅谷”, 素有“中国钛谷”之称) has no place before it."""
    found = []
    for m in _QUOTED.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].removesuffix("的")
        located = before.endswith(_LOCATING) or FORM_END.search(before) or _place_before(before, len(before), places)
        if located and FORM_END.search(m.group(1)) and not FORM.fullmatch(m.group(1)):
            found.append(m.span(1))
    return found


def nicknamed(text: str, start: int, end: int) -> bool:
    """The name between ``start`` and ``end`` is quoted as a place's nickname (素有“中国医药城”之称)."""
    return start > 0 and text[start - 1] in '“「"' and bool(_NICKNAMED.match(text, end))


_NICKNAMED = re.compile(r"[”」\"]?(?:之称|的称号|称号|之誉|的美誉|美誉)")
_QUOTED = re.compile(r"[“「\"]([\u4e00-\u9fff]{2,12})[”」\"](?!之称|之一|站|称号|的称号|之誉|的美誉|美誉)")
_LOCATING = ("位于", "落户", "入驻", "坐落于", "地处")


def _international(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """A city's "international" town, port or island (日照国际海洋城, 怀化国际陆港, 青岛国际院士港): a zone
    named the way a city names its flagship park, whatever its field."""
    found = []
    for m in _INTERNATIONAL.finditer(text):
        if city := _place_before(text, m.start(), places):
            found.append((m.start() - city, m.end()))
    return found


_INTERNATIONAL = re.compile(
    r"国际(?!金融|贸易|商贸|旅游|机场)[\u4e00-\u9fff]{1,3}?[城港岛](?![\u4e00-\u9fff]{0,2}(?:证券|公司|集团|银行))"
)
