"""Organisations by form and by name, in Chinese and English, one entry each."""

from __future__ import annotations

import pytest

from pipelines.analyse import context
from pipelines.organizations import known_organizations, mentions, organizations
from pipelines.text import segment, to_simplified
from tests.support.entities import CONFIG


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
    assert _orgs(text) == expected


def test_an_organisation_named_twice_is_reported_once_in_its_fullest_form() -> None:
    assert _orgs("百济神州（广州）生物科技有限公司……百济神州表示") == ["百济神州（广州）生物科技有限公司"]
    assert _orgs("和睿生物……杭州和睿生物技术股份有限公司") == ["杭州和睿生物技术股份有限公司"]
    # a parent and its subsidiary, each named by its registered name, are two companies
    assert _orgs("禾曦医药控股有限公司旗下的江苏禾曦医药有限公司") == ["禾曦医药控股有限公司", "江苏禾曦医药有限公司"]
    # a headline's two-character alias means the organisation the text names in full, not another it may stand for
    assert _orgs("高瓴、礼来亚洲基金联合领投。本轮由高瓴创投领投") == ["高瓴创投", "礼来亚洲基金"]
    assert _orgs("高瓴领投。高瓴资本领投，高瓴创投跟投") == ["高瓴资本", "高瓴创投"]


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
        ("公司在清远注册成立台康晟医药（清远）有限公司", ["台康晟医药（清远）有限公司"]),  # founding verbs end it
        ("葛康生物是香港上市公司康泽生物控股有限公司的子公司", ["葛康生物", "康泽生物控股有限公司"]),
        ("计划明年内在香港联合交易所有限公司上市", ["香港联合交易所有限公司"]),  # 内在: "in" ends the clause
        (
            "广东省疾病预防控制中心、上海市血液中心和中山大学肿瘤防治中心",
            ["广东省疾病预防控制中心", "上海市血液中心", "中山大学肿瘤防治中心"],
        ),  # public health institutions
        ("华厦眼科在厦门新建急救中心", ["华厦眼科"]),  # a known brand; 新建 (built) is no place
        ("Shares of Abogen Biosciences rose", ["Abogen Biosciences"]),  # a sentence's subject is no name's part
        (
            "贵州金控与长沙城投共同出资，管理人为深圳坪山金控投资有限公司，樟树工业园区福城医药园新增企业",
            ["贵州金控", "长沙城投", "深圳坪山金控投资有限公司"],
        ),  # state investors' short forms, not where a longer name ends; an industry word before 园
        (
            "China Resources Sanjiu Medical & Pharmaceutical and Johnson & Johnson signed",
            ["China Resources Sanjiu Medical & Pharmaceutical", "Johnson & Johnson"],
        ),  # two fields of one name
        (
            "Central South University's Xiangya Hospital signed",
            ["Central South University", "Xiangya Hospital"],
        ),  # a university and its hospital, though the known list keys the hospital under the university's name
        (
            "WuXi Biologics and Sinopharm's China National Biotec Group signed",
            ["WuXi Biologics", "Sinopharm", "China National Biotec Group"],
        ),  # the owner's possessive before a name after "and"
        (
            "无锡医学影像产业联盟、澳门药剂师公会和菏泽医学专科学校",
            ["无锡医学影像产业联盟", "澳门药剂师公会", "菏泽医学专科学校"],
        ),  # alliances, guilds and schools
        ("两家企业组成战略联盟，园区成立企业党建联盟", []),  # a kind of alliance, no name
        ("北京航空航天大学生物与医学工程学院教授", ["北京航空航天大学生物与医学工程学院"]),  # 生物 alone is a field
        ("建有化学药和多肽药物研发实验室和国际化质量检测中心", []),  # labs described by their field
        ("华南理工大学设计学院团队完成", ["华南理工大学设计学院"]),  # a school of a university is one name
        ("苏州大学放射医学与防护学院的专家", ["苏州大学放射医学与防护学院"]),
        ("中国科学技术大学生命科学与医学部教授", ["中国科学技术大学生命科学与医学部"]),
        ("沈阳药科大学生命科学与生物制药学院与企业", ["沈阳药科大学生命科学与生物制药学院"]),
        ("中国药科大学合作建设生物药工艺研究院", ["中国药科大学"]),  # what the university does, not its school
        ("复旦大学生命科学学院和上海医学院", ["复旦大学生命科学学院", "上海医学院"]),  # two schools
        ("Researchers at the Chinese University of Hong Kong said", ["Chinese University of Hong Kong"]),
        (
            "It is run by Sanya Yazhou Bay Science and Technology City Development and Construction Co., Ltd.",
            ["Sanya Yazhou Bay Science and Technology City Development and Construction Co., Ltd."],
        ),  # a registered name of eleven words
        (
            "Nanjing Hengyin Biotech, a subsidiary of Hong Kong-listed Hengyin Holdings, said",
            ["Nanjing Hengyin Biotech", "Hengyin Holdings"],
        ),  # a holding company and its operating company are two
        ("Lingnan Biologics Holdings broke ground. Lingnan Biologics said", ["Lingnan Biologics Holdings"]),
        ("Meridian Cellworks Pte. Ltd., a Singapore-founded developer", ["Meridian Cellworks Pte. Ltd."]),
        (
            "Baili-Bio, another Chengdu drugmaker, and Lumora Surgical, a Singaporean maker of scopes, said",
            ["Baili-Bio", "Lumora Surgical"],
        ),  # a kind of company after the name
        ("Li Ming, a developer at the firm, said; Asia, the company said", []),  # a person, a region
        (
            "Shenzhen-based Medray Medical Device will build a plant. It will invest more.",
            ["Medray Medical Device"],
        ),  # a name that does what companies do, without its description; a pronoun names none
        (
            "中国银行牵头，中国银行常州分行参与，中国银行股份有限公司常州分行表示支持",
            ["中国银行", "中国银行股份有限公司常州分行"],
        ),  # a bank and its branch, which is one however written
        ("国家开发银行江苏省分行提供贷款，国开行江苏分行负责人说", ["国家开发银行江苏省分行"]),
        ("中国人民财产保险股份有限公司广州市分公司牵头", ["中国人民财产保险股份有限公司广州市分公司"]),
        ("原中国银行保险监督管理委员会发文，中国银行业协会表示", ["中国银行业协会"]),  # a regulator, the sector
        (
            "led by China Merchants Bank Shenzhen Branch and Bank of China",
            ["China Merchants Bank Shenzhen Branch", "Bank of China"],
        ),
        ("该公司在上海设立分公司，药明康德业绩增长", ["药明康德"]),
        ("相关专利转让给澜山药业，继本周禾岷生物上市后", ["澜山药业", "禾岷生物"]),  # 给 and 本周 are no name's
        ("保健食品厂绿萃生技股份有限公司开幕", ["绿萃生技股份有限公司"]),  # a factory before the name
        ("这是本周杭州第二项医院与企业之间的合作，杭州市第一人民医院参与", ["杭州市第一人民医院"]),
        (
            "China Resources Sanjiu Medical & Pharmaceutical Co., Ltd. signed",
            ["China Resources Sanjiu Medical & Pharmaceutical Co., Ltd."],
        ),  # two fields of one name
        ("安图生物、瑞衡影像等企业将建设研发中心", ["安图生物", "瑞衡影像"]),  # listed with a company it names
        ("园区聚集了生物医药、医疗器械等企业", []),  # a list of fields
        ("安图生物、和睿生物等企业", ["安图生物", "和睿生物"]),  # 和 inside a name does not split the list
        ("迈瑞医疗、联影和鱼跃等企业参展", ["迈瑞医疗", "联影", "鱼跃"]),
        ("本次融资由国中资本、盈科资本联合领投", ["国中资本", "盈科资本"]),  # items of one form, one found
        ("以岭、神威、石药等企业加大研发投入", ["以岭", "神威", "石药"]),  # a noun listed among companies
        ("由国资平台牵头，江中、济民可信、仁和等江西本地药企出资", ["江中", "济民可信", "仁和"]),
        ("同日，母基金与启明创投、礼来亚洲基金等6家机构签约", ["启明创投", "礼来亚洲基金"]),
        ("复旦大学、高校、医院等机构参与", ["复旦大学"]),  # kinds of institution name none
        ("渝康微创、锐声影像等首批入驻企业将进场", ["渝康微创", "锐声影像"]),  # unknown brands listed as companies
        ("华东、华南等企业参与", []),  # regions
        ("医疗器械和生物制药企业参与", []),  # fields of one form
        ("澄因生物病毒载体平台等项目将于明年启动", ["澄因生物"]),  # an unknown brand ends at its field
        ("与本周开工的天中药业原料药基地分属不同企业", ["天中药业"]),
        ("本周在开发区开工的澜津医药生物药基地", ["澜津医药"]),  # a product after the field is no part of the name
        ("3日，振和药业（嘉善）有限公司生产基地开工", ["振和药业（嘉善）有限公司"]),  # 振 / 和: a brand cut apart
        ("将在高新区设立知行生物科技有限公司", ["知行生物科技有限公司"]),
        ("医疗器械（中国）有限公司相关负责人发言", []),  # a field and a unit's place name no company
        (
            "临汾经开区生物医药产业投资基金合伙企业（有限合伙）成立",
            ["临汾经开区生物医药产业投资基金合伙企业（有限合伙）"],
        ),
        ("据悉，前两天括苍药业宣布扩产", ["括苍药业"]),  # a time before the name
        ("台康生技与国立阳明交通大学签约", ["台康生技", "国立阳明交通大学"]),  # jieba glued 与 to the name before
        ("团队来自国立成功大学", ["国立成功大学"]),  # a Taiwan university's official name, though 成功 reads as a verb
        ("专利转让给禾研生技股份有限公司", ["禾研生技股份有限公司"]),  # 给 / 禾: a preposition, not a name's character
        ("此前以涟钛医疗为代表的企业", ["涟钛医疗"]),
        ("此前以宝康医疗为代表的企业", ["宝康医疗"]),  # jieba glued 以 to the name
        ("但鲸澜生物随后宣布扩产", ["鲸澜生物"]),  # jieba glued "but" to the name
        ("自贡高新区与四川蜀阀流体控制科技有限公司签约", ["四川蜀阀流体控制科技有限公司"]),  # a verb inside the name
        ("四川推动智能控制科技有限公司发展", []),  # a place, then a verb: no brand starts there
        (
            "11日晚，暨阳医药控股有限公司公告",
            ["暨阳医药控股有限公司"],
        ),  # a conjunction starts no clause: 暨阳 is a name
        ("宏喆生技在台湾的证券柜台买卖中心上柜", ["宏喆生技", "证券柜台买卖中心"]),  # Taiwan's OTC exchange
        ("该公司为证券柜台买卖中心上柜公司", ["证券柜台买卖中心"]),  # an exchange's listed company is no name
        (
            "在香港上市的飞云医药控股有限公司公告，旗下浙江飞云生物制药有限公司获批",
            ["飞云医药控股有限公司", "浙江飞云生物制药有限公司"],
        ),
        ("生物药委托开发制造业者穗康生技股份有限公司公布营收", ["穗康生技股份有限公司"]),  # 业者 says what it is
        ("今年以来密州药业扩产", ["密州药业"]),
        ("主办方重庆市医疗器械行业协会表示", ["重庆市医疗器械行业协会"]),  # a role before the name
        ("秦岭本草中药饮片基地开工", ["秦岭本草"]),  # 本草 ends a Chinese-medicine maker's name; its product, its base
        ("参源本草等企业入驻", ["参源本草"]),
        ("《本草纲目》记载的药材", []),
        ("与珠海横琴澳康本草药业有限公司签约。澳康本草将提供场地", ["珠海横琴澳康本草药业有限公司"]),  # one company
        ("推动澄江医药产业发展，不设医药招商环节", []),  # a place's industry; a verb before the field
        ("港股海御医药旗下公司入驻", ["海御医药"]),  # the listing describes the company
        (
            "Zhejiang Tiansong Medical Instrument and Germany's Leuter Medizintechnik will invest",
            ["Zhejiang Tiansong Medical Instrument", "Leuter Medizintechnik"],
        ),
        ("Jiangsu Institute for Medical Device Testing certified it", ["Jiangsu Institute for Medical Device Testing"]),
        (
            "Chengdu Chiyuan Intelligent Equipment and Beijing Tiantan Orthopedics signed; Advanced Materials grew",
            ["Chengdu Chiyuan Intelligent Equipment", "Beijing Tiantan Orthopedics"],
        ),  # a field ends a registered name after its place and brand, not after an adjective
        (
            "German surgical instrument maker Karlsen Medizintechnik and US drugmaker Pfizer said on Monday",
            ["Karlsen Medizintechnik", "Pfizer"],
        ),  # a kind of company before a name without a suffix
        ("the firm Chairman Li said the company Monday", []),  # titles and days are no names
        (
            "Eye-device maker Mingjing raises funds. Jiangsu Mingjing Ophthalmic Technology Co said",
            ["Jiangsu Mingjing Ophthalmic Technology Co"],
        ),  # a short name in the headline is the company named in full
        (
            "German medtech firm Brennhof: Brennhof Medizintechnik GmbH and Brennhof Medical (Beijing) Co., Ltd.",
            ["Brennhof Medizintechnik GmbH", "Brennhof Medical (Beijing) Co., Ltd."],
        ),  # a parent and its subsidiary, each with its registered name
        ("一家德国生物技术公司与本地医疗科技公司签约", []),  # a description, not a name
        ("本次签约的是宠物食品制造商安诺生物科技有限公司", ["安诺生物科技有限公司"]),  # what a company is, before it
        ("首单来自美国CDMO康博生物", ["康博生物"]),
        ("港资汇鼎资本领投，科大初创晶禾医疗获天使轮融资", ["汇鼎资本", "晶禾医疗"]),
    ],
)
def test_organisation_boundaries_beside_verbs_lists_brackets_and_short_names(text: str, expected: list[str]) -> None:
    assert _orgs(text) == expected


