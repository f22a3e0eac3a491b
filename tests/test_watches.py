"""Watch matching: jieba word boundaries, English words, regexes, traditional script, the
require / exclude / regions / event_types rules and the relevance score."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from config import Watch, parse
from pipelines.analyse import analyse, context
from pipelines.article import Article
from pipelines.text import fold, segment
from pipelines.watches import compile_term, match, score

BIOMED = Watch(name="biomed", keywords=("生物医药", "创新药", "医药", "biopharma", "/CAR-?T/"))


def _config(**watch: object) -> object:
    raw = {"watches": [{"name": "w", "keywords": ["生物医药", "biopharma"], **watch}]}
    return parse(raw, Path("/tmp/newswatch-test/config.toml"), {})


def _article(title: str, body: str, lang: str = "zh-hans") -> Article:
    return Article(
        url="http://127.0.0.1/a.html",
        source="s",
        title=title,
        published_at=None,
        lang=lang,
        body=body,
        fetched_at="2025-11-18T00:00:00+00:00",
        content_hash="h",
    )


def _count(term: str, text: str) -> int:
    context(_config())  # the tokenizer with the domain dictionary, as analysis uses it
    return compile_term(term).count(segment(text))


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("医药", "广州市黄埔区中医药学院今年招生", 0),  # jieba reads 中医药 as one word
        ("医药", "医药企业加快布局", 1),
        ("生物医药", "黄埔区生物医药产业园开园", 1),  # 生物医药 + 产业园, both words
        ("生物医药", "全区生物医药企业超过4800家，生物医药产值增长", 2),
        ("生物医药", "黄埔区生物醫藥產業園開園", 1),  # traditional characters
        ("创新药", "支持更多创新药械在乐城先行先试", 1),
        ("黄埔", "黄埔区出台新政", 1),  # a place suffix may follow
        ("biopharma", "Biopharma sector booms in Huangpu", 1),  # case-insensitive
        ("biopharma", "two biopharmas signed", 1),  # plural
        ("biopharma", "a biopharmaceutical plant", 0),  # whole words only
        ("cell therapy", "a developer of cell therapies", 1),  # -y, -ies
        ("therapy", "the therapeutics arm", 0),
        ("/CAR-?T/", "CAR-T细胞治疗基地和CART产线", 2),  # a regular expression
    ],
)
def test_terms_match_on_word_boundaries(term: str, text: str, expected: int) -> None:
    assert _count(term, text) == expected


def test_title_hits_weigh_more_than_body_hits_and_repeats_more_than_one() -> None:
    title_hit = score({"生物医药": (1, 0, 0)})
    repeated = score({"生物医药": (0, 3, 0)})
    once = score({"生物医药": (0, 1, 0)})
    assert title_hit > repeated > once > 0


def test_one_passing_mention_is_weak_but_the_title_or_lead_is_enough() -> None:
    config = _config()
    filler = "。".join(["区内各项工作有序推进"] * 30)
    passing = analyse(_article("全区经济运行情况通报", f"{filler}。\n产业涵盖电子信息、生物医药、新能源等。"), config)
    assert passing["watches"] == [] and "w" in passing["terms"]  # weak: may join an event, starts none
    in_lead = analyse(_article("全区经济运行情况通报", f"黄埔区生物医药项目集中签约。\n{filler}。"), config)
    assert in_lead["watches"] == ["w"]
    in_title = analyse(_article("黄埔区生物医药产业园开园", filler), config)
    assert in_title["watches"] == ["w"] and in_title["relevance"] > in_lead["relevance"]


def test_an_article_that_names_no_happening_is_at_most_a_weak_match() -> None:
    config = _config()
    feature = analyse(
        _article(
            "生物医药产业观察：黄埔区如何走出特色之路",
            "黄埔区生物医药产业起步较早，企业数量多年保持增长。\n业内人士认为，人才和资本是关键。",
        ),
        config,
    )
    assert feature["watches"] == [] and "w" in feature["terms"]
    review = analyse(
        _article("生物医药产业园开园一周年回眸", "一年来，园区生物医药企业稳步增长，配套逐步完善。"), config
    )
    assert review["watches"] == ["w"]  # 开园 names a happening, even in a look back


@pytest.mark.parametrize(
    "title",
    [
        "市领导到高新区调研生物医药企业",  # an inspection tour
        "专家齐聚黄埔 共话生物医药创新",  # a panel
        "评论｜生物医药产业要少一些“大而全”",  # commentary
    ],
)
def test_tours_panels_and_commentary_name_no_happening(title: str) -> None:
    body = "黄埔区生物医药企业近年来投产、签约项目不断，产业规模持续扩大。\n业内人士认为，创新是关键。"
    got = analyse(_article(title, body, "en" if title.isascii() else "zh-hans"), _config())
    assert got["watches"] == [] and "w" in got["terms"]


@pytest.mark.parametrize(
    ("title", "body", "keyword"),
    [
        ("Xiaoshan signs 5.5-billion-yuan computing center", "Biomedical firms nearby will rent it.", "biomedical"),
        ("Seed breeder raises 150 million yuan for gene-edited wheat", "Its biotech lab grew.", "biotech"),  # farming
        ("某生技公司新厂开工 扩产胶原蛋白饮品", "公司也做生物医药。", "生物医药"),  # drinks
        ("经开区与蓝思科技签约 新建智能终端精密结构件项目", "园区也发展生物医药。", "生物医药"),  # consumer electronics
        ("FAW Jiefang to build 2.4b yuan truck parts project", "A drugmaker nearby signed last week.", "drugmaker"),
        ("长葛市蜂产品精深加工项目签约", "项目与生物医药项目同区不同链。", "生物医药"),  # bee products
        ("东侨经开区签约锂电池电解液项目", "与生物医药项目同区不同链。", "生物医药"),  # battery materials
        ("Qiming leads 500m yuan round in Haining chipmaker", "A biotech nearby raised more.", "biotech"),
        ("Wind turbine gearbox plant to be built in Qiqihar zone", "A drugmaker broke ground nearby.", "drugmaker"),
        ("Dongying tire maker to expand capacity", "The zone also hosts a medical device plant.", "medical device"),
        ("Hanzhong zone signs 1b yuan aviation composites project", "A drugmaker signed last week.", "drugmaker"),
        (
            "自贡高新区签约高端阀门项目 总投资8亿元",
            "园区也发展生物医药。",
            "生物医药",
        ),  # industrial valves (heart valves are 瓣膜)
        ("邵阳经开区签约高端发制品项目 总投资6亿元", "园区也发展生物医药。", "生物医药"),  # wigs and hair products
        ("松原燃料乙醇扩能项目投产 新增产能30万吨", "园区也发展生物医药。", "生物医药"),
        ("Liyang lands 2.6b yuan energy storage plant", "A drugmaker signed nearby.", "drugmaker"),
        ("双流出台支持航空经济发展十条措施", "本周生物城刚发布支持生物医药企业的措施。", "生物医药"),  # aviation
        ("浏阳经开区显示模组项目开工 总投资20亿元", "与生物医药基地分处园区南北两端。", "生物医药"),  # displays
        ("Wuhan firm starts 800G optical module plant", "A drugmaker broke ground nearby.", "drugmaker"),
        ("定西种薯繁育基地签约 总投资3亿元", "园区也发展中医药产业。", "中医药"),  # seed potatoes
        ("武清开发区签约精密减速器项目 总投资14亿元", "园区也发展生物医药。", "生物医药"),  # gear reducers
        ("Xi'an drone maker lands 300m yuan in Series C", "A drugmaker raised more nearby.", "drugmaker"),
        ("沈阳高新区签约4个工业机器人项目 总投资16亿元", "园区也发展生物医药。", "生物医药"),  # not surgical robots
        ("Changsha zone starts work on 950m yuan hydraulics plant", "A drugmaker broke ground nearby.", "drugmaker"),
        ("Hohhot dairy firm opens probiotic yogurt line", "A drugmaker broke ground nearby.", "drugmaker"),
        ("顺德码垛机器人整机工厂投产", "园区也发展生物医药。", "生物医药"),  # palletising robots
        ("Qiming leads round in warehouse robot maker", "A drugmaker raised more nearby.", "drugmaker"),
        ("知识城签约光刻胶材料项目 总投资9亿元", "园区也发展生物医药。", "生物医药"),  # photoresist
        ("南港工业区签约高端聚烯烃合资项目", "园区也发展生物医药。", "生物医药"),  # polyolefins
        ("嘉兴经开区签约车规级功率模块项目", "园区也发展生物医药。", "生物医药"),  # power modules
        ("赣州再设30亿元稀土永磁产业基金", "基金也可投向生物医药。", "生物医药"),  # permanent magnets
        ("横琴签约沉浸式演艺综合体项目", "园区也发展生物医药。", "生物医药"),  # performing arts
        ("西永综保区签约晶圆级封装项目 总投资46亿元", "园区也发展生物医药。", "生物医药"),  # wafer packaging
        ("巴马签约中医药康养度假区项目", "园区也发展生物医药。", "生物医药"),  # wellness resorts
        ("Jinan plant to make bio-based plastics", "A drugmaker broke ground nearby.", "drugmaker"),
        ("Shenzhen smart-ring maker raises $40 million", "A drugmaker raised more nearby.", "drugmaker"),
        ("Qingdao gets elderly-care joint venture", "A drugmaker signed nearby.", "drugmaker"),
        ("German auto-parts supplier expands in Taicang", "A drugmaker signed nearby.", "drugmaker"),
    ],
)
def test_a_headline_naming_another_industry_reports_no_happening_of_the_watch(
    title: str, body: str, keyword: str
) -> None:
    lang = "en" if title.isascii() else "zh-hans"
    assert analyse(_article(title, body, lang), _config(keywords=[keyword]))["watches"] == []


def test_a_headline_about_another_industry_makes_a_passing_mention_weak() -> None:
    body = "基金将重点投向人工智能、生物医药等领域的初创企业。\n首期规模20亿元。"
    ai_fund = analyse(_article("无锡设立50亿元人工智能产业基金", body), _config())
    assert ai_fund["watches"] == [] and "w" in ai_fund["terms"]
    biomed_fund = analyse(_article("无锡设立50亿元生物医药产业基金", body), _config(related=["生物"]))
    assert biomed_fund["watches"] == ["w"]
    feed = analyse(
        _article("禾沃生物饲料添加剂项目投产", "项目产品供应生物医药和饲料企业。"), _config(related=["生物"])
    )
    assert feed["watches"] == []  # a related word in the headline does not make it the watch's industry
    applied = "成都出台措施支持人工智能药物研发", "措施支持药物研发，单个品种奖励最高3000万元。"
    assert analyse(_article(*applied), _config(related=["药物"]))["watches"] == ["w"]  # AI applied to drugs
    surgical = "手术机器人企业完成3亿元融资", "公司产品为骨科手术机器人，属于三类医疗器械。"
    assert analyse(_article(*surgical), _config(keywords=["医疗器械"]))["watches"] == ["w"]  # robots put to care
    rehab = "PolyU spin-off to build rehab robot pilot base", "The medical device maker signed on Monday."
    assert analyse(_article(*rehab, "en"), _config(keywords=["medical device"]))["watches"] == ["w"]
    pets = "宠物医疗连锁获3亿元融资", "资金用于宠物医疗门诊扩张。"
    assert analyse(_article(*pets), _config(related=["医疗"]))["watches"] == []  # medicine for pets: not applied
    chips_watch = parse({"watches": [{"name": "chips", "keywords": ["人工智能"]}]}, Path("/tmp/c.toml"), {})
    # an industry word that is the watch's own never makes it weak
    assert analyse(_article("无锡设立50亿元人工智能产业基金", body), chips_watch)["watches"] == ["chips"]


def test_a_keyword_that_names_a_park_says_where_not_what_happened() -> None:
    body = "宝鸡高新区一座生物医药产业园的屋顶光伏项目并网发电，年发电量约500万千瓦时。"
    solar = analyse(_article("生物医药产业园屋顶光伏项目开工", body), _config(keywords=["生物医药"]))
    assert solar["watches"] == []  # the happening is a solar plant's; the park only says where
    opening = analyse(_article("生物医药产业园开园", "宝鸡一座生物医药产业园今日开园。"), _config())
    assert opening["watches"] == ["w"]  # a park's own happening is about its industry
    english = analyse(_article("Solar project breaks ground at Baoji biomedical park", "Work began.", "en"), _config())
    assert english["watches"] == []
    assert _count("生物医药", "生物医药产业园内的生物医药企业") == 2  # counting itself keeps every mention


def test_related_terms_count_only_beside_a_happening_or_an_industry_organisation() -> None:
    config = _config(related=["生物", "疫苗", "医疗"])
    financing = analyse(
        _article("澄泓细胞完成3亿元B轮融资", "本轮融资由多家机构联合投资，资金将用于疫苗和细胞药物研发。"), config
    )
    assert financing["watches"] == ["w"]  # no keyword: related terms and a financing trigger
    background = analyse(_article("疫苗知识问答", "接种疫苗前后应注意休息，医疗机构提供咨询服务。"), config)
    assert background["watches"] == [] and "w" not in background["terms"]
    inside_keyword = analyse(
        _article("全区经济运行情况通报", "产业涵盖电子信息、生物医药、新能源等。\n工作有序推进。"), config
    )
    assert "生物" not in inside_keyword["terms"].get("w", [])  # 生物 inside 生物医药 is no second term


def test_an_organisation_of_the_industry_in_a_financing_report_makes_it_relevant() -> None:
    config = _config(related=["生物"])
    body = "近日，杭州和睿生物科技有限公司宣布完成新一轮融资，本轮由多家机构联合领投。"
    assert analyse(_article("和睿完成新一轮融资", body), config)["watches"] == ["w"]
    assert analyse(_article("和睿完成新一轮融资", body), _config())["watches"] == []  # no related terms: no mark


def test_an_english_name_that_shortens_an_industry_word_marks_an_industry_organisation() -> None:
    config = _config(related=["biotechnology", "medical"])
    body = (
        "Ruidun Bio, a company in Hefei, has raised $100 million in a Series B round led by Hanze Capital.\n"
        "The money will pay for trials."
    )
    assert analyse(_article("Hefei developer raises $100 million", body, "en"), config)["watches"] == ["w"]
    plain = body.replace("Ruidun Bio", "Ruidun Holdings")
    assert analyse(_article("Hefei developer raises $100 million", plain, "en"), config)["watches"] == []


def test_an_excluded_term_vetoes_and_every_required_term_must_match() -> None:
    body = "黄埔区生物医药企业举办专场招聘会，提供岗位500个。"
    title = "生物医药企业专场签约活动"
    assert analyse(_article(title, body), _config())["watches"] == ["w"]
    assert analyse(_article(title, body), _config(exclude=["招聘"]))["watches"] == []
    assert analyse(_article(title, body), _config(require=["岗位", "黄埔"]))["watches"] == ["w"]
    assert analyse(_article(title, body), _config(require=["岗位", "佛山"]))["watches"] == []


def test_a_region_catches_its_districts_and_nothing_outside() -> None:
    title, body = "生物医药产业园开园", "位于黄埔区的生物医药产业园今天开园。"
    assert analyse(_article(title, body), _config(regions=["广州"]))["watches"] == ["w"]
    assert analyse(_article(title, body), _config(regions=["广东省"]))["watches"] == ["w"]
    assert analyse(_article(title, body), _config(regions=["佛山"]))["watches"] == []
    english = "The biopharma park in Guangzhou's Huangpu district opened on Tuesday with 11 tenants."
    assert analyse(_article("Biopharma park opens", english, "en"), _config(regions=["黄埔"]))["watches"] == ["w"]


def test_event_types_limit_a_watch() -> None:
    title, body = "黄埔区生物医药产业园正式开园", "园区首期投用，11家企业入驻。"
    assert analyse(_article(title, body), _config(event_types=["park"]))["watches"] == ["w"]
    assert analyse(_article(title, body), _config(event_types=["fund", "policy"]))["watches"] == []


def test_a_traditional_character_report_matches() -> None:
    got = analyse(_article("黃埔生物醫藥產業園開園", "園區首批入駐企業11家，總投資約18億元。"), _config())
    assert got["watches"] == ["w"] and got["terms"]["w"] == ["生物医药"]


def test_job_ads_market_talk_patients_and_students_news_match_no_watch() -> None:
    job = analyse(_article("诚聘生物医药研发工程师", "岗位职责：负责生物医药项目研发。任职要求：硕士。"), _config())
    market = analyse(_article("生物医药板块午后跳水", "生物医药概念股集体回调，多只个股跌超5%。"), _config())
    patients = analyse(_article("职工医保门诊报销额度提高", "多款生物医药创新药纳入报销范围。"), _config())
    school = analyse(
        _article("Medical university opens biopharma teaching lab", "Students will train on biopharma kit.", "en"),
        _config(),
    )
    ward = analyse(_article("市中心人民医院新住院大楼主体封顶", "医院将引进一批高端医疗器械。"), _config())
    explainer = analyse(_article("门诊报销怎么算？职工医保新政一文读懂", "多款生物医药创新药纳入报销。"), _config())
    assert job["watches"] == market["watches"] == patients["watches"] == school["watches"] == []
    assert ward["watches"] == explainer["watches"] == []  # hospital and patients' news, even beside 封顶 or 新政


def test_a_gathering_is_no_happening_unless_something_happens_there() -> None:
    body = "本届博览会以生物医药为主题，设创新药、医疗器械等展区。\n主办方介绍了筹备情况。"
    preview = analyse(_article("第三届生物医药博览会12月开幕 预计800家企业参展", body), _config())
    held = analyse(_article("第三届生物医药博览会在黄埔开幕 12个项目集中签约", body), _config())
    assert preview["watches"] == [] and preview["event_type"] == "other"  # a fair: no happening to report
    assert held["watches"] == ["w"] and held["event_type"] == "signing"


def test_match_reports_the_terms_found() -> None:
    seg = segment("黄埔区创新药企业获批")
    found = match(
        BIOMED, seg, segment("创新药和生物医药"), segment("创新药"), [], context(_config()).gazetteer, "approval"
    )
    assert found is not None and set(found.terms) == {"创新药", "生物医药", "医药"}  # 生物 + 医药


def test_the_fast_tokenizer_cuts_every_labelled_article_as_jieba_does() -> None:
    """jieba_fast stands in for jieba only because it cuts identically; watches depend on the cuts.

    Analysis cuts folded text (simplified script); on traditional characters the two differ.
    """
    jieba = pytest.importorskip("jieba")
    jieba_fast = pytest.importorskip("jieba_fast")
    dictionary = str(Path(__file__).parents[1] / "pipelines" / "data" / "userdict.txt")
    plain, fast = jieba.Tokenizer(), jieba_fast.Tokenizer()
    for tokenizer in (plain, fast):
        tokenizer.initialize()
        with open(dictionary, "rb") as words:  # given a path, jieba leaves the file open
            tokenizer.load_userdict(words)
    lines = (Path(__file__).parents[1] / "bench" / "quality" / "articles.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in lines.splitlines() if line.strip()]
    texts = [fold(text) for record in records for text in (record["title"], record["body"])]
    assert len(texts) > 180
    for text in texts:
        assert fast.lcut(text) == plain.lcut(text)


def test_the_shipped_watch_keeps_a_plant_that_will_hire_and_drops_a_job_ad() -> None:
    shipped = tomllib.loads(Path("config.toml").read_text(encoding="utf-8"))
    config = parse({"watches": shipped["watches"]}, Path("/tmp/newswatch-test/config.toml"), {})
    plant = _article("生物医药产业园新厂开工", "项目总投资10亿元，投产后将招聘研发和生产人员500人。")
    job = _article("诚聘生物医药研发工程师", "岗位职责：负责生物医药项目研发。任职要求：硕士。")
    assert analyse(plant, config)["watches"] and not analyse(job, config)["watches"]
