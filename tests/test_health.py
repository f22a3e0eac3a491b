"""Source health: a source that breaks is reported once to operator channels, and once when it recovers."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import db as store
from alerts.notices import send_notices
from config import Channel, Config, Source, Storage, Watch
from demo.serve import serve_sites
from operations.health import evaluate, judge
from tests.support.receivers import WEBHOOK_SECRET, HttpReceivers

ROOT = Path(__file__).resolve().parent.parent

NOW = datetime.now(UTC).replace(microsecond=0)


def make_config(tmp_path: Path, hook: str | None = None, **source_options: Any) -> Config:
    channels = []
    if hook:
        channels = [
            Channel(name="ops", kind="webhook", url=hook, secret=WEBHOOK_SECRET, operator=True),
            Channel(name="team", kind="webhook", url=hook, secret=WEBHOOK_SECRET),
        ]
    return Config(
        path=tmp_path / "config.toml",
        storage=Storage(database=tmp_path / "newswatch.db"),
        sources=(Source(name="portal", url="http://127.0.0.1:9/news/", **source_options),),
        watches=(Watch(name="biomed", keywords=("生物医药",)),),
        channels=tuple(channels),
    )


class History:
    """Records runs of one source through the database functions the crawler uses."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.db = store.open_db(config.database)
        store.sync_sources(self.db, [{"name": "portal", "url": config.sources[0].url, "kind": "list"}])
        self.article = 0

    def run(
        self,
        *,
        links: int = 10,
        new: int = 0,
        dated: int | None = None,
        failures: int = 0,
        error: str | None = None,
        pages: int | None = None,
        published: list[datetime] | None = None,
        now: datetime = NOW,
    ) -> list[Any]:
        run_id = store.start_run(self.db, "crawl")
        rows = []
        for when in published or []:
            self.article += 1
            rows.append(
                {
                    "url": f"http://127.0.0.1:9/news/t{self.article}.html",
                    "source": "portal",
                    "title": f"第{self.article}条",
                    "published_at": when.isoformat(),
                    "lang": "zh-hans",
                    "body": "正文",
                    "fetched_at": store.now(),
                    "content_hash": str(self.article),
                }
            )
        store.save_articles(self.db, rows)
        figures = {
            "pages": (0 if error and not links else 1 + new) if pages is None else pages,
            "links": links,
            "new_articles": new,
            "failures": failures,
            "dated": new if dated is None else dated,
            "with_body": new,
            "seconds": 1.0,
        }
        store.record_source_run(self.db, run_id, "portal", figures, error)
        store.finish_run(self.db, run_id, "ok")
        return evaluate(self.db, self.config, self.config.sources, run_id, now=now)

    def notices(self) -> list[dict[str, Any]]:
        return list(reversed(store.notices(self.db)))


def test_failing_runs_in_a_row_turn_the_source_unhealthy_once(tmp_path: Path) -> None:
    history = History(make_config(tmp_path, max_failures=2))
    assert history.run(links=8) == []
    assert history.run(links=0, error="HTTP 503 Service Unavailable") == []
    changed = history.run(links=0, error="HTTP 503 Service Unavailable")
    assert [(t.source, t.healthy) for t in changed] == [("portal", False)]
    assert "failed 2 runs in a row" in (changed[0].reason or "") and "503" in (changed[0].reason or "")
    assert history.run(links=0, error="timeout") == []  # still unhealthy: no second notice
    recovered = history.run(links=8)
    assert [(t.healthy, t.reason) for t in recovered] == [(True, "failed 3 runs in a row (last error: timeout)")]
    assert [n["state"] for n in history.notices()] == ["unhealthy", "recovered"]
    row = store.source_health(history.db, "portal")
    assert row is not None and row["healthy"] == 1 and row["health_reason"] is None


