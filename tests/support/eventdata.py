"""Events and configurations for the alerts tests (original text written for the tests)."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import config as configuration
import db as store
from tests.support.config import write_config as write_toml

NOW = datetime(2025, 11, 18, 0, 30, tzinfo=UTC)  # 08:30 China time
HOSTILE_TITLE = "<script>document.body.dataset.pwned='1'</script>关于[领取补贴](http://evil.example/x)的**通知**"
HOSTILE_SUMMARY = (
    "详情见 <img src=x onerror=\"document.body.dataset.pwned='2'\"> 或 [官网](javascript:alert(1)) `code` # 标题"
)

# fmt: off
WATCHES = [{"name": "biomed-cluster", "title": "生物医药产业集群", "keywords": ["生物医药"]},
           {"name": "med-devices", "title": "医疗器械", "keywords": ["医疗器械"]}]
# fmt: on


def write_config(
    tmp_path: Path, channels: str, environ: dict[str, str] | None = None, sources: str = ""
) -> configuration.Config:
    """The loaded config with the two test watches and the given [[sources]] and [[channels]] TOML text."""
    path = write_toml(tmp_path, database="newswatch.db", watches=WATCHES, extra=f"{sources}\n{channels}\n")
    return configuration.load(path, environ=environ or {})


def _article(source: str, n: int, title: str, day: int, hour: int) -> dict[str, Any]:
    stamp = datetime(2025, 11, day, hour, 0, tzinfo=timezone(timedelta(hours=8))).isoformat()
    return {
        "url": f"https://www.{source}.example.cn/xwzx/2025-11/{day:02d}/content_{n:06d}.html",
        "source": source,
        "title": title,
        "published_at": stamp,
        "lang": "zh",
        "body": title + "。",
        "fetched_at": "2025-11-17T10:00:00+00:00",
        "content_hash": f"h{source}{n}",
    }


SAMPLE = [
    {
        "id": "ev-hp-signing",
        "watch": "biomed-cluster",
        "type": "signing",
        "relevance": 9.0,
        "title": "黄埔区与12家生物医药企业集中签约 总投资超120亿元",
        "summary": (
            "广州开发区举行生物医药产业项目集中签约活动，12个项目落户生物岛和知识城。"
            "项目涵盖细胞治疗、创新药和高端医疗器械。"
        ),
        "places": ["广州", "黄埔区", "生物岛"],
        "organizations": ["广州开发区管委会"],
        "amounts": [{"text": "120亿元", "value_cny": 1.2e10}],
        "keywords": ["生物医药", "签约"],
        "articles": [
            ("hp-gov", "黄埔12个生物医药项目集中签约", 17, 9),
            ("gz-daily", "百亿级生物医药项目落户黄埔", 17, 11),
        ],
    },
    {
        "id": "ev-sh-fund",
        "watch": "biomed-cluster",
        "type": "fund",
        "relevance": 8.5,
        "title": "上海设立生物医药产业母基金 首期规模225亿元",
        "summary": "上海市宣布设立生物医药产业母基金，重点投向创新药和高端医疗器械。基金首期规模225亿元。",
        "places": ["上海"],
        "organizations": ["上海国投"],
        "amounts": [{"text": "225亿元", "value_cny": 2.25e10}],
        "keywords": ["基金"],
        "articles": [("sh-gov", "生物医药产业母基金设立", 17, 15)],
    },
    {
        "id": "ev-sz-park",
        "watch": "biomed-cluster",
        "type": "park",
        "relevance": 6.0,
        "title": "苏州生物医药产业园三期正式开园",
        "summary": "苏州工业园区生物医药产业园三期投入使用，首批30家企业入驻。",
        "places": ["苏州"],
        "organizations": [],
        "amounts": [],
        "keywords": ["开园"],
        "articles": [
            ("biobay", "产业园三期开园迎来首批企业", 16, 10),
            ("sz-news", "园区三期开园", 16, 12),
            ("js-daily", "苏州生物医药产业园扩容", 17, 8),
        ],
    },
    {
        "id": "ev-fs-policy",
        "watch": "biomed-cluster",
        "type": "policy",
        "relevance": 5.0,
        "title": "佛山出台促进生物医药产业高质量发展若干措施",
        "summary": "佛山市印发支持生物医药产业发展的若干措施，对新药获批给予最高1000万元奖励。",
        "places": ["佛山"],
        "organizations": ["佛山市人民政府"],
        "amounts": [{"text": "1000万元", "value_cny": 1e7}],
        "keywords": ["措施"],
        "articles": [("foshan-gov", "佛山印发生物医药产业若干措施", 17, 16)],
    },
    {
        "id": "ev-boao-approval",
        "watch": "med-devices",
        "type": "approval",
        "relevance": 7.0,
        "title": "博鳌乐城新增5款临床急需进口医疗器械获批使用",
        "summary": "海南博鳌乐城国际医疗旅游先行区新增5款临床急需进口医疗器械获批。",
        "places": ["海南", "博鳌乐城"],
        "organizations": [],
        "amounts": [],
        "keywords": ["获批"],
        "articles": [("boao", "5款进口医疗器械获批", 17, 14)],
    },
    {
        "id": "ev-hostile",
        "watch": "biomed-cluster",
        "type": "other",
        "relevance": 1.0,
        "title": HOSTILE_TITLE,
        "summary": HOSTILE_SUMMARY,
        "places": ["<b>广州</b>"],
        "organizations": ["[某公司](http://evil.example)"],
        "amounts": [],
        "keywords": [],
        "articles": [("evil", "<script>x</script>[链接](http://evil.example)", 17, 18)],
    },
]


def add_events(db: store.Database, events: list[dict[str, Any]]) -> list[str]:
    """Store the events and their articles; returns the event ids."""
    for event in events:
        rows = [
            _article(s, zlib.crc32(f"{event['id']}-{i}".encode()) % 10**6, t, d, h)
            for i, (s, t, d, h) in enumerate(event["articles"])
        ]
        ids = store.save_articles(db, rows)
        first = min(r["published_at"] for r in rows)
        store.store_event(
            db,
            {**event, "published_at": first, "first_seen": event.get("first_seen") or "2025-11-17T12:00:00+00:00"},
            ids,
        )
    return [e["id"] for e in events]


def many_events(count: int, prefix: str = "bulk") -> list[dict[str, Any]]:
    """``count`` plausible, distinct events for the splitting tests."""
    cities = ["广州", "深圳", "苏州", "杭州", "成都", "武汉", "上海", "北京", "天津", "合肥"]
    kinds = ["signing", "investment", "fund", "park", "policy", "approval", "financing", "ranking"]
    out = []
    for i in range(count):
        city = cities[i % len(cities)]
        out.append(
            {
                "id": f"{prefix}-{i:04d}",
                "watch": "biomed-cluster" if i % 4 else "med-devices",
                "type": kinds[i % len(kinds)],
                "relevance": float(i % 17),
                "title": f"{city}第{i + 1}批生物医药与医疗器械重点项目集中签约落地，涉及创新药研发和高端制造",
                "summary": (
                    f"{city}市举行第{i + 1}批重点项目签约仪式，签约项目覆盖抗体药物、基因治疗、体外诊断和"
                    "高端影像设备等方向。项目全部达产后预计年产值超过50亿元。"
                ),
                "places": [city, f"{city}高新区"],
                "organizations": [f"{city}生物医药产业园管委会", "某某生物科技有限公司"],
                "amounts": [{"text": f"{(i % 9) + 1}0亿元", "value_cny": ((i % 9) + 1) * 1e9}],
                "keywords": ["生物医药"],
                "first_seen": "2025-11-17T12:00:00+00:00",
                "articles": [
                    (f"src{(i + k) % 23}", f"{city}重点项目签约报道之{k + 1}", 17, 8 + k) for k in range(1 + i % 3)
                ],
            }
        )
    return out
