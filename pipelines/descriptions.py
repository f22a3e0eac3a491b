"""Words before a name's form that describe rather than name: a count (一座康复医院, 两所大学), where,
how many and what kind (欧洲多国医院, 全国哨点医院, 欧美医疗), and the city a brand is in (武汉 翎泰生物).
Read by ``pipelines.chinese_organizations``.
"""

from __future__ import annotations

import bisect
import re

from pipelines.text import Segmented, tag


def counted(seg: Segmented, start: int, form_start: int) -> bool:
    """A word or two right after a number and a measure word (一座康复医院, 两所大学) say what kind of
    place it is, not which."""
    k = bisect.bisect_right(seg.token_starts, start) - 1
    if seg.token_starts[k] == start and len(seg.tokens[k]) == 2 and seg.tokens[k][0] in _NUMERALS:
        return seg.tokens[k][1] in _MEASURES  # 两校 / 医学院: a number glued to its measure word
    if k < 1 or seg.token_starts[k] != start or form_start - start > 2:
        return False
    before = seg.tokens[k - 1]
    if before in _MEASURES and k > 1 and (seg.tokens[k - 2].isdigit() or tag(seg.tokens[k - 2]) == "m"):
        return True
    return tag(before) in {"m", "mq"} and before[-1] in _MEASURES


_MEASURES = set("座所家个间栋校")
_NUMERALS = set("两三四五六七八九十多各")


def peoples_medicine(head: str) -> bool:
    """A people's medicine (彝族医药, 苗侗医药, 维吾尔医药) is a tradition, not a maker."""
    return bool(_PEOPLES.fullmatch(head))


_PEOPLES = re.compile(
    "(?:(?:维吾尔|哈萨克|土家|布依|纳西|哈尼|傈僳|景颇|朝鲜|藏|蒙|苗|侗|壮|瑶|彝|傣|畲|黎|羌)族?|白族)+"
)


# A body's level inside a name (山西省级国有资本运营公司, 申报省级重点实验室) says what kind it is, not which one.
LEVELLED = re.compile("[省市县区]级")


def described_only(head: str, places: frozenset[str]) -> bool:
    """Hospitals or makers told by where they are, how many or what kind (欧洲多国医院, 江西两省部分医院,
    全国哨点医院, 欧美医疗, 东北医院, 台湾医院) are no one's name; a city alone still is one (北京医院)."""
    i, kind = 0, False
    while i < len(head):
        if m := _DESCRIBED.match(head, i):
            i, kind = m.end(), True
        elif place := next((p for p in (head[i:k] for k in range(len(head), i + 1, -1)) if p in places), None):
            i += len(place)
        else:
            return False
    return kind


_DESCRIBED = re.compile(
    "欧美|欧洲|北美|海外|境外|国外|国内|中国大陆|大陆|内地|[疆省区市县]?内|全国|全省|全市|各地|各级|各|部分|多国|多家|多地|[两三四五]省|"
    "东北|西北|华北|华东|华南|华中|西南|东南亚|中东|东盟|美国|日本|韩国|德国|英国|法国|台湾|香港|澳门|"
    "哨点|新开|新建|综合|基层|公立|民营|三甲|二甲|定点|试点|合作|签约|社区|县级|市级|省级"
)


def unnamed_facility(name: str, places: frozenset[str]) -> bool:
    """A lab or centre named only by the work done in it (安全性评价实验室, 组培实验室, 质量标准研究中心): a
    facility, no organisation - unless a place, an owner or the parties of a joint lab name it
    (湖北省…重点实验室, 协和—布伦瓦尔德…联合实验室)."""
    if not _FACILITY.search(name) or "—" in name or "-" in name or _OWNER.search(name):
        return False
    return not any(name[:k] in places for k in range(2, min(len(name), 5)))


_FACILITY = re.compile(
    "(?:评价|研究|标准|检测|测试|研发|工艺|中试|分析|品管|组培|质控|验证|试验|评估|检验|开发|诊断)(?:联合)?(?:重点)?"
    "(?:实验室|研究中心|研发中心)$"
)
_OWNER = re.compile("大学|学院|医院|研究院|研究所|公司|集团|药业|制药|生物|医药|医疗|[省市县区]")


# A brand's fields after which a city before the brand only says where it is (武汉 翎泰生物, 苏州 岱麟医疗),
# where a maker's (江苏暨阳生物制药, 合肥兆科药业) keeps it as its registered names do.
_BRAND_FIELDS = ("生物", "医疗", "医药", "基因", "诊断", "大药房", "药房")


def _registered(text: str, head: str) -> bool:
    """The article names the company in full with the same start (苏州岫源生物 and 苏州岫源生物技术有限公司):
    its city is then part of its name, not where it is."""
    at = text.find(head)
    while at != -1:
        if _REGISTERED_TAIL.match(text, at + len(head)):
            return True
        at = text.find(head, at + 1)
    return False


_REGISTERED_TAIL = re.compile(r"[\u4e00-\u9fff]{0,12}?有限(?:责任)?公司")


def after_place(head: str, places: frozenset[str]) -> str:
    """``head`` without the place it starts with (全州 傣): what the place names."""
    return next((head[k:] for k in range(len(head) - 1, 1, -1) if head[:k] in places), head)


def brand_after_city(text: str, start: int, form_start: int, form: str, places: frozenset[str]) -> int:
    """Where a brand told with its field starts when a city stands before it (武汉 翎泰生物, 深圳市 嘉衡大药房):
    the city says where the company is, unless the article's registered name starts with it too."""
    head = text[start:form_start]
    if form not in _BRAND_FIELDS or _registered(text, head):
        return start
    return start + len(head) - len(after_place(head, places))
