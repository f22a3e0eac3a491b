"""How an article names its parks: a known zone in its longest spelling, a park found by its
form once in its fullest form, a zone and a park inside it apart only when both are named on
their own, and the short and English forms of one zone as one key (``short_form``,
``known_zone``) for clustering. Finding the names in the text is ``pipelines.parks``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines import park_forms, parks
from pipelines import places as gazetteer
from pipelines.text import fold

# Long forms of zones and the short forms news uses for them, longest first.
# fmt: off
_SHORT_FORMS = (("国家高新技术产业开发区", "高新区"), ("国家经济技术开发区", "开发区"), ("高新技术产业开发区", "高新区"), ("高技术产业开发区", "高新区"), ("高新技术产业园区", "高新区"), ("高新技术开发区", "高新区"), ("高新园区", "高新区"),
                ("经济技术开发区", "开发区"), ("经济开发区", "开发区"), ("经开区", "开发区"),
                ("自由贸易试验区", "自贸区"), ("自贸试验区", "自贸区"), ("综合保税区", "综保区"), ("产业园区", "产业园"))
# fmt: on


def names(
    g: gazetteer.Gazetteer,
    mentions: Sequence[gazetteer.Mention],
    found: Sequence[int],
    form_parks: Sequence[tuple[str, int, int]],
    text: str,
) -> list[str]:
    """Parks as the article names them, first mention first: known zones in their longest
    spelling, and the parks found by their form. ``text`` is what the mentions' offsets quote.

    A park found by its form that spells a known zone is that zone, so one report names it once
    and two reports (乐城先行区, Boao Lecheng pilot zone) name the same park."""
    zones = [p for p in found if g.places[p].level == "zone" and p not in g.regions]
    spelled: dict[int, str] = {}
    first: dict[int, int] = {}
    for m in mentions:
        for c in m.candidates:
            if c in zones:
                first[c] = min(first.get(c, m.start), m.start)
                written = re.sub(r"['’]s$", "", text[m.start : m.end])  # Zhangjiang's
                if len(written) > len(spelled.get(c, "")):
                    spelled[c] = written
    rest: list[tuple[int, str]] = []
    for name, start, _ in form_parks:
        zone, head = known_zone(g, fold(name))
        if zone is None:
            inner, head = _ends_in_zone(g, fold(name), zones)
            if inner is None:
                rest.append((start, name))
            elif park_forms.FORM_END.search(head) and len(name) > len(spelled.get(inner, "")):
                spelled[inner] = name  # 中关村科技园区大兴生物医药产业基地: the zone's name with the park it is in
            continue
        if zone in g.regions:
            continue
        if zone not in zones:
            zones.append(zone)
        first[zone] = min(first.get(zone, start), start)
        if len(name) > len(spelled.get(zone, "")) and not re.search(r"[省市区县]$", head):
            spelled[zone] = name  # 海南博鳌乐城…先行区, not the address 钱塘区杭州医药港
    out = [(first.get(p, 0), spelled.get(p, g.name(p))) for p in zones]
    fullest: dict[str, tuple[int, str]] = {}
    for start, n in rest:
        key = short_form(n)
        if len(n) > len(fullest.get(key, (0, ""))[1]):
            fullest[key] = (min(start, fullest.get(key, (start, ""))[0]), n)
    spelled_zones = [k for _, k in out]
    for item in _zone_and_park(sorted(fullest.values())):
        if not any(item[1] in k for k in spelled_zones):  # a zone named on its own beside a park in it stays
            out.append(item)
    named = [n for _, n in sorted(out, key=lambda item: item[0])]
    return [
        n
        for n in named
        if not any(
            _abbreviates(g, n, other)
            or _addressed(g, other, n)
            or _english_short(n, other)
            or _english_abridged(g, n, other)
            or _english_placed(g, n, other)
            for other in named
            if other != n
        )
    ]


def _english_short(short: str, long: str) -> bool:
    """A headline's short English name for the park the text names in full (Lingang, Qianhai, Wuhan FTZ
    for the Wuhan Area of the … Pilot Free Trade Zone): a bare name, a name and the initials of the
    long name's kind, or a description in its words. A short name with a kind of its own (Optics
    Valley, Hsinchu Science Park) is a park of its own, the zone the long one lies in."""
    if not short.isascii() or not long.isascii():
        return False
    words, rest = short.split(), long.split()
    if len(words) == 1:
        return len(rest) > 1 and short in rest
    if words[-1].islower():  # a park described (Tibetan medicine park) that the text names (… Medicine Industrial Park)
        lower = iter(w.lower() for w in rest)
        return all(w.lower() in lower for w in words)
    initials = "".join(w[0] for w in rest if w[:1].isupper())
    return len(words) == 2 and words[0] in rest and words[1].isupper() and words[1] in initials


def _english_abridged(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """A headline's abridged name of the park the text names in full (Hefei High-Tech Zone, Chengdu Bio-Town for
    Chengdu Tianfu International Bio-Town): the same first and last words, the rest of the short name's
    words in order, and no place or field dropped (Suzhou Industrial Park is not Suzhou Xiangcheng Industrial Park)."""
    if not short.isascii() or not long.isascii():
        return False
    words, rest = short.lower().split(), long.lower().split()
    if len(words) < 2 or len(rest) <= len(words) or words[0] != rest[0] or words[-1] != rest[-1]:
        return False
    runs = _skipped(words, rest)
    if runs is None:
        return False
    dropped = [w for run in runs for w in run]
    if any(_FIELD.search(w) for w in dropped):
        return False  # Hsinchu Biomedical Science Park is a park of its own in Hsinchu Science Park
    return not any(g.places[p].level != "zone" for w in dropped for p in g.lookup(w.title()))


_FIELD = re.compile(r"bio|medic|pharm|health|life|chem|material|energy|auto|chip|semicon|food|logistic")


def _english_placed(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """``long`` is ``short`` after the places it lies in (Ningbo Qianwan New Area, Sichuan-Chongqing Gaozhu
    New Area): a headline's short English name of the park the text names in full."""
    if not (short.isascii() and long.endswith(" " + short) and len(short.split()) >= 2):
        return False
    head = long[: -len(short) - 1].replace("-", " ").split()
    if len(short.split()) >= 4 and len(head) <= 2:
        return True  # Life and Health Industrial Park: a headline's name of Xiamen Torch Life and Health …
    return 0 < len(head) <= 2 and all(g.lookup(w) for w in head)


