"""Waiting for something the server does in its own time, with a bound that only stops a hung
test (never a speed requirement): the machine running the suite is shared, so it is generous."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

HANG_GUARD_SECONDS = 300.0
POLL_SECONDS = 0.05

T = TypeVar("T")


def wait_until(
    condition: Callable[[], T | None],
    what: str,
    timeout: float = HANG_GUARD_SECONDS,
    every: float = POLL_SECONDS,
) -> T:
    """The first true value `condition` returns, asked `every` seconds; fails naming `what`
    when `timeout` passes first."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(every)
