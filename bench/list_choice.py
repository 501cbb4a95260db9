"""What choosing some lists costs a screening: `.venv/bin/python -m bench.list_choice`.

    .venv/bin/python -m bench.list_choice                # 20,000 suppliers, one process
    .venv/bin/python -m bench.list_choice --count 5000

Builds the index over every bundled list once, then screens the same suppliers (bench/suppliers.py)
against every list and against some of them (the filter inside matching: no index is rebuilt),
in one process (after an untimed first screening that makes the word lookups every later one
shares), and checks that each narrowed screening gives exactly the whole screening's matches
from its lists. Also times the one-off list masks of an index and a narrowed filter.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence

from bench.evaluate import load_snapshots
from bench.suppliers import suppliers
from screening.matching.index import MatchIndex
from screening.matching.list_filter import list_filter
from screening.matching.screen import screen_suppliers

CHOICES: tuple[tuple[str, ...] | None, ...] = (
    None,
    ("un-sc",),
    ("us-ofac-sdn", "uk-ofsi"),
    ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi"),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    index = MatchIndex.build(load_snapshots())
    batch = list(suppliers(args.count))

    started = time.perf_counter()
    list_filter(index, ["un-sc"])  # the first use makes the index's masks
    masks = time.perf_counter() - started
    print(f"list masks of the index ({len(index.forms):,} forms): {masks:.3f} s")
    started = time.perf_counter()
    for _ in range(100):
        list_filter(index, ["us-ofac-sdn", "uk-ofsi"])
    print(f"a narrowed filter, once the masks exist: {(time.perf_counter() - started) * 10:.3f} ms")

    # word lookups are kept per index across batches: a first, untimed screening makes them,
    # so that every choice below is timed alike
    screen_suppliers(index, batch)
    every = None
    for lists in CHOICES:
        wall, cpu = time.perf_counter(), time.process_time()
        results = screen_suppliers(index, batch, lists=lists, limit=500)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        matches = sum(len(found) for found in results)
        label = "every list" if lists is None else ", ".join(lists)
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {matches} matches")
        if every is None:
            every = results
            continue
        expected = [[m for m in found if m.entry.list_id in lists] for found in every]
        same = all(
            [(m.entry.key, m.score) for m in narrowed] == [(m.entry.key, m.score) for m in whole]
            for narrowed, whole in zip(results, expected, strict=True)
        )
        print(f"  the whole screening's matches from these lists: {'yes' if same else 'NO'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
