"""The results page of a finished job: filter, search, sort, supplier detail, report downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect


def table_rows(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#results-table tbody tr")


def test_level_filter_keeps_only_suppliers_of_that_level(job_page: Page) -> None:
    job_page.get_by_label("Risk level").select_option("clear")

    levels = table_rows(job_page).locator(".level").all_inner_texts()
    assert levels, "the sheet has clean suppliers"
    assert set(levels) == {"Clear"}


def test_search_narrows_the_table_to_matching_suppliers(job_page: Page) -> None:
    job_page.get_by_label("Search suppliers").fill("nordic")

    expect(table_rows(job_page)).to_have_count(1)
    expect(table_rows(job_page).first).to_contain_text("Nordic Timber Trading AB")


def test_search_finds_suppliers_by_their_matched_entry(job_page: Page) -> None:
    job_page.get_by_label("Search suppliers").fill("RYONBONG")

    expect(table_rows(job_page).first).to_contain_text("Korea Ryonbong General Corporation")


def test_results_start_highest_score_first(job_page: Page) -> None:
    header = job_page.locator("#results-table th[aria-sort]")
    expect(header).to_have_attribute("aria-sort", "descending")
    scores = [float(s) for s in table_rows(job_page).locator("td.score").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)


def test_score_header_sorts_lowest_first_and_says_so(job_page: Page) -> None:
    job_page.get_by_role("button", name="Sort by score").click()

    header = job_page.locator("#results-table th[aria-sort]")
    expect(header).to_have_attribute("aria-sort", "ascending")
    scores = [float(s) for s in table_rows(job_page).locator("td.score").all_inner_texts()]
    assert scores == sorted(scores)


def test_levels_are_written_out_not_only_coloured(job_page: Page) -> None:
    texts = set(table_rows(job_page).locator(".level").all_inner_texts())
    assert texts <= {"Critical", "High", "Medium", "Low", "Clear"}
    assert "Critical" in texts


def test_supplier_detail_shows_the_match_beside_the_listed_entry(job_page: Page) -> None:
    job_page.get_by_role("button", name="Open Mansudae Overseas Project Group of Companies").click()

    dialog = job_page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    first = dialog.locator("section.match").first
    expect(first.locator(".supplier-side")).to_contain_text("V-001")
    entry = first.locator(".entry-side")
    expect(entry).not_to_have_attribute("aria-busy", "true")
    expect(entry).to_contain_text("MANSUDAE")
    for label in ("Aliases", "Programs", "Countries", "Remarks", "List version"):
        expect(entry.locator("dt", has_text=label)).to_be_visible()
    version = entry.locator("dt:text-is('List version') + dd")
    expect(version).not_to_have_text("—")
    expect(dialog.get_by_role("heading", name="Why this score")).to_be_visible()


def test_supplier_detail_closes_with_escape(job_page: Page) -> None:
    job_page.get_by_role("button", name="Open Nordic Timber Trading AB").click()
    expect(job_page.get_by_role("dialog")).to_be_visible()

    job_page.keyboard.press("Escape")

    expect(job_page.get_by_role("dialog")).to_be_hidden()


def test_uploaded_names_are_shown_as_text_never_as_html(
    job_page: Page, supplier_rows: tuple[tuple[str, ...], ...]
) -> None:
    injected = next(row[1] for row in supplier_rows if "<img" in row[1])

    expect(job_page.locator("#results-table th[scope=row]", has_text=injected)).to_be_visible()
    assert job_page.locator("#results-table img").count() == 0
    assert job_page.evaluate("window.__injected") is None


def test_xlsx_report_downloads_and_opens(job_page: Page, tmp_path: Path) -> None:
    with job_page.expect_download() as info:
        job_page.get_by_role("button", name="Excel (.xlsx)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)

    assert path.suffix == ".xlsx"
    workbook = load_workbook(path, read_only=True)
    text = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "Mansudae Overseas Project Group of Companies" in text


def test_csv_report_downloads(job_page: Page) -> None:
    with job_page.expect_download() as info:
        job_page.get_by_role("button", name="CSV (.csv)").click()

    assert info.value.suggested_filename.endswith(".csv")
    text = open(info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = list(csv.reader(io.StringIO(text)))
    assert any("Nordic Timber Trading AB" in row for row in rows)


def test_pdf_report_downloads(job_page: Page) -> None:
    with job_page.expect_download() as info:
        job_page.get_by_role("button", name="PDF (.pdf)").click()

    assert info.value.suggested_filename.endswith(".pdf")
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115
