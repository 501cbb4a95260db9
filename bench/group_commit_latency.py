"""How long a request waits for its screening to be durable when several serving processes'
group committers write one database: the store's share of POST /v1/screen's tail, without HTTP.

    .venv/bin/python -m bench.group_commit_latency                  # SQLite, 2 processes
    .venv/bin/python -m bench.group_commit_latency --database postgresql
    PYTHONPATH=../base/src .venv/bin/python -m bench.group_commit_latency   # another checkout

`--processes` spawned processes (the serving processes) each run one committer, fed by
`--threads` threads (the request threads) that each spend `--cpu-ms` of Python (the screening,
holding the GIL as it does) then commit one single-supplier screening and wait until it is
durable, for `--seconds`. Prints each process's commits and the wait of `commit()` (median,
p99, max): a writer that finds SQLite's lock held by another process sleeps in its busy
handler. The tenant's audit chain is verified at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bench.group_commit_cpu import bench_tenant, screening
from bench.tail_trace import percentile
from screening.api.deps import Principal
from screening.api.routes.screen import screening_committer
from screening.audit.log import verify_chains
from screening.store.db import make_engine


@dataclass(frozen=True, slots=True)
class Load:
    url: str
    principal: Principal
    threads: int
    cpu_seconds: float
    seconds: float


def spend_cpu(seconds: float) -> None:
    until = time.thread_time() + seconds
    while time.thread_time() < until:
        sum(range(200))


def serving_process(load: Load, start: Any, results: Any) -> None:
    """One serving process: its committer and request threads, started with the others (the
    `start` barrier); its waits put on `results`."""
    engine = make_engine(load.url)
    committer = screening_committer(engine)
    waits: list[float] = []
    start.wait()
    until = time.time() + load.seconds

    def requests() -> None:
        while time.time() < until:
            spend_cpu(load.cpu_seconds)
            item = screening(load.principal)
            started = time.perf_counter()
            committer.commit(item)
            waits.append(time.perf_counter() - started)

    threads = [threading.Thread(target=requests) for _ in range(load.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    committer.stop()
    engine.dispose()
    results.put(waits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--cpu-ms", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    with bench_tenant(args.database) as (engine, key):
        principal = Principal(key.tenant_id, key.key_id, key.role)
        url = engine.url.render_as_string(hide_password=False)
        load = Load(url, principal, args.threads, args.cpu_ms / 1000, args.seconds)
        context = multiprocessing.get_context("spawn")
        start, results = context.Barrier(args.processes), context.Queue()
        processes = [
            context.Process(target=serving_process, args=(load, start, results))
            for _ in range(args.processes)
        ]
        for process in processes:
            process.start()
        per_process = [results.get() for _ in processes]
        for process in processes:
            process.join()
        with Session(engine) as session:
            assert verify_chains(session, [principal.tenant_id]).valid
    everything = [wait for waits in per_process for wait in waits]
    print(
        f"{args.database}, {args.processes} processes x {args.threads} threads, "
        f"{args.cpu_ms} ms CPU a request, {args.seconds:.0f} s: "
        f"{len(everything) / args.seconds:.0f} commits/s"
    )
    for number, waits in enumerate([*per_process, everything]):
        name = "all" if number == len(per_process) else f"process {number + 1}"
        print(
            f"  {name}: {len(waits)} commits, wait p50 {1000 * percentile(waits, 0.5):.1f} ms, "
            f"p99 {1000 * percentile(waits, 0.99):.1f} ms, "
            f"max {1000 * max(waits, default=0):.1f} ms"
        )


if __name__ == "__main__":
    main()
