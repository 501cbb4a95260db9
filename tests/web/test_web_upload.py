"""An analyst uploads a real xlsx in Chromium, watches it run and reads the results table."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from shared_data import shared_file

# How long to wait for a job to end: a readiness wait, not a speed check.
JOB_WAIT_MS = 180_000


def shown_job(page: Page) -> str:
    """The id of the job the results view shows: the address names it (#job=<id>)."""
    return page.url.rsplit("#job=", 1)[-1]


def upload(page: Page, sheet: Path) -> None:
    page.get_by_label("Spreadsheet file").set_input_files(sheet)
    expect(page.locator("#file-chosen")).to_contain_text(sheet.name)
    page.get_by_role("button", name="Start screening").click()


def test_uploaded_sheet_runs_and_fills_the_results_table(
    signed_in: Page, supplier_sheet: Path, supplier_rows: tuple[tuple[str, ...], ...]
) -> None:
    upload(signed_in, supplier_sheet)

    expect(
        signed_in.get_by_role("heading", name=f"Screening of {supplier_sheet.name}")
    ).to_be_visible()
    expect(signed_in.locator("#job-progress-text")).to_contain_text(
        "Screening finished", timeout=JOB_WAIT_MS
    )
    rows = signed_in.locator("#results-table tbody tr")
    expect(rows).to_have_count(len(supplier_rows))
    names = rows.locator("th[scope=row]").all_inner_texts()
    assert sorted(names) == sorted(row[1] for row in supplier_rows)


def test_listed_entity_in_the_sheet_is_flagged_with_its_match(
    signed_in: Page, supplier_sheet: Path
) -> None:
    upload(signed_in, supplier_sheet)

    row = signed_in.locator("#results-table tbody tr", has_text="Mansudae Overseas Project")
    expect(row).to_be_visible(timeout=JOB_WAIT_MS)
    expect(row.locator(".level")).to_have_text("Critical")
    expect(row.locator(".top-match")).to_contain_text("MANSUDAE")


def test_past_jobs_lists_the_job_just_uploaded(signed_in: Page, supplier_sheet: Path) -> None:
    upload(signed_in, supplier_sheet)
    expect(signed_in).to_have_url(re.compile(r"#job="))
    job_id = shown_job(signed_in)

    signed_in.get_by_role("button", name="Past jobs").click()

    expect(signed_in.locator("#jobs-table tbody tr", has_text=job_id)).to_be_visible()


def test_detected_mapping_is_shown_before_the_run(signed_in: Page, supplier_sheet: Path) -> None:
    signed_in.get_by_label("Spreadsheet file").set_input_files(supplier_sheet)

    mapping = signed_in.locator("#mapping-editor")
    expect(mapping.get_by_label("Supplier name")).to_have_value("Supplier Name")
    expect(mapping.get_by_label("Your reference")).to_have_value("Vendor No")
    first_row = signed_in.locator("#preview-rows tbody tr").first
    expect(first_row).to_contain_text("Mansudae Overseas Project Group of Companies")


def test_changed_mapping_is_previewed_and_used_for_the_run(
    signed_in: Page, supplier_sheet: Path
) -> None:
    signed_in.get_by_label("Spreadsheet file").set_input_files(supplier_sheet)
    mapping = signed_in.locator("#mapping-editor")
    expect(mapping.get_by_label("Your reference")).to_have_value("Vendor No")

    mapping.get_by_label("Your reference").select_option("")
    first_row = signed_in.locator("#preview-rows tbody tr").first
    expect(first_row).not_to_contain_text("V-001")
    signed_in.get_by_role("button", name="Start screening").click()

    refs = signed_in.locator("#results-table tbody td.ref")
    expect(refs.first).to_be_visible(timeout=JOB_WAIT_MS)
    assert set(refs.all_inner_texts()) == {""}


def test_results_can_be_rerun_with_a_corrected_mapping(
    signed_in: Page, supplier_sheet: Path
) -> None:
    upload(signed_in, supplier_sheet)
    expect(signed_in.locator("#results-table tbody tr").first).to_be_visible(timeout=JOB_WAIT_MS)
    expect(signed_in).to_have_url(re.compile(r"#job="))
    first_job = shown_job(signed_in)

    signed_in.get_by_text("Column mapping used").click()
    signed_in.locator("#rerun-editor").get_by_label("Your reference").select_option("")
    signed_in.get_by_role("button", name="Re-run with this mapping").click()

    expect(signed_in).not_to_have_url(re.compile(f"#job={re.escape(first_job)}$"))
    refs = signed_in.locator("#results-table tbody td.ref")
    expect(refs.first).to_be_visible(timeout=JOB_WAIT_MS)
    assert set(refs.all_inner_texts()) == {""}


def test_the_name_column_chosen_and_its_runner_up_are_shown_with_their_reasons(
    signed_in: Page,
) -> None:
    moscow_exchange = shared_file("real_suppliers", "ru_moex_listing_2018_cp1251.csv")
    signed_in.get_by_label("Spreadsheet file").set_input_files(moscow_exchange)

    expect(signed_in.locator("#mapping-editor").get_by_label("Supplier name")).to_have_value(
        "e_full_name"
    )
    choice = signed_in.locator("#name-choice")
    expect(choice).to_contain_text(
        "Supplier names are read from e_full_name: 567 distinct values in 623 rows, legal forms"
    )
    expect(choice).to_contain_text("Next best column: ")


def test_a_contractors_date_of_birth_and_nationality_are_previewed(
    signed_in: Page, tmp_path: Path
) -> None:
    sheet = tmp_path / "contractors.csv"
    sheet.write_text("Name,Date of birth,Nationality\nKIM Chol Ho,02.03.1975,North Korea\n")
    signed_in.get_by_label("Spreadsheet file").set_input_files(sheet)

    mapping = signed_in.locator("#mapping-editor")
    expect(mapping.get_by_label("Date of birth (people)")).to_have_value("Date of birth")
    expect(mapping.get_by_label("Nationality (people)")).to_have_value("Nationality")
    first_row = signed_in.locator("#preview-rows tbody tr").first
    expect(first_row).to_contain_text("1975-03-02")
    expect(first_row).to_contain_text("KP")
