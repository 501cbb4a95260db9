"""Restart to healthy on a data folder whose lists are imported (and, on this code, whose index
file exists): wall time and the CPU the server's processes spent until /healthz answered 200,
then the whole server's memory (RSS and PSS) once it settled.

    .venv/bin/python -m bench.serve_restart DATA_DIR [--workers 2] [--port 18120]

Make the data folder with a first `screening serve` on it (SCREENING_DATA_DIR, the shared
mirror). To measure other code on the same folder's copy, put its src/ first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bench.http_load import group_cpu_seconds, memory, stop_server, wait_for
from bench.shared_data import WATCHLISTS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=18120)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds before memory")
    args = parser.parse_args()
    env = os.environ | {
        "SCREENING_DATA_DIR": str(args.data_dir),
        "SCREENING_LISTS_MIRROR": str(WATCHLISTS),
        "SCREENING_ADMIN_KEY": secrets.token_urlsafe(32),
        "SCREENING_RATE_LIMIT": "0",
        "SCREENING_SERVE_WORKERS": str(args.workers),
    }
    with (args.data_dir / "restart.log").open("ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "screening", "serve", "--port", str(args.port)],
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:
        healthy = wait_for(f"http://127.0.0.1:{args.port}/healthz", timeout=600)
        cpu = group_cpu_seconds(server.pid)
        load = Path("/proc/loadavg").read_text().split()[0]
        print(f"restart to healthy: {healthy:.1f} s, server CPU {cpu:.1f} s (load {load})")
        time.sleep(args.settle)
        print(f"then: {memory(server)}")
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
