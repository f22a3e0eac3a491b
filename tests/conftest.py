"""Shared pytest options and fixtures."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current extraction output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every command it starts, sees an empty tldextract cache, as a fresh CI
    machine does: a library that would fetch the public-suffix list from the internet fails here."""
    import os
    import tempfile

    os.environ["TLDEXTRACT_CACHE"] = tempfile.mkdtemp(prefix="newswatch-no-suffix-cache-")
