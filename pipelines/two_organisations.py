"""Whether two names an article gives one brand are two organisations, however alike their distinctive
parts: two registered names, a holding company and its operating one, a parent and the unit it names as its
subsidiary, one brand's companies in different trades.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipelines.text import fold, is_chinese

# Chinese trade words a company's name carries after its brand (…药业, …生物).
TRADES = ("药业", "医药", "制药", "生物", "医疗", "生技", "基因")
# Chinese legal forms of a registered name.
REGISTERED = ("有限公司", "有限责任公司", "股份公司", "株式会社", "(有限合伙)")


def two_registered(a: str, b: str) -> bool:
    """Two different registered names (华曜药业（唐山）有限公司, 华曜药业集团股份有限公司; Gangkang Biotech
    Group, Gangkang Biotech (Guangzhou)), or a holding company and its operating one (Hengyin Holdings,
    Hengyin Biotech), are two companies."""
    registered = all(is_chinese(n) and fold(n).endswith(REGISTERED) for n in (a, b))
    if registered and fold(a) != fold(b):
        return True
    if all(_EN_REGISTERED.search(n) for n in (a, b)) and _EN_LEGAL.sub("", a) != _EN_LEGAL.sub("", b):
        return True  # but Hongjin Medical Devices Co. is Hongjin Medical Devices Co., Ltd., told short
    parent = [bool(_EN_PARENT.search(n)) for n in (a, b)]
    return (
        parent[0] != parent[1]
        and all(_EN_OPERATING.search(n) or _EN_PARENT.search(n) for n in (a, b))
        and not (a.startswith(b) or b.startswith(a))  # Lingnan Biologics is Lingnan Biologics Holdings, short
    )


# English names that say which entity (Gangkang Biotech Group, Gangkang Biotech (Guangzhou)).
_EN_REGISTERED = re.compile(
    r"(?:Group|Holdings|Co\.?,? Ltd\.?|Limited|Ltd\.?|Inc\.?|Corp\.?|Corporation|Co\.|GmbH|AG|SpA|S\.p\.A\.|SE|plc|PLC|LLC|"
    r"S\.A\.|N\.V\.|B\.V\.|SA|NV|BV|A/S|AB|K\.K\.|\([A-Z][a-z]+\))$"
)
_EN_LEGAL = re.compile(r",? (?:Co\.?,? Ltd\.?|Co\.|Limited|Ltd\.?|Inc\.?|Corp\.?|LLC)$")
# A holding company and its operating company named by its field (Hengyin Holdings, Hengyin Biotech).
_EN_PARENT = re.compile(r" (?:Holdings|Group)$")
_EN_OPERATING = re.compile(r" (?:Biotech|Biopharma|Pharma|Pharmaceuticals?|Therapeutics|Biologics|Medical)$")


def parent_before(text: str, start: int, entry_at: Mapping[int, int]) -> int | None:
    """The organisation named last before a subsidiary's mark in the same sentence (澄沣医药……，全资子公司
    深圳澄沣生物医药有限公司): the parent of the unit named at ``start``, by the index ``entry_at`` gives
    where it was named; None if no mark stands before ``start``."""
    if not _SUBSIDIARY.search(text, max(0, start - 6), start):
        return None
    sentence = max(text.rfind(mark, 0, start) for mark in "。！？\n")
    return next((entry_at[s] for s in sorted(entry_at, reverse=True) if sentence < s < start), None)


# What names a subsidiary just before its name.
_SUBSIDIARY = re.compile(r"(?:子公司|旗下|附属公司)$")


def other_trade(a: str, b: str, brand: str) -> bool:
    """Two names of one brand in different trades (津康医药集团 and 天津津康生物技术, 竟陵药业 and
    湖北竟陵纺织服饰有限公司): a group's two companies or two namesakes, not one told short."""
    trades = _trades_after(a, brand), _trades_after(b, brand)
    if all(trades):
        return not trades[0] & trades[1]  # 瑞序医药 of 无锡瑞序生物医药: one of its trades
    return any(_trade_missing(x, y) for x, y in ((a, b), (b, a)))


def _trades_after(name: str, brand: str) -> set[str]:
    """The trade words right after the brand (琼港 医药控股有限公司: 医药; 瑞序 生物医药: both), a bracketed
    place skipped."""
    at = name.find(brand)
    if at < 0 or not brand or not is_chinese(brand):
        return set()
    rest = _BRACKET.sub("", name[at + len(brand) :], count=1)
    found: set[str] = set()
    while trade := next((t for t in TRADES if rest.startswith(t)), None):
        found.add(_SAME_TRADE.get(trade, trade))
        rest = rest[len(trade) :]
    return found


def _trade_missing(short: str, name: str) -> bool:
    """A short name's trade that a full name of the brand lacks (竟陵药业, 湖北竟陵纺织服饰有限公司)."""
    trade = next((t for t in TRADES if short.endswith(t)), None)
    if trade is None or not is_chinese(short) or not name.endswith(_FULL) or len(short) - len(trade) < 2:
        return False
    brand = short[: -len(trade)]
    at = name.find(brand[-2:])
    rest = name[at + 2 :] if at >= 0 else name
    if trade == "医疗" and ("医院" in rest or "诊所" in rest):
        return False  # 瑞宠医疗 of 成都瑞宠动物医院管理有限公司: a hospital chain's brand
    chars = iter(rest)
    return not all(char in chars for char in trade)  # 生技 tells 生物科技 short: its characters in order


_SAME_TRADE = {"生技": "生物"}  # Taiwan's short for 生物科技
_FULL = ("有限公司", "股份公司", "集团", "有限责任公司")  # a group's name is as full as a registered one
_BRACKET = re.compile(r"^[(（][^()（）]{1,12}[)）]")
