"""Single-supplier POST /v1/screen under a real load generator (wrk) against a real server.

    .venv/bin/python -m bench.http_load                        # SQLite, 8 connections, 20 s
    .venv/bin/python -m bench.http_load --database postgresql  # a fresh PostgreSQL database
    .venv/bin/python -m bench.http_load --connections 1 --seconds 10

Starts `screening serve` on a loopback port with a fresh data folder (lists from the shared
mirror, rate limits off, as a new user would run it), waits until it is ready, then runs wrk
(Debian's `wrk`: `apt-get install wrk`) at the given number of connections, one supplier a
request. Prints requests/s and latency percentiles (wrk's), the CPU time the server's processes
spent per request, and their resident memory (all processes of the server: the API process, the
fork server and the job workers). The server is then restarted on the same data folder, with its
lists already imported, and the time from start to a 200 from /healthz is printed. The machine is
shared with the generator: on 2 cores, wrk's own CPU is part of the budget.
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
from pathlib import Path

from bench.shared_data import WATCHLISTS
from bench.workers import create_database

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
        start_new_session=True,  # its own process group: the fork server and workers too
    )


def wait_for(url: str, timeout: float) -> float:
    """Seconds until `url` answers 200."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


def wait_for_job_workers(log: Path, timeout: float) -> None:
    """Until the server's job worker processes have loaded the lists: their start is not load."""
    started = time.perf_counter()
    while "worker processes ready" not in log.read_text(errors="replace"):
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"no job workers ready within {timeout:.0f} s: see {log}")
        time.sleep(0.5)


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
    kib = 0
    for pid in group_pids(leader):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8741)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench.http_load needs wrk: apt-get install wrk")
    data_dir = Path(tempfile.mkdtemp(prefix="screening-http-load-"))
    drop: Callable[[], None] = lambda: None  # noqa: E731
    if args.database == "postgresql":
        database_url, drop = create_database(POSTGRES_SERVER)
    else:
        database_url = f"sqlite:///{data_dir / 'screening.db'}"
    admin_key = secrets.token_urlsafe(32)
    base = f"http://127.0.0.1:{args.port}"
    script = data_dir / "screen.lua"
    script.write_text(WRK_SCRIPT.format(key=admin_key, body=SCREEN_BODY))
    try:
        server = start_server(data_dir, database_url, admin_key, args.port)
        try:
            first_ready = wait_for(f"{base}/readyz", timeout=600)
            print(f"first start (lists fetched and imported) to ready: {first_ready:.1f} s")
            wait_for_job_workers(data_dir / "server.log", timeout=300)
            run_wrk(f"{base}/v1/screen", script, args.connections, 3)  # warm-up
            cpu_before = group_cpu_seconds(server.pid)
            report = run_wrk(f"{base}/v1/screen", script, args.connections, args.seconds)
            cpu_spent = group_cpu_seconds(server.pid) - cpu_before
            print(report)
            requests = int(
                next(line for line in report.splitlines() if "requests in" in line).split()[0]
            )
            print(f"server CPU per request: {1000 * cpu_spent / requests:.2f} ms")
            print(f"server resident memory, all processes: {group_rss_mib(server.pid):.0f} MiB")
        finally:
            stop_server(server)
        server = start_server(data_dir, database_url, admin_key, args.port)
        try:
            print(f"restart to healthy: {wait_for(f'{base}/healthz', timeout=600):.1f} s")
        finally:
            stop_server(server)
    finally:
        drop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
