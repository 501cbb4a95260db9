"""A report built from the messy test workbook with hand-made results, for the report tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from screening.ingest import read_suppliers
from screening.reports.build import merge_in_sheet_order, unscreened_row
from screening.reports.model import (
    ListVersionInfo,
    Provenance,
    ReportData,
    ReportMatch,
    ReportRow,
)

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"

RYONBONG = ReportMatch(
    list_id="un-sc",
    source_id="KPe.002",
    entry_name="KOREA RYONBONG GENERAL CORPORATION",
    matched_name="KOREA RYONBONG GENERAL CORPORATION",
    score=100.0,
    level="critical",
    programs=("DPRK",),
    reasons=("Name matches UN-listed KOREA RYONBONG GENERAL CORPORATION (KPe.002)",),
)


def sample_report(file_name: str = "messy_suppliers.xlsx") -> ReportData:
    """Every row of a test file; the Ryonbong row critical, the rest clear."""
    data = (SUPPLIERS / file_name).read_bytes()
    ingested = read_suppliers(data, file_name)
    rows = []
    for row in ingested.rows:
        listed = "Ryonbong" in row.supplier.name
        rows.append(
            ReportRow(
                sheet=row.sheet,
                row=row.row,
                values=row.values,
                supplier=row.supplier,
                level="critical" if listed else "clear",
                score=100 if listed else 0,
                reasons=RYONBONG.reasons if listed else ("No match to a listed entry.",),
                matches=(RYONBONG,) if listed else (),
            )
        )
    skipped = [unscreened_row(s.sheet, s.row, s.values, s.reason) for s in ingested.skipped]
    moment = datetime(2024, 7, 1, 9, 30, tzinfo=UTC)
    return ReportData(
        provenance=Provenance(
            engine_version="0.1.0",
            match_threshold=80.0,
            lists=(
                ListVersionInfo(
                    "un-sc",
                    "2026-02-27-66b392a4",
                    date(2026, 2, 27),
                    "66b392a4" + "0" * 56,
                    "United Nations Security Council Consolidated List",
                    "United Nations Security Council",
                    1003,
                ),
            ),
            run_by="analyst@example (command line)",
            started_at=moment,
            finished_at=moment,
            input_file=file_name,
            input_sha256="ab" * 32,
            input_size=len(data),
            job_id="job-for-tests",
            risk_bands={"levels": {"critical": [90, 100]}},
            mapping={"name": "Наименование"},
            header_rows={s.sheet: s.header_row for s in ingested.sheets},
        ),
        sheets=ingested.sheets,
        rows=merge_in_sheet_order(ingested.sheets, rows, skipped),
        errors=ingested.errors,
    )
