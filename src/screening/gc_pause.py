"""Pause Python's cyclic garbage collector while a large structure is built or used, and give
the heap it leaves behind back to the system.

A match index, a loaded Screener or the rows of a 100,000-row sheet are millions of small
objects; every full collection walks all of them, which made building, loading, reading and
screening several times slower. None of that work makes reference cycles that must be
collected on the way, so the collector waits until it is done.

Once such a structure is freed, glibc's allocator keeps most of the pages it held (free but
resident, in the middle of its heaps) until told to trim them: a server that read one large
upload or wrote its report would otherwise hold that memory until it exits.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None
    return trim


def return_freed_memory() -> bool:
    """Give the free pages of this process's heaps back to the system; False where the C
    library cannot (not glibc). Costs a few milliseconds: call it after large work, not often."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
