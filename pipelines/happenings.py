"""Which reports tell one happening, and the one type an event gets from its reports.

A near-duplicate text (MinHash of character shingles, Jaccard ≥ ``NEAR_DUPLICATE``) is a
reprint. Otherwise two reports within the window score points for what rewritten and
translated reports keep, in any script or language: the same money (in CNY), organisations,
parks and places, figures (36313 and 36,313; 22亿 and 2.2 billion), headline words (after
traditional → simplified folding) and keywords, and the same type; ``JOIN_SCORE`` points make
one event. Strong shared evidence joins on its own: a distinctive amount, or two amounts, in
the same place; several figures in common. What keeps different happenings of one place and
week apart: different types cost points, and so do different districts, cities, parks and
companies (different provinces much more: only a national list is reported from two provinces'
angles); headlines in one script about different companies, or counting and summing different
batches, and headlines in any language naming different financing rounds keep two reports apart
whatever else they share; a figure that is a shared amount is not
counted twice; round amounts (1亿, 10亿), small counts and prices are worth little, since
unrelated stories share them.

Types that one happening is told as (a signing headlined by its investment, a park opening
headlined by the companies that sign there) neither add nor cost points; an event's type is
decided from all its reports, the official one first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np

from pipelines.money import cn_number

NEAR_DUPLICATE = 0.5
JOIN_SCORE = 4.0
WEAK_JOIN_SCORE = 6.0  # a report that matched only weakly joins on stronger evidence
# The same amount, or amounts, in the same place: what outlets in every language repeat of one
# happening, and what two happenings of one place and week seldom share.
ANCHOR = 1.5
# What two reports that each name sums of money, none of them the same, lose; more when their
# headlines do.
MONEY_APART = 1.5
DEAL_SUM = 1e6  # CNY; smaller amounts are prices, fees and salaries
HEADLINES_APART = 3.0
# What two reports in one language that each name parks, none the same, lose.
PARKS_APART = 2.0
ORGANIZATIONS_APART = 1.0
# What two reports naming places in different provinces lose.
PROVINCES_APART = 4.0
NATIONAL_LIST_APART = 1.5
# Several figures in common (targets of one plan, sizes of one project): beyond chance.
MANY_FIGURES = 3
FIGURES_BONUS = 1.0
# Types that reports of one happening give it, each from its own angle: a signing ceremony
# headlined by the investment signed, a park opening by the companies that sign there, a fund
# set up by agreement.
# fmt: off
KINDRED_TYPES = frozenset({frozenset({"signing", "investment"}), frozenset({"signing", "park"}),
                           frozenset({"investment", "park"}), frozenset({"signing", "fund"})})
# fmt: on


@dataclass
class Report:
    """An article as clustering sees it."""

    id: int
    when: datetime
    title: str  # folded: simplified characters, ASCII-width
    lang: str
    type: str
    places: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()  # the county-level places among ``places``
    areas: frozenset[str] = frozenset()  # ``places`` and every unit enclosing them
    localities: frozenset[str] = frozenset()  # ``areas`` below the provinces: cities and districts
    sites: frozenset[str] = frozenset()  # ``localities`` and those of the known zones named: where it happened
    parks: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()  # one key per organisation (organizations.KnownOrganizations.key)
    amounts: tuple[float, ...] = ()
    headline_amounts: tuple[float, ...] = ()  # the ``amounts`` its headline names, in yuan
    headline_sites: frozenset[str] = frozenset()  # the ``places`` and ``parks`` its headline names
    headline_organizations: frozenset[str] = frozenset()  # the ``organizations`` its headline names
    figures: frozenset[float] = frozenset()  # as ``figure`` gives them
    keywords: dict[str, float] = field(default_factory=dict)  # word → idf
    signature: np.ndarray | None = None


_FIGURE = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)[\s-]?(万亿|亿|万|trillion|billion|million|thousand)?", re.IGNORECASE
)
_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_DATE_AFTER = re.compile(r"\s?(?:年|月|日|号|时|点|:\d)")
_MONTHS = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s$")


def figure(value: float) -> float:
    """A figure to six significant digits, so 22亿 and 2.2 billion (2.2 × 1e9 in floating point)
    compare equal, in new analyses and in those stored before."""
    return float(f"{value:.6g}")


def figures(text: str) -> list[float]:
    """The numbers a text reports (36313, 13 companies, 60万), not its dates and small counts.

    Written the same way in a rewrite or a translation (36,313 square meters, a 2.2-billion-yuan
    plant), they tie reports of one happening together.
    """
    out: list[float] = []
    for m in _FIGURE.finditer(text):
        raw, scale = m.group(1), (m.group(2) or "").lower()
        value = figure(float(raw.replace(",", "")) * _SCALE.get(scale, 1.0))
        if value < 10 or (not scale and "." not in raw and 1900 <= value <= 2100):
            continue
        if _DATE_AFTER.match(text, m.end(1)) or _MONTHS.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        if value not in out:
            out.append(value)
    return out


def jaccard(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """MinHash estimate of the Jaccard similarity of two texts' shingles."""
    if a is None or b is None or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _round(value: float) -> bool:
    """1亿, 10亿, 5000万: figures many unrelated stories share."""
    if value <= 0:
        return True
    mantissa = value / 10 ** math.floor(math.log10(value))
    return round(mantissa, 6) in (1.0, 2.0, 5.0)


