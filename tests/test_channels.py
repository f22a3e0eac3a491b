"""Channels against real receivers on 127.0.0.1: SMTP, a signed webhook, DingTalk, WeCom, Feishu, apprise."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from pathlib import Path

import pytest

import alerts
import db as store
from tests.support.eventdata import NOW, SAMPLE, add_events, many_events, write_config
from tests.support.receivers import (
    DINGTALK_SECRET,
    FEISHU_SECRET,
    WEBHOOK_SECRET,
    HttpReceivers,
    SmtpReceiver,
)

BIOMED = [e for e in SAMPLE if e["watch"] == "biomed-cluster"]
pytestmark = [
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
    pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning"),
]


def channels_toml(http: HttpReceivers, smtp_port: int = 1, extra: str = "") -> str:
    return f"""
[[channels]]
name = "team-mail"
kind = "email"
watches = ["biomed-cluster"]
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
security = "none"
from = "newswatch <alerts@newswatch.example>"
to = ["team@example.com", "lead@example.com"]

[[channels]]
name = "ops-hook"
kind = "webhook"
url = "{http.webhook_url}"
secret = "${{WEBHOOK_SECRET}}"
operator = true

[[channels]]
name = "biomed-dingtalk"
kind = "dingtalk"
watches = ["biomed-cluster"]
url = "{http.dingtalk_url}"
secret = "${{DT_SECRET}}"
{extra}
"""


ENV = {"WEBHOOK_SECRET": WEBHOOK_SECRET, "DT_SECRET": DINGTALK_SECRET, "FS_SECRET": FEISHU_SECRET}


def test_a_digest_reaches_email_webhook_and_dingtalk(tmp_path: Path) -> None:
    with HttpReceivers() as http, SmtpReceiver() as smtp:
        config = write_config(tmp_path, channels_toml(http, smtp.port), ENV)
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        reports = alerts.send_digests(db, config, now=NOW)

        assert [(r.channel, r.status, r.events) for r in reports] == [
            ("team-mail", "sent", 5),
            ("ops-hook", "sent", 6),
            ("biomed-dingtalk", "sent", 5),
        ]

        assert smtp.refused == [] and len(smtp.mails) == 1
        mail = smtp.mails[0]
        assert mail.message["Subject"] == "【newswatch】生物医药产业集群 · 5 个新事件 · 2025-11-18"
        assert b"Subject: =?utf-8?" in mail.raw  # RFC 2047: readable by any client
        assert sorted(mail.recipients) == ["lead@example.com", "team@example.com"]
        for event in BIOMED:
            assert alerts.render.clean(event["title"]) in mail.text
        assert "黄埔区与12家生物医药企业集中签约" in mail.html and "<table" in mail.html
        assert "博鳌乐城" not in mail.text  # another watch's event

        [hook] = http["webhook"].accepted
        assert hook.headers["content-type"] == "application/json; charset=utf-8"
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), hook.body, hashlib.sha256).hexdigest()
        assert hook.headers["x-newswatch-signature"] == expected
        payload = hook.json
        assert set(payload) >= {"generated_at", "watches", "events"}
        shape = {e["id"]: e for e in store.events(db)}
        assert {e["id"]: e for e in payload["events"]} == shape
        assert payload["idempotency_key"] == hook.headers["idempotency-key"]
        assert payload["failing_sources"] == []  # an operator channel

        [ding] = http["dingtalk"].accepted
        body = ding.json
        assert body["msgtype"] == "markdown" and body["markdown"]["title"].startswith("【newswatch】生物医药产业集群")
        assert "黄埔区与12家生物医药企业集中签约" in body["markdown"]["text"]

        assert alerts.send_digests(db, config, now=NOW) and len(http["webhook"].requests) == 1  # nothing twice
        assert len(smtp.mails) == 1 and len(http["dingtalk"].requests) == 1


def test_wecom_feishu_and_apprise(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        extra = f"""
[[channels]]
name = "biomed-wecom"
kind = "wecom"
url = "{http.wecom_url}"

[[channels]]
name = "biomed-feishu"
kind = "feishu"
url = "{http.feishu_url}"
secret = "${{FS_SECRET}}"

