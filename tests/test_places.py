"""Places with their parent chains, and the gazetteer."""

from __future__ import annotations

from collections import Counter

from pipelines import places
from pipelines.analyse import context
from pipelines.text import segment
from tests.support.entities import CONFIG, analyse_text


def _places(text: str) -> list[str]:
    g = context(CONFIG).gazetteer
    return [g.name(p) for p in g.find(segment(text))]


def test_short_forms_resolve_to_the_full_name() -> None:
    assert _places("黄埔生物医药企业") == ["黄埔区"]
    assert _places("广州、佛山两地") == ["广州市", "佛山市"]
    assert _places("广东出台措施") == ["广东省"]
    assert _places("香港特区政府与澳门特区代表出席") == ["香港特别行政区", "澳门特别行政区"]


def test_a_place_knows_its_parents() -> None:
    g = context(CONFIG).gazetteer
    [huangpu] = g.find(segment("黄埔区"))
    assert [g.name(p) for p in g.chain(huangpu)] == ["黄埔区", "广州市", "广东省"]
    [park] = g.find(segment("生物岛"))
    assert [g.name(p) for p in g.chain(park)] == ["广州国际生物岛", "黄埔区", "广州市", "广东省"]
    [configured] = g.find(segment("黄埔生物安全中试园"))
    assert g.name(g.chain(configured)[1]) == "黄埔区"


def test_an_ambiguous_name_follows_its_context() -> None:
    assert _places("北京市朝阳区") == ["北京市", "朝阳区"]
    assert _places("朝阳区发布新政") == ["朝阳区"]  # a full name alone: the first row (Beijing's)
    assert _places("江北、鼓楼两区") == []  # ambiguous short forms without context are dropped
    assert _places("宁波市江北区、鼓楼") == ["宁波市", "江北区"]
    assert _places("吉林发布新政") == ["吉林省"]  # a province encloses its namesake city
    assert _places("海南自贸港") == ["海南自由贸易港"]


def test_english_names_need_their_city_or_a_district_word() -> None:
    assert _places("Huangpu district in Guangzhou") == ["黄埔区", "广州市"]
    assert _places("Guangzhou's Huangpu hosted the event") == ["广州市", "黄埔区"]
    assert _places("The Huangpu District of Shanghai") == ["黄浦区", "上海市"]
    assert _places("Huangpu is a name") == []


def test_words_that_only_contain_a_place_name_are_not_places() -> None:
    assert _places("黄埔军校旧址") == []
    assert _places("朝阳产业") == []
    assert _places("东方红") == []  # 东方市 counts only by its full name


def test_places_inside_organisation_names_do_not_count() -> None:
    got = analyse_text("签约", "广州开发区控股集团有限公司与佛山市签约。")
    assert got["places"] == ["佛山市"]
    assert got["organizations"] == ["广州开发区控股集团有限公司"]


def test_a_place_inside_any_mention_of_an_organisation_does_not_count() -> None:
    got = analyse_text("越秀区人民医院开设夜间门诊", "广州市越秀区人民医院近日开设夜间门诊。")
    assert got["places"] == []  # the headline's 越秀区 names the hospital, as the body's does
    assert got["organizations"] == ["广州市越秀区人民医院"]


def test_a_parent_written_at_the_head_of_a_district_name_counts() -> None:
    assert _places("总部位于天津滨海新区") == ["天津市", "滨海新区"]  # as 广州黄埔 names both


def test_a_place_in_a_port_name_does_not_count() -> None:
    assert analyse_text("", "一条连接南通港的物流通道建成。")["places"] == []
    assert analyse_text("", "Trucks use a lane at the Huanggang port.", "en")["places"] == []


def test_a_place_in_a_road_station_or_airport_name_does_not_count() -> None:
    assert analyse_text("", "项目位于黄埔东路，经新郑国际机场通关，地铁至天河站。")["places"] == []
    assert analyse_text("", "项目位于黄埔区开创大道。")["places"] == ["黄埔区"]  # an address: the district
    assert analyse_text("", "Cargo left Guangzhou Baiyun International Airport.", "en")["places"] == []


def test_a_place_in_a_company_short_name_does_not_count() -> None:
    got = analyse_text("大连澄海生物在港上市", "大连澄海生物制药股份有限公司在香港上市。澄海生物成立于2010年。")
    assert got["places"] == ["大连市", "香港特别行政区"]  # 澄海 (a district of Shantou) is the brand
    assert analyse_text("", "广州生物医药集团有限公司成立。广州生物产业发展迅速。")["places"] == ["广州市"]


def test_the_gazetteer_covers_every_province_and_prefecture() -> None:
    g = places.gazetteer()
    levels = Counter(p.level for p in g.places)
    assert levels["province"] == 34
    assert levels["prefecture"] >= 333
    counties = Counter(g.places[g.chain(p.id)[-1]].name for p in g.places if p.level == "county")
    for province, at_least in {
        "广东省": 122,
        "上海市": 16,
        "北京市": 16,
        "江苏省": 95,
        "浙江省": 90,
        "四川省": 183,
        "湖北省": 103,
        "山东省": 136,
        "福建省": 84,
    }.items():
        assert counties[province] >= at_least, province
