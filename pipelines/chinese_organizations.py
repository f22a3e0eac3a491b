"""Chinese organisation names by their form: a legal or institutional suffix (…有限公司, …集团,
…研究院) with the name before it read back token by token while the tokens look like a name.

Known names and the one key per organisation are ``pipelines.organizations``; English names by
form are ``pipelines.english_organizations``; brands that read like ordinary words are
``pipelines.brands``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from pipelines import brands, cuts, descriptions, org_units, registered_names
from pipelines.name_ends import PLACE_MAKERS, ends_name
from pipelines.name_words import (
    ACADEMIC_FORMS,
    CLAUSE_MARKS,
    COMPANY_WORDS,
    DESCRIBERS,
    FIELD_JOINS,
    FIELD_TAGS,
    FORM_WORDS,
    FUNCTION_CHARS,
    GENERIC,
    INDUSTRY_WORDS,
    INSTITUTION_FORMS,
    INTRODUCERS,
    INVESTOR_ABBREVIATIONS,
    INVESTOR_FORMS,
    NAME_WORDS,
    OUR_PLACES,
    PARTICLES,
    RELATIONS,
    STRONG_FORMS,
    WEAK_FORMS,
    namey,
    proper,
)
from pipelines.park_addresses import BARE_ZONE
from pipelines.text import Segmented, is_chinese, known_word, tag

# Legal forms: what stands before one is a registered name, so the reading back trusts more.
_LEGAL_FORMS = ("有限公司", "有限责任公司")
_MAX_NAME_CHARS = 24
_MAX_NAME_TOKENS = 10
_PAREN = {")": "("}


def by_form(seg: Segmented, places: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of names ending in one of the forms, read back to where the name starts."""
    text = seg.text
    if not is_chinese(text):
        return []
    found: list[tuple[int, int]] = []
    offsets = seg.token_starts
    last_char, by_last = _forms_by_last(STRONG_FORMS, WEAK_FORMS)
    for m in last_char.finditer(text):  # only the tokens that end in a form's last character
        i = bisect.bisect_right(offsets, m.start()) - 1
        tok = seg.tokens[i]
        if offsets[i] + len(tok) != m.end() or tok in RELATIONS or text.startswith("医院区", m.end() - 2):
            continue  # …医院河医院区: 院区 is a hospital's campus, the name ended at the hospital before it
        if tok == "公司" and seg.tokens[i - 1 : i] == ["附属"]:
            continue  # 衡因控股附属公司: a company's subsidiary, as 子公司
        if tok == "大学" and seg.tokens[i - 1 : i] == ["国家"] and text.startswith("科技园", m.end()):
            continue  # 浙江大学国家大学科技园: a kind of park, the university named before it
        if seg.tokens[i + 1 : i + 2] and seg.tokens[i + 1] in _LEGAL_FORMS:
            continue  # 控股集团 有限公司: the name ends at its legal form
        for form in by_last[m.group()]:
            if not tok.endswith(form):
                continue
            weak = form in WEAK_FORMS
            if (
                weak
                and tok != form
                and not (form in ("科技", "制药") and tok[:-2] in WEAK_FORMS)
                and not cuts.glued_brand(tok, form)
            ):
                break  # but a brand's field and 科技 or 制药 end its name (普罗吉 医药科技, 华冀 生物制药)
            end = offsets[i] + len(tok)
            if weak and not ends_name(seg.tokens, i):
                break
            if form == "药房" and tok == form and not brands.pharmacy_brand(seg.tokens, i):
                break  # 社区药房, 智慧药房: a kind of pharmacy; 嘉衡药房 a chain's name
            if form in INVESTOR_ABBREVIATIONS and _abbreviation_goes_on(seg.tokens, i):
                break  # 金控 inside 深圳坪山金控投资有限公司 is not where the name ends
            lab = org_units.levelled_lab(seg, i, places) if form == "实验室" else None
            if lab == -1:
                break  # 拥有2个国家重点实验室: a kind of lab, no one's name
            start = (
                _owner_before(seg, lab, places)
                if lab is not None
                else _name_start(seg.tokens, offsets, i, len(tok) - len(form), weak, places)
            )
            if form in brands.ETHNIC_MEDICINES and not brands.ethnic_brand(seg, i, start):
                break
            if start is None and form in INVESTOR_FORMS:
                start = brands.listed_investor(seg.tokens, offsets, i)
            if start is None and form == "药业":
                start = brands.listed_maker(seg.tokens, offsets, i)
            if start is None and weak and tok == form:
                start = brands.function_brand(seg, i)
            if (
                form in org_units.SCHOOL_FORMS
                and (j := org_units.university_before(seg, i, len(tok) - len(form), places)) is not None
            ):
                start = _name_start(seg.tokens, offsets, j, len(seg.tokens[j]) - 2, False, places)
            if (
                start is not None
                and not _JOINT.search(text, start, end)
                and not descriptions.counted(seg, start, end - len(form))
                and not (
                    (weak or form == "医院") and descriptions.described_only(text[start : end - len(form)], places)
                )
                and not (
                    weak
                    and descriptions.peoples_medicine(descriptions.after_place(text[start : end - len(form)], places))
                )
                and not descriptions.LEVELLED.search(text, start, end)  # 山西省级国有资本运营公司: a kind of company
                and not descriptions.unnamed_facility(text[start:end], places)
            ):
                role = _ROLE.match(text, start, end)  # 管理人为 / 浙江越康…: jieba glued 人为
                if tok == form:
                    start = descriptions.brand_after_city(text, start, end - len(form), form, places)
                found.append((role.end() if role else start, _bracketed_place(text, end, places)))
            break
    return found


