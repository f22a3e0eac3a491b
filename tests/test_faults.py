"""Failing cleanly: a database that cannot serve, a signal, a hostile URL or an invalid config each
end in one line on stderr naming what is wrong and what to do, with the documented exit status —
4 storage, 130 Ctrl-C, 143 SIGTERM, 2 configuration — and no traceback. Nothing is changed on the
way out: the database and the config file hash the same before and after.

Every fault is real: a file of random bytes, a database with bytes overwritten in its middle, a
file or folder the process may not write (``chmod``, or ``chattr +i`` for root, whom permissions
do not stop), a database at SQLite's page limit, a lock held by another connection, and signals
sent to a real crawl of a slow local site.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import db as store
from errors import StorageError
from tests.support.cli import ROOT, newswatch
from tests.support.config import source, write_config
from tests.support.faults import (
    children,
    digest,
    exited,
    one_line,
    stored_articles,
    stored_articles_into,
    toml_string,
    unwritable,
)
from tests.support.receivers import WEBHOOK_SECRET, HttpReceivers
from tests.support.slowsite import SlowSite
from tests.support.slowsite import write_config as write_slow_config
from tests.support.waiting import wait_until

HOOK = {"name": "team-hook", "kind": "webhook", "url": "http://127.0.0.1:9/hook"}  # never reached
WATCH = {"name": "biomed", "keywords": ["生物医药"]}


def configured(folder: Path, database: str = "data/news.db") -> Path:
    """A config with one source (never fetched: every fault here ends the command before a crawl), a
    watch and a channel, so every command has what it needs up to opening the database."""
    return write_config(
        folder,
        database=database,
        sources=[source("hp-news", "http://127.0.0.1:9/news/", "list")],
        watches=[WATCH],
        channels=[HOOK],
    )


# ---------------------------------------------------------------- storage: exit status 4


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["events"],
        ["search", "生物医药"],
        ["status"],
        ["sources", "list"],
        ["sources", "retry", "hp-news"],
        ["feedback", "export"],
        ["run"],
        ["crawl", "--dry-run"],
        ["digest"],
    ],
    ids=" ".join,
)
def test_a_file_that_is_not_a_database_is_one_line_and_status_4(tmp_path: Path, command: list[str]) -> None:
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    database.parent.mkdir()
    database.write_bytes(os.urandom(64 * 1024))
    before = digest(database), digest(config)
    result = newswatch(config, *command)
    assert result.returncode == 4, result.stderr
    line = one_line(result)
    assert line.startswith(f"newswatch: error: {database}: not a SQLite database (file is not a database)")
    assert "no good backup beside it: move news.db aside" in line
    assert (digest(database), digest(config)) == before


def test_a_damaged_database_names_the_newest_good_copy(tmp_path: Path) -> None:
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    stored_articles(database, 400)
    made = newswatch(config, "backup")
    assert made.returncode == 0, made.stderr
    [copy] = [p for p in database.parent.iterdir() if p.name.startswith("news.db.") and "backup" in p.name]
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16 * 4096] = random.Random(17).randbytes(16 * 4096)  # sixteen pages in the middle
    database.write_bytes(bytes(data))
    before = digest(database), digest(config)
    for command in (["articles"], ["articles", "--source", "hp-news", "--json"]):
        result = newswatch(config, *command)
        assert result.returncode == 4, result.stderr
        line = one_line(result)
        assert line.startswith(f"newswatch: error: {database}: the database is damaged"), line
        assert f"restore the newest good copy: cp {copy} {database}" in line
    assert (digest(database), digest(config)) == before


def test_a_read_only_database_still_answers_and_refuses_to_write_in_one_line(tmp_path: Path) -> None:
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    stored_articles(database, 3)
    before = digest(database), digest(config)
    with unwritable(database):
        listed = newswatch(config, "articles")
        assert listed.returncode == 0, listed.stderr
        assert "3 articles" in listed.stdout
        for command in (["sources", "retry", "hp-news"], ["run"]):
            result = newswatch(config, *command)
            assert result.returncode == 4, result.stderr
            line = one_line(result)
            assert line.startswith(f"newswatch: error: {database}: the database cannot be written"), line
            assert f"check permissions of {database} and of its folder {database.parent}" in line
    assert (digest(database), digest(config)) == before


def test_a_read_only_folder_names_the_file_that_cannot_be_made(tmp_path: Path) -> None:
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    stored_articles(database, 3)
    before = digest(database), digest(config)
    with unwritable(database.parent):
        result = newswatch(config, "run")
        assert result.returncode == 4, result.stderr
        line = one_line(result)
        assert line.startswith(f"newswatch: error: {database}.lock: cannot be created or opened"), line
        assert f"check permissions of {database}.lock and of its folder {database.parent}" in line
    assert (digest(database), digest(config)) == before


def test_a_database_path_that_is_a_folder(tmp_path: Path) -> None:
    config = configured(tmp_path)
    (tmp_path / "data" / "news.db").mkdir(parents=True)
    for command in (["articles"], ["run"]):
        result = newswatch(config, *command)
        assert result.returncode == 4, result.stderr
        assert one_line(result) == (
            f"newswatch: error: {tmp_path / 'data' / 'news.db'}: is a folder, not a database file; "
            "set [storage] database to a file's path"
        )


def test_a_database_path_through_a_file(tmp_path: Path) -> None:
    config = configured(tmp_path, database="config.toml/news.db")
    result = newswatch(config, "articles")
    assert result.returncode == 4, result.stderr
    assert one_line(result) == (
        f"newswatch: error: {config}: is a file where a folder should be; check [storage] database"
    )


def test_a_full_database_says_where_to_free_space(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    stored_articles(database, 3)
    db = store.open_db(database)
    try:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers SQLITE_FULL past this size
        with pytest.raises(StorageError) as caught, store.storage_faults(database):
            stored_articles_into(db, 200)
    finally:
        db.close()
    message = str(caught.value)
    assert message.startswith(f"{database}: the database cannot grow (database or disk is full); free space on ")
    assert str(tmp_path) in message and "\n" not in message
    assert store.integrity_ok(store.open_db(database))


def test_a_write_the_file_system_refuses_is_one_line_from_the_command(tmp_path: Path) -> None:
    """A real refused write under the real command: a file size limit (``ulimit -f``, as a cron
    environment may set) stops SQLite growing the database's files, as a full disk would."""
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    stored_articles(database, 3)
    before = digest(database), digest(config)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    for command in (["sources", "retry", "hp-news"], ["run"]):
        result = subprocess.run(
            [sys.executable, "-m", "cli", "--config", str(config), *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            preexec_fn=small_files,
        )
        assert result.returncode == 4, result.stderr
        line = one_line(result)
        assert line.startswith(f"newswatch: error: {database}: "), line
        assert f"free space on {database.parent} (" in line
    assert (digest(database), digest(config)) == before


@pytest.mark.slow  # waits out SQLite's busy timeout (30 s)
def test_a_database_locked_past_the_busy_timeout(tmp_path: Path) -> None:
    config = configured(tmp_path)
    database = tmp_path / "data" / "news.db"
    stored_articles(database, 3)
    holder = sqlite3.connect(database)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing, and not letting go
        result = newswatch(config, "sources", "retry", "hp-news")
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 4, result.stderr
    line = one_line(result)
    assert line.startswith(f"newswatch: error: {database}: another program kept the database locked"), line
    assert f"fuser {database}" in line


# ---------------------------------------------------------------- signals: 130 and 143


@pytest.mark.slow  # a real crawl, stopped while an article is in flight
@pytest.mark.parametrize(
    "command,sig,status",
    [("run", signal.SIGTERM, 143), ("crawl", signal.SIGINT, 130), ("crawl", signal.SIGTERM, 143)],
    ids=["run-SIGTERM", "crawl-SIGINT", "crawl-SIGTERM"],
)
def test_a_signal_stops_a_crawl_with_its_status_and_an_interrupted_run(
    tmp_path: Path, command: str, sig: signal.Signals, status: int
) -> None:
    with SlowSite(hold=600) as site:
        config = write_slow_config(tmp_path, site=site.url)
        before = digest(config)
        child = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), command],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(lambda: site.active == 1, "the crawl to fetch its article", give_up=lambda: exited(child))
            child.send_signal(sig)
            site.release.set()  # the article in flight completes; the crawl winds down
            out, err = child.communicate(timeout=600)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode == status, err
    assert "Traceback" not in out + err
    said = [line for line in err.splitlines() if " progress: " not in line]
    assert said == [f"newswatch: interrupted ({sig.name})"], err
    assert "(interrupted: the next run picks up the rest)" in out
    db = store.open_db(tmp_path / "newswatch.db")
    try:
        assert [(r["command"], r["status"]) for r in db.query("select command, status from runs")] == [
            (command, "interrupted")
        ]
        assert store.integrity_ok(db)
    finally:
        db.close()
    assert digest(config) == before


