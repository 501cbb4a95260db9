"""Row errors stay readable: a column full of problems gives the first ones and a count."""

from __future__ import annotations

from screening.ingest import ErrorCode, read_suppliers
from screening.ingest.error_log import KEEP_PER_KIND
from screening.supplier import Supplier


def test_errors_of_one_kind_are_capped_with_a_line_saying_how_many_more() -> None:
    rows = ["Supplier Name;Country"] + [";Germany"] * (KEEP_PER_KIND + 250) + ["Acme GmbH;DE"]
    result = read_suppliers("\n".join(rows).encode(), "many-blank-names.csv")
    no_name = [e for e in result.errors if e.code == ErrorCode.NO_NAME]
    more = [e for e in result.errors if e.code == ErrorCode.MORE]
    assert len(no_name) == KEEP_PER_KIND
    assert len(more) == 1 and more[0].message.startswith("250 more no_name errors")
    assert [row.supplier.name for row in result.rows] == ["Acme GmbH"]


def test_every_skipped_row_is_kept_for_the_report_even_past_the_cap() -> None:
    rows = ["Supplier Name;Country"] + [";Germany"] * (KEEP_PER_KIND + 5)
    rows.append("Acme GmbH;DE")
    result = read_suppliers("\n".join(rows).encode(), "many-blank-names.csv")
    assert len(result.skipped) == KEEP_PER_KIND + 5


def test_errors_carry_file_sheet_row_and_column() -> None:
    result = read_suppliers(b"Supplier Name;Country\n;Germany\n", "one.csv")
    error = result.errors[0]
    assert (error.file, error.sheet, error.row, error.column) == ("one.csv", "one.csv", 2, "A")


def test_an_over_long_field_is_screened_cut_and_reported_in_column_order() -> None:
    address = "Street " * 300  # 2,100 characters
    sheet = f"Supplier Name;Address;Country\nAcme GmbH;{address};Atlantis\nBeta AG;Main St;DE\n"
    result = read_suppliers(sheet.encode(), "long.csv")
    acme, beta = result.rows
    assert acme.values[1] == address.strip()
    assert acme.supplier.address == address.strip()[:1000]
    assert acme.supplier.country == ""
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (2, "B", ErrorCode.TOO_LONG),
        (2, "C", ErrorCode.UNKNOWN_COUNTRY),
    ]
    assert "the first 1000 were screened" in result.errors[0].message
    assert (beta.supplier.address, beta.supplier.country) == ("Main St", "DE")


def test_a_cell_longer_than_a_spreadsheet_holds_is_cut_for_the_report() -> None:
    note = "x" * 40_000
    result = read_suppliers(f"Supplier Name;Note\nAcme GmbH;{note}\n".encode(), "note.csv")
    assert len(result.rows[0].values[1]) == 32767
    assert [e.code for e in result.errors] == [ErrorCode.TOO_LONG]
    assert "a spreadsheet cell holds 32,767" in result.errors[0].message


def test_cells_past_the_headings_fill_no_supplier_field() -> None:
    result = read_suppliers(b"Supplier Name;Country\nAcme GmbH;DE;extra;more\n", "wide.csv")
    assert result.rows[0].supplier == Supplier("Acme GmbH", country="DE")
    assert result.rows[0].values == ("Acme GmbH", "DE", "extra", "more")
