"""What a tenant's own list costs, and whether its entries score as official ones:
`.venv/bin/python -m bench.tenant_lists`.

    .venv/bin/python -m bench.tenant_lists                 # 20,000 suppliers, one process
    .venv/bin/python -m bench.tenant_lists --count 5000

Builds the official index over every bundled list once, then a tenant's own index of 100, 1,000
and 10,000 entries copied from the UN and OFAC lists (real names, aliases and scripts), with the
official index's word weights: the time to build it, and what screening the suppliers of
bench/suppliers.py beside it adds. Then checks, for suppliers named as the copied entries are,
that each copy scores what its original scores on the official index.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from collections.abc import Sequence
from pathlib import Path

from bench.evaluate import load_snapshots
from bench.suppliers import suppliers
from screening.screener import Screener, TenantPart
from screening.supplier import Supplier
from screening.watchlist.model import Entry, ListSnapshot

HOST_RISK = Path(__file__).resolve().parents[1] / "lists" / "host-risk.toml"
SIZES = (100, 1_000, 10_000)
OWN = "tenant-bench"


def own_copy(entries: Sequence[Entry], size: int) -> ListSnapshot:
    copies = tuple(
        dataclasses.replace(entry, list_id=OWN, source_id=f"{entry.list_id}:{entry.source_id}")
        for entry in entries[:size]
    )
    return ListSnapshot(OWN, f"bench-{size}", None, "0" * 64, (), copies)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    snapshots = load_snapshots()
    official = Screener.from_snapshots(snapshots, HOST_RISK.read_bytes())
    pool = [e for s in snapshots if s.list_id in ("un-sc", "us-ofac-sdn") for e in s.entries]
    batch = list(suppliers(args.count))
    official.screen(batch)  # an untimed first screening makes the shared word lookups
    cpu = time.process_time()
    official.screen(batch)
    print(f"{args.count:,} suppliers, official lists only: {time.process_time() - cpu:.2f} s CPU")
    for size in SIZES:
        snapshot = own_copy(pool, size)
        cpu = time.process_time()
        part = TenantPart.build("ten_bench", [snapshot], official.index)
        built = time.process_time() - cpu
        beside = official.with_tenant(part)
        beside.screen(batch)
        cpu = time.process_time()
        beside.screen(batch)
        screened = time.process_time() - cpu
        print(
            f"own list of {len(snapshot.entries):,} entries: built in {built:.3f} s CPU; "
            f"{args.count:,} suppliers beside it: {screened:.2f} s CPU"
        )
    # Each copy against its original: suppliers named as the first 1,000 copied entries are.
    part = TenantPart.build("ten_bench", [own_copy(pool, 1_000)], official.index)
    beside = official.with_tenant(part)
    named = [Supplier(entry.name) for entry in pool[:1_000]]
    same = differ = 0
    for entry, result in zip(pool[:1_000], beside.screen(named, limit=500), strict=True):
        scores = {(m.entry.list_id, m.entry.source_id): m.score for m in result.matches}
        original = scores.get(entry.key)
        copy = scores.get((OWN, f"{entry.list_id}:{entry.source_id}"))
        if original == copy:
            same += 1
        else:
            differ += 1
    print(f"copies scoring what their originals score: {same:,} of {same + differ:,}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
