"""Score the distinct names of a large batch on several cores, with forked worker processes.

Workers are forked after the index is built, so they share its memory with the parent (copy on
write) instead of receiving a copy. Each returns, per name, the candidate forms that scored and
their token pairs, with the name's queries (which explanations need): the parent does not build
them again. Forking is only safe in a process that runs no other threads and is not itself a
daemon (a Celery prefork child is one), so the caller checks `can_fork` and otherwise screens in
one process; the results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from screening.matching.comparable import ComparableName
from screening.matching.score import NameScore

if TYPE_CHECKING:
    from screening.matching.index import MatchIndex

# The forms that scored for one name: (form id, its score, whether the query was the
# person-weighted one) for each.
NameResult = list[tuple[int, NameScore, bool]]
# What a worker sends back for one name: None if no form scored, else its organisation query,
# its person query if it has one, and what scored.
ScoredName = tuple[ComparableName, ComparableName | None, NameResult] | None

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
    from screening.matching.screen import score_name_chunk  # imported late: no cycle

    assert _SHARED is not None
    index, threshold, lists = _SHARED
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
