"""What reads like a park and is not one: a company's own site or base, a project's unplaced base, an
industry's concentration told by its field, a list's title, an aim, a former name. ``pipelines.parks``
finds names by their form and asks this which of them to drop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines import park_forms
from pipelines import places as gazetteer
from pipelines.park_addresses import BARE_ZONE, INDUSTRY_HEADS
from pipelines.park_forms import FEATURE
from pipelines.text import tag, tokens


def ruled_out(
    text: str, start: int, end: int, places: frozenset[str], organisations: Sequence[tuple[int, int]]
) -> bool:
    """The park name at ``text[start:end]`` is no park (see the module's docstring)."""
    name = text[start:end]
    return (
        _company_base(text, start, end, organisations)
        or _unplaced_base(name, places)
        or _described_cluster(name)
        or _former(text, start)
        or bool(_AIMED.search(text, max(0, start - 4), start))
        or _own_use(text, start, end)
        or bool(_RENAMED.match(text, end))
    )


# A park's old name before its new one in brackets (大埔工业邨（现称大埔创新园）): the article's park is the new one.
_RENAMED = re.compile(r"[（(](?:现称|今称|现名|现已更名为)")
# What a city sets out to build up or plans (打造晋南生物医药产业集聚区, 谋划…) is an aim, not yet a park.
_AIMED = re.compile(r"(?:打造[成为]?|谋划|规划|筹划|力争)$")


def _own_use(text: str, start: int, end: int) -> bool:
    """A company's self-built park for its own use (企业自建的“钧康本草中药大健康产业园”项目，该项目全部由
    企业自用) is its production site, however it is named."""
    after = text[end : end + 20].split("。")[0]
    return "自建" in text[max(0, start - 8) : start] or "自用" in after


def _former(text: str, start: int) -> bool:
    """A park's former name (元朗创新园（前称元朗工业邨）, …经济开发区（原托克托工业园区）, "formerly the Yuen
    Long Industrial Estate") is the park the article already named, not another."""
    return bool(_FORMER_BEFORE.search(text, max(0, start - 24), start))


_FORMER_BEFORE = re.compile(
    r"(?:前称|原称|原名|旧称|曾称|前身为|前身是|[(（]原|\bformerly(?: known as| called)?(?: the)?\s?)$"
)


def _described_cluster(name: str) -> bool:
    """A concentration of an industry named by its field alone, after a province or a bare zone word at
    most (浙江医药产业集聚区, 新区数据中心集聚区, 新区医疗器械产业片区), describes where firms gather, and so
    does any kind of park after a province's full name (浙江省生命健康特色产业园: a title parks are listed
    under); a county's (郸城县产业集聚区) or a named one (珠西新材料集聚区) is a zone."""
    province = next((p for p in gazetteer.province_short_names() if name.startswith(p)), "")
    titled = province and name.startswith(province + "省")  # 广东省生物医药特色产业园区: a list's title
    form = next((f for f in (park_forms.FORMS if titled else _CLUSTER_FORMS) if name.endswith(f)), None)
    if form is None:
        return False
    rest = re.sub("^省级?", "", name[len(province) : -len(form)])
    rest = rest[bare.end() :] if (bare := BARE_ZONE.match(rest)) else rest
    return rest[:2] in INDUSTRY_HEADS or all(tag(w) in ("n", "vn") for w in tokens(rest))


_CLUSTER_FORMS = ("集聚区", "聚集区", "产业片区")


def _unplaced_base(name: str, places: frozenset[str]) -> bool:
    """A pilot, demonstration or incubation base with no place in its name is a project's own
    (丁肝抗体药物中试基地), where 北京大兴生物医药中试基地 is a park."""
    if not name.endswith(_PROJECT_BASES) or FEATURE.search(name):
        return False  # 武陵山…示范基地: a mountain range names a place too
    zones = gazetteer.zone_names()
    if park_forms.REGION_PAIR.fullmatch(name[:2]):
        return False  # 深港生物医药中试基地: two places name it
    return not any(
        name[i:j] in places or name[i:j] in zones
        for i in range(len(name))
        for j in range(i + 2, min(len(name), i + 8) + 1)
    )


_PROJECT_BASES = ("中试基地", "示范基地", "孵化基地")


def _company_base(text: str, start: int, end: int, organisations: Sequence[tuple[int, int]]) -> bool:
    """A base named after the company that builds it (金域医学精准医学产业基地) is its own site, no park."""
    return text.endswith("基地", start, end) and any(a == start and b < end for a, b in organisations)
