"""English organisation names by their form: a company or institution suffix (… Co., Ltd.,
… Group, … Therapeutics, … AG) after capitalised words, or "University of …" and the like.

The Chinese reading and the known names are ``pipelines.organizations``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipelines import pinyin
from pipelines.english_name_ends import entity_end
from pipelines.text import is_chinese

# Fields that end a registered name only after its place and brand (``_names_a_maker``).
# fmt: off
_FIELD_SUFFIXES = ("Consulting", "Electronics", "Robotics", "Medicines", "Biomaterials", "Imaging", "Innovations",
                   "Solutions", "Equipment", "Materials", "Optics", "Photonics", "Optoelectronics", "Logistics",
                   "Chemicals", "Chemical", "Machinery", "Automation", "Packaging", "Orthopaedics", "Orthopedics",
                   "Surgical", "Dental", "Nutrition", "Cosmetics", "Semiconductor", "Semiconductors", "Apparatus",
                   "Neurotech", "Neurotechnology", "Implants", "Instrument", "Dairy", "Petrochemical", "Automobile",
                   "Automotive", "Motors", "Medicine", "Pharmacy", "Energy")
# fmt: on
_EN_SUFFIX = (
    r"(?:Co\.,?\s?Ltd\.?|Co\.?,?\s?Limited|Company\s+Limited|Limited|Ltd\.?|Inc\.?|Corp\.?|AG|GmbH|KGaA|plc|PLC|LLC|"
    r"S\.A\.|N\.V\.|B\.V\.|SA|NV|BV|SE|S\.p\.A\.|SpA|S\.r\.l\.|Srl|A/S|ApS|AB|ASA|Oyj|Oy|KG|SARL|Ltda\.?|LLP|LP|K\.K\.|SAS|Pty\s?Ltd\.?|Pte\.?\s?Ltd\.?|Pharm|"
    r"Corporation|Group|Holdings?|Pharma|Pharmaceuticals?|(?:Bio)?[Tt]herapeutics|Biotech|Biotechnology|Systems|"
    r"Biologics|Biopharmaceuticals?|Biopharma|BioPharma|Bio|Medical|Diagnostics|Laborator(?:y|ies)|"
    r"Institutes?|University|Hospital|Capital|Securities|Bank(?: [A-Z][a-z]+){1,2} (?:Sub-)?Branch|Bank|Ventures|Association|Alliance|Academy|Partners|Law Offices?|Law Firm|"
    r"Healthcare|HealthCare|Genomics|Immunotech|Oncology|Immunotherapy|Biotherapy|Holding|Biosciences?|Life Sciences?|Technologies|Technology|Tech|MedTech|Medtech|"
    r"Biomedical|Biomedicine|Biological|Products|Engineering|Scientific|Labs?|Investments?|Factory|"
    r"(?:Fund|Asset|Investment) Management|Exchange|Vaccines?|Instruments|Devices|Industries|Exhibitions|"
    r"Biomed|Biosystems|Bioengineering|Biotechnologies|Medizintechnik|College|Insurance|Foundation|Trust|Partnership(?: \(Limited Partnership\))?|Co\.?|"
    r"(?:Research|Development|Cancer|Medical|Technology) Cent(?:er|re)|"  # an Innovation Center is a park
    + "|".join(_FIELD_SUFFIXES)
    + ")"
    r"(?![A-Za-z\-])"
)
# Brand suffixes that are also fields, and the words besides _MEDICAL_FIELDS that make them fields (Radiation
# Oncology, Cell Immunotherapy, Department of Oncology).
_THERAPY_FIELDS = {"Oncology", "Immunotherapy", "Biotherapy"}
_THERAPY_KINDS = {"Radiation", "Medical", "Pediatric", "Surgical", "Cancer", "Tumor", "Tumour", "Cell", "Gene",
                  "Gynecologic", "Thoracic", "of", "and", "for", "in", "&"}  # fmt: skip
# Words after "and" that go on with the same name (… Investment and Development Co., Ltd.).
# fmt: off
_CONTINUATIONS = ("Development", "Construction", "Operation", "Operations", "Management", "Trading", "Research",
                  "Services", "Manufacturing", "Consulting", "Industrial", "Commercial", "Application", "Technology")
# fmt: on
_AND_CONTINUES = r"[ ](?:and|&)[ ](?:" + "|".join(_CONTINUATIONS) + r")(?![A-Za-z])"
# A suffix followed by another capitalised word is inside a longer name (Medical Tourism Pilot Zone).
# … Pharmaceutical and Health Industrial Park: a park's two fields, no company's name.
_AND_PARK = r"[ ](?:and|&)[ ][A-Z][a-z]+[ ](?:Industrial|Industry|Science|Technology)[ ](?:Park|Zone|Base|City)"
# A legal form ends a name even before "of" (Lindqvist Perfusion AB of Sweden).
_LEGAL_FORMS_ENDING = (" AB", " AG", "GmbH", "A/S", " ApS", "Inc.", " SE", "S.A.", "N.V.", "B.V.", " SA", " NV", " BV", " plc", " PLC", " LLC",
                       " Oyj", " ASA", " SpA", " KG", " LLP")  # fmt: skip
_LEGAL_BEHIND = "|".join(f"(?<={re.escape(form)})" for form in _LEGAL_FORMS_ENDING)
_EN_END = (  # Ltd. and Co. may end a sentence
    rf"(?:(?<=Ltd\.)|(?<=[ ]Co\.)|(?:{_LEGAL_BEHIND})(?![ ][A-Z][a-z])|(?![ ][A-Z][a-z]|[ ]R&D[ ]|[ ]of[ ][A-Z]|[ ]&[ ][A-Z]|{_AND_CONTINUES}|{_AND_PARK}))"
)
_EN_WORD = r"(?:No\.? \d{1,2}|R&D|[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ0-9'’\-]*|[A-Z]{2,}|&|of|and|for|\([A-Z][A-Za-z ]{1,30}\))"
_EN_ORG = re.compile(
    rf"(?<![A-Za-z])((?:{_EN_WORD}[ ]){{1,11}}?{_EN_SUFFIX}(?:(?<!Ltd\.)(?:[ ]\([A-Z][A-Za-z ]{{1,30}}\))?,?[ ]{_EN_SUFFIX})*){_EN_END}"
)
# A name of any words before a comma and its legal form (Caldera Oncology, Inc.).
_EN_COMMA_LEGAL = re.compile(
    rf"(?<![A-Za-z])((?:{_EN_WORD}[ ]){{0,6}}?{_EN_WORD},[ ](?:Inc\.?|Ltd\.?|LLC|Corp\.?|Co\.,?\s?Ltd\.?|plc|PLC|AG|GmbH|"
    r"S\.A\.|N\.V\.|B\.V\.|L\.P\.|LP|Pte\.?\s?Ltd\.?))(?![A-Za-z])"
)
_EN_SUFFIX_WORD = re.compile(_EN_SUFFIX + r"$")
_ACADEMY = re.compile(r"\bAcademy of (?:[A-Z][a-z]+ )*Sciences$")  # a whole name before "and"
# What kind of firm the Chinese brand after it is, said in a headline (Taiwan CDMO Hanhe Biologics).
_FIRM_KINDS = {"CDMO", "CMO", "CRO", "CXO", "CDO", "CSO", "IVD", "ADC", "AI", "TCM", "API", "OEM", "ODM", "EV"}
_EN_DESCRIBED = re.compile(r"-(?:based|listed|headquartered)$")
_MADE_FROM = {"Bio", "Plant", "Cell", "Gene", "Protein", "Water", "Oil", "Cloud", "Science", "Evidence", "Value"}
# The comma of an institute's list of fields (Institute of Optics, Fine Mechanics and Physics), not of a list of names.
_FIELD_LIST = (
    r", (?!(?:[A-Z][a-z]+ )?(?:University|Hospital|College|Academy|Institute|School)\b)"
    r"(?=[A-Z][a-z]+(?: [A-Z][a-z]+)? and [A-Z][a-z]+\b)"
)
# "University of …", and schools and institutes of (or for) two fields ("College of Biomedical Engineering and
# Instrument Science"); a hospital of a university's school ends with the school's field.
_EN_PREFIX_ORG = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z'’\-]+ ){0,4}(?:(?:University|Academy|Bank|Association|Society|Federation|Chamber|"
    r"Alliance|Hospital) of (?:the )?(?:[A-Z][A-Za-z\-]+ ?|and (?=(?:[A-Z][a-z]+ )?(?:Sciences?|Technology|Engineering|Arts|Medicine|"
    r"Pharmacy|Economics|Law|Design)\b)){1,5}|(?:Institute|School|College|Faculty|Department|Centre|Center|"
    r"Laboratory|Branch|Botanical Garden) (?:of|for) (?:the )?(?:[A-Z][A-Za-z\-]+ ?|and (?=[A-Z])|"
    + _FIELD_LIST
    + r"){1,7})(?:of (?:the )?"
    r"(?:[A-Z][A-Za-z\-]+ ?|and (?=(?:Sciences?|Technology|Engineering)\b)){1,4}){0,2}(?:in (?:Traditional )?Chinese "
    r"Medicine)?)"
)
# Capitalised words that start sentences or describe rather than name.
# fmt: off
_EN_LEADING = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "Our", "His", "Her",
               "Yesterday", "Today", "On", "In", "At", "During", "Under", "With", "By", "From", "And",
               "Both", "Chinese", "Local", "State-owned", "Leading", "Also", "After", "Before", "When",
               "While", "As", "For", "Of", "To", "Since", "Meanwhile", "Besides", "Representatives",
               "Including", "Partner", "Partners", "Companies", "Company", "Enterprises", "Firms", "About",
               "Shares", "Stock", "Operator", "Developer", "Investor", "Manager", "Sponsor", "Lender", "Buyer",
               "Seller", "Client", "Customer", "Supplier", "Contractor", "Licensee", "Licensor", "Drugmaker",
               "Chipmaker", "Automaker", "Carmaker", "Insurer", "Biotech", "Startup", "Start-up"}
_EN_GENERIC = {"Group", "Holdings", "Limited", "Company", "University", "Institute", "Hospital", "Bank",
               "Laboratory", "Pharma", "Bio", "Medical", "Capital", "Corporation", "Research", "Development",
               "Innovation", "Center", "Centre"}
# Verbs a title-case headline capitalises, which no name holds.
HEADLINE_VERBS = {"Opens", "Open", "Launches", "Launch", "Signs", "Sign", "Establishes", "Establish", "Sets", "Builds",
                  "Unveils", "Completes", "Breaks", "Wins", "Raises", "Receives", "Gets", "Starts", "Begins", "Debuts",
                  "Inks", "Teams", "Secures", "Obtains", "Joins", "Lands", "Expands", "Invests", "Acquires", "Buys"}
_BOARD = re.compile(r"(?:Main|GEM|Growth Enterprise Market) Board of ")
# A person's office before "of" and the organisation (Chief Executive Officer of …, Chairman of …).
_OFFICES = {"Officer", "Chairman", "Chairwoman", "President", "Director", "Founder", "Head", "Secretary", "CEO", "Partner"}
_TITLES = _OFFICES | {"Chief", "Executive", "Financial", "Operating", "Scientific", "Medical", "Vice", "Managing",
                      "General", "Co-founder", "Deputy", "Senior", "Board", "The"}  # fmt: skip
# Government organs and regulators are no organisations (Ministry of Science and Technology).
_GOVERNMENT = {"Ministry", "Bureau", "Commission", "Administration", "Government", "Committee", "Council",
               "Office", "Authority", "Department", "Evaluation"}  # the Center for Drug Evaluation: a regulator
# fmt: on


def by_form(text: str, known: Mapping[str, str], places: frozenset[str]) -> list[tuple[int, int]]:
    """English names ending in a company or institution form, or "University of …" and the like.

    ``known``: the names recognised as they are (an "and" after one ends it); ``places``: the
    (lower-cased) place names whose possessive describes a company (Yantai's)."""
    found: list[tuple[int, int]] = []
    if not re.search(r"[A-Z]", text):
        return found
    for pattern in (_EN_ORG, _EN_PREFIX_ORG, _EN_COMMA_LEGAL):
        for m in pattern.finditer(text):
            start, end = m.span(1)
            words = text[start:end].split(" ")
            # A place that describes the company ends where it does (Hong Kong-listed, Yantai's).
            described = [
                k
                for k, w in enumerate(words[:-1])
                if _described(w, places, k == 0 and w not in _NAMING, words[k - 1] if k else "")
                or (w in _FIRM_KINDS and pinyin.romanised(words[k + 1], marked=False))  # Taiwan CDMO Hanhe Biologics
            ]
            for w in words[: described[-1] + 1] if described else ():
                start += len(w) + 1
            words = words[described[-1] + 1 :] if described else words
            while words and (
                (
                    words[0] in _EN_LEADING
                    and not (words[0] == "Chinese" and words[1:2] and words[1] in _NATIONAL_BODIES)
                    and words[:2] != ["Stock", "Exchange"]
                )
                or words[0] in ("of", "and", "for", "&")
                or words[0].endswith("-owned")
            ):
                start += len(words[0]) + 1
                words.pop(0)
            if (
                (of := words.index("of") if "of" in words else 0)
                and words[of - 1] in _OFFICES
                and set(words[:of]) <= _TITLES
            ):
                start += len(" ".join(words[: of + 1])) + 1  # Chief Executive Officer of Skovgaard Medical: the firm's
                words = words[of + 1 :]
            if board := _BOARD.match(" ".join(words)):
                start += board.end()  # the Main Board of The Stock Exchange of Hong Kong Limited: the exchange's
                words = " ".join(words)[board.end() :].split(" ")
            if verb := next((k for k, w in enumerate(words) if k and w in HEADLINE_VERBS), 0):
                words = words[:verb]  # a title-case headline's verb (… Hospital Opens …) ends the name
                end = start + len(" ".join(words))
                if not _EN_SUFFIX_WORD.search(words[-1]):
                    continue
            if pattern is _EN_PREFIX_ORG:
                if cut := next((k for k in range(1, len(words)) if words[k] == "and" and words[k - 1] in _WHOLE), 0):
                    words = words[:cut]  # …College of Soochow University and Changshu No 1 …: two names
                    end = start + len(" ".join(words))
                while words and words[-1] in ("", "the", "and"):
                    end -= len(words[-1]) + 1
                    words.pop()
            if pattern is _EN_ORG and words and words[-1] in _FIELD_SUFFIXES and not _names_a_maker(words, places):
                continue
            if (
                pattern is _EN_ORG
                and words[-1] in _THERAPY_FIELDS
                and (len(words) < 2 or words[-2] in _THERAPY_KINDS | _MEDICAL_FIELDS)
            ):
                continue  # Radiation Oncology, Cell Immunotherapy: a field; Caldera Oncology: a company
            end = entity_end(text, end, places)
            if len(words) >= 2 and not all(w in _EN_GENERIC for w in words) and not _GOVERNMENT & set(words):
                spans = _split_and(text, start, end, known, places) if pattern is _EN_ORG else [(start, end)]
                found.extend(_unowned(text, s, e) for s, e in spans)
    found.extend(_appositive(text, places))
    return found


def _names_a_maker(words: list[str], places: frozenset[str]) -> bool:
    """A field word ends a maker's name only after its place and brand (Hangzhou Tigermed Consulting) or,
    for Chinese medicine, after its brand (Tongrentang Chinese Medicine); after a plain adjective it is
    a field (Industrial Robotics, Shanghai Traditional Chinese Medicine), and after a zone it is the
    field of the zone's park (Hechuan High-tech Zone Medicine and Health Industrial Park)."""
    if len(words) < 3 or _a_field(words, places) or _ZONE_WORDS & set(words):
        return False
    return words[0].lower() in places or (words[-1] == "Medicine" and "of" not in words)


# Words that end a whole institution's name: an "and" after one starts another name.
_WHOLE = {"University", "Hospital"}
# Bodies named "Chinese …" (Chinese University of Hong Kong, Chinese Academy of Agricultural Sciences).
_NATIONAL_BODIES = {"University", "Academy", "Association", "Society", "Medical", "Pharmaceutical"}
_ZONE_WORDS = {"Zone", "Park", "Area", "District", "Town", "Valley", "Port"}


def _a_field(words: list[str], places: frozenset[str]) -> bool:
    """A place's field of medicine (Shanghai Traditional Chinese Medicine), where a brand before the
    field names a maker (Guangzhou Baiyunshan Chinese Medicine)."""
    named = words[:-1]
    while named and named[-1] in _MEDICAL_FIELDS:
        named.pop()
    return all(w.lower() in places for w in named)


# fmt: off
_MEDICAL_FIELDS = {"Chinese", "Traditional", "Precision", "Regenerative", "Translational", "Integrative", "Western",
                   "Personalized", "Personalised", "Nuclear", "Sports", "Veterinary", "Internal", "Family", "Herbal",
                   "Emergency", "Preventive", "Tibetan", "Mongolian", "Molecular", "Clinical", "Reproductive", "Modern"}
# fmt: on


# A kind of company written before its name ("German surgical instrument maker Karlsen Medizintechnik",
# "US drugmaker Pfizer"): the capitalised words after it name one, whatever they end in.
_APPOSITIVE = re.compile(
    r"(?<![A-Za-z\-])(?:company|firm|[a-z]*maker|manufacturer|developer|producer|start-?up|supplier|provider|"
    r"giant|specialist|biotech|operator|distributor|investor)[ ]((?:[A-Z][A-Za-z0-9\-]*|[A-Z]{2,})"
    r"(?:[ ](?:[A-Z][A-Za-z0-9\-]*|&))*)"
)
# Capitalised words after a kind of company that are no name: titles, days, months.
# fmt: off
_NOT_NAMES = {"Chairman", "President", "Chief", "CEO", "Director", "General", "Vice", "Secretary", "Mr", "Ms", "Dr",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
              "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
# fmt: on


# A kind of company written after its name, set off by a comma ("Lumora Surgical, a Singaporean maker of
# …", "Baili-Bio, another Chengdu drugmaker"), where the name starts a clause or a list's item.
_CAPITALISED = r"((?:[A-Z][A-Za-z0-9\-]*|[A-Z]{2,})(?:[ ](?:[A-Z][A-Za-z0-9\-]*|&)){0,3})"
_CLAUSE_START = r"^|(?<=[.;:!?] )|(?<=\n)"
_APPOSITIVE_AFTER = re.compile(
    f"(?:{_CLAUSE_START}|(?<= and )|(?<=, )){_CAPITALISED},"
    r" (?:a|an|another) (?:(?!(?:at|of|in|for|with|from|by|to) )[A-Za-z\-]+ ){0,4}?(?:company|firm|[a-z]*maker|manufacturer|producer|start-?up|"
    r"supplier|provider|subsidiary|unit|biotech|distributor|developer of|designer)(?![A-Za-z\-])"
)


# A name that starts a clause and does what only companies do (WuXi STA will invest…, Oriza Seed led
# the round, Medray Medical Device will build…): raise, invest, build, lead a round.
_ACTOR = re.compile(
    f"(?:{_CLAUSE_START}|(?<=, and )|(?<=; and )){_CAPITALISED}"
    r" (?:will (?:invest|build|set up|expand)|(?:has |have )?(?:raised|raises|closed a|secured|led the round|co-led)|"
    r"to (?:invest|build|expand|put)|began building|broke ground)(?![A-Za-z\-])"
)


def _appositive(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in (*_APPOSITIVE.finditer(text), *_APPOSITIVE_AFTER.finditer(text), *_ACTOR.finditer(text)):
        words = m.group(1).split(" ")[:5]
        start = m.start(1)
        if described := [k for k, w in enumerate(words[:-1]) if _described(w, places)]:
            start += sum(len(w) + 1 for w in words[: described[-1] + 1])  # Hong Kong-listed CSPC
            words = words[described[-1] + 1 :]
        while words and (words[-1] == "&" or words[-1] in _EN_LEADING):
            words.pop()
        name = " ".join(words)
        if (
            not words
            or words[0] in _EN_LEADING
            or words[0] in _PRONOUNS
            or _NOT_NAMES & set(words)
            or _GOVERNMENT & set(words)
            or name.lower() in places
            or name in _COUNTRIES
        ):
            continue
        out.append((start, start + len(name)))
    return out


_PRONOUNS = {"It", "They", "We", "He", "She", "Both", "Each", "All"}


def _unowned(text: str, start: int, end: int) -> tuple[int, int]:
    """A name without the owner's possessive before it (Sinopharm's China National Biotec Group),
    as a name after "and" can start; names that are possessives themselves (People's Hospital) stay."""
    if (dash := text.rfind("--", start, end)) != -1:
        start = dash + 2  # HARBIN, China--Harbin Shuoquan …: a wire's dateline before the name
    first, _, rest = text[start:end].partition(" ")
    if re.search(r"['’]s$", first) and first not in _NAMING and len(rest.split(" ")) >= 2:
        return start + len(first) + 1, end
    if unit := _OWNERS_UNIT.search(text, start, end):
        return unit.start(1), end  # Lanzhou University's School of Basic Medical Sciences: the school
    return start, end


# An institution's possessive before one of its units (… University's School of …).
_OWNERS_UNIT = re.compile(r"(?:University|College|Academy|Institute)['’]s ((?:School|College|Faculty|Institute) of )")


def _described(word: str, places: frozenset[str], first: bool = False, before: str = "") -> bool:
    """A word that describes the company that follows: Shanghai-based, Hong Kong-listed, a place's
    possessive (Yantai's, Hong Kong's) - not a possessive inside a name (People's Hospital)."""
    if described := _EN_DESCRIBED.search(word):
        return word[: described.start()] not in _MADE_FROM  # Bio-based Materials: what the product is made of
    stem = re.sub(r"['’]s$", "", word)
    two_words = f"{before} {stem}".lower() in places
    return stem != word and (stem.lower() in places or stem in _COUNTRIES or first or two_words)


# Possessives that are part of a name (People's Hospital, Children's Hospital).
_NAMING = {"People's", "People’s", "Children's", "Children’s", "Women's", "Women’s", "Workers'"}
# Countries whose possessive describes a company (Japan's Kuriyama Pharmaceutical).
# fmt: off
_COUNTRIES = {"China", "Japan", "Germany", "America", "Britain", "France", "Switzerland", "Korea", "Denmark",
              "Sweden", "Netherlands", "Belgium", "Italy", "Israel", "Singapore", "Australia", "Canada", "India",
              "Austria", "Finland", "Norway", "Spain", "Ireland", "Europe", "Asia", "US", "UK"}
# fmt: on


_PART_OF = re.compile(r"^(?:School|College|Faculty|Department|Institute|Laboratory)\b|Hospital\b")


_ONLY_FORMS = re.compile(rf"(?:{_EN_SUFFIX},?[ ]?)+")


def _split_and(
    text: str, start: int, end: int, known: Mapping[str, str], places: frozenset[str]
) -> list[tuple[int, int]]:
    """ "BeiGene and Innovent Biologics" is two names when the part before "and" is one already,
    and so is "Hangzhou Tigermed Consulting and Zhejiang Huahai Pharmaceutical": a name of two or
    more words, then one that starts with its own place."""
    for m in re.finditer(r" (?:and|&) ", text[start:end]):
        left = text[start : start + m.start()]
        right = text[start + m.end() : end].split(" ")
        if m.group() == " & " and _ONLY_FORMS.fullmatch(text, start + m.end(), end):
            continue  # … Medical & Pharmaceutical (Co., Ltd.): one name's two fields
        named = left in known or _EN_SUFFIX_WORD.search(left) or _ACADEMY.search(left) or left.endswith(" Branch")
        # … and Lanfeng Capital, … and CMB International Capital: a Chinese brand or an acronym starts a name
        placed = " " in left and len(right) >= 2 and (right[0].lower() in places or _brand_word(right[0]))
        if (named or placed) and not re.match(_AND_CONTINUES, text[start + m.start() :]):
            return [(start, start + m.start()), *_split_and(text, start + m.end(), end, known, places)]
    return [(start, end)]


def _brand_word(word: str) -> bool:
    return pinyin.romanised(word) or bool(re.fullmatch("[A-Z]{2,5}", word))


def join_of(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "West China Hospital" + " of " + "Sichuan University" is one English name, and so is a
    school, institute or hospital, a comma and its university, academy or ministry ("School of
    Pharmacy, Fudan University"; "Institute of Automation, Chinese Academy of Sciences")."""
    spans = sorted(spans)
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(spans):
        between = text[out[-1][1] : s] if out else ""
        then = spans[k + 1] if k + 1 < len(spans) else None
        parent = (
            _PARENT.search(text[s:e])
            or (  # …Hospital, Tongji Medical College, Huazhong University of …
                _COLLEGE.search(text[s:e])
                and then
                and text[e : then[0]] == ", "
                and _PARENT.search(text[then[0] : then[1]])
            )
        )
        if (
            out
            and not is_chinese(text[s:e])
            and (
                re.fullmatch(r" of (?:the )?", between)
                or (between == ", " and _part(text[out[-1][0] : out[-1][1]]) and parent)
                or (_AFFILIATED.fullmatch(between) and "Hospital" in text[out[-1][0] : out[-1][1]] and parent)
            )
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return [_in_country(text, s, e) for s, e in out]


def _in_country(text: str, start: int, end: int) -> tuple[int, int]:
    """The name with what its form takes after it: an institute's ministry (…, Ministry of Health), a
    chamber's country (European Union Chamber of Commerce in China)."""
    if (m := _MINISTRY.match(text, end)) and _INSTITUTE.search(text[start:end]):
        return start, m.end()
    if (m := _IN_COUNTRY.match(text, end)) and text.endswith("Chamber of Commerce", start, end):
        return start, m.end()
    return start, end


_IN_COUNTRY = re.compile(r" in (?:China|Hong Kong|Macao|Macau|Taiwan|Shanghai|Beijing|Guangdong|South China)\b")


def _part(name: str) -> bool:
    return bool(_PART_OF.search(name) or _INSTITUTE.search(name))


# What an institute or school belongs to, written after it with a comma.
_PARENT = re.compile(r"\bUniversity\b|\bAcademy of (?:[A-Z][a-z]+ )*Sciences$")
_COLLEGE = re.compile(r"\bCollege$")
_AFFILIATED = re.compile(r" Affiliated (?:to|with) (?:the )?")  # the official name; "affiliated to" describes
_INSTITUTE = re.compile(r"\b(?:Institute|Laboratory|Center|Centre)\b")
_MINISTRY = re.compile(r", Ministry of (?:[A-Z][a-z]+(?: and)? ?){1,4}(?<! )")
