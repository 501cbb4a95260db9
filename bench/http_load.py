"""Single-supplier POST /v1/screen under a real load generator (wrk) against a real server.

    .venv/bin/python -m bench.http_load                        # SQLite, 8 connections, 20 s
    .venv/bin/python -m bench.http_load --database postgresql  # a fresh PostgreSQL database
    .venv/bin/python -m bench.http_load --connections 1 --seconds 10
    .venv/bin/python -m bench.http_load --workers 1,2 --rounds 3 --upload-rows 20000

Starts `screening serve` on a loopback port with a fresh data folder (lists from the shared
mirror, rate limits off, as a new user would run it), waits until it is ready, then runs wrk
(Debian's `wrk`: `apt-get install wrk`) at the given number of connections, one supplier a
request. Prints requests/s and latency percentiles (wrk's), the CPU time the server's processes
spent per request, and their resident memory (all processes of the server: the serving processes
and, while a job runs and a few seconds after, its worker processes; `bench.server_memory` shows
them one by one). The server is then restarted on the same data folder, with its
lists already imported (and its index file built), and the time from start to a 200 from
/healthz is printed. The machine is shared with the generator: on 2 cores, wrk's own CPU is part
of the budget. `--workers 1,2` starts one server of each size at once and alternates wrk rounds
between them (same minutes, same load); memory is given as RSS and PSS (shared pages counted once).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.shared_data import WATCHLISTS
from bench.workers import as_csv, create_database, supplier_rows
from screening.jobs.pool import IDLE_SECONDS

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
SCREEN_BODY = '{"suppliers":[{"name":"Korea Sobaeksu Trading Company","country":"KP"}]}'
WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "{key}"
wrk.body = '{body}'
"""


