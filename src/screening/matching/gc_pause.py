"""Pause Python's cyclic garbage collector while building or using a large index.

The index holds millions of small objects; every full collection walks all of them, which made
batch screening several times slower. Building and screening create no reference cycles that
must be collected on the way, so the collector waits until the work is done.
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
