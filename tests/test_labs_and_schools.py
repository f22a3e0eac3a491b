"""Labs and schools named by what they study: a key lab's field before its level is its name, a level
alone names no lab, and an English school after its university's possessive is the school."""

from __future__ import annotations

import pytest

from tests.support.entities import organisations_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("核心技术来自该所高分子润滑国家重点实验室的成果", ["高分子润滑国家重点实验室"]),
        ("依托牙周疾病防治全国重点实验室，医院每年新增专利", ["牙周疾病防治全国重点实验室"]),  # 依托 is no field
        ("与医院的出生缺陷与相关儿童疾病教育部重点实验室合作", ["出生缺陷与相关儿童疾病教育部重点实验室"]),
        ("依托彝医药现代化研究四川省重点实验室开展研究", ["彝医药现代化研究四川省重点实验室"]),
        ("沈阳药科大学天然药物活性组分国家重点实验室揭牌", ["沈阳药科大学天然药物活性组分国家重点实验室"]),
        ("该所拥有2个国家重点实验室", []),  # a kind of lab
    ],
)
def test_a_key_labs_field_before_its_level_is_its_name(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_an_english_school_after_its_universitys_possessive_is_the_school() -> None:
    text = "a spinout from Lanzhou University's School of Basic Medical Sciences said"
    assert organisations_in(text) == ["Lanzhou University", "School of Basic Medical Sciences"]
