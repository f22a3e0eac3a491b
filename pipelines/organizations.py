"""Organisations in Chinese and English news text.

Organisations are found two ways: by name from a known list (with English and short names
mapped to one name, so reports in two languages agree), and by form — a legal or
institutional suffix (…有限公司, …集团, …研究院) with the name before it read back
(``pipelines.chinese_organizations``; English names by form, … Co., Ltd., … Group, are
``pipelines.english_organizations``). Money is ``pipelines.money``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

from pipelines import brands, short_names
from pipelines import english_organizations as english
from pipelines.chinese_organizations import by_form
from pipelines.english_name_ends import entity_end
from pipelines.name_ends import ends_name
from pipelines.name_words import INSTITUTION_FORMS, STRONG_FORMS, WEAK_FORMS
from pipelines.org_units import branch_end, branch_of
from pipelines.text import Segmented, fold, is_chinese, name_prefixes
from pipelines.two_organisations import REGISTERED, TRADES, other_trade, parent_before, two_registered

# fmt: off
# A country before a foreign company's name is written as part of it (德国海恩斯制药集团, 日本丸濑医疗器械
# 株式会社), but two spellings with and without it are one company (see ``core``).
_COUNTRIES = ("美国", "德国", "日本", "英国", "法国", "瑞士", "韩国", "丹麦", "瑞典", "荷兰", "比利时",
              "意大利", "以色列", "新加坡", "澳大利亚", "加拿大", "印度", "奥地利", "芬兰", "挪威", "西班牙",
              "爱尔兰", "新西兰", "俄罗斯", "巴西")
# fmt: on

# What may follow or precede the distinctive part of a name without making another
# organisation: 杭州和睿生物技术股份有限公司 is 和睿生物; Jiangsu Hengrui Pharmaceuticals is Hengrui.
# fmt: off
_TRAILING = ("股份有限公司", "有限责任公司", "有限公司", "公司", "医用材料", "医疗器材", "医材", "生物技术", "生物科技", "医药科技", "医疗科技", "医疗器械", "生物医药", "生物工程", "科技", "技术",
             "集团", "控股", "股份", "药业", "制药", "生物", "医药", "医疗", "实业", "co.", "ltd.", "ltd", "co",
             "limited", "ag", "gmbh", "plc", "llc", "s.a.", "n.v.", "b.v.", "se", "group", "holdings", "holding", "inc.", "inc", "corp.", "corporation", "pharma",
             "pharmaceuticals", "pharmaceutical", "biotech", "biotechnology", "bio", "biologics",
             "biosciences", "biopharma", "biomedical", "biomedicine", "diagnostics", "therapeutics", "medical", "technology",
             "technologies")
# fmt: on


_LONGEST_PLACE = 24
_LEGAL_END = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|股份公司|,? ?(?:co\.,? ?ltd\.?|limited|inc\.?))$", re.IGNORECASE
)
_BARE = (
    set(STRONG_FORMS)
    | set(WEAK_FORMS)
    | {"university", "hospital", "institute", "group", "laboratory", "lab", "labs", "biomedical", "medical", "pharma"}
)


@lru_cache(maxsize=4096)  # the same companies come up article after article
def core(name: str, places: frozenset[str] = frozenset()) -> str:
    """The distinctive part of an organisation's name: no legal form, no leading place, no
    trailing industry words, no bracketed city — what two spellings of one company share."""
    n = re.sub(r"[(（][^()（）]{1,12}[)）]", "", fold(name)).lower().strip(" ,.")
    changed = True
    while changed:
        changed = False
        for word in _TRAILING:
            if n.endswith(word) and len(n) - len(word) >= 2 and _word_at(n, len(n) - len(word), word):
                n = n[: -len(word)].rstrip(" ,.")
                changed = True
        country = next((c for c in _COUNTRIES if n.startswith(c)), "")
        if country and len(n) - len(country) >= 2:
            n = n[len(country) :]
            changed = True
        if size := next((k for k in _leading_places(n, places) if _names_more(n[k:].strip())), 0):
            n = n[size:].lstrip()
            changed = True
    return n.replace(" ", "")


def _names_more(rest: str) -> bool:
    """What follows a leading place names the organisation, not only its trade (四川 安泽生物制品: 安泽
    is a county's name and the brand; 成都 生物制品研究所 is no 武汉生物制品研究所)."""
    return rest not in _BARE and not rest.startswith(TRADES)


def _leading_places(n: str, places: frozenset[str]) -> Iterator[int]:
    """The lengths of the places ``n`` starts with, longest first (广州市黄埔区: 广州市)."""
    return (
        k for k in range(min(len(n) - 2, _LONGEST_PLACE), 1, -1) if n[:k] in places and _word_at(n, k, n[:k], False)
    )


def _last_place(name: str, places: frozenset[str]) -> str:
    """The last of the places a name starts with (济南市历下区人民医院 → 历下区), the one that tells
    institutions of one kind apart."""
    n, last = fold(name).lower(), ""
    while size := next(_leading_places(n, places), 0):
        last, n = n[:size], n[size:].lstrip()
    return last.strip()


def _word_at(text: str, at: int, word: str, before: bool = True) -> bool:
    """A Chinese word may end or start anywhere; an English one only at a word's edge (Yili does not
    start "yiling", co does not end "monaco")."""
    if not word.isascii():
        return True
    edge = text[at - 1 : at] if before else text[at : at + 1]
    return not edge.isalnum()


@dataclass(frozen=True)
class KnownOrganizations:
    """Organisations recognised by name: every alias → the name listed first."""

    canonical: dict[str, str]
    english: re.Pattern[str] | None
    places: frozenset[str] = frozenset()  # place names (lower-cased) that may lead a company name
    cores: dict[str, str] = field(default_factory=dict)  # core(alias) → the name listed first
    kinds: frozenset[str] = frozenset()  # cores that are only a kind several organisations share

    @property
    def chinese(self) -> list[str]:
        return [a for a in self.canonical if is_chinese(a)]

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every name, so ``Segmented.spans`` reads only tokens a name can start."""
        return name_prefixes(self.canonical)

    def key(self, name: str) -> str:
        """One spelling per organisation, for comparing reports: the known name, else the core; a
        branch is its head's key and its place (中国银行股份有限公司常州分行 = 中国银行常州分行); Taiwan's
        财团法人 before a name says what kind of body it is (财团法人工业技术研究院 = 工研院)."""
        name = name.removeprefix("财团法人").removeprefix("社团法人")
        if branch := branch_of(name, self.places):
            head, where = branch
            return f"{self.key(_LEGAL_END.sub('', head))}\t{where[:2]}{where[-2:]}"  # 江苏省分行, 江苏分行
        if name in self.canonical:
            return self.canonical[name]
        bare = _LEGAL_END.sub("", name)
        if bare in self.canonical:
            return self.canonical[bare]  # 中国生物制药有限公司 is 中国生物制药, whatever its core
        c = core(name, self.places)
        if c in self.kinds:
            return _last_place(name, self.places) + c  # 潍坊医科大学 is no other 医科大学: its place names it
        return self.cores.get(c, c)


_KINDS = "大学|学院|医院|交易所|university|college|hospital|exchange"


def parse_known(lines: Iterable[str], places: Iterable[str] = ()) -> KnownOrganizations:
    canonical: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            canonical.setdefault(n, names[0])
    english = sorted((a for a in canonical if not is_chinese(a)), key=len, reverse=True)
    # The look-ahead for the names' first characters skips Chinese text without trying each name.
    firsts = "".join(sorted({re.escape(a[0]) for a in english}))
    pattern = (
        re.compile(rf"(?=[{firsts}])(?<![A-Za-z0-9])(" + "|".join(re.escape(a) for a in english) + r")(?![A-Za-z0-9])")
        if english
        else None
    )
    place_set = frozenset(p.lower() for p in places if len(p) >= 2)
    owners: dict[str, list[str]] = {}
    for a, c in canonical.items():
        owners.setdefault(core(a, place_set), []).append(c)
    # A core that is a kind of institution two organisations share (医科大学, medicaluniversity, 交易所)
    # tells none apart; a group's name its companies share (华润, sinopharm) still says whose.
    kinds = frozenset(k for k, c in owners.items() if len(set(c)) > 1 and re.search(_KINDS, k))
    cores = {k: c[-1] for k, c in owners.items() if len(k) >= 2 and k not in kinds}
    return KnownOrganizations(canonical, pattern, place_set, cores, kinds)


@lru_cache(maxsize=4)
def known_organizations(extra: tuple[str, ...] = (), places: frozenset[str] = frozenset()) -> KnownOrganizations:
    """The shipped list plus ``[analysis] organizations``; built once per process and config.

    ``places`` are the place names a company name may start with (广州, Jiangsu).
    """
    shipped = (resources.files("pipelines") / "data" / "organizations.txt").read_text(encoding="utf-8")
    return parse_known([*shipped.splitlines(), *extra], places)


def mentions(seg: Segmented, known: KnownOrganizations) -> list[tuple[int, int]]:
    """(start, end) of every mention of an organisation, in text order: a place or a park inside
    any of them (the 历下区 of 历下区人民医院 in a headline) belongs to the name, not the story."""
    spans: list[tuple[int, int]] = [
        (s, e)
        for s, e, _ in seg.spans(known.canonical, 12, known.prefixes)
        if not _industry(seg, s, e, known.places)
        and not (seg.text.endswith("银行", s, e) and _SECTOR_AFTER.match(seg.text, e))
    ]
    if known.english is not None:
        spans.extend(
            (m.start(1), entity_end(seg.text, m.end(1), known.places)) for m in known.english.finditer(seg.text)
        )
    spans = _units_not_parents(seg.text, spans, known)
    spans.extend(by_form(seg, known.places))
    spans.extend(english.by_form(seg.text, known.canonical, known.places))
    spans = [(s, branch_end(seg.text, e, known.places)) for s, e in spans]
    spans = _outermost(english.join_of(seg.text, _outermost(spans)))
    spans += brands.short_mates(seg, spans, known.prefixes, known.places)
    return _outermost(spans + brands.list_mates(seg, spans, known.places))


def _units_not_parents(text: str, spans: list[tuple[int, int]], known: KnownOrganizations) -> list[tuple[int, int]]:
    """A known parent written right before one of its own units (中科院上海药物所, "a CAS institute")
    qualifies that unit; it is not a second organisation of the story."""
    ends_at = dict(spans)
    kept = []
    for s, e in spans:
        parent = known.key(text[s:e])
        unit = known.key(text[e : ends_at[e]]) if e in ends_at else ""
        if (len(unit) > len(parent) and unit.startswith(parent)) or _UNIT_AFTER.match(text, e):
            continue
        kept.append((s, e))
    return kept


_UNIT_AFTER = re.compile(r" (?:[a-z]+ )?(?:institute|lab|laboratory)\b")


# A bank's name before 业 or 保险 is its sector's or a regulator's (中国银行业协会, 中国银行保险监督管理委员会).
_SECTOR_AFTER = re.compile("业|保险监督")


def _industry(seg: Segmented, start: int, end: int, places: frozenset[str]) -> bool:
    """A known name that is a place and an industry (上海医药) before a noun (企业, 行业) is the
    place's industry (两家上海医药企业), not the company."""
    name = seg.text[start:end]
    if not any(name[:k] in places and name[k:] in WEAK_FORMS for k in range(2, len(name) - 1)):
        return False
    k = bisect.bisect_left(seg.token_starts, end)
    return k < len(seg.tokens) and seg.token_starts[k] == end and not ends_name(seg.tokens, k - 1)


def organizations(
    seg: Segmented, display: str, known: KnownOrganizations, spans: Sequence[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """(name, start, end) of every organisation among the ``mentions``, first mention first,
    each organisation once.

    ``display`` is the text to quote names from (``seg.text`` before width folding, so names
    keep their full-width brackets). An organisation named twice (百济神州 and
    百济神州（广州）生物科技有限公司) is reported once, in the fullest form used.
    """
    quote = display if len(display) == len(seg.text) else seg.text
    out: list[tuple[str, int, int]] = []
    seen: dict[str, int] = {}
    introduced: dict[str, str] = {}
    written = [seg.text[s:e] for s, e in spans]
    entry_at: dict[int, int] = {}  # where each organisation was named: its index in ``out``
    for start, end in spans:
        name = quote[start:end]
        if (
            same := next((i for i, (_, s, e) in enumerate(out) if seg.text[start:end] == seg.text[s:e]), None)
        ) is not None:
            entry_at[start] = same
            continue  # named again as before: the same organisation, whatever its parent's key became
        k = known.key(seg.text[start:end])
        longer = _alias_of(seg.text[start:end], k, written)
        if longer is not None:
            k = known.key(longer)
        if (named := _introduced_as(seg.text, start, end, out)) is not None:
            introduced[k] = next(key for key, i in seen.items() if i == named)  # …Co., Ltd. ("Farwing"): one company
        k = introduced.get(k, k)  # and so is every later mention of the name it was introduced by
        k = next((key for key, i in seen.items() if short_names.told_short(name, out[i][0])), k)
        if (
            k not in seen
            and not name.endswith(INSTITUTION_FORMS)
            and not k.endswith(INSTITUTION_FORMS)
            and "\t" not in k
        ):  # 中南大学 ≠ 中南大学湘雅医院, a bank ≠ its branch, a company ≠ a society's branch of its field
            k = next(
                (
                    o
                    for o in seen
                    if (short_names.shortens(k, o) or short_names.shortens(o, k))
                    and not _UNIT_OF.search(name + out[seen[o]][0])
                    and not other_trade(name, out[seen[o]][0], min(k, o, key=len))
                ),
                k,
            )
        if k in seen and fold(name).endswith(REGISTERED) and parent_before(seg.text, start, entry_at) == seen[k]:
            k = f"{k}\t{fold(name)}"  # 澄沣医药公告，全资子公司深圳澄沣生物医药有限公司: the parent's unit
        elif k in seen and two_registered(name, out[seen[k]][0]):
            k = f"{k}\t{fold(name)}"  # a parent and its subsidiary, each with its registered name
        elif k in seen and other_trade(name, out[seen[k]][0], k):
            k = next(  # the one of the brand's companies in this name's trade, or a company of its own
                (
                    o
                    for o in seen
                    if o.split("\t")[0] == k
                    and not other_trade(name, out[seen[o]][0], k)
                    and not two_registered(name, out[seen[o]][0])
                ),
                f"{k}\t{fold(name)}",
            )
        if k in seen:
            i = entry_at[start] = seen[k]
            if _fuller(name, out[i][0]):
                out[i] = (name, start, end)
            continue
        seen[k] = entry_at[start] = len(out)
        out.append((name, start, end))
    return out


def _fuller(name: str, than: str) -> bool:
    """The form to report of one organisation named twice: the Chinese one beside an English one (奥博资本
    （OrbiMed）, as a Chinese report's reader knows it), else the longer."""
    if is_chinese(name) != is_chinese(than):
        return is_chinese(name)
    return len(name) > len(than)


# An English unit named after its parent (Miao Medicine Branch of the China Medical Association of Minorities).
_UNIT_OF = re.compile(r"\b(?:Branch|Chapter|Division|Department|School|College|Institute) of\b")


def _introduced_as(text: str, start: int, end: int, out: Sequence[tuple[str, int, int]]) -> int | None:
    """The organisation just named whose other name is at ``start``–``end``: "…Co., Ltd., known internationally
    as X", "…Co., Ltd. ("X" or "the Company")", "…of the Chinese Academy of Sciences (SIMM)" — the index
    in ``out``, or None."""
    acronym = text.endswith(" (", 0, start) and text.startswith(")", end) and _ACRONYM.fullmatch(text, start, end)
    if not (acronym or _INTRODUCED.search(text, max(0, start - 30), start)):
        return None
    return next(
        (
            i
            for i in range(len(out) - 1, -1, -1)
            if 0 <= start - out[i][2] <= 45 and not _TICKER.match(text, out[i][2])  # (SSE: 688792): the exchange
        ),
        None,
    )


_TICKER = re.compile(r"[:：]\s?\d")


_ACRONYM = re.compile("[A-Z]{2,8}")
_INTRODUCED = re.compile(r"(?:\bknown (?:internationally |locally |abroad |overseas )?as (?:the )?|\((?:the )?[\"“])$")


def _alias_of(short: str, key: str, written: Sequence[str]) -> str | None:
    """The name an article spells out that a two-character alias of another known organisation
    starts (高瓴 in a headline, 高瓴创投 in the text): the article means the one it names in full."""
    if len(short) != 2 or not is_chinese(short) or key == short or key in written:
        return None
    return next((w for w in written if len(w) > 2 and w.startswith(short)), None)


def short_mentions(text: str, names: Iterable[str], places: frozenset[str]) -> list[tuple[int, int]]:
    """Spans where the article calls an organisation it named in full by its short name followed by
    an industry word (大连澄海生物制药股份有限公司 … 澄海生物): a place in such a span (澄海) is the
    company's, not a location. A name that starts with that part (广州生物医药集团有限公司) marks
    nothing: there it is where the company is."""
    spans: list[tuple[int, int]] = []
    for name in names:
        short = core(name, places)
        if len(short) < 2 or not is_chinese(short) or fold(name).lower().startswith(short):
            continue
        spans.extend(m.span() for m in re.finditer(re.escape(short) + _SHORT_TAIL, text))
    return spans


_SHORT_TAIL = "(?:" + "|".join(WEAK_FORMS) + ")"


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside longer ones (集团 inside …控股集团有限公司)."""
    spans = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return kept