def test_insurers_foundations_and_trusts_are_named_by_their_form() -> None:
    text = "China Pacific Property Insurance and the Tsinghua Education Foundation joined the Haitong Charities Trust."
    assert _orgs(text) == [
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
    assert _orgs(text) == expected


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
    assert _orgs(text) == expected


def test_a_pharmacy_chain_is_named_by_its_form_and_a_kind_of_pharmacy_is_none() -> None:
    assert _orgs("益丰大药房今年新开门店300家，社区药房和定点药店同步供药。") == ["益丰大药房"]


def test_a_makers_name_ends_in_its_trade_after_its_place_and_a_places_field_names_none() -> None:
    text = "Chongqing Changan Automobile and Guangzhou Baiyunshan Chinese Medicine signed with the zone."
    assert _orgs(text) == ["Chongqing Changan Automobile", "Guangzhou Baiyunshan Chinese Medicine"]
    text = "Doctors at Shanghai Traditional Chinese Medicine hospitals and Shanghai Precision Medicine labs."
    assert _orgs(text) == []


def test_a_name_before_a_comma_and_its_legal_form_and_a_brands_chinese_medicine() -> None:
    assert _orgs("公司与美国Caldera Oncology, Inc.签署独家许可协议。") == ["Caldera Oncology, Inc."]
    assert _orgs("Tongrentang Chinese Medicine opened a plant; doctors of Traditional Chinese Medicine came.") == [
        "Tongrentang Chinese Medicine"
    ]


def test_an_industry_association_named_with_its_place_and_field() -> None:
    assert _orgs("香港中医药行业联合会估计，本港中医诊所已超过1500间。") == ["香港中医药行业联合会"]


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
    assert _orgs(text) == expected
