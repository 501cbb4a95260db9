"""Score the distinct names of a large batch on several cores, with forked worker processes, and
weigh the hits of the suppliers that have any into matches the same way.

Workers are forked after the index is built, so they share its memory with the parent (copy on
write) instead of receiving a copy; they take their slice of the batch from that memory too, and
send back only results. For a name, the candidate forms that scored and their token pairs, with
the name's queries (which explanations need): the parent does not build them again. For a
supplier, its matches with their entries by number (matching.screen.FoundMatch).

Forking is only safe in a process that runs no other threads and is not itself a
daemon (a Celery prefork child is one), so the caller checks `can_fork` and otherwise screens in
one process; the results are the same either way. Process management lives here, outside the
matching core: `screen_suppliers` is handed `forked_scorer()` by its caller (the Screener).
`fork_sending` / `received`: one forked child making one piece of bytes while this process
goes on (the command line's sheet reading and report parts).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any

from screening.countries.territory_names import prepare_territory_names
from screening.gc_pause import paused_garbage_collection
from screening.matching.screen import ApartMapper, ApartScorer, ScoredName, score_name_chunk

if TYPE_CHECKING:
    from screening.matching.index import MatchIndex

PARALLEL_NAMES = 5_000  # distinct names from which a batch is worth forking workers for
# suppliers with hits from which weighing them is worth forking for (~0.4 ms each; a fork ~50 ms)
PARALLEL_MATCHES = 2_000
SLICES_PER_WORKER = 4  # a few interleaved slices per worker balance easy and hard items alike

# the workers' function and the items it takes slices of, set before forking
_TASK: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


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


def fork_sending(produce: Callable[[], bytes]) -> tuple[int, int]:
    """A forked child that sends what `produce` makes through a pipe, then leaves without this
    process's exit handlers: (its process id, the pipe's end to read; see `received`)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        code = 0
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(produce())
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    os.close(write_end)
    return child, read_end


def received(child: int, pipe: int) -> bytes:
    """What the child of `fork_sending` sent, once it has ended; ChildProcessError if it failed."""
    with os.fdopen(pipe, "rb") as reader:
        sent = reader.read()
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise ChildProcessError(f"process {child} ended with status {status}")
    return sent


def _run_slice(start: int, step: int) -> list[Any]:
    assert _TASK is not None
    function, items = _TASK
    # a worker allocates many small objects and frees them only when it exits
    with paused_garbage_collection():
        return function(items[start::step])


def map_forked(
    function: Callable[[Sequence[Any]], list[Any]],
    items: Sequence[Any],
    workers: int,
    on_done: Callable[[int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[Any]:
    """`function` over interleaved slices of `items` on `workers` forked processes, its results
    put back in the items' order; `on_done(n)` is told of every n items done, as slices come
    back. `meanwhile()` runs in this process once the workers have their work, while it would
    otherwise only wait for them."""
    global _TASK
    step = workers * SLICES_PER_WORKER
    _TASK = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            done = pool.map(_run_slice, range(step), [step] * step)
            if meanwhile is not None:
                meanwhile()
            results = []
            for start, slice_results in zip(range(step), done, strict=True):
                results.append(slice_results)
                if on_done is not None:
                    on_done(len(range(start, len(items), step)))
    finally:
        _TASK = None
    ordered: list[Any] = [None] * len(items)
    for start, slice_results in enumerate(results):
        ordered[start::step] = slice_results
    return ordered


def score_names_in_parallel(
    index: MatchIndex,
    threshold: float,
    lists: Collection[str] | None,
    names: Sequence[str],
    workers: int,
    on_scored: Callable[[int], None] | None = None,
) -> list[ScoredName]:
    """`score_name_chunk` of `names`, in order, on `workers` forked processes;
    `on_scored(n)` is told of every n names scored, as chunks come back.

    Meanwhile this process builds the country names' quick index, which weighing matches looks
    up (a supplier's address without a country column): the workers forked for that next inherit
    it instead of each building it (~0.3 s of CPU each)."""
    scored = partial(_score_names, index, threshold, lists)
    return map_forked(scored, names, workers, on_scored, meanwhile=prepare_territory_names)


def _score_names(
    index: MatchIndex, threshold: float, lists: Collection[str] | None, names: Sequence[str]
) -> list[ScoredName]:
    return score_name_chunk(index, threshold, names, lists)


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


def forked_mapper(workers: int | None = None) -> ApartMapper:
    """What `screen_suppliers` weighs the hits of a batch's suppliers with: `workers` forked
    processes (default: every core for at least PARALLEL_MATCHES suppliers, else none); it
    declines as forked_scorer does."""

    def run(
        function: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]
    ) -> list[Any] | None:
        count = workers
        if count is None:
            count = usable_cores() if len(items) >= PARALLEL_MATCHES else 1
        if count <= 1 or len(items) <= 1 or not can_fork():
            return None
        return map_forked(function, items, count)

    return run
