"""Time the loaders of the official lists on the publishers' files (SCREENING_TEST_SHARED).

Run from the repository root:  .venv/bin/python bench/load_lists.py
Each list is parsed once, in this order, in one fresh process; the first country lookup
loads rigour's territory index, timed on its own line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from bench.shared_data import read_list_files
from screening.countries.listed import country_code
from screening.watchlist.links import build_cross_list_index
from screening.watchlist.model import ListSnapshot, ParsedList
from screening.watchlist.ofac import load_ofac_cons, load_ofac_sdn
from screening.watchlist.uk import load_uk_ofsi
from screening.watchlist.un import load_un_consolidated

LOADERS: tuple[tuple[str, Callable[[Mapping[str, bytes]], ParsedList]], ...] = (
    ("us-ofac-sdn", load_ofac_sdn),
    ("us-ofac-cons", load_ofac_cons),
    ("un-sc", load_un_consolidated),
    ("uk-ofsi", load_uk_ofsi),
)


def main() -> None:
    started = time.perf_counter()
    country_code("Korea, North")
    print(f"{'territory index':<16} {time.perf_counter() - started:6.2f} s")
    snapshots: list[ListSnapshot] = []
    for list_id, load in LOADERS:
        files = read_list_files(list_id)
        begin = time.perf_counter()
        parsed = load(files)
        elapsed = time.perf_counter() - begin
        print(f"{list_id:<16} {elapsed:6.2f} s  {len(parsed.entries):>6} entries")
        snapshots.append(ListSnapshot(list_id, "bench", parsed.published, "", (), parsed.entries))
    begin = time.perf_counter()
    build_cross_list_index(snapshots)
    print(f"{'cross-list index':<16} {time.perf_counter() - begin:6.2f} s")
    print(f"{'total':<16} {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
