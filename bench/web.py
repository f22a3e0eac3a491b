"""Latency of the web app (``newswatch serve``) on a database of years: 100,000 articles, 20,000 events.

Generates a SQLite database through the project's own writers (``db.open_db``,
``db.save_articles``, ``db.store_event``): Chinese headlines and bodies built from small word
lists (districts, industries, companies, what happened), 24 sources, publication times spread over
the two years up to now, each event reported by 1–8 articles, places and amounts as the analysis
stores them, and the full-text index filled as analysis fills it (jieba-cut text in the transient
``search_*`` columns; a trigger moves it into ``articles_fts``). Writes a config.toml beside it,
starts the real app as a user does (``python -m cli --config CONFIG serve --port 0``) and asks it,
from a plain urllib client, one request after another (a warm-up first), for each route:

  /                          the first page of events
  / filtered                 watch + type + place (a city, so its districts count too)
  / page 100                 a deep page (offset 4,950)
  /events/<id>               random events: detail, reports, neighbours
  /search?q=生物医药         a word in a sixth of the articles
  /search?q=项目             a word in nearly every article (the worst case of ranking)
  /sources                   per-source health and 30 days of articles a day
  /api/events?since=<week>   the JSON of about a week of events
  /api/events (all)          every event, unfiltered (fewer requests: it is large)

and prints p50 / p95 / max latency in ms against the target (p95 <= 100 ms on a 2-core machine).
With ``--explain`` it also calls, in its own process, the db and pipelines functions behind each
route and prints their time, and each SQL statement's time and query plan (EXPLAIN QUERY PLAN).

    .venv/bin/python bench/web.py [--requests 200] [--db PATH [--keep]] [--json] [--explain] [--only TEXT]

Generating takes about a minute on 2 cores. ``--keep`` leaves the database (and its config) in place
and reuses an existing one at ``--db``; ``--only /search`` measures the routes whose label has that text.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import db as store  # noqa: E402
from pipelines.cluster import event_key  # noqa: E402
from pipelines.text import index_text, segment, sub_words  # noqa: E402

ARTICLES = 100_000
EVENTS = 20_000
DAYS = 730
TARGET_P95_MS = 100.0
CHINA = store.CHINA

# ---------------------------------------------------------------- word lists

# (city, its districts and zones); all names the shipped gazetteer knows.
CITIES: list[tuple[str, list[str]]] = [
    ("广州市", ["黄埔区", "南沙区", "天河区", "番禺区", "海珠区", "白云区", "增城区", "广州开发区", "中新广州知识城"]),
    ("佛山市", ["三水区", "南海区", "顺德区", "禅城区", "高明区"]),
    ("深圳市", ["南山区", "坪山区", "龙华区", "宝安区", "光明区"]),
    ("珠海市", ["香洲区", "金湾区"]),
    ("东莞市", []),
    ("中山市", []),
    ("上海市", ["浦东新区", "闵行区", "奉贤区", "徐汇区"]),
    ("苏州市", ["苏州工业园区", "吴中区", "昆山市"]),
    ("北京市", ["海淀区", "昌平区", "大兴区"]),
    ("杭州市", ["余杭区", "滨江区"]),
    ("成都市", ["双流区", "温江区"]),
]
# Guangdong's cities come up far more often: the watches are about its clusters.
CITY_WEIGHTS = [30, 18, 12, 4, 5, 4, 9, 6, 5, 4, 3]
BIOMED = ["生物医药", "医疗器械", "创新药", "生物制药", "基因治疗", "细胞治疗", "体外诊断", "高端医疗装备", "中医药"]
MAKING = ["新能源汽车", "集成电路", "人工智能", "新材料", "智能制造", "低空经济", "合成生物"]
OBJECTS = ["产业园", "创新中心", "研发中心", "生产基地", "产业化基地", "孵化器", "研究院", "总部基地"]
PARK_VERBS = ["开园", "开工", "奠基", "投产", "竣工", "启用"]
FIRST = "康华瑞迈博金泰恒诺德信达安明润健源正和百君睿"
SECOND = ["生物", "医药", "医疗", "药业", "基因", "科技", "智造", "新材"]
ROUNDS = ["天使轮", "A轮", "B轮", "C轮", "D轮", "Pre-IPO轮"]
TYPES = ["signing", "investment", "fund", "park", "policy", "approval", "financing", "ranking", "other"]
TYPE_WEIGHTS = [22, 18, 6, 16, 10, 8, 10, 4, 6]
WATCHES = {
    "biomed-cluster": ("生物医药产业集群", BIOMED),
    "advanced-making": ("先进制造业", MAKING),
}

# (name, host, official): 8 government sites and 16 media.
SOURCES: list[tuple[str, str, bool]] = [
    ("hp-gov-news", "www.hp.gov.cn", True),
    ("gz-gov-news", "www.gz.gov.cn", True),
    ("foshan-gov-news", "www.foshan.gov.cn", True),
    ("ss-gov-news", "www.ss.gov.cn", True),
    ("sz-gov-news", "www.sz.gov.cn", True),
    ("shanghai-gov-news", "www.shanghai.gov.cn", True),
    ("suzhou-gov-news", "www.suzhou.gov.cn", True),
    ("gd-drc", "drc.gd.gov.cn", True),
    ("xinhua-politics", "www.news.cn", False),
    ("people-finance", "finance.people.com.cn", False),
    ("nfdaily", "www.nfnews.com", False),
    ("gzdaily", "www.gzdaily.cn", False),
    ("ycwb", "news.ycwb.com", False),
    ("21jingji", "www.21jingji.com", False),
    ("yicai", "www.yicai.com", False),
    ("jiemian", "www.jiemian.com", False),
    ("thepaper", "www.thepaper.cn", False),
    ("stcn", "www.stcn.com", False),
    ("cs-com", "www.cs.com.cn", False),
    ("cnstock", "news.cnstock.com", False),
    ("sina-finance", "finance.sina.com.cn", False),
    ("36kr", "36kr.com", False),
    ("bioon", "news.bioon.com", False),
    ("foshan-daily", "www.fsonline.com.cn", False),
]


def _company(rng: random.Random) -> tuple[str, str]:
    """A made-up company: its short name (瑞康生物) and its full one (瑞康生物科技有限公司)."""
    short = rng.choice(FIRST) + rng.choice(FIRST) + rng.choice(SECOND)
    return short, short + rng.choice(["科技有限公司", "股份有限公司", "有限公司", "集团"])


def _amount(rng: random.Random) -> dict[str, Any]:
    """An amount as analysis stores it: its text and its value in yuan."""
    if rng.random() < 0.75:
        n = rng.choice([1, 2, 3, 5, 6, 8, 10, 12, 15, 20, 25, 30, 50, 60, 80, 100, 120, 150, 200, 300, 500])
        return {"text": f"{n}亿元", "value_cny": n * 100_000_000}
    n = rng.choice([1000, 2000, 3000, 5000, 8000])
    return {"text": f"{n}万元", "value_cny": n * 10_000}


# ---------------------------------------------------------------- text

Parts = list[str]  # a text as fragments; the index cuts each once (see ``Indexer``)


def _headline(rng: random.Random, kind: str, place: str, industry: str, amount: str, company: str) -> Parts:
    obj = rng.choice(OBJECTS)
    forms: dict[str, list[Parts]] = {
        "signing": [
            [place, f"{rng.randint(3, 40)}个", industry, "项目集中签约", "总投资", amount],
            [company, "与", place, "签约", "共建", industry, obj],
        ],
        "investment": [[amount, industry, "项目落户", place], [company, "追加投资", amount, "建设", industry, obj]],
        "fund": [[place, "设立", amount, industry, "产业投资基金"]],
        "park": [[place, industry, obj, rng.choice(PARK_VERBS)]],
        "policy": [
            [place, "出台", "促进", industry, "产业高质量发展若干措施"],
            [place, "印发", industry, "产业发展行动方案"],
        ],
        "approval": [[company, "自主研发", industry, "产品获批上市"], [place, industry, obj, "获批"]],
        "financing": [[company, "完成", amount, rng.choice(ROUNDS), "融资"]],
        "ranking": [[place, "入选", "国家", industry, "产业集群名单"], [place, industry, "产业规模位列全省第", "二"]],
        "other": [[place, "举办", industry, "产业发展大会"], [place, "召开", industry, "企业座谈会"]],
    }
    return rng.choice(forms[kind])


def _body(
    rng: random.Random,
    when: datetime,
    headline: Parts,
    city: str,
    place: str,
    industry: str,
    amount: str,
    company: str,
    full: str,
) -> Parts:
    """Six to sixteen sentences of a plausible report, as fragments (``|`` separates them below)."""
    other, third = rng.sample([w for w in BIOMED + MAKING if w != industry], 2)
    area, output, firms = rng.randint(2, 90) * 10, rng.randint(2, 60) * 5, rng.randint(20, 900)
    growth, projects = rng.randint(3, 35), rng.randint(5, 90)
    first = "|".join([f"{when.month}月{when.day}日", "，", *headline, "。"])
    rest = [
        f"据悉|，|该项目|总投资|{amount}|，|占地约{area}亩|，|建成后|预计|年产值|超过|{output}亿元|。",
        f"{full}|负责人表示|，|将依托|{place}|的产业基础|，|加快|{industry}|领域的|研发和产业化|。",
        f"近年来|，|{city}|围绕|{industry}|、|{other}|等|战略性新兴产业|，|持续优化营商环境|，|吸引了|一批|龙头企业|落户|。",
        f"截至目前|，|{place}|已集聚|{industry}|企业|{firms}家|，|形成了|从研发到生产的|完整产业链|。",
        f"下一步|，|{place}|将继续|做好|项目服务保障|，|推动|项目|早日建成投产|。",
        f"此次|签约项目|涵盖|{industry}|、|{other}|、|{third}|等领域|。",
        f"会上|，|{company}|与|{place}|管委会|签署|战略合作协议|。",
        f"{place}|相关负责人介绍|，|{when.year - 1}年|全区|{industry}|产业规模|突破|{amount}|，|同比增长|{growth}%|。",
        f"业内人士认为|，|项目落地|将进一步|补齐|{industry}|产业链|关键环节|。",
        f"记者|了解到|，|{city}|今年|已|累计|引进|{industry}|项目|{projects}个|。",
        f"据介绍|，|项目|将|建设|{rng.choice(OBJECTS)}|、|中试平台|和|{rng.choice(OBJECTS)}|，|重点|布局|{industry}|、"
        f"|{other}|方向|，|预计|{when.year + 2}年|全面|建成|，|可|带动|上下游|企业|{firms // 10 + 3}家|，"
        f"|新增|就业岗位|{projects * 30}个|。",
        f"{place}|将|从|用地|、|人才|、|资金|等方面|给予|全方位|支持|，|并|设立|专班|跟踪|服务|，"
        f"|确保|项目|按期|开工|、|早日|达产|。",
        f"{company}|成立于|{when.year - rng.randint(3, 15)}年|，|是|一家|专注于|{industry}|的|高新技术企业|，"
        f"|拥有|发明专利|{rng.randint(10, 300)}项|，|产品|覆盖|全国|{rng.randint(10, 31)}个|省份|。",
        f"与会|专家|表示|，|{industry}|是|{city}|重点发展的|战略性|支柱产业|，|当前|正处于|由|“|跟跑|”|向|“|并跑|”"
        f"|转变的|关键时期|，|需要|进一步|加强|基础研究|与|临床转化|的|衔接|。",
        f"根据|规划|，|到|{when.year + 3}年|，|{place}|{industry}|产业|营业收入|将|突破|{output * 10}亿元|，"
        f"|培育|一批|具有|国际竞争力|的|龙头企业|和|专精特新|“|小巨人|”|企业|。",
    ]
    chosen = [first, *rng.sample(rest, rng.randint(5, len(rest)))]
    return "|".join(chosen).split("|")


class Indexer:
    """What analysis puts in ``search_title`` / ``search_body`` / ``search_extra``: the project's own
    jieba cut (``pipelines.text``), done once per distinct fragment so 100,000 bodies cost seconds."""

    def __init__(self) -> None:
        self._cut: dict[str, tuple[str, str]] = {}

    def _one(self, fragment: str) -> tuple[str, str]:
        found = self._cut.get(fragment)
        if found is None:
            seg = segment(fragment, simplified=True)
            found = self._cut[fragment] = (index_text(seg), sub_words(seg))
        return found

    def index(self, parts: Parts) -> tuple[str, str]:
        cut = [self._one(p) for p in parts]
        return " ".join(c[0] for c in cut if c[0]), " ".join(c[1] for c in cut if c[1])


# ---------------------------------------------------------------- the database


def _iso_china(t: datetime) -> str:
    return t.astimezone(CHINA).isoformat(timespec="seconds")


def _iso_utc(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


def _plan(rng: random.Random, articles: int, events: int) -> list[int]:
    """How many reports each event has (1–8, mostly few); what is left are articles of no event."""
    sizes = [min(8, 1 + int(rng.expovariate(1 / 3.5))) for _ in range(events)]
    while sum(sizes) > articles * 0.92:  # keep some articles outside every event
        i = rng.randrange(events)
        sizes[i] = max(1, sizes[i] - 1)
    return sizes


def generate(path: Path, articles: int = ARTICLES, events: int = EVENTS, seed: int = 7) -> dict[str, Any]:
    """Write the database at ``path`` through ``db``'s own functions; returns counts and seconds."""
    started = time.perf_counter()
    rng = random.Random(seed)
    db = store.open_db(path)
    db.execute("PRAGMA synchronous=OFF")  # a benchmark's database: no need to survive a power cut
    indexer = Indexer()
    end = datetime.now(CHINA)
    begin = end - timedelta(days=DAYS)
    sizes = _plan(rng, articles, events)
    loose = articles - sum(sizes)
    serial = 0
    pending_articles: list[dict[str, Any]] = []
    pending_events: list[tuple[dict[str, Any], int]] = []  # (event, how many of the pending articles)

    def article(when: datetime, title: Parts, body: Parts, source: tuple[str, str, bool]) -> dict[str, Any]:
        nonlocal serial
        serial += 1
        name, host, _ = source
        fetched = min(end, when + timedelta(minutes=rng.randint(5, 600)))
        search_title, extra_title = indexer.index(title)
        search_body, extra_body = indexer.index(body)
        text = "".join(body)
        return {
            "url": f"https://{host}/{when:%Y%m}/t{when:%Y%m%d}_{serial}.html",
            "source": name,
            "title": "".join(title),
            "published_at": _iso_china(when),
            "lang": "zh-hans",
            "body": text,
            "fetched_at": _iso_utc(fetched),
            "content_hash": hashlib.blake2b(text.encode(), digest_size=16).hexdigest(),
            "search_title": search_title,
            "search_body": search_body,
            "search_extra": (extra_title + " " + extra_body).strip(),
        }

    def flush() -> None:
        ids = store.save_articles(db, pending_articles)
        at = 0
        with db.atomic():  # store_event nests its own transaction as a savepoint in this one
            for event, n in pending_events:
                store.store_event(db, event, ids[at : at + n])
                at += n
        pending_articles.clear()
        pending_events.clear()

    # Events in time order, each at a random moment of the two years (China daytime).
    moments = sorted(begin + timedelta(seconds=rng.uniform(0, DAYS * 86400)) for _ in range(events + loose))
    is_event = [True] * events + [False] * loose
    rng.shuffle(is_event)
    sizes_left = iter(sizes)
    for when, with_event in zip(moments, is_event, strict=True):
        when = when.replace(hour=rng.randint(7, 21), minute=rng.choice([0, 10, 20, 30, 40, 50]), second=0)
        when = min(when, end)
        city, districts = rng.choices(CITIES, CITY_WEIGHTS)[0]
        place = rng.choice(districts) if districts and rng.random() < 0.8 else city
        watch = "biomed-cluster" if rng.random() < 0.7 else "advanced-making"
        industry = rng.choice(WATCHES[watch][1])
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        amount = _amount(rng)
        short, full = _company(rng)
        title = _headline(rng, kind, place, industry, amount["text"], short)
        if not with_event:
            pending_articles.append(
                article(
                    when,
                    title,
                    _body(rng, when, title, city, place, industry, amount["text"], short, full),
                    rng.choice(SOURCES),
                )
            )
        else:
            n = next(sizes_left)
            outlets = rng.sample(SOURCES, n) if n <= len(SOURCES) else rng.choices(SOURCES, k=n)
            times = sorted(
                [when] + [min(end, when + timedelta(minutes=rng.expovariate(1 / 600))) for _ in range(n - 1)]
            )
            reports = []
            for i, (at, source) in enumerate(zip(times, outlets, strict=True)):
                headline = title if i == 0 or rng.random() < 0.4 else [*title, "（图）"]
                if i and rng.random() < 0.3:
                    headline = ["【关注】", *headline]
                reports.append(
                    article(
                        at, headline, _body(rng, at, title, city, place, industry, amount["text"], short, full), source
                    )
                )
            places = [city, place] if place != city else [city]
            first = reports[0]
            event = {
                "id": event_key(watch, first["url"]),
                "watch": watch,
                "type": kind,
                "title": first["title"],
                "summary": first["body"][:120],
                "published_at": first["published_at"],
                "first_seen": first["fetched_at"],
                "places": places,
                "organizations": [full] if kind in ("signing", "investment", "approval", "financing") else [],
                "amounts": [amount] if kind not in ("policy", "ranking", "other") else [],
                "keywords": [industry, place, *(["签约"] if kind == "signing" else [])],
                "relevance": round(rng.uniform(1.0, 6.0), 2),
            }
            pending_articles.extend(reports)
            pending_events.append((event, n))
        if len(pending_articles) >= 5000:
            flush()
    flush()
    counts = {t: store.count(db, t) for t in ("articles", "events", "event_articles")}
    counts["articles_fts"] = store.count(db, "articles_fts")
    db.conn.close()
    return {**counts, "seconds": round(time.perf_counter() - started, 1)}


