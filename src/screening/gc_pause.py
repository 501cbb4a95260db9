"""Pause Python's cyclic garbage collector while a large structure is built or used.

A match index, a loaded Screener or the rows of a 100,000-row sheet are millions of small
objects; every full collection walks all of them, which made building, loading, reading and
screening several times slower. None of that work makes reference cycles that must be
collected on the way, so the collector waits until it is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
