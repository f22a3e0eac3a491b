"""Entities: places with their parent chains, organisations, money in CNY, and the gazetteer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from config import parse
from pipelines import places
from pipelines.analyse import analyse, context
from pipelines.article import Article
from pipelines.money import Rates, amounts, cn_number
from pipelines.organizations import known_organizations, mentions, organizations
from pipelines.text import fold, segment, to_simplified

CONFIG = parse(
    {
        "watches": [{"name": "w", "keywords": ["生物医药"]}],
        "analysis": {
            "organizations": ["岭南细胞工厂|Lingnan Cell Factory"],
            "places": ["黄埔区/黄埔生物安全中试园"],
            "usd_cny": 7.0,
        },
    },
    Path("/tmp/newswatch-test/config.toml"),
    {},
)


def _analyse(title: str, body: str, lang: str = "zh-hans") -> dict:
    return analyse(
        Article(
            url="http://127.0.0.1/a",
            source="s",
            title=title,
            published_at=None,
            lang=lang,
            body=body,
            fetched_at="2025-11-18T00:00:00+00:00",
            content_hash="h",
        ),
        CONFIG,
    )


RATES = Rates()


def _money(text: str, rates: Rates = RATES) -> list[tuple[str, float]]:
    return [(a["text"], a["value_cny"]) for a in amounts(fold(text), rates, text)]


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全区生物医药产值达1139亿元", [("1139亿元", 113_900_000_000)]),
        ("项目总投资超30亿元", [("超30亿元", 3_000_000_000)]),
        ("基金总规模2.25万亿元", [("2.25万亿元", 2_250_000_000_000)]),
        ("投入近百亿元", [("近百亿元", 10_000_000_000)]),
        ("奖励三千万元", [("三千万元", 30_000_000)]),
        ("allocated more than 3.7 billion yuan on innovation", [("more than 3.7 billion yuan", 3_700_000_000)]),
        ("support of 40 million yuan ($5.79 million) to 20 projects", [("40 million yuan", 40_000_000)]),
        ("a deal worth USD 1.18 billion", [("USD 1.18 billion", 8_378_000_000)]),
        ("raised HK$2.1 billion", [("HK$2.1 billion", 1_911_000_000)]),
        ("集資約港幣36億元", [("約港幣36億元", 3_276_000_000)]),  # traditional, HKD, quoted as written
        ("总投资50亿，占地36,313平方米", [("50亿", 5_000_000_000)]),
        ("融资1.5亿美元（约合人民币10.7亿元）", [("1.5亿美元", 1_065_000_000)]),
        ("a 15-billion-yuan fund", [("15-billion-yuan", 15_000_000_000)]),
    ],
)
def test_money_in_chinese_and_english_becomes_cny(text: str, expected: list[tuple[str, float]]) -> None:
    assert _money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "大分子生物药规划产能达60万升",
        "covering 280,000 square meters",
        "首期建筑面积36313平方米",
        "员工1000人",
        "数十亿元的项目",
        "billions of yuan",
        "2025年投资计划",
        "统一元素",
        "每年服务1亿人次",
    ],
)
def test_volumes_areas_counts_and_vague_scales_are_not_money(text: str) -> None:
    assert _money(text) == []


def test_the_dollar_rate_comes_from_the_config() -> None:
    got = _analyse("Fund launched", "The fund raised USD 100 million from investors.", "en")
    assert got["amounts"] == [{"text": "USD 100 million", "value_cny": 700_000_000}]


def test_one_entry_per_value() -> None:
    assert [v for _, v in _money("总投资100亿元……项目总投资达100亿元")] == [10_000_000_000]


def test_chinese_numbers() -> None:
    assert cn_number("2.25万亿") == 2.25e12
    assert cn_number("一亿二千万") == 1.2e8
    assert cn_number("1,200") == 1200


# ---------------------------------------------------------------- places


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
    got = _analyse("签约", "广州开发区控股集团有限公司与佛山市签约。")
    assert got["places"] == ["佛山市"]
    assert got["organizations"] == ["广州开发区控股集团有限公司"]


def test_a_place_inside_any_mention_of_an_organisation_does_not_count() -> None:
    got = _analyse("越秀区人民医院开设夜间门诊", "广州市越秀区人民医院近日开设夜间门诊。")
    assert got["places"] == []  # the headline's 越秀区 names the hospital, as the body's does
    assert got["organizations"] == ["广州市越秀区人民医院"]


def test_a_parent_written_at_the_head_of_a_district_name_counts() -> None:
    assert _places("总部位于天津滨海新区") == ["天津市", "滨海新区"]  # as 广州黄埔 names both


def test_a_place_in_a_port_name_does_not_count() -> None:
    assert _analyse("", "一条连接南通港的物流通道建成。")["places"] == []
    assert _analyse("", "Trucks use a lane at the Huanggang port.", "en")["places"] == []


def test_a_place_in_a_road_station_or_airport_name_does_not_count() -> None:
    assert _analyse("", "项目位于黄埔东路，经新郑国际机场通关，地铁至天河站。")["places"] == []
    assert _analyse("", "项目位于黄埔区开创大道。")["places"] == ["黄埔区"]  # an address: the district
    assert _analyse("", "Cargo left Guangzhou Baiyun International Airport.", "en")["places"] == []


def test_a_place_in_a_company_short_name_does_not_count() -> None:
    got = _analyse("大连澄海生物在港上市", "大连澄海生物制药股份有限公司在香港上市。澄海生物成立于2010年。")
    assert got["places"] == ["大连市", "香港特别行政区"]  # 澄海 (a district of Shantou) is the brand
    assert _analyse("", "广州生物医药集团有限公司成立。广州生物产业发展迅速。")["places"] == ["广州市"]


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


# ---------------------------------------------------------------- organisations


def _orgs(text: str) -> list[str]:
    ctx = context(CONFIG)
    seg = segment(text)
    return [name for name, _, _ in organizations(seg, to_simplified(text), ctx.known, mentions(seg, ctx.known))]


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
        ("West China Hospital of Sichuan University led the trial", ["West China Hospital of Sichuan University"]),
        ("the Boao Lecheng International Medical Tourism Pilot Zone", []),
        ("岭南细胞工厂扩产", ["岭南细胞工厂"]),  # from [analysis] organizations
    ],
)
def test_organisations_by_form_and_by_name(text: str, expected: list[str]) -> None:
    assert _orgs(text) == expected


def test_an_organisation_named_twice_is_reported_once_in_its_fullest_form() -> None:
    assert _orgs("百济神州（广州）生物科技有限公司……百济神州表示") == ["百济神州（广州）生物科技有限公司"]
    assert _orgs("和睿生物……杭州和睿生物技术股份有限公司") == ["杭州和睿生物技术股份有限公司"]
    # a parent and its subsidiary, each named by its registered name, are two companies
    assert _orgs("禾曦医药控股有限公司旗下的江苏禾曦医药有限公司") == ["禾曦医药控股有限公司", "江苏禾曦医药有限公司"]


def test_one_key_for_an_organisation_in_both_languages() -> None:
    known = context(CONFIG).known
    assert known.key("江苏恒瑞医药股份有限公司") == known.key("Jiangsu Hengrui Pharmaceuticals") == "恒瑞医药"
    assert known.key("Lingnan Cell Factory") == "岭南细胞工厂"
    assert known.key("中山大学") != known.key("北京大学")
    assert known.key("德国海恩斯制药集团") == known.key("海恩斯制药集团")  # a country qualifies
    assert "百济神州" in known_organizations().canonical


# ---------------------------------------------------------------- organisations, more forms


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
        ("晋欣生物母公司宣布，母公司广东珀妍生物科技有限公司表示", ["广东珀妍生物科技有限公司"]),  # relations
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
    assert _orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("子基金将专门投资西南大学等高校的成果", ["西南大学"]),  # 投资 is the verb, not a school's name
        ("首批资金投向长白医药高新区", []),  # the zone's industry, not a company
        ("嘉宾来自上海诺和康宁生物技术有限公司", ["上海诺和康宁生物技术有限公司"]),
        (
            "甘肃恒瑞药业有限公司、正大天晴药业集团股份有限公司等企业",
            ["甘肃恒瑞药业有限公司", "正大天晴药业集团股份有限公司"],
        ),
        ("本轮由湘江资本领投，和蓉芯资本跟投", ["湘江资本", "蓉芯资本"]),
        ("会上，正大天晴药业集团股份有限公司表示", ["正大天晴药业集团股份有限公司"]),  # a clause's head
        ("衡因控股有限公司附属公司将投资", ["衡因控股有限公司"]),  # a legal form ends the name before it
        ("a lab at the School of Medicine, Fudan University, said", ["School of Medicine, Fudan University"]),
        (
            "with the First Affiliated Hospital of Sun Yat-sen University",
            ["First Affiliated Hospital of Sun Yat-sen University"],
        ),
        ("Germany's Heinsberg Pharma Co., Ltd. will invest", ["Heinsberg Pharma Co., Ltd."]),
        ("Tongzhou's Lianbo Therapeutics raised funds", ["Lianbo Therapeutics"]),  # a possessive first describes
        ("基金管理人为苏州衡岳私募基金管理有限公司。", ["苏州衡岳私募基金管理有限公司"]),  # a role before the name
        ("由宁波甬川股权投资合伙企业（有限合伙）跟投", ["宁波甬川股权投资合伙企业（有限合伙）"]),
        ("遵义医科大学与遵义医科大学附属医院", ["遵义医科大学", "遵义医科大学附属医院"]),  # 遵义 is tagged a verb
        ("与中国药科大学共建中国药科大学泰州研究院", ["中国药科大学", "中国药科大学泰州研究院"]),
        ("由江苏省医疗器械和药品包装检验研究院运营", ["江苏省医疗器械和药品包装检验研究院"]),  # a province heads it
        ("在江苏省推动建设研究院", []),  # a province and the sentence's verbs are no institute
        ("与兰州大学生命学院合作", ["兰州大学生命学院"]),
        ("苏州澜川医疗有限公司队和常州迈科医疗器械有限公司队", ["苏州澜川医疗有限公司", "常州迈科医疗器械有限公司"]),
        ("中山大学（深圳）校区启用", ["中山大学（深圳）"]),
        ("贵州澄岭生物制品有限公司开工。澄岭生物表示", ["贵州澄岭生物制品有限公司"]),
        ("双方将共建抗体药物联合实验室", []),  # a joint lab is described by its field, not named
        ("Qinling Medical Technology and Huaxi Labs signed", ["Qinling Medical Technology", "Huaxi Labs"]),
        ("the Ministry of Science and Technology said", []),  # a ministry is no organisation
        (
            "Linyi Bio-Park Investment and Development Co., Ltd. will build",
            ["Linyi Bio-Park Investment and Development Co., Ltd."],
        ),  # an activity word before "and" runs on to the legal form
        ("listed on the Shenzhen Stock Exchange", ["Shenzhen Stock Exchange"]),
        ("据中国生物技术发展中心统计", ["中国生物技术发展中心"]),  # a development centre is an institution
        ("中标供应商：芜湖康达医用设备有限公司，", ["芜湖康达医用设备有限公司"]),  # 设备: a verbal noun in a name
        ("8月4日，安徽泓肽生物医药科技有限公司宣布", ["安徽泓肽生物医药科技有限公司"]),  # 泓: a brand's character
        ("道路因途经山东康源生物医药有限公司厂区", ["山东康源生物医药有限公司"]),
        ("由中国国际金融香港证券有限公司保荐", ["中国国际金融香港证券有限公司"]),  # 香港 inside the name
        ("台湾保健食品业者菌宝生技股份有限公司表示", ["菌宝生技股份有限公司"]),
        ("也是晋江市首家医疗器械上市公司", []),  # a listed company of a kind, not a name
        ("华北地区医院普遍采购", []),
        (
            "Ferrante Diagnostics SpA, Nordhavn Medical A/S and Altyn Pharm LLP signed",
            ["Ferrante Diagnostics SpA", "Nordhavn Medical A/S", "Altyn Pharm LLP"],
        ),
        (
            "the Zhejiang University College of Biomedical Engineering and Instrument Science said",
            ["Zhejiang University College of Biomedical Engineering and Instrument Science"],
        ),
        (
            "the Second Affiliated Hospital of Zhejiang University School of Medicine said",
            ["Second Affiliated Hospital of Zhejiang University School of Medicine"],
        ),
    ],
)
def test_organisation_boundaries_beside_verbs_lists_brackets_and_short_names(text: str, expected: list[str]) -> None:
    assert _orgs(text) == expected


# ---------------------------------------------------------------- parks


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
        ("开园", "云南玉溪康岭科技城今日开园。", "zh-hans", ["玉溪康岭科技城"]),  # the province says where
        ("开发区", "浙江嘉善经济开发区引进两个项目。", "zh-hans", ["浙江嘉善经济开发区"]),  # a designated zone's name
        ("孵化器", "青海藏医药产业孵化器揭牌。", "zh-hans", ["青海藏医药产业孵化器"]),  # the rest names no park
        ("落户", "项目落户湖口县金砂湾工业园。", "zh-hans", ["金砂湾工业园"]),  # the county is an address
        ("揭牌", "黄埔区生物医药产业园揭牌。", "zh-hans", ["黄埔区生物医药产业园"]),  # without it no name is left
        (
            "FTZ",
            "The Lin-gang Special Area of the China (Shanghai) Pilot Free Trade Zone and Chongqing International "
            "Biological City grew.",
            "en",
            [
                "Lin-gang Special Area",
                "China (Shanghai) Pilot Free Trade Zone",
                "Chongqing International Biological City",
            ],
        ),
    ],
)
def test_parks_by_form_in_chinese_and_english(title: str, body: str, lang: str, expected: list[str]) -> None:
    assert _analyse(title, body, lang)["parks"] == expected


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
    assert _analyse("", text, "en" if text.isascii() else "zh-hans")["places"] == expected


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
    assert _analyse(title, body, lang)["parks"] == expected


def test_known_zones_by_short_and_english_names() -> None:
    assert _analyse("", "松山湖新落地一批医疗器械项目。")["parks"] == ["松山湖"]
    assert _analyse("", "A plant in TEDA and another in Songshan Lake opened.", "en")["parks"] == [
        "TEDA",
        "Songshan Lake",
    ]


def test_a_zone_named_short_and_in_full_is_one_park() -> None:
    def parks_of(body: str) -> list[str]:
        return _analyse("", body)["parks"]

    assert parks_of("合肥高新区发布新政。合肥国家高新技术产业开发区管委会表示") == ["合肥国家高新技术产业开发区"]
    assert parks_of("雨花高新区企业。公司位于长沙雨花高新技术产业开发区") == ["长沙雨花高新技术产业开发区"]
    assert parks_of("湖北综改示范区签约。湖北转型综合改革示范区管委会") == ["湖北转型综合改革示范区"]
    # a place between the shared words makes another park; so does another kind of park
    assert parks_of("苏州工业园区与苏州相城工业园区") == ["苏州工业园区", "苏州相城工业园区"]
    assert parks_of("亦庄生物医药产业基地与亦庄生物医药中试基地") == ["亦庄生物医药产业基地", "亦庄生物医药中试基地"]


def test_a_scope_word_before_a_kind_of_park_names_none() -> None:
    assert _analyse("", "Yinchuan New Area, a state-level new area, and a National-level new area", "en")["parks"] == []


def test_a_city_short_name_is_the_city_beside_a_zone_in_its_namesake_county() -> None:
    got = _analyse("", "长沙经开区签约3个项目。长沙医疗器械产业加快集聚。")
    assert "长沙市" in got["places"] and "长沙县" not in got["places"]


def test_a_known_zone_is_quoted_as_the_article_writes_it() -> None:
    assert _analyse("", "中国（湖北）自由贸易试验区武汉片区发布新政。")["parks"] == [
        "中国（湖北）自由贸易试验区武汉片区"
    ]


def test_a_park_named_with_its_zone_and_on_its_own_is_the_zone_and_the_park() -> None:
    body = "绵阳科技城新区康宁生物医药产业园开园。康宁生物医药产业园首批入驻9家企业。"
    assert _analyse("", body)["parks"] == ["绵阳科技城新区", "康宁生物医药产业园"]
    assert _analyse("", "重庆国际生物城创新孵化港启用。")["parks"] == ["重庆国际生物城创新孵化港"]


def test_a_bare_zone_word_before_a_park_and_a_bracketed_district_after_a_zone() -> None:
    body = "项目在襄阳高新技术产业开发区开工，落户高新区汉江医药健康产业园。"
    assert _analyse("", body)["parks"] == ["襄阳高新技术产业开发区", "汉江医药健康产业园"]
    assert _analyse("", "总部位于宁波高新区（鄞州）的企业")["parks"] == ["宁波高新区（鄞州）"]
