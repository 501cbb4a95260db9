"""The command line's work done in forked processes gives what one process gives: the sheet read
by a child, the results sheet rendered by several."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from io import BytesIO

import pytest
from tests.report_samples import SUPPLIERS, sample_report

from screening.commands import screen
from screening.commands.screen import CommandError, SheetReading, rendered_apart
from screening.ingest import read_suppliers
from screening.reports.xlsx import write_xlsx

TIMED = "docProps/core.xml"  # openpyxl writes the time of saving there


def _parts(workbook: bytes) -> dict[str, bytes]:
    """Every part of the package but the one stamped with the time it was saved."""
    with zipfile.ZipFile(BytesIO(workbook)) as package:
        return {name: package.read(name) for name in package.namelist() if name != TIMED}


def test_a_sheet_read_by_a_child_is_the_sheet_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    # the command forks only with no other thread; a test worker may hold threads of earlier
    # tests, none of which the child's reading needs
    monkeypatch.setattr(screen, "can_fork", lambda: True)
    content = (SUPPLIERS / "messy_suppliers.xlsx").read_bytes()

    reading = SheetReading.start(content, "messy_suppliers.xlsx", None)

    assert reading.child is not None
    assert reading.result() == read_suppliers(content, "messy_suppliers.xlsx")


def test_an_unreadable_sheet_read_by_a_child_stops_the_command_with_why() -> None:
    content = b"Date;Amount\n2024-01-01;5\n"

    reading = SheetReading.start(content, "payments.csv", None)

    with pytest.raises(CommandError, match="no sheet with a column of supplier names"):
        reading.result()


def test_the_results_sheet_rendered_on_three_cores_is_the_one_rendered_in_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = sample_report()
    report = replace(report, rows=report.rows * (6_000 // len(report.rows)))
    assert len(report.rows) == 6_000  # three parts of 2,000 rows (whole blocks)
    monkeypatch.setattr(screen, "RENDER_APART_ROWS", 1)
    monkeypatch.setattr(screen, "usable_cores", lambda: 3)
    monkeypatch.setattr(screen, "can_fork", lambda: True)  # as in the test above

    rendered = rendered_apart(report)
    assert rendered is not None
    assert len(list(rendered.blocks)) == 3
    apart, whole = BytesIO(), BytesIO()
    write_xlsx(report, apart, rendered_apart(report))
    write_xlsx(report, whole)

    assert _parts(apart.getvalue()) == _parts(whole.getvalue())


def test_a_small_report_is_rendered_by_the_writer() -> None:
    assert rendered_apart(sample_report()) is None