def test_sigterm_stops_a_digest_waiting_on_its_channel_with_143(tmp_path: Path) -> None:
    with HttpReceivers() as http:
        hook = {**HOOK, "url": http.webhook_url, "secret": WEBHOOK_SECRET, "send_empty": True}
        config = write_config(tmp_path, watches=[WATCH], channels=[hook])
        store.open_db(tmp_path / "news.db").close()
        http.hold.set()  # the webhook takes the digest and never answers
        child = subprocess.Popen(
            [sys.executable, "-m", "cli", "--config", str(config), "digest"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(http.held.is_set, "the digest to reach the webhook", give_up=lambda: exited(child))
            child.send_signal(signal.SIGTERM)
            out, err = child.communicate(timeout=600)
        finally:
            http.hold.clear()
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode == 143, err
    assert "Traceback" not in out + err
    assert err.splitlines() == ["newswatch: interrupted (SIGTERM)"]
    db = store.open_db(tmp_path / "news.db")
    try:
        assert [r["status"] for r in db.query("select status from runs where command = 'digest'")] == ["interrupted"]
    finally:
        db.close()


# ---------------------------------------------------------------- input: exit status 2


@pytest.mark.parametrize(
    "url,said",
    [
        ("http://www.example.gov.cn/news list/", "contains a space"),
        ("http://www.example.gov.cn/news/\x01", "contains the control character U+0001"),
        ("http://www.example.gov.cn/news/\n", "contains the control character U+000A"),
        ("http://www.example.gov.cn/\u3000news/", "contains the space character U+3000"),
        ("ftp://www.example.gov.cn/news/", "is not an absolute http:// or https:// URL"),
        ("http://[::1/news/", "is not a URL"),
        ("http://www.example.gov.cn:99999/news/", "is not a URL"),
    ],
    ids=["space", "control", "newline", "ideographic-space", "ftp", "ipv6", "port"],
)
def test_a_hostile_url_is_refused_by_every_command_that_takes_one(tmp_path: Path, url: str, said: str) -> None:
    config = configured(tmp_path)
    before = digest(config)
    for command in (["sources", "add", url, "--name", "new-one"], ["sources", "test", url]):
        result = newswatch(config, *command)
        assert result.returncode == 2, result.stderr
        assert said in one_line(result)
    assert digest(config) == before
    for table in ("[[sources]]\nname = 'x'\nurl = {}\n", "[web]\nbase_url = {}\n"):
        bad = write_config(tmp_path, name="bad.toml", extra=table.format(toml_string(url)))
        result = newswatch(bad, "articles")
        assert result.returncode == 2, result.stderr
        assert said in one_line(result)
    hook = write_config(tmp_path, name="hook.toml", channels=[{**HOOK, "url": url}], watches=[WATCH])
    result = newswatch(hook, "digest", "--dry-run")
    assert result.returncode == 2, result.stderr
    line = one_line(result)
    assert said.split(" U+")[0] in line and url not in line  # a channel's URL may hold its key: never shown


@pytest.mark.parametrize(
    "tables,said",
    [
        ({"schedule": {"crawl": "61 * * * *"}}, "schedule.crawl: '61 * * * *' is not a cron expression: minute '61'"),
        ({"schedule": {"digest": "30 8 * * 8"}}, "schedule.digest: '30 8 * * 8' is not a cron expression"),
        ({"schedule": {"crawl": "0 7 * *"}}, "schedule.crawl: '0 7 * *' is not a cron expression: expected 5 fields"),
        ({"schedule": {"timezone": "Asia/Beijing"}}, "schedule.timezone: unknown time zone 'Asia/Beijing'"),
        ({"schedule": {"crawl_time_limit": 0}}, "schedule.crawl_time_limit: must be at least 1 second"),
        ({"crawl": {"timeout": 0}}, "crawl.timeout: must be more than 0 seconds"),
        ({"crawl": {"user_agent": "newswatch\r\nX-Evil: 1"}}, "crawl.user_agent: 'newswatch\\r\\nX-Evil: 1' contains"),
        ({"link_selector": "ul >> a["}, "sources[0].link_selector: 'ul >> a[' is not a CSS selector"),
        ({"max_failures": 0}, "sources[0].max_failures: must be at least 1"),
    ],
    ids=[
        "minute-61",
        "weekday-8",
        "four-fields",
        "time-zone",
        "time-limit",
        "timeout",
        "user-agent",
        "selector",
        "max-failures",
    ],
)
def test_an_invalid_config_is_refused_by_every_command(tmp_path: Path, tables: dict[str, object], said: str) -> None:
    """Configuration is valid or not for every command: none starts on one that another refuses."""
    sections = {key: value for key, value in tables.items() if key in ("schedule", "crawl")}
    keys = {key: value for key, value in tables.items() if key not in sections}
    config = write_config(
        tmp_path,
        sources=[source("hp-news", "http://127.0.0.1:9/news/", "list", **keys)],
        watches=[WATCH],
        **sections,  # type: ignore[arg-type]
    )
    before = digest(config)
    for command in (["run"], ["crawl"], ["articles"], ["status"], ["sources", "list"], ["digest", "--dry-run"]):
        result = newswatch(config, *command)
        assert result.returncode == 2, (command, result.stderr)
        line = one_line(result)
        assert line.startswith(f"newswatch: error: {config}: {said}"), line
    assert not (tmp_path / "news.db").exists()  # refused before anything was created
    assert digest(config) == before


@pytest.mark.slow  # the real scheduler running a real crawl
def test_the_scheduler_records_a_job_stopped_by_a_signal_from_outside_as_interrupted(tmp_path: Path) -> None:
    with SlowSite(hold=600) as site:
        config = write_slow_config(tmp_path, site=site.url, crawl="*/2 * * * * *")
        log = tmp_path / "scheduler.out"
        with log.open("w") as out:
            scheduler = subprocess.Popen(
                [sys.executable, "scheduler.py", "--config", str(config)],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until(lambda: site.active == 1, "the scheduled crawl to fetch its article")
            (crawl,) = children(scheduler.pid)
            os.kill(crawl, signal.SIGTERM)  # a supervisor or an operator, not the scheduler, stops it
            site.release.set()
            wait_until(lambda: "crawl finished:" in log.read_text(), "the scheduler to record the job")
            scheduler.send_signal(signal.SIGTERM)
            assert scheduler.wait(timeout=600) == 0, log.read_text()
        finally:
            if scheduler.poll() is None:
                scheduler.kill()
                scheduler.wait()
    finished = [line for line in log.read_text().splitlines() if "crawl finished:" in line]
    assert "crawl finished: interrupted" in finished[0], log.read_text()
    assert "Traceback" not in log.read_text()
    db = store.open_db(tmp_path / "newswatch.db")
    try:
        assert next(iter(db.query("select status from runs order by id")))["status"] == "interrupted"
    finally:
        db.close()


def test_a_config_file_that_cannot_be_written_is_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    config = configured(folder, database=str(tmp_path / "news.db"))
    before = digest(config)
    with unwritable(folder):
        result = newswatch(config, "sources", "add", "https://www.example.gov.cn/news/", "--name", "new", "--no-check")
    assert result.returncode == 4, result.stderr
    line = one_line(result)
    assert line.startswith(f"newswatch: error: {config}: cannot write the config file"), line
    assert f"it is unchanged: check permissions of {config} and of its folder {folder}" in line
    assert digest(config) == before
    assert [p.name for p in folder.iterdir()] == ["config.toml"]  # no temporary file left behind
