"""What reads like a park and is not one: an aim, a road or station, a nickname, a company's own site or name."""

from __future__ import annotations

from tests.support.entities import analyse_text


def test_a_scope_word_before_a_kind_of_park_names_none() -> None:
    assert analyse_text("", "Yinchuan New Area, a state-level new area, and a National-level new area", "en")[
        "parks"
    ] == ["Yinchuan New Area"]


def test_a_company_before_a_park_is_not_the_parks_but_a_universitys_park_is_named_with_it() -> None:
    assert analyse_text("", "港械医疗元朗创新园生产线投产。")["parks"] == ["元朗创新园"]
    assert analyse_text("", "西南医科大学临床医学转化产业园开园。")["parks"] == ["西南医科大学临床医学转化产业园"]


def test_a_provinces_industry_concentration_is_no_park() -> None:
    assert analyse_text("", "创新药少，是不少浙江医药产业集聚区的共同烦恼。")["parks"] == []
    assert analyse_text("", "在新区数据中心集聚区建设算力中心，选址新区医疗器械产业片区。")["parks"] == []
    body = "项目位于郸城县产业集聚区，与新会区珠西新材料集聚区企业合作。"
    assert analyse_text("", body)["parks"] == ["郸城县产业集聚区", "珠西新材料集聚区"]


def test_a_park_read_into_a_companys_name_or_across_its_operator_is_no_park() -> None:
    body = "澄衡医药由杭州医药港小镇运营方杭州钱塘医药港发展有限公司孵化。"
    assert analyse_text("", body)["parks"] == ["杭州医药港小镇"]


def test_a_nickname_and_a_policy_zone_named_by_its_field_are_no_parks() -> None:
    body = "通化素有“中国医药城”之称。江西获批建设国家中医药综合改革示范区。"
    assert analyse_text("", body)["parks"] == []
    assert analyse_text("", "泰州中国医药城签约。")["parks"] == ["中国医药城"]


def test_a_park_a_city_sets_out_to_build_up_is_an_aim() -> None:
    assert analyse_text("", "省里将支持运城打造晋南生物医药产业集聚区。")["parks"] == []


def test_a_road_or_station_named_after_a_park_and_a_planned_zone_are_no_parks() -> None:
    assert analyse_text("", "楼盘位于邯郸经开区医谷大道与滏阳河东路交叉口。")["parks"] == ["邯郸经开区"]
    assert analyse_text("", "地铁在生物城站停靠。")["parks"] == []
    assert analyse_text("", "黑河谋划中俄跨境医药产业集聚区，选址尚在论证。")["parks"] == []
    assert analyse_text("", "项目落户中俄跨境医药产业园。")["parks"] == ["中俄跨境医药产业园"]


def test_a_companys_self_built_park_for_its_own_use_is_its_site() -> None:
    body = "该项目为公司自建的“楚珍中药智造产业园项目”，总投资9.6亿元。"
    assert analyse_text("", body)["parks"] == []
    body = "企业将厂区命名为“侗乡本草黄精产业园”，但厂房全部由企业自建自用。"
    assert analyse_text("", body)["parks"] == []
    assert analyse_text("", "公司将建设“海川生物医药产业园”，引进20家企业入驻。")["parks"] == ["海川生物医药产业园"]


def test_a_distance_from_a_hospitals_campus_is_no_part_of_the_parks_name() -> None:
    body = "医院东津院区距离东津生物医药产业园约5公里。"
    assert analyse_text("", body)["parks"] == ["东津生物医药产业园"]


def test_what_stands_before_a_park_in_a_sentence_is_not_its_name() -> None:
    assert analyse_text("", "成渝地区另有成都天府国际生物城进入前十。")["parks"] == ["成都天府国际生物城"]
    assert analyse_text("", "彭山经开区距成都天府国际生物城约40公里。")["parks"] == ["彭山经开区", "成都天府国际生物城"]
    assert analyse_text("", "两条线路均以经开区生物医药产业园为终点。")["parks"] == []  # a zone's field park, unnamed
    body = "产品可经博鳌乐城国际医疗旅游先行区开展真实世界研究。"  # jieba's 可经: a verb
    assert analyse_text("", body)["parks"] == ["博鳌乐城国际医疗旅游先行区"]


def test_a_kind_of_park_after_a_provinces_full_name_is_a_list_title() -> None:
    assert analyse_text("", "云东海生物医药产业园入选广东省生物医药特色产业园区名单。")["parks"] == [
        "云东海生物医药产业园"
    ]
    assert analyse_text("", "中国眼谷入选浙江省生命健康特色产业园名单。")["parks"] == ["中国眼谷"]


def test_a_field_and_form_alone_name_no_particular_zone() -> None:
    body = "位于济南高新区的山东大学生命科学园迎来首个投产项目，生命科学园已有12家企业入驻。"
    assert analyse_text("", body)["parks"] == ["济南高新区", "山东大学生命科学园"]  # not Zhongguancun's
    body = "西部（成都）科学城签约6个项目。科学城今年已签约项目30个。"
    assert analyse_text("", body)["parks"] == ["西部（成都）科学城"]  # not Guangzhou's
    assert analyse_text("", "中关村生命科学园新药项目签约。")["parks"] == ["中关村生命科学园"]
