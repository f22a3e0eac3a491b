"""The outbox: each event reaches each channel once, failures retry with back-off, crashes lose nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

import alerts
import db as store
from tests.support.cli import newswatch
from tests.support.eventdata import NOW, SAMPLE, add_events, many_events, write_config
from tests.support.receivers import WEBHOOK_SECRET, HttpReceivers, SmtpReceiver
from tests.support.waiting import PATIENCE

ROOT = Path(__file__).resolve().parent.parent


def _channels(http: HttpReceivers, smtp: SmtpReceiver) -> str:
    return f"""
[[channels]]
name = "hook"
kind = "webhook"
url = "{http.webhook_url}"
secret = "${{WEBHOOK_SECRET}}"

[[channels]]
name = "mail"
kind = "email"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
security = "none"
from = "alerts@newswatch.example"
to = ["team@example.com"]

[[channels]]
name = "robot"
kind = "wecom"
url = "{http.wecom_url}"
"""


def _hook_event_ids(http: HttpReceivers) -> Counter[str]:
    return Counter(e["id"] for r in http["webhook"].accepted for e in r.json["events"])


def test_a_channel_down_for_two_runs_gets_everything_once_when_back(tmp_path: Path) -> None:
    with HttpReceivers() as http, SmtpReceiver() as smtp:
        config = write_config(tmp_path, _channels(http, smtp), {"WEBHOOK_SECRET": WEBHOOK_SECRET})
        db = store.open_db(config.database)
        http["webhook"].down = True
        batches = [add_events(db, SAMPLE[:3]), [], []]

        first = alerts.send_digests(db, config, now=NOW)
        assert [(r.channel, r.status) for r in first] == [("hook", "failed"), ("mail", "sent"), ("robot", "sent")]
        assert "HTTP 503" in (first[0].error or "") and first[0].pending == 3

        batches[1] = add_events(db, SAMPLE[3:5])
        second = alerts.send_digests(db, config, now=NOW + timedelta(hours=1))
        assert [r.status for r in second] == ["failed", "sent", "sent"] and second[0].pending == 5
        attempts = {r["event_id"]: r["attempts"] for r in store.pending_deliveries(db, "hook")}
        assert attempts == {**{i: 2 for i in batches[0]}, **{i: 1 for i in batches[1]}}

        http["webhook"].down = False
        batches[2] = add_events(db, SAMPLE[5:])
        third = alerts.send_digests(db, config, now=NOW + timedelta(hours=2))
        assert [(r.status, r.events, r.messages) for r in third] == [("sent", 6, 1), ("sent", 1, 1), ("sent", 1, 1)]
        assert len(http["webhook"].accepted) == 1  # everything pending in one digest
        assert _hook_event_ids(http) == Counter({e["id"]: 1 for e in SAMPLE})

        assert [r.status for r in alerts.send_digests(db, config, now=NOW + timedelta(hours=3))] == ["empty"] * 3
        assert len(http["webhook"].accepted) == 1 and len(smtp.mails) == 3
        mailed = Counter(e["id"] for m in smtp.mails for e in SAMPLE if alerts.render.clean(e["title"]) in m.text)
        robot = Counter(
            e["id"]
            for r in http["wecom"].accepted
            for e in SAMPLE
            if alerts.render.chat_escape(e["title"]) in r.json["markdown"]["content"]
        )
        assert mailed == robot == Counter({e["id"]: 1 for e in SAMPLE})
        assert not store.pending_deliveries(db, "hook")


def test_failures_back_off_and_new_events_do_not_wait(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        config = write_config(
            tmp_path,
            f'[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\nsecret = "${{S}}"\n',
            {"S": WEBHOOK_SECRET},
        )
        db = store.open_db(config.database)
        add_events(db, SAMPLE[:2])
        http["webhook"].down = True
        [failed] = alerts.send_digests(db, config, now=NOW)
        assert failed.status == "failed" and failed.next_attempt_at == "2025-11-18T00:35:00+00:00"
        [waiting] = alerts.send_digests(db, config, now=NOW + timedelta(minutes=2))
        assert waiting.status == "waiting" and len(http["webhook"].requests) == 1
        [again] = alerts.send_digests(db, config, now=NOW + timedelta(minutes=6))
        assert again.status == "failed" and again.next_attempt_at == "2025-11-18T00:51:00+00:00"  # 15 min
        add_events(db, SAMPLE[2:3])  # a new event is tried at once, with everything still pending
        http["webhook"].down = False
        [sent] = alerts.send_digests(db, config, now=NOW + timedelta(minutes=7))
        assert (sent.status, sent.events) == ("sent", 3)
        assert _hook_event_ids(http) == Counter({e["id"]: 1 for e in SAMPLE[:3]})


def test_an_unset_variable_starts_no_back_off_and_setting_it_sends_at_once(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        channels = f'[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\nsecret = "${{S}}"\n'
        unset = write_config(tmp_path, channels, {})
        db = store.open_db(unset.database)
        add_events(db, SAMPLE[:2])
        for minutes in (0, 1):  # our configuration, not the service: tried (and refused) every time
            [refused] = alerts.send_digests(db, unset, now=NOW + timedelta(minutes=minutes))
            assert refused.status == "failed" and "S not set" in (refused.error or "")
            assert refused.next_attempt_at is None and not http["webhook"].requests
        assert {r["next_attempt_at"] for r in store.pending_deliveries(db, "hook")} == {None}

        fixed = write_config(tmp_path, channels, {"S": WEBHOOK_SECRET})
        [sent] = alerts.send_digests(db, fixed, now=NOW + timedelta(minutes=2))
        assert (sent.status, sent.events) == ("sent", 2)
        assert WEBHOOK_SECRET not in str(store.pending_deliveries(db, "hook"))


def test_a_changed_channel_is_tried_at_once_despite_its_back_off(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        down = http.webhook_url.replace("/hooks/", "/moved/")  # a wrong path: HTTP 404
        table = '[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{url}"\nsecret = "${{S}}"\n'
        wrong = write_config(tmp_path, table.format(url=down), {"S": WEBHOOK_SECRET})
        db = store.open_db(wrong.database)
        add_events(db, SAMPLE[:2])
        [failed] = alerts.send_digests(db, wrong, now=NOW)
        assert failed.status == "failed" and failed.next_attempt_at == "2025-11-18T00:35:00+00:00"
        [waiting] = alerts.send_digests(db, wrong, now=NOW + timedelta(minutes=1))
        assert waiting.status == "waiting"  # the same configuration keeps its back-off

        right = write_config(tmp_path, table.format(url=http.webhook_url), {"S": WEBHOOK_SECRET})
        [sent] = alerts.send_digests(db, right, now=NOW + timedelta(minutes=2))
        assert (sent.status, sent.events) == ("sent", 2)
        assert _hook_event_ids(http) == Counter({e["id"]: 1 for e in SAMPLE[:2]})


def test_digest_after_exporting_the_variable_sends_at_once(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        channels = f'[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\nsecret = "${{S17}}"\n'
        config = write_config(tmp_path, channels, {})
        db = store.open_db(config.database)
        alerts.enqueue(db, config, add_events(db, SAMPLE[:2]))  # events of 2025: older than a new channel's week
        db.close()
        refused = newswatch(config.path, "digest")
        assert refused.returncode == 1 and "S17" in refused.stdout + refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
        sent = newswatch(config.path, "digest", env={"S17": WEBHOOK_SECRET})
        assert sent.returncode == 0, sent.stderr
        assert "hook (webhook): sent, 2 events" in sent.stdout + sent.stderr
        assert WEBHOOK_SECRET not in sent.stdout + sent.stderr


CRASHING_RUN = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    import alerts, config, db
    from datetime import datetime
    cfg = config.load({path!r}, environ={{"WEBHOOK_SECRET": {secret!r}}})
    alerts.send_digests(db.open_db(cfg.database), cfg, now=datetime.fromisoformat({now!r}))
""")


