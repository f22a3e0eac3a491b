"""Parks and zones by form and by name, in Chinese (and English, in the tables); English-only forms are in test_english_parks.py."""

from __future__ import annotations

import pytest

from tests.support.entities import analyse_text


@pytest.mark.parametrize(
    ("title", "body", "lang", "expected"),
    [
        ("园区动态", "近年来，光谷生物城已集聚生物企业3000余家。", "zh-hans", ["光谷生物城"]),  # 城已 glued
        ("扩产", "海斯顿制药将扩建其杭州生产基地，并入驻大兴生物医药基地。", "zh-hans", ["大兴生物医药基地"]),
        ("马拉松", "今年赛道途经南湖科学城和滨江公园。", "zh-hans", ["南湖科学城"]),  # not 途经…
        ("招聘", "工作地点：广州市黄埔区科学城。", "zh-hans", ["科学城"]),  # an address before a place-name form
        ("开工", "晟禾生物杭州医药港基地今日开工。", "zh-hans", ["杭州医药港"]),  # a company before a known zone
        ("新政", "浦东新区将支持细胞治疗企业发展。", "zh-hans", []),  # a district, not a zone
        ("基金", "广州布局了多个集成电路产业园。", "zh-hans", []),  # a kind of park, not one
        ("落户", "由市属国企牵头，佛山三水区云东海生物医药产业园引入多个项目。", "zh-hans", ["云东海生物医药产业园"]),
        ("揭牌", "张江细胞和基因治疗产业园在张江科学城揭牌。", "zh-hans", ["张江细胞和基因治疗产业园", "张江科学城"]),
        (
            "措施",
            "海南博鳌乐城国际医疗旅游先行区出台十项措施，乐城先行区方面表示将加快审批。",
            "zh-hans",
            ["海南博鳌乐城国际医疗旅游先行区"],
        ),  # one known zone in its fullest spelling
        ("开园", "该加速器由杭州钱塘新区产业发展集团有限公司投资建设。", "zh-hans", []),  # inside a company's name
        ("進駐", "位於光谷生物城的新廠房投產，產業園區擴容。", "zh-hant", ["光谷生物城"]),
        (
            "簽約",
            "新竹科學園區與南港生技園區簽約，河套深港科技創新合作區香港園區開幕。",
            "zh-hant",
            ["新竹科学园区", "南港生技园区", "河套深港科技创新合作区香港园区"],
        ),  # Taiwan's science and biotech parks; a zone's branch
        (
            "Deals",
            "The Yundonghai Biomedical Industry Park signed 12 projects; a Guangzhou industrial park signed two; "
            "Pudong New Area grew.",
            "en",
            ["Yundonghai Biomedical Industry Park"],
        ),
        (
            "Lecheng",
            "The Boao Lecheng International Medical Tourism Pilot Zone said the Boao Lecheng pilot zone grew.",
            "en",
            ["Boao Lecheng International Medical Tourism Pilot Zone"],
        ),
        ("Town", "Chengdu Tianfu International Bio-Town opened.", "en", ["Chengdu Tianfu International Bio-Town"]),
        (
            "Parks",
            "The Qingdao Software Park, Weihai Export Processing Zone and Nanjing Chemical Industry Park grew; "
            "the logistics park opened.",
            "en",
            ["Qingdao Software Park", "Weihai Export Processing Zone", "Nanjing Chemical Industry Park"],
        ),
        ("开园", "云南玉溪康岭科技城今日开园。", "zh-hans", ["玉溪康岭科技城"]),  # the province says where
        (
            "签约",
            "株洲渌口经济开发区签约。",
            "zh-hans",
            ["株洲渌口经济开发区"],
        ),  # a county's short name, rare characters
        (
            "签约",
            "成都芯谷新增企业，上海东方美谷发布政策。",
            "zh-hans",
            ["成都芯谷", "上海东方美谷"],
        ),  # valleys of an industry
        (
            "开园",
            "中德（沈阳）高端装备制造产业园签约，通辽经济技术开发区蒙医药产业园开园，文山三七产业园区扩建。",
            "zh-hans",
            ["中德（沈阳）高端装备制造产业园", "通辽经济技术开发区蒙医药产业园", "文山三七产业园区"],
        ),  # two countries' park; ethnic and herbal medicine as industries
        ("Plant", "The Lugu Medical Device Park in Changsha added a plant.", "en", ["Lugu Medical Device Park"]),
        ("投产", "甘肃兰州新区生物医药产业园投产。", "zh-hans", ["兰州新区生物医药产业园"]),  # the zone heads the park
        (
            "签约",
            "江西南昌小蓝经济技术开发区医药产业园签约，浙江嘉善经济开发区同日签约。",
            "zh-hans",
            ["南昌小蓝经济技术开发区医药产业园", "浙江嘉善经济开发区"],
        ),  # a province before its city is the address, before a county the zone's official name
        (
            "签约",
            "广西梧州高新技术产业开发区签约，江苏泰州医药高新区同日签约，青海藏药产业园开园。",
            "zh-hans",
            ["广西梧州高新技术产业开发区", "泰州医药高新区", "青海藏药产业园"],
        ),  # a state-designated zone keeps its province unless the rest is a known zone's name; 藏药 is an industry
        (
            "公交",
            "温州市瓯海区生命健康小镇公交首末站启用，瓯海生命健康小镇员工出行更方便。",
            "zh-hans",
            ["瓯海生命健康小镇"],
        ),  # the park behind its address and by its name is one park
        ("配套", "看中的是荆州经开区化工园区的配套条件。", "zh-hans", ["荆州经开区化工园区"]),  # a chemical park
        (
            "开园",
            "浙江省杭州市余杭区未来科技城医疗器械产业园开园，北京市昌平区未来科学城再添项目。",
            "zh-hans",
            ["未来科技城医疗器械产业园", "未来科学城"],
        ),  # an address before a known zone's name is not the park's
        ("签约", "本溪中国药都生物医药产业园项目签约。", "zh-hans", ["本溪中国药都生物医药产业园"]),  # 都 ends a name
        (
            "落户",
            "项目落户重庆国际生物城疫苗与生物制品产业园，医院与医药产业园合作。",
            "zh-hans",
            ["重庆国际生物城疫苗与生物制品产业园"],
        ),  # two fields of one park, not two names
        (
            "政策",
            "中关村国家自主创新示范区发布政策，屏东农业生物技术园区新厂动土。",
            "zh-hans",
            ["中关村国家自主创新示范区", "屏东农业生物技术园区"],
        ),
        ("落户", "金域医学精准医学产业基地落户中新广州知识城。", "zh-hans", ["中新广州知识城"]),  # a company's own base
        (
            "揭牌",
            "建设丁肝抗体药物中试基地，北京大兴生物医药中试基地同日揭牌。",
            "zh-hans",
            ["北京大兴生物医药中试基地"],
        ),  # a project's pilot base has no place in its name
        ("開工", "中部科學園區新廠開工，南部科學園區也有新廠。", "zh-hant", ["中部科学园区", "南部科学园区"]),
        (
            "签约",
            "杭州钱塘新区再生医学产业园签约，天津脑机接口产业园开园。",
            "zh-hans",
            ["杭州钱塘新区再生医学产业园", "天津脑机接口产业园"],
        ),  # an industry's name that jieba reads as a verb and a noun
        (
            "揭牌",
            "湖州太湖药港新增企业，漕河泾科创城发布政策，张江细胞产业社区揭牌，南宁保税物流园区启用。",
            "zh-hans",
            ["湖州太湖药港", "漕河泾科创城", "张江细胞产业社区", "南宁保税物流园区"],
        ),
        (
            "改造",
            "金沙片区改造启动，项目位于老城片区，临港新片区综合产业片区再添新项目。",
            "zh-hans",
            ["临港新片区综合产业片区"],
        ),  # a town's planning area is no park; an industry's area of a zone is
        (
            "获批",
            "泰州医药高新技术产业开发区的核心区中国医药城再添新药。",
            "zh-hans",
            ["泰州医药高新技术产业开发区", "中国医药城"],
        ),  # a zone and its core area are two parks
        ("落户", "项目落户我县高新技术产业开发区，樟树市福城医药园区新增企业。", "zh-hans", ["福城医药园区"]),
        (
            "揭牌",
            "舟山海洋生物医药创新中心揭牌，衢州智造新城项目开工。",
            "zh-hans",
            ["舟山海洋生物医药创新中心", "衢州智造新城"],
        ),
        (
            "招聘",
            "其中威县经济开发区内的企业参加，产业园位于益阳高新技术产业开发区东部片区，中国牙谷再添项目，中国稻谷增产。",
            "zh-hans",
            ["威县经济开发区", "益阳高新技术产业开发区", "中国牙谷"],
        ),  # 其中 counts nothing; a zone's eastern section is the zone; a valley named for the nation's industry
        ("开发区", "浙江嘉善经济开发区引进两个项目。", "zh-hans", ["浙江嘉善经济开发区"]),  # a designated zone's name
        ("孵化器", "青海藏医药产业孵化器揭牌。", "zh-hans", ["青海藏医药产业孵化器"]),  # the rest names no park
        ("基地", "项目落户宁东能源化工基地。", "zh-hans", ["宁东能源化工基地"]),  # an industry's base
        (
            "工业园",
            "宁夏平罗工业园区和海南三亚崖州湾科技城",
            "zh-hans",
            ["宁夏平罗工业园区", "三亚崖州湾科技城"],
        ),  # a city after the province: an address
        ("落户", "项目落户湖口县金砂湾工业园。", "zh-hans", ["金砂湾工业园"]),  # the county is an address
        ("揭牌", "黄埔区生物医药产业园揭牌。", "zh-hans", ["黄埔区生物医药产业园"]),  # without it no name is left
        (
            "FTZ",
            "The Lin-gang Special Area of the China (Shanghai) Pilot Free Trade Zone and Chongqing International "
            "Biological City grew.",
            "en",
            [
                "Lin-gang Special Area of the China (Shanghai) Pilot Free Trade Zone",
                "Chongqing International Biological City",
            ],
        ),  # a part of a zone named with it is one name
        (
            "Valley",
            "The Nanjing Jiangbei New Area Biopharma Valley and the Yichang Biomedical Industrial Park of the "
            "Yichang High-tech Industrial Development Zone grew; a Guangzhou industrial park and Pudong New Area too.",
            "en",
            [
                "Nanjing Jiangbei New Area Biopharma Valley",
                "Yichang Biomedical Industrial Park",
                "Yichang High-tech Industrial Development Zone",
            ],
        ),  # a park inside a zone, written after it; a named park of a zone is two parks
        (
            "Shenzhen Park",
            "It opened in the Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and Technology Innovation "
            "Cooperation Zone.",
            "en",
            ["Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone"],
        ),  # a known zone's part
        (
            "New Area",
            "Pudong New Area, Tianjin Binhai New Area and the Zhenjiang New Area met the Hangzhou Future Sci-Tech City.",
            "en",
            ["Zhenjiang New Area", "Hangzhou Future Sci-Tech City"],
        ),  # a district called 新区 is no zone; a new area after a city is
        (
            "ASEAN",
            "The China-ASEAN Medical Device Bonded Industrial Park in the China (Guangxi) Pilot Free Trade Zone Qinzhou "
            "Port Area and the Zhoushan Marine Biomedical Innovation Center opened.",
            "en",
            [
                "China-ASEAN Medical Device Bonded Industrial Park",
                "China (Guangxi) Pilot Free Trade Zone Qinzhou Port Area",
                "Zhoushan Marine Biomedical Innovation Center",
            ],
        ),
        (
            "ETDZ",
            "Anqing ETDZ signed; the Anqing Economic and Technological Development Zone said Chuzhou ETDZ did too.",
            "en",
            ["Anqing Economic and Technological Development Zone", "Chuzhou ETDZ"],
        ),  # a zone by its initials, and the same zone in full
        (
            "Zones",
            "The Pingtan Comprehensive Experimental Zone and the G60 Hi-tech Park signed.",
            "en",
            ["Pingtan Comprehensive Experimental Zone", "G60 Hi-tech Park"],
        ),
        (
            "开工",
            "武汉国际生命健康谷、成都细胞谷和广州国际生物医药孵化基地开工，推动细胞谷建设。",
            "zh-hans",
            ["武汉国际生命健康谷", "成都细胞谷", "广州国际生物医药孵化基地"],
        ),
        (
            "签约",
            "中国（广东）自由贸易试验区南沙片区今日签约。南沙片区管委会表示，项目总投资10亿元。",
            "zh-hans",
            ["中国（广东）自由贸易试验区南沙片区"],
        ),  # an area of a free-trade zone is a part of it, named again alone
        (
            "揭牌",
            "中国—东盟生物医药加速器揭牌，东盟生物医药加速器首批入驻5家。",
            "zh-hans",
            ["中国—东盟生物医药加速器"],
        ),
        (
            "开园",
            "佛山国家高新区顺德园与中关村科技园区海淀园结对，高新区公园同日开放。",
            "zh-hans",
            ["佛山国家高新区顺德园", "中关村科技园区海淀园"],
        ),  # a zone's branch named after a place
        (
            "签约",
            "项目落户三明高新技术产业开发区金沙园，配套位于开发区花园路。",
            "zh-hans",
            ["三明高新技术产业开发区金沙园"],
        ),  # or after a local name
        (
            "签约",
            "11月18日，天府中药城举行签约仪式，项目落户长三角（湖州）生命健康产业园。",
            "zh-hans",
            ["天府中药城", "长三角（湖州）生命健康产业园"],
        ),  # a city of Chinese medicine; a region's park named with its city in brackets
        ("Plant", "The plant is in Tianfu TCM City.", "en", ["Tianfu TCM City"]),
        ("Hub", "The Qingdao Blue Valley hosts marine biotech firms.", "en", ["Qingdao Blue Valley"]),  # a known zone
        (
            "Ranked",
            "Shanghai Zhangjiang High-tech Industrial Development Zone ranked second after Zhongguancun Science Park.",
            "en",
            ["Shanghai Zhangjiang High-tech Industrial Development Zone", "Zhongguancun Science Park"],
        ),
        (
            "新签约",
            "漳州台商投资区、盛乐经济园区、大兴国际机场临空经济区和连云港新药创制孵化器新签约项目。",
            "zh-hans",
            ["漳州台商投资区", "盛乐经济园区", "大兴国际机场临空经济区", "连云港新药创制孵化器"],
        ),
    ],
)
def test_parks_by_form_in_chinese_and_english(title: str, body: str, lang: str, expected: list[str]) -> None:
    assert analyse_text(title, body, lang)["parks"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("位于上海浦东的研发中心投用", ["上海市", "浦东新区"]),  # jieba's one token 上海浦东
        ("杭州市公安局发布通告", ["杭州市"]),  # the owner of an organ, cut as one token
        ("湖北日报讯 武汉市近日出台新政", ["武汉市"]),  # a media outlet's place is not the story's
        ("Hainan Daily reported that Haikou opened a lab.", ["海口市"]),
    ],
)
def test_places_cut_into_one_token_and_media_outlets(text: str, expected: list[str]) -> None:
    assert analyse_text("", text, "en" if text.isascii() else "zh-hans")["places"] == expected


