"""Money in Chinese and English text, valued in CNY."""

from __future__ import annotations

import pytest

from pipelines.money import Rates, amounts, cn_number
from pipelines.text import fold
from tests.support.entities import analyse_text

RATES = Rates()


def _money(text: str, rates: Rates = RATES) -> list[tuple[str, float]]:
    return [(a["text"], a["value_cny"]) for a in amounts(fold(text), rates, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全区生物医药产值达1139亿元", [("1139亿元", 113_900_000_000)]),
        ("项目总投资超30亿元", [("超30亿元", 3_000_000_000)]),
        ("基金总规模2.25万亿元", [("2.25万亿元", 2_250_000_000_000)]),
        ("投入近百亿元", [("近百亿元", 10_000_000_000)]),
        ("奖励三千万元", [("三千万元", 30_000_000)]),
        ("allocated more than 3.7 billion yuan on innovation", [("more than 3.7 billion yuan", 3_700_000_000)]),
        ("support of 40 million yuan ($5.79 million) to 20 projects", [("40 million yuan", 40_000_000)]),
        ("a deal worth USD 1.18 billion", [("USD 1.18 billion", 8_378_000_000)]),
        ("raised HK$2.1 billion", [("HK$2.1 billion", 1_911_000_000)]),
        ("集資約港幣36億元", [("約港幣36億元", 3_276_000_000)]),  # traditional, HKD, quoted as written
        ("总投资50亿，占地36,313平方米", [("50亿", 5_000_000_000)]),
        ("融资1.5亿美元（约合人民币10.7亿元）", [("1.5亿美元", 1_065_000_000)]),
        ("a 15-billion-yuan fund", [("15-billion-yuan", 15_000_000_000)]),
        ("a 60-million-euro factory", [("60-million-euro", 468_000_000)]),  # the singular of a compound adjective
        ("Sciwind Closes RMB 900 Million Series D", [("RMB 900 Million", 900_000_000)]),  # a headline's capitals
        ("招股集資最多9.8億港元", [("最多9.8億港元", 891_800_000)]),  # at most; not the vague 多 of 多38亿
        ("Changshu lands 2b-yuan plant; Qiming leads 500m yuan round", [("2b-yuan", 2e9), ("500m yuan", 5e8)]),
        ("港资机构出资1.5亿人民币", [("1.5亿人民币", 150_000_000)]),  # 人民币 without 元
    ],
)
def test_money_in_chinese_and_english_becomes_cny(text: str, expected: list[tuple[str, float]]) -> None:
    assert _money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "大分子生物药规划产能达60万升",
        "covering 280,000 square meters",
        "首期建筑面积36313平方米",
        "员工1000人",
        "数十亿元的项目",
        "billions of yuan",
        "2025年投资计划",
        "统一元素",
        "每年服务1亿人次",
    ],
)
def test_volumes_areas_counts_and_vague_scales_are_not_money(text: str) -> None:
    assert _money(text) == []


def test_the_dollar_rate_comes_from_the_config() -> None:
    got = analyse_text("Fund launched", "The fund raised USD 100 million from investors.", "en")
    assert got["amounts"] == [{"text": "USD 100 million", "value_cny": 700_000_000}]


def test_one_entry_per_value() -> None:
    assert [v for _, v in _money("总投资100亿元……项目总投资达100亿元")] == [10_000_000_000]


def test_chinese_numbers() -> None:
    assert cn_number("2.25万亿") == 2.25e12
    assert cn_number("一亿二千万") == 1.2e8
    assert cn_number("1,200") == 1200
