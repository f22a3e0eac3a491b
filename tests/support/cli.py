"""The command line as a user runs it: ``python -m cli --config FILE ...`` in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Seconds a command may take before the test gives up on it: a guard against a hang, never a
# measure. A crawl that takes 10 s on a quiet machine can take several times that on a busy one.
PATIENCE = 600


def newswatch(
    config: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = PATIENCE, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run one command to its end; ``env`` is added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "cli", "--config", str(config), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
