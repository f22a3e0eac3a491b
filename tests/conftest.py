"""Shared pytest options and fixtures: serve pages, write a config, and the environment every test sees.

Plain helpers (servers, receivers, config writer, waits) live in ``tests/support/``; the
fixtures here wrap the ones several test files need. A test that takes longer than a few
seconds is marked ``slow`` (``pytest -m "not slow"`` is the quick loop; ``make test`` runs all).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.config import write_config
from tests.support.pages import Answer, PageServer


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current extraction output",
    )


ROOT = Path(__file__).resolve().parent.parent
OUR_PACKAGES = ("cli", "config", "operations", "crawler", "pipelines", "alerts", "db", "demo")


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every command it starts, sees an empty tldextract cache, as a fresh CI
    machine does: a library that would fetch the public-suffix list from the internet fails here.

    Commands the tests start (``python -m cli``, ``scheduler.py``) turn a warning raised by our own
    code into an error, as pyproject's filterwarnings does in this process. PYTHONWARNINGS names
    modules exactly (no patterns), so every module of ours is listed, and ``__main__`` for the
    command itself.
    """
    os.environ["TLDEXTRACT_CACHE"] = tempfile.mkdtemp(prefix="newswatch-no-suffix-cache-")
    ours = ["__main__", "scheduler", "errors"]
    for package in OUR_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            ours.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    # ResourceWarning stays ignored as Python ignores it by default: raised from a finaliser, as an
    # error it would only print "Exception ignored" where the crash tests look for tracebacks.
    rules = [
        os.environ.get("PYTHONWARNINGS", ""),
        *(f"error::Warning:{module}" for module in ours),
        "ignore::ResourceWarning",
    ]
    os.environ["PYTHONWARNINGS"] = ",".join(rule for rule in rules if rule)


# The test files that take longest (`pytest --durations=0`, summed per file), longest first. Under
# pytest-xdist (`make test`: -n 4 --dist loadfile) each file runs whole on one worker; these start
# first, so none is left running alone at the end after the other workers have finished.
LONGEST_FILES = (
    "tests/test_crash.py",
    "tests/test_bad_pages.py",
    "tests/test_scheduler.py",
    "tests/test_unseen_sites.py",
    "tests/test_faults.py",
    "tests/test_bench_smoke.py",
    "tests/test_challenges.py",
    "tests/test_security.py",
    "tests/test_browser_limits.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a pytest-xdist worker, put the longest files first; each file keeps its own order."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return
    rank = {path: n for n, path in enumerate(LONGEST_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def serve_pages() -> Iterator[Callable[..., PageServer]]:
    """``serve_pages({path: (status, headers, body)})`` or ``serve_pages(route=fn)``: a running
    :class:`PageServer` (``.url``, ``.seen``), shut down when the test ends."""
    started: list[PageServer] = []

    def start(pages: dict[str, Answer] | None = None, route: Callable[[str], Answer] | None = None) -> PageServer:
        server = PageServer(pages, route).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def config_file(tmp_path: Path) -> Callable[..., Path]:
    """``config_file(crawl=..., sources=[...], ...)`` writes ``tmp_path/config.toml`` (see
    ``tests.support.config.write_config``) and returns its path."""

    def write(**parts: Any) -> Path:
        return write_config(tmp_path, **parts)

    return write