@lru_cache(maxsize=4096)
def _title_words(text: str) -> frozenset[str]:
    """Character pairs of a Chinese title, words of an English one.

    Remembered: clustering compares each new report with every report of the events in its
    window, so one title was split again for each pair (33,000 times for 382 reports).
    """
    if re.search(r"[\u4e00-\u9fff]", text):
        text = re.sub(r"[\W_]+", "", text.lower())
        return frozenset(text[i : i + 2] for i in range(len(text) - 1))
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _EN_STOP)


_EN_STOP = frozenset("the and for with from into its their new over more than after year years".split())


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _weighted_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    union = sum(a.values()) + sum(w for k, w in b.items() if k not in a)
    return sum(w for k, w in a.items() if k in b) / union if union else 0.0


def common_names(reports: Iterable[Report], at_least: int = 3) -> frozenset[str]:
    """Organisations and parks named by many of the reports being compared: big names and big
    zones that turn up in unrelated stories, so sharing one says less."""
    counts: dict[str, int] = {}
    for r in reports:
        for name in r.organizations | r.parks:
            counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, n in counts.items() if n >= at_least)


def _type_points(a: str, b: str) -> float:
    """Rewrites report one happening: the same type adds, a listing is not the ranking it cites."""
    if a == b:
        return 1.0 if a != "other" else 0.0
    if "other" in (a, b) or frozenset({a, b}) in KINDRED_TYPES:
        return 0.0
    return -2.5


def points(a: Report, b: Report, window_days: float, common: frozenset[str] = frozenset()) -> float:
    """How strongly two reports look like one happening (``JOIN_SCORE`` and up: the same)."""
    if jaccard(a.signature, b.signature) >= NEAR_DUPLICATE:
        return math.inf
    if abs((a.when - b.when).total_seconds()) > window_days * 86400:
        return 0.0
    score = 0.0
    shared_money = [x for x in a.amounts if any(abs(x - y) <= 0.01 * max(x, y) for y in b.amounts)]
    score += min(4.0, sum(1.0 if _round(x) else 2.0 for x in shared_money))
    if _deal_sums(a) and _deal_sums(b) and not shared_money:
        score -= MONEY_APART  # each names its sums and none is the other's: two deals
    listing = a.type == b.type == "ranking"  # a list's compiler is named by every report of it
    score += min(4.0, sum(_organization_points(o, common, listing) for o in a.organizations & b.organizations))
    if a.lang[:2] == b.lang[:2] and _names_apart(a.organizations, b.organizations):
        score -= ORGANIZATIONS_APART  # each names its companies, in one language, and none is the other's
    score += min(4.0, sum(1.0 if p in common else 2.0 for p in a.parks & b.parks))
    if a.parks and b.parks and not a.parks & b.parks and a.lang[:2] == b.lang[:2]:
        score -= PARKS_APART  # each names its zones, in one language, and none is the other's
    shared_districts = a.districts & b.districts
    shared_places = a.places & b.places
    score += min(2.0, 1.0 * len(shared_districts)) + min(1.0, 0.5 * len(shared_places - shared_districts))
    if a.areas and b.areas and not (a.areas & b.areas):
        # Different provinces: hardly ever one happening, except a national list that regional
        # papers each report from their own park's angle.
        score -= NATIONAL_LIST_APART if listing else PROVINCES_APART
    elif a.districts and b.districts and not shared_districts:
        score -= 1.0  # different districts
    elif a.sites and b.sites and not a.sites & b.sites:
        score -= 1.0  # different cities of one province, named or where their zones are
    distinctive = len(shared_money) >= 2 or any(not _round(x) for x in shared_money)
    # 浑南区 in one report and 沈阳市 in its translation are one place at the city's level.
    if distinctive and (shared_places or a.localities & b.localities or a.parks & b.parks):
        score += ANCHOR
    # A figure that is a shared amount is that amount again, not more evidence.
    shared_figures = {f for f in a.figures & b.figures if not any(abs(f - x) <= 0.01 * x for x in shared_money)}
    score += min(3.0, sum(1.5 if v >= 100 and not _round(v) else 0.5 for v in shared_figures))
    if len(shared_figures) >= MANY_FIGURES:
        score += FIGURES_BONUS
    score += _type_points(a.type, b.type)
    score += 4.0 * _weighted_overlap(a.keywords, b.keywords)
    if _rounds_apart(a.title, b.title):
        return min(score, 0.0)  # 完成B轮融资 and raises Series A: two rounds, in any language
    if a.lang[:2] != b.lang[:2] and _deals_apart(a.headline_amounts, b.headline_amounts):
        score -= HEADLINES_APART  # US$25 million and 6000万美元 in the headlines: two rounds, in any language
    if a.lang[:2] == b.lang[:2]:
        if (
            a.type == b.type
            and a.type in ("policy", "fund")
            and a.headline_sites
            and b.headline_sites
            and not a.headline_sites & b.headline_sites
        ):
            score -= HEADLINES_APART  # 山西出台20条措施 and 大同经开区…若干措施: two issuers, two policies (or funds)
        score += 4.0 * _overlap(_title_words(a.title), _title_words(b.title))
        sums = _deals_apart(a.headline_amounts, b.headline_amounts)
        counts = _counts_apart(a.title, b.title)
        if (sums and counts) or _companies_apart(a, b):
            return min(score, 0.0)  # 集中签约15个项目 总投资88亿元 and 集中签约8个项目 总投资46亿元: two batches
        if sums or counts:
            score -= HEADLINES_APART
    return score