[[channels]]
name = "slack-like"
kind = "apprise"
url = "{http.apprise_url}"
format = "markdown"
"""
        config = write_config(tmp_path, extra, ENV)
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        reports = alerts.send_digests(db, config, now=NOW)
        assert [(r.channel, r.status, r.messages) for r in reports] == [
            ("biomed-wecom", "sent", 1),
            ("biomed-feishu", "sent", 1),
            ("slack-like", "sent", 1),
        ]
        content = http["wecom"].accepted[0].json["markdown"]["content"]
        assert "博鳌乐城新增5款临床急需进口医疗器械获批使用" in content
        card = http["feishu"].accepted[0].json["card"]
        assert card["header"]["title"]["content"].startswith("【newswatch】")
        assert "上海设立生物医药产业母基金" in card["elements"][0]["content"]
        apprise_body = http["json"].accepted[0].json
        assert "【newswatch】" in apprise_body["title"] and "苏州生物医药产业园三期正式开园" in apprise_body["message"]


@pytest.mark.parametrize(
    "kind,url_attr,wrong,message",
    [
        ("dingtalk", "dingtalk_url", 'secret = "SECwrong"', "code 310000"),
        ("wecom", "wecom_url", None, "code 93000"),
        ("feishu", "feishu_url", 'secret = "wrong"', "code 19021"),
    ],
)
def test_robot_error_answers_keep_events_pending(
    tmp_path: Path, kind: str, url_attr: str, wrong: str | None, message: str
) -> None:
    with HttpReceivers() as http:
        url = getattr(http, url_attr)
        if wrong is None:
            url = url.replace("key=", "key=not-")
        config = write_config(
            tmp_path, f'[[channels]]\nname = "robot"\nkind = "{kind}"\nurl = "{url}"\n{wrong or ""}\n', ENV
        )
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        [report] = alerts.send_digests(db, config, now=NOW)
        assert report.status == "failed" and message in (report.error or "") and report.pending == 6
        assert http[kind].requests and not http[kind].accepted
        rows = store.pending_deliveries(db, "robot")
        assert len(rows) == 6 and {r["status"] for r in rows} == {"failed"}
        assert all(message in r["last_error"] and r["attempts"] == 1 for r in rows)


def test_a_300_event_digest_is_split_within_each_service_limit(tmp_path: Path) -> None:
    with HttpReceivers() as http, SmtpReceiver() as smtp:
        extra = f"""
[[channels]]
name = "mail"
kind = "email"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
security = "none"
from = "alerts@newswatch.example"
to = ["team@example.com"]
[[channels]]
name = "wecom"
kind = "wecom"
url = "{http.wecom_url}"

[[channels]]
name = "feishu"
kind = "feishu"
url = "{http.feishu_url}"
secret = "${{FS_SECRET}}"

[[channels]]
name = "dingtalk"
kind = "dingtalk"
url = "{http.dingtalk_url}"
secret = "${{DT_SECRET}}"
"""
        config = write_config(tmp_path, extra, ENV)
        db = store.open_db(config.database)
        ids = add_events(db, many_events(300))
        reports = alerts.send_digests(db, config, now=NOW)
        assert [(r.status, r.events) for r in reports] == [("sent", 300)] * 4
        [mail] = smtp.mails  # one line per event: a mail client shows all of it, unclipped
        assert len(re.findall(r"<a href=", mail.html)) == 300 and len(mail.html.encode()) < 160_000
        assert len(re.findall(r"^\d+\. ", mail.text, re.M)) == 300
        texts = {
            "wecom": [r.json["markdown"]["content"] for r in http["wecom"].accepted],
            "feishu": [r.json["card"]["elements"][0]["content"] for r in http["feishu"].accepted],
            "dingtalk": [r.json["markdown"]["text"] for r in http["dingtalk"].accepted],
        }
        limits = {
            "wecom": max(len(t.encode()) for t in texts["wecom"]),
            "feishu": max(len(r.body) for r in http["feishu"].accepted),
            "dingtalk": max(len(r.body) for r in http["dingtalk"].accepted),
        }
        assert limits["wecom"] <= 4096 and limits["feishu"] <= 20 * 1024 and limits["dingtalk"] <= 20_000
        for service, parts in texts.items():
            assert 1 < len(parts) < 20, service  # within the robots' 20 messages a minute
            numbers = [int(n) for part in parts for n in re.findall(r"^(\d+)\. ", part, re.M)]
            assert numbers == list(range(1, 301)), service  # every event once, in order
            titles = (
                [r.json["card"]["header"]["title"]["content"] for r in http["feishu"].accepted]
                if service == "feishu"
                else parts
            )
            for i, title in enumerate(titles, 1):
                assert f"({i}/{len(parts)})" in title
            assert "每个事件只推送一次" in parts[-1] and all("每个事件只推送一次" not in p for p in parts[:-1])
        assert {r["status"] for r in store.pending_deliveries(db, "wecom")} == set()
        assert len(ids) == 300


def test_smtp_login_starttls_refusal_and_text_only(tmp_path: Path) -> None:
    with SmtpReceiver(expect_html=False, login=("alerts", "pa55-word")) as smtp:
        channel = f"""
