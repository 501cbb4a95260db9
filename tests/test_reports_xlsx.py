"""The auditor's workbook: summary with chart, results coloured by level with filters and a frozen
heading, matches, row errors, provenance; no cell can run as a formula."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from report_samples import sample_report
from screening.ingest.model import SheetMapping
from screening.reports.model import NOT_SCREENED, RenderedResults, ReportColumns
from screening.reports.xlsx import results_headings, results_rows_xml, write_xlsx, xlsx_bytes


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return load_workbook(BytesIO(xlsx_bytes(sample_report())))


@pytest.fixture(scope="module")
def injection() -> Workbook:
    return load_workbook(BytesIO(xlsx_bytes(sample_report("injection.xlsx"))))


def column_values(sheet, heading: str) -> list[object]:  # type: ignore[no-untyped-def]
    headings = [cell.value for cell in sheet[1]]
    index = headings.index(heading)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_workbook_has_the_five_sheets_in_order(workbook: Workbook) -> None:
    assert workbook.sheetnames == ["Summary", "Results", "Matches", "Row errors", "Provenance"]


def test_summary_counts_suppliers_per_level(workbook: Workbook) -> None:
    summary = workbook["Summary"]
    counts = {row[0]: row[1] for row in summary.iter_rows(min_row=10, max_row=16, values_only=True)}
    assert counts == {
        "critical": 1,
        "high": 0,
        "medium": 0,
        "low": 0,
        "clear": 14,
        "cleared by a reviewer": None,  # counted with the decisions in force only
        "total": 15,
    }


def test_summary_has_a_bar_chart_of_the_counts(workbook: Workbook) -> None:
    charts = workbook["Summary"]._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"


def test_results_has_every_input_row_with_its_original_columns(workbook: Workbook) -> None:
    results = workbook["Results"]
    headings = [cell.value for cell in results[1]]
    assert headings[:8] == [
        "Sheet",
        "Row",
        "Risk level",
        "Risk score",
        "Top matches",
        "Decisions",
        "Level in force",
        "Reasons",
    ]
    assert headings[8:10] == ["№ п/п", "Наименование"]
    assert len(set(headings)) == len(headings)
    assert "업체명" in headings and "Supplier Name" in headings
    assert results.max_row == 1 + 15 + 5  # heading, screened rows, rows not screened


def test_rows_not_screened_are_listed_with_the_reason(workbook: Workbook) -> None:
    results = workbook["Results"]
    levels = column_values(results, "Risk level")
    reasons = column_values(results, "Reasons")
    skipped = [
        reason for level, reason in zip(levels, reasons, strict=True) if level == "not screened"
    ]
    assert len(skipped) == 5
    assert any("merged" in str(reason) for reason in skipped)


def test_results_heading_is_frozen_and_filtered(workbook: Workbook) -> None:
    results = workbook["Results"]
    assert results.freeze_panes == "A2"
    assert results.auto_filter.ref == f"A1:{results.cell(1, results.max_column).column_letter}21"


def test_results_are_coloured_by_risk_level(workbook: Workbook) -> None:
    rules = workbook["Results"].conditional_formatting
    formulas = [rule.formula[0] for block in rules for rule in block.rules]
    assert any('="critical"' in formula for formula in formulas)
    assert len(formulas) == 6  # five levels and "not screened"


def test_matches_sheet_lists_each_match_of_each_supplier(workbook: Workbook) -> None:
    matches = workbook["Matches"]
    assert matches.max_row == 2
    assert column_values(matches, "Entry id") == ["KPe.002"]
    assert matches.freeze_panes == "A2" and matches.auto_filter.ref


def test_row_errors_sheet_lists_sheet_row_and_column(workbook: Workbook) -> None:
    errors = workbook["Row errors"]
    rows = list(errors.iter_rows(min_row=2, values_only=True))
    assert ("Поставщики", 9, "B") in [row[:3] for row in rows]


def test_provenance_names_lists_engine_threshold_user_time_and_file_hash(
    workbook: Workbook,
) -> None:
    cells = [v for row in workbook["Provenance"].iter_rows(values_only=True) for v in row if v]
    for expected in (
        "2026-02-27-66b392a4",
        "2026-02-27",
        "66b392a4" + "0" * 56,
        "0.1.0",
        80,
        "analyst@example (command line)",
        "2024-07-01 09:30:00",
        "ab" * 32,
    ):
        assert expected in cells


def test_text_that_looks_like_a_formula_is_stored_as_text(injection: Workbook) -> None:
    results = injection["Results"]
    names = results["I2:I5"]  # the first input column, after the verdict
    for (cell,) in names:
        assert cell.data_type == "s"
        assert cell.quotePrefix is True
    assert names[0][0].value.startswith("=HYPERLINK")


def test_no_cell_of_the_workbook_is_a_formula(injection: Workbook) -> None:
    for sheet in injection.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_a_file_name_that_looks_like_a_formula_stays_text() -> None:
    report = sample_report("injection.xlsx")
    object.__setattr__(report.provenance, "input_file", "=cmd|' /C calc'!A0.xlsx")
    summary = load_workbook(BytesIO(xlsx_bytes(report)))["Summary"]
    cell = next(
        c for row in summary.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0.xlsx"
    )
    assert cell.data_type == "s" and cell.quotePrefix is True


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(content)) as package:
        return {n: package.read(n) for n in package.namelist() if not n.startswith("docProps/")}


def test_a_results_sheet_rendered_ahead_in_blocks_gives_the_same_workbook() -> None:
    report = sample_report()
    columns = report.columns()
    rows = list(report.rows)
    blocks = [results_rows_xml(rows[i : i + 3], columns, i) for i in range(0, len(rows), 3)]
    counts = {**report.summary(), NOT_SCREENED: report.not_screened}
    rendered = RenderedResults(len(rows), counts, [r for r in rows if r.matches], iter(blocks))
    ahead = BytesIO()
    write_xlsx(replace(report, rows=()), ahead, rendered)

    assert _parts(ahead.getvalue()) == _parts(xlsx_bytes(report))


def test_an_input_heading_equal_to_a_verdict_heading_is_told_apart() -> None:
    sheet = SheetMapping(sheet="S", header_row=1, headers=("Row", "Name", "Risk level"), columns={})
    headings = results_headings(ReportColumns.of([sheet]))
    assert headings[:2] == ("Sheet", "Row")
    assert headings[-3:] == ("Row (input)", "Name", "Risk level (input)")
    assert len(set(headings)) == len(headings)
