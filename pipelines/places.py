"""Place recognition: a gazetteer of China's administrative divisions with parent chains.

A mention (黄埔区, 黄埔, "Huangpu district", 生物岛) resolves to one row of
``data/places.tsv``; its chain (黄埔区 → 广州市 → 广东省) is how a watch on 广州 catches an
article about 黄埔区.

Resolution rules, for names that more than one row carries:
1. Context: the candidate whose chain contains a place named unambiguously elsewhere in the
   text wins (朝阳区 next to 北京 is Beijing's; "Huangpu" next to Guangzhou is 黄埔区).
2. Without context, a candidate that encloses the others wins (吉林 → 吉林省, not 吉林市),
   then a province (海南 → 海南省, not 海南州).
3. Otherwise a full official name (朝阳区) resolves to the first row in the file, where the
   more prominent unit is listed first; a short form, alias or English name is dropped.
English district and county names (single pinyin words that are often something else) count
only when followed by District/County or when their city or province is also named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipelines.text import Segmented, is_chinese, name_prefixes, tokenizer

# A region (粤港澳大湾区) is a zone for watches and clustering, but no park (pipelines/parks.py).
LEVELS = ("province", "prefecture", "county", "zone", "region")
_MAX_TOKENS = 10  # a name spans at most this many jieba tokens
_MEDIA = re.compile(
    r"(?:日报|晚报|早报|商报|都市报|电视台|广播电视台|新闻网|融媒|"
    r"\s(?:Daily|Evening News|TV|Television|Radio)\b)"
)
_LATIN_RUN = re.compile(r"[A-Z][A-Za-z0-9'’.,\- ]*")
_EN_SUFFIX = (
    r"(?P<suffix>\s+(?:District|County|New Area|Area|City|Province|Prefecture|district|county|city|province|new area))?"
)


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    level: str
    parent: int | None
    english: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    candidates: tuple[int, ...]
    kind: str  # full | alias | en
    typed: bool = False  # English name followed by District/County/…


class Gazetteer:
    """All known places, indexed by Chinese name, alias and English name."""

    def __init__(self, rows: Iterable[tuple[str, str, str, Sequence[str], Sequence[str]]]) -> None:
        self.places: list[Place] = []
        self.full: dict[str, list[int]] = {}
        self.alias: dict[str, list[int]] = {}
        self.english: dict[str, list[int]] = {}
        self.regions: set[int] = set()
        pending: list[tuple[int, str]] = []
        for name, level, parent, aliases, english in rows:
            pid = len(self.places)
            if level == "region":
                self.regions.add(pid)
            self.places.append(Place(pid, name, "zone" if level == "region" else level, None, tuple(english)))
            pending.append((pid, parent))
            self.full.setdefault(name, []).append(pid)
            for a in aliases:
                if a and a != name:
                    self.alias.setdefault(a, []).append(pid)
            for e in english:
                self.english.setdefault(e, []).append(pid)
        for pid, parent in pending:
            if parent:
                parents = self.full.get(parent)
                if not parents:
                    raise ValueError(f"places: {self.places[pid].name}: unknown parent {parent!r}")
                p = self.places[pid]
                self.places[pid] = Place(p.id, p.name, p.level, parents[0], p.english)
        self.chinese_names = {**{k: "alias" for k in self.alias}, **{k: "full" for k in self.full}}
        self.prefixes = name_prefixes(self.chinese_names)
        names = sorted(self.english, key=len, reverse=True)
        self._en = (
            re.compile(
                r"(?<![A-Za-z])(?P<name>"
                + "|".join(re.escape(n).replace("'", "['’]") for n in names)
                + r")(?:['’]s)?(?![A-Za-z])"
                + _EN_SUFFIX
            )
            if names
            else None
        )

    def chain(self, pid: int) -> list[int]:
        """The place and its ancestors, nearest first."""
        out = [pid]
        while (parent := self.places[out[-1]].parent) is not None and parent not in out:
            out.append(parent)
        return out

    def lookup(self, name: str) -> list[int]:
        """Rows a configured name (full, alias or English) refers to, for watch regions."""
        name = name.strip()
        return self.full.get(name) or self.alias.get(name) or self.english.get(name) or []

    def mentions(self, seg: Segmented) -> list[Mention]:
        """Every place name in the text that starts and ends on token boundaries, but not the
        place in a media outlet's name (湖北日报, Hainan Daily), which is where a report comes
        from, not where its happening is."""
        return [m for m in self._mentions(seg) if not _MEDIA.match(seg.text, m.end)]

    def _mentions(self, seg: Segmented) -> list[Mention]:
        found: list[Mention] = []
        for start, end, surface in seg.spans(self.chinese_names, _MAX_TOKENS, self.prefixes):
            kind = self.chinese_names[surface]
            ids = self.full[surface] if kind == "full" else self.alias[surface]
            if kind == "alias" and len(ids) == 1 and self.places[ids[0]].level != "zone":
                found.extend(self._parent_in(start, surface, ids[0]))
            found.append(Mention(start, end, tuple(ids), kind))
        found.extend(self._inside_tokens(seg, {m.start for m in found}))
        text = seg.text
        if self._en is not None:
            # The alternation of every English name is slow over Chinese text: run it only over
            # the stretches of Latin script.
            for run in _LATIN_RUN.finditer(text):
                for m in self._en.finditer(text, run.start(), run.end()):
                    en_ids = tuple(self.english[_canonical_en(m.group("name"), self.english)])
                    found.append(Mention(m.start(), m.end(), en_ids, "en", bool(m.group("suffix"))))
        return found

    def _inside_tokens(self, seg: Segmented, taken: set[int]) -> list[Mention]:
        """Places jieba cut into one token with what follows: two names (上海浦东, 广州黄埔: a
        place and its district) or a full name and a word (广州市公安局: the owner of an organ)."""
        found: list[Mention] = []
        for start, tok in zip(seg.token_starts, seg.tokens, strict=False):
            if len(tok) < 4 or start in taken or tok[:2] not in self.prefixes or tok in self.chinese_names:
                continue
            for k in range(len(tok) - 2, 1, -1):
                head, rest = tok[:k], tok[k:]
                if head not in self.chinese_names:
                    continue
                if rest in self.chinese_names:
                    found.extend(self._mention(start, head) + self._mention(start + k, rest))
                elif head in self.full and head.endswith(("省", "市", "区", "县")) and tokenizer().FREQ.get(rest):
                    found.extend(self._mention(start, head))
                else:
                    continue
                break
        return found

    def _parent_in(self, start: int, surface: str, pid: int) -> list[Mention]:
        """The parent written at the head of a district's alias (天津滨海新区) names the parent as a
        modifier, as two words would (广州黄埔); at the head of a zone's name (海南自贸港) it does not."""
        parent = self.places[pid].parent
        for k in range(len(surface) - 2, 1, -1):
            head = surface[:k]
            if head in self.chinese_names and parent in self._mention(start, head)[0].candidates:
                return [Mention(start, start + k, (parent,), self.chinese_names[head])]
        return []

    def _mention(self, start: int, surface: str) -> list[Mention]:
        kind = self.chinese_names[surface]
        ids = self.full[surface] if kind == "full" else self.alias[surface]
        return [Mention(start, start + len(surface), tuple(ids), kind)]

    def resolve(self, mentions: Sequence[Mention]) -> list[int]:
        """Place ids for the mentions, in order of first mention, by the rules in the module doc."""
        anchors = [m.candidates[0] for m in mentions if len(m.candidates) == 1 and not self._needs_context(m)]
        context: set[int] = set()
        for a in anchors:
            context.update(self.chain(a))
        resolved: list[int] = []
        for m in sorted(mentions, key=lambda m: m.start):
            pid = self._pick(m, context)
            if pid is not None and pid not in resolved:
                resolved.append(pid)
        return resolved

    def _needs_context(self, m: Mention) -> bool:
        return m.kind == "en" and not m.typed and all(self.places[c].level == "county" for c in m.candidates)

    def _pick(self, m: Mention, context: set[int]) -> int | None:
        cands = m.candidates
        enclosing = [c for c in cands if all(c in self.chain(o) for o in cands)]
        if enclosing and (m.kind == "alias" or (m.kind == "en" and not self._needs_context(m))):
            return enclosing[0]  # 长沙 is the city, whatever else the text names in 长沙县
        scored = [(len(set(self.chain(c)[1:]) & context) + (c in context), c) for c in cands]
        best = max(s for s, _ in scored)
        if best > 0:
            top = [c for s, c in scored if s == best]
            if len(top) == 1:
                return top[0]
            cands = tuple(top)
        if self._needs_context(m):
            return None
        if len(cands) == 1:
            return cands[0]
        for c in cands:
            if all(c in self.chain(o) for o in cands):
                return c
        provinces = [c for c in cands if self.places[c].level == "province"]
        if len(provinces) == 1:
            return provinces[0]
        return cands[0] if m.kind == "full" else None

    def find(self, seg: Segmented, exclude: Sequence[tuple[int, int]] = ()) -> list[int]:
        """Places mentioned in a segmented text, skipping mentions inside the ``exclude`` spans."""
        mentions = [m for m in self.mentions(seg) if not any(s <= m.start and m.end <= e for s, e in exclude)]
        return self.resolve(mentions)

    def name(self, pid: int) -> str:
        return self.places[pid].name