@pytest.mark.slow
def test_a_crash_between_sending_and_recording_loses_nothing_and_the_replay_is_dropped(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        config = write_config(
            tmp_path,
            f'[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\n'
            'secret = "${WEBHOOK_SECRET}"\n',
            {"WEBHOOK_SECRET": WEBHOOK_SECRET},
        )
        db = store.open_db(config.database)
        ids = add_events(db, SAMPLE)
        http.hold.set()  # the receiver takes the message, then never answers: we die before recording
        code = CRASHING_RUN.format(root=str(ROOT), path=str(config.path), secret=WEBHOOK_SECRET, now=NOW.isoformat())
        child = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path)
        try:
            assert http.held.wait(PATIENCE), "the digest never reached the receiver"
            os.kill(child.pid, signal.SIGKILL)
            child.wait(30)
        finally:
            http.hold.clear()
            if child.poll() is None:
                child.kill()
        rows = store.pending_deliveries(db, "hook")
        assert {r["status"] for r in rows} == {"sending"} and len(rows) == len(ids)
        [batch] = {r["batch"] for r in rows}

        [report] = alerts.send_digests(db, config, now=NOW + timedelta(minutes=1))
        assert (report.status, report.events) == ("sent", len(ids))
        posts = http["webhook"].requests
        assert len(posts) == 2 and {p.headers["idempotency-key"] for p in posts} == {batch}
        assert http.seen_keys[batch] == 2 and len(http["webhook"].accepted) == 1  # the replay was dropped
        assert _hook_event_ids(http) == Counter({i: 1 for i in ids})
        assert posts[1].json["events"] == posts[0].json["events"]  # the same message, event for event
        assert not store.pending_deliveries(db, "hook")
        assert {r["attempts"] for r in db.query("select attempts from deliveries")} == {2}
        assert store.integrity_ok(db)


