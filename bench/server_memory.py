"""The memory of the whole server, process by process (issue 16: <= 600 MB after a 20,000-row
upload, with its default processes).

    .venv/bin/python -m bench.server_memory                      # 1 and 2 serving processes
    .venv/bin/python -m bench.server_memory --workers 2 --upload-rows 20000
    .venv/bin/python -m bench.server_memory --data-dir DIR       # reuse a folder's lists

Starts `screening serve` (SQLite, lists from the shared mirror) for each number of serving
processes, waits until it is ready and settled, then prints every process of the server from
/proc/<pid>/smaps_rollup: PSS (shared pages divided among the processes mapping them), its
anonymous part (the process's own heap), its file part (libraries, the mapped index), private
dirty pages and shared pages; then the same after a 20,000-row upload's job is done and its
report built (and the most PSS sampled while the job ran), and again `--idle` seconds later
(a pool that exits when idle, heaps trimmed).
Memory is deterministic enough to compare branches one after the other; the upload's time and
server CPU are noisy on a shared machine (compare two trees in the same minutes).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.http_load import (
    Served,
    group_pids,
    serve_env,
    start_server,
    stop_server,
    upload_and_wait,
    wait_for,
)

ROLLUP_FIELDS = ("Pss", "Pss_Anon", "Pss_File", "Private_Dirty", "Shared_Clean", "Shared_Dirty")


@dataclass(frozen=True)
class ProcessMemory:
    pid: int
    role: str
    kib: dict[str, int]

    def mib(self, field: str) -> float:
        return self.kib.get(field, 0) / 1024


def rollup_kib(pid: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ROLLUP_FIELDS:
            found[name] = int(rest.split()[0])
    return found


def role_of(pid: int, leader: int) -> str:
    """What a process of the server is, from its command line and its parent."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    parent_command = Path(f"/proc/{parent}/cmdline").read_bytes().decode(errors="replace")
    if pid == leader:
        return "serve (main)"
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver" in command:
        return "job worker" if "forkserver" in parent_command else "fork server"
    if "spawn" in command:  # uvicorn's serving processes hold the listening socket
        return "serving process" if parent == leader and _has_socket(pid) else "job worker"
    return command[:40]


def _has_socket(pid: int) -> bool:
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).startswith("socket:"):
                return True
        except OSError:
            continue
    return False


def processes(leader: int) -> list[ProcessMemory]:
    found = []
    for pid in sorted(group_pids(leader)):
        try:
            found.append(ProcessMemory(pid, role_of(pid, leader), rollup_kib(pid)))
        except OSError:  # ended meanwhile
            continue
    return found


def show(title: str, leader: int) -> float:
    """Print the server's processes; returns their PSS in MiB."""
    found = processes(leader)
    total = sum(p.mib("Pss") for p in found)
    print(f"  {title}: {len(found)} processes, PSS {total:.0f} MiB")
    print("    pid     role              PSS   anon   file  priv.dirty  shared")
    for p in found:
        shared = p.mib("Shared_Clean") + p.mib("Shared_Dirty")
        print(
            f"    {p.pid:<7} {p.role:<16} {p.mib('Pss'):5.0f} {p.mib('Pss_Anon'):6.0f} "
            f"{p.mib('Pss_File'):6.0f} {p.mib('Private_Dirty'):11.0f} {shared:7.0f}"
        )
    return total


class PeakSampler:
    """The most PSS the server's processes held together, sampled while something runs (the
    job's workers may start and end between two snapshots)."""

    def __init__(self, leader: int, every: float = 0.5) -> None:
        self.peak = 0.0
        self._leader, self._every = leader, every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.is_set():
            total = sum(p.mib("Pss") for p in processes(self._leader))
            self.peak = max(self.peak, total)
            self._done.wait(self._every)


def cpu_seconds(leader: int) -> float:
    """CPU time of the server's processes and of the children they have reaped (job workers
    that ended)."""
    return sum(_cpu_ticks(pid) for pid in group_pids(leader)) / os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # ended meanwhile
        return 0
    utime, stime, children_utime, children_stime = stat.rsplit(")", 1)[1].split()[11:15]
    return int(utime) + int(stime) + int(children_utime) + int(children_stime)


def build_report(server: Served, admin_key: str) -> None:
    """Download the last job's xlsx report (building it is part of an upload's memory)."""
    with httpx.Client(base_url=server.base, headers={"X-API-Key": admin_key}, timeout=300) as c:
        job_id = c.get("/v1/jobs").json()["jobs"][0]["job_id"]
        for _ in range(300):
            response = c.get(f"/v1/jobs/{job_id}/report", params={"format": "xlsx"})
            if response.status_code == 200:
                return
            time.sleep(1)
    raise TimeoutError("the report was not built")


def measure(args: argparse.Namespace, workers: int, port: int) -> None:
    admin_key = secrets.token_urlsafe(32)
    if args.data_dir:
        data_dir = Path(args.data_dir) / f"serve-{workers}"
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        data_dir = Path(tempfile.mkdtemp(prefix=f"screening-memory-{workers}-"))
    database_url = f"sqlite:///{data_dir / 'screening.db'}"
    env = serve_env(workers) | {"SCREENING_LOG_FORMAT": "text"}
    process = start_server(data_dir, database_url, admin_key, port, extra_env=env)
    server = Served(workers, data_dir, database_url, port, process, lambda: None)
    print(f"[{workers} serving]")
    try:
        ready = wait_for(f"{server.base}/readyz", timeout=900)
        print(f"  ready in {ready:.1f} s")
        time.sleep(args.settle)
        show("ready, settled", process.pid)
        if args.upload_rows:
            cpu = cpu_seconds(process.pid)
            with PeakSampler(process.pid) as sampled:
                took = upload_and_wait(server, admin_key, args.upload_rows)
            cpu = cpu_seconds(process.pid) - cpu
            print(f"  the upload: {took:.1f} s, server CPU {cpu:.1f} s (its workers included)")
            print(f"  most PSS while the upload's job ran: {sampled.peak:.0f} MiB")
            show(f"after a {args.upload_rows}-row upload ({took:.0f} s)", process.pid)
            build_report(server, admin_key)
            show("after its xlsx report", process.pid)
            if args.idle:
                time.sleep(args.idle)
                show(f"{args.idle:.0f} s later", process.pid)
    finally:
        stop_server(process)
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress, as it goes
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2", help="serving processes, comma-separated")
    parser.add_argument("--upload-rows", type=int, default=20_000)
    parser.add_argument("--settle", type=float, default=10.0, help="seconds after ready")
    parser.add_argument("--idle", type=float, default=0.0, help="seconds after the report")
    parser.add_argument("--port", type=int, default=8761)
    parser.add_argument("--data-dir", default="", help="keep (and reuse) the servers' folders")
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"load {load}, {os.cpu_count()} cores")
    for n, workers in enumerate(int(w) for w in args.workers.split(",")):
        measure(args, workers, args.port + n)


if __name__ == "__main__":
    main()
