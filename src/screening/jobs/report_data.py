"""A finished job as the report data model, for every report format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import IO, Any

from sqlalchemy.engine import Engine

from screening.audit.details import chosen_versions
from screening.gc_pause import paused_garbage_collection, return_freed_memory
from screening.ingest.model import RowError, SheetMapping
from screening.jobs.codec import StoredResult, StoredRow
from screening.jobs.store import (
    ChunkReportParts,
    all_rows_with_results,
    job_report_parts,
)
from screening.jobs.tables import JobRow
from screening.reports import write_report
from screening.reports.build import risk_bands, unscreened_row
from screening.reports.model import (
    ListVersionInfo,
    Provenance,
    RenderedResults,
    ReportColumns,
    ReportData,
    ReportRow,
)
from screening.reports.xlsx import results_rows_xml, write_xlsx
from screening.utc import as_utc, utc_now
from screening.watchlist.registry import LIST_SOURCES

# A row as it is to be shown: with the reviewers' decisions in force laid over it, say.
RowView = Callable[[ReportRow], ReportRow]


def job_report_rows(engine: Engine, job: JobRow) -> list[ReportRow]:
    """Every input row of the finished job with its result, as screened, in input order."""
    # Several objects per input row, none of them in a reference cycle: collections on the way
    # would walk all the rows decoded so far again and again.
    with paused_garbage_collection():
        return [
            _report_row(stored, result) for stored, result in all_rows_with_results(engine, job.id)
        ]


def job_report_data(engine: Engine, job: JobRow, shown: RowView | None = None) -> ReportData:
    rows = job_report_rows(engine, job)
    return _job_report(job, rows if shown is None else [shown(row) for row in rows])


def _job_report(job: JobRow, rows: Sequence[ReportRow]) -> ReportData:
    return ReportData(
        provenance=job_provenance(job),
        sheets=tuple(sheet_mapping(data) for data in job.sheets),
        rows=rows,
        errors=[row_error(job.file_name, data) for data in job.errors],
    )


def write_job_report(
    engine: Engine,
    job: JobRow,
    report_format: str,
    out: IO[bytes],
    *,
    shown: RowView | None = None,
) -> None:
    """The finished job's report in `report_format`, each row as `shown` makes it (the decisions
    in force). The xlsx workbook is put together from the parts each chunk made as it was
    screened, when every chunk has them and no row is to be shown otherwise; any other report,
    or a job screened by an older version, is built from the stored rows."""
    try:
        _write_job_report(engine, job, report_format, out, shown)
    finally:
        return_freed_memory()  # the rows of a large job: tens of megabytes, not needed again


def _write_job_report(
    engine: Engine, job: JobRow, report_format: str, out: IO[bytes], shown: RowView | None
) -> None:
    if report_format == "xlsx" and shown is None:
        parts = job_report_parts(engine, job.id)
        if parts is not None:
            report = _job_report(job, rows=())  # the rows come rendered
            rendered = RenderedResults(
                row_count=parts.row_count,
                counts=parts.counts,
                matched_rows=[_report_row(stored, result) for stored, result in parts.matched],
                blocks=parts.results_xml,
            )
            write_xlsx(report, out, rendered)
            return
    write_report(job_report_data(engine, job, shown), report_format, out)


def chunk_report_parts(
    job: JobRow,
    first_seq: int,
    rows: Sequence[StoredRow],
    results: Sequence[StoredResult | None],
) -> ChunkReportParts:
    """A chunk's share of the job's reports, made from its rows and results as it is screened."""
    columns = ReportColumns.of([sheet_mapping(data) for data in job.sheets])
    pairs = list(zip(rows, results, strict=True))
    report_rows = [_report_row(stored, result) for stored, result in pairs]
    matched = [(row, result) for row, result in pairs if result is not None and result.matches]
    return ChunkReportParts(results_rows_xml(report_rows, columns, first_seq), matched)


def _report_row(stored: StoredRow, result: StoredResult | None) -> ReportRow:
    if stored.supplier is None or result is None:
        return unscreened_row(stored.sheet, stored.row, stored.values, stored.reason)
    return ReportRow(
        stored.sheet,
        stored.row,
        stored.values,
        stored.supplier,
        result.level,
        result.score,
        result.reasons,
        result.matches,
    )


def job_provenance(job: JobRow) -> Provenance:
    started = as_utc(job.started_at) or as_utc(job.created_at) or utc_now()
    return Provenance(
        engine_version=job.engine_version,
        match_threshold=float(job.threshold or 0.0),
        lists=tuple(
            list_version_info(data) for data in chosen_versions(job.list_versions, job.lists)
        ),
        run_by=f"API key {job.created_by} of tenant {job.tenant_id}",
        started_at=started,
        finished_at=as_utc(job.finished_at) or started,
        input_file=job.file_name,
        input_sha256=job.file_sha256,
        input_size=job.file_size,
        job_id=job.id,
        risk_bands=risk_bands(),
        mapping=job.mapping,
        header_rows={data["sheet"]: int(data["header_row"]) for data in job.sheets},
    )


def list_version_info(data: dict[str, Any]) -> ListVersionInfo:
    source = next((s for s in LIST_SOURCES if s.list_id == data["list_id"]), None)
    published = data.get("published")
    entries = data.get("entries")
    return ListVersionInfo(
        list_id=data["list_id"],
        version=data["version"],
        published=date.fromisoformat(published) if published else None,
        sha256=data["sha256"],
        name=source.name if source else "",
        publisher=source.publisher if source else "",
        entries=int(entries) if entries is not None else None,
    )


def sheet_mapping(data: dict[str, Any]) -> SheetMapping:
    return SheetMapping(
        sheet=data["sheet"],
        header_row=int(data["header_row"]),
        headers=tuple(data["headers"]),
        columns={field: int(index) for field, index in data["columns"].items()},
    )


def row_error(file_name: str, data: dict[str, Any]) -> RowError:
    return RowError(
        file=file_name,
        sheet=data.get("sheet", ""),
        row=data.get("row"),
        column=data.get("column"),
        code=data.get("code", ""),
        message=data.get("message", ""),
        screened=bool(data.get("screened", True)),
    )