def test_an_empty_digest_is_sent_only_as_a_heartbeat(tmp_path: Path) -> None:
    with HttpReceivers(webhook_secret=None) as http:
        config = write_config(
            tmp_path,
            f"""
[[channels]]
name = "quiet"
kind = "webhook"
url = "{http.webhook_url}"

[[channels]]
name = "heartbeat"
kind = "webhook"
url = "{http.webhook_url}"
send_empty = true
""",
        )
        db = store.open_db(config.database)
        quiet, heartbeat = alerts.send_digests(db, config, now=NOW)
        assert quiet.status == "empty" and heartbeat.status == "sent" and heartbeat.events == 0
        [message] = http["webhook"].accepted
        assert message.json["events"] == [] and message.json["watches"][0]["events"] == 0


def test_dry_run_shows_the_digest_and_changes_nothing(tmp_path: Path) -> None:
    with HttpReceivers(webhook_secret=None) as http:
        config = write_config(tmp_path, f'[[channels]]\nname = "hook"\nkind = "webhook"\nurl = "{http.webhook_url}"\n')
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        before = list(db.conn.iterdump())
        [report] = alerts.send_digests(db, config, dry_run=True, fmt="markdown", now=NOW)
        assert report.status == "dry-run" and report.events == 6 and report.messages == 1
        assert "## 生物医药产业集群（5）" in (report.preview or "")
        assert list(db.conn.iterdump()) == before and not http["webhook"].requests


def test_enqueue_routes_events_by_watch_and_a_new_channel_starts_a_week_back(tmp_path: Path) -> None:
    with HttpReceivers(webhook_secret=None) as http:
        channels = f"""
[[channels]]
name = "biomed"
kind = "webhook"
url = "{http.webhook_url}"
watches = ["biomed-cluster"]

[[channels]]
name = "off"
kind = "webhook"
url = "{http.webhook_url}"
enabled = false
"""
        config = write_config(tmp_path, channels)
        db = store.open_db(config.database)
        old = many_events(2, "old")
        for event in old:
            event["first_seen"] = "2025-11-01T00:00:00+00:00"
            event["watch"] = "biomed-cluster"
        add_events(db, old)
        ids = add_events(db, SAMPLE)
        assert alerts.enqueue(db, config, ids) == 5  # the med-devices event is not the channel's
        assert alerts.enqueue(db, config, ids) == 0
        [report, off] = alerts.send_digests(db, config, now=NOW)
        assert (report.status, report.events, off.status) == ("sent", 5, "disabled")
        sent = {e["id"] for e in http["webhook"].accepted[0].json["events"]}
        assert sent == {e["id"] for e in SAMPLE if e["watch"] == "biomed-cluster"}  # not the old ones


def test_a_hanging_channel_times_out_and_never_holds_up_the_others(tmp_path: Path) -> None:
    with HttpReceivers() as http, SmtpReceiver() as smtp:
        channels = _channels(http, smtp).replace(
            'secret = "${WEBHOOK_SECRET}"', 'secret = "${WEBHOOK_SECRET}"\ntimeout = 1'
        )
        config = write_config(tmp_path, channels, {"WEBHOOK_SECRET": WEBHOOK_SECRET})
        db = store.open_db(config.database)
        add_events(db, SAMPLE)
        http.hold.set()  # the webhook takes the request and never answers
        hook, mail, robot = alerts.send_digests(db, config, now=NOW)
        assert hook.status == "failed" and hook.error == f"127.0.0.1:{http.port} did not answer within 1 s"
        assert (mail.status, robot.status) == ("sent", "sent") and len(smtp.mails) == 1
        assert {r["status"] for r in store.pending_deliveries(db, "hook")} == {"failed"}
