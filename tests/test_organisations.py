"""Organisations by form and by name, in Chinese and English, one entry each."""

from __future__ import annotations

import pytest

from pipelines.analyse import context
from pipelines.organizations import known_organizations
from tests.support.entities import CONFIG, organisations_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "广州开发区控股集团有限公司与百济神州（广州）生物科技有限公司签署合作协议",
            ["广州开发区控股集团有限公司", "百济神州（广州）生物科技有限公司"],
        ),
        ("云舟生物宣布完成融资", ["云舟生物"]),
        ("季华实验室落户三水", ["季华实验室"]),
        ("中山大学附属第一医院牵头", ["中山大学附属第一医院"]),
        ("由杭州和睿生物技术股份有限公司投资", ["杭州和睿生物技术股份有限公司"]),
        ("该公司表示，上市公司数量增加，发展海洋生物产业", []),
        ("推动生物医药企业集聚", []),
        ("VectorBuilder Bio (Guangzhou) Co., Ltd. stated", ["VectorBuilder Bio (Guangzhou) Co., Ltd."]),
        ("including BeiGene and Innovent Biologics, explored", ["BeiGene", "Innovent Biologics"]),
        (
            "run with the Chongqing Academy of Animal Sciences and Southwest University",
            ["Chongqing Academy of Animal Sciences", "Southwest University"],
        ),  # an academy's whole name ends before "and"
        ("West China Hospital of Sichuan University led the trial", ["West China Hospital of Sichuan University"]),
        ("the Boao Lecheng International Medical Tourism Pilot Zone", []),
        ("岭南细胞工厂扩产", ["岭南细胞工厂"]),  # from [analysis] organizations
        ("安捷诊断、蓝鲸细胞科技完成融资，投早、投小、投硬科技", ["安捷诊断", "蓝鲸细胞科技"]),  # brands; a term
        ("深圳普罗吉医药科技完成融资，推动生物科技发展", ["深圳普罗吉医药科技"]),  # a field and 科技 end a brand
        ("将建设一座康复医院，引进一家华曜药业公司", ["华曜药业公司"]),  # a kind after a measure word, then a name
        ("康橋生技宣佈完成募資，台灣生技業者表示樂觀", ["康桥生技"]),  # Taiwan's word for biotech
        ("为度生物完成B轮融资。为度生物成立于2017年", ["为度生物"]),  # a brand named twice at a clause's head
        ("为本医疗机构提供服务。为本医疗机构配送药品", []),  # a function word before the field
        ("园区企业为度生物完成融资。高新区企业为度生物近日完成融资", ["为度生物"]),  # or after what it is
        (
            "研发企业合肥为度生物科技有限公司完成融资",
            ["合肥为度生物科技有限公司"],
        ),  # a place starts the registered name
        ("这家由中国科大团队创办的企业", ["中国科大"]),
        (
            "特变电工股份有限公司项目开工，一家医疗器械股份有限公司落户，另有新材料有限公司签约",
            ["特变电工股份有限公司"],
        ),
        ("青岛市市立医院与福建省立医院签约", ["青岛市市立医院", "福建省立医院"]),  # a city's or province's own hospital
        ("深圳先进电子材料国际创新研究院将提供支持", ["深圳先进电子材料国际创新研究院"]),  # 先进 names institutes
        ("深圳市优必选科技股份有限公司签约，深圳市将支持科技有限公司发展", ["深圳市优必选科技股份有限公司"]),
        ("金诃藏药、库伦蒙药入驻，以后古老藏药有了新家", ["金诃藏药", "库伦蒙药"]),  # makers of ethnic medicines
        ("两家上海医药企业与上海医药签约", ["上海医药"]),  # a place's industry before a noun, then the company
        ("湖南益禾生物科技有限公司、资江药业等签约", ["湖南益禾生物科技有限公司", "资江药业"]),  # a maker in a list
        (
            "台湾美妆品牌晶妍生技股份有限公司、医材厂聚泓医材股份有限公司、深圳医疗器械公司和台湾新药公司",
            ["晶妍生技股份有限公司", "聚泓医材股份有限公司"],
        ),  # what a company is, said before its name or instead of one
        (
            "Gangkang Biotech Group said Gangkang Biotech (Guangzhou) will build it",
            ["Gangkang Biotech Group", "Gangkang Biotech (Guangzhou)"],
        ),  # a group and its branch
        (
            "China Life Insurance (Group) Company and China University of Petroleum (East China) joined",
            ["China Life Insurance (Group) Company", "China University of Petroleum (East China)"],
        ),  # a bracket that says which entity
        (
            "The Institute of Automation, Chinese Academy of Sciences and the Second Institute of Oceanography, Ministry "
            "of Natural Resources met Jihua Laboratory, Guangdong Academy of Sciences Holdings Limited",
            [
                "Institute of Automation, Chinese Academy of Sciences",
                "Second Institute of Oceanography, Ministry of Natural Resources",
                "Jihua Laboratory",
                "Guangdong Academy of Sciences Holdings Limited",
            ],
        ),  # an institute and what it belongs to; a list of two
        (
            "About Nuvanta Therapeutics: Dezhou Vocational and Technical College and the Dezhou Valley Industrial "
            "Investment Fund Partnership (Limited Partnership) signed",
            [
                "Nuvanta Therapeutics",
                "Dezhou Vocational and Technical College",
                "Dezhou Valley Industrial Investment Fund Partnership (Limited Partnership)",
            ],
        ),
        (
            "由湖南湘财私募基金管理有限公司担任管理人，香港理工大学生物医学工程学系和香港舟山同乡会参加",
            ["湖南湘财私募基金管理有限公司", "香港理工大学生物医学工程学系", "香港舟山同乡会"],
        ),  # an abbreviation before an adjective in a registered name; a department; an association
        (
            "由广东省医疗器械质量监督检验所和深圳市药品检验研究院承担，湖北省医疗器械检验检测中心参与",
            ["广东省医疗器械质量监督检验所", "深圳市药品检验研究院", "湖北省医疗器械检验检测中心"],
        ),  # the second institute starts at its own city
        (
            "Hangzhou Tigermed Consulting and Zhejiang Huahai Pharmaceutical signed",
            ["Hangzhou Tigermed Consulting", "Zhejiang Huahai Pharmaceutical"],
        ),  # a name after "and" that starts with its own place
        (
            "Shenzhen Mindray Bio-Medical Electronics works on Industrial Robotics and Medical Imaging",
            ["Shenzhen Mindray Bio-Medical Electronics"],
        ),  # a field ends a name only after a place and a brand
    ],
)
def test_organisations_by_form_and_by_name(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_an_organisation_named_twice_is_reported_once_in_its_fullest_form() -> None:
    assert organisations_in("百济神州（广州）生物科技有限公司……百济神州表示") == ["百济神州（广州）生物科技有限公司"]
    assert organisations_in("和睿生物……杭州和睿生物技术股份有限公司") == ["杭州和睿生物技术股份有限公司"]
    # a parent and its subsidiary, each named by its registered name, are two companies
    assert organisations_in("禾曦医药控股有限公司旗下的江苏禾曦医药有限公司") == [
        "禾曦医药控股有限公司",
        "江苏禾曦医药有限公司",
    ]
    # a headline's two-character alias means the organisation the text names in full, not another it may stand for
    assert organisations_in("高瓴、礼来亚洲基金联合领投。本轮由高瓴创投领投") == ["高瓴创投", "礼来亚洲基金"]
    assert organisations_in("高瓴领投。高瓴资本领投，高瓴创投跟投") == ["高瓴资本", "高瓴创投"]
    assert organisations_in("本轮由红杉中国（Sequoia China）领投") == ["红杉中国"]  # the Chinese name, not the longer


def test_one_key_for_an_organisation_in_both_languages() -> None:
    known = context(CONFIG).known
    assert known.key("江苏恒瑞医药股份有限公司") == known.key("Jiangsu Hengrui Pharmaceuticals") == "恒瑞医药"
    assert known.key("Lingnan Cell Factory") == "岭南细胞工厂"
    assert known.key("Beijing Wantai Biological Pharmacy Enterprise Co., Ltd.") == known.key("万泰生物")
    assert known.key("China Pharmaceutical Industry Information Center") == "中国医药工业信息中心"  # the top-100 list's
    assert (
        known.key("China National Center for Biotechnology Development") == "中国生物技术发展中心"
    )  # the parks' list's
    assert known.key("中山大学") != known.key("北京大学")
    # an English place ends at a word's edge: Yili (a prefecture) does not start Yiling
    assert known.key("Shijiazhuang Yiling Pharmaceutical Co., Ltd.") == known.key("Yiling Pharmaceutical") == "以岭药业"
    assert known.key("Shijiazhuang Yiling Pharmaceutical Co., Ltd.") != known.key("Zhangjiang Group")
    assert known.key("Guangzhou Lab") != known.key("Zhejiang Lab")  # a place's lab is not every lab
    # a kind many institutions share is told apart by its place, and one place written two ways is one
    assert known.key("Weifang Medical University") != known.key("Kaohsiung Medical University")
    assert known.key("潍坊医科大学") != known.key("蚌埠医科大学")
    assert known.key("历下区人民医院") == known.key("济南市历下区人民医院")
    assert known.key("德国海恩斯制药集团") == known.key("海恩斯制药集团")  # a country qualifies
    # a field word is no key, so a brand that is also a place's pinyin (Chenxi) stays the company's
    assert known.key("Tianjin Chenxi Biomedical Technology Co., Ltd.") == known.key("Chenxi Biomedical") == "chenxi"
    assert known.key("Tianjin Yuelan Diagnostics Technology Co., Ltd.") != known.key("Chenxi Biomedical")
    # a legal form never changes which company it is, even where the name's core is another's (中国…)
    assert known.key("中国生物制药有限公司") == known.key("中国生物制药") != known.key("中国生物技术股份有限公司")
    assert "百济神州" in known_organizations().canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("粤科医疗器械集团有限公司将建设研发总部", ["粤科医疗器械集团有限公司"]),  # 集团 before 有限公司
        ("海恩斯制药集团中国区总裁表示，中国是集团全球第二大市场", ["海恩斯制药集团"]),  # 是 is no name part
        ("专注抗体药的和睿生物今日在港交所主板上市", ["和睿生物", "港交所"]),  # 的 glued to the name
        ("粤海药业等多家企业将设立区域总部", ["粤海药业"]),  # a brand jieba tags as a place
        ("广州医药企业数量增加", []),  # a city before an industry word
        ("元生资本、高榕资本跟投，社会资本参与", ["元生资本", "高榕资本"]),  # fund managers, not 社会资本
        ("投资方包括松涛资本、远望创投等机构", ["松涛资本", "远望创投"]),  # 远望 reads as a verb alone
        ("本轮由青禾资本领投，风险资本持续关注", ["青禾资本"]),
        ("园区运营方南岭城市建设投资集团有限公司介绍", ["南岭城市建设投资集团有限公司"]),  # no role word
        ("这是锐川医疗今年完成的第二轮融资", ["锐川医疗"]),  # 这是 glued, nothing of the name
        ("抗体方向最受资本关注", []),
        ("恒瑞跟投，药明康德与Legend Biotech合作", ["恒瑞", "药明康德", "Legend Biotech"]),  # short names
        ("Kintor Healthcare and Ruibo Partners joined", ["Kintor Healthcare", "Ruibo Partners"]),
        ("Shanghai-based Junshi Biosciences signed", ["Junshi Biosciences"]),  # not the "-based" word
        ("中金公司担任保荐人，国药控股股份有限公司参与", ["中金公司", "国药控股股份有限公司"]),  # known names
        ("Bio-Town Investment and Development Co., Ltd. built it", ["Bio-Town Investment and Development Co., Ltd."]),
        ("E-Town Investment & Development Co., Ltd. built it", ["E-Town Investment & Development Co., Ltd."]),
        ("Novimed Pharma AG, Bayer AG and Sanofi S.A. joined", ["Novimed Pharma AG", "Bayer AG", "Sanofi S.A."]),
        ("Merck KGaA and AstraZeneca PLC signed", ["Merck KGaA", "AstraZeneca PLC"]),  # European legal forms
        (
            "signed by Sichuan Kelun-Biotech Biopharmaceutical Co and Suzhou Ribo Life Science",
            ["Sichuan Kelun-Biotech Biopharmaceutical Co", "Suzhou Ribo Life Science"],
        ),
        ("湖南省医疗器械行业协会与长沙市生物医药联合会共同主办", ["湖南省医疗器械行业协会", "长沙市生物医药联合会"]),
        ("南京江北新区与南京启明诊断技术有限公司签署协议", ["南京启明诊断技术有限公司"]),  # a verb as the brand
        ("项目由福州康颐养老服务有限公司投资建设", ["福州康颐养老服务有限公司"]),
        ("其中，江西仁济堂中药饮片有限公司将投资", ["江西仁济堂中药饮片有限公司"]),  # a measure word as the brand
        ("大连澄海生物制药股份有限公司在港上市", ["大连澄海生物制药股份有限公司"]),  # a place jieba tags oddly
        ("团队来自东软医疗系统股份有限公司", ["东软医疗系统股份有限公司"]),  # a short name before a legal form
        (
            "龙头企业河南驼人医疗器械集团有限公司、当地国企青岛崂山科创投资集团有限公司",
            ["河南驼人医疗器械集团有限公司", "青岛崂山科创投资集团有限公司"],
        ),
        ("香港公营医院和疆内主要医院", []),  # descriptions of hospitals
        ("德国海恩斯制药集团与日本丸濑医疗器械株式会社签约", ["德国海恩斯制药集团", "日本丸濑医疗器械株式会社"]),
        (
            "哈尔滨工业大学生命科学与技术学院、华锐药业与中国医学科学院药物研究所",
            ["哈尔滨工业大学生命科学与技术学院", "华锐药业", "中国医学科学院药物研究所"],
        ),
        (
            "晋欣生物母公司宣布，母公司广东珀妍生物科技有限公司表示",
            ["晋欣生物", "广东珀妍生物科技有限公司"],
        ),  # a relation follows a name, it is no part of it
        (
            "该校联合首都医科大学，与北京未来科学城发展集团有限公司合作",
            ["首都医科大学", "北京未来科学城发展集团有限公司"],
        ),
        ("China Association of Bio-Industrial Parks said", ["China Association of Bio-Industrial Parks"]),
        (
            "Hong Kong-listed Hengyin Holdings, Yantai's Luye Pharma and Peking University People's Hospital",
            ["Hengyin Holdings", "Luye Pharma", "Peking University People's Hospital"],
        ),  # a place's possessive describes; one inside a name does not
        (
            "Ocean University of China, Zhejiang University School of Medicine",
            ["Ocean University of China", "Zhejiang University School of Medicine"],
        ),
        ("Haiyue Biotherapeutics and Neusoft Medical Systems", ["Haiyue Biotherapeutics", "Neusoft Medical Systems"]),
    ],
)
def test_organisations_with_form_words_particles_and_investors(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_insurers_foundations_and_trusts_are_named_by_their_form() -> None:
    text = "China Pacific Property Insurance and the Tsinghua Education Foundation joined the Haitong Charities Trust."
    assert organisations_in(text) == [
        "China Pacific Property Insurance",
        "Tsinghua Education Foundation",
        "Haitong Charities Trust",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以苏州为基地的晞晗生物科技有限公司今日宣布完成融资", ["晞晗生物科技有限公司"]),
        ("以苏州为基地的珺昶医疗科技有限公司今日宣布完成融资", ["珺昶医疗科技有限公司"]),
        ("研发企业晞晗生物完成A轮融资。晞晗生物成立于2023年", ["晞晗生物"]),  # named twice, each time after what it is
        ("的新建生物科技有限公司完成融资", []),  # 新建 is one word: no cut brand
        ("由苏州国投先导私募基金管理有限公司担任管理人", ["苏州国投先导私募基金管理有限公司"]),
        ("由合肥产投未来私募基金管理有限公司担任管理人", ["合肥产投未来私募基金管理有限公司"]),
    ],
)
def test_brands_jieba_cut_into_lone_characters_and_private_fund_managers(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香港物流园营运商港捷物流有限公司昨日动土", ["港捷物流有限公司"]),  # what it is, as Hong Kong writes it
        ("团队将利用玛丽医院的临床资源", ["玛丽医院"]),  # a verb before the hospital is not its name
        ("Hong Kong's Ganglian Biotech will build the plant.", ["Ganglian Biotech"]),  # a two-word place's
        ("Operator Hubei Jingtong Logistics Co., Ltd. said the park opens.", ["Hubei Jingtong Logistics Co., Ltd."]),
        ("The deal was signed with The University of Hong Kong.", ["The University of Hong Kong"]),
    ],
)
def test_roles_verbs_and_possessives_before_a_name_are_not_the_names(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_a_pharmacy_chain_is_named_by_its_form_and_a_kind_of_pharmacy_is_none() -> None:
    assert organisations_in("益丰大药房今年新开门店300家，社区药房和定点药店同步供药。") == ["益丰大药房"]


def test_a_makers_name_ends_in_its_trade_after_its_place_and_a_places_field_names_none() -> None:
    text = "Chongqing Changan Automobile and Guangzhou Baiyunshan Chinese Medicine signed with the zone."
    assert organisations_in(text) == ["Chongqing Changan Automobile", "Guangzhou Baiyunshan Chinese Medicine"]
    text = "Doctors at Shanghai Traditional Chinese Medicine hospitals and Shanghai Precision Medicine labs."
    assert organisations_in(text) == []


def test_a_name_before_a_comma_and_its_legal_form_and_a_brands_chinese_medicine() -> None:
    assert organisations_in("公司与美国Caldera Oncology, Inc.签署独家许可协议。") == ["Caldera Oncology, Inc."]
    assert organisations_in(
        "Tongrentang Chinese Medicine opened a plant; doctors of Traditional Chinese Medicine came."
    ) == ["Tongrentang Chinese Medicine"]


def test_an_industry_association_named_with_its_place_and_field() -> None:
    assert organisations_in("香港中医药行业联合会估计，本港中医诊所已超过1500间。") == ["香港中医药行业联合会"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "在香港上市的黔康药业集团控股有限公司全资子公司贵州黔康制药有限公司投资",
            ["黔康药业集团控股有限公司", "贵州黔康制药有限公司"],
        ),
        ("另一家连锁药局杏一医疗用品股份有限公司也表示", ["杏一医疗用品股份有限公司"]),  # what it is, before its name
        ("另一家台湾上柜公司表示", []),  # a description
        ("丽珠集团宁夏福兴制药有限公司项目开工", ["丽珠集团宁夏福兴制药有限公司"]),  # a group's unit, one name
        ("华润集团与宁夏福兴制药有限公司签约", ["华润集团", "宁夏福兴制药有限公司"]),
        ("郑州大学第一附属医院河医院区门诊调整", ["郑州大学第一附属医院"]),  # 院区: a campus of the hospital
        ("据了解，两天前楚仙医疗的敷料基地开工", ["楚仙医疗"]),  # 前 of 两天前 glued to the brand
        ("前沿生物完成融资", ["前沿生物"]),
        (
            "He works at the Affiliated People's Hospital of Fujian University of Traditional Chinese Medicine.",
            ["Affiliated People's Hospital of Fujian University of Traditional Chinese Medicine"],
        ),
        ("The Jiangxi Provincial Department of Commerce said.", []),  # a government organ
        ("Dexin Chinese Medicine Factory signed the deal.", ["Dexin Chinese Medicine Factory"]),
        ("Xinmou Semiconductor, a chip designer, said it would move.", ["Xinmou Semiconductor"]),
        (
            "It is managed by Liaoning Angao Fund Management Co., Ltd. Limited partners include the group.",
            ["Liaoning Angao Fund Management Co., Ltd."],
        ),  # Ltd. ends the sentence
        ("北海药企获澳门大学中药新药授权", ["澳门大学"]),
    ],
)
def test_a_group_holding_company_a_pharmacy_described_before_its_name_and_departments(
    text: str, expected: list[str]
) -> None:
    assert organisations_in(text) == expected


