"""Watch matching: which configured watches an article belongs to, on which terms, how strongly.

How a term matches (title and body, traditional characters converted to simplified first):
- ``/regex/``: a Python regular expression, case-insensitive.
- A term with Chinese characters: on jieba's word boundaries. Each end of the term must fall
  between two words, or split a word into the term and another word of at least two
  characters (生物医药 in 生物医药产业园). So 医药 matches 医药企业 and 生物医药 but not
  中医药学院, where jieba reads 中医药 as one word.
- Any other term: whole words, case-insensitive, with plural -s/-es (biopharma matches
  "Biopharma" and "biopharmas", not "biopharmaceutical").
- ``exclude`` terms veto on any occurrence, even inside a longer word (招聘 vetoes 招聘会):
  leaving an article out is the safer mistake.

Relevance: each keyword adds 3 when it is in the title, 0.5 for each mention in the body (up
to five) and 0.5 more when the lead paragraph mentions it. With the default ``min_score`` of 1
an article matches on a keyword in its title, in its lead, or mentioned twice, but not on one
passing mention deep in the text (a GDP report that lists 生物医药 among ten industries).
A keyword that names a park by its industry (生物医药产业园, a biomedical park) says where the
happening was, not what it was: it counts only when the happening is the park's own.
An article matches a watch when at least one keyword and every ``require`` term are found,
no ``exclude`` term is, one of the ``regions`` (if any) is among its places or their
parents, its type is one of ``event_types`` (if any), and its relevance reaches ``min_score``.
Below ``min_score`` the match is weak: the article joins an event other reports of the same
happening started, but starts none. Job ads, market talk, advertisements and public notices
(``event_types.genre``) match no watch: they report no happening.

Beyond the literal keywords, an article that names a happening (an event trigger in its headline
or lead, ``event_types.triggered``) is relevant on weaker evidence:
- ``related`` terms (生物, 疫苗, pharma…) count at half weight, and only beside such a trigger
  or an organisation of the industry; one in the headline or lead, or a keyword together with a
  related term, reaches ``min_score``;
- an organisation whose name carries a keyword or related term (…生物科技有限公司, …Therapeutics)
  in a financing, signing, investment, fund, park or approval report makes it relevant.
An article that names no happening is at most a weak match: a feature on a city's pharma hub, a
zone's one-year review or a deputy's proposal talks about the industry, but nothing happened. So is
one whose headline names another industry (``INDUSTRIES``: 人工智能, 食品, 生物质…) and no keyword
of the watch: the happening is that industry's, the watch's words in the body a passing mention
(a related term in the headline, 生物 in a feed maker's name, does not change that).

A watch's learned model (``pipelines.learn``), when it has one, is one more input, never enough
alone and never a veto: a probability of at least ``CONFIDENT`` makes an article relevant when
the rules found that it names a happening (the event trigger is the other evidence), with or
without a keyword; a low probability removes no match; ``exclude``, ``require``, ``regions``,
``event_types`` and the genres still apply. Without a model the rules decide alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from config import Watch
from pipelines.places import Gazetteer
from pipelines.text import Segmented, fold, is_chinese

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 0.5
BODY_CAP = 5
LEAD_WEIGHT = 0.5
RELATED_WEIGHT = 0.5  # a related term counts half a keyword
ORGANISATION_TYPES = frozenset({"financing", "signing", "investment", "fund", "park", "approval"})
CONFIDENT = 0.8  # a model probability that counts: held out, no near miss of the tuning set reaches it
# Industries a headline can be about. A headline that names one of them and no term of the watch
# reports that industry's happening; the watch's words in its body are a passing mention (an AI
# fund that lists biomedicine among its targets, a biomass plant that supplies a drug maker).
# fmt: off
INDUSTRIES = ("人工智能", "集成电路", "半导体", "芯片", "新能源", "光伏", "储能", "锂电", "电池", "新材料", "汽车",
              "零部件", "低空经济", "无人机", "航空航天", "数字经济", "软件", "大数据", "算力", "文旅", "旅游",
              "食品", "农业", "农产品", "化工", "纺织", "服装", "物流", "钢铁", "装备制造", "电子信息", "生物质",
              "热电", "电力", "风电", "氢能", "家居", "养老", "医美", "医疗美容", "房地产", "饲料", "化妆品", "美妆",
              "宠物", "家电", "建材", "白酒", "茶叶", "体育", "游戏", "影视", "电商", "船舶", "石化", "煤炭", "造纸",
              "家具", "玩具", "餐饮", "酒店", "元宇宙", "区块链", "卫星", "水果", "鲜果", "果蔬", "粮食", "畜牧",
              "水产", "乳业", "彩妆", "护肤", "花卉", "园艺", "种苗", "花木", "育苗", "育种", "水稻", "种业", "粮油", "食用油", "数据中心", "保健食品", "健康食品", "饮品", "饮料", "智能终端", "消费电子",
              "保健品", "智算", "蜂产品", "碳纤维", "复合材料", "乳品", "乳制品", "饼干", "糕点", "重工", "工程机械", "纾困", "住宅",
              "整车", "商用车", "卡车", "重卡", "大飞机", "航空零部件", "轴承", "电子元器件", "电路板", "电解液", "生物基材料", "钛合金", "可降解材料", "阀门", "先进封装", "袜业", "发制品", "尼龙", "燃料乙醇",
              "航空经济", "航空维修", "通用航空", "低空", "显示面板", "新型显示", "显示模组", "显示屏", "面板", "光模块", "光通信",
              "光电", "通信", "量子", "冰雪", "马铃薯", "种薯", "隔膜", "铜箔", "正极材料", "负极材料", "模具", "起重机", "鞋服",
              "金融科技", "电机", "照明", "咖啡", "预制", "跨境电商", "会展", "减速器", "起重", "五金", "航材",
              "人形机器人", "化学品", "铁锅", "高性能纤维", "厨电", "电驱", "皮革", "玉米", "仓储",
              "工业机器人", "液压", "电子级", "酸奶", "智能装备", "机器人", "光刻胶", "聚烯烃", "功率器件", "功率模块", "永磁",
              "演艺", "晶圆", "封装", "微电子", "数字贸易", "康养",
              "/\\bAI\\b|\\bartificial intelligence\\b/", "/\\bsemiconductors?\\b|\\bchips?\\b|\\bchipmakers?\\b/", "/\\bwind (?:power|turbines?|farms?|energy)\\b|\\btyres?\\b|\\btires?\\b/", "/\\baviation\\b|\\bcomposites?\\b|\\benergy storage\\b/",
              "/\\bnew energy\\b/", "/\\bEVs?\\b|\\belectric vehicles?\\b/", "/\\bbatter(y|ies)\\b/",
              "/\\bfood\\b/", "/\\btourism\\b/", "/\\bsolar\\b|\\bphotovoltaic\\b/", "/\\bauto[- ]parts\\b/",
              "/\\bbiomass\\b/", "/\\baesthetic\\b/", "/\\bcosmetics?\\b|\\bbeauty\\b|\\bskincare\\b/", "/\\bspecialty chemicals?\\b/", "/\\bpet\\b/", "/\\bwellness\\b|\\bmeditation\\b/",
              "/\\banimal feed\\b/", "/\\bwheat\\b|\\brice\\b|\\bcrops?\\b|\\bseed (breeder|company|maker)s?\\b|\\bfarm(s|ing)?\\b/", "/\\bgaming\\b/", "/\\be-commerce\\b/", "/\\bsteel\\b/", "/\\bcoal\\b/",
              "/\\bshipping\\b/", "/\\bvehicles?\\b|\\btrucks?\\b|\\bhydrogen\\b|\\baircraft\\b/",
              "/\\bnew materials?\\b|\\belectrolytes?\\b|\\bcircuit boards?\\b/", "/\\breal estate\\b|\\bproperty market\\b/", "/\\bcomputing\\b|\\bdata cent(?:er|re)s?\\b/",
              "/\\bflowers?\\b|\\bhorticultur\\w*\\b|\\bseedlings?\\b|\\bagricultur\\w*\\b/",
              "/\\boptical (?:modules?|transceivers?)\\b|\\bdisplay panels?\\b|\\bcranes?\\b|\\bquantum\\b|\\bpotato(?:es)?\\b/",
              "/\\breducers?\\b|\\bdrones?\\b|\\belectric drives?\\b|\\bleather\\b|\\bcorn\\b|\\bsnacks?\\b|\\bhumanoid\\b|\\bfluorine\\b|\\bjujube\\b/",
              "/\\bindustrial robots?\\b|\\bhydraulics?\\b|\\bdairy\\b|\\byogh?urts?\\b|\\bfeed\\b/",
              "/\\brobots?\\b/", "/\\bphotoresists?\\b|\\bpolyolefins?\\b|\\bpower modules?\\b/",
              "/\\bwearables?\\b|\\bsmart[- ]rings?\\b|\\bsmart[- ]?watch(?:es)?\\b|\\bclimate[- ]tech\\b|\\bbio-based\\b|\\bplastics?\\b/",
              "/\\bdigital trade\\b|\\belderly[- ]care\\b|\\beldercare\\b/")
# fmt: on


@dataclass(frozen=True)
class Term:
    """A watch term compiled once: how to count it in a segmented text."""

    text: str
    folded: str
    pattern: re.Pattern[str] | None  # regex and English terms; None for Chinese

    def count(self, seg: Segmented, park_industry: bool = True) -> int:
        """Mentions in ``seg``; with ``park_industry`` false, not those that name a park's industry
        (生物医药产业园, a biomedical park): there the word says where, not what happened."""
        if self.pattern is not None:
            ends = [m.end() for m in self.pattern.finditer(seg.text)]
        else:
            ends = [at + len(self.folded) for at in seg.find(self.folded, compounds=True)]
        return sum(1 for end in ends if park_industry or not _PARK_AFTER.match(seg.text, end))

    def anywhere(self, seg: Segmented) -> bool:
        """Found at all, word boundaries or not (how ``exclude`` terms are looked for)."""
        if self.pattern is not None:
            return self.pattern.search(seg.text) is not None
        return self.folded.lower() in seg.lower


# What follows an industry word that names a park by it (生物医药产业园, 医药园区, biomedical park).
_PARK_AFTER = re.compile(r"(?:产业)?(?:园区|产业园|园)|\s*(?:industrial |industry |science )?parks?\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def compile_term(term: str) -> Term:
    """``/regex/``, a Chinese word (matched on jieba boundaries) or an English word."""
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return Term(term, term, re.compile(fold(term[1:-1]), re.IGNORECASE))
    folded = fold(term.strip())
    if is_chinese(folded):
        return Term(term, folded, None)
    words = r"\s+".join(re.escape(w) for w in folded.split())
    if re.search(r"[^aeiou]y$", folded, re.IGNORECASE):  # therapy, therapies
        words = words[:-1] + "(?:y|ies)"
    return Term(term, folded, re.compile(rf"(?<![A-Za-z0-9]){words}(?:s|es)?(?![A-Za-z0-9])", re.IGNORECASE))


@dataclass(frozen=True)
class Match:
    """One watch an article matched: the terms found and the relevance score.

    ``weak`` is a match that passed every rule but ``min_score``: such an article joins an
    event of the watch that other reports started, but never starts one.
    """

    watch: str
    terms: tuple[str, ...]
    score: float
    weak: bool = False


def hits(terms: Iterable[str], *segs: Segmented, park_industry: bool = True) -> dict[str, tuple[int, ...]]:
    """{term: (count in each text)} for the terms found in any of the texts."""
    found: dict[str, tuple[int, ...]] = {}
    for term in terms:
        t = compile_term(term)
        counts = tuple(t.count(seg, park_industry) for seg in segs)
        if any(counts):
            found[term] = counts
    return found


def score(found: dict[str, tuple[int, ...]]) -> float:
    """Relevance from {term: (title count, body count, lead count)}: title hits weigh more than
    body hits, repeated mentions more than one."""
    total = 0.0
    for in_title, in_body, in_lead in found.values():
        total += TITLE_WEIGHT * bool(in_title) + BODY_WEIGHT * min(in_body, BODY_CAP) + LEAD_WEIGHT * bool(in_lead)
    return round(total, 2)


def in_regions(
    regions: Sequence[str], places: Sequence[int], gazetteer: Gazetteer, title: Segmented, body: Segmented
) -> bool:
    """True if a place of the article, or one of its parents, is one of the watch's regions.

    A region the gazetteer does not know is matched as a term in the text instead.
    """
    wanted: set[int] = set()
    unknown: list[str] = []
    for region in regions:
        ids = gazetteer.lookup(fold(region))
        if ids:
            wanted.update(ids)
        else:
            unknown.append(region)
    if any(wanted.intersection(gazetteer.chain(p)) for p in places):
        return True
    return bool(unknown) and bool(hits(unknown, title, body))


def _beyond(related: dict[str, tuple[int, ...]], found: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """Related-term counts less the mentions that are part of a keyword found (生物 in 生物医药)."""
    out = {}
    for term, counts in related.items():
        inner = compile_term(term).folded.lower()
        for keyword, keyword_counts in found.items():
            if inner in compile_term(keyword).folded.lower():
                counts = tuple(max(0, c - k) for c, k in zip(counts, keyword_counts, strict=True))
        if any(counts):
            out[term] = counts
    return out


def industry_organizations(watch: Watch, organizations: Iterable[str]) -> list[str]:
    """Organisations whose name carries one of the watch's keywords or related terms, or, in an
    English name, a word that shortens one (Ruidun Bio: biotech; Lianbo Med: medical)."""
    marks = [compile_term(t).folded.lower() for t in (*watch.keywords, *watch.related) if not t.startswith("/")]
    english = [m for m in marks if not is_chinese(m)]
    out = []
    for name in organizations:
        folded = fold(name).lower()
        if any(m in folded for m in marks) or any(
            len(word) >= 3 and any(m.startswith(word) for m in english) for word in re.findall(r"[a-z]+", folded)
        ):
            out.append(name)
    return out


def match(
    watch: Watch,
    title: Segmented,
    body: Segmented,
    lead: Segmented,
    places: Sequence[int],
    gazetteer: Gazetteer,
    event_type: str,
    genre: str | None = None,
    *,
    triggered: bool = True,
    organizations: Sequence[str] = (),
    learned: float | None = None,
) -> Match | None:
    """The watch's verdict on one article, or None when it does not match.

    ``triggered``: the headline or lead names a happening; ``organizations``: the names found;
    ``learned``: the watch's model's probability, if it has a model.
    """
    if genre is not None:
        return None
    confident = triggered and learned is not None and learned >= CONFIDENT
    at_park = event_type == "park"  # a park's own happening is about its industry
    found = hits(watch.keywords, title, body, lead, park_industry=at_park)
    related = _beyond(hits(watch.related, title, body, lead, park_industry=at_park), found) if watch.related else {}
    industry = industry_organizations(watch, organizations) if triggered and event_type in ORGANISATION_TYPES else []
    if not found and not (triggered and (related or industry)) and not confident:
        return None
    if watch.require and len(hits(watch.require, title, body)) < len(set(watch.require)):
        return None
    if any(compile_term(t).anywhere(seg) for t in watch.exclude for seg in (title, body)):
        return None
    if watch.event_types and event_type not in watch.event_types:
        return None
    if watch.regions and not in_regions(watch.regions, places, gazetteer, title, body):
        return None
    relevance = score(found)
    terms = tuple(found)
    if triggered and (related or industry):
        relevance += RELATED_WEIGHT * score(related)
        terms += tuple(related) + tuple(industry)
        up_front = any(in_title or in_lead for in_title, _, in_lead in related.values())
        if industry or up_front or (found and related):
            relevance = max(relevance, watch.min_score)
    if confident:
        relevance = max(relevance, watch.min_score)
    relevance = round(relevance, 2)
    elsewhere = not confident and not any(c[0] for c in found.values())
    elsewhere = elsewhere and other_industry(watch, title)
    return Match(watch.name, terms, relevance, weak=relevance < watch.min_score or not triggered or elsewhere)


def other_industry(watch: Watch, title: Segmented) -> bool:
    """The headline names an industry that is not the watch's (人工智能产业基金 for a biomedical watch)."""
    return bool(other_industries(watch, title))


