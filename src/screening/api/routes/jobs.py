"""GET /v1/jobs/...: a tenant's upload jobs, their progress, results page by page, and reports.

This router also owns the job executor of the API process: started with the app (resuming any
job a previous process left unfinished), stopped with it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path, PurePath
from typing import Annotated, Any, BinaryIO, Literal
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from sqlalchemy.engine import Engine

from screening.api.background import JobsForLeader, ServerRole
from screening.api.deps import Reader, SessionDep, SettingsDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.job_schemas import JobOut, JobResultsPage, JobsPage
from screening.api.results import entry_path, list_version_json
from screening.api.schemas import MAX_DB_INTEGER, ErrorResponse
from screening.audit.details import chosen_versions
from screening.audit.log import append_audit
from screening.decisions.applicability import PairKey
from screening.decisions.in_results import decisions_on_row, decisions_stamp
from screening.decisions.store import decisions_in_force
from screening.ingest import supplier_json
from screening.jobs.report_data import job_report_rows, write_job_report
from screening.jobs.store import (
    JobStatus,
    ResultItem,
    get_job,
    level_counts,
    recent_jobs,
    results_page,
)
from screening.jobs.tables import JobRow
from screening.matching.explanation_text import explanation_text
from screening.queue.execution import JobExecutor, make_chunk_pool, make_job_executor
from screening.reports import MEDIA_TYPES
from screening.reports.model import LEVELS, ReportMatch, ReportRow, summary_in_force
from screening.risk.decision import CaseDecision
from screening.service import ScreeningService
from screening.supplier import Supplier
from screening.utc import as_utc


@asynccontextmanager
async def _executor_lifespan(app: FastAPI) -> AsyncIterator[None]:
    service: ScreeningService = app.state.service
    role: ServerRole = app.state.role
    if not role.leads:  # a follower: the queue's workers or the leader run the jobs
        assert role.signals is not None
        settings = app.state.settings
        app.state.job_pool = None
        app.state.job_executor = (
            make_job_executor(app.state.engine, settings, lambda: service.screener, lambda: False)
            if settings.broker_url  # submitted to the queue from here; the leader sweeps
            else JobsForLeader(role.signals)
        )
        yield
        return
    pool = make_chunk_pool(app.state.settings)
    if pool is not None:  # workers made ready for every new set of lists served
        service.on_lists_changed.append(pool.serve)
        if service.readiness().ready:
            pool.serve(service.screener)
    executor = make_job_executor(  # the queue's workers when SCREENING_BROKER_URL is set
        app.state.engine,
        app.state.settings,
        lambda: service.screener,
        is_ready=lambda: service.readiness().ready,
        pool=pool,
    )
    app.state.job_executor = executor
    app.state.job_pool = pool
    executor.start()  # once the lists are loaded, it resumes unfinished jobs
    try:
        yield
    finally:
        if pool is not None:
            service.on_lists_changed.remove(pool.serve)
        await run_in_threadpool(executor.stop)  # closes the pool too


router = APIRouter(tags=["jobs"], lifespan=_executor_lifespan)

log = logging.getLogger(__name__)

ReportFormat = Literal["xlsx", "csv", "json", "pdf"]
REPORT_RETRY_AFTER_SECONDS = "60"
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such job for this tenant."}
}


def job_executor(request: Request) -> JobExecutor:
    executor: JobExecutor = request.app.state.job_executor
    return executor


def _job_or_404(session: SessionDep, tenant_id: str, job_id: str) -> JobRow:
    job = get_job(session, tenant_id, job_id)
    if job is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no job {job_id!r} for this tenant")
    return job


def _time(value: Any) -> str | None:
    moment = as_utc(value)
    return moment.isoformat() if moment is not None else None


def job_json(
    job: JobRow, summary: dict[str, int], in_force: dict[str, int] | None = None
) -> dict[str, Any]:
    columns: list[str] = []
    for sheet in job.sheets:
        columns.extend(h for h in sheet["headers"] if h and h not in columns)
    base = f"/v1/jobs/{job.id}"
    return {
        "job_id": job.id,
        "status": job.status,
        "rows_total": job.rows_total,
        "rows_done": job.rows_done,
        "rows_skipped": job.rows_skipped,
        "summary": summary,
        "summary_in_force": in_force,
        "errors": [
            {k: e.get(k) for k in ("sheet", "row", "column", "message", "code")} for e in job.errors
        ],
        "mapping": job.mapping,
        "columns": columns,
        "sheets": [
            {
                "sheet": s["sheet"],
                "header_row": s["header_row"],
                "headers": s["headers"],
                "mapping": {
                    field: (s["headers"][i] if i < len(s["headers"]) else "")
                    for field, i in s["columns"].items()
                },
            }
            for s in job.sheets
        ],
        "file": {"name": job.file_name, "sha256": job.file_sha256, "size": job.file_size},
        "sheet": job.sheet,
        "threshold": job.threshold,
        "created_by": job.created_by,
        "created_at": _time(job.created_at),
        "started_at": _time(job.started_at),
        "finished_at": _time(job.finished_at),
        "failure": job.failure or None,
        "engine_version": job.engine_version or None,
        "lists": [list_version_json(v) for v in chosen_versions(job.list_versions, job.lists)],
        "links": {
            "self": base,
            "results": f"{base}/results",
            "reports": {fmt: f"{base}/report?format={fmt}" for fmt in MEDIA_TYPES},
        },
    }


def _summary(session: SessionDep, job: JobRow) -> dict[str, int]:
    if job.status == JobStatus.DONE and job.summary:
        return {level: int(job.summary.get(level, 0)) for level in LEVELS}
    return level_counts(session, job.id)


@router.get("/v1/jobs", response_model=JobsPage, summary="The tenant's upload jobs, newest first")
def list_jobs(
    principal: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INTEGER)] = 0,
) -> Any:
    jobs, total = recent_jobs(session, principal.tenant_id, limit=limit, offset=offset)
    return {
        "jobs": [
            {
                "job_id": job.id,
                "status": job.status,
                "file_name": job.file_name,
                "created_at": _time(job.created_at),
                "finished_at": _time(job.finished_at),
                "rows_total": job.rows_total,
                "rows_done": job.rows_done,
                "summary": _summary(session, job),
            }
            for job in jobs
        ],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


@router.get(
    "/v1/jobs/{job_id}",
    response_model=JobOut,
    summary="A job's status, progress, counts per risk level, row errors and column mapping",
    responses=_NOT_FOUND,
)
def read_job(job_id: str, principal: Reader, session: SessionDep) -> Any:
    """`status` is queued, running, done or failed. `mapping` is the column mapping used, in the
    form POST /v1/uploads accepts: correct it and upload again. `summary` counts the suppliers
    screened so far per risk level."""
    job = _job_or_404(session, principal.tenant_id, job_id)
    summary = _summary(session, job)
    return job_json(job, summary, _summary_in_force(session, job, summary))


def _summary_in_force(
    session: SessionDep, job: JobRow, summary: dict[str, int]
) -> dict[str, int] | None:
    """The finished job's counts with the tenant's decisions in force; the rows are read only
    when the tenant has decided something."""
    if job.status != JobStatus.DONE:
        return None
    latest = decisions_in_force(session, job.tenant_id)
    if not latest:
        return {**summary, "cleared": 0}
    key = (job.id, decisions_stamp(latest))
    with _IN_FORCE_LOCK:
        known = _IN_FORCE_COUNTS.get(key)
    if known is None:
        engine = session.get_bind()
        assert isinstance(engine, Engine)  # the session is made on the app's engine
        known = summary_in_force(
            decisions_on_row(row, latest) for row in job_report_rows(engine, job) if row.screened
        )
        with _IN_FORCE_LOCK:
            while len(_IN_FORCE_COUNTS) >= _IN_FORCE_COUNTS_KEPT:
                _IN_FORCE_COUNTS.pop(next(iter(_IN_FORCE_COUNTS)))  # the oldest
            _IN_FORCE_COUNTS[key] = known
    return dict(known)


# (job id, decisions stamp) -> counts in force: a client polling a finished job of 100,000 rows
# would otherwise have every row decoded again on each call. A new decision is a new stamp.
_IN_FORCE_COUNTS: dict[tuple[str, str], dict[str, int]] = {}
_IN_FORCE_COUNTS_KEPT = 256
_IN_FORCE_LOCK = threading.Lock()


def match_item(match: ReportMatch) -> dict[str, Any]:
    """A job's match as the API shows it, with the decision in force on it, if any."""
    return {
        "list": match.list_id,
        "source_id": match.source_id,
        "entry_name": match.entry_name,
        "matched_name": match.matched_name,
        "score": match.score,
        "level": match.level,
        "programs": list(match.programs),
        "kind": match.kind,
        "reasons": list(match.reasons),
        "notes": list(match.notes),
        "explanation": dict(match.explanation),
        "explanation_text": explanation_text(
            match.explanation, entry_name=match.entry_name, matched_name=match.matched_name
        ),
        "entry_url": entry_path(match.list_id, match.source_id),
        "decision": dict(match.decision) if match.decision else None,
    }


