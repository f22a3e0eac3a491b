"""The address before a park's name: a province, a municipality, a Special Administrative Region or a
city that only says where the park is, and the official names that keep theirs."""

from __future__ import annotations

from tests.support.entities import analyse_text


def test_a_bare_zone_word_before_a_park_and_a_bracketed_district_after_a_zone() -> None:
    body = "项目在襄阳高新技术产业开发区开工，落户高新区汉江医药健康产业园。"
    assert analyse_text("", body)["parks"] == ["襄阳高新技术产业开发区", "汉江医药健康产业园"]
    assert analyse_text("", "总部位于宁波高新区（鄞州）的企业")["parks"] == ["宁波高新区（鄞州）"]


def test_a_city_or_region_before_a_name_that_carries_its_own_says_where() -> None:
    assert analyse_text("", "泰州中国医药城与港企签约，引进十个项目。")["parks"] == ["中国医药城"]
    assert analyse_text("", "石药集团有限公司在香港将军澳创新园举行动工仪式。")["parks"] == ["将军澳创新园"]
    assert analyse_text("", "研究院将在香港科学园设立实验室。")["parks"] == ["香港科学园"]  # the form alone names none


def test_a_province_before_a_zones_short_name_is_its_address() -> None:
    got = analyse_text("", "江苏昆山高新区与企业签约，山东烟台开发区生物医药产业园开园。")
    assert got["parks"] == ["昆山高新区", "烟台开发区生物医药产业园"]
    assert got["places"] == ["江苏省", "山东省"]
    assert analyse_text("", "湖南浏阳经济技术开发区签约。")["parks"] == ["湖南浏阳经济技术开发区"]  # the official name


def test_a_municipality_before_its_zones_short_name_says_where() -> None:
    got = analyse_text("", "北京中关村生命科学园与上海张江科学城的企业签约。")
    assert got["parks"] == ["中关村生命科学园", "张江科学城"] and got["places"] == ["北京市", "上海市"]
    assert analyse_text("", "上海张江高科技园区签约。")["parks"] == ["上海张江高科技园区"]  # an official name
