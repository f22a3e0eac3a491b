"""What a digest says and how each format shows it: grouping, order, header, footer, hostile titles, layout."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt

import alerts
import db as store
from alerts import digest as digest_module
from alerts import render
from alerts.channels.dingtalk import DingTalk
from alerts.channels.feishu import Feishu
from alerts.channels.wecom import WeCom
from config import Channel, Config
from tests.support.eventdata import (
    HOSTILE_SUMMARY,
    HOSTILE_TITLE,
    NOW,
    SAMPLE,
    add_events,
    many_events,
    write_config,
)

OPERATOR = """
[[channels]]
name = "ops"
kind = "webhook"
url = "http://127.0.0.1:9/hook"
operator = true

[[channels]]
name = "team"
kind = "webhook"
url = "http://127.0.0.1:9/hook"
watches = ["biomed-cluster"]
"""
SOURCES = """
[[sources]]
name = "hp-gov-news"
url = "https://www.hp.gov.cn/xwzx/qndt/"

[[sources]]
name = "foshan-gov-news"
url = "https://www.foshan.gov.cn/zwgk/zwdt/"
"""


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[store.Database, Config]:
    config = write_config(tmp_path, OPERATOR, sources=SOURCES)
    db = store.open_db(config.database)
    add_events(db, SAMPLE)
    return db, config


def test_events_are_grouped_by_watch_then_type_most_relevant_first(setup: tuple[store.Database, Config]) -> None:
    db, config = setup
    d = alerts.build_digest(db, config, now=NOW)
    layout = [(s.title, [(g.type, [e["id"] for e in g.events]) for g in s.groups]) for s in d.sections]
    assert layout == [
        (
            "生物医药产业集群",
            [
                ("signing", ["ev-hp-signing"]),
                ("fund", ["ev-sh-fund"]),
                ("park", ["ev-sz-park"]),
                ("policy", ["ev-fs-policy"]),
                ("other", ["ev-hostile"]),
            ],
        ),
        ("医疗器械", [("approval", ["ev-boao-approval"])]),
    ]
    assert [d.numbers[e["id"]] for e in d.events] == [1, 2, 3, 4, 5, 6]
    text = alerts.render_text(d)
    order = ["签约落户 Signing", "产业基金 Fund", "其他动态 Other", "══ 医疗器械"]
    assert [text.index(heading) for heading in order] == sorted(text.index(heading) for heading in order)
    assert "6 个新事件 · 9 篇报道 · 9 家媒体 · 2025-11-17 20:00 — 2025-11-18 08:30" in text
    assert "地点：广州、黄埔区、生物岛" in text and "金额：120亿元" in text and "2 家媒体报道" in text
    assert "· 百亿级生物医药项目落户黄埔 — gz-daily" in text


def test_relevance_orders_events_within_a_type(tmp_path: Path) -> None:
    config = write_config(tmp_path, "")
    db = store.open_db(config.database)
    events = many_events(16)
    for event in events:
        event["type"] = "fund"
        event["watch"] = "biomed-cluster"
    add_events(db, events)
    d = alerts.build_digest(db, config, now=NOW)
    scores = [e["relevance"] for e in sorted(events, key=lambda e: -e["relevance"])]
    shown = {e["id"]: e["relevance"] for e in events}
    assert [shown[e["id"]] for e in d.events] == scores


def test_subject_header_and_operator_footer(setup: tuple[store.Database, Config]) -> None:
    db, config = setup
    store.sync_sources(db, [{"name": s.name, "url": s.url, "kind": s.kind} for s in config.sources])
    run_id = store.start_run(db, "run")
    store.record_source_run(db, run_id, "hp-gov-news", {"pages": 40, "new_articles": 7, "failures": 1}, None)
    store.record_source_run(
        db, run_id, "foshan-gov-news", {"pages": 2, "new_articles": 0, "failures": 2}, "HTTP 503 from www.foshan.gov.cn"
    )
    team = store.events(db, watch="biomed-cluster")
    d_team = alerts.build_digest(db, config, now=NOW, run_id=run_id)
    assert d_team.subject == "【newswatch】生物医药产业集群、医疗器械 · 6 个新事件 · 2025-11-18"
    team_digest = digest_module.build(
        db, config, [e["id"] for e in team], channel=config.channel("team"), now=NOW, run_id=run_id
    )
    ops_digest = digest_module.build(
        db, config, [e["id"] for e in store.events(db)], channel=config.channel("ops"), now=NOW, run_id=run_id
    )
    assert team_digest.subject == "【newswatch】生物医药产业集群 · 5 个新事件 · 2025-11-18"
    for fmt in ("text", "markdown", "html"):
        ops, team_text = alerts.format_digest(ops_digest, fmt), alerts.format_digest(team_digest, fmt)
        assert "本次运行 #1：2 个来源 · 抓取 42 页 · 新文章 7 篇 · 失败 3" in ops.replace("\\", "")
        assert "foshan-gov-news：连续失败 1 次" in ops and "foshan-gov-news" not in team_text, fmt
    assert json.loads(alerts.format_digest(ops_digest, "json"))["failing_sources"][0]["name"] == "foshan-gov-news"
    empty = digest_module.build(db, config, [], channel=config.channel("team"), now=NOW)
    assert empty.subject == "【newswatch】生物医药产业集群 · 无新事件 · 2025-11-18"
    assert "没有新事件" in alerts.render_text(empty) and "本期没有新事件" in alerts.render_html(empty)


def _markdown_html(text: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<div>" + MarkdownIt("commonmark").render(text) + "</div>")


def _assert_inert(tree: lxml.html.HtmlElement, where: str) -> None:
    """No element from the hostile text; the only links are the article's own URL."""
    assert not tree.xpath("//script|//img|//b|//strong[contains(., '通知')]"), where
    hrefs = set(tree.xpath("//a/@href"))
    assert hrefs == {"https://www.evil.example.cn/xwzx/2025-11/17/content_875874.html"}, (where, hrefs)