def test_a_banks_branch_after_its_english_legal_form_is_the_branch() -> None:
    assert organisations_in("The loan was arranged by Industrial Bank Co., Ltd. Longyan Branch.") == [
        "Industrial Bank Co., Ltd. Longyan Branch"
    ]
    assert organisations_in("China Construction Bank Corporation Shijiazhuang Branch led the syndicate.") == [
        "China Construction Bank Corporation Shijiazhuang Branch"
    ]


def test_english_names_with_a_parent_a_country_a_number_or_two_fields() -> None:
    text = "Researchers from the Institute of Crop Sciences of the Chinese Academy of Agricultural Sciences said."
    assert organisations_in(text) == ["Institute of Crop Sciences of the Chinese Academy of Agricultural Sciences"]
    assert organisations_in("The German Chamber of Commerce in China said.") == ["German Chamber of Commerce in China"]
    assert organisations_in("Chongqing University of Arts and Sciences signed.") == [
        "Chongqing University of Arts and Sciences"
    ]
    text = "It signed with Suzhou Medical College of Soochow University and Changshu No 1 People's Hospital."
    assert organisations_in(text) == ["Suzhou Medical College of Soochow University", "Changshu No 1 People's Hospital"]
    assert organisations_in("University of Macau and Sun Yat-sen University signed.") == [
        "University of Macau",
        "Sun Yat-sen University",
    ]


