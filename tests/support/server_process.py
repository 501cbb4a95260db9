"""The real app in a process of its own, for the tests that need what a thread hides: the
server's memory, its log output, its start-up, several processes.

`start_server` runs support/served_app.py (the app over three small lists, ready at once);
support.web runs `screening serve` itself. Both wait for readiness with `wait_until_serving`.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import httpx

from support.serving import free_port
from support.waiting import wait_until

STARTUP_GUARD_SECONDS = 240.0  # only stops a hung start (a cold start loads lists): no speed check
REPO_ROOT = Path(__file__).resolve().parents[2]
# What a server process imports beyond the installed package: the repository (bench/) and tests/
# (support/), as the test session itself does.
TESTS_PYTHONPATH = os.pathsep.join([str(REPO_ROOT / "tests"), str(REPO_ROOT)])


def wait_until_serving(
    base_url: str,
    process: subprocess.Popen[bytes],
    log: Path,
    *,
    answering_only: bool = False,
    timeout: float = STARTUP_GUARD_SECONDS,
) -> None:
    """Until GET /readyz says ready (or, `answering_only`, until it answers at all); fails with
    the server's output if the process ends first."""

    def serving() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text(errors='replace')}")
        try:
            status = httpx.get(f"{base_url}/readyz", timeout=2.0).status_code
        except httpx.TransportError:
            return False
        return status == 200 or (answering_only and status == 503)

    try:
        # Not too often: a server loading its lists has the machine's cores busy already.
        wait_until(serving, f"the server at {base_url} to be ready", timeout, every=0.25)
    except AssertionError as error:
        raise RuntimeError(f"{error}:\n{log.read_text(errors='replace')}") from None


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
    environment = {**os.environ, "PYTHONPATH": TESTS_PYTHONPATH, **(environment or {})}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "support.served_app",
                database_url,
                str(port),
                str(work_dir / "var"),
                str(max_upload_bytes),
                key,
            ],
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", process, log_path)
    except RuntimeError:
        process.kill()
        raise
    return process, port, key


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
