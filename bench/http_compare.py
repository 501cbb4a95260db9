"""Single-supplier POST /v1/screen on two checkouts side by side: this one and a baseline.

    git worktree add --detach ../base main
    .venv/bin/python -m bench.http_compare --baseline ../base                # SQLite
    .venv/bin/python -m bench.http_compare --baseline ../base --database postgresql

On a machine shared with other work, wall figures move with the load from one minute to the
next; run one after the other, two versions are compared with different loads. Here both servers
run at once (each with its own fresh data folder and database, job workers off: this is the
request path alone), and wrk runs alternate between them, so each round meets both with the same
load. The baseline runs with its own source first on the path, under its own virtualenv
(`.venv`) when it has one (`cp -a .venv ../base/.venv`, then remove what this branch added), else
under this checkout's. Per round and server: requests/s, p50 and p99 (wrk's), and the CPU time
the server's processes spent per request (immune to how much of the cores others took).
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.http_load import (
    POSTGRES_SERVER,
    SCREEN_BODY,
    WRK_SCRIPT,
    group_cpu_seconds,
    run_wrk,
    start_server,
    stop_server,
    wait_for,
)
from bench.workers import create_database

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True, slots=True)
class Round:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float


def _latency_ms(report: str, percentile: str) -> float:
    found = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", report, re.MULTILINE)
    if found is None:
        raise ValueError(f"no {percentile}% line in wrk's report:\n{report}")
    return float(found.group(1)) * _UNITS[found.group(2)]


def measure(url: str, script: Path, leader: int, connections: int, seconds: int) -> Round:
    cpu_before = group_cpu_seconds(leader)
    report = run_wrk(url, script, connections, seconds)
    cpu_spent = group_cpu_seconds(leader) - cpu_before
    requests = int(next(line for line in report.splitlines() if "requests in" in line).split()[0])
    if "Non-2xx" in report:
        raise RuntimeError(f"{url} answered errors under load:\n{report}")
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1))  # type: ignore[union-attr]
    return Round(
        per_second,
        _latency_ms(report, "50"),
        _latency_ms(report, "99"),
        1000 * cpu_spent / max(requests, 1),
    )


def interpreter(checkout: Path) -> str:
    own = checkout / ".venv" / "bin" / "python"
    return str(own) if own.exists() else sys.executable


@dataclass(slots=True)
class Server:
    name: str
    source: Path
    port: int
    data_dir: Path
    drop: Callable[[], None]
    database_url: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline", type=Path, action="append", required=True, help="another checkout (repeat)"
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8751)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench.http_compare needs wrk: apt-get install wrk")
    here = Path(__file__).resolve().parents[1]
    admin_key = secrets.token_urlsafe(32)
    servers = [
        Server(baseline.resolve().name, baseline.resolve(), args.port + n, Path(), lambda: None)
        for n, baseline in enumerate(args.baseline)
    ]
    servers.append(Server("this", here, args.port + len(servers), Path(), lambda: None))
    processes = {}
    try:
        for server in servers:
            server.data_dir = Path(tempfile.mkdtemp(prefix=f"screening-compare-{server.name}-"))
            if args.database == "postgresql":
                server.database_url, server.drop = create_database(POSTGRES_SERVER)
            else:
                server.database_url = f"sqlite:///{server.data_dir / 'screening.db'}"
            processes[server.name] = start_server(
                server.data_dir,
                server.database_url,
                admin_key,
                server.port,
                extra_env={
                    "SCREENING_JOB_WORKERS": "0",
                    "PYTHONPATH": str(server.source / "src"),
                },
                python=interpreter(server.source),
            )
        script = servers[0].data_dir / "screen.lua"
        script.write_text(WRK_SCRIPT.format(key=admin_key, body=SCREEN_BODY))
        for server in servers:
            wait_for(f"http://127.0.0.1:{server.port}/readyz", timeout=900)
            run_wrk(f"http://127.0.0.1:{server.port}/v1/screen", script, args.connections, 3)
        print(f"{args.database}, {args.connections} connections, {args.seconds} s a run")
        print("round server     requests/s  p50 ms  p99 ms  CPU ms/request")
        for number in range(1, args.rounds + 1):
            for server in servers:
                figures = measure(
                    f"http://127.0.0.1:{server.port}/v1/screen",
                    script,
                    processes[server.name].pid,
                    args.connections,
                    args.seconds,
                )
                print(
                    f"{number:5} {server.name:10} {figures.requests_per_second:10.1f} "
                    f"{figures.p50_ms:7.1f} {figures.p99_ms:7.1f} "
                    f"{figures.cpu_ms_per_request:15.2f}",
                    flush=True,
                )
    finally:
        for process in processes.values():
            stop_server(process)
        for server in servers:
            server.drop()
            shutil.rmtree(server.data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