def result_item(
    item: ResultItem, headers: dict[str, list[str]], latest: Mapping[PairKey, CaseDecision]
) -> dict[str, Any]:
    row, result = item.row, item.result
    supplier = row.supplier
    names = headers.get(row.sheet, [])
    shown = decisions_on_row(
        ReportRow(
            row.sheet,
            row.row,
            row.values,
            supplier or Supplier(name=""),
            result.level,
            result.score,
            result.reasons,
            result.matches,
        ),
        latest,
    )
    return {
        "seq": item.seq,
        "sheet": row.sheet,
        "row": row.row,
        "ref": supplier.ref if supplier else "",
        "name": supplier.name if supplier else "",
        "supplier": supplier_json(supplier) if supplier else None,
        "values": {
            (names[i] if i < len(names) and names[i] else f"column {i + 1}"): value
            for i, value in enumerate(row.values)
        },
        "risk_level": result.level,
        "risk_score": result.score,
        "reasons": list(result.reasons),
        "matches": [match_item(match) for match in shown.matches],
        "decision_status": shown.decision_status,
        "level_in_force": shown.level_now,
    }


@router.get(
    "/v1/jobs/{job_id}/results",
    response_model=JobResultsPage,
    summary="The job's results, a page at a time, optionally of one risk level",
    responses=_NOT_FOUND,
)
def read_results(
    job_id: str,
    principal: Reader,
    session: SessionDep,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INTEGER)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    level: Annotated[
        str | None,
        Query(
            description="Only this risk level (critical, high, medium, low, clear); "
            "several separated by commas."
        ),
    ] = None,
) -> Any:
    """Results in input order (sheet, then row), as far as the job has got. `total` counts every
    result matching `level`, so pages can be counted."""
    job = _job_or_404(session, principal.tenant_id, job_id)
    levels = _levels(level)
    total, items = results_page(session, job.id, offset=offset, limit=limit, levels=levels)
    headers = {s["sheet"]: s["headers"] for s in job.sheets}
    suppliers = [item.row.supplier for item in items if item.row.supplier is not None]
    latest = decisions_in_force(session, principal.tenant_id, suppliers) if suppliers else {}
    return {
        "job_id": job.id,
        "status": job.status,
        "total": total,
        "offset": offset,
        "limit": limit,
        "level": level,
        "results": [result_item(item, headers, latest) for item in items],
    }