def _owner_before(seg: Segmented, start: int, places: frozenset[str]) -> int:
    """The start of the institution right before a lab's field (中国药科大学 / 天然药物…国家重点实验室): the
    lab is named with it; else the field's start."""
    j = bisect.bisect_right(seg.token_starts, start) - 2
    form = next((f for f in INSTITUTION_FORMS if j >= 0 and seg.tokens[j].endswith(f)), None)
    if form is None:
        return start
    owner = _name_start(seg.tokens, seg.token_starts, j, len(seg.tokens[j]) - len(form), False, places)
    return start if owner is None else owner


def _abbreviation_goes_on(tokens: Sequence[str], i: int) -> bool:
    """An investor's abbreviation (城投, 产投, 金控) ends the name unless a company's words follow (金控
    投资有限公司); what follows otherwise is the sentence (菏泽城投 合资组建, 经开产投 代建)."""
    nxt = next((t for t in tokens[i + 1 : i + 3] if not t.isspace()), "")
    return nxt in FORM_WORDS or nxt in COMPANY_WORDS or nxt.endswith((*STRONG_FORMS, *WEAK_FORMS, "公司"))


# fmt: off
_TIME_WORDS = {"今年以来", "以来", "今年", "去年", "明年", "近年", "近年来", "近日", "日前", "目前", "此前", "随后", "过去", "以往",
               "今后"}
# fmt: on
_TIME = re.compile(
    r"[前近这]?[一二两三四五六七八九十几数\d]+[天日周年月]前?|前[一二两三四五六七八九十几数\d]*[天日周年月]"
    r"|[上本下这]周[一二三四五六日天末]?|星期[一二三四五六日天]"
)


def _bracketed_place(text: str, end: int, places: frozenset[str]) -> int:
    """The end of a name, with the place in brackets after it that names its campus or branch
    (香港城市大学（东莞）), or a partnership's kind (…合伙企业（有限合伙）, …会计师事务所（特殊普通合伙）)."""
    m = _BRACKET.match(text, end)
    return m.end() if m and (m.group(1).lower() in places or m.group(1) in ("有限合伙", "特殊普通合伙")) else end


# A role before a name, written without a break (管理人为…有限公司, 基金管理人…, 主办单位…).
_FIELDS = INDUSTRY_WORDS | set(PLACE_MAKERS)
_ROLE = re.compile(
    r"(?:基金)?(?:管理人|执行事务合伙人|普通合伙人|主办单位|承办单位|运营单位|建设单位|实施单位|牵头单位|"
    r"运营方|投资方|建设方|主办方|承办方|协办方|稳价人|保荐人|受托人|托管人|发行人|申请人|"
    r"配售代理|财务顾问|法律顾问|审计师|核数师|承销商|整体协调人|账簿管理人)(?:为|是)?"
)


_BRACKET = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")
# A lab or centre two parties set up together is described by its field (疫苗工程联合实验室), not named;
# the parties are the organisations. So is a Party-building alliance of a park's companies (…党建联盟).
_JOINT = re.compile(r"联合[\u4e00-\u9fff]{0,2}(?:实验室|研究中心)$|党建联盟$")


