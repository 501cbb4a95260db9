"""What the first country a process does not know costs it (issue 20): a tenant's own list of one
row whose country is "Narnia", read twice in a fresh process. `.venv/bin/python -m
bench.first_country` prints the CPU and wall time of each read; run it on two checkouts side by
side to compare (the first read pays for whatever the country lookup builds on first use).
"""

from __future__ import annotations

import time
from contextlib import suppress

from screening.tenant_lists.parse import TenantListFileError, read_tenant_list

ONE_ROW = b"Name,Country\nQuillfeather Brassworks Ltd,Narnia\n"


def main() -> None:
    for attempt in ("first", "second"):
        cpu, wall = time.process_time(), time.perf_counter()
        with suppress(TenantListFileError):  # "Narnia" is refused: the row error is the point
            read_tenant_list(ONE_ROW, "own.csv", "own-list")
        print(
            f"{attempt} read: {time.process_time() - cpu:.3f} s CPU, "
            f"{time.perf_counter() - wall:.3f} s wall"
        )


if __name__ == "__main__":
    main()