@pytest.mark.parametrize(
    ("title", "body", "lang", "expected"),
    [
        ("孵化", "苏州生物医药创新孵化园昨日开园。", "zh-hans", ["苏州生物医药创新孵化园"]),  # a verb inside the name
        ("器械", "顺德医疗器械园已引进8个项目。", "zh-hans", ["顺德医疗器械园"]),
        (
            "集聚",
            "泰兴经济开发区将建成苏中生物医药产业集聚区，打造医药研发生产服务集聚区。",
            "zh-hans",
            ["泰兴经济开发区", "苏中生物医药产业集聚区"],
        ),  # 研发 describes a park, it names none
        (
            "孵化器",
            "启明星生物医药孵化器今日开园，项目落户烟台健康港。",
            "zh-hans",
            ["启明星生物医药孵化器", "烟台健康港"],
        ),
        ("基地", "该项目入选武陵山国家中医药示范基地。", "zh-hans", ["武陵山国家中医药示范基地"]),
        ("湾", "项目落户台州湾经济技术开发区。", "zh-hans", ["台州湾经济技术开发区"]),  # a word after a place
        (
            "实验区",
            "郑州航空港经济综合实验区与防城港国际医学开放试验区签约。",
            "zh-hans",
            ["郑州航空港经济综合实验区", "防城港国际医学开放试验区"],
        ),
        (
            "现代",
            "亳州现代中药创新加速器开园，深圳今年生物医药产业园增多。",
            "zh-hans",
            ["亳州现代中药创新加速器"],
        ),  # not a time
        (
            "简称",
            "大连高新技术产业园区（大连高新区）新增企业，大连高新区表示。",
            "zh-hans",
            ["大连高新技术产业园区"],
        ),
        (
            "片区",
            "中国（广西）自由贸易试验区南宁片区签约，东部片区道路施工，中国（绵阳）科技城揭牌。",
            "zh-hans",
            ["中国（广西）自由贸易试验区南宁片区", "中国（绵阳）科技城"],
        ),
        (
            "港区",
            "洋山特殊综合保税区与郑州航空港区签约。",
            "zh-hans",
            ["洋山特殊综合保税区", "郑州航空港区"],
        ),
        (
            "园中园",
            "石家庄高新区生物医药产业园开园，兰州新区生物医药产业园签约，产线落地贵阳高新区。",
            "zh-hans",
            ["石家庄高新区生物医药产业园", "兰州新区生物医药产业园", "贵阳高新区"],
        ),  # a park inside a zone is named with it; 兰州 is no full administrative name  # one zone
        (
            "省名",
            "湖南浏阳经济技术开发区生命健康产业园今日揭牌。",
            "zh-hans",
            ["湖南浏阳经济技术开发区生命健康产业园"],
        ),  # the province stays before a state zone, and so before a park inside it
        (
            "English",
            "Tianjin's Binhai New Area, the Xi'an High-tech Industries Development Zone and Nanjing Biopharma Valley grew.",
            "en",
            ["Xi'an High-tech Industries Development Zone", "Nanjing Biopharma Valley"],  # Binhai New Area: a district
        ),
        (
            "区域",
            "粤港澳大湾区生物医药产业加快集聚，光谷生物城亦在追赶。",
            "zh-hans",
            ["光谷生物城"],
        ),  # a region is no park
        (
            "Biolake",
            "Wuhan Biolake hosts 3,000 firms; Hong Kong Science Park hosts 1,000.",
            "en",
            ["Wuhan Biolake", "Hong Kong Science Park"],
        ),
    ],
)
def test_parks_with_verbs_known_parks_and_regions(title: str, body: str, lang: str, expected: list[str]) -> None:
    assert analyse_text(title, body, lang)["parks"] == expected


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
