"""CPU of the batch path's three stages apart: `.venv/bin/python -m bench.matching_stages`.

    .venv/bin/python -m bench.matching_stages --count 20000

Over the distinct names of bench/suppliers.py's suppliers (as `screen_suppliers` takes them),
with the index built over all bundled lists: the CPU seconds of reading the names
(`normalise_names`), of making them comparable (`supplier_queries`: mending, weights, the
person's query) and of scoring them against the index. Which stage a change made slower shows
here when bench.matching's one figure only says that the batch is.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Sequence

from bench.evaluate import load_snapshots
from bench.suppliers import suppliers
from screening.gc_pause import paused_garbage_collection
from screening.matching.index import MatchIndex
from screening.matching.persons import supplier_queries
from screening.matching.screen import _Screening  # the batch path's own scoring
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.cell_noise import read_name_cell
from screening.names.normalise import normalise_names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args(argv)
    names = list(dict.fromkeys(supplier.name for supplier in suppliers(args.count)))
    with paused_garbage_collection():
        index = MatchIndex.build(load_snapshots())
    gc.collect()
    screening = _Screening(index, DEFAULT_THRESHOLD, None)
    with paused_garbage_collection():
        started = time.process_time()
        forms = normalise_names([read_name_cell(name).name for name in names])
        normalised = time.process_time()
        queries = [supplier_queries(index, form) for form in forms]
        made = time.process_time()
        for org_query, person_query in queries:
            screening._hits(org_query, person_query)
        scored = time.process_time()
    print(
        f"{len(names)} distinct names, CPU s: normalise {normalised - started:.3f}, "
        f"queries {made - normalised:.3f}, scoring {scored - made:.3f}, "
        f"total {scored - started:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
