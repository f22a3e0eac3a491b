"""The README documents every command and config key; the layers import only what they may."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import click
import pytest

from config import loader
from cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names(group: click.Group, prefix: str = "newswatch") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, click.Group):
            names.extend(command_names(command, full))
    return names


@pytest.mark.parametrize("command", command_names(cli))
def test_every_command_is_documented(command: str) -> None:
    assert f"`{command}" in README, f"README.md does not document `{command}`"


def config_keys() -> list[str]:
    keys = []
    for section, cls in {**loader.SECTIONS, **loader.ARRAYS}.items():
        for f in dataclasses.fields(cls):
            if f.name != "missing_env":
                keys.append(f"{section}.{f.metadata.get('key', f.name)}")
    return keys


@pytest.mark.parametrize("key", config_keys())
def test_every_config_key_is_documented(key: str) -> None:
    section, name = key.split(".")
    assert f"`{name}`" in README_SECTION(section), f"README.md does not document {key}"


def README_SECTION(section: str) -> str:
    marker = f"### `[{section}]`" if section in loader.SECTIONS else f"### `[[{section}]]`"
    assert marker in README, f"README.md has no heading {marker}"
    start = README.index(marker)
    end = README.find("\n### ", start + len(marker))
    return README[start:end if end != -1 else None]


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", python_files("pipelines", "alerts"), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_layers_do_not_import_frameworks(path: Path) -> None:
    assert not imports_of(path) & {"scrapy", "twisted", "click", "apscheduler", "crawler", "cli"}


@pytest.mark.parametrize("library,home", [
    ("trafilatura", "pipelines/extract.py"),
    ("jieba", "pipelines/text.py"),
    ("jieba_fast", "pipelines/text.py"),
    ("apprise", "alerts/channels/apprise.py"),
    ("opencc", "pipelines/normalize.py"),
    ("sqlite_utils", "db/"),
])
def test_each_library_is_wrapped_in_one_home(library: str, home: str) -> None:
    project = python_files("pipelines", "alerts", "crawler", "db") + sorted(ROOT.glob("*.py"))
    importers = sorted(str(p.relative_to(ROOT)) for p in project if library in imports_of(p))
    assert importers and all(i == home or (home.endswith("/") and i.startswith(home)) for i in importers), importers


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make demo" in head and "make test" in head
