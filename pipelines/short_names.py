"""Whether one name in an article is another's short form, so the two are one organisation: a company's
brand, a city platform's abbreviation, a hospital or school told without what it belongs to, an English
name's first words.
"""

from __future__ import annotations

import re

from pipelines.name_words import INVESTOR_ABBREVIATIONS
from pipelines.text import is_chinese


def told_short(a: str, b: str) -> bool:
    """One of two names tells the other short by abbreviation, by its unit alone or by its first English words."""
    rules = (abbreviates, unit_short, english_short, university_short)
    return any(rule(x, y) for rule in rules for x, y in ((a, b), (b, a)))


def shortens(short: str, name: str) -> bool:
    """A company's short name starts its full name's distinctive part (沃康 of 沃康生物制品, Mingjing
    of Jiangsu Mingjing Ophthalmic Technology): in one article the two are one company."""
    if is_chinese(short) and len(short) >= 4 and name[2:].startswith(short):
        return True  # after a zone's name the key keeps (横琴 澳康本草药业有限公司, 澳康本草)
    return len(short) >= (2 if is_chinese(short) else 4) and len(name) > len(short) and name.startswith(short)


def university_short(short: str, name: str) -> bool:
    """A university's unit told with the university abbreviated (澳大中华医药研究院 of 澳门大学中华医药研究院,
    天津医大总医院 of 天津医科大学总医院): the same unit, where 北大医院 is not 北京大学人民医院."""
    if not (is_chinese(short) and len(short) < len(name)):
        return False
    same = next((k for k in range(min(len(short), len(name)), 1, -1) if name.endswith(short[-k:])), 0)
    if not same or not short.endswith(_UNITS):
        return False
    head, university = short[:-same], name[:-same]
    if not head or not university.endswith("大学") or head[0] != university[0]:
        return False
    chars = iter(university)
    return all(char in chars for char in head)


_UNITS = ("学院", "研究院", "研究所", "医院", "中心")


def unit_short(short: str, name: str) -> bool:
    """A hospital, school or institute told without what it belongs to (协和医院 of 华中科技大学同济医学院附属协和医院,
    West China Hospital of West China Hospital of Sichuan University): in one article the two are one."""
    if len(short) >= len(name):
        return False
    if is_chinese(short):
        return len(short) >= 4 and name.endswith(short) and short.endswith(("医院", "学院", "研究所", "研究院"))
    return bool(_EN_UNIT.search(short)) and name.startswith(short) and name[len(short) :].startswith((", ", " of "))


_EN_UNIT = re.compile(r"\b(?:Hospital|School|College|Institute|Cent(?:er|re)|Laboratory)\b")


def english_short(short: str, name: str) -> bool:
    """A company told by the first words of its English name (JD Health of JD Health International Inc.,
    Hillhouse of Hillhouse Investment) - never a university's or an academy's name before its unit."""
    return (
        not is_chinese(short)
        and name.startswith(short + " ")
        and not _EN_INSTITUTION.search(name)
        and not re.search(r"\b(?:of|and|&)\b|\(", name[len(short) :])  # … (China) Ltd.: a country's unit
    )


_EN_INSTITUTION = re.compile(r"\b(?:University|Hospital|College|Institute|Academy|School|Cent(?:er|re)|Laboratory)\b")


def abbreviates(short: str, name: str) -> bool:
    """A city's platform told by its place and an abbreviation (湘潭城投, 许昌产投集团) is the registered
    name with that place whose words the abbreviation takes in order (湘潭市城市建设投资经营有限公司); so
    is a brand's (昌源产投 of 北京昌源产业投资有限公司, its city's name before the brand)."""
    m = _ABBREVIATED.fullmatch(short)
    if m is None or not name.endswith(("公司", "集团")):
        return False
    at = next((k for k in (0, 2, 3) if name.startswith(m[1], k)), None)  # 北京, 黑龙江: a place before it
    if at is None:
        return False
    rest = iter(name[at + len(m[1]) :])
    return all(char in rest for char in m[2])


_ABBREVIATED = re.compile(f"([\u4e00-\u9fff]{{2,4}}?)({'|'.join(INVESTOR_ABBREVIATIONS)})(?:集团|公司)?")
