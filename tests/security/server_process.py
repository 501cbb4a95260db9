"""The app (three small lists) served by uvicorn in a process of its own (served_app.py), for the
tests that need what a test client hides: the server's memory, its log output, several processes.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx
from security_app import free_port

STARTUP_GUARD_SECONDS = 120  # only stops a hung start; never a speed requirement
SERVER_SCRIPT = Path(__file__).resolve().parent / "served_app.py"
REPO_ROOT = Path(__file__).resolve().parents[2]


def start_server(
    work_dir: Path,
    database_url: str,
    *,
    max_upload_bytes: int = 50 * 1024 * 1024,
    admin_key: str | None = None,
    environment: Mapping[str, str] | None = None,
    log_name: str = "server.log",
) -> tuple[subprocess.Popen[bytes], int, str]:
    """Start served_app.py writing its output to `work_dir/log_name`; wait until /readyz says
    ready. Returns (process, port, operator key)."""
    port = free_port()
    key = admin_key or f"operator-{secrets.token_hex(16)}"
    log_path = work_dir / log_name
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                str(SERVER_SCRIPT),
                database_url,
                str(port),
                str(work_dir / "var"),
                str(max_upload_bytes),
                key,
            ],
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(environment or {})},
        )
    deadline = time.monotonic() + STARTUP_GUARD_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(log_path.read_text(errors="replace"))
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process, port, key
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the server did not start")
        time.sleep(0.1)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(60)
