"""config.toml: what loads, and how each mistake is reported (one line, the key, exit status 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import config

ROOT = Path(__file__).resolve().parent.parent
GOOD_SOURCE = '[[sources]]\nname = "a"\nurl = "http://127.0.0.1:9/"\n'

BAD_CONFIGS = [
    ("malformed-toml", "[crawl\nconcurrency = 1", "malformed TOML"),
    ("unknown-section", "[crawler]\nconcurrency = 1\n" + GOOD_SOURCE, "unknown section 'crawler'"),
    ("unknown-key", "[crawl]\nconcurency = 1\n" + GOOD_SOURCE, "crawl.concurency: unknown key"),
    ("wrong-type-int", '[crawl]\nconcurrency = "many"\n' + GOOD_SOURCE, "crawl.concurrency: expected a whole number"),
    (
        "wrong-type-bool",
        '[crawl]\nobey_robots_txt = "yes"\n' + GOOD_SOURCE,
        "crawl.obey_robots_txt: expected true or false",
    ),
    ("zero-concurrency", "[crawl]\nconcurrency = 0\n" + GOOD_SOURCE, "crawl.concurrency: must be at least 1"),
    ("negative-delay", "[crawl]\ndownload_delay = -1\n" + GOOD_SOURCE, "crawl.download_delay: must not be negative"),
    ("bad-kind", GOOD_SOURCE + 'kind = "rss"\n', "sources[0].kind: 'rss' is not allowed"),
    ("missing-url", '[[sources]]\nname = "a"\n', "sources[0].url: required key is missing"),
    ("relative-url", '[[sources]]\nname = "a"\nurl = "/news/"\n', "sources[0].url"),
    ("ftp-url", '[[sources]]\nname = "a"\nurl = "ftp://example.com/"\n', "sources[0].url"),
    ("duplicate-source", GOOD_SOURCE + GOOD_SOURCE, "sources[1].name: duplicate name 'a'"),
    ("bad-slug", '[[sources]]\nname = "Hp News"\nurl = "http://x.cn/"\n', "sources[0].name"),
    ("bad-regex", GOOD_SOURCE + 'allow = ["(unclosed"]\n', "sources[0].allow"),
    ("bad-encoding", GOOD_SOURCE + 'encoding = "klingon"\n', "sources[0].encoding: unknown encoding"),
    ("tags-not-list", GOOD_SOURCE + "tags = 3\n", "sources[0].tags: expected a list of strings"),
    ("sources-not-array", '[sources]\nname = "a"\n', "sources must be an array of tables"),
    (
        "missing-env",
        '[[sources]]\nname = "a"\nurl = "${NEWSWATCH_TEST_UNSET_VAR}"\n',
        "sources[0].url: environment variable NEWSWATCH_TEST_UNSET_VAR is not set",
    ),
    ("watch-without-keywords", GOOD_SOURCE + '[[watches]]\nname = "w"\nkeywords = []\n', "watches[0].keywords"),
    (
        "bad-event-type",
        GOOD_SOURCE + '[[watches]]\nname = "w"\nkeywords = ["x"]\nevent_types = ["party"]\n',
        "watches[0].event_types: 'party' is not an event type",
    ),
    ("bad-channel-kind", GOOD_SOURCE + '[[channels]]\nname = "c"\nkind = "pigeon"\n', "channels[0].kind"),
    (
        "channel-unknown-watch",
        GOOD_SOURCE + '[[channels]]\nname = "c"\nkind = "webhook"\nurl = "http://127.0.0.1:9/"\nwatches = ["nope"]\n',
        "channels[0].watches: no watch named 'nope'",
    ),
    (
        "email-without-host",
        GOOD_SOURCE + '[[channels]]\nname = "c"\nkind = "email"\nfrom = "a@b.c"\nto = ["x@y.z"]\n',
        "channels[0].smtp_host: required",
    ),
]


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("name,text,expected", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_is_one_line_and_exit_2(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("--config", str(path), "sources", "list")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and expected in lines[0]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "newswatch.db").exists()


def test_missing_config_file_names_the_fix(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path / "nope.toml"), "articles")
    assert result.returncode == 2
    assert "config file not found" in result.stderr and "--config" in result.stderr


def test_config_path_comes_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(GOOD_SOURCE, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "NEWSWATCH_CONFIG": str(path)}
    result = run_cli("sources", "list", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert '"name": "a"' in result.stdout
    assert (tmp_path / "newswatch.db").exists()


def test_env_values_are_substituted_and_kept_secret(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        GOOD_SOURCE + '[[channels]]\nname = "hook"\nkind = "webhook"\n'
        'url = "http://127.0.0.1:9/hook?token=${HOOK_TOKEN}"\nsecret = "${HOOK_SECRET}"\n',
        encoding="utf-8",
    )
    loaded = config.load(path, {"HOOK_TOKEN": "tok-123456", "HOOK_SECRET": "s3cr3t-value"})
    channel = loaded.channel("hook")
    assert channel.url == "http://127.0.0.1:9/hook?token=tok-123456"
    assert channel.secret == "s3cr3t-value"
    assert "tok-123456" not in repr(loaded) and "s3cr3t-value" not in repr(loaded)
    assert loaded.redact("posting to token=tok-123456 with s3cr3t-value") == "posting to token=*** with ***"


def test_channel_with_unset_variable_loads_but_knows_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        GOOD_SOURCE + '[[channels]]\nname = "mail"\nkind = "email"\nsmtp_host = "localhost"\n'
        'from = "a@b.c"\nto = ["x@y.z"]\npassword = "${SMTP_PASSWORD}"\n',
        encoding="utf-8",
    )
    loaded = config.load(path, {})
    assert loaded.channel("mail").missing_env == ("SMTP_PASSWORD",)


def test_relative_database_is_beside_the_config(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    path.parent.mkdir()
    path.write_text('[storage]\ndatabase = "data/nw.db"\n' + GOOD_SOURCE, encoding="utf-8")
    assert config.load(path, {}).database == (tmp_path / "sub" / "data" / "nw.db").resolve()


def test_shipped_config_is_valid() -> None:
    loaded = config.load(ROOT / "config.toml", {})
    assert len(loaded.sources) >= 6
    assert {w.name for w in loaded.watches} == {"biomed-cluster"}
    assert all(s.url.startswith(("http://", "https://")) for s in loaded.sources)
