"""Money in Chinese and English news text, normalised to CNY.

Money is a number with a currency (元, 美元, 港币, yuan, USD, $, HK$) or, for 万/亿 figures
written without one, a number right after a money word (总投资50亿, 融资超10亿). Volumes,
areas and counts (60万升, 36313平方米, 280,000 square meters) carry no currency and no money
word, so they are not money. A figure in brackets right after another
(40 million yuan ($5.79 million)) converts the same money and is not counted again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rates:
    """CNY per unit of each currency, from ``[analysis]``."""

    usd: float = 7.1
    eur: float = 7.8
    hkd: float = 0.91

    def cny(self, currency: str) -> float:
        return {"CNY": 1.0, "USD": self.usd, "EUR": self.eur, "HKD": self.hkd}[currency]


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
# fmt: off
_CN_CURRENCY = {"元": "CNY", "元人民币": "CNY", "人民币": "CNY", "RMB": "CNY", "块": "CNY", "块钱": "CNY",
                "美元": "USD", "欧元": "EUR", "港元": "HKD", "港币": "HKD"}
# fmt: on
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Each pattern opens with a look-ahead for the characters a match can start with, so the scan
# skips most of the text at one class test per character instead of trying every branch there.
# A new branch that starts with another character must add it to the look-ahead.
_CN_AMOUNT = re.compile(
    r"(?=[超逾近约不最将接人R美港欧\s\d零〇一二两三四五六七八九十百千])"
    r"(?P<qual>超过|超出|超|逾|近|约|不低于|不少于|最高|最多|至多|将近|接近)?"
    r"(?P<pre>人民币|RMB|美元|港币|港元|欧元)?\s?"
    rf"(?P<num>{_NUM}|[零〇一二两三四五六七八九十百千]+)(?P<more>多|余)?"
    r"(?P<unit>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?(?P<more2>多|余)?"
    r"(?P<cur>元人民币|元|人民币|美元|欧元|港元|港币|块钱|块)?"
)
# Words after which a bare 万/亿 figure is money (总投资50亿, 融资超10亿).
_MONEY_CUE = re.compile(
    r"(?:投资|融资|资金|基金|规模|产值|营收|收入|金额|估值|总额|出资|募资|募集|投入|补贴|"
    r"奖励|资助|扶持|销售额|市值|成交|贷款|授信|预算|经费|资本)[^,，。;；\d]{0,6}$"
)
_NOT_MONEY_AFTER = set("升吨平方米亩公顷人个家台件辆只头次套份株剂支盒瓶例名位项条座栋千瓦度户张册篇字岁倍")
_VAGUE_BEFORE = set("几数上好多")
# fmt: off
_EN_SCALE = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6,
             "thousand": 1e3, "k": 1e3}
_EN_PREFIX_CUR = {"US$": "USD", "USD": "USD", "U.S.$": "USD", "$": "USD", "RMB": "CNY", "CNY": "CNY", "Rmb": "CNY",
                  "HK$": "HKD", "HKD": "HKD", "€": "EUR", "EUR": "EUR", "¥": "CNY", "￥": "CNY"}
_EN_SUFFIX_CUR = {"yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "us dollars": "USD",
                  "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
                  "hong kong dollars": "HKD", "hk dollars": "HKD", "hkd": "HKD"}
# fmt: on
_EN_QUAL = (
    r"(?P<qual>(?:over|more than|less than|nearly|about|around|approximately|almost|up to|roughly|"
    r"exceeding|at least)\s)?"
)
_EN_AMOUNT = re.compile(
    r"(?=[acehlmnoru$€¥￥\d])"
    + _EN_QUAL
    + r"(?:(?P<pcur>US\$|U\.S\.\$|HK\$|USD|RMB|Rmb|CNY|HKD|EUR|\$|€|¥|￥)\s?(?P<pnum>"
    + _NUM
    + r")"
    r"(?:\s?(?P<pscale>trillion|billion|million|thousand|bn|mn|m|b|k)(?![A-Za-z]))?"
    r"|(?P<snum>"
    + _NUM
    + r")(?:[\s-]?(?P<sscale>trillion|billion|million|thousand|bn|mn)(?![A-Za-z])|(?P<letter>[bm]))?[\s-]"
    r"(?P<scur>yuan|renminbi|RMB|CNY|U\.S\. dollars|US dollars|dollars?|USD|euros?|EUR|Hong Kong dollars|HK dollars|HKD)(?![A-Za-z]))",
    re.IGNORECASE,
)
_CONVERSION_GAP = re.compile(
    r"\s?[(（]\s?(?:about|around|approximately|approx\.|roughly|or|约合|约|合|折合|相当于)?\s?", re.IGNORECASE
)


def cn_number(text: str) -> float | None:
    """Value of 1139亿, 2.25万亿, 三千万, 百亿, 1,200 — Arabic digits mixed with Chinese units."""
    total = section = small = 0.0
    number: float | None = None
    i = 0
    while i < len(text):
        m = re.match(_NUM, text[i:])
        if m:
            number = float(m.group().replace(",", ""))
            i += m.end()
            continue
        ch = text[i]
        if ch in _CN_DIGITS:
            number = float(_CN_DIGITS[ch])
        elif ch in _CN_SMALL:
            small += (1.0 if number is None else number) * _CN_SMALL[ch]
            number = None
        elif ch == "万":
            section += (small + (number or 0.0)) * 1e4
            small, number = 0.0, None
        elif ch == "亿":
            total = (total + section + small + (number or 0.0)) * 1e8
            section = small = 0.0
            number = None
        else:
            return None
        i += 1
    value = total + section + small + (number or 0.0)
    return value if value > 0 else None


def values(text: str, rates: Rates) -> list[float]:
    """The sums a short text names (a headline), in CNY, first mention first."""
    return [float(v) for a in amounts(text, rates) if isinstance(v := a["value_cny"], int | float)]


def amounts(text: str, rates: Rates, original: str | None = None) -> list[dict[str, object]]:
    """Money amounts as [{"text", "value_cny"}], first mention first, each value once.

    ``text`` is the folded text (simplified, ASCII-width); ``original`` the same text as
    published (same length), from which each amount's ``text`` is quoted.
    """
    quote = original if original is not None and len(original) == len(text) else text
    found: list[tuple[int, int, float]] = []
    for m in _CN_AMOUNT.finditer(text):
        value = _cn_match(m, text, rates)
        if value is not None:
            found.append((*_strip(text, m.start(), m.end()), value))
    for m in _EN_AMOUNT.finditer(text):
        value = _en_match(m, rates)
        if value is not None:
            found.append((*_strip(text, m.start(), m.end()), value))
    found.sort(key=lambda f: (f[0], -f[1]))  # at one start the longest reading (RMB 900 million, not RMB 900)
    out: list[dict[str, object]] = []
    kept: list[float] = []  # the values in out
    prev_end = -1
    for start, end, value in found:
        if start < prev_end:
            continue
        conversion = prev_end >= 0 and _CONVERSION_GAP.fullmatch(text[prev_end:start]) is not None
        prev_end = end
        if conversion or any(abs(k - value) <= 0.005 * value for k in kept):
            continue
        rounded = round(value) if value >= 100 else round(value, 2)
        out.append({"text": quote[start:end], "value_cny": rounded})
        kept.append(rounded)
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cn_match(m: re.Match[str], text: str, rates: Rates) -> float | None:
    num, unit, cur, pre = m.group("num"), m.group("unit") or "", m.group("cur"), m.group("pre")
    chinese_numeral = not num[0].isdigit()
    if chinese_numeral and not unit and not any(c in num for c in "十百千"):
        return None
    if m.start() > 0 and text[m.start() - 1] in _VAGUE_BEFORE and not m.group("qual"):
        return None
    if (m.start() > 0 and text[m.start() - 1].isdigit()) or text[m.start() : m.start() + 1] == ".":
        return None
    currency = _CN_CURRENCY.get(pre or "") or _CN_CURRENCY.get(cur or "")
    if currency is None:
        if unit not in ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "万"):
            return None
        after = text[m.end() : m.end() + 1]
        if after in _NOT_MONEY_AFTER or not _MONEY_CUE.search(text[max(0, m.start() - 12) : m.start()]):
            return None
        currency = "CNY"
    value = cn_number(num + unit)
    return None if value is None else value * rates.cny(currency)


def _en_match(m: re.Match[str], rates: Rates) -> float | None:
    if m.group("pcur"):
        cur = m.group("pcur")
        currency = _EN_PREFIX_CUR.get(cur) or _EN_PREFIX_CUR.get(cur.upper())
        num, scale = m.group("pnum"), (m.group("pscale") or "").lower()
    else:
        currency = _EN_SUFFIX_CUR[m.group("scur").lower()]
        num, scale = m.group("snum"), (m.group("sscale") or m.group("letter") or "").lower()  # 2b-yuan, 500m yuan
    if currency is None:
        return None
    value = float(num.replace(",", "")) * _EN_SCALE.get(scale, 1.0)
    return value * rates.cny(currency)
