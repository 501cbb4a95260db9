"""The Screener's file, as a pickle and as the mapped index file (issue 16): how long a process
takes to open it and how much memory it holds. `.venv/bin/python -m bench.index_file`.

    .venv/bin/python -m bench.index_file                   # all bundled lists, 2,000 suppliers
    .venv/bin/python -m bench.index_file --suppliers 20000

Builds the Screener of the bundled lists (bench.shared_data.INDEXED_LISTS), writes it both ways
(the pickle the versions before wrote, and screening.screener_file's index file), then for each,
in new processes: the time to open it; the memory of one process that opened it and screened
the suppliers (bench/suppliers.py); and of two such processes holding the same file at once.
Memory from /proc/<pid>/smaps_rollup: RSS; PSS (shared pages divided among the processes that
map them); private (pages only this process uses: what each further process costs); anonymous
(the process's own objects, not the file's pages).
"""

from __future__ import annotations

import argparse
import gc
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.shared_data import LISTS_DIR, all_snapshots
from bench.suppliers import suppliers
from screening.gc_pause import paused_garbage_collection
from screening.matching.index import MatchIndex
from screening.matching.index_file import open_index_file, write_index_file
from screening.screener import Screener
from screening.screener_file import open_screener_file, write_screener_file

FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Anonymous")


def memory_mib(pid: int | str = "self") -> dict[str, float]:
    """Rss, Pss, private and anonymous memory of a process, in MiB (Linux)."""
    found: dict[str, float] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in FIELDS:
                found[name] = int(rest.split()[0]) / 1024
    return {
        "rss": found["Rss"],
        "pss": found["Pss"],
        "private": found["Private_Clean"] + found["Private_Dirty"],
        "anonymous": found["Anonymous"],
    }


def _hold(path: Path, kind: str, count: int) -> None:
    """A child: open the file, screen, say how long and how much, wait for a line on stdin."""
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "pickle":
        with paused_garbage_collection():
            screener = pickle.loads(path.read_bytes())  # written just now by this bench
    else:
        screener = open_screener_file(path)
    opened_wall, opened_cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.freeze()  # as the server and workers do: the Screener lives as long as the process
    wall, cpu = time.perf_counter(), time.process_time()
    screener.screen(list(suppliers(count)))
    screened_cpu = time.process_time() - cpu
    print(f"{opened_wall:.3f} {opened_cpu:.3f} {screened_cpu:.2f}", flush=True)
    sys.stdin.readline()


def _started(path: Path, kind: str, count: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bench.index_file", "--hold", str(path), kind, str(count)]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _shown(memory: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.0f}" for name, value in memory.items()) + " MiB"


def _measure(path: Path, kind: str, count: int) -> None:
    print(f"{kind} ({path.stat().st_size / 2**20:.0f} MiB file):")
    for together in (1, 2):
        children = [_started(path, kind, count) for _ in range(together)]
        for number, child in enumerate(children, 1):
            assert child.stdout is not None and child.stdin is not None
            opened_wall, opened_cpu, screened_cpu = child.stdout.readline().split()
            memory = memory_mib(child.pid)
            print(
                f"  {together} process(es), #{number}: opened in {opened_wall} s wall "
                f"({opened_cpu} s CPU), {count} suppliers screened in {screened_cpu} s CPU; "
                f"{_shown(memory)}"
            )
        for child in children:
            assert child.stdin is not None
            child.stdin.write("\n")
            child.stdin.close()
            child.wait()


def reopened_index(index: MatchIndex) -> MatchIndex:
    """`index` written to an index file and opened again, its tables mapped (for the benches
    that measure screening with it: bench.matching and bench.evaluate --index-file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "match.index"
        wall, cpu = time.perf_counter(), time.process_time()
        write_index_file(path, index, stamp="bench", attachment=None)
        print(
            f"index file written ({path.stat().st_size / 2**20:.0f} MiB) in "
            f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
        )
        opened = open_index_file(path, stamp="bench").index  # mapped: usable once removed
    return opened


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=2_000)
    parser.add_argument(
        "--hold", nargs=3, metavar=("PATH", "KIND", "COUNT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.hold:
        path, kind, count = args.hold
        _hold(Path(path), kind, int(count))
        return 0

    snapshots = all_snapshots()
    screener = Screener.from_snapshots(snapshots, (LISTS_DIR / "host-risk.toml").read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        pickled = Path(folder) / "screener.pickle"
        with paused_garbage_collection():
            pickled.write_bytes(pickle.dumps(screener, protocol=pickle.HIGHEST_PROTOCOL))
        index_file = Path(folder) / "screener.index"
        wall, cpu = time.perf_counter(), time.process_time()
        write_screener_file(index_file, screener)
        print(
            f"index file written in {time.perf_counter() - wall:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s CPU"
        )
        del screener, snapshots
        gc.collect()
        _measure(pickled, "pickle", args.suppliers)
        _measure(index_file, "index", args.suppliers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