def _levels(text: str | None) -> tuple[str, ...]:
    if not text:
        return LEVELS
    wanted = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in wanted if part not in LEVELS]
    if unknown or not wanted:
        raise ApiError(
            422,
            ApiErrorCode.VALIDATION_ERROR,
            f"query.level: unknown level {', '.join(unknown) or text!r}; "
            f"levels are {', '.join(LEVELS)}",
            {"field": "query.level", "levels": list(LEVELS)},
        )
    return wanted


@router.get(
    "/v1/jobs/{job_id}/report",
    summary="The job's report: xlsx (the auditor's workbook), csv, json or pdf (sign-off summary)",
    responses={
        200: {
            "content": {media: {} for media in MEDIA_TYPES.values()},
            "description": "The report file, as an attachment.",
        },
        409: {"model": ErrorResponse, "description": "The job has not finished (or failed)."},
        503: {
            "model": ErrorResponse,
            "description": "The report cannot be written now (storage full); retry later.",
        },
        **_NOT_FOUND,
    },
    response_class=FileResponse,
)
def download_report(
    job_id: str,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
    format: ReportFormat = "xlsx",  # the query parameter's documented name
) -> FileResponse:
    """Made once when first asked for and kept: a finished job's report never changes."""
    job = _job_or_404(session, principal.tenant_id, job_id)
    if job.status != JobStatus.DONE:
        raise ApiError(
            409,
            ApiErrorCode.JOB_NOT_DONE,
            f"job {job.id} is {job.status}; its report can be downloaded when it is done",
            {"status": job.status},
        )
    latest = decisions_in_force(session, principal.tenant_id)
    path = _report_file(request, settings.data_dir, job, format, latest)
    append_audit(
        session, principal, "report.download", job.id, {"format": format, "file": job.file_name}
    )
    session.commit()
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": _attachment(job, format)},
    )


def _report_file(
    request: Request,
    data_dir: Path,
    job: JobRow,
    report_format: str,
    latest: Mapping[PairKey, CaseDecision],
) -> Path:
    """The report file, made once per set of decisions in force: a decision made since the last
    download makes a new file, the job's results themselves never change."""
    folder = data_dir / "reports"
    stamp = decisions_stamp(latest)
    path = folder / (f"{job.id}-{stamp}.{report_format}" if stamp else f"{job.id}.{report_format}")
    if path.is_file():
        return path
    engine = request.app.state.engine

    def shown(row: ReportRow) -> ReportRow:
        return decisions_on_row(row, latest)

    try:
        _write_whole(
            folder,
            path,
            lambda out: write_job_report(
                engine, job, report_format, out, shown=shown if latest else None
            ),
        )
    except OSError as error:  # the disk is full (or failing): say so, keep nothing half-written
        log.error("job %s: the %s report could not be written: %s", job.id, report_format, error)
        raise ApiError(
            503,
            ApiErrorCode.REPORT_NOT_WRITTEN,
            "the report cannot be written just now (the server's storage is full or failing); "
            "nothing partial was kept: try again later",
            {"format": report_format},
            headers={"Retry-After": REPORT_RETRY_AFTER_SECONDS},
        ) from error
    return path


def _write_whole(folder: Path, path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place:
    whole or not at all, even with two requests at once or a crash half-way."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _attachment(job: JobRow, report_format: str) -> str:
    stem = PurePath(job.file_name).stem or "upload"
    name = f"screening-{stem}-{job.id[:8]}.{report_format}"
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
