"""CPU of each stage of the command line's cold start: the lists fetched from the mirror, parsed,
stored, the index built and its file written, in an empty data directory.

    .venv/bin/python -m bench.cold_start
    PYTHONPATH=../base/src:. .venv/bin/python -m bench.cold_start   # another checkout, beside it

What `screening screen` does before it screens when there is no index file
(commands/screen.stored_screener). Each stage's CPU is what the functions named below spent,
caught by wrapping them in this process; CPU holds on a loaded machine, wall time does not.
The lists are parsed in processes of their own, one per core (commands/screen.list_parsers):
their CPU shows in the whole's (the processes ended), the stage's wall time beside it.
"""

from __future__ import annotations

import functools
import os
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.shared_data import WATCHLISTS


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    os.environ["SCREENING_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-cold-")
    os.environ["SCREENING_LISTS_MIRROR"] = str(WATCHLISTS)
    started, wall = _cpu(), time.perf_counter()
    import screening.commands.screen as command
    import screening.commands.screener_cache as cache
    import screening.matching.index as index
    import screening.risk.knowledge as knowledge
    import screening.sources.update as update
    import screening.store.snapshots as snapshots

    imported = _cpu()
    spent: Counter[str] = Counter()
    walls: Counter[str] = Counter()

    def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            before, wall_before = _cpu(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += _cpu() - before
                walls[label] += time.perf_counter() - wall_before

        return wrapped

    # update_apart: the lists parsed side by side; update: one by one (an older checkout's CLI)
    for method in ("update_apart", "update"):
        if hasattr(update.ListUpdater, method):
            fetch = timed("fetch, parse, store lists", getattr(update.ListUpdater, method))
            setattr(update.ListUpdater, method, fetch)
    update.import_snapshot = timed("  of which: store the lists", update.import_snapshot)
    snapshots.load_active_snapshots = timed(
        "load the stored lists", snapshots.load_active_snapshots
    )
    build = index.MatchIndex.build.__func__  # type: ignore[attr-defined]
    index.MatchIndex.build = classmethod(timed("build the match index", build))  # type: ignore[assignment]
    risk = knowledge.RiskKnowledge.build.__func__  # type: ignore[attr-defined]
    knowledge.RiskKnowledge.build = classmethod(timed("risk knowledge", risk))  # type: ignore[assignment]
    cache.write_screener_file = timed("write the index file", cache.write_screener_file)
    # the file is written by a forked child (its CPU counts once it is waited for)
    command.stored_screener(progress=False).finish()
    done = _cpu()
    print(f"{'imports':28} {imported - started:6.2f} s CPU")
    for label, seconds in spent.items():
        print(f"{label:28} {seconds:6.2f}  (wall {walls[label]:.1f} s)")
    elapsed = time.perf_counter() - wall
    print(f"{'the cold start in all':28} {done - imported:6.2f}  (wall {elapsed:.1f} s)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
