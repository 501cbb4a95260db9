"""What comparing suppliers' addresses costs: the same suppliers screened without and with an
address (in Latin, Cyrillic, Hangul and Chinese), one process.

Run from the repository root:  .venv/bin/python -m bench.addresses [--count 20000]
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Sequence

from bench.shared_data import all_snapshots
from bench.suppliers import suppliers
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_suppliers

ADDRESSES = (
    "Rakwon-dong, Pothonggang District, Pyongyang",
    "г. Москва, ул. Тверская, д. 12",
    "평양시 보통강구역 락원동",
    "辽宁省丹东市振兴区",
    "Unter den Linden 1, Berlin, Germany",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args(argv)
    index = MatchIndex.build(all_snapshots())
    plain = list(suppliers(args.count))
    addressed = [
        dataclasses.replace(s, address=ADDRESSES[n % len(ADDRESSES)]) for n, s in enumerate(plain)
    ]
    for label, batch in (("without address", plain), ("with address", addressed)):
        started = time.perf_counter()
        results = screen_suppliers(index, batch)
        elapsed = time.perf_counter() - started
        matched = sum(1 for matches in results if matches)
        print(f"{label:<16} {elapsed:7.2f} s  {len(batch):,} suppliers  {matched:,} with matches")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