def test_html_and_markdown_in_titles_render_as_text_in_every_format(setup: tuple[store.Database, Config]) -> None:
    db, config = setup
    d = alerts.build_digest(db, config, now=NOW)
    hostile = [e for e in d.events if e["id"] == "ev-hostile"]
    d = d.only([e["id"] for e in hostile])

    text = alerts.render_text(d)
    assert "<script>document.body.dataset.pwned='1'</script>关于[领取补贴](http://evil.example/x)的**通知**" in text

    markdown = alerts.format_digest(d, "markdown")
    tree = _markdown_html(markdown)
    _assert_inert(tree, "markdown")
    visible = tree.text_content()
    assert render.clean(HOSTILE_TITLE) in visible and render.clean(HOSTILE_SUMMARY) in visible

    html = alerts.render_html(d)
    page = lxml.html.fromstring(html)
    _assert_inert(page, "html")
    assert render.clean(HOSTILE_TITLE) in page.text_content()

    payload = json.loads(alerts.format_digest(d, "json"))
    assert payload["events"][0]["title"] == HOSTILE_TITLE  # JSON carries the data as a string, untouched

    for sender in (DingTalk, WeCom, Feishu):
        body = sender(Channel(name="robot", kind=sender.__name__.lower(), url="http://127.0.0.1:9/")).body(d)
        content = (
            body["card"]["elements"][0]["content"]
            if "card" in body
            else body["markdown"].get("text") or body["markdown"]["content"]
        )
        _assert_inert(_markdown_html(content), sender.__name__)
        assert "<" not in content and "](http://evil" not in content and "[领取补贴]" not in content
        assert "＜script＞document.body.dataset.pwned='1'＜/script＞关于［领取补贴］(http://evil.example/x)" in content


def test_control_and_bidi_characters_are_dropped() -> None:
    assert render.clean("签约\x1b[31m仪式\u202e反转\r\n第二行\x00") == "签约 [31m仪式 反转 第二行"
    assert render.md_escape("a*b_[c](d)<e>#!|~&`\\") == "a\\*b\\_\\[c\\]\\(d\\)\\<e\\>\\#\\!\\|\\~\\&\\`\\\\"
    assert render.safe_url("javascript:alert(1)") is None
    assert render.safe_url("https://x.cn/a b)(c") == "https://x.cn/a%20b%29%28c"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Headless Chromium will not make a window narrower than 500 px, so the digest is laid out in an
# iframe of the width under test; the page records the iframe's scroll width and viewport.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:900px;border:0" srcdoc="{html}"></iframe>
<script>window.onload = function () {{
  var f = document.getElementById('f'), d = f.contentDocument;
  document.body.setAttribute('data-probe', d.documentElement.scrollWidth + ' ' + f.contentWindow.innerWidth +
                             ' ' + (d.body.dataset.pwned || 'clean'));
}};</script></body></html>"""


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("width", [375, 1280])
def test_html_digest_has_no_horizontal_overflow(
    setup: tuple[store.Database, Config], tmp_path: Path, width: int
) -> None:
    db, config = setup
    long_event = many_events(1, "long")[0]
    long_event["title"] = "超长标题" * 30 + "https://www.example.cn/" + "x" * 180
    long_event["summary"] = "ABCDEFGHIJ" * 40
    add_events(db, [long_event])
    html = alerts.render_html(alerts.build_digest(db, config, now=NOW))
    page = tmp_path / "frame.html"
    page.write_text(FRAME.format(width=width, html=escape(html, quote=True)), encoding="utf-8")
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width + 100},1000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    probe = re.search(r'data-probe="(\d+) (\d+) (\w+)"', result.stdout)
    assert probe, result.stderr[-2000:]
    scroll_width, viewport, pwned = int(probe.group(1)), int(probe.group(2)), probe.group(3)
    assert viewport == width and scroll_width <= viewport
    assert pwned == "clean"  # the hostile title's script never ran


def test_long_chat_digests_list_one_line_per_event(tmp_path: Path) -> None:
    config = write_config(tmp_path, "")
    db = store.open_db(config.database)
    add_events(db, many_events(40))
    d = alerts.build_digest(db, config, now=NOW)
    compact = render.render_markdown(dataclasses.replace(d, compact=True), render.WECOM)
    full = render.render_markdown(d, render.WECOM)
    assert len(re.findall(r"^\d+\. \[", compact, re.M)) == 40 and "> " not in compact
    assert len(re.findall(r"^\*\*\d+\.\*\* \[", full, re.M)) == 40 and len(full) > 2 * len(compact)
