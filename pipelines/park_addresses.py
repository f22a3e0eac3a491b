"""What stands before a park's name only to say where it is: a province, a municipality, a Special
Administrative Region, a city before a national title, a bare zone word. News writes 山东烟台开发区 and
北京中关村生命科学园 where the park is 烟台开发区 and 中关村生命科学园, yet 湖南浏阳经济技术开发区 and
上海张江高科技园区 are official names that keep theirs. Reading a name back from its form is
``pipelines.parks``.
"""

from __future__ import annotations

import re

from pipelines import places as gazetteer


def trimmed(text: str, start: int, end: int, places: frozenset[str]) -> tuple[int, int]:
    """A park's span without a bare zone word before it (高新区齐鲁医药健康产业园: "the zone's"
    park) and with the district in brackets after it (杭州高新区（滨江）)."""
    bare = BARE_ZONE.match(text, start, end)
    if bare and end - bare.end() >= 4 and text[bare.end() : bare.end() + 2] not in INDUSTRY_HEADS:
        start = bare.end()  # but 高新区生物医药产业园 keeps its zone: the rest names no park
    province = next((p for p in gazetteer.province_short_names() if text.startswith(p, start, end)), "")
    after = start + len(province)
    if (
        province
        and end - after >= 4
        and text[after] != "省"
        and text[after : after + 2] not in INDUSTRY_HEADS
        and (
            _short_zone_at(text, after, places)
            or (
                _city_at(text, after)
                and (
                    not (zone := _DESIGNATED.search(text, start, end))
                    or text[after : zone.end()] in gazetteer.zone_names()
                )
            )
        )
    ):
        start = after  # 海南三亚崖州湾科技城: the province says where; 宁夏平罗工业园区 is the name
    if (
        text.startswith(_SARS, start, end)
        and end - start >= 7
        and text[start + 2 : start + 4] not in INDUSTRY_HEADS
        and not _zone_branch(text, start, end)
    ):
        start += 2  # 香港将军澳创新园: the region says where; 香港科学园 is the name
    if text.startswith(_MUNICIPALITIES, start, end) and _zone_then_more(text, start + 2, end):
        start += 2  # 北京中关村生命科学园: the city says where the zone's park is
    city = next((k for k in range(2, 5) if text.startswith("中国", start + k, end) and _city_at(text, start)), 0)
    if city and 4 <= end - start - city <= 5 and text[start : start + city] in gazetteer.prefecture_names():
        start += city  # 泰州中国医药城: a national title (中国 and a field) names the park, the city says where
    m = _BRACKETED.match(text, end)
    return start, (m.end() if m and m.group(1).lower() in places else end)


def _zone_branch(text: str, start: int, end: int) -> bool:
    """A known zone's branch in another city (香港科学园深圳分园): the zone's whole name, then the branch's."""
    zones = gazetteer.zone_names()
    return any(text[start:k] in zones and _BRANCH.fullmatch(text, k, end) for k in range(start + 4, end - 3))


_BRANCH = re.compile(r"[\u4e00-\u9fff]{2,3}(?:分园|园区)")  # a known zone's branch in another city


def _short_zone_at(text: str, at: int, places: frozenset[str]) -> bool:
    """A place and the short form of its zone start at ``at`` (烟台开发区, 昆山高新区): news shortens the
    official name, so a province before it is the address (山东烟台开发区)."""
    return any(text[at : at + k] in places and text.startswith(_SHORT_ZONES, at + k) for k in range(2, 5))


_SHORT_ZONES = ("开发区", "高新区", "经开区")


def _zone_then_more(text: str, at: int, end: int) -> bool:
    """A known zone's short name starts at ``at`` and a name of its own follows (中关村 生命科学园, 张江
    科学城); 上海张江高科技园区 is a designation's official name, the city its part."""
    zones = gazetteer.zone_names()
    return any(
        text[at : at + k] in zones and end - at - k >= 2 and text[at + k : end] not in _DESIGNATIONS
        for k in range(2, min(8, end - at) + 1)
    )


_DESIGNATIONS = {"高科技园区", "高新技术产业开发区", "经济技术开发区", "国家自主创新示范区", "综合保税区"}
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


def _city_at(text: str, at: int) -> bool:
    """A prefecture-level city starts at ``at``: a zone named after its city (江西南昌小蓝经济技术开发区)
    has the province only as the address."""
    cities = gazetteer.prefecture_names()
    return any(text[at : at + k] in cities for k in range(2, 12))  # up to 克孜勒苏柯尔克孜自治州


# Zones designated by the state, whose official names start with their province: the park itself, or the
# zone before a park inside it (江西进贤经济开发区医疗器械科技产业园).
_DESIGNATED = re.compile("开发区|先行区|示范区|试验区|合作区")
_SARS = ("香港", "澳门")
BARE_ZONE = re.compile(r"(?:高新区|开发区|经开区|新区|园区|自贸区|片区)")
# fmt: off
INDUSTRY_HEADS = {"生物", "医药", "医疗", "健康", "生命", "产业", "创新", "科技", "中医", "器械", "中药", "藏医", "蒙医",
                   "苗医", "藏药", "蒙药", "苗药", "民族", "海洋", "数字", "智能", "现代", "绿色", "高端", "新兴", "未来"}
# fmt: on
_BRACKETED = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")
