"""The steps of a job, each safe to repeat: read the file into stored rows, screen a chunk,
finish. An executor runs them: in this process (screening.jobs.executor) or, later, a queue's
workers, one chunk per task."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlmodel import Session

from screening.decisions.in_screening import screen_for_tenant
from screening.ingest import (
    IngestResult,
    MappingError,
    UnreadableFileError,
    mapping_json,
    parse_mapping,
    read_suppliers,
)
from screening.jobs.codec import StoredResult, StoredRow
from screening.jobs.monitored_upload import monitor_finished_job
from screening.jobs.report_data import chunk_report_parts
from screening.jobs.store import (
    JobStatus,
    ReadOutcome,
    claim_job,
    fail_job,
    finish_job,
    job_file,
    load_chunk,
    load_job,
    pending_chunks,
    release_job,
    renew_lease,
    start_screening,
    store_rows,
    write_chunk_results,
)
from screening.jobs.tables import JobRow
from screening.metrics import count_screened
from screening.reports.build import report_matches
from screening.screener import Screener, match_levels
from screening.tenant_lists.screening import job_screener, tenant_screener

log = logging.getLogger(__name__)

CHUNK_ROWS = 2000  # rows screened per step: progress moves every second or so
LEASE = timedelta(seconds=120)  # a runner that has not renewed within this is taken to be dead
MAX_ATTEMPTS = 3  # an unexpected error is retried this often before the job is failed


class ChunkWorkers(Protocol):
    """Worker processes that screen a job's chunks (screening.jobs.pool gives them): declared
    here, so that the pool imports the runner and not the other way round."""

    def screen(
        self, job_id: str, chunk_nos: Sequence[int], should_stop: Callable[[], bool]
    ) -> Iterator[int]: ...


@dataclass(frozen=True, slots=True)
class RunnerIdentity:
    name: str  # unique per process: "<host>:<pid>:<random>"
    lease: timedelta = LEASE


class JobFailedError(Exception):
    """The job cannot be done as asked (unreadable file, bad mapping); the message says why."""


def read_job_file(engine: Engine, job_id: str) -> IngestResult:
    job = load_job(engine, job_id)
    try:
        mapping = parse_mapping(job.mapping_request) if job.mapping_request else None
        return read_suppliers(
            job_file(engine, job_id), job.file_name, sheet=job.sheet, mapping=mapping
        )
    except (UnreadableFileError, MappingError) as error:
        raise JobFailedError(str(error)) from error


def outcome_of(result: IngestResult) -> ReadOutcome:
    """What the job stores from reading its file: rows in sheet order, skipped rows among them."""
    order = {sheet.sheet: index for index, sheet in enumerate(result.sheets)}
    rows = [StoredRow(r.sheet, r.row, r.values, r.supplier) for r in result.rows]
    rows += [StoredRow(s.sheet, s.row, s.values, None, s.reason) for s in result.skipped]
    rows.sort(key=lambda r: (order.get(r.sheet, len(order)), r.row))
    return ReadOutcome(
        mapping=mapping_json(result.sheets),
        sheets=[
            {
                "sheet": sheet.sheet,
                "header_row": sheet.header_row,
                "headers": list(sheet.headers),
                "columns": dict(sheet.columns),
            }
            for sheet in result.sheets
        ],
        errors=[{**error.as_dict(), "screened": error.screened} for error in result.errors],
        rows=rows,
    )


def prepare(engine: Engine, job_id: str, chunk_rows: int = CHUNK_ROWS) -> int:
    """Read the uploaded file and store its rows in chunks (again, if done before)."""
    outcome = outcome_of(read_job_file(engine, job_id))
    return store_rows(engine, job_id, outcome, chunk_rows)


def prepared_job(engine: Engine, job_id: str, chunk_rows: int = CHUNK_ROWS) -> JobRow:
    """The job, its file read into chunks first when that was not done yet (the in-process
    runner and the queue's start step alike)."""
    job = load_job(engine, job_id)
    if job.chunk_count == 0:
        prepare(engine, job_id, chunk_rows)
        job = load_job(engine, job_id)
    return job


def start_screening_with(engine: Engine, job: JobRow, screener: Screener) -> bool:
    """Mark the job running against the Screener's lists, at the job's threshold or else the
    Screener's default (screening.jobs.store.start_screening: True when results were dropped)."""
    return start_screening(
        engine,
        job.id,
        list_versions=list_versions_json(screener),
        engine_version=screener.engine_version,
        threshold=job.threshold if job.threshold is not None else screener.default_threshold,
    )


def screen_chunk(engine: Engine, screener: Screener, job_id: str, chunk_no: int) -> None:
    """Screen one chunk (against the lists its upload chose) and write its results, replacing
    any earlier write of them."""
    job = load_job(engine, job_id)
    # A worker process holds the official lists only: the tenant's come with the job.
    screener = job_screener(engine, screener, job.tenant_id, job.list_versions).narrowed(job.lists)
    first_seq, rows = load_chunk(engine, job_id, chunk_no)
    to_screen = [row.supplier for row in rows if row.supplier is not None]
    with Session(engine) as session:  # the tenant's case decisions apply, as everywhere
        results_in_order, _decisions = screen_for_tenant(
            session, screener, job.tenant_id, to_screen, job.threshold
        )
    screened = iter(results_in_order)
    results: list[StoredResult | None] = []
    for row in rows:
        if row.supplier is None:
            results.append(None)
            continue
        result = next(screened)
        results.append(
            StoredResult(
                level=str(result.risk.level),
                score=int(result.risk.score),
                reasons=tuple(result.risk.reasons),
                matches=report_matches(result),
            )
        )
    parts = chunk_report_parts(job, first_seq, rows, results)
    write_chunk_results(engine, job_id, chunk_no, results, parts)
    count_screened("job", (match_levels(result) for result in results_in_order))


def list_versions_json(screener: Screener) -> list[dict[str, object]]:
    return [
        {**v.as_json(), "entries": len(snapshot.entries)}
        for v, snapshot in zip(screener.list_versions(), screener.screened_snapshots(), strict=True)
    ]


def fail_for_good(engine: Engine, job_id: str, error: Exception) -> str:
    """The job's last attempt failed unexpectedly: it is failed, and says so without the details
    (they are logged). Returns its status."""
    fail_job(
        engine,
        job_id,
        f"internal error while screening ({type(error).__name__}), "
        f"{MAX_ATTEMPTS} attempts; it has been logged",
    )
    return JobStatus.FAILED


def run_job(
    engine: Engine,
    screener_source: Callable[[], Screener],
    job_id: str,
    runner: RunnerIdentity,
    *,
    chunk_rows: int = CHUNK_ROWS,
    should_stop: Callable[[], bool] = lambda: False,
    workers_for: Callable[[Screener, int], ChunkWorkers | None] | None = None,
) -> str:
    """Do whatever is left of the job. Returns its status afterwards ("" when another runner
    holds it). A failure of the job itself is recorded on it; a crash of this process leaves it
    to be resumed by the next runner whose lease sweep finds it.

    `workers_for(screener, rows)` may give worker processes holding that Screener for a job of
    `rows` rows left (screening.jobs.pool): a job of several chunks is then screened on them, on
    every core, instead of in this thread.
    """
    if not claim_job(engine, job_id, runner.name, runner.lease):
        return ""
    try:
        job = prepared_job(engine, job_id, chunk_rows)
        official = screener_source()
        screener = tenant_screener(engine, official, job.tenant_id)
        dropped = start_screening_with(engine, job, screener)
        if dropped:
            log.info(
                "job %s: the lists changed since it was interrupted; screening it again", job_id
            )
        pending = pending_chunks(engine, job_id, job.chunk_count)
        # The workers hold the official lists; each attaches the tenant's own (screen_chunk).
        rows_left = min(job.rows_total, len(pending) * chunk_rows)
        workers = (
            workers_for(official, rows_left)
            if workers_for is not None and len(pending) > 1
            else None
        )
        if workers is not None:
            for _chunk_no in workers.screen(job_id, pending, should_stop):
                renew_lease(engine, job_id, runner.name, runner.lease)
        else:
            for chunk_no in pending:
                if should_stop():
                    break
                screen_chunk(engine, screener, job_id, chunk_no)
                renew_lease(engine, job_id, runner.name, runner.lease)
        if should_stop() and pending_chunks(engine, job_id, job.chunk_count):
            return JobStatus.RUNNING  # the lease runs out; another runner takes over
        # Watch first, then finish: a client that sees "done" finds the monitored list active.
        monitor_finished_job(engine, job_id, screener)  # uploads sent with monitor=true
        finish_job(engine, job_id)
        return JobStatus.DONE
    except JobFailedError as error:
        fail_job(engine, job_id, str(error))
        return JobStatus.FAILED
    except Exception as error:
        log.exception("job %s: attempt %d failed", job_id, load_job(engine, job_id).attempts)
        if load_job(engine, job_id).attempts < MAX_ATTEMPTS:
            release_job(engine, job_id, runner.name)  # the next sweep tries again
            return JobStatus.QUEUED
        return fail_for_good(engine, job_id, error)
