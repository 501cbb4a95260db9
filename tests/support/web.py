"""The web page's harness: `screening serve` itself on a loopback port (the page is served as
a person opens it), Chromium tabs at laptop size, signing in, and a sheet uploaded through the API.

The server runs on a free loopback port with a temporary SQLite database and a known admin key,
fetching its lists from a mirror folder; readiness is waited for with support.server_process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from support.server_process import wait_until_serving
from support.serving import free_port
from support.uploads import finished_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The lists the page tests' expectations were written against (bench.shared_data.INDEXED_LISTS);
# the others are unavailable on this mirror, as a deployment's mirror may leave lists out.
WEB_MIRRORED = ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi")

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Loading every bundled list takes a while on a cold start; this is a readiness wait, not a
# speed check: it only stops a start that hangs. 240 s was passed on the 2-core machine shared
# with seven other sessions' suites (load average 19), and every browser test errored.
READY_WAIT_SECONDS = 900
JOB_WAIT_MS = 180_000


@dataclass(frozen=True, slots=True)
class LiveServer:
    base_url: str
    api_key: str
    mirror: Path  # the folder the server fetches its lists from
    log: Path  # what the server printed
    pid: int  # the `screening serve` process

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={"X-API-Key": self.api_key}, timeout=60.0
        )


@contextmanager
def running_server(
    data_dir: Path,
    mirror: Path,
    *,
    ready: bool = True,
    workers: int = 1,
    environment: Mapping[str, str] | None = None,
) -> Iterator[LiveServer]:
    """`screening serve` on a free loopback port with its own SQLite database under `data_dir`,
    fetching its lists from `mirror`; until it can screen (`ready`) or until it answers at all.
    One serving process unless a test is about several (`workers`); `environment`: more
    settings."""
    port = free_port()
    api_key = "web-test-" + secrets.token_hex(16)
    env = {
        **os.environ,
        "SCREENING_DATABASE_URL": f"sqlite:///{data_dir / 'screening.db'}",
        "SCREENING_DATA_DIR": str(data_dir),
        "SCREENING_ADMIN_KEY": api_key,
        "SCREENING_LISTS_DIR": str(REPO_ROOT / "lists"),
        "SCREENING_LISTS_MIRROR": str(mirror),
        "SCREENING_BROKER_URL": "",
        "SCREENING_RATE_LIMIT": "0",
        "SCREENING_SERVE_WORKERS": str(workers),
        **(environment or {}),
    }
    log = data_dir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "screening", "serve", "--host", "127.0.0.1", f"--port={port}"],
            env=env,
            cwd=data_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(
            base_url, process, log, answering_only=not ready, timeout=READY_WAIT_SECONDS
        )
        yield LiveServer(base_url, api_key, mirror, log, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def laptop_tab(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh tab (its own sessionStorage) at laptop size, failing on any script error."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1366, "height": 768},
        accept_downloads=True,
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def finished_sheet_job(live_server: LiveServer, sheet: Path) -> str:
    """Upload `sheet` through the API and wait for its job to be done: the job's id."""
    with live_server.client() as client:
        job = finished_upload(
            client,
            None,
            sheet.name,
            sheet.read_bytes(),
            content_type=XLSX,
            timeout=JOB_WAIT_MS / 1000,
        )
    assert job["status"] == "done", job
    job_id: str = job["job_id"]
    return job_id


def sign_in(page: Page, api_key: str) -> None:
    page.get_by_label("API key").fill(api_key)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
