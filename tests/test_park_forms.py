"""Parks by their form, one shape each: estates, valleys, towns, ports, islands, bases, branches named after a
city, parks two cities or countries build, and the words around a name that are not part of it."""

from __future__ import annotations

from tests.support.entities import analyse_text


def test_hong_kong_industrial_estates_and_a_core_area_of_a_park() -> None:
    assert analyse_text("", "新藥廠位處將軍澳工業邨，佔地兩萬平方米。", "zh-hant")["parks"] == ["将军澳工业邨"]
    assert analyse_text("", "The plant will be built at the Tai Po Industrial Estate.", "en")["parks"] == [
        "Tai Po Industrial Estate"
    ]
    assert analyse_text("", "项目落户深圳国际生物谷坪山核心区，总投资5亿元。")["parks"] == ["深圳国际生物谷坪山核心区"]


def test_valleys_named_for_technology_innovation_or_medicine() -> None:
    assert analyse_text("", "成都天府生命科技谷首批项目开工。")["parks"] == ["成都天府生命科技谷"]
    assert analyse_text("", "打造具有全国影响力的“创新谷”。")["parks"] == []  # a kind of valley, not one


def test_a_citys_international_town_port_or_island_and_a_valley_inside_a_science_city() -> None:
    assert analyse_text("", "日照国际海洋城与企业签约，怀化国际陆港建设冷库。")["parks"] == [
        "日照国际海洋城",
        "怀化国际陆港",
    ]
    assert analyse_text("", "保荐人为中国国际金融香港证券有限公司。海南国际旅游岛建设提速。")["parks"] == []
    assert analyse_text("", "公司位于张江科学城的张江药谷。")["parks"] == ["张江科学城", "张江药谷"]


def test_a_quoted_name_after_its_place_is_a_park_and_a_nickname_is_none() -> None:
    assert analyse_text("", "公司位于青岛崂山区的“蓝色药谷”，主攻海洋药物。")["parks"] == ["蓝色药谷"]
    body = "宝鸡素有“中国钛谷”之称。该市提出打造“中医药硅谷”，新设的“生物城”站已启用。"
    assert analyse_text("", body)["parks"] == []


def test_a_park_of_two_countries_and_a_free_trade_port_that_is_a_regime() -> None:
    body = "企业与中老磨憨—磨丁经济合作区签约，落户中马钦州产业园区和中新天津生态城。"
    assert analyse_text("", body)["parks"] == ["中老磨憨—磨丁经济合作区", "中马钦州产业园区", "中新天津生态城"]
    assert analyse_text("", "其中钦州产业园区引进项目。")["parks"] == ["钦州产业园区"]  # 其中 is no partner
    assert analyse_text("", "中意生命健康产业园开园。")["parks"] == ["中意生命健康产业园"]  # named by the pair alone
    assert analyse_text("", "项目落户川渝高竹新区。")["parks"] == ["川渝高竹新区"]  # two provinces' new area
    assert analyse_text("", "项目落户深港生物医药中试基地。")["parks"] == ["深港生物医药中试基地"]  # two cities' base
    got = analyse_text("", "闽台（福州）蓝色经济产业园开园。")  # a pair's park hosted in 福州
    assert got["parks"] == ["闽台（福州）蓝色经济产业园"] and got["places"] == []
    assert analyse_text("", "海南自由贸易港封关运作，洋浦经济开发区签约。")["parks"] == ["洋浦经济开发区"]


def test_a_citys_park_hosted_by_another_city_is_one_name() -> None:
    got = analyse_text("", "活动在深圳（哈尔滨）产业园区举行，9个项目签约。")
    assert got["parks"] == ["深圳（哈尔滨）产业园区"] and got["places"] == []  # both cities are the name's


def test_verbs_jieba_reads_as_names_end_what_stands_before_a_park() -> None:
    assert analyse_text("", "地铁12号线北延段开工，将串联中原医学科学城。")["parks"] == ["中原医学科学城"]
    assert analyse_text("", "园区正在申报省级医疗器械特色产业园。")["parks"] == []
    assert analyse_text("", "推动高新区和经开区生物医药产业园建设。")["parks"] == []  # 和 glued to no zone word


def test_a_taiwan_district_that_jieba_reads_as_a_noun_names_its_park() -> None:
    body = "工厂位于楠梓科技产业园区，研发中心设在中部科学园区二林园区。"
    assert analyse_text("", body)["parks"] == ["楠梓科技产业园区", "中部科学园区二林园区"]
    body = "新厂设在中部科学园区后里园区，另一家落户南部科学园区桥头园区。"  # 后 / 里 and 桥头 (a bridgehead) as jieba reads them
    assert analyse_text("", body)["parks"] == ["中部科学园区后里园区", "南部科学园区桥头园区"]


def test_a_company_in_the_same_zone_is_no_part_of_the_zones_name() -> None:
    assert analyse_text("", "与东极制药中成药基地同处高新区的企业也在扩产。")["parks"] == []


def test_an_industry_and_trade_park_is_a_park() -> None:
    assert analyse_text("", "中药饮片项目落户保山工贸园区。")["parks"] == ["保山工贸园区"]


def test_a_date_before_a_park_counts_no_parks() -> None:
    body = "这是继9日重庆合川高新技术产业开发区印发十六条措施之后的又一举措。"
    assert analyse_text("", body)["parks"] == ["重庆合川高新技术产业开发区"]
    assert analyse_text("", "全市三个产业园今年扩容。")["parks"] == []  # a count of parks names none


def test_a_citys_short_name_that_jieba_knows_weakly_is_kept_whole() -> None:
    assert analyse_text("", "保山南药产业园今日开园。")["parks"] == ["保山南药产业园"]  # not 保 / 山南 (a Tibetan city)


