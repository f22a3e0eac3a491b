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