def start_server(
    data_dir: Path,
    database_url: str,
    admin_key: str,
    port: int,
    *,
    extra_env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> subprocess.Popen[bytes]:
    env = (
        os.environ
        | {
            "SCREENING_DATA_DIR": str(data_dir),
            "SCREENING_DATABASE_URL": database_url,
            "SCREENING_LISTS_MIRROR": str(WATCHLISTS),
            "SCREENING_ADMIN_KEY": admin_key,
            "SCREENING_RATE_LIMIT": "0",
            "SCREENING_SUPPLIER_RATE_LIMIT": "0",
        }
        | (extra_env or {})
    )
    log = (data_dir / "server.log").open("ab")
    return subprocess.Popen(
        [python, "-m", "screening", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,  # its own process group: the job workers too
    )


def wait_for(url: str, timeout: float) -> float:
    """Seconds until `url` answers 200."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            # a loaded machine may take seconds to answer /readyz: a short timeout never would
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def group_pids(leader: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == leader:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def group_cpu_seconds(leader: int) -> float:
    ticks = 0
    for pid in group_pids(leader):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def group_rss_mib(leader: int) -> float:
    return _group_mib(leader, "status", "VmRSS:")


def _group_mib(leader: int, proc_file: str, field: str) -> float:
    """The sum of one kB figure of /proc/<pid>/<proc_file> over the server's processes."""
    kib = 0
    for pid in group_pids(leader):
        try:
            for line in Path(f"/proc/{pid}/{proc_file}").read_text().splitlines():
                if line.startswith(field):
                    kib += int(line.split()[1])
        except OSError:
            continue
    return kib / 1024


def run_wrk(url: str, script: Path, connections: int, seconds: int) -> str:
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    return subprocess.run(
        [*command, "-s", str(script), url], check=True, capture_output=True, text=True
    ).stdout


def group_pss_mib(leader: int) -> float:
    """Proportional set size of the server's processes: pages they share (the mapped index
    file, the libraries) counted once in all, not once per process as resident memory is."""
    return _group_mib(leader, "smaps_rollup", "Pss:")


def memory(server: subprocess.Popen[bytes]) -> str:
    processes = len(group_pids(server.pid))
    return (
        f"{processes} processes, RSS {group_rss_mib(server.pid):.0f} MiB, "
        f"PSS {group_pss_mib(server.pid):.0f} MiB"
    )


@dataclass
class Round:
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float  # server CPU per request


def wrk_round(server: Served, script: Path, connections: int, seconds: int) -> Round:
    cpu_before = group_cpu_seconds(server.process.pid)
    report = run_wrk(f"{server.base}/v1/screen", script, connections, seconds)
    cpu_spent = group_cpu_seconds(server.process.pid) - cpu_before
    lines = report.splitlines()
    requests = int(next(line for line in lines if "requests in" in line).split()[0])
    per_second = float(next(line for line in lines if line.startswith("Requests/sec")).split()[1])

    def percentile(name: str) -> float:
        value = next(line for line in lines if line.strip().startswith(name)).split()[1]
        for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
            if value.endswith(unit):
                return float(value.removesuffix(unit)) * factor
        raise ValueError(value)

    return Round(
        requests, per_second, percentile("50%"), percentile("99%"), 1000 * cpu_spent / requests
    )


@dataclass
class Served:
    workers: int
    data_dir: Path
    database_url: str
    port: int
    process: subprocess.Popen[bytes]
    drop: Callable[[], None]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_served(args: argparse.Namespace, workers: int, port: int, admin_key: str) -> Served:
    data_dir = Path(tempfile.mkdtemp(prefix=f"screening-http-load-{workers}-"))
    drop: Callable[[], None] = lambda: None  # noqa: E731
    if args.database == "postgresql":
        database_url, drop = create_database(POSTGRES_SERVER)
    else:
        database_url = f"sqlite:///{data_dir / 'screening.db'}"
    process = start_server(data_dir, database_url, admin_key, port, extra_env=serve_env(workers))
    return Served(workers, data_dir, database_url, port, process, drop)


def serve_env(workers: int) -> dict[str, str]:
    return {"SCREENING_SERVE_WORKERS": str(workers)}


def upload_and_wait(server: Served, admin_key: str, rows: int) -> float:
    """Upload a sheet of `rows` suppliers and wait until its job is done; seconds taken."""
    import httpx

    started = time.perf_counter()
    headers = {"X-API-Key": admin_key}
    with httpx.Client(base_url=server.base, headers=headers, timeout=120) as client:
        sheet = ("suppliers.csv", as_csv(supplier_rows(rows)), "text/csv")
        response = client.post("/v1/uploads", files={"file": sheet})
        response.raise_for_status()
        job_id = response.json()["job_id"]
        while True:
            job = client.get(f"/v1/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(1)
    if job["status"] != "done":
        raise RuntimeError(f"the upload's job failed: {job}")
    return time.perf_counter() - started


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress, as it goes
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8741)
    parser.add_argument(
        "--workers",
        default="1",
        help="serving processes (SCREENING_SERVE_WORKERS); several, comma-separated: one server "
        "each, all started at once and measured in alternating rounds",
    )
    parser.add_argument("--rounds", type=int, default=1, help="wrk runs per server, alternated")
    parser.add_argument(
        "--upload-rows", type=int, default=0, help="then upload a sheet of this many rows"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench.http_load needs wrk: apt-get install wrk")
    admin_key = secrets.token_urlsafe(32)
    counts = [int(w) for w in args.workers.split(",")]
    servers = [
        start_served(args, workers, args.port + n, admin_key) for n, workers in enumerate(counts)
    ]
    try:
        for server in servers:
            first_ready = wait_for(f"{server.base}/readyz", timeout=900)
            print(f"[{server.workers} serving] first start to ready: {first_ready:.1f} s")
        for server in servers:
            script = server.data_dir / "screen.lua"
            script.write_text(WRK_SCRIPT.format(key=admin_key, body=SCREEN_BODY))
            run_wrk(f"{server.base}/v1/screen", script, args.connections, 3)  # warm-up
        rounds: dict[int, list[Round]] = {server.workers: [] for server in servers}
        for _ in range(args.rounds):
            for server in servers:
                script = server.data_dir / "screen.lua"
                done = wrk_round(server, script, args.connections, args.seconds)
                rounds[server.workers].append(done)
                print(
                    f"[{server.workers} serving] {done.per_second:.0f} requests/s, "
                    f"p50 {done.p50_ms:.1f} ms, p99 {done.p99_ms:.1f} ms, "
                    f"server CPU {done.cpu_ms:.2f} ms/request",
                    flush=True,
                )
        for server in servers:
            runs = rounds[server.workers]
            mean = sum(r.per_second for r in runs) / len(runs)
            cpu = sum(r.cpu_ms for r in runs) / len(runs)
            print(
                f"[{server.workers} serving] mean {mean:.0f} requests/s, "
                f"p99 {', '.join(f'{r.p99_ms:.0f}' for r in runs)} ms, CPU {cpu:.2f} ms/request"
            )
        if len(servers) > 1:
            first = rounds[servers[0].workers]
            for server in servers[1:]:
                ratio = sum(r.per_second for r in rounds[server.workers]) / sum(
                    r.per_second for r in first
                )
                print(f"requests/s {server.workers} / {servers[0].workers} serving: {ratio:.2f}")
        for server in servers:
            print(f"[{server.workers} serving] memory: {memory(server.process)}")
            if args.upload_rows:
                took = upload_and_wait(server, admin_key, args.upload_rows)
                print(
                    f"[{server.workers} serving] after a {args.upload_rows}-row upload "
                    f"({took:.0f} s): {memory(server.process)}"
                )
                time.sleep(IDLE_SECONDS + 2)  # the job's workers end once it has none left
                print(f"[{server.workers} serving] at rest after it: {memory(server.process)}")
        for server in servers:
            stop_server(server.process)
            server.process = start_server(
                server.data_dir,
                server.database_url,
                admin_key,
                server.port,
                extra_env=serve_env(server.workers),
            )
            healthy = wait_for(f"{server.base}/healthz", timeout=600)
            cpu = group_cpu_seconds(server.process.pid)
            print(
                f"[{server.workers} serving] restart to healthy: {healthy:.1f} s "
                f"(server CPU {cpu:.1f} s)"
            )
            print(f"[{server.workers} serving] memory after the restart: {memory(server.process)}")
    finally:
        for server in servers:
            stop_server(server.process)
            server.drop()
            shutil.rmtree(server.data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
