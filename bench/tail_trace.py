"""Where the tail of POST /v1/screen comes from: wrk's latencies beside what each server process
recorded while they were measured.

    .venv/bin/python -m bench.tail_trace                          # SQLite, 2 serving processes
    .venv/bin/python -m bench.tail_trace --database postgresql
    .venv/bin/python -m bench.tail_trace --pragmas "wal_autocheckpoint=0"   # try a setting
    .venv/bin/python -m bench.tail_trace --source ../base          # another checkout's code

Starts `screening serve` (job workers off, as bench.http_compare) with `bench.tail_probe` loaded
in each of its processes, runs wrk at 8 connections for `--seconds`, stops the server and reads
what the processes recorded in that window: each process's share of the requests and their
latency inside the process, the worker-thread part, the collector's pauses, the event loop's
lateness and the group commits (size, statements, commit, WAL checkpoints), then the slowest
requests with what overlapped them.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.http_compare import _latency_ms
from bench.http_load import (
    POSTGRES_SERVER,
    SCREEN_BODY,
    WRK_SCRIPT,
    run_wrk,
    start_server,
    stop_server,
    wait_for,
)
from bench.workers import create_database

Event = tuple[str, float, float, dict[str, Any], int]  # kind, start, end, extra, pid


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def read_events(folder: Path, start: float, end: float) -> list[Event]:
    events: list[Event] = []
    for path in folder.glob("*.jsonl"):
        pid = int(path.stem)
        for line in path.read_text().splitlines():
            kind, began, ended, extra = json.loads(line)
            if began >= start and ended <= end:
                events.append((kind, began, ended, extra, pid))
    return events


def ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f}"


def summary(values: list[float]) -> str:
    return (
        f"n {len(values)}, p50 {ms(percentile(values, 0.5))}, p99 {ms(percentile(values, 0.99))}, "
        f"max {ms(max(values, default=0.0))} ms"
    )


def report(events: list[Event]) -> None:
    by_kind: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_kind[event[0]].append(event)
    requests = by_kind["request"]
    pids = sorted({event[4] for event in requests})
    print("\nper serving process (latency inside the process, ASGI call to last byte sent):")
    for pid in pids:
        own = [e[2] - e[1] for e in requests if e[4] == pid]
        handler = [e[2] - e[1] for e in by_kind["handler"] if e[4] == pid]
        print(f"  {pid}: requests {summary(own)}")
        print(f"  {pid}: worker thread {summary(handler)}")
    print("\ncollector pauses, per process and generation:")
    for pid in sorted({e[4] for e in by_kind["gc"]}):
        for generation in (0, 1, 2):
            pauses = [
                e[2] - e[1]
                for e in by_kind["gc"]
                if e[4] == pid and e[3]["generation"] == generation
            ]
            if pauses:
                print(f"  {pid} gen {generation}: {summary(pauses)}, total {ms(sum(pauses))} ms")
    late = [e[3]["late"] for e in by_kind["loop_late"]]
    print(f"\nevent loop late by more than 5 ms: {summary(late)}")
    groups = by_kind["group"]
    print("\ngroup commits, per process:")
    for pid in sorted({e[4] for e in groups}):
        own_groups = [e for e in groups if e[4] == pid]
        sizes = [e[3]["size"] for e in own_groups]
        print(
            f"  {pid}: {len(own_groups)} groups, {sum(sizes)} screenings, "
            f"mean size {sum(sizes) / max(len(sizes), 1):.2f}"
        )
        print(f"  {pid}: whole {summary([e[2] - e[1] for e in own_groups])}")
        waits = [e[3].get("wait", 0.0) for e in own_groups]
        print(f"  {pid}: wait for the writers' lock {summary(waits)}")
        print(f"  {pid}: statements {summary([e[3]['write'] for e in own_groups])}")
        print(f"  {pid}: commit {summary([e[3]['commit'] for e in own_groups])}")
        checkpoints = [e for e in own_groups if e[3]["checkpoint"]]
        if checkpoints:
            checkpointed = [e[3]["commit"] for e in checkpoints]
            print(f"  {pid}: commits that checkpointed {summary(checkpointed)}")
    slowest = sorted(requests, key=lambda e: e[1] - e[2])[:12]
    print("\nthe slowest requests and what overlapped them (same process unless marked *):")
    for request in slowest:
        _kind, began, ended, _extra, pid = request
        overlapping = []
        for event in events:
            if event[0] in ("request", "handler") or event[2] < began or event[1] > ended:
                continue
            if event[0] == "group" and event[2] - event[1] < 0.010:
                continue
            mark = "" if event[4] == pid else "*"
            detail = {k: round(v, 4) if isinstance(v, float) else v for k, v in event[3].items()}
            overlapping.append(f"{mark}{event[0]} {ms(event[2] - event[1])} ms {detail}")
        print(f"  {pid} {ms(ended - began)} ms at +{began - events[0][1]:.2f} s:")
        for line in overlapping[:8]:
            print(f"      {line}")


SITE = "import bench.tail_probe\nbench.tail_probe.install()\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--pragmas", default="", help="run on each SQLite connection, ';' apart")
    parser.add_argument("--source", type=Path, help="another checkout whose code is served")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    parser.add_argument(
        "--prepared",
        type=Path,
        help="SQLite: a data folder kept from an earlier run (lists imported, index file built), "
        "copied and served; made by the first run that names it",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench.tail_trace needs wrk: apt-get install wrk")
    here = Path(__file__).resolve().parents[1]
    source = (args.source or here).resolve()
    work = Path(tempfile.mkdtemp(prefix="screening-tail-"))
    if args.prepared is not None and args.prepared.exists():
        shutil.copytree(args.prepared, work, dirs_exist_ok=True)
    (work / "site").mkdir()
    (work / "site" / "sitecustomize.py").write_text(SITE)
    (work / "trace").mkdir()
    drop = None
    if args.database == "postgresql":
        database_url, drop = create_database(POSTGRES_SERVER)
    else:
        database_url = f"sqlite:///{work / 'screening.db'}"
    admin_key = secrets.token_urlsafe(32)
    env = {
        "SCREENING_JOB_WORKERS": "0",
        "SCREENING_SERVE_WORKERS": str(args.workers),
        "PYTHONPATH": f"{work / 'site'}:{source / 'src'}:{here}",
        "SCREENING_TAIL_TRACE": str(work / "trace"),
        "SCREENING_TAIL_PRAGMAS": args.pragmas,
    } | dict(item.split("=", 1) for item in args.env)
    server = start_server(work, database_url, admin_key, args.port, extra_env=env)
    try:
        url = f"http://127.0.0.1:{args.port}"
        wait_for(f"{url}/readyz", timeout=900)
        script = work / "screen.lua"
        script.write_text(WRK_SCRIPT.format(key=admin_key, body=SCREEN_BODY))
        run_wrk(f"{url}/v1/screen", script, args.connections, 3)
        time.sleep(1.5)  # the warm-up's events flushed before the window opens
        start = time.time()
        wrk = run_wrk(f"{url}/v1/screen", script, args.connections, args.seconds)
        end = time.time()
        stop_server(server)
        if args.prepared is not None and not args.prepared.exists():
            shutil.copytree(work, args.prepared, ignore=shutil.ignore_patterns("site", "trace"))
        per_second = next(line for line in wrk.splitlines() if line.startswith("Requests/sec"))
        print(
            f"{args.database}, {args.workers} serving processes, {args.connections} connections, "
            f"{args.seconds} s; {per_second.strip()}; wrk p50 {_latency_ms(wrk, '50'):.1f} ms, "
            f"p90 {_latency_ms(wrk, '90'):.1f}, p99 {_latency_ms(wrk, '99'):.1f} ms"
        )
        report(sorted(read_events(work / "trace", start, end), key=lambda e: e[1]))
    finally:
        if server.poll() is None:
            stop_server(server)
        if drop is not None:
            drop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
