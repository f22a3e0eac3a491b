"""English park names by their form: capitalised words before a kind of park ("Yundonghai
Biomedical Industry Park", "Zhangjiang Science City"). The Chinese reading is ``pipelines.parks``.
"""

from __future__ import annotations

import re

_EN_MODIFIER = (
    r"(?:Industrial|Industry|Biotech|Biotechnology|Biomedical|Biomedicine|Biopharmaceutical|"
    r"Pharmaceutical|Pharma|Medical|Medicine|Health|Healthcare|Science|Sciences|Technology|Tech|"
    r"Hi-Tech|High-Tech|Hi-tech|High-tech|Innovation|Development|Trade|Pilot|Demonstration|"
    r"Cooperation|Bonded|Economic|Economy|Knowledge|New|Bio|Biopharma|Biological|Ecological|Eco|Special)"
)
_EN_KIND = r"(?:Parks?|Zone|City|Town|Base|Port|Valley|Island|Area|Incubator|Accelerator|Hub)"
# China (Shanghai) Pilot Free Trade Zone: the province in brackets is part of a national name.
_EN_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’][a-z]+)?(?:-[A-Z]?[a-z]+)?|[A-Z]{2,}[a-z]*|\([A-Z][a-z]+\))"
_EN_PARK = re.compile(
    rf"(?<![A-Za-z\-])((?:{_EN_NAME_WORD} )(?:(?:{_EN_NAME_WORD}|and|&) ){{0,6}}?)({_EN_MODIFIER}[ \-]{_EN_KIND}"
    rf"|{_EN_MODIFIER.lower()} {_EN_KIND.lower()})(?![A-Za-z\-])"
)
# fmt: off
_EN_LEADING = {"The", "A", "An", "In", "At", "On", "Of", "From", "To", "And", "By", "With", "For", "Its",
               "State-level", "National-level", "National", "Provincial", "Provincial-level",
               "This", "That", "Chinese", "China's", "New", "Local", "Both", "Nearby", "Inside", "Near"}
# fmt: on


def by_form(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """ "Yundonghai Biomedical Industry Park", "Boao Lecheng pilot zone": capitalised words
    before a kind of park; a lower-case kind only after a name that is not just a place."""
    if not re.search(r"[A-Z]", text):
        return []
    found = []
    for m in _EN_PARK.finditer(text):
        start, end = m.start(1), m.end(2)
        words = m.group(1).split()
        while words and (words[0] in _EN_LEADING or re.search(r"['’]s$", words[0])):
            start += len(words.pop(0)) + 1  # the article, or a place that owns the park (Tianjin's)
        if not any(not re.fullmatch(_EN_MODIFIER, w) for w in words):
            continue  # "Biomedical Industry Park" alone is a kind of park, not one
        if all(w.lower() in places for w in words) and (m.group(2).islower() or m.group(2) == "New Area"):
            continue  # "a Guangzhou industrial park" names none; Pudong New Area is a district
        found.append((start, end))
    return found