# Facilities named after a place (黄埔东路, 天河站, 新郑国际机场, Baiyun International Airport): the
# place in their name is an address at most, not where the story happens.
# fmt: off
_FACILITIES = frozenset({"路", "东路", "西路", "南路", "北路", "中路", "大道", "大街", "街", "站", "火车站", "高铁站",
                         "地铁站", "汽车站", "机场", "国际机场", "大桥", "隧道", "码头", "港", "港口", "口岸"})
# fmt: on
_EN_FACILITY = re.compile(
    r"(?:[A-Z][a-z]+ ){1,3}(?:International Airport|Airport|Railway Station|Station|Road|Avenue|Street|Bridge|"
    r"Port|port|Checkpoint|checkpoint)\b"
)


def facilities(seg: Segmented) -> list[tuple[int, int]]:
    """Spans of facility names: at most two words, then a road, station, airport or bridge word
    (海口 美兰 国际机场, 黄埔 东路). A full administrative name before them is an address, not part
    of the name (黄埔区 开创大道 happens in 黄埔区)."""
    spans = [m.span() for m in _EN_FACILITY.finditer(seg.text)]
    starts, tokens = seg.token_starts, seg.tokens
    for i, tok in enumerate(tokens):
        if tok not in _FACILITIES:
            continue
        k = i - 1
        while k >= max(0, i - 2) and is_chinese(tokens[k]) and not tokens[k].endswith(("省", "市", "区", "县")):
            k -= 1
        if k + 1 < i:
            spans.append((starts[k + 1], starts[i] + len(tok)))
    return spans


