"""Headlines that keep look-alikes apart: two reports that share a district, a park, a week and
even each other's sums are two happenings when their headlines name different batches, sums,
issuers, companies or financing rounds, or when one is about another industry. Every report here
is original text written for these tests."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pipelines import money
from pipelines.analyse import context
from pipelines.cluster import report
from pipelines.happenings import HEADLINES_APART, JOIN_SCORE, WEAK_JOIN_SCORE, Report, best_event, points
from tests.support.entities import CONFIG


def test_two_batches_of_one_park_counted_differently_in_their_headlines_lose_points() -> None:
    when = datetime(2025, 11, 4, tzinfo=UTC)

    def batch(title: str) -> Report:
        return Report(1, when, title, "zh-hans", "signing", frozenset({"资阳市"}), parks=frozenset({"中国牙谷"}))

    three, eight = batch("中国牙谷再添3个口腔医疗项目"), batch("中国牙谷再添8个口腔医疗项目")
    eight_in_words = batch("中国牙谷再添八个口腔医疗项目")
    assert points(three, eight, 7) <= points(eight_in_words, eight, 7) - 3.0  # 3 is not 8; 八 is 8


def test_two_batches_counted_and_summed_differently_in_their_headlines_are_never_one() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)

    def batch(title: str) -> Report:
        return Report(
            1,
            when,
            title,
            "zh-hans",
            "signing",
            frozenset({"黄埔区"}),
            parks=frozenset({"广州开发区", "广州国际生物岛"}),
            amounts=(1.2e9,),
            headline_amounts=tuple(
                money.values(title, money.Rates(usd=7.1, eur=7.8, hkd=0.91))
            ),  # as clustering reads them
        )

    fifteen = batch("开发区集中签约15个生物医药项目 总投资88亿元")
    assert points(fifteen, batch("生物岛集中签约8个项目 总投资46亿元"), 7) <= 0.0
    assert points(fifteen, batch("生物岛集中签约8个项目 总投资88亿元"), 7) > 0.0  # one of the two differs


def test_a_report_about_another_industry_whose_headline_names_its_own_sum_joins_no_event() -> None:
    when = datetime(2026, 11, 22, tzinfo=UTC)

    def plant(headline: tuple[float, ...]) -> Report:
        return Report(
            1,
            when,
            "",
            "en",
            "investment",
            frozenset({"齐齐哈尔市"}),
            parks=frozenset({"齐齐哈尔高新区"}),
            organizations=frozenset({"鹤康"}),
            amounts=(1_600_000_000.0, 1_200_000_000.0),
            headline_amounts=headline,
        )

    drug_plant = Report(
        **{**plant((1_600_000_000.0,)).__dict__, "lang": "zh-hans", "amounts": (1_600_000_000.0,)}
        | {"title": "鹤康16亿元原料药及新材料项目开工"}
    )
    gearbox, translation = plant((1_200_000_000.0,)), plant((1_600_000_000.0,))  # 1.2-billion-yuan gearbox plant
    new_materials = (re.compile("新材料|new materials"),)
    assert points(gearbox, drug_plant, 7) >= WEAK_JOIN_SCORE  # it recalls the drug plant's sum, park and company
    assert best_event(gearbox, {"e": [drug_plant]}, 7, weak=True, elsewhere=new_materials) is None
    assert best_event(translation, {"e": [drug_plant]}, 7, weak=True, elsewhere=new_materials) == "e"


def test_headlines_in_two_languages_naming_different_sums_are_two_deals() -> None:
    when = datetime(2026, 11, 12, tzinfo=UTC)

    def round_(lang: str, headline: tuple[float, ...]) -> Report:
        return Report(
            1,
            when,
            "",
            lang,
            "financing",
            parks=frozenset({"香港科学园"}),
            organizations=frozenset({"港投公司"}),
            amounts=(426_000_000.0, 177_500_000.0),
            headline_amounts=headline,
        )

    news = round_("zh-hant", (426_000_000.0,))  # 6000萬美元 in its headline
    translation, other_round = round_("en", (426_000_000.0,)), round_("en", (177_500_000.0,))  # US$25 million
    assert points(other_round, news, 7) == points(translation, news, 7) - HEADLINES_APART
    assert points(round_("en", (430_000_000.0,)), news, 7) == points(translation, news, 7)  # another rate


def test_two_policies_whose_headlines_name_different_issuers_are_two() -> None:
    when = datetime(2026, 11, 26, tzinfo=UTC)

    def policy(sites: frozenset[str]) -> Report:
        return Report(
            1,
            when,
            "",
            "zh-hans",
            "policy",
            parks=frozenset({"大同经开区"}),
            amounts=(5_000_000.0, 20_000_000.0),
            headline_sites=sites,
        )

    zone = policy(frozenset({"大同经开区"}))
    province = policy(frozenset({"山西省"}))  # 山西出台20条措施, naming the zone's measures in its body
    assert points(province, zone, 7) == points(policy(frozenset({"大同经开区"})), zone, 7) - HEADLINES_APART
    assert points(policy(frozenset()), zone, 7) == points(zone, zone, 7)  # a headline naming no issuer


def test_a_place_inside_an_organisations_name_in_a_headline_is_no_policys_issuer() -> None:
    ctx = context(CONFIG)

    def row(title: str) -> dict[str, Any]:
        return {
            "id": 1,
            "published_at": "2026-11-12T09:00:00+08:00",
            "title": title,
            "lang": "zh-hant",
            "event_type": "policy",
            "places": ["广东省", "深圳市"],
            "parks": [],
            "organizations": ["香港大学深圳医院"],
            "amounts": [],
            "figures": [],
            "keywords": [],
        }

    assert report(row("粵推醫院成果轉化措施 港大深圳醫院：港澳團隊可受惠"), ctx).headline_sites == frozenset()
    assert report(row("深圳出台醫院成果轉化措施"), ctx).headline_sites == {"深圳市"}


def test_two_funds_whose_headlines_name_different_issuers_are_two() -> None:
    when = datetime(2026, 11, 12, tzinfo=UTC)

    def fund(sites: frozenset[str]) -> Report:
        return Report(1, when, "", "zh-hans", "fund", amounts=(2e9,), headline_sites=sites)

    haikou = fund(frozenset({"海口国家高新区"}))  # 海口国家高新区设立20亿元生物医药产业投资基金
    chongqing = fund(frozenset({"重庆国际生物城"}))  # 重庆国际生物城设立20亿元生物医药产业基金
    assert points(haikou, chongqing, 7) == points(haikou, haikou, 7) - HEADLINES_APART


def test_a_headlines_investor_or_its_sum_does_not_set_reports_of_one_deal_apart() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)

    def plant(lang: str, subjects: set[str], headline: tuple[float, ...] = ()) -> Report:
        return Report(
            1,
            when,
            "",
            lang,
            "investment",
            parks=frozenset({"嫩江高新区"}),
            organizations=frozenset({"岭松", "北禾"}) - subjects | {"岭松"},
            amounts=(1_300_000_000.0,),
            headline_amounts=headline,
            headline_organizations=frozenset(subjects),
        )

    news = plant("zh-hans", {"岭松"})
    lookalike = Report(**{**news.__dict__, "organizations": frozenset({"北禾", "岭松"})})
    assert points(lookalike, news, 7) > 0
    other = Report(
        **{**news.__dict__, "organizations": frozenset({"北禾"}), "headline_organizations": frozenset({"北禾"})}
    )
    assert points(other, news, 7) <= 0  # its subject is nowhere in the other report
    assert points(plant("zh-hans", {"北禾", "松禾资本"}), news, 7) != points(other, news, 7)
    investor = Report(**{**news.__dict__, "headline_organizations": frozenset({"岭松", "松禾资本"})})
    assert points(investor, news, 7) == points(news, news, 7)  # an investor in a headline is not its subject
    same_sum = Report(**{**other.__dict__, "headline_amounts": (1_300_000_000.0,)})
    assert points(Report(**{**news.__dict__, "headline_amounts": (1_300_000_000.0,)}), same_sum, 7) > 0
    hant = Report(**{**other.__dict__, "lang": "zh-hant"})
    assert points(hant, news, 7) > 0  # another script may name its subject otherwise (澳大, 华润医药系昆药)


def test_headlines_naming_different_rounds_are_two_financings_in_any_language() -> None:
    when = datetime(2026, 11, 18, tzinfo=UTC)

    def financing(title: str, lang: str) -> Report:
        return Report(
            1,
            when,
            title,
            lang,
            "financing",
            parks=frozenset({"北辰经开区"}),
            organizations=frozenset({"辰曦"}),
            amounts=(600_000_000.0,),
        )

    news = financing("辰曦生物完成6亿元B轮融资", "zh-hans")
    assert points(financing("Chenxi closes 600 million yuan Series B", "en"), news, 7) >= JOIN_SCORE
    assert points(financing("Yuelan raises 300m yuan Series A", "en"), news, 7) <= 0  # though it recalls Chenxi's B
    assert points(financing("岳澜诊断完成Pre-A轮融资", "zh-hans"), news, 7) <= 0
    assert (
        points(financing("辰曦生物完成B轮及B+轮融资", "zh-hans"), news, 7) >= JOIN_SCORE
    )  # one of them is the other's