@lru_cache(maxsize=8)
def _forms_by_last(strong: Sequence[str], weak: Sequence[str]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern for the forms' last characters, and the forms by last character, in order:
    a token is tried only against the forms it can end in."""
    out: dict[str, tuple[str, ...]] = {}
    for form in (*strong, *weak):
        out[form[-1]] = (*out.get(form[-1], ()), form)
    return re.compile("[" + "".join(map(re.escape, out)) + "]"), out


_ZONE_SHORT = re.compile(f"{BARE_ZONE.pattern}|经开")  # 扬州 经开 产投, 许昌 经开 …运营有限公司: a zone's short form


def _name_start(
    tokens: Sequence[str], offsets: Sequence[int], i: int, inner: int, weak: bool, places: frozenset[str] = frozenset()
) -> int | None:
    """Read back from the suffix while tokens look like a name; None if no name is there.

    Before a weak form (…药业, …资本) a place name is not enough (广州医药 is an industry), but a
    word jieba tags as a place that is no province, city or county is a brand (粤海药业)."""
    parts: list[str] = [tokens[i][:inner]] if inner else []
    legal = tokens[i].endswith((*_LEGAL_FORMS, "合伙企业"))  # a partnership's name is registered too
    institution = tokens[i].endswith(INSTITUTION_FORMS)
    headed = False
    j = i - 1
    if weak and not inner and cuts.split_brand(tokens, j):
        return offsets[j - 1]  # 的 峻 / 和 / 生物: a brand of two characters jieba cut apart
    while all(p in FORM_WORDS for p in parts) and j >= 0 and tokens[j] in FORM_WORDS:  # 集团 控股有限公司
        parts.insert(0, tokens[j])
        j -= 1
    while j >= 0 and len(parts) < _MAX_NAME_TOKENS:
        tok = tokens[j]
        glued = (
            tag(tok) is None
            and len(tok) > 1
            and tok[0] in FUNCTION_CHARS
            and is_chinese(tok)
            and not known_word(tok)
            and not _ZONE_SHORT.fullmatch(tok)  # 经开区 is a zone's short form, not 经 glued to 开区
        )
        if legal and parts and parts[0] in _FIELDS and cuts.split_brand(tokens, j, registered=True):
            return offsets[j - 1]  # 是 港 / 越 / 医药 / 控股有限公司: a brand cut apart, a field, a legal form
        if tag(tok) is None and len(tok) == 2 and tok[-1] in "与和及暨为是" and parts and not known_word(tok):
            break  # jieba glued a conjunction or a copula to the name before (宇康生 技与 / 国立阳明交通大学)
        if tag(tok) is None and len(tok) == 2 and tok[-1] in "以经为是" and not parts and not known_word(tok):
            break  # 多以 / 需经 / 2家为 医院: a verb's particle, then a bare form, no name
        if tag(tok) is None and tok.startswith(OUR_PLACES) and len(tok) > 2 and not known_word(tok):
            parts.insert(0, tok[2:])  # 我区筑源 / 生物: a portal's "our district" glued to the name
            break
        if tag(tok) is None and len(tok) > 1 and tok[0] == "商" and j and tag(tokens[j - 1]) in {"n", "j", "vn"}:
            parts.insert(0, tok[1:])  # 器械 商天昊 / 医疗: a trader's 商 glued to the name after it
            break
        if tag(tok) is None and len(tok) > 1 and tok[0] in _COUNTERS and cuts.numbered(tokens, j):
            rest = tok[1:].lstrip("".join(FUNCTION_CHARS))
            if len(rest) >= 2:
                parts.insert(0, rest)  # 今（25）日与昕澈 / 医电, 16日渝港 / 生物: a date glued to the name
            break  # 18 家生技 / 公司, 21 日办 / 生物科技: a count or a date, then no name
        if tok == "联合" and parts and parts[0] in places:
            break  # 文化旅游部门 联合 内蒙古…医院: "together with", then the name
        if glued and (legal or weak) and j and tokens[j - 1] in places and len(tok) == 2:
            parts.insert(0, tok)  # 合肥 为度 生物科技有限公司: a place starts the registered name
            j -= 1
            continue
        # A conjunction seldom starts a registered name's clause: ，暨阳 (Jiangyin's old name) 医药控股有限公司.
        heads_clause = legal and tok[0] in "与和及暨" and (j == 0 or tokens[j - 1] in CLAUSE_MARKS)
        glued = glued and not heads_clause
        if glued and (parts or len(tok) > 2):
            cut = 2 if len(tok) > 3 and tok[1] in PARTICLES else 1  # 这是昌源 / 产投: two glued
            if not set(tok[cut:]) <= FUNCTION_CHARS:  # 这是 / 锐视: nothing of the name is in it
                parts.insert(0, tok[cut:])  # jieba glued a particle to the name (抗体药的和睿 / 生物, 由青禾 / 资本)
            break
        if tok in _PAREN:
            k = j - 1
            while k >= 0 and tokens[k] != "(" and j - k < 5:
                k -= 1
            if k < 0 or tokens[k] != "(" or not all(is_chinese(t) for t in tokens[k + 1 : j]):
                break
            if "".join(tokens[k + 1 : j]).endswith(("讯", "电")):
                break  # （中央社讯）财团法人…: a dateline's bracket, not the name's place or entity
            parts[:0] = tokens[k : j + 1]
            j = k - 1
            continue
        stop = (
            not (namey(tok) or tok in places or BARE_ZONE.fullmatch(tok))  # 临汾 经开区 …基金合伙企业
            or tok in INTRODUCERS
            or (tok.endswith("地区") and tok not in places and not tokens[i].endswith("联盟"))  # 华北地区: a region's,
            # not a name (喀什地区 is one), unless an alliance is named by it (成渝地区…创新联盟)
            or (institution and tok in COMPANY_WORDS)
            or tok.endswith(_LEGAL_FORMS)  # another company's name ends there (…有限公司附属公司)
            or (not legal and tok.endswith(("中心", "交易所")))  # 证券柜台买卖中心 / 上柜公司: its listed one
            or (
                parts and (tok in DESCRIBERS or (tok.endswith(registered_names.MAKER_KINDS) and len(tok) > 1))
            )  # 美妆品牌 / 晶妍…
            or (
                tag(tok) is None
                and tok[0] in FUNCTION_CHARS
                and not known_word(tok)
                and not _ZONE_SHORT.fullmatch(tok)
                and not heads_clause
            )
            or (len(tok) > 1 and tok[-1] in "在于" and tok not in places)  # 年 内在 / 香港…: "in" ends the clause
            or (len(tok) == 2 and tag(tok) is None and tok[-1] in "由的把被让向")  # 科学 园由 / 山东大学: "by" too
            or (tok in ("距", "距离") and tag(tok) == "n")  # 距 / 香港科技大学: "away from", read as a noun
            or (tok == "互联网" and tokens[i].endswith("医院"))  # …医院 互联网医院: a hospital's online service
            or bool(_TIME.fullmatch(tok))  # 前两天 / 括苍药业: a time before the name
            or tok in _TIME_WORDS
        )
        if stop and legal and brands.listed_head(tokens, j):
            headed = True  # 、正大 / 天晴药业…, ，心衡 / 医疗科技有限公司: an adjective heads the registered name
        if (
            stop
            and legal
            and not (parts and tok in DESCRIBERS and parts[0] not in NAME_WORDS)  # 连锁 / 晴禾大药房…: what it is
            and (
                brands.brand_verb(tokens, j, places)
                or brands.joined_char(tokens, j)
                or brands.listed_head(tokens, j)
                or (
                    brands.registered_word(tok) and not (parts and tag(parts[0]) == "nt")
                )  # 供应 / 哈药集团: a known group is a whole brand
                or registered_names.numeral_brand(tokens, j, places)
            )
        ):
            stop = False
        if stop and legal and tok == "集团" and parts and not any(proper(p, tag(p)) for p in parts) and j:
            stop = not namey(tokens[j - 1])  # 鞍钢 集团 资本控股有限公司: a group's unit named by its trade
        if (
            stop
            and tok in FIELD_JOINS
            and tokens[i].endswith(ACADEMIC_FORMS)
            and _joins_fields(tokens, j, parts, places)
        ):
            stop = False
        if sum(map(len, parts)) + len(tok) > _MAX_NAME_CHARS:
            break
        if (
            stop
            and not (
                len(tok) == 1
                and is_chinese(tok)
                and tok not in PARTICLES
                and parts
                and len(parts[0]) == 1
                and is_chinese(parts[0])
            )
            and not cuts.cut_brand(tokens, j)
            and not cuts.inside_name(tokens, j)
        ):
            addressed = bool(parts) and parts[0] in places and parts[0].endswith(registered_names.FULL_ADMIN)
            head = (
                registered_names.registered_head(tokens, j, places, company=not institution)
                if (institution or legal) and not addressed
                else None
            )
            if head is not None:
                parts[:0] = tokens[head : j + 1]
            break  # a lone character before the suffix is a name cut apart (杭州和睿: 和 / 睿)
        parts.insert(0, tok)
        j -= 1
        if (
            legal
            and tok in places
            and (
                not registered_names.earlier_place(tokens, j, places)
                or (registered_names.province(tok) and tokens[j] in places)
            )
            and not registered_names.place_before_form(tokens, j, parts)
        ):
            break  # a registered name starts with its place (因途经 / 山东康源生物医药有限公司), at the
            # province if it names one (平凉市崆峒区 / 甘肃陇原丹参药业有限公司: an address before it)
    while parts and (
        parts[0] in GENERIC | {"(", ")"}
        or (len(parts) > 1 and tag(parts[0]) == "v" and parts[0] not in places and not cuts.cut_head(parts))
    ):
        parts.pop(0)  # a description or a verb before the name (联合 / 首都医科大学)
    name = "".join(parts)
    if len(name) < 2 or all(p in GENERIC for p in parts):
        return None
    words = [p for p in parts if p not in "()"]
    if legal and "(" in parts:
        outside = parts[: parts.index("(")]  # 医疗器械（中国）有限公司: a unit's place says where, not who
        if outside and all(p in INDUSTRY_WORDS or p in GENERIC for p in outside):
            return None
    tags = [tag(p) for p in words]
    proper_parts = [
        proper(p, t) or p in places or ((legal or weak) and t == "j") for p, t in zip(words, tags, strict=False)
    ]
    described = all(
        p in places or p in INDUSTRY_WORDS or p in GENERIC or t == "ns" for p, t in zip(words, tags, strict=True)
    )
    if described and tokens[i].endswith("公司") and not tokens[i].endswith("有限公司"):
        return None  # 日本公司, 深圳医疗器械公司: a description
    if legal and len(words) == 1 and words[0] in places and tokens[i] in _LEGAL_FORMS:
        return None  # 香港有限公司: a seat and a legal form, no one's name
    if weak and all(p in INDUSTRY_WORDS for p in words):
        return None  # 生技 医材: two fields, no one's name
    if (
        weak
        and tokens[i] not in INVESTOR_ABBREVIATIONS
        and not (tokens[i] in PLACE_MAKERS and words[0] in places and not registered_names.province(words[0]))
        and (  # 菏泽 城投: every city has one, its place names it
            not any(
                t in {None, "x", "nz", "nr", "nrt", "nrfg", "nt", "eng", "j"} or (t == "ns" and p not in places)
                for p, t in zip(words, tags, strict=False)
            )
            or len(name) > 8
        )
    ):
        return None
    if words[0] in _LEGAL_PERSONS and len(words) > 1:
        return offsets[i] + inner - len(name)  # 财团法人 says a registered body follows, common words or not
    company = legal and not tokens[i].endswith("合伙企业")  # a fund's own words (创业投资) name no partnership
    if (
        not any(proper_parts)
        and not headed
        and not (company and (brands.common_brand(words) or brands.cut_brand(words)))
    ):
        return None
    return offsets[i] + inner - len(name)


_COUNTERS = set("日月年家章个名所位项")


def _joins_fields(tokens: Sequence[str], j: int, parts: Sequence[str], places: frozenset[str]) -> bool:
    """与 between two fields of study inside a school's or institute's name (生命科学与技术学院), not
    between two names: both sides are common nouns, neither an organisation nor a place."""
    before = tokens[j - 1] if j > 0 else ""
    after = parts[0] if parts else ""

    def field(word: str) -> bool:
        return (
            is_chinese(word)
            and (tag(word) in FIELD_TAGS or word in INDUSTRY_WORDS)  # 生医, 医材: Taiwan's words for fields
            and word not in places
            and word not in INTRODUCERS
            and (word in WEAK_FORMS or not word.endswith((*STRONG_FORMS, *WEAK_FORMS)))  # 生物 alone is a field
        )

    return field(before) and field(after) and after not in _LEGAL_PERSONS


_LEGAL_PERSONS = {"财团法人", "社团法人"}  # Taiwan's foundations and associations: a new name starts
