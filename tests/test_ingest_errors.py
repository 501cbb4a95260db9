"""Row errors stay readable: a column full of problems gives the first ones and a count."""

from __future__ import annotations

from screening.ingest import ErrorCode, read_suppliers
from screening.ingest.error_log import KEEP_PER_KIND


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