[[channels]]
name = "mail"
kind = "email"
format = "text"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
security = "none"
username = "alerts"
password = "${{SMTP_PASSWORD}}"
from = "alerts@newswatch.example"
to = ["team@example.com"]
"""
        wrong = write_config(tmp_path, channel, {"SMTP_PASSWORD": "not-the-password"})
        db = store.open_db(wrong.database)
        add_events(db, SAMPLE)
        [report] = alerts.send_digests(db, wrong, now=NOW)
        assert report.status == "failed" and "refused the SMTP login" in (report.error or "")
        assert "not-the-password" not in json.dumps(list(db.query("select * from deliveries")))

        right = write_config(tmp_path, channel, {"SMTP_PASSWORD": "pa55-word"})
        [report] = alerts.send_digests(db, right, now=NOW.replace(hour=3))
        assert report.status == "sent" and len(smtp.mails) == 1
        message = smtp.mails[0].message
        assert message.get_content_type() == "text/plain"
        assert "佛山出台促进生物医药产业高质量发展若干措施" in smtp.mails[0].text

        starttls = write_config(
            tmp_path, channel.replace('security = "none"', 'security = "starttls"'), {"SMTP_PASSWORD": "pa55-word"}
        )
        add_events(db, many_events(1, "late"))
        [report] = alerts.send_digests(db, starttls, now=NOW.replace(hour=4))
        assert report.status == "failed" and "STARTTLS" in (report.error or "").upper()


def test_secrets_never_reach_logs_errors_database_or_dry_run(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token, secret, password = "tok-3f9a7c21", "SECsecret-b5d0e8", "smtp-pw-6c1d"
    with HttpReceivers() as http:
        channels = f"""
[[channels]]
name = "robot"
kind = "dingtalk"
url = "http://127.0.0.1:{http.port}/robot/send?access_token=${{DT_TOKEN}}"
secret = "${{DT_SECRET}}"

[[channels]]
name = "mail"
kind = "email"
smtp_host = "127.0.0.1"
smtp_port = 1
security = "none"
username = "alerts"
password = "${{SMTP_PASSWORD}}"
from = "alerts@newswatch.example"
to = ["team@example.com"]

[[channels]]
name = "hook"
kind = "webhook"
url = "http://127.0.0.1:{http.port}/hooks/newswatch?token=${{DT_TOKEN}}"
secret = "${{DT_SECRET}}"
"""
        config = write_config(tmp_path, channels, {"DT_TOKEN": token, "DT_SECRET": secret, "SMTP_PASSWORD": password})
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        dry = alerts.send_digests(db, config, dry_run=True, now=NOW)
        reports = alerts.send_digests(db, config, now=NOW)
        assert [r.status for r in reports] == ["failed"] * 3  # wrong token, no SMTP server, bad signature
        shown = "\n".join(
            [*(r.preview or "" for r in dry), *(r.line() for r in reports + dry), caplog.text, *db.conn.iterdump()]
        )
        for value in (token, secret, password):
            assert value not in shown
        assert "token is not exist" in shown and "HTTP 401" in shown


def test_a_channel_with_unset_variables_fails_alone(tmp_path: Path) -> None:
    with HttpReceivers(webhook_secret=None) as http:
        channels = f"""
[[channels]]
name = "robot"
kind = "wecom"
url = "http://127.0.0.1:{http.port}/cgi-bin/webhook/send?key=${{WECOM_KEY}}"

[[channels]]
name = "hook"
kind = "webhook"
url = "{http.webhook_url}"
"""
        config = write_config(tmp_path, channels, {})
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        robot, hook = alerts.send_digests(db, config, now=NOW)
        assert robot.status == "failed" and robot.error == (
            "environment variable WECOM_KEY not set (channel robot cannot send)"
        )
        assert hook.status == "sent" and hook.events == 6 and not http["wecom"].requests
        assert len(store.pending_deliveries(db, "robot")) == 6
