"""Waiting for a condition instead of sleeping a fixed time.

A test that sleeps N seconds and then looks assumes the machine did the work in N seconds; on a
busy machine it did not. These helpers poll a condition until it holds, with a deadline that
only guards against a hang (a test that reaches it has failed, whatever the load).
"""

from __future__ import annotations

import time
from collections.abc import Callable

PATIENCE = 300.0  # seconds


def wait_until(
    condition: Callable[[], bool],
    what: str,
    patience: float = PATIENCE,
    every: float = 0.05,
    give_up: Callable[[], str | None] | None = None,
) -> None:
    """Return once ``condition()`` holds; fail naming ``what`` after ``patience`` seconds, or at once
    when ``give_up()`` says why the condition can never hold (a process that exited, say)."""
    deadline = time.monotonic() + patience
    while not condition():
        reason = give_up() if give_up is not None else None
        if reason is not None and not condition():
            raise AssertionError(f"gave up waiting for {what}: {reason}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {patience:.0f} s")
        time.sleep(every)