def other_industries(watch: Watch, title: Segmented) -> tuple[re.Pattern[str], ...]:
    """How to find again each industry the headline names that is not the watch's, in another headline."""
    own = [compile_term(t).folded.lower() for t in (*watch.keywords, *watch.related) if not t.startswith("/")]
    chinese = tuple(o for o in own if is_chinese(o))
    named = []
    for word in INDUSTRIES:
        if not word.startswith("/") and any(word in o or o in word for o in own):
            continue
        if word in _SERVES_CARE and _CARE.search(title.text):
            continue  # 手术机器人, a rehab robot, a hospital's robot: the watch's own field
        term = compile_term(word)
        if term.pattern is not None:
            if term.count(title):
                named.append(term.pattern)
        elif any(
            word not in _APPLIED or not title.text.startswith(chinese, at + len(term.folded))
            for at in title.find(term.folded, True)
        ):
            named.append(re.compile(re.escape(term.folded)))
    return tuple(named)


# Machines a headline may put to care (a surgical robot), and the words that say so.
_SERVES_CARE = ("机器人", "/\\brobots?\\b/")
_CARE = re.compile(
    r"手术|康复|医疗|医用|医院|骨科|血管|内镜|护理|介入|穿刺|surg\w*|rehab\w*|medical|hospital|orthop\w*|vascular|endoscop\w*",
    re.IGNORECASE,
)

# Technologies a headline applies to the watch's own field (人工智能药物研发, 大数据医疗): no other industry.
_APPLIED = ("人工智能", "大数据", "算力", "智算")


def match_all(
    watches: Iterable[Watch],
    title: Segmented,
    body: Segmented,
    lead: Segmented,
    places: Sequence[int],
    gazetteer: Gazetteer,
    event_type: str,
    genre: str | None = None,
    *,
    triggered: bool = True,
    organizations: Sequence[str] = (),
    learned: Mapping[str, float] | None = None,
) -> list[Match]:
    """Every watch the article matches (weakly or not), in configuration order; ``learned``: the
    probability of each watch that has a model."""
    out = []
    for w in watches:
        m = match(
            w,
            title,
            body,
            lead,
            places,
            gazetteer,
            event_type,
            genre,
            triggered=triggered,
            organizations=organizations,
            learned=(learned or {}).get(w.name),
        )
        if m is not None:
            out.append(m)
    return out
