"""Where a Chinese company's name starts and ends when jieba's model cut it into characters or glued
it to a neighbour: a brand of rare characters, a field jieba's dictionary lacks, a verb or particle
before a name, what the company is said before it, a group named inside its unit's registered name,
the city a brand is in, a pharmacy chain's brand, and the short names financial news gives well-known
drugmakers."""

from __future__ import annotations

import pytest

from tests.support.entities import organisations_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宏晟醫材10月營收年增8%", ["宏晟医材"]),  # one token of a brand and Taiwan's word for medical supplies
        ("澄晟医材公布10月营收", ["澄晟医材"]),
        ("在香港上市的晟泓医药公布，将授权海外药企", ["晟泓医药"]),  # 晟 泓: characters of names
        ("区内抗体药企璟亦生物依据18A规则上市", ["璟亦生物"]),  # said to be a drugmaker right before
    ],
)
def test_a_brand_jieba_cut_or_glued_is_one_name(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("眼科医生赴上级医院进修", []),  # 赴: goes to a hospital, no name
        ("澄岳生物估值较同类公司偏高", ["澄岳生物"]),  # 较: compared with
        ("设施获香港科技园公司支持", ["香港科技园公司"]),  # 获: receives
        ("这是岚川产投本周第二次出手", ["岚川产投"]),  # 这是: two characters glued to the name
        ("除瀛川医药外，另有两家药企", ["瀛川医药"]),  # 除…外: except
        ("新盘距离西京医院高新院区只需10分钟车程", ["西京医院"]),  # 距离: away from
        ("两校医学院均表示会继续合作", []),  # a number glued to its measure word: two schools
        ("近日南充有医院以约1.2亿元转让专利", []),  # 有: a hospital there has
        ("进口器械需要逐家医院完成准入", []),  # 逐家: each hospital
        ("宿州市第一人民医院互联网医院上线", ["宿州市第一人民医院"]),  # the hospital's online service
        ("公司拟续聘岚信会计师事务所为核数师", ["岚信会计师事务所"]),  # 续聘: engages again
        ("山东大学生命科学园由山东大学与高新区共建", ["山东大学"]),  # jieba's 园由: "by" glued to a park's form
        ("浙江大学国家大学科技园创业大赛举行", ["浙江大学"]),  # a national university science park: a kind of park
    ],
)
def test_a_verb_a_particle_or_a_count_before_a_name_is_no_part_of_it(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本港保健品连锁店康岫堂健康产品有限公司昨日开业", ["康岫堂健康产品有限公司"]),
        ("Drugmaker Hengrui Pharmaceuticals said", ["Hengrui Pharmaceuticals"]),
        ("由本地连锁晴岚大药房集团有限公司经营", ["晴岚大药房集团有限公司"]),
        ("广州顺川大药房连锁有限公司", ["广州顺川大药房连锁有限公司"]),  # 连锁 inside the registered name
        ("家族办公室槿川资本领投", ["槿川资本"]),
        ("发展商沪岚置业有限公司表示", ["沪岚置业有限公司"]),  # a property developer
        ("其控股公司鹭岚医疗科技控股有限公司今日上市", ["鹭岚医疗科技控股有限公司"]),  # its holding company
        ("澜研医药控股公司旗下企业签约", ["澜研医药控股公司"]),  # a holding company's own name
    ],
)
def test_what_a_company_is_said_before_its_name_is_no_part_of_it(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_a_group_named_inside_its_units_registered_name_is_part_of_it() -> None:
    assert organisations_in("出资方为华钢集团资本控股有限公司") == ["华钢集团资本控股有限公司"]


def test_financial_news_short_names_of_well_known_drugmakers() -> None:
    assert organisations_in("入选企业有恒瑞、先声、复星、百济等") == ["恒瑞", "先声", "复星", "百济"]
    assert organisations_in("金域、华熙、海正、康哲等公司") == ["金域", "华熙", "海正", "康哲"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武汉翎川生物完成融资", ["翎川生物"]),  # the city says where the brand is
        ("苏州岱川医疗赴美上市", ["岱川医疗"]),
        ("合肥兆川药业开工", ["合肥兆川药业"]),  # a maker's place stays, as in its registered name
        ("深圳市嘉川大药房开业", ["嘉川大药房"]),  # a pharmacy chain's brand
        ("苏州岫川生物完成融资。苏州岫川生物技术有限公司表示", ["苏州岫川生物技术有限公司"]),  # the city in its name
    ],
)
def test_a_city_before_a_brand_and_its_field_says_where_it_is(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("港资连锁嘉川药房在深圳开设首店", ["嘉川药房"]),  # a chain's name
        ("推广智慧药房", []),  # a kind of pharmacy
        ("社区药房均可购买", []),
    ],
)
def test_a_pharmacy_is_named_by_its_brand_and_a_kind_of_pharmacy_is_none(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected
