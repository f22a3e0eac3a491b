"""How an article names its parks: a known zone by its short, English and full names as one park, a zone
and a park inside it, a former name, a national title without its city."""

from __future__ import annotations

import pytest

from tests.support.entities import analyse_text


def _parks(body: str, lang: str = "zh-hans") -> list[str]:
    return analyse_text("", body, lang)["parks"]


def test_known_zones_by_short_and_english_names() -> None:
    assert _parks("松山湖新落地一批医疗器械项目。") == ["松山湖"]
    assert _parks("记者从航空港区获悉，区内项目开工。") == ["航空港区"]  # Zhengzhou's zone
    assert _parks("A plant in TEDA and another in Songshan Lake opened.", "en") == [
        "TEDA",
        "Songshan Lake",
    ]


def test_a_zone_named_short_and_in_full_is_one_park() -> None:
    assert _parks("合肥高新区发布新政。合肥国家高新技术产业开发区管委会表示") == ["合肥国家高新技术产业开发区"]
    assert _parks("雨花高新区企业。公司位于长沙雨花高新技术产业开发区") == ["长沙雨花高新技术产业开发区"]
    assert _parks("湖北综改示范区签约。湖北转型综合改革示范区管委会") == ["湖北转型综合改革示范区"]
    assert _parks("新昌高新园区签约。浙江新昌高新技术产业园区与企业签约") == ["浙江新昌高新技术产业园区"]
    body = "乌鲁木齐高新区基地投产。乌鲁木齐高新技术产业开发区（新市区）负责人说"  # its district in brackets
    assert _parks(body) == ["乌鲁木齐高新技术产业开发区（新市区）"]
    # a place between the shared words makes another park; so does another kind of park
    assert _parks("苏州工业园区与苏州相城工业园区") == ["苏州工业园区", "苏州相城工业园区"]
    assert _parks("亦庄生物医药产业基地与亦庄生物医药中试基地") == ["亦庄生物医药产业基地", "亦庄生物医药中试基地"]


def test_a_city_short_name_is_the_city_beside_a_zone_in_its_namesake_county() -> None:
    got = analyse_text("", "长沙经开区签约3个项目。长沙医疗器械产业加快集聚。")
    assert "长沙市" in got["places"] and "长沙县" not in got["places"]


def test_a_known_zone_is_quoted_as_the_article_writes_it() -> None:
    assert _parks("中国（湖北）自由贸易试验区武汉片区发布新政。") == ["中国（湖北）自由贸易试验区武汉片区"]


def test_a_park_named_with_its_zone_and_on_its_own_is_the_zone_and_the_park() -> None:
    body = "绵阳科技城新区康宁生物医药产业园开园。康宁生物医药产业园首批入驻9家企业。"
    assert _parks(body) == ["绵阳科技城新区", "康宁生物医药产业园"]
    assert _parks("重庆国际生物城创新孵化港启用。") == ["重庆国际生物城创新孵化港"]
    # written together, a park with a name of its own is still a park beside the zone
    assert _parks("项目落户长春新区北湖生物医药产业园。") == ["长春新区", "北湖生物医药产业园"]
    body = "项目落户石家庄高新区生物医药产业园和中关村科技园区大兴生物医药产业基地。"  # named by field or place
    assert _parks(body) == ["石家庄高新区生物医药产业园", "中关村科技园区大兴生物医药产业基地"]


def test_a_national_title_named_without_its_city_is_the_same_park() -> None:
    body = "中医药科创城举办文化节。11月22日，中国（南昌）中医药科创城首届中医药文化节开幕。"
    assert _parks(body) == ["中国（南昌）中医药科创城"]


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        ("新厂房位于元朗创新园（前称元朗工业邨），明年投产。", "zh-hans", ["元朗创新园"]),
        ("坪山生物医药产业园原名坪山工业园，今年新增企业12家。", "zh-hans", ["坪山生物医药产业园"]),
        ("The line is in the Tai Po InnoPark, formerly the Tai Po Industrial Estate.", "en", ["Tai Po InnoPark"]),
        ("The site, formerly known as the Yuen Long Industrial Estate, now hosts biotech plants.", "en", []),
    ],
)
def test_a_parks_former_name_is_no_other_park(body: str, lang: str, expected: list[str]) -> None:
    assert _parks(body, lang) == expected


def test_taiwans_science_and_biotech_parks_are_known_zones() -> None:
    body = "竹北生醫園區廠商與南部科學工業園區、國家生技研究園區簽署合作備忘錄。"
    assert _parks(body, "zh-hant") == ["竹北生医园区", "南部科学工业园区", "国家生技研究园区"]
    assert _parks("A plant opened in the Southern Taiwan Science Park.", "en") == ["Southern Taiwan Science Park"]


def test_a_known_zones_branch_named_short_and_in_full_is_one_park() -> None:
    body = "声远科技获准进驻竹科宜兰园区。审议会通过其进驻新竹科学园区宜兰园区的申请。"
    assert _parks(body, "zh-hant") == ["新竹科学园区宜兰园区"]
    assert _parks("竹科宜兰园区今日动工。") == ["竹科宜兰园区"]


def test_a_known_zones_branch_after_a_township_and_the_hengqin_tcm_parks_short_names() -> None:
    assert _parks("瀚沛医材获准进驻竹科铜锣园区。", "zh-hant") == ["竹科铜锣园区"]
    body = "项目落户横琴中医药产业园。粤澳合作中医药科技产业园表示"
    assert _parks(body) == ["粤澳合作中医药科技产业园"]


def test_an_english_headlines_park_without_its_places_is_the_park_the_text_names_with_them() -> None:
    body = "The Sichuan-Chongqing Gaozhu New Area signed a plant. Ningbo Qianwan New Area hosts it too."
    got = analyse_text("Gaozhu New Area adds plant", body, "en")["parks"]
    assert got == ["Sichuan-Chongqing Gaozhu New Area", "Ningbo Qianwan New Area"]


def test_an_eco_park_of_two_countries_is_a_park_and_its_name_without_the_city_the_same() -> None:
    body = "中意宁波生态园签约。中意生态园管委会表示，中德生态园也有企业到访。"
    assert _parks(body) == ["中意宁波生态园", "中德生态园"]
    assert _parks("市民前往中山生态园游玩。") == []  # a city's eco-park is a garden


def test_a_regions_bracketed_city_a_countrys_border_town_and_a_zone_building_with_a_city() -> None:
    assert _parks("西部（重庆）科学城签约5个项目。") == ["西部（重庆）科学城"]
    body = "中国东兴—越南芒街跨境经济合作区迎来新项目。"  # each town after its country
    assert _parks(body) == ["中国东兴—越南芒街跨境经济合作区"]
    assert _parks("亦庄·永清高新技术产业开发区开园。") == ["亦庄·永清高新技术产业开发区"]


def test_a_former_name_in_brackets_and_a_co_built_parks_name_without_its_cities() -> None:
    body = "基地位于内蒙古托克托经济开发区（原托克托工业园区）。"
    assert _parks(body) == ["内蒙古托克托经济开发区"]
    body = "渤海新区生物医药产业园入选特色产业集群。北京·沧州渤海新区生物医药产业园管委会表示"
    assert _parks(body) == ["北京·沧州渤海新区生物医药产业园"]


def test_a_fund_town_is_a_park_named_by_its_place() -> None:
    assert _parks("项目落户南湖基金小镇。") == ["南湖基金小镇"]
    assert _parks("多地设立基金小镇。") == []  # the kind, no name


def test_a_headlines_initials_of_two_places_name_the_park_the_text_names_in_full() -> None:
    body = "深哈产业园再签一个项目。深圳（哈尔滨）产业园区管理方表示，园区已落户企业260家。"
    assert _parks(body) == ["深圳（哈尔滨）产业园区"]
    body = "企业落户中马钦州产业园区。中国—马来西亚钦州产业园区管委会介绍"
    assert _parks(body) == ["中国—马来西亚钦州产业园区"]


def test_a_zone_named_without_its_province_its_national_brackets_or_as_a_torch_zone_is_one_park() -> None:
    assert _parks("进贤医疗器械科技产业园开园。江西进贤医疗器械科技产业园管理方表示") == ["江西进贤医疗器械科技产业园"]
    assert _parks("南昌中医药科创城签约。中国（南昌）中医药科创城管委会") == ["中国（南昌）中医药科创城"]
    assert _parks("威海火炬高新区开工。威海火炬高技术产业开发区介绍") == ["威海火炬高技术产业开发区"]


def test_a_known_base_named_with_the_park_it_lies_in_is_spelled_that_way() -> None:
    body = "项目在中关村科技园区大兴生物医药产业基地开工。大兴生物医药基地有关负责人表示"
    assert _parks(body) == ["中关村科技园区大兴生物医药产业基地"]


def test_shanghais_biomedical_bays_are_known_zones_in_both_languages() -> None:
    assert _parks("The plant is in Life Blue Bay, Lingang.", "en") == ["Life Blue Bay", "Lingang"]
    assert _parks("孵化器位于大零号湾，靠近交大闵行校区。") == ["大零号湾"]
    assert _parks("An incubator opened near Greater Neo Bay.", "en") == ["Greater Neo Bay"]