def test_no_article_links_after_having_some_is_unhealthy(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    history.run(links=12)
    history.run(links=11)
    # The crawler counts a list page without links as a failed source run; one is enough here.
    changed = history.run(links=0, pages=1, error="no article links found on http://127.0.0.1:9/news/")
    assert len(changed) == 1 and not changed[0].healthy
    assert "no article links found (earlier runs found up to 12)" in (changed[0].reason or "")
    assert history.run(links=0, pages=1, error="no article links found") == []
    assert [t.healthy for t in history.run(links=9)] == [True]


def test_an_outage_is_not_mistaken_for_a_layout_change(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    history.run(links=12)
    assert history.run(links=0, pages=0, error="start page failed: HTTP 503") == []


def test_a_source_that_never_had_links_is_not_called_broken(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    assert history.run(links=0) == [] and history.run(links=0) == []


def test_articles_that_stop_carrying_dates_are_extraction_drift(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    for _ in range(3):
        history.run(new=3)
    changed = history.run(new=4, dated=0)
    assert len(changed) == 1
    assert "extraction drift: 0% of the latest 4 articles have publish dates, against 100% before" in (
        changed[0].reason or ""
    )
    assert [t.healthy for t in history.run(new=3)] == [True]


def test_article_pages_that_stop_yielding_text_are_extraction_drift(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    for _ in range(2):
        history.run(new=4, failures=1)
    changed = history.run(new=0, failures=3)
    assert len(changed) == 1
    assert "extraction drift: 0% of the latest 3 article pages yielded article text, against 80% before" in (
        changed[0].reason or ""
    )


def test_a_source_silent_far_longer_than_its_rhythm_is_stale(tmp_path: Path) -> None:
    history = History(make_config(tmp_path, stale_factor=4.0))
    daily = [NOW - timedelta(days=i) for i in range(8)]
    assert history.run(new=8, published=daily) == []
    ten_days_later = NOW + timedelta(days=10)
    changed = history.run(new=0, now=ten_days_later)
    assert len(changed) == 1 and "nothing published for 10.0 days (usually every 24.0 hours)" in (
        changed[0].reason or ""
    )
    recovered = history.run(new=1, published=[ten_days_later - timedelta(hours=3)], now=ten_days_later)
    assert [t.healthy for t in recovered] == [True]


def test_an_old_archive_found_on_the_first_crawl_is_not_stale(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    a_year_ago_daily = [NOW - timedelta(days=365 + i) for i in range(8)]
    assert history.run(new=8, published=a_year_ago_daily) == []


def test_a_quiet_night_is_not_stale(tmp_path: Path) -> None:
    history = History(make_config(tmp_path))
    hourly = [NOW - timedelta(hours=i) for i in range(10)]
    assert history.run(new=10, published=hourly) == []
    nine_hours_later = NOW + timedelta(hours=9)
    assert history.run(new=0, now=nine_hours_later) == []
    assert judge(history.db, history.config.sources[0], nine_hours_later).healthy
    assert not judge(history.db, history.config.sources[0], NOW + timedelta(hours=25)).healthy


def test_notices_go_once_to_operator_channels_and_wait_while_one_is_down(tmp_path: Path) -> None:
    with HttpReceivers() as receivers:
        config = make_config(tmp_path, hook=receivers.webhook_url, max_failures=1)
        history = History(config)
        history.run(links=5)
        receivers["webhook"].down = True
        history.run(links=0, error="HTTP 404 Not Found")
        assert send_notices(history.db, config) == {}
        assert [n["pending"] for n in history.notices()] == [1]
        receivers["webhook"].down = False
        history.run(links=5)
        assert send_notices(history.db, config) == {"ops": 2}
        assert send_notices(history.db, config) == {}
        accepted = receivers["webhook"].accepted
        assert len(accepted) == 1  # the team channel is not an operator channel
        payload = accepted[0].json
        assert payload["type"] == "source_health"
        assert [(n["source"], n["state"]) for n in payload["notices"]] == [
            ("portal", "unhealthy"),
            ("portal", "recovered"),
        ]
        assert "HTTP 404" in payload["notices"][0]["reason"]
        assert "newswatch sources test portal" in payload["notices"][0]["text"]


@pytest.mark.parametrize("kind,url", [("dingtalk", "dingtalk_url"), ("wecom", "wecom_url"), ("feishu", "feishu_url")])
def test_notices_reach_group_robots_in_their_format(tmp_path: Path, kind: str, url: str) -> None:
    from tests.support.receivers import DINGTALK_SECRET, FEISHU_SECRET

    with HttpReceivers() as receivers:
        secret = {"dingtalk": DINGTALK_SECRET, "feishu": FEISHU_SECRET}.get(kind)
        config = make_config(tmp_path, max_failures=1)
        config = dataclasses.replace(
            config,
            channels=(Channel(name="robot", kind=kind, url=getattr(receivers, url), secret=secret, operator=True),),
        )
        history = History(config)
        history.run(links=5)
        history.run(links=0, error="HTTP 500")
        assert send_notices(history.db, config) == {"robot": 1}
        assert len(receivers[kind].accepted) == 1
        assert "portal" in receivers[kind].accepted[0].body.decode("utf-8")


def crawl(config: Path, status: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(config), "crawl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == status, done.stderr
    return done


def newswatch_json(config: Path, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(config), *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_a_site_that_changes_its_layout_gives_one_notice_and_one_recovery(tmp_path: Path) -> None:
    with serve_sites(["hpgov"], slow_seconds=0.2) as sites, HttpReceivers() as receivers:
        site = sites["hpgov"]
        config = tmp_path / "config.toml"
        config.write_text(
            f"""
[crawl]
download_delay = 0
timeout = 10
retries = 0
workers = 1

[[sources]]
name = "hp-gov-news"
url = "{site.url}/xwzx/qndt/"
kind = "list"

[[watches]]
name = "biomed"
keywords = ["生物医药"]

[[channels]]
name = "ops"
kind = "webhook"
url = "{receivers.webhook_url}"
secret = "{WEBHOOK_SECRET}"
operator = true
""",
            encoding="utf-8",
        )
        notices = receivers["webhook"].accepted
        crawl(config)
        assert notices == []

        site.set_variant("maintenance")  # the column is being redesigned: the list shows no articles
        crawl(config, status=1)  # its only source failed
        assert len(notices) == 1
        sent = notices[0].json["notices"]
        assert [(n["source"], n["state"]) for n in sent] == [("hp-gov-news", "unhealthy")]
        assert "no article links found" in sent[0]["reason"]
        unhealthy = newswatch_json(config, "status")["unhealthy"]
        assert [s["name"] for s in unhealthy] == ["hp-gov-news"]

        crawl(config, status=1)  # still broken: nothing new to say
        assert len(notices) == 1

        site.set_variant(None)
        crawl(config)
        assert len(notices) == 2
        assert [(n["source"], n["state"]) for n in notices[1].json["notices"]] == [("hp-gov-news", "recovered")]
        assert newswatch_json(config, "status")["unhealthy"] == []
        listed = newswatch_json(config, "sources", "list")
        assert [(s["name"], s["healthy"]) for s in listed] == [("hp-gov-news", True)]