def test_an_english_centre_is_named_by_its_field_or_for_what_it_does() -> None:
    text = "the Hong Kong Centre for Tumour Immunotherapy said, as did Academia Sinica Genomics Research Center"
    assert organisations_in(text) == [
        "Hong Kong Centre for Tumour Immunotherapy",
        "Academia Sinica Genomics Research Center",
    ]
    assert organisations_in("The Research Center said the Center for Drug Evaluation approved it.") == []


def test_an_english_alias_a_bracketed_entity_and_a_branch_before_and() -> None:
    text = "FW-301 was developed by Luoyang Yuanyi Biopharmaceutical Co., Ltd., known internationally as Farwing Therapeutics."
    assert organisations_in(text) == ["Luoyang Yuanyi Biopharmaceutical Co., Ltd."]
    text = (
        'Luoyang Yuanyi Biopharmaceutical Co., Ltd. (SSE: 688792) ("Farwing Therapeutics" or "the Company") announced.'
    )
    assert organisations_in(text) == ["Luoyang Yuanyi Biopharmaceutical Co., Ltd.", "SSE"]  # the code's exchange
    assert organisations_in("Goldman Sachs (Asia) L.L.C. acted as sponsor.") == ["Goldman Sachs (Asia) L.L.C."]
    assert organisations_in("China Life Insurance (Overseas) and Lake Bleu Capital subscribed.") == [
        "China Life Insurance (Overseas)",
        "Lake Bleu Capital",
    ]
    assert organisations_in("Bank of China Liaoning Branch and Shengjing Bank Co., Ltd. will lend.") == [
        "Bank of China Liaoning Branch",
        "Shengjing Bank Co., Ltd.",
    ]