def _addressed(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """``long`` is ``short`` behind an address (温州市瓯海区生命健康小镇 for 瓯海生命健康小镇): the
    address says where the park is, the short name is what the article calls it."""
    a, b = fold(short), fold(long)
    common = next((k for k in range(min(len(a), len(b)), 3, -1) if a[-k:] == b[-k:]), 0)
    head_a, head_b = a[: len(a) - common], b[: len(b) - common]
    if not common or not head_a or len(head_b) <= len(head_a) or not _kind(a[-common:]):
        return False
    place = set(g.lookup(head_a))
    return any(
        place & set(g.lookup(head_b[k:])) and g.lookup(head_b[:k]) and head_b[k - 1] in "省市区县州盟旗"
        for k in range(2, len(head_b) - 1)
    )


def _zone_and_park(named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A park named with its zone (三亚崖州湾科技城崖州湾生物医药产业园) that the article also names
    on its own is two parks, the zone and the park; named only with its zone it stays one."""
    names = [n for _, n in named]
    out: list[tuple[int, str]] = []
    for start, n in named:
        park = next(
            (
                o
                for o in names
                if o != n and n.endswith(o) and park_forms.FORM_END.search(n[: -len(o)]) and not o.endswith("片区")
            ),
            None,
        )  # an area of a free-trade zone (…自由贸易试验区南沙片区) is a part of it, not a park in it
        item = (start, n[: -len(park)]) if park else (start, n)
        if item[1] not in [o for _, o in out]:
            out.append(item)
    return out


def _abbreviates(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """``short`` is the article's shorter name for the park ``long``: the same kind of park, and
    either ``long`` with a place before it (南京江宁高新区 for 江宁高新区) or an abbreviation that
    keeps its first character and drops no place (山西综改示范区 for 山西转型综合改革示范区, 深哈产业园 for
    深圳（哈尔滨）产业园区; not 苏州工业园区 for 苏州相城工业园区), after the province or the national
    brackets of the long name (南昌中医药科创城 for 中国（南昌）中医药科创城)."""
    if _initials_of(short, long) or _one_zones_branch(g, short, long) or _pair_unplaced(g, short, long):
        return True
    a, b = short_form(short), short_form(long)
    if a == b:
        return len(short) < len(long)  # 合肥高新区 for 合肥国家高新技术产业开发区
    if len(a) > len(b) or _kind(a) != _kind(b) or not _kind(a):
        return False
    if b.endswith(a):
        head = b[: -len(a)]
        return (
            bool(g.lookup(head))
            or all(g.lookup(h) for h in re.split("[·•・]", head))  # 北京·沧州 渤海新区…: two cities build it
            or (head[-1] in parks.DASHES and head[:-1] in parks.SCOPES)  # 中国—东盟…
            or bool(_NATIONAL_HEAD.fullmatch(head))  # 中国（南昌）中医药科创城
        )
    national = _NATIONAL_HEAD.match(b)
    if national and a == national.group(1) + b[national.end() :]:
        return True  # 南昌中医药科创城 for 中国（南昌）中医药科创城
    if a[:1] != b[:1]:
        province = next((p for p in gazetteer.province_short_names() if b.startswith(p)), "")
        return bool(province) and not a.startswith(province) and _abbreviates(g, short, long[len(province) :])
    runs = _skipped(a, b)
    return runs is not None and not any(len(d) >= 2 and g.lookup(d) for d in map("".join, runs))


def _skipped(short: Sequence[str], long: Sequence[str]) -> list[list[str]] | None:
    """What ``long`` has before each item of ``short`` when ``short`` is read in it in order (the
    characters or words an abbreviation leaves out), or None when ``short`` is not in it."""
    runs, rest = [], iter(long)
    for item in short:
        run = []
        for x in rest:
            if x == item:
                break
            run.append(x)
        else:
            return None
        runs.append(run)
    return runs


def _pair_unplaced(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """A park of two countries named without its city (中意生态园 for 中意宁波生态园): one park."""
    a, b = fold(short), fold(long)
    if not park_forms.PAIR.match(a) or len(b) <= len(a) or not (b[:2] == a[:2] and b.endswith(a[2:])):
        return False
    return bool(g.lookup(b[2 : len(b) - len(a) + 2]))


def _one_zones_branch(g: gazetteer.Gazetteer, short: str, long: str) -> bool:
    """The same branch of one zone, the zone named short and in full (竹科宜兰园区, 新竹科学园区宜兰园区)."""
    a, b = fold(short), fold(long)
    branch = next((k for k in range(min(len(a), len(b)) - 2, 2, -1) if a[-k:] == b[-k:]), 0)
    if not branch or len(a) >= len(b) or not a.endswith(park_forms.BRANCHES):
        return False
    zones = {z for z in g.lookup(a[:-branch]) if g.places[z].level == "zone"}
    return bool(zones & set(g.lookup(b[:-branch])))


_NATIONAL_HEAD = re.compile(r"中国[(（]([\u4e00-\u9fff]{2,3})[)）]")


def _initials_of(short: str, long: str) -> bool:
    """Anqing ETDZ for Anqing Economic and Technological Development Zone: the same head, then
    the initials of the long name's kind, each part of a hyphenated word counted, some left out
    (Nanyang HTZ for Nanyang High-tech Industrial Development Zone), the first and the last kept."""
    head, _, initials = short.rpartition(" ")
    if not head or not initials.isupper() or len(initials) < 2 or not long.startswith(head + " "):
        return False
    words = [w for w in re.split(r"[ \-]", long[len(head) + 1 :]) if w and w not in ("and", "of", "&")]
    letters = "".join(w[0] for w in words).upper()
    if not letters or initials[0] != letters[0] or initials[-1] != letters[-1]:
        return False
    rest = iter(letters)
    return all(ch in rest for ch in initials)


def _kind(key: str) -> str:
    """The park form a short-form key ends in (高新区, 示范区, 产业园)."""
    return next((f for f in _KINDS if key.endswith(f)), "")


_KINDS = sorted({*park_forms.FORMS, *(short for _, short in _SHORT_FORMS)}, key=len, reverse=True)


def short_form(name: str) -> str:
    """The name as news shortens it (大连高新技术产业园区 → 大连高新区, 烟台经济技术开发区 →
    烟台开发区), folded: one key for the full and the short spelling of one zone."""
    key = fold(name).lower().replace(" ", "")
    for long, short in _SHORT_FORMS:
        key = key.replace(long, short)
    return key


def known_zone(g: gazetteer.Gazetteer, name: str) -> tuple[int | None, str]:
    """The known zone a park name spells, and the words before it: the zone's name or alias
    (乐城先行区), after a place that encloses it (海南博鳌乐城国际医疗旅游先行区, Chengdu Tianfu
    International Bio-Town) or a part of its full name (博鳌乐城先行区), or before a kind of park
    in lower case (Boao Lecheng pilot zone) or its district in brackets (…开发区（新市区）); or a part of the
    zone (Shenzhen Park of the …)."""
    for candidate in (name, re.sub(r"(?: [a-z][a-z\-]*)+$", "", name), re.sub(r"[(（][^()（）]+[)）]$", "", name)):
        for k in range(len(candidate) - 1):
            zone = next((z for z in g.lookup(candidate[k:]) if g.places[z].level == "zone"), None)
            if zone is None:
                continue
            head = candidate[:k].strip()
            if not head or head in g.name(zone) or _encloses(g, head, zone):
                return zone, head
            if re.search(r" of(?: the)?$", head):
                return zone, head  # Urumqi Area of the China (Xinjiang) Pilot Free Trade Zone: a part of it
    return None, ""


def _encloses(g: gazetteer.Gazetteer, head: str, zone: int) -> bool:
    """``head`` is places that enclose ``zone``, one after another (北京市昌平区 before 未来科学城)."""
    chain = set(g.chain(zone))
    at = 0
    while at < len(head):
        end = next((e for e in range(len(head), at, -1) if chain & set(g.lookup(head[at:e]))), None)
        if end is None:
            return False
        at = end
    return True


def _ends_in_zone(g: gazetteer.Gazetteer, name: str, zones: Sequence[int]) -> tuple[int | None, str]:
    """The zone the article names that the name ends in, and what stands before it (澜拓生物杭州医药港: a
    company before 杭州医药港): the zone is the park, and what stands before it belongs to the sentence."""
    for k in range(1, len(name) - 1):
        for z in g.lookup(name[k:]):
            if z in zones:
                return z, name[:k]
    return None, ""