def _canonical_en(surface: str, table: dict[str, list[int]]) -> str:
    return surface if surface in table else surface.replace("’", "'")


def _read_rows() -> list[tuple[str, str, str, list[str], list[str]]]:
    text = (resources.files("pipelines") / "data" / "places.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, level, parent, aliases, english = (line.split("\t") + [""] * 5)[:5]
        if level not in LEVELS:
            raise ValueError(f"places.tsv: {name}: unknown level {level!r}")
        rows.append((name, level, parent, [a for a in aliases.split(",") if a], [e for e in english.split(";") if e]))
    return rows


def config_rows(extra: Iterable[str]) -> list[tuple[str, str, str, list[str], list[str]]]:
    """Rows for ``[analysis] places``: "名称" or a path "上级/名称" naming the enclosing place."""
    rows: list[tuple[str, str, str, list[str], list[str]]] = []
    for entry in extra:
        parts = [p.strip() for p in entry.split("/") if p.strip()]
        if parts:
            rows.append((parts[-1], "zone", parts[-2] if len(parts) > 1 else "", [], []))
    return rows


@lru_cache(maxsize=4)
def gazetteer(extra: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteer plus configured places; built once per process and config."""
    return Gazetteer(_read_rows() + config_rows(extra))


def within(g: Gazetteer, name: str) -> tuple[str, ...]:
    """The name of the place(s) called ``name`` and of every place inside them (a city's districts),
    as articles and events record them; just ``name`` when the gazetteer does not know it."""
    roots = set(g.lookup(name))
    if not roots:
        return (name,)
    return tuple(sorted({p.name for p in g.places if roots & set(g.chain(p.id))}))


@lru_cache(maxsize=1)
def province_short_names() -> frozenset[str]:
    """Short names of provinces and autonomous regions (广东, 内蒙古); the municipalities and the
    special administrative regions are cities, whose names start other names (上海张江药谷)."""
    return frozenset(
        alias
        for name, level, _, aliases, _ in _read_rows()
        if level == "province" and name.endswith(("省", "自治区"))
        for alias in aliases
    )


@lru_cache(maxsize=1)
def prefecture_names() -> frozenset[str]:
    """Names of prefecture-level cities, full and short (南昌市, 南昌)."""
    return frozenset(
        n
        for name, level, _, aliases, _ in _read_rows()
        if level == "prefecture"
        for n in (name, *aliases)
        if len(n) >= 2
    )


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Chinese names of the known zones, full and short (亦庄, 张江)."""
    return frozenset(
        n for name, level, _, aliases, _ in _read_rows() if level == "zone" for n in (name, *aliases) if len(n) >= 2
    )


@lru_cache(maxsize=1)
def new_area_districts() -> frozenset[str]:
    """English names of districts called 新区 (Pudong, Binhai): "Pudong New Area" is a district,
    where "Zhenjiang New Area", named after a city, is a zone."""
    return frozenset(
        e.lower()
        for name, level, _, _, english in _read_rows()
        if level == "county" and name.endswith("新区")
        for e in english
    )


def names(g: Gazetteer) -> frozenset[str]:
    """Every Chinese and English name of a province, prefecture or county (not zones)."""
    out: set[str] = set()
    for table in (g.full, g.alias, g.english):
        out.update(n for n, ids in table.items() if any(g.places[i].level != "zone" for i in ids))
    return frozenset(out)


def cities_for_tokenizer(g: Gazetteer) -> list[str]:
    """Cities' short names jieba knows too weakly to keep whole beside a likelier split (保 / 山南药)."""
    return [a for a, ids in g.alias.items() if len(a) == 2 and any(g.places[i].level == "prefecture" for i in ids)]


def words_for_tokenizer(g: Gazetteer) -> list[str]:
    """Chinese names jieba should keep whole, so a name's token boundaries are its own (渌口, whose
    rare characters it would split)."""
    return [n for n in g.full if len(n) >= 3] + [a for a in g.alias if len(a) >= 2]
