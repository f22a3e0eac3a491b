"""English park names by their form: capitalised words before a kind of park ("Yundonghai
Biomedical Industry Park", "Zhangjiang Science City"). The Chinese reading is ``pipelines.parks``.
"""

from __future__ import annotations

import re

from pipelines import places as gazetteer
from pipelines.english_organizations import HEADLINE_VERBS

_EN_MODIFIER = (
    r"(?:Industrial|Industry|Bio-industry|Bioindustry|Biotech|Biotechnology|Biomedical|Biomedicine|Biopharmaceutical|"
    r"Pharmaceutical|Pharma|Medical|Medicine|Health|Healthcare|Science|Sciences|Technology|Tech|"
    r"Hi-Tech|High-Tech|Hi-tech|High-tech|Innovation|Development|Trade|Pilot|Demonstration|"
    r"Cooperation|Bonded|Economic|Economy|Knowledge|New|Bio|Biopharma|Biological|Ecological|Eco|Special|"
    r"Sci-Tech|Sci-tech|Experimental|Comprehensive|Integrated|Agricultural|Port|Software|Logistics|Processing|"
    r"Chemical|Aviation|Device|Devices|TCM|Healthtech|HealthTech|Investment|Concentration)"
)
_EN_KIND = r"(?:Parks?|Zone|Estates?|City|Town|Base|Port Area|Port|Valley|Island|Area|Incubator|Accelerator|Hub|Innovation Cent(?:er|re))"
# One-word kinds that carry their own field (Tianfu International Biotown, Optics Valley Biolake, Sino-German Ecopark).
_EN_BIO_KIND = r"(?:Bio-?(?:[Tt]own|[Cc]ity|[Pp]ark|[Vv]alley|[Ii]sland|[Bb]ay|[Hh]ub)|Biolake|Medicity|MediCity|InnoPark|Technopole|Eco-?[Pp]ark)"
# China (Shanghai) Pilot Free Trade Zone: the province in brackets is part of a national name.
_INITIALS = r"(?:ETDZ|EDZ|HTZ|HIDZ|HTDZ|FTZ|NHTZ)"
_EN_NAME_WORD = (
    rf"(?!{_INITIALS}\b(?! [A-Z]))"  # Anqing ETDZ is _EN_INITIALS' name; Urumqi ETDZ Medical Device Industrial Park is one
    r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:['’][a-z]+)?(?:-[A-Z]?[a-z]+|-[A-Z]{2,})*|[A-Z]-[a-z]+|[A-Z]{2,}[a-z]*|[A-Z][0-9]+|[A-Z](?= )|"
    r"\([A-Z][a-z]+\))"
)
_EN_PARK = re.compile(
    rf"(?<![A-Za-z\-])((?:{_EN_NAME_WORD} )(?:(?:{_EN_NAME_WORD}|and|&) ){{0,6}}?)({_EN_MODIFIER}[ \-]{_EN_KIND}|{_EN_BIO_KIND}"
    rf"|{_EN_MODIFIER.lower()} {_EN_KIND.lower()})(?![A-Za-z\-])"
)
# A park inside the one just named, written straight after it (Nanjing Jiangbei New Area Biopharma
# Valley, China (Shanghai) Pilot Free Trade Zone Lingang Special Area): one name, as in Chinese.
_EN_INNER = re.compile(
    rf" (?:{_EN_NAME_WORD} (?:(?:{_EN_NAME_WORD}|and|&) ){{0,3}}?)?{_EN_MODIFIER}[ \-]{_EN_KIND}(?![A-Za-z\-])"
)
_EN_FTZ_AREA = re.compile(r" [A-Z][a-z]+ (?:Area|Section)(?![A-Za-z\-])")
# Valleys named for the nation's industry (China Eye Valley, China Computing Valley), as in Chinese.
_EN_CHINA_VALLEY = re.compile(r"(?<![A-Za-z\-])China [A-Z][a-z]+ Valley(?![A-Za-z\-])")
# A part of a zone named before it (Urumqi Area of the China (Xinjiang) Pilot Free Trade Zone).
_EN_PART_OF = re.compile(
    rf"((?:(?!{_EN_MODIFIER} ){_EN_NAME_WORD} ){{1,3}}(?:Special |New )?(?:Area|Park|Section) of (?:the )?)$"
)
# Zones known by their initials (Anqing ETDZ, Suzhou HIDZ).
_EN_INITIALS = re.compile(rf"(?<![A-Za-z\-])((?:{_EN_NAME_WORD} ){{1,3}}{_INITIALS})(?![A-Za-z])")
# fmt: off
_EN_LEADING = {"The", "A", "An", "Another", "Other", "Each", "Every", "I", "In", "At", "On", "Of", "From", "To", "And", "By", "With", "For", "Its",
               "State-level", "National-level", "National", "Provincial", "Provincial-level",
               "This", "That", "Chinese", "China's", "New", "Local", "Both", "Nearby", "Inside", "Near"}
# fmt: on


def by_form(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """ "Yundonghai Biomedical Industry Park", "Boao Lecheng pilot zone": capitalised words
    before a kind of park; a lower-case kind only after a name that is not just a place. A park
    inside a zone and named with it is one name, in the fullest form the text uses."""
    if not re.search(r"[A-Z]", text):
        return []
    found = []
    for m in _EN_PARK.finditer(text):
        start, end = m.start(1), m.end(2)
        words = m.group(1).split()
        if verb := next((k for k in range(len(words) - 1, -1, -1) if words[k] in HEADLINE_VERBS), None):
            start += sum(len(w) + 1 for w in words[: verb + 1])  # Xiamen Opens …: a title-case headline's verb
            words = words[verb + 1 :]
        while words and _leading(words[0]):
            start += len(words.pop(0)) + 1
        while owner := next((k for k in range(len(words) - 1, -1, -1) if _POSSESSIVE.search(words[k])), None):
            start += sum(len(w) + 1 for w in words[: owner + 1])  # a zone's park: Guangzhou Development District's …
            words = words[owner + 1 :]
        if not any(not re.fullmatch(_EN_MODIFIER, w) for w in words):
            continue  # "Biomedical Industry Park" alone is a kind of park, not one
        while not m.group(2).islower() and (inner := _EN_INNER.match(text, end)):
            end = inner.end()
        if text.endswith("Free Trade Zone", start, end) and (area := _EN_FTZ_AREA.match(text, end)):
            end = area.end()  # China (Guangdong) Pilot Free Trade Zone Nansha Area: one of its areas
        if end == m.end(2) and m.group(2) == "New Area" and _district(words):
            continue  # (Shanghai) Pudong New Area is a district; Zhenjiang New Area is a zone
        if m.group(2).islower() and all(w.lower() in places for w in words):
            continue  # "a Guangzhou industrial park" names none
        if _STATION.match(text, end) or " Station " in text[start:end]:
            continue  # Bio-City Station: a stop named after the park
        if part := _EN_PART_OF.search(text, max(0, start - 60), start):
            lead = part.group(1).split()
            start = part.start() + sum(
                len(w) + 1 for w in lead[: next(i for i, w in enumerate(lead) if not _leading(w))]
            )
        found.append((start, end))
    found = _joined_of(text, found)
    found += [owned.span(1) for _, e in found if (owned := _EN_OWNED_PARK.match(text, e))]
    found += [m.span() for m in _EN_CHINA_VALLEY.finditer(text)]
    for m in _EN_INITIALS.finditer(text):
        words = m.group(1).split()
        lead = next(i for i, w in enumerate(words) if not _leading(w))  # the initials themselves never lead
        if lead < len(words) - 1:
            found.append((m.start(1) + sum(len(w) + 1 for w in words[:lead]), m.end(1)))
    return found


_STATION = re.compile(r" (?:(?:North|South|East|West|Central) )?Station\b")
# A park's own park, named by its place in lower case (Central Taiwan Science Park's Houli park).
_EN_OWNED_PARK = re.compile(r"['’]s ([A-Z][a-z]+ park)\b")


def _joined_of(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A park "of" the zone named right after it (Daxing Biomedicine Industry Base of Zhongguancun Science
    Park) is one name, as news writes it in Chinese (中关村科技园区大兴生物医药产业基地); "of the" says
    where a park with a name of its own lies (Jinan Innovation Valley of the Jinan High-tech Zone): two."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and text[out[-1][1] : s] == " of ":
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _leading(word: str) -> bool:
    """An article or a place that owns the park (Tianjin's): before a park's name, not in it."""
    return word in _EN_LEADING or bool(_POSSESSIVE.search(word))


_POSSESSIVE = re.compile(r"['’]s$")


def _district(words: list[str]) -> bool:
    named = " ".join(words).lower()
    return any(named == d or named.endswith(" " + d) for d in gazetteer.new_area_districts())
