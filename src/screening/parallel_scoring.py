"""Score the distinct names of a large batch on several cores, with forked worker processes.

Workers are forked after the index is built, so they share its memory with the parent (copy on
write) instead of receiving a copy. Each returns, per name, the candidate forms that scored and
their token pairs, with the name's queries (which explanations need): the parent does not build
them again. Forking is only safe in a process that runs no other threads and is not itself a
daemon (a Celery prefork child is one), so the caller checks `can_fork` and otherwise screens in
one process; the results are the same either way. Process management lives here, outside the
matching core: `screen_suppliers` is handed `forked_scorer()` by its caller (the Screener).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from screening.gc_pause import paused_garbage_collection
from screening.matching.screen import ApartScorer, ScoredName, score_name_chunk

if TYPE_CHECKING:
    from screening.matching.index import MatchIndex

PARALLEL_NAMES = 5_000  # distinct names from which a batch is worth forking workers for

# the index, threshold and chosen lists, set before forking
_SHARED: tuple[MatchIndex, float, Collection[str] | None] | None = None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def _score_chunk(names: Sequence[str]) -> list[ScoredName]:
    assert _SHARED is not None
    index, threshold, lists = _SHARED
    # a worker allocates many small objects and frees them only when it exits
    with paused_garbage_collection():
        return score_name_chunk(index, threshold, names, lists)


def score_names_in_parallel(
    index: MatchIndex,
    threshold: float,
    lists: Collection[str] | None,
    names: Sequence[str],
    workers: int,
    on_scored: Callable[[int], None] | None = None,
) -> list[ScoredName]:
    """`score_name_chunk` of `names`, in order, on `workers` forked processes;
    `on_scored(n)` is told of every n names scored, as chunks come back."""
    global _SHARED
    # interleaved chunks spread easy and hard names alike; a few per worker balance the load
    chunks = [list(names[i :: workers * 4]) for i in range(workers * 4)]
    _SHARED = (index, threshold, lists)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = []
            for chunk, chunk_results in zip(chunks, pool.map(_score_chunk, chunks), strict=True):
                results.append(chunk_results)
                if on_scored is not None:
                    on_scored(len(chunk))
    finally:
        _SHARED = None
    ordered: list[ScoredName] = [None] * len(names)
    for offset, chunk_results in enumerate(results):
        for position, result in enumerate(chunk_results):
            ordered[offset + position * workers * 4] = result
    return ordered


def forked_scorer(workers: int | None = None) -> ApartScorer:
    """What `screen_suppliers` scores a batch's distinct names with: `workers` forked processes
    (default: every core for a batch of at least PARALLEL_NAMES names, else none); it declines
    (None: the caller scores in its own process) for one worker, one name, or where this process
    may not fork (see can_fork)."""

    def score(
        index: MatchIndex,
        threshold: float,
        lists: Collection[str] | None,
        names: Sequence[str],
        on_scored: Callable[[int], None] | None,
    ) -> list[ScoredName] | None:
        count = workers
        if count is None:
            count = usable_cores() if len(names) >= PARALLEL_NAMES else 1
        if count <= 1 or len(names) <= 1 or not can_fork():  # forking beside threads is unsafe
            return None
        return score_names_in_parallel(index, threshold, lists, names, count, on_scored)

    return score
