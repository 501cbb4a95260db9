"""Report rows from screening results, and the report's columns merged from every sheet's."""

from __future__ import annotations

from screening.ingest.model import InputRow, SheetMapping
from screening.reports.build import report_matches, report_row, report_rows
from screening.reports.model import ReportColumns, ReportRow
from screening.risk.model import RiskAssessment, RiskLevel
from screening.screener import ScreeningResult
from screening.supplier import Supplier

SHEETS = (
    SheetMapping("Suppliers", 1, ("Name", "Country", "INN")),
    SheetMapping("Vendors", 2, ("Country", "Name", "", "Email")),
)


def row(sheet: str, *values: str) -> ReportRow:
    return ReportRow(sheet, 2, values, Supplier(values[0]), "clear")


def test_columns_are_merged_by_heading_in_order_of_first_appearance() -> None:
    columns = ReportColumns.of(SHEETS)
    assert columns.names == ("Name", "Country", "INN", "Column C", "Email")
    assert columns.positions == {"Suppliers": (0, 1, 2), "Vendors": (1, 0, 3, 4)}


def test_rows_are_spread_under_the_report_columns() -> None:
    columns = ReportColumns.of(SHEETS)
    assert columns.spread(row("Suppliers", "Acme", "DE", "123")) == ["Acme", "DE", "123", "", ""]
    assert columns.spread(row("Suppliers", "Acme")) == ["Acme", "", "", "", ""]
    assert columns.spread(row("Vendors", "KR", "Beta", "x", "b@example.com")) == [
        "Beta",
        "KR",
        "",
        "x",
        "b@example.com",
    ]
    assert columns.spread(row("Elsewhere", "Gamma")) == ["", "", "", "", ""]


def test_a_row_without_matches_has_no_top_matches() -> None:
    assert row("Suppliers", "Acme").top_matches() == ""


def test_report_rows_are_report_row_of_each_input_row() -> None:
    risk = RiskAssessment(score=5, level=RiskLevel.CLEAR, reasons=("No match.",))
    inputs = [
        InputRow("Suppliers", number, (f"Supplier {number}", "DE"), Supplier(f"Supplier {number}"))
        for number in range(2, 6)
    ]
    results = [ScreeningResult(item.supplier, [], risk) for item in inputs]
    built = report_rows(inputs, results)
    assert built == [report_row(item, result) for item, result in zip(inputs, results, strict=True)]
    assert built[0] == ReportRow(
        "Suppliers", 2, ("Supplier 2", "DE"), Supplier("Supplier 2"), "clear", 5, ("No match.",)
    )
    assert report_matches(results[0]) == ()


def test_a_block_of_rows_is_spread_into_columns() -> None:
    columns = ReportColumns.of(SHEETS)
    one_sheet = [row("Suppliers", "Acme", "DE", "123"), row("Suppliers", "Beta", "KR", "456")]
    mixed = [*one_sheet, row("Vendors", "KR", "Gamma"), row("Suppliers", "Delta")]
    for block in (one_sheet, mixed):
        spread = [columns.spread(item) for item in block]
        assert columns.spread_block(block) == list(zip(*spread, strict=True))
    single = ReportColumns.of(SHEETS[:1])
    assert single.spread_block(one_sheet) == [("Acme", "Beta"), ("DE", "KR"), ("123", "456")]
