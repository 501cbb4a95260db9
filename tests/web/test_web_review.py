"""The page as a reviewer reads it: where each row is, decisions in force, explanations in words,
no failing request on sign-in, and screenshots of the results table and the detail view.

The screenshots (1366x768) go to bench/out/screenshots/ (SCREENING_SCREENSHOTS overrides it),
for a reviewer to look at in CI output; see docs/web.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, Response, expect

from support.web import JOB_WAIT_MS, REPO_ROOT, LiveServer, finished_sheet_job, sign_in

SCREENSHOTS = Path(os.environ.get("SCREENING_SCREENSHOTS", REPO_ROOT / "bench/out/screenshots"))
# A sheet of its own, so the decision recorded here touches no other test's job: decisions are
# the tenant's, keyed by the supplier's reference.
DECIDED_REF = "REVIEW-1"
REVIEW_ROWS = (
    ("Main", DECIDED_REF, "Korea Ryonbong General Corporation", "KP"),
    ("Main", "REVIEW-2", "Nordic Timber Trading AB", "SE"),
    ("Branches", "REVIEW-2", "Baltic Pine Sawmill OU", "EE"),  # the same ref on another sheet
)


@pytest.fixture(scope="module")
def review_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review suppliers.xlsx"
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Main"
    workbook.create_sheet("Branches")
    for sheet_name in ("Main", "Branches"):
        workbook[sheet_name].append(("Vendor No", "Supplier Name", "Country"))
    for sheet_name, *values in REVIEW_ROWS:
        workbook[sheet_name].append(values)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def review_job(live_server: LiveServer, review_sheet: Path) -> str:
    return finished_sheet_job(live_server, review_sheet)


@pytest.fixture
def review_page(page: Page, live_server: LiveServer, review_job: str) -> Iterator[Page]:
    page.goto(f"/#job={review_job}")
    sign_in(page, live_server.api_key)
    expect(page.locator("#results-table tbody tr").first).to_be_visible(timeout=JOB_WAIT_MS)
    yield page


def rows(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#results-table tbody tr")


def test_sign_in_makes_no_failing_request(page: Page, live_server: LiveServer) -> None:
    failed: list[str] = []

    def note(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", note)
    page.goto("/")
    sign_in(page, live_server.api_key)
    expect(page.locator("#list-status")).to_be_visible()
    assert failed == []


def test_results_heading_is_the_file_name(review_page: Page, review_sheet: Path) -> None:
    expect(review_page.locator("#job-title")).to_have_text(f"Screening of {review_sheet.name}")


def test_rows_of_different_sheets_are_told_apart_by_sheet_and_row(review_page: Page) -> None:
    headings = review_page.locator("#results-table thead th").all_inner_texts()
    assert headings[:3] == ["Sheet", "Row", "Reference"]
    same_ref = rows(review_page).filter(has_text="REVIEW-2")
    expect(same_ref).to_have_count(2)
    places = {
        (row.locator("td.sheet").inner_text(), row.locator("td.row-number").inner_text())
        for row in same_ref.all()
    }
    assert places == {("Main", "3"), ("Branches", "2")}


def test_a_clear_row_shows_no_best_match(review_page: Page) -> None:
    clean = rows(review_page).filter(has_text="Baltic Pine Sawmill OU")
    expect(clean.locator(".top-match")).to_have_text("")


def test_detail_view_explains_the_match_in_sentences(review_page: Page) -> None:
    review_page.get_by_role("button", name="Open Korea Ryonbong General Corporation").click()
    dialog = review_page.get_by_role("dialog")
    first = dialog.locator("section.match").first
    expect(first.locator(".explanation li").first).to_contain_text("The supplier's name")
    expect(first.locator(".entry-brief")).to_contain_text("Company or organisation")
    expect(first.locator(".entry-brief")).to_contain_text("programs")
    for raw in ("missing_in_supplier", "extra_in_supplier", "romanisation:", "acronym:"):
        expect(dialog).not_to_contain_text(raw)


def test_a_false_positive_shows_in_the_table_and_the_summary(review_page: Page) -> None:
    review_page.get_by_role("button", name="Open Korea Ryonbong General Corporation").click()
    dialog = review_page.get_by_role("dialog")
    sections = dialog.locator("section.match")
    expect(sections.first).to_be_visible()
    for index in range(sections.count()):  # clear every match: the row is then cleared
        section = sections.nth(index)
        section.get_by_label("False positive").check()
        section.get_by_label("Note").fill("Different company: checked the registry")
        section.get_by_role("button", name="Record decision").click()
        expect(section.locator(".decision .status")).to_contain_text("Decision recorded")
    review_page.keyboard.press("Escape")

    row = rows(review_page).filter(has_text="Korea Ryonbong General Corporation")
    expect(row.locator(".badge.decided")).to_have_text("Cleared")
    expect(row.locator(".level")).to_have_text("Clear")
    expect(review_page.locator("#job-summary-list .cleared-count .count")).to_have_text("1")

    row.get_by_role("button", name="Open Korea Ryonbong General Corporation").click()
    expect(dialog.locator(".decision-in-force").first).to_contain_text("False positive by")


def test_start_screening_stays_in_view_below_the_preview(
    signed_in: Page, review_sheet: Path
) -> None:
    signed_in.get_by_label("Spreadsheet file").set_input_files(review_sheet)
    expect(signed_in.locator("#preview-rows tbody tr").first).to_be_visible()
    expect(signed_in.get_by_role("button", name="Start screening")).to_be_in_viewport()


def test_screenshots_of_the_results_table_and_the_detail_view(review_page: Page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    table = SCREENSHOTS / "results-table-1366x768.png"
    review_page.screenshot(path=table)
    review_page.get_by_role("button", name="Open Korea Ryonbong General Corporation").click()
    dialog = review_page.get_by_role("dialog")
    expect(dialog.locator(".entry-side").first).not_to_have_attribute("aria-busy", "true")
    detail = SCREENSHOTS / "detail-view-1366x768.png"
    review_page.screenshot(path=detail)
    dialog.locator("section.match").first.scroll_into_view_if_needed()
    first_match = SCREENSHOTS / "detail-first-match-1366x768.png"
    review_page.screenshot(path=first_match)
    expect(dialog).not_to_contain_text("null")
    for path in (table, detail, first_match):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
