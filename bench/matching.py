"""Speed and memory of the matching engine: `.venv/bin/python -m bench.matching`.

    .venv/bin/python -m bench.matching                 # 100,000 suppliers, all bundled lists
    .venv/bin/python -m bench.matching --count 20000
    .venv/bin/python -m bench.matching --brute-force   # also time brute-force token_sort_ratio
    .venv/bin/python -m bench.matching --index-file    # screen with the index written to its
                                                       # file and opened again (mapped tables)

Measures, on the machine it runs on: index build time over all bundled lists, the batch path
(`screen_suppliers`) on a realistic supplier file (bench/suppliers.py), the median and 95th
percentile latency of one supplier (`screen_supplier`), and the process's memory (RSS).
Parsing the list files is not matching and is not counted.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import time
from collections.abc import Sequence

from bench.evaluate import load_snapshots
from bench.index_file import reopened_index
from bench.suppliers import suppliers
from screening.gc_pause import paused_garbage_collection
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier, screen_suppliers
from screening.parallel_scoring import forked_scorer


def rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, started_wall: float, started_cpu: float) -> tuple[float, float]:
    wall = time.perf_counter() - started_wall
    cpu = time.process_time() - started_cpu
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    return wall, cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=2_000, help="suppliers timed one by one")
    parser.add_argument("--brute-force", action="store_true")
    parser.add_argument("--index-file", action="store_true", help="screen with the index file's")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the batch (default: the engine's own choice)",
    )
    args = parser.parse_args(argv)

    print(f"cores available: {len(os.sched_getaffinity(0))}")
    snapshots = load_snapshots()
    batch = list(suppliers(args.count))
    gc.collect()
    before = rss_mb()
    print(f"RSS with lists parsed and {len(batch)} suppliers loaded: {before:.0f} MiB")

    wall, cpu = time.perf_counter(), time.process_time()
    with paused_garbage_collection():  # as the service builds it
        index = MatchIndex.build(snapshots)
    timed(f"index build ({len(index)} names, {len(index.forms)} distinct forms)", wall, cpu)
    gc.collect()
    print(f"RSS after index build: {rss_mb():.0f} MiB (index ~{rss_mb() - before:.0f} MiB)")
    if args.index_file:
        index = reopened_index(index)

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    with paused_garbage_collection():
        results = screen_suppliers(index, batch, score_apart=forked_scorer(args.workers))
    batch_wall, _ = timed(f"screen_suppliers, {len(batch)} suppliers", wall, cpu)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    print(f"  worker processes' CPU: {worker_cpu:.2f} s")
    flagged = sum(1 for matches in results if matches)
    print(
        f"  {len(batch) / batch_wall:,.0f} suppliers/s; {flagged} suppliers with a match "
        f"at the default threshold; {len({s.name for s in batch})} distinct names"
    )

    latencies = []
    cpu_times = []  # on a shared machine wall time measures the neighbours too
    for supplier in batch[: args.single]:
        started, started_cpu = time.perf_counter(), time.process_time()
        screen_supplier(index, supplier)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - started_cpu) * 1000)
    for label, times in (("", latencies), (", CPU", cpu_times)):
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(
            f"screen_supplier one by one ({len(times)}{label}): median "
            f"{statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.1f} ms"
        )
    print(f"RSS now {rss_mb():.0f} MiB, peak {peak_rss_mb():.0f} MiB")

    if args.brute_force:
        import numpy as np
        from rapidfuzz import fuzz, process, utils

        names = sorted({n for s in snapshots for e in s.entries for n in e.all_names()})
        queries = [s.name for s in batch]
        wall, cpu = time.perf_counter(), time.process_time()
        process.cdist(
            queries,
            names,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            dtype=np.uint8,
            workers=-1,
            score_cutoff=85,
        )
        timed(f"brute-force token_sort_ratio, {len(queries)} x {len(names)}", wall, cpu)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
