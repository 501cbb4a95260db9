"""Browser-test fixtures: the real app in a uvicorn subprocess and Debian's Chromium via Playwright.

The server runs on a free loopback port with a temporary SQLite database and a known admin key.
Chromium is the system one (`apt-get install chromium`, see .ci/run); Playwright never downloads
a browser of its own.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mirror_server import copy_mirror

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
# speed check.
READY_WAIT_SECONDS = 240
JOB_WAIT_MS = 180_000

# Suppliers for the uploaded sheet: listed DPRK entities (as spelled in the official lists or in a
# customer's own spelling), clean companies, and a name that tries to inject HTML.
SHEET_HEADER = ("Vendor No", "Supplier Name", "Country", "Sector")
SHEET_ROWS = (
    ("V-001", "Mansudae Overseas Project Group of Companies", "KP", "construction"),
    ("V-002", "Korea Ryonbong General Corporation", "KP", ""),
    ("V-003", "Nordic Timber Trading AB", "SE", "logging"),
    ("V-004", "Bavarian Precision Tools GmbH", "DE", ""),
    ("V-005", '<img src=x onerror="window.__injected=1">Harbour Foods Ltd', "GB", ""),
)
INJECTED_NAME = SHEET_ROWS[4][1]


@dataclass(frozen=True, slots=True)
class LiveServer:
    base_url: str
    api_key: str
    mirror: Path  # the folder the server fetches its lists from
    log: Path  # what the server printed

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={"X-API-Key": self.api_key}, timeout=60.0
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_ready(
    base_url: str, process: subprocess.Popen[bytes], log: Path, *, answering_only: bool = False
) -> None:
    deadline = time.monotonic() + READY_WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text(errors='replace')}")
        try:
            status = httpx.get(f"{base_url}/readyz", timeout=2.0).status_code
            if status == 200 or (answering_only and status == 503):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server was not ready in time:\n{log.read_text(errors='replace')}")


@contextmanager
def running_server(data_dir: Path, mirror: Path, *, ready: bool = True) -> Iterator[LiveServer]:
    """`screening serve` on a free loopback port with its own SQLite database under `data_dir`,
    fetching its lists from `mirror`; until it can screen (`ready`) or until it answers at all."""
    port = _free_port()
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
        _wait_until_ready(base_url, process, log, answering_only=not ready)
        yield LiveServer(base_url, api_key, mirror, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real app (`screening serve`) on a free loopback port, with its own SQLite database."""
    data_dir = tmp_path_factory.mktemp("web-server")
    # Fetched at start from a copy of the shared folder, which a test may alter.
    with running_server(data_dir, copy_mirror(data_dir / "mirror", WEB_MIRRORED)) as server:
        yield server


@pytest.fixture(scope="session")
def live_server_url(live_server: LiveServer) -> str:
    return live_server.base_url


@pytest.fixture(scope="session")
def api_key(live_server: LiveServer) -> str:
    """The server's admin key, which the tests sign in with."""
    return live_server.api_key


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh tab on the live server."""
    with laptop_tab(browser, live_server.base_url) as tab:
        yield tab


@pytest.fixture(scope="session")
def supplier_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real xlsx supplier list, as an analyst would upload it."""
    path = tmp_path_factory.mktemp("sheets") / "suppliers.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Suppliers"
    sheet.append(SHEET_HEADER)
    for row in SHEET_ROWS:
        sheet.append(row)
    workbook.save(path)
    return path


def finished_upload(live_server: LiveServer, sheet: Path) -> str:
    """Upload `sheet` through the API and wait for its job to finish: the job's id."""
    with live_server.client() as client:
        response = client.post(
            "/v1/uploads",
            files={
                "file": (
                    sheet.name,
                    sheet.read_bytes(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            },
        )
        assert response.status_code == 202, response.text
        job_id: str = response.json()["job_id"]
        deadline = time.monotonic() + JOB_WAIT_MS / 1000
        while time.monotonic() < deadline:
            status = client.get(f"/v1/jobs/{job_id}").json()["status"]
            if status in ("done", "failed"):
                assert status == "done"
                return job_id
            time.sleep(0.3)
    raise RuntimeError(f"job {job_id} did not finish")


@pytest.fixture(scope="session")
def finished_job(live_server: LiveServer, supplier_sheet: Path) -> str:
    """The id of a finished upload job of `supplier_sheet`, made through the API."""
    return finished_upload(live_server, supplier_sheet)


def sign_in(page: Page, api_key: str) -> None:
    page.get_by_label("API key").fill(api_key)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def signed_in(page: Page, live_server: LiveServer) -> Page:
    """A tab signed in with the admin key, on the upload view."""
    page.goto("/")
    sign_in(page, live_server.api_key)
    return page


@pytest.fixture
def job_page(page: Page, live_server: LiveServer, finished_job: str) -> Page:
    """A tab showing `finished_job`'s results, opened the way a bookmark would."""
    page.goto(f"/#job={finished_job}")
    sign_in(page, live_server.api_key)
    expect(page.locator("#results-table tbody tr").first).to_be_visible(timeout=JOB_WAIT_MS)
    return page


@pytest.fixture(scope="session")
def supplier_rows() -> tuple[tuple[str, ...], ...]:
    return SHEET_ROWS