def _organization_points(key: str, common: frozenset[str], listing: bool) -> float:
    """A shared organisation: a company or institution is strong evidence; an investor, who backs
    many deals in one city and week, or a name many reports carry, is weak."""
    if _INVESTOR.search(key):
        return 0.5
    return 1.0 if key in common and not listing else 2.0


_INVESTOR = re.compile(r"(?:创投|资本|基金|投资|capital|ventures|partners|investments?|fund)$")


def _deal_sums(r: Report) -> list[float]:
    """The sums a deal is told by: a share price or a jab's fee (62.3元, 5000港元) is no deal's size."""
    return [x for x in r.amounts if x >= DEAL_SUM]


def _names_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name organisations and none of one is in a name of the other (翎析医疗 is in
    杭州翎析医疗科技有限公司, so those two are one company told short and in full)."""
    return bool(a and b) and not any(x in y or y in x for x in a for y in b)


def _companies_apart(a: Report, b: Report) -> bool:
    """Both headlines, in one script, name the organisation the story is about, and one's is nowhere
    in the other report (北苓药业…投产 and 鹤康制药…开工, though each names the other's park and
    week): two happenings. A rewrite names its subject, whoever it puts first; a headline's investor
    is not its subject, and the same sum in both headlines is one deal (华润医药系昆药斥25亿 and
    昆药集团投资25亿元)."""
    subjects = [{o for o in r.headline_organizations if not _INVESTOR.search(o)} for r in (a, b)]
    one_sum = bool(a.headline_amounts and b.headline_amounts) and not _deals_apart(
        a.headline_amounts, b.headline_amounts
    )
    if a.lang != b.lang or not all(subjects) or one_sum:
        return False
    return any(
        not any(x in y or y in x for y in other.organizations)
        for one, other in ((subjects[0], b), (subjects[1], a))
        for x in one
    )


def _deals_apart(a: Sequence[float], b: Sequence[float]) -> bool:
    """Two headlines that each name a sum of money, none the other's (within 2 %, for rates): two deals,
    even told with one template (设立20亿元…基金, 设立30亿元…基金)."""
    return bool(a and b) and not any(abs(x - y) <= 0.02 * max(x, y) for x in a for y in b)


def _rounds_apart(a: str, b: str) -> bool:
    """Two headlines that each name a financing round, and not the same one (A轮, Series B, Pre-A)."""
    ra, rb = _rounds_of(a), _rounds_of(b)
    return bool(ra and rb) and not ra & rb


_ROUND = re.compile(
    r"(?i)(?<![a-z-])(?:series\s+)?(pre-?[a-e]\+?|[a-e]\+?|angel|天使)(?:\s*轮|\s+round\b)"
    r"|\bseries\s+(pre-?[a-e]\+?|[a-e]\+?)(?![a-z])"
)


@lru_cache(maxsize=4096)  # compared once per pair of reports
def _rounds_of(title: str) -> frozenset[str]:
    return frozenset(
        (m.group(1) or m.group(2)).lower().replace("-", "").replace("天使", "angel") for m in _ROUND.finditer(title)
    )


def _counts_apart(a: str, b: str) -> bool:
    """Two headlines that each count the projects or companies, and not the same number: two
    batches of one park (再添3个项目, 集中签约8个项目)."""
    ca, cb = (_project_counts(t) for t in (a, b))
    return bool(ca and cb) and not ca & cb


_WORD_NUMBERS = {w: i for i, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), 2)}
_COUNT_ZH = re.compile(r"(\d+|[一二两三四五六七八九十]{1,3})[个家项](?:[\u4e00-\u9fff]{0,8}?)(?:项目|企业)")
_COUNT_EN = re.compile(
    r"\b(\d+|" + "|".join(_WORD_NUMBERS) + r") (?:[a-z\-]+ ){0,2}(?:projects|companies|firms|deals)\b", re.IGNORECASE
)


@lru_cache(maxsize=4096)  # compared once per pair of reports
def _project_counts(title: str) -> frozenset[float]:
    words = [m.group(1).lower() for m in _COUNT_EN.finditer(title)]
    numbers = [cn_number(m.group(1)) for m in _COUNT_ZH.finditer(title)]
    numbers += [float(_WORD_NUMBERS[w]) if w in _WORD_NUMBERS else cn_number(w) for w in words]
    return frozenset(n for n in numbers if n)


def best_event(
    report: Report,
    events: Mapping[str, Sequence[Report]],
    window_days: float,
    common: frozenset[str] = frozenset(),
    weak: bool = False,
    elsewhere: Sequence[re.Pattern[str]] = (),
) -> str | None:
    """The event this report looks most like, if it looks like one enough to join.

    A report is compared with every report of an event within the window, and the mean counts
    (each pair's points capped at ``2 * JOIN_SCORE``, so one reprint does not outvote the
    rest): one report that happens to share a park and a company with a report of another
    happening cannot chain two events into one, while a rewrite or translation looks like all
    reports of its happening. A ``weak`` report (the watch's words only in passing) needs
    ``WEAK_JOIN_SCORE`` to join an event told in its own language, where its reports name them
    in full; a translation, which says them in other words, joins as any report does, unless its
    headline names another industry (``elsewhere``: how to find each): then it needs ``WEAK_JOIN_SCORE``
    too, and joins no event that names its headline's sum nowhere or its industry in no headline.
    """
    best, best_score = None, JOIN_SCORE
    for event_id, members in events.items():
        near = [m for m in members if abs((report.when - m.when).total_seconds()) <= window_days * 86400]
        if not near:
            continue
        score = sum(min(points(report, m, window_days, common), 2 * JOIN_SCORE) for m in near) / len(near)
        if weak and (elsewhere or any(m.lang[:2] == report.lang[:2] for m in near)) and score < WEAK_JOIN_SCORE:
            continue
        if elsewhere and (_another_deal(report, near) or not any(_names(m.title, elsewhere) for m in near)):
            continue  # 集成电路扶持措施 beside 生物医药扶持措施 of one zone and week: another industry's happening
        if score >= best_score:
            best, best_score = event_id, score
    return best


def _names(title: str, industries: Sequence[re.Pattern[str]]) -> bool:
    """The headline names one of the industries, a Latin word beside Chinese included (AI蛋白设计)."""
    spaced = _SCRIPTS_MEET.sub(" ", title)
    return any(p.search(spaced) for p in industries)


_SCRIPTS_MEET = re.compile(r"(?<=[A-Za-z])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[A-Za-z])")


def _another_deal(report: Report, members: Sequence[Report]) -> bool:
    """The headline names a sum, the event's reports name sums, and none is the headline's: the
    report's deal is its own (an electronics signing that recalls the week's drug projects)."""
    sums = [x for m in members for x in m.amounts]
    return bool(report.headline_amounts and sums) and _deals_apart(report.headline_amounts, sums)


def one_type(reports: Sequence[tuple[str, bool]]) -> str:
    """The type of an event from its reports' (type, official) in time order.

    The official reports decide when they name a type (the body that acted knows what it did);
    otherwise the type most reports give, ties to the earliest; ``other`` only when no report
    says more.
    """
    typed = [kind for kind, _ in reports if kind != "other"]
    official = [kind for kind, is_official in reports if is_official and kind != "other"]
    voters = official or typed
    if not voters:
        return "other"
    votes = Counter(voters)
    return max(voters, key=lambda k: votes[k])  # max keeps the first of equals: the earliest