def write_config(path: Path, database: Path) -> None:
    """A config.toml for the generated database: its sources and the two watches."""
    lines = ["# Written by bench/web.py for its generated database.", "", "[storage]"]
    lines.append(f"database = {json.dumps(str(database))}")
    for name, (title, words) in WATCHES.items():
        lines += ["", "[[watches]]", f'name = "{name}"', f'title = "{title}"']
        lines.append("keywords = [" + ", ".join(json.dumps(w, ensure_ascii=False) for w in words) + "]")
    for name, host, official in SOURCES:
        lines += ["", "[[sources]]", f'name = "{name}"', f'url = "https://{host}/"', 'kind = "auto"']
        if official:
            lines.append('tags = ["official"]')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- the server and the client


@contextmanager
def serving(config: Path, log: Path) -> Iterator[str]:
    """``newswatch serve --port 0`` in a child process; yields its base URL, stops it with SIGTERM."""
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), "serve", "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=err,
        )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        line = proc.stdout.readline().decode("utf-8", "replace").strip() if ready else ""
        prefix = "newswatch: serving "
        if not line.startswith(prefix):
            raise RuntimeError(f"the server did not start: {line!r}\n{log.read_text(errors='replace')[-2000:]}")
        yield line[len(prefix) :].split()[0].rstrip("/")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def fetch(url: str) -> tuple[float, int, int]:
    """One GET: (milliseconds to the last byte, status, bytes)."""
    started = time.perf_counter()
    try:
        with _DIRECT.open(url, timeout=120) as answer:
            body = answer.read()
            status = answer.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return (time.perf_counter() - started) * 1000, status, len(body)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def measure(base: str, path: Callable[[], str], requests: int, warmup: int) -> dict[str, Any]:
    """``warmup`` unmeasured requests, then ``requests`` measured ones, one after another."""
    for _ in range(warmup):
        fetch(base + path())
    times, sizes, bad = [], [], 0
    for _ in range(requests):
        ms, status, size = fetch(base + path())
        times.append(ms)
        sizes.append(size)
        bad += status != 200
    return {
        "requests": requests,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "kb": round(sum(sizes) / len(sizes) / 1024, 1),
        "non_200": bad,
    }


