"""Browser-test fixtures: the real app (`screening serve`, see support.web) and Debian's Chromium
via Playwright.

The server runs on a free loopback port with a temporary SQLite database and a known admin key.
Chromium is the system one (`apt-get install chromium`, see .ci/run); Playwright never downloads
a browser of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mirror_server import copy_mirror
from support.web import (
    CHROMIUM,
    CHROMIUM_ARGS,
    JOB_WAIT_MS,
    WEB_MIRRORED,
    LiveServer,
    finished_sheet_job,
    laptop_tab,
    running_server,
    sign_in,
)

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


@pytest.fixture(scope="session")
def finished_job(live_server: LiveServer, supplier_sheet: Path) -> str:
    """The id of a finished upload job of `supplier_sheet`, made through the API."""
    return finished_sheet_job(live_server, supplier_sheet)


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
