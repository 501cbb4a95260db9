"""Screening reports: one data model (ReportData), one writer per format (xlsx, csv, json, pdf)."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from screening.reports.csv_report import write_csv
from screening.reports.json_report import write_json
from screening.reports.model import ReportData
from screening.reports.xlsx import write_xlsx

Writer = Callable[[ReportData, IO[bytes]], None]


def write_pdf(report: ReportData, out: IO[bytes]) -> None:
    """The pdf writer, imported when first used: reportlab and its fonts are ~15 MB in every
    process that imports the reports (job workers, serving processes), most never asked for a
    pdf."""
    from screening.reports.pdf import write_pdf as write

    write(report, out)


WRITERS: dict[str, Writer] = {
    "xlsx": write_xlsx,
    "csv": write_csv,
    "json": write_json,
    "pdf": write_pdf,
}
MEDIA_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}
REPORT_FORMATS: tuple[str, ...] = tuple(WRITERS)


class UnknownReportFormatError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown report format {name!r}; formats: {', '.join(REPORT_FORMATS)}")
        self.name = name


def write_report(report: ReportData, report_format: str, out: IO[bytes]) -> None:
    writer = WRITERS.get(report_format)
    if writer is None:
        raise UnknownReportFormatError(report_format)
    writer(report, out)