def test_a_parent_told_with_co_and_its_subsidiary_are_two_companies() -> None:
    text = "Kaiyuan Medical Co., a Taiwan-based maker, said a new subsidiary, Kaiyuan Medical Technology (Chongqing) Co., Ltd., will run it."
    assert organisations_in(text) == ["Kaiyuan Medical Co.", "Kaiyuan Medical Technology (Chongqing) Co., Ltd."]
    text = "Hongjin Medical Devices Co. said. Hongjin Medical Devices Co., Ltd. is listed."
    assert organisations_in(text) == ["Hongjin Medical Devices Co., Ltd."]  # one company, told short


def test_an_acronym_in_brackets_names_the_organisation_before_it_in_every_later_mention() -> None:
    text = (
        "Ningbo signed with the Shanghai Institute of Materia Medica of the Chinese Academy of Sciences (SIMM). "
        "Five teams from SIMM will move in first."
    )
    assert organisations_in(text) == ["Shanghai Institute of Materia Medica of the Chinese Academy of Sciences"]


def test_a_known_parent_written_before_its_own_unit_is_that_units() -> None:
    assert organisations_in("宁波与中科院上海药物所共建研究院。") == ["上海药物所"]
    assert organisations_in("宁波与中科院签约，共建研究院。") == ["中科院"]
    assert organisations_in("Ningbo and a CAS drug institute team up.") == []
    assert organisations_in("Ningbo and CAS team up on a drug institute.") == ["CAS"]


def test_a_citys_investment_platform_told_short_is_a_name_and_its_registered_one() -> None:
    assert organisations_in("本轮由启明创投领投，鸠兹产投跟投。由曹州医药集团与菏泽城投合资组建。") == [
        "启明创投",
        "鸠兹产投",
        "曹州医药集团",
        "菏泽城投",
    ]
    assert organisations_in("经开区国有平台扬州经开产投代建一期厂房。") == ["扬州经开产投"]
    text = "湘潭市城市建设投资经营有限公司（以下简称“湘潭城投”）完成发行。湘潭城投是主体。黄山产投与湘潭城投签约。"
    assert organisations_in(text) == ["湘潭市城市建设投资经营有限公司", "黄山产投"]
    assert organisations_in("深圳坪山金控投资有限公司出资。") == ["深圳坪山金控投资有限公司"]


def test_a_hospital_of_a_university_named_with_two_fields_and_a_city_banks_branch() -> None:
    text = "The First Affiliated Hospital of the University of Science and Technology of China joined."
    assert organisations_in(text) == ["First Affiliated Hospital of the University of Science and Technology of China"]
    assert organisations_in("A loan from Hengfeng Bank Binzhou Branch was signed.") == ["Hengfeng Bank Binzhou Branch"]
