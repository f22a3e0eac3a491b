"""Where an English organisation's name ends after its own words: the entity it names in brackets (Goldman Sachs
(Asia) L.L.C.), a regional unit (Morgan Stanley Asia), its legal form (… LLP) or a university's campus
(Harbin Institute of Technology, Weihai).
"""

from __future__ import annotations

import re

_EN_BRANCH = re.compile(
    r" \(((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})\)(?: (?:Company Limited|Company|Co\., Ltd\.|Limited|L\.L\.C\.|LLC|Inc\.))?"
)
# What a bracket after a name says of the entity (China Life Insurance (Group) Company, Goldman Sachs (Asia)).
_EN_ENTITY_WORDS = {"group", "holdings", "asia", "china", "east china", "international", "asia pacific", "overseas"}


def entity_end(text: str, end: int, places: frozenset[str]) -> int:
    """The end of a name with the entity it names in brackets after it, and that entity's legal form
    (Gangkang Biotech (Guangzhou), Goldman Sachs (Asia) L.L.C.), or the region right after it (Morgan Stanley
    Asia): the city or region is in its name."""
    branch = _EN_BRANCH.match(text, end)
    if branch and (branch.group(1).lower() in places or branch.group(1).lower() in _EN_ENTITY_WORDS):
        return branch.end()
    unit = _EN_UNIT.match(text, end)
    if unit and (unit.group(1).lower() in places or unit.group(1).lower() in _EN_ENTITY_WORDS):
        return unit.end()  # Morgan Stanley Asia, Nestle China, China Telecom Shanghai: a regional unit's name
    if not _ENDS_LEGAL.search(text, 0, end) and (legal := _LEGAL_AFTER.match(text, end)):
        return legal.end()  # Davis Polk & Wardwell LLP: a known name with its legal form
    campus = _CAMPUS.match(text, end)
    if campus and _UNIVERSITY_END.search(text, 0, end) and campus.group(1).lower() in places:
        return campus.end(1)  # Harbin Institute of Technology, Weihai: a campus's official name
    return end


_EN_UNIT = re.compile(r" (Asia Pacific|East China|[A-Z][a-z]+)(?![A-Za-z\-'’]| [A-Z(])")
_ENDS_LEGAL = re.compile(r"(?:Ltd\.?|Limited|Inc\.?|LLP|LLC|AG|GmbH|plc|PLC)$")
_LEGAL_AFTER = re.compile(r",? (?:LLP|LLC|Inc\.|Ltd\.|Limited|AG|GmbH|plc|PLC|Co\., Ltd\.)(?![A-Za-z])")
_CAMPUS = re.compile(r", ([A-Z][a-z]+)(?= (?!district|city|county|province|area|zone|new)[a-z])")
_UNIVERSITY_END = re.compile(r"(?:University|Institute of Technology)$")