def routes(database: Path, rng: random.Random, requests: int) -> list[tuple[str, Callable[[], str], int]]:
    """(label, a function giving the next path, how many requests) for each measured route."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in conn.execute("select id from events")]
    finally:
        conn.close()
    week = (datetime.now(CHINA) - timedelta(days=7)).date().isoformat()
    filtered = "/?" + urlencode({"watch": "biomed-cluster", "type": "signing", "place": "广州市"})
    return [
        ("/", lambda: "/", requests),
        ("/ filtered (watch, type, place=广州市)", lambda: filtered, requests),
        ("/ page 100", lambda: "/?page=100", requests),
        ("/events/<id>", lambda: f"/events/{rng.choice(ids)}", requests),
        ("/search?q=生物医药", lambda: "/search?" + urlencode({"q": "生物医药"}), requests),
        ("/search?q=项目 (in nearly every article)", lambda: "/search?" + urlencode({"q": "项目"}), requests),
        ("/sources", lambda: "/sources", requests),
        (f"/api/events?since={week}", lambda: f"/api/events?since={week}", requests),
        ("/api/events (all)", lambda: "/api/events", max(5, requests // 20)),
    ]


# ---------------------------------------------------------------- --explain: inside the queries


def explain(database: Path) -> list[dict[str, Any]]:
    """The database work of each measured route, called in this process: its median time, and
    each SQL statement it ran (slowest first) with its own time and SQLite's query plan."""
    from pipelines import places
    from pipelines.search import search

    db = store.open_db(database)
    row = store.event_detail(db, next(iter(db.query("select id from events order by random() limit 1")))["id"])
    assert row is not None
    when = store.parse_time(row["happened_at"]) or datetime.now(CHINA)
    around = store.EventFilter(
        watch=row["watch"],
        start=(when - timedelta(days=14)).date().isoformat(),
        end=(when + timedelta(days=14)).date().isoformat(),
    )
    within = places.within(places.gazetteer(()), "广州市")
    filtered = store.EventFilter(watch="biomed-cluster", type="signing", places=within)
    week = (datetime.now(CHINA) - timedelta(days=7)).date().isoformat()
    month = (datetime.now(CHINA) - timedelta(days=29)).date().isoformat()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("/: event_page", lambda: store.event_page(db, store.EventFilter(), 50, 0)),
        ("/ filtered: places.within(广州市)", lambda: places.within(places.gazetteer(()), "广州市")),
        ("/ filtered: event_page", lambda: store.event_page(db, filtered, 50, 0)),
        ("/ page 100: event_page", lambda: store.event_page(db, store.EventFilter(), 50, 4950)),
        ("/events/<id>: event_detail", lambda: store.event_detail(db, row["id"])),
        ("/events/<id>: neighbours", lambda: store.event_page(db, around, 40, 0)),
        ("/search: search(生物医药)", lambda: search(db, "生物医药", 50)),
        ("/search: search(项目)", lambda: search(db, "项目", 50)),
        ("/sources: articles_by_day", lambda: store.articles_by_day(db, month)),
        ("/api/events: events(since)", lambda: store.events(db, since=week)),
        ("/api/events: events()", lambda: store.events(db)),
    ]
    out = []
    for label, call in steps:
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)  # the SQL with its values in place
        call()
        db.conn.set_trace_callback(None)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            call()
            times.append((time.perf_counter() - t) * 1000)
        queries: list[dict[str, Any]] = []
        for sql in dict.fromkeys(s for s in statements if s.lstrip().lower().startswith(("select", "with"))):
            t = time.perf_counter()
            db.conn.execute(sql).fetchall()
            ms = (time.perf_counter() - t) * 1000
            plan = [r[3] for r in db.conn.execute("explain query plan " + sql)]
            queries.append({"ms": round(ms, 1), "sql": " ".join(sql.split())[:300], "plan": plan})
        queries.sort(key=lambda q: q["ms"], reverse=True)
        out.append(
            {"step": label, "median_ms": round(sorted(times)[2], 1), "statements": len(queries), "slowest": queries[:3]}
        )
    db.conn.close()
    return out


