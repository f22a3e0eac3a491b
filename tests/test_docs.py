"""The README documents every command and config key; the layers import only what they may."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import click
import pytest

from cli.main import cli
from config import loader

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
    return README[start : end if end != -1 else None]


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


@pytest.mark.parametrize(
    "library,home",
    [
        ("trafilatura", "pipelines/extract.py"),
        ("jieba", "pipelines/text.py"),
        ("jieba_fast", "pipelines/text.py"),
        ("apprise", "alerts/channels/apprise.py"),
        ("opencc", "pipelines/normalize.py"),
        ("sqlite_utils", "db/"),
        ("starlette", "web/"),
        ("uvicorn", "web/serve.py"),
    ],
)
def test_each_library_is_wrapped_in_one_home(library: str, home: str) -> None:
    project = python_files(*PACKAGES) + sorted(ROOT.glob("*.py"))
    importers = sorted(str(p.relative_to(ROOT)) for p in project if library in imports_of(p))
    assert importers and all(i == home or (home.endswith("/") and i.startswith(home)) for i in importers), importers


# Each layer imports only layers below it (and itself): the command line (which starts the
# scheduler for `newswatch schedule` and the web app for `newswatch serve`), the scheduler and
# the web app drive operations, which drives the crawler
# and the alerts, which use the pipelines, which use the database and config.
# fmt: off
LAYERS = {
    "cli": 5, "demo": 5,
    "scheduler": 4, "web": 4,
    "operations": 3,
    "crawler": 2, "alerts": 2,
    "pipelines": 1,
    "db": 0, "config": 0,
    "errors": -1,
}
# fmt: on
PACKAGES = [name for name in LAYERS if (ROOT / name).is_dir()]


def project_modules() -> list[Path]:
    return python_files(*PACKAGES) + [ROOT / f"{name}.py" for name in LAYERS if (ROOT / f"{name}.py").is_file()]


@pytest.mark.parametrize("path", project_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down_the_layers(path: Path) -> None:
    own = path.relative_to(ROOT).parts[0].removesuffix(".py")
    upward = sorted(m for m in imports_of(path) & LAYERS.keys() if m != own and LAYERS[m] >= LAYERS[own])
    assert not upward, f"{path.relative_to(ROOT)} imports {upward}: only layers below {own!r} may be imported"


def module_graph() -> dict[str, set[str]]:
    """{module: project modules it imports}, counting imports inside functions too."""
    modules = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p for p in project_modules()
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module in modules:
                subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                targets.update(subs or {node.module})
        graph[name] = targets - {name}
    return graph


def test_no_module_imports_itself_through_others() -> None:
    graph = module_graph()
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not cycles, cycles[:5]


def test_every_package_has_a_layer() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench", "models"}
    assert packages <= LAYERS.keys(), packages - LAYERS.keys()


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make demo" in head and "make test" in head