def test_a_character_jiebas_dictionary_lacks_or_a_hill_or_river_is_part_of_a_parks_name() -> None:
    assert analyse_text("", "公司位于鹃湖国际科技城，专注神经介入器械。")["parks"] == ["鹃湖国际科技城"]
    assert analyse_text("", "淇河医疗器械产业园开工。")["parks"] == ["淇河医疗器械产业园"]  # 淇 is no word alone
    assert analyse_text("", "光雾山中药产业园签约3个项目。")["parks"] == ["光雾山中药产业园"]  # a hill, no place
    assert analyse_text("", "选址文山三七产业园区。")["parks"] == ["文山三七产业园区"]


def test_a_base_the_state_designated_is_a_park_with_or_without_its_city() -> None:
    assert analyse_text("", "项目落户国家健康科技产业基地。")["parks"] == ["国家健康科技产业基地"]
    body = "中山国家健康科技产业基地扩容，打造国家级生物医药产业基地。"  # 国家级 is a rank
    assert analyse_text("", body)["parks"] == ["中山国家健康科技产业基地"]


def test_a_park_two_cities_build_is_one_name_with_both() -> None:
    got = analyse_text("", "项目落户北京·沧州渤海新区生物医药产业园，深圳·汕尾特别合作区同日签约。")
    assert got["parks"] == ["北京·沧州渤海新区生物医药产业园", "深圳·汕尾特别合作区"] and got["places"] == []


def test_a_taiwan_science_parks_branch_is_named_after_its_city() -> None:
    body = "将在中部科学园区台中园区扩建厂房，南部科学园区高雄园区引进药厂。"
    assert analyse_text("", body, "zh-hant")["parks"] == ["中部科学园区台中园区", "南部科学园区高雄园区"]


def test_a_science_and_technology_new_town_is_a_park_and_a_business_district_none() -> None:
    got = analyse_text("", "后者将在高新区美安生态科技新城投资8亿元。杭州钱江新城的写字楼出租率回升。")
    assert got["parks"] == ["美安生态科技新城"] and got["organizations"] == []


def test_an_industrial_district_with_a_name_and_a_branch_in_another_city_are_parks() -> None:
    body = "包括在沙尔沁工业区注册的企业。公司位于新竹工業區。"
    assert analyse_text("", body, "zh-hant")["parks"] == ["沙尔沁工业区", "新竹工业区"]
    assert analyse_text("", "老工业区改造提速，工业区内企业搬迁。")["parks"] == []
    assert analyse_text("", "实验室选址香港科学园深圳分园。")["parks"] == ["香港科学园深圳分园"]
    assert analyse_text("", "公司已进驻数码港。")["parks"] == ["数码港"]
    assert analyse_text("", "The start-up is based at Cyberport.", "en")["parks"] == ["Cyberport"]


def test_a_zone_named_with_its_place_before_a_park_named_by_its_field_is_one_name() -> None:
    assert analyse_text("", "项目落户邳州经开区医疗器械产业园。")["parks"] == ["邳州经开区医疗器械产业园"]
    assert analyse_text("", "项目落户宁乡经开区沩水生物医药加速器。")["parks"] == ["宁乡经开区", "沩水生物医药加速器"]
    body = "彭山经开区距成都天府国际生物城约30公里。"  # a distance between two parks names neither's name
    assert "彭山经开区距成都天府国际生物城" not in analyse_text("", body)["parks"]


def test_a_medicine_town_and_a_processing_park_are_parks_and_a_visit_is_no_part_of_one() -> None:
    assert analyse_text("", "项目落户江南药镇。货物卖给固原经开区中药材精深加工园。")["parks"] == [
        "江南药镇",
        "固原经开区中药材精深加工园",
    ]
    assert not any("参观" in p for p in analyse_text("", "代表团还会参观南药健康产业园。")["parks"])


def test_an_economic_development_pilot_zone_is_a_park() -> None:
    assert analyse_text("", "项目落户潮州经济开发试验区，总投资5亿元。")["parks"] == ["潮州经济开发试验区"]


def test_our_city_counts_no_parks_and_a_parks_field_of_car_parts_names_it() -> None:
    assert analyse_text("", "我市镜泊湖生物医药产业园开园，首批9家企业入驻。")["parks"] == ["镜泊湖生物医药产业园"]
    assert analyse_text("", "项目选址烟台开发区汽车零部件产业园。")["parks"] == ["烟台开发区汽车零部件产业园"]
    assert analyse_text("", "这些产业园正在建设。")["parks"] == []


def test_the_new_towns_of_xixian_and_suzhou_nanopolis_are_known_zones() -> None:
    assert analyse_text("", "沣东新城与企业签约。项目落户苏州纳米城。")["parks"] == ["沣东新城", "苏州纳米城"]


def test_a_parks_old_name_before_its_new_one_is_the_new_park() -> None:
    assert analyse_text("", "扩建位于大埔工业邨（现称大埔创新园）的厂房。", "zh-hant")["parks"] == ["大埔创新园"]


def test_youth_innovation_hubs_are_known_zones_and_an_incubation_centre_a_park_form() -> None:
    assert analyse_text("", "团队入驻前海深港青年梦工场。")["parks"] == ["前海深港青年梦工场"]
    assert analyse_text("", "项目落户温州生物医药孵化中心。")["parks"] == ["温州生物医药孵化中心"]


def test_a_direction_before_a_lakes_name_is_part_of_the_park() -> None:
    assert analyse_text("", "项目落户西太湖科技产业园。")["parks"] == ["西太湖科技产业园"]
    assert analyse_text("", "项目落户常州西太湖科技产业园。")["parks"] == ["常州西太湖科技产业园"]