def explained(steps: list[dict[str, Any]], shown: int = 2) -> str:
    """``explain``'s findings as text: each step, then its slowest statements and their plans."""
    lines = []
    for step in steps:
        lines.append(f"{_pad(step['step'], 40)} {step['median_ms']:>8.1f} ms  ({step['statements']} statements)")
        for q in step["slowest"][:shown]:
            sql = q["sql"] if len(q["sql"]) <= 150 else q["sql"][:147] + "..."
            lines.append(f"    {q['ms']:>7.1f} ms  {sql}")
            lines.extend(f"               {p}" for p in q["plan"])
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def _pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a fixed-width table, one route a line."""
    head = f"{_pad('route', 44)} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB':>8}  p95<=100"
    lines = [head, "-" * len(head)]
    for r in results:
        ok = "yes" if r["p95_ms"] <= TARGET_P95_MS else "NO"
        bad = f"  ({r['non_200']} not 200)" if r["non_200"] else ""
        lines.append(
            f"{_pad(r['route'], 44)} {r['requests']:>5} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['max_ms']:>8.1f} "
            f"{r['kb']:>8.1f}  {ok}{bad}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per route (default 200)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per route first (default 5)")
    parser.add_argument("--db", type=Path, help="database path (default: in a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the database; reuse it when --db exists")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--explain", action="store_true", help="also time each route's queries in-process")
    parser.add_argument("--only", action="append", metavar="TEXT", help="only the routes whose label contains TEXT")
    args = parser.parse_args(argv)

    temp = None
    if args.db is None:
        temp = Path(tempfile.mkdtemp(prefix="newswatch-web-"))
        database = temp / "web.db"
    else:
        database = args.db.resolve()
        if database.exists() and not args.keep:
            parser.error(f"{database} exists: pass --keep to reuse it, or remove it")
    config = database.with_name(database.stem + ".config.toml")
    log = database.with_name(database.stem + ".serve.log")
    report: dict[str, Any] = {"database": str(database), "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version}
    try:
        if database.exists():
            report["generated"] = "reused"
        else:
            if not args.json:
                print(f"generating {args.articles:,} articles and {args.events:,} events in {database} …", flush=True)
            report["generated"] = generate(database, args.articles, args.events, args.seed)
            if not args.json:
                print(f"  {report['generated']}", flush=True)
        write_config(config, database)
        rng = random.Random(args.seed)
        results = []
        report["load_before"] = round(os.getloadavg()[0], 2)  # another busy process skews the figures
        with serving(config, log) as base:
            report["server"] = base
            for label, path, n in routes(database, rng, args.requests):
                if args.only and not any(text in label for text in args.only):
                    continue
                results.append({"route": label, **measure(base, path, n, args.warmup)})
                if not args.json:
                    print(table(results[-1:]).splitlines()[-1], flush=True)
        report["results"] = results
        report["load_after"] = round(os.getloadavg()[0], 2)
        report["target_p95_ms"] = TARGET_P95_MS
        if args.explain:
            report["inside"] = explain(database)
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            print()
            print(table(results))
            print(
                f"load average (1 min) before {report['load_before']}, after {report['load_after']}; {os.cpu_count()} CPUs"
            )
            if "inside" in report:
                print("\ninside the app's process (db and pipelines calls, median of 5):")
                print(explained(report["inside"]))
            if args.keep:
                print(f"\nkept: {database} (config {config}); rerun with --db {database} --keep")
    finally:
        if temp is not None and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
