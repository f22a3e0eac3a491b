"""Clustering across scripts and languages: reports of one happening become one event of one
type whatever their script or language, and different happenings of one district and week
stay apart. Every article here is original text written for these tests."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import config as configuration
import db as store
from pipelines.analyse import analyse, context
from pipelines.article import Article
from pipelines.cluster import cluster, event_key, report
from pipelines.happenings import (
    JOIN_SCORE,
    WEAK_JOIN_SCORE,
    Report,
    best_event,
    figures,
    one_type,
    points,
)
from tests.support.entities import CONFIG

WATCH = """
[[watches]]
name = "biomed-cluster"
keywords = ["生物医药", "生物制药", "医疗器械", "创新药", "biomedical", "biopharma", "biologics"]
"""

Item = tuple[str, str, str, str, str]  # url, lang, published, title, body
DbConfig = tuple[store.Database, configuration.Config]


@pytest.fixture
def db_config(tmp_path: Path) -> DbConfig:
    path = tmp_path / "config.toml"
    path.write_text('[storage]\ndatabase = "news.db"\n' + WATCH, encoding="utf-8")
    config = configuration.load(path)
    return store.open_db(config.database), config


def _events(db: store.Database, config: configuration.Config, *items: Item) -> list[dict[str, Any]]:
    rows = []
    for url, lang, published, title, body in items:
        article = Article(
            url=url,
            source=url.split("/")[2],
            title=title,
            published_at=published,
            lang=lang,
            body=body,
            fetched_at=published,
            content_hash=url,
        )
        rows.append(article.row() | analyse(article, config))
    cluster(db, config, store.save_articles(db, rows))
    return store.events(db)


def _groups(events: list[dict[str, Any]]) -> list[set[str]]:
    return sorted(({a["url"] for a in e["articles"]} for e in events), key=len, reverse=True)


SIGNING_HANS = (
    "http://www.nansha.gov.cn/xw/101.html",
    "zh-hans",
    "2025-09-09T16:00:00+08:00",
    "南沙区举行生物医药项目集中签约仪式 6个项目落户",
    "9月9日，南沙区举行生物医药产业项目集中签约仪式，6个项目现场签约落户，计划总投资20亿元。"
    "其中，广州瑞柏生物科技有限公司拟投资5亿元，在南沙建设抗体药物生产基地，预计2027年建成投产。\n"
    "签约项目涵盖抗体药物、核酸药物和高端医疗器械等领域。区相关负责人表示，南沙将持续完善生物医药"
    "产业配套，为企业提供全周期服务。",
)
SIGNING_HANT = (
    "http://news.hk-daily.example/cn/2025/0910/7.html",
    "zh-hant",
    "2025-09-10T08:30:00+08:00",
    "廣州南沙新引進6個項目 涵蓋抗體藥物與醫療器械",
    "廣州南沙區一口氣引進6個生物醫藥產業項目，總投資20億元。其中一家抗體藥企將投資5億元建設抗體"
    "藥物生產基地，預計2027年建成投產。\n項目涵蓋抗體藥物、核酸藥物及高端醫療器械等領域，區方表示"
    "將為企業提供全周期服務。",
)
OTHER_SIGNING = (
    "http://www.nansha.gov.cn/xw/108.html",
    "zh-hans",
    "2025-09-11T17:00:00+08:00",
    "南沙区与两家医疗器械企业签署投资协议",
    "9月11日，南沙区与广州康途医疗器械有限公司、广州微澜生物技术有限公司签署投资协议，两个项目"
    "总投资8.6亿元，将建设微创介入器械和体外诊断试剂生产线。\n区相关负责人表示，南沙将持续完善"
    "生物医药产业配套，为企业提供全周期服务。",
)


def test_a_simplified_and_a_traditional_report_of_one_signing_are_one_event_of_one_type(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, SIGNING_HANS, SIGNING_HANT)
    assert _groups(events) == [{SIGNING_HANS[0], SIGNING_HANT[0]}]
    assert events[0]["type"] == "signing"  # the official report's type, though the other reads as investment
    assert events[0]["id"] == event_key("biomed-cluster", SIGNING_HANS[0])


def test_different_signings_in_one_district_and_week_stay_apart(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, SIGNING_HANS, SIGNING_HANT, OTHER_SIGNING)
    assert _groups(events) == [{SIGNING_HANS[0], SIGNING_HANT[0]}, {OTHER_SIGNING[0]}]


PLANT_ZH = (
    "http://www.nt-daily.example/news/2025-10/15/55.html",
    "zh-hans",
    "2025-10-15T19:00:00+08:00",
    "总投资22亿元 康宁达生物制剂工厂在南通开工",
    "10月15日，康宁达生物制剂工厂项目在南通市开工建设。项目总投资22亿元，规划建设4条抗体药物原液"
    "生产线和2条制剂灌装线，将于2027年底建成。\n康宁达相关负责人介绍，工厂主要承接自有生物医药管线"
    "和合作伙伴的商业化生产。",
)
PLANT_EN = (
    "http://www.biz-english.example/a/2025/10/16/3.html",
    "en",
    "2025-10-16T09:00:00+08:00",
    "Kangningda breaks ground on biologics plant in Nantong",
    "Biopharma company Kangningda started construction of a 2.2-billion-yuan biologics plant in Nantong, "
    "Jiangsu province, on Wednesday. The plant will house antibody drug substance lines and "
    "fill-and-finish lines, and is expected to be completed by the end of 2027.\n"
    "It will make the company's own products and those of its partners, an executive said.",
)
OTHER_PLANT = (
    "http://www.nt-daily.example/news/2025-10/17/12.html",
    "zh-hans",
    "2025-10-17T18:00:00+08:00",
    "南通一医疗器械产业园项目开工 总投资9.3亿元",
    "10月17日，南通市通州区医疗器械产业园项目开工，总投资9.3亿元，建成后可容纳30家医疗器械企业。",
)


def test_a_chinese_and_an_english_report_sharing_amount_and_city_are_one_event(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, PLANT_ZH, PLANT_EN, OTHER_PLANT)
    assert _groups(events) == [{PLANT_ZH[0], PLANT_EN[0]}, {OTHER_PLANT[0]}]
    plant = next(e for e in events if len(e["articles"]) == 2)
    assert plant["type"] == "investment" and plant["title"] == PLANT_ZH[3]


FINANCING_ZH = (
    "http://www.sy-daily.example/news/2026/06/10/8.html",
    "zh-hans",
    "2026-06-10T18:00:00+08:00",
    "浑南生物医药企业澜睿生物完成6.5亿元B轮融资",
    "6月10日，位于浑南区的澜睿生物宣布完成6.5亿元B轮融资，资金将用于两款细胞治疗产品的临床研究"
    "和生产基地建设。\n公司成立于2021年，目前有员工180人，其中研发人员超过一半。",
)
FINANCING_EN = (
    "http://www.biz-english.example/a/2026/06/11/5.html",
    "en",
    "2026-06-11T09:00:00+08:00",
    "Cell therapy developer in Shenyang raises 650 million yuan",
    "A cell therapy developer based in Shenyang, Liaoning province, has closed a Series B round of "
    "650 million yuan, it said on Wednesday. The biopharma company will spend the money on clinical "
    "trials of two products and on a production base.",
)
FUND_JIUJIANG = (
    "http://www.jx-daily.example/news/2026/06/12/3.html",
    "zh-hans",
    "2026-06-12T18:00:00+08:00",
    "九江设立10亿元生物医药产业基金 首期6.5亿元",
    "6月12日，九江市设立10亿元生物医药产业基金，首期规模6.5亿元，重点投向创新药和医疗器械企业。",
)
FUND_ZHUZHOU = (
    "http://www.zz-daily.example/news/2026/06/13/9.html",
    "zh-hans",
    "2026-06-13T18:00:00+08:00",
    "株洲设立10亿元生物医药产业基金 首期重点投向医疗器械",
    "6月13日，株洲市生物医药产业基金揭牌，基金总规模10亿元，由市属国企与社会资本共同出资，"
    "首期6.5亿元将主要投向医疗器械和中药企业。",
)


def test_a_district_and_its_city_are_one_place_for_a_shared_amount(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, FINANCING_ZH, FINANCING_EN)
    assert _groups(events) == [{FINANCING_ZH[0], FINANCING_EN[0]}]


def test_lookalike_funds_in_two_provinces_stay_apart(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, FUND_JIUJIANG, FUND_ZHUZHOU)
    assert sorted(len(group) for group in _groups(events)) == [1, 1]


FUND_BIOMED = (
    "http://www.szlh.gov.cn/xxgk/2025/1009.html",
    "zh-hans",
    "2025-10-09T18:00:00+08:00",
    "龙华区设立20亿元生物医药产业基金",
    "10月9日，深圳市龙华区设立生物医药产业基金，总规模20亿元，首期8亿元，由深圳市龙华区引导基金投资管理"
    "有限公司管理，重点投向创新药和高端医疗器械。",
)
FUND_AI = (
    "http://www.szlh.gov.cn/xxgk/2025/1013.html",
    "zh-hans",
    "2025-10-13T18:00:00+08:00",
    "龙华区设立30亿元人工智能产业基金",
    "10月13日，深圳市龙华区设立人工智能产业基金，总规模30亿元，首期10亿元，由深圳市龙华区引导基金投资管理"
    "有限公司管理。此前区里刚刚设立了一支生物医药产业基金。",
)


def test_two_funds_of_one_district_and_manager_with_different_sums_stay_apart(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, FUND_BIOMED, FUND_AI)
    assert [len(e["articles"]) for e in events] == [1]  # the AI fund is neither joined nor flagged


POLICY_GOV = (
    "http://www.hubei.gov.cn/zfwj/2025/1102.html",
    "zh-hans",
    "2025-11-03T10:00:00+08:00",
    "湖北省人民政府办公厅关于印发湖北省生物医药产业高质量发展行动计划（2025—2027年）的通知",
    "各市、州、县人民政府，省政府各部门：\n《湖北省生物医药产业高质量发展行动计划（2025—2027年）》"
    "已经省人民政府同意，现印发给你们，请认真组织实施。\n到2027年，全省生物医药产业规模突破8000亿元，"
    "培育营业收入超百亿元企业10家，新增创新药和第三类医疗器械注册证150件，建设省级以上中试平台25个。\n"
    "行动计划提出实施创新药物攻关、高端医疗器械突破、中试能力提升、龙头企业培育等八项行动。",
)
POLICY_EN = (
    "http://www.biz-english.example/a/2025/11/05/8.html",
    "en",
    "2025-11-05T08:00:00+08:00",
    "Hubei sets out plan to expand biomedical industry",
    "Central China's Hubei province has released an action plan for its biomedical industry, aiming "
    "for the sector to pass 800 billion yuan in scale by 2027.\nThe plan calls for 150 new registrations "
    "of innovative drugs and class III medical devices and for 25 provincial-level pilot-scale "
    "platforms over the next three years.",
)


def test_a_policys_official_text_and_an_english_report_of_it_are_one_event(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, POLICY_GOV, POLICY_EN)
    assert _groups(events) == [{POLICY_GOV[0], POLICY_EN[0]}]
    assert events[0]["type"] == "policy" and events[0]["title"] == POLICY_GOV[3]


def test_figures_compare_across_languages() -> None:
    assert set(figures("总投资22亿元")) & set(figures("a 2.2-billion-yuan plant"))
    assert set(figures("规模突破8000亿元")) & set(figures("800 billion yuan"))
    assert 2025 not in figures("2025年9月9日")


def test_an_event_has_one_type_the_official_report_first() -> None:
    assert one_type([("investment", False), ("signing", True), ("investment", False)]) == "signing"
    assert one_type([("investment", False), ("signing", False), ("signing", False)]) == "signing"
    assert one_type([("signing", False), ("investment", False)]) == "signing"  # a tie: the earliest
    assert one_type([("other", True), ("park", False)]) == "park"  # an official report that says no more
    assert one_type([("other", False)]) == "other"


def _signing(places: set[str], districts: set[str]) -> Report:
    when = datetime(2025, 10, 20, tzinfo=UTC)
    return Report(1, when, "", "zh-hans", "signing", frozenset(places), frozenset(districts), amounts=(1.5e9,))


def test_different_districts_of_one_city_cost_a_point_even_when_the_city_is_shared() -> None:
    huangpu = _signing({"广州市", "黄埔区"}, {"黄埔区"})
    nansha = _signing({"广州市", "南沙区"}, {"南沙区"})
    city_only = _signing({"广州市"}, set())  # a translation that names only the city
    assert points(huangpu, nansha, 7) == points(huangpu, city_only, 7) - 1.0


POLICY_ZONE_A = (
    "http://www.jinkai.gov.cn/zcwj/2026/1110.html",
    "zh-hans",
    "2026-11-10T10:00:00+08:00",
    "经开区出台支持生物医药产业高质量发展若干措施",
    "近日，滨河经济技术开发区出台支持生物医药产业高质量发展若干措施，对取得一类创新药注册证书的企业最高奖励2000万元，"
    "对新建研发平台给予最高500万元补助，并设立10亿元生物医药产业引导资金。",
)
POLICY_ZONE_B = (
    "http://www.gaoxin.gov.cn/zcwj/2026/1113.html",
    "zh-hans",
    "2026-11-13T10:00:00+08:00",
    "高新区16条新政扶持生物医药产业发展",
    "11月12日，临江高新技术产业开发区管委会印发16条新政。按照新政，本地药企的一类新药获批上市后，园区一次性奖励2000万元；"
    "新认定的公共技术服务平台可获500万元支持。园区还将统筹10亿元专项资金，用于厂房代建和人才公寓建设。",
)


def test_lookalike_policies_of_two_zones_sharing_standard_sums_stay_apart(db_config: DbConfig) -> None:
    db, config = db_config
    events = _events(db, config, POLICY_ZONE_A, POLICY_ZONE_B)
    assert sorted(len(group) for group in _groups(events)) == [1, 1]


def test_different_cities_of_one_province_cost_a_point() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)

    def plant(*cities: str) -> Report:
        places = frozenset({"江苏省", *cities})
        return Report(
            1,
            when,
            "",
            "en",
            "investment",
            places,
            areas=places,
            localities=frozenset(cities),
            sites=frozenset(cities),
            amounts=(1.1e9,),
        )

    yancheng, taizhou, province_only = plant("盐城市"), plant("泰州市"), plant()
    assert points(yancheng, taizhou, 7) == points(yancheng, province_only, 7) - 1.0


def test_a_known_zone_says_which_city_a_report_is_about() -> None:
    ctx = context(CONFIG)

    def row(title: str, lang: str, places: list[str], parks: list[str]) -> dict[str, Any]:
        return {
            "id": 1,
            "published_at": "2026-11-20T09:00:00+08:00",
            "title": title,
            "lang": lang,
            "event_type": "park",
            "places": places,
            "parks": parks,
            "organizations": [],
            "amounts": [{"text": "9亿元", "value_cny": 9e8}],
            "figures": [9e8],
            "keywords": [],
        }

    hetao = report(
        row(
            "Pilot base opens",
            "en",
            ["香港特别行政区"],
            ["Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone"],
        ),
        ctx,
    )
    zhuhai = report(row("健康港签约", "zh-hans", ["金湾区", "香港特别行政区"], ["珠海国际健康港"]), ctx)
    unsited = report(row("健康港签约", "zh-hans", ["香港特别行政区"], ["珠海国际健康港"]), ctx)
    assert "深圳市" in hetao.sites and "深圳市" not in hetao.localities  # where, not a place the report shares
    assert points(hetao, zhuhai, 7) == points(hetao, unsited, 7) - 1.0


def test_reports_naming_different_companies_in_one_language_lose_a_point() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)

    def signing(lang: str, *companies: str) -> Report:
        return Report(1, when, "", lang, "signing", frozenset(), organizations=frozenset(companies), amounts=(1.1e9,))

    osstem, hanbit = signing("en", "osstem implant"), signing("en", "hanbit optics")
    assert points(osstem, hanbit, 7) == points(osstem, signing("en"), 7) - 1.0
    short, full = signing("zh-hans", "翎析医疗"), signing("zh-hans", "杭州翎析医疗科技有限公司")
    assert points(short, full, 7) == points(short, signing("zh-hans"), 7)  # one company, short and in full


def test_a_share_price_or_a_fee_is_no_deal_sum_that_sets_two_reports_apart() -> None:
    when = datetime(2026, 11, 27, tzinfo=UTC)

    def approval(*amounts: float) -> Report:
        return Report(1, when, "", "zh-hant", "approval", frozenset({"厦门市"}), amounts=amounts)

    sales, priced = approval(9.8e8), approval(62.3, 4550.0)  # a closing price, a jab's fee in HKD
    assert points(sales, priced, 7) == points(sales, approval(), 7)
    assert points(sales, approval(5e8), 7) < points(sales, approval(), 7)  # two deal sums, none shared


def test_a_lists_compiler_counts_in_full_between_its_reports_however_often_it_is_named() -> None:
    when = datetime(2026, 11, 12, tzinfo=UTC)

    def report(kind: str) -> Report:
        return Report(1, when, "", "zh-hans", kind, frozenset(), organizations=frozenset({"中国生物技术发展中心"}))

    common = frozenset({"中国生物技术发展中心"})  # named by three or more reports of the batch
    assert points(report("ranking"), report("ranking"), 7, common) == points(report("ranking"), report("ranking"), 7)
    assert (
        points(report("signing"), report("signing"), 7, common) == points(report("signing"), report("signing"), 7) - 1
    )


def test_a_shared_investor_says_little_a_shared_company_much() -> None:
    when = datetime(2026, 11, 12, tzinfo=UTC)

    def financing(*names: str) -> Report:
        return Report(1, when, "", "zh-hans", "financing", frozenset(), organizations=frozenset(names))

    alone = points(financing(), financing(), 7)
    assert points(financing("启明创投"), financing("启明创投"), 7) == alone + 0.5  # it backs many rounds
    assert points(financing("瑞衍生物"), financing("瑞衍生物"), 7) == alone + 2.0


def test_a_weak_match_joins_an_event_in_its_own_language_only_on_stronger_evidence() -> None:
    when = datetime(2026, 11, 12, tzinfo=UTC)

    def signing(lang: str) -> Report:
        return Report(
            1,
            when,
            "",
            lang,
            "signing",
            frozenset({"乌兰察布市"}),
            parks=frozenset({"察哈尔高新区"}),
            organizations=frozenset({"北疆药业"}),
        )

    member, weakly = signing("zh-hans"), signing("zh-hans")
    assert JOIN_SCORE <= points(weakly, member, 7) < WEAK_JOIN_SCORE
    assert best_event(weakly, {"e": [member]}, 7) == "e"  # a report that matched joins
    assert best_event(weakly, {"e": [member]}, 7, weak=True) is None  # one that matched in passing does not
    assert best_event(signing("en"), {"e": [member]}, 7, weak=True) == "e"  # a translation does
    # unless its headline names another industry: a truck plant beside the drug plant it mentions
    assert best_event(signing("en"), {"e": [member]}, 7, weak=True, elsewhere=(re.compile("truck"),)) is None


def test_a_report_of_another_industry_joins_only_an_event_whose_headlines_name_that_industry() -> None:
    def financing(title: str, lang: str = "zh-hans") -> Report:
        when = datetime(2026, 11, 12, tzinfo=UTC)
        return Report(1, when, title, lang, "financing", frozenset({"深圳市"}), organizations=frozenset({"峤构生物"}),
                      amounts=(6e8,), headline_amounts=(6e8,))  # fmt: skip

    english = financing("AI protein designer Qiaogou raises 600 million yuan", "en")
    ai = (re.compile(r"\bAI\b", re.IGNORECASE),)
    assert points(english, financing("峤构生物完成6亿元B轮融资"), 7) >= WEAK_JOIN_SCORE
    told_as_ai = {"e": [financing("AI蛋白设计公司峤构生物完成6亿元B轮融资")]}
    assert best_event(english, told_as_ai, 7, weak=True, elsewhere=ai) == "e"
    # an event whose headlines never name AI is another industry's happening (a chip policy beside a drug policy)
    assert best_event(english, {"e": [financing("峤构生物完成6亿元B轮融资")]}, 7, weak=True, elsewhere=ai) is None


PLANT_START = (
    "http://www.qh-daily.example/news/2026-11/20/8.html",
    "zh-hans",
    "2026-11-20T18:00:00+08:00",
    "岭松制药创新药生产基地在嫩江高新区开工 总投资13亿元",
    "11月20日，岭松制药冻干粉针剂生产基地项目在嫩江高新区开工。项目总投资13亿元，建设冻干粉针和小容量"
    "注射剂生产线6条，达产后年产值约20亿元。\n岭松制药负责人表示，基地将承接公司创新药的商业化生产。",
)
LOOKALIKE_PLANT = (
    "http://www.hlj-news.example/news/2026-11/21/3.html",
    "zh-hans",
    "2026-11-21T18:00:00+08:00",
    "北禾药业医疗器械项目在嫩江高新区投产",
    "11月21日，北禾药业一次性医疗器械项目在嫩江高新区投产，年产输注耗材8000万套。\n高新区负责人介绍，该项目与"
    "前一天开工、总投资13亿元的岭松制药创新药生产基地分属不同企业，两个项目均位于高新区生物医药产业片区。",
)


def test_reports_whose_headlines_name_different_companies_are_two_happenings(db_config: DbConfig) -> None:
    db, config = db_config
    groups = sorted(_groups(_events(db, config, PLANT_START, LOOKALIKE_PLANT)), key=min)
    assert groups == [{LOOKALIKE_PLANT[0]}, {PLANT_START[0]}]  # though the look-alike names the other's sum
