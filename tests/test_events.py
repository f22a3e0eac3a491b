"""Events: typing by trigger words, one event per happening across outlets and scripts, stable
ids, and the whole pipeline on the fixture sites (crawl → events) over real HTTP."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import config as configuration
import db as store
from demo.serve import SITES_DIR, serve_sites
from pipelines.analyse import analyse
from pipelines.article import Article
from pipelines.cluster import cluster, event_key
from pipelines.event_types import event_type
from pipelines.text import segment
from tests.support.cli import newswatch
from tests.support.config import FAST_CRAWL, write_config

TRUTH = json.loads((SITES_DIR / "truth.json").read_text(encoding="utf-8"))
# fmt: off
SOURCES = [("hpgov", "hpgov", "list", "auto"), ("media", "media", "feed", "auto"),
           ("english", "english", "sitemap", "auto"), ("hkmedia", "hkmedia", "list", "auto")]
# fmt: on
WATCH = """
[[watches]]
name = "biomed-cluster"
keywords = ["生物医药", "生物制药", "医疗器械", "创新药", "biomedical", "biopharma"]
exclude = ["招聘", "股吧", "费森尤斯"]
"""


def _type(title: str, body: str = "") -> str:
    lead = body.split("\n", 1)[0]
    return event_type(segment(title), segment(lead), segment(body))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("黄埔生物安全中试产业园开园 首批11家企业签约入驻", "park"),  # opening with signings: park
        ("13家生物医药企业集中签约博鳌乐城 预计总投资超30亿元", "signing"),  # signing stating investment
        ("区内企业1类创新药诺沙替尼片获批上市", "approval"),  # 获批上市 is no IPO
        ("赛锐基因完成5亿元C轮融资", "financing"),
        ("和睿生物登陆港交所 首日高开", "financing"),
        ("上海生物医药产业母基金再落子", "fund"),
        ("广州开发区促进生物医药产业高质量发展办法印发实施", "policy"),
        ("总投资45亿元 澄源生物药CDMO产业化基地在张江开工", "investment"),
        ("区内4家企业入选2025广东省生物医药创新企业百强", "ranking"),
        ("第三届生物医药产业大会在黄埔举行", "other"),
        ("上市公司半年报出炉", "other"),  # a listed company is not a listing
        ("Huangpu opens biosafety pilot park for biotech firms", "park"),
        ("Shanghai launches 22.5-billion-yuan biomedical fund", "fund"),
        ("Drugmaker wins approval for lung cancer drug", "approval"),
        ("German implant maker opens plant in Nantong", "investment"),  # a plant that opens: investment
        ("Shaanxi unveils 20 measures to lift its biomedical industry", "policy"),  # plans are unveiled too
        ("和睿药业今日挂牌 首日高开9.8%", "financing"),  # a listing's first day
        ("港上市药厂斥12亿元在佛山建生物药厂房", "investment"),  # a listed company spends on a plant
        ("WuXi AppTec to build new peptide manufacturing site in Taixing", "investment"),
        ("Luzhou's pharma cluster named a national SME cluster", "ranking"),
        ("Innovent licenses ADC to Roche for $150 million upfront", "signing"),  # a licensing deal
        ("华润三九拟58亿元收购江西康视药业控股权", "investment"),  # an acquisition
        ("藥華藥新適應症獲美國FDA核准", "approval"),  # 核准, as Taiwan and Hong Kong write it
        ("康晟生物首掛高開 基石投資者認購過半", "financing"),  # 首挂: a Hong Kong debut
        ("某生物折讓配股 集資約3億港元", "financing"),  # 集资: raising money, as Hong Kong writes it
        ("18亿元银团贷款落地 生物药基地加速建设", "financing"),  # a loan is money raised
        ("BeiGene opens translational research center on Guangzhou's biotech island", "investment"),  # a facility
        ("Zhoushan opens marine biomedical innovation center", "park"),  # an innovation centre is a park's kind
        ("信昱新藥注射劑廠完工 骨聯醫材新廠動土", "investment"),
        ("济南药谷新添一家CDMO 制剂研发中心启用", "investment"),
        ("Drugmaker secures 1.8 billion yuan syndicated loan for biologics base", "financing"),
        ("Drug developer announces placing of 40 million new shares", "financing"),
        ("某县医药产业园获评省级五星园区", "ranking"),  # 获评: rated, as a list rates
    ],
)
def test_headlines_decide_the_type(title: str, expected: str) -> None:
    assert _type(title) == expected


def test_without_a_headline_trigger_the_body_decides() -> None:
    body = "11月18日，双方在黄埔区举行签约仪式，正式签署战略合作协议，项目将落户知识城。"
    assert _type("携手共建生物医药创新高地", body) == "signing"


def test_an_investment_signed_and_not_yet_built_is_a_signing() -> None:
    signed = "12月1日，某药业集团与某州签订投资协议，计划投资25亿元建设中药产业基地。"
    assert _type("某药业集团投资25亿元建设中药产业基地", signed) == "signing"
    assert _type("Drugmaker to build plant in Changsha", "The drugmaker signed an agreement on Monday.") == "signing"
    assert _type("某药业集团中药产业基地开工", signed) == "investment"  # ground broken: building news
    assert _type("某药业集团投资25亿元建设中药产业基地", "基地计划明年投产。") == "investment"


# ---------------------------------------------------------------- clustering in the database


def _config(folder: Path, extra: str = "") -> configuration.Config:
    path = folder / "config.toml"
    path.write_text('[storage]\ndatabase = "news.db"\n' + WATCH + extra, encoding="utf-8")
    return configuration.load(path)


def _store(db: store.Database, config: configuration.Config, *articles: tuple[str, str, str, str, str]) -> list[int]:
    rows = []
    for url, lang, published, title, body in articles:
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
    return store.save_articles(db, rows)


PARK_ZH = (
    "http://www.hp.gov.cn/1.html",
    "zh-hans",
    "2025-06-18T17:20:00+08:00",
    "黄埔生物安全中试产业园开园 首批11家企业入驻",
    "6月18日，位于中新广州知识城的黄埔生物安全中试产业园正式开园，首批11家生物医药企业同步签约入驻。"
    "产业园由广州开发区控股集团有限公司投资建设，总投资约18亿元，首期建筑面积36313平方米。\n"
    "园区建有生物安全二级实验室和公共中试车间，可为疫苗、抗体和诊断试剂企业提供中试服务。",
)
PARK_EN = (
    "http://en.example.com/2.html",
    "en",
    "2025-06-19T10:00:00+08:00",
    "Huangpu opens biosafety pilot park for biotech firms",
    "A biosafety pilot park opened in Guangzhou's Huangpu district on June 18, with 11 biomedical "
    "companies moving in. The park, built by Guangzhou Development District Holdings Group, cost about "
    "1.8 billion yuan ($250 million) and its first phase covers 36,313 square meters.",
)
PARK_HANT = (
    "http://hk.example.com/3.html",
    "zh-hant",
    "2025-06-20T09:00:00+08:00",
    "黃埔生物安全中試產業園開園 首批11家企業入駐",
    "6月18日，位於中新廣州知識城的黃埔生物安全中試產業園正式開園，首批11家生物醫藥企業同步簽約入駐。"
    "產業園由廣州開發區控股集團有限公司投資建設，總投資約18億元，首期建築面積36313平方米。\n"
    "園區建有生物安全二級實驗室和公共中試車間，可為疫苗、抗體和診斷試劑企業提供中試服務。",
)
OTHER_PARK = (
    "http://www.hp.gov.cn/4.html",
    "zh-hans",
    "2025-06-19T11:00:00+08:00",
    "黄埔区生物医药专业孵化器揭牌 首批8家初创企业入孵",
    "6月19日，位于广州国际生物岛的黄埔区生物医药专业孵化器正式揭牌，首批8家初创企业入孵。"
    "孵化器由区属国企运营，面积5200平方米，提供共享实验室和投融资对接服务。",
)


def test_reports_in_three_scripts_make_one_event_and_a_lookalike_stays_apart(tmp_path: Path) -> None:
    config = _config(tmp_path)
    db = store.open_db(config.database)
    ids = _store(db, config, PARK_ZH, PARK_EN, PARK_HANT, OTHER_PARK)
    created = cluster(db, config, ids)
    events = {e["id"]: e for e in store.events(db)}
    assert sorted(created) == sorted(events)
    park = events[event_key("biomed-cluster", PARK_ZH[0])]  # the id comes from the first report
    assert [a["url"] for a in park["articles"]] == [PARK_ZH[0], PARK_EN[0], PARK_HANT[0]]
    assert park["type"] == "park" and park["title"] == PARK_ZH[3]  # the official (gov.cn) headline
    assert park["published_at"] == PARK_ZH[2] and "黄埔区" in park["places"]
    assert {"text": "约18亿元", "value_cny": 1_800_000_000} in park["amounts"]
    assert park["organizations"][0] == "广州开发区控股集团有限公司"
    assert park["summary"].startswith("6月18日，位于中新广州知识城") and park["summary"].count("。") in (2, 3)
    assert len(events) == 2


def test_clustering_again_changes_nothing_and_a_late_reprint_joins(tmp_path: Path) -> None:
    config = _config(tmp_path)
    db = store.open_db(config.database)
    first = _store(db, config, PARK_ZH, OTHER_PARK)
    created = cluster(db, config, first)
    assert len(created) == 2
    assert cluster(db, config, first) == []
    late = _store(db, config, PARK_HANT)
    assert cluster(db, config, late) == []  # joined an event: updated, not new
    park = store.events(db, ids=[event_key("biomed-cluster", PARK_ZH[0])])[0]
    assert [a["url"] for a in park["articles"]] == [PARK_ZH[0], PARK_HANT[0]]


def test_the_window_keeps_a_later_happening_apart(tmp_path: Path) -> None:
    config = _config(tmp_path, "\n[analysis]\ncluster_days = 3\n")
    db = store.open_db(config.database)
    months_later = (
        PARK_EN[0],
        "en",
        "2025-09-30T10:00:00+08:00",
        PARK_EN[3] + " (phase two)",
        PARK_EN[4].replace("June 18", "September 29").replace("1.8 billion yuan ($250 million)", "2.4 billion yuan"),
    )
    ids = _store(db, config, PARK_ZH, months_later)
    assert len(cluster(db, config, ids)) == 2


# ---------------------------------------------------------------- the whole pipeline on the fixture sites


@dataclass
class Runs:
    config: Path
    database: Path
    sites: dict[str, Any]
    new_after: list[list[dict[str, Any]]]  # `events --new --json` after each run
    events: list[dict[str, Any]]  # `events --json` after the last run
    crawls: list[subprocess.CompletedProcess[str]]

    def url(self, article_id: str) -> str:
        a = next(a for a in TRUTH["articles"] if a["id"] == article_id)
        return self.sites[a["site"]].url + a["path"]

    def event_of(self, article_id: str) -> dict[str, Any] | None:
        url = self.url(article_id)
        return next((e for e in self.events if url in [a["url"] for a in e["articles"]]), None)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    folder = tmp_path_factory.mktemp("events")
    with serve_sites([site for _, site, _, _ in SOURCES]) as sites:
        path = write_config(
            folder,
            crawl={**FAST_CRAWL, "retries": 1},
            extra=WATCH,
            sources=[
                (name, sites[site].url + TRUTH["sites"][site]["entry_points"][point], kind)
                for name, site, point, kind in SOURCES
            ],
        )
        config = configuration.load(path)
        new_after, crawls = [], []
        for variant in (None, None, "late"):  # a first run, a run with nothing new, a late reprint
            sites["hkmedia"].set_variant(variant)
            crawls.append(newswatch(path, "crawl"))
            db = store.open_db(config.database)
            cluster(db, config, [r["id"] for r in db.query("select id from articles")])
            db.close()
            new_after.append(json.loads(newswatch(path, "events", "--new", "--json").stdout))
        events = json.loads(newswatch(path, "events", "--json").stdout)
        yield Runs(path, config.database, sites, new_after, events, crawls)


@pytest.mark.slow
def test_the_crawls_succeed(runs: Runs) -> None:
    for run in runs.crawls:
        assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.slow
def test_each_happening_is_one_event_with_all_its_reports(runs: Runs) -> None:
    wrong = []
    for name, _truth in TRUTH["events"].items():
        ids = [a["id"] for a in TRUTH["articles"] if a["event"] == name]
        found = {a: (runs.event_of(a) or {}).get("id") for a in ids}
        reported = {a: i for a, i in found.items() if i is not None}
        if len(set(reported.values())) > 1:
            wrong.append((name, found))
    assert wrong == []
    merged = [
        e["title"]
        for e in runs.events
        if len(
            {
                next((a["event"] for a in TRUTH["articles"] if runs.url(a["id"]) == x["url"]), None) or x["url"]
                for x in e["articles"]
            }
        )
        > 1
    ]
    assert merged == []


@pytest.mark.slow
def test_the_first_run_flags_events_and_the_second_run_flags_nothing_new(runs: Runs) -> None:
    first, second, _ = runs.new_after
    park = runs.event_of("H4")
    assert park is not None and park["id"] in [e["id"] for e in first]
    assert park["title"] == "粤港澳大湾区生物安全创新港一期正式开园"  # the district portal's headline
    assert second == []


@pytest.mark.slow
def test_a_late_reprint_joins_its_event_which_is_not_new_again(runs: Runs) -> None:
    third = runs.new_after[2]
    approval = runs.event_of("H1")
    assert approval is not None and approval["type"] == "approval"
    assert runs.url("K9") in [a["url"] for a in approval["articles"]]
    assert approval["id"] not in [e["id"] for e in third]
    assert [e["articles"][0]["url"] for e in third] == [runs.url("K10")]  # the late new happening


@pytest.mark.slow
def test_a_traditional_character_reprint_joins_the_original(runs: Runs) -> None:
    park = runs.event_of("H4")
    assert park is not None and runs.url("K1") in [a["url"] for a in park["articles"]]


@pytest.mark.slow
def test_an_excluded_term_vetoes_the_whole_happening(runs: Runs) -> None:
    assert all(runs.event_of(a) is None for a in ("H6", "K4"))  # 费森尤斯 is excluded
    assert all(runs.event_of(a) is None for a in ("H8", "M11"))  # a job ad, 股吧 talk


@pytest.mark.slow
def test_events_json_has_exactly_the_documented_shape(runs: Runs) -> None:
    keys = [
        "id",
        "watch",
        "type",
        "title",
        "summary",
        "first_seen",
        "published_at",
        "places",
        "organizations",
        "amounts",
        "keywords",
        "articles",
    ]
    for e in runs.events:
        assert list(e) == keys
        assert all(set(a) == {"text", "value_cny"} for a in e["amounts"])
        assert all(list(a) == ["url", "title", "source", "published_at"] for a in e["articles"])
        dates = [a["published_at"] or "" for a in e["articles"]]
        assert dates == sorted(dates)


@pytest.mark.slow
def test_events_text_output_and_filters(runs: Runs) -> None:
    out = newswatch(runs.config, "events", "--watch", "biomed-cluster", "--since", "2025-11-20")
    assert out.returncode == 0 and "区内企业1类创新药诺沙替尼片获批上市" in out.stdout
    assert "粤港澳大湾区生物安全创新港一期正式开园" not in out.stdout  # published 2025-11-18
    bad = newswatch(runs.config, "events", "--watch", "nope")
    assert bad.returncode == 2 and "no watch named 'nope'" in bad.stderr
