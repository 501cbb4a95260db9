"""Reading and writing jobs in the database: creation, leases, chunks, results and progress.

Every write that a runner makes is safe to repeat: storing a job's rows replaces them, writing a
chunk's results replaces that chunk's, and progress is recounted from the stored results.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.audit.log import audit_finished_job
from screening.jobs.codec import (
    LEVEL_CODES,
    StoredResult,
    StoredRow,
    decode_matched,
    decode_results,
    decode_rows,
    encode_matched,
    encode_results,
    encode_rows,
)
from screening.jobs.tables import JobChunkResultRow, JobChunkRow, JobFileRow, JobRow
from screening.metrics import record_job_finished
from screening.reports.model import LEVELS, NOT_SCREENED
from screening.store.db import open_session
from screening.utc import as_utc, utc_now


class JobStatus:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    UNFINISHED = ("queued", "running")


# -- creating and finding jobs -----------------------------------------------------------------


def create_job(
    session: Session,
    *,
    tenant_id: str,
    created_by: str,
    file_name: str,
    content: bytes,
    sheet: str | None = None,
    mapping_request: dict[str, Any] | None = None,
    threshold: float | None = None,
    lists: list[str] | None = None,
) -> JobRow:
    """A queued job with its file, screened against `lists` (None: every list the deployment
    screens against); the caller commits."""
    job = JobRow(
        id=uuid.uuid4().hex,
        tenant_id=tenant_id,
        created_by=created_by,
        status=JobStatus.QUEUED,
        file_name=file_name,
        file_sha256=hashlib.sha256(content).hexdigest(),
        file_size=len(content),
        sheet=sheet,
        mapping_request=mapping_request,
        threshold=threshold,
        lists=lists,
    )
    session.add(job)
    session.flush()  # the job before its file: job_files refers to it
    session.add(JobFileRow(job_id=job.id, content=content))
    session.flush()
    return job


def get_job(session: Session, tenant_id: str, job_id: str) -> JobRow | None:
    """The tenant's job, or None (also for another tenant's job: its existence is not told)."""
    job = session.get(JobRow, job_id)
    if job is None or job.tenant_id != tenant_id:
        return None
    return job


def recent_jobs(
    session: Session, tenant_id: str, *, limit: int, offset: int
) -> tuple[list[JobRow], int]:
    jobs = session.exec(
        select(JobRow)
        .where(JobRow.tenant_id == tenant_id)
        .order_by(col(JobRow.created_at).desc(), col(JobRow.id))
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.exec(
        select(func.count()).select_from(JobRow).where(JobRow.tenant_id == tenant_id)
    ).one()
    return list(jobs), int(total)


def job_file(engine: Engine, job_id: str) -> bytes:
    with Session(engine) as session:
        row = session.get(JobFileRow, job_id)
        if row is None:
            raise LookupError(f"no file stored for job {job_id}")
        return row.content


def load_job(engine: Engine, job_id: str) -> JobRow:
    with Session(engine, expire_on_commit=False) as session:
        job = session.get(JobRow, job_id)
        if job is None:
            raise LookupError(f"no job {job_id}")
        return job


# -- leases: which runner works on a job --------------------------------------------------------


def claim_job(engine: Engine, job_id: str, runner: str, lease: timedelta) -> bool:
    """Take the job for `runner` unless another runner holds a lease that has not run out."""
    now = utc_now()
    with open_session(engine) as session:
        claimed = session.exec(
            update(JobRow)
            .where(
                col(JobRow.id) == job_id,
                col(JobRow.status).in_(JobStatus.UNFINISHED),
                or_(
                    col(JobRow.lease_until).is_(None),
                    col(JobRow.lease_until) < now,
                    col(JobRow.runner) == runner,
                ),
            )
            .values(runner=runner, lease_until=now + lease, attempts=JobRow.attempts + 1)
        )
        return bool(claimed.rowcount == 1)


def renew_lease(engine: Engine, job_id: str, runner: str, lease: timedelta) -> None:
    with open_session(engine) as session:
        session.exec(
            update(JobRow)
            .where(col(JobRow.id) == job_id, col(JobRow.runner) == runner)
            .values(lease_until=utc_now() + lease)
        )


def release_job(engine: Engine, job_id: str, runner: str) -> None:
    """Give the job up so that any runner may take it at once."""
    with open_session(engine) as session:
        session.exec(
            update(JobRow)
            .where(col(JobRow.id) == job_id, col(JobRow.runner) == runner)
            .values(lease_until=None)
        )


def jobs_to_resume(engine: Engine) -> list[str]:
    """Queued or running jobs that no live runner holds: their runner stopped or never began."""
    now = utc_now()
    with Session(engine) as session:
        ids = session.exec(
            select(JobRow.id)
            .where(
                col(JobRow.status).in_(JobStatus.UNFINISHED),
                or_(col(JobRow.lease_until).is_(None), col(JobRow.lease_until) < now),
            )
            .order_by(col(JobRow.created_at))
        ).all()
        return list(ids)


@dataclass(frozen=True, slots=True)
class Backlog:
    """Unfinished jobs by status, and the chunks of running jobs not screened yet."""

    jobs: dict[str, int]
    chunks_waiting: int


def job_backlog(engine: Engine) -> Backlog:
    """Two aggregate queries, for the metrics scrape."""
    with Session(engine) as session:
        jobs = {status: 0 for status in JobStatus.UNFINISHED}
        for status, count in session.exec(
            select(JobRow.status, func.count())
            .where(col(JobRow.status).in_(JobStatus.UNFINISHED))
            .group_by(col(JobRow.status))
        ).all():
            jobs[status] = int(count)
        planned = session.exec(
            select(func.coalesce(func.sum(JobRow.chunk_count), 0)).where(
                col(JobRow.status) == JobStatus.RUNNING
            )
        ).one()
        written = session.exec(
            select(func.count())
            .select_from(JobChunkResultRow)
            .join(JobRow, col(JobRow.id) == col(JobChunkResultRow.job_id))
            .where(col(JobRow.status) == JobStatus.RUNNING)
        ).one()
    return Backlog(jobs, max(0, int(planned) - int(written)))


# -- the job's rows ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """What reading the uploaded file gave, as the job records it."""

    mapping: dict[str, Any]
    sheets: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    rows: Sequence[StoredRow]


def store_rows(engine: Engine, job_id: str, outcome: ReadOutcome, chunk_rows: int) -> int:
    """Replace the job's stored rows and results with these rows; returns the chunk count."""
    chunks = [outcome.rows[i : i + chunk_rows] for i in range(0, len(outcome.rows), chunk_rows)]
    with open_session(engine) as session:
        session.exec(delete(JobChunkResultRow).where(col(JobChunkResultRow.job_id) == job_id))
        session.exec(delete(JobChunkRow).where(col(JobChunkRow.job_id) == job_id))
        for number, rows in enumerate(chunks):
            session.add(
                JobChunkRow(
                    job_id=job_id,
                    chunk_no=number,
                    first_seq=number * chunk_rows,
                    row_count=len(rows),
                    rows_gz=encode_rows(rows),
                )
            )
        screened = sum(1 for row in outcome.rows if row.supplier is not None)
        session.exec(
            update(JobRow)
            .where(col(JobRow.id) == job_id)
            .values(
                mapping=outcome.mapping,
                sheets=outcome.sheets,
                errors=outcome.errors,
                chunk_count=len(chunks),
                rows_total=screened,
                rows_skipped=len(outcome.rows) - screened,
                rows_done=0,
            )
        )
    return len(chunks)


def load_chunk(engine: Engine, job_id: str, chunk_no: int) -> tuple[int, list[StoredRow]]:
    """The chunk's rows, and the position of its first row among all the job's rows."""
    with Session(engine) as session:
        chunk = session.get(JobChunkRow, (job_id, chunk_no))
        if chunk is None:
            raise LookupError(f"job {job_id} has no chunk {chunk_no}")
        return chunk.first_seq, decode_rows(chunk.rows_gz)


def pending_chunks(engine: Engine, job_id: str, chunk_count: int) -> list[int]:
    with Session(engine) as session:
        written = set(
            session.exec(
                select(JobChunkResultRow.chunk_no).where(JobChunkResultRow.job_id == job_id)
            ).all()
        )
    return [number for number in range(chunk_count) if number not in written]


# -- screening progress and results ----------------------------------------------------------------


def start_screening(
    engine: Engine,
    job_id: str,
    *,
    list_versions: list[dict[str, Any]],
    engine_version: str,
    threshold: float,
) -> bool:
    """Mark the job running against these lists. When it already ran partly against other list
    versions (the lists changed while it was interrupted), its results are dropped: one report
    never mixes list versions. Returns True when earlier results were dropped."""
    with open_session(engine) as session:
        job = session.get(JobRow, job_id)
        if job is None:
            raise LookupError(f"no job {job_id}")
        dropped = False
        if job.list_versions and job.list_versions != list_versions:
            session.exec(delete(JobChunkResultRow).where(col(JobChunkResultRow.job_id) == job_id))
            job.rows_done = 0
            dropped = True
        job.status = JobStatus.RUNNING
        job.started_at = job.started_at or utc_now()
        job.list_versions = list_versions
        job.engine_version = engine_version
        job.threshold = threshold
        session.add(job)
    return dropped


@dataclass(frozen=True, slots=True)
class ChunkReportParts:
    """A chunk's share of the job's reports, made as it was screened."""

    results_xml: bytes  # its rows of the xlsx results sheet (screening.reports.xlsx)
    matched: Sequence[tuple[StoredRow, StoredResult]]  # its rows that have matches


def write_chunk_results(
    engine: Engine,
    job_id: str,
    chunk_no: int,
    results: Sequence[StoredResult | None],
    parts: ChunkReportParts | None = None,
) -> None:
    """Replace the chunk's results (and report parts) and recount the job's progress, in one
    transaction."""
    levels = "".join(
        LEVEL_CODES[NOT_SCREENED] if r is None else LEVEL_CODES[r.level] for r in results
    )
    counts = {level: levels.count(LEVEL_CODES[level]) for level in LEVELS}
    # Encoded before the transaction: on SQLite it holds the one write lock, which other
    # workers writing their chunks wait for.
    written = JobChunkResultRow(
        job_id=job_id,
        chunk_no=chunk_no,
        levels=levels,
        counts=counts,
        results_gz=encode_results(results),
        results_xml_gz=zlib.compress(parts.results_xml, 1) if parts else None,
        matched_gz=encode_matched(parts.matched) if parts else None,
    )
    with open_session(engine) as session:
        session.exec(
            delete(JobChunkResultRow).where(
                col(JobChunkResultRow.job_id) == job_id,
                col(JobChunkResultRow.chunk_no) == chunk_no,
            )
        )
        session.add(written)
        session.flush()
        session.exec(
            update(JobRow)
            .where(col(JobRow.id) == job_id)
            .values(rows_done=_screened_so_far(session, job_id))
        )


def _screened_so_far(session: Session, job_id: str) -> int:
    levels = session.exec(
        select(JobChunkResultRow.levels).where(JobChunkResultRow.job_id == job_id)
    ).all()
    return sum(len(text) - text.count(LEVEL_CODES[NOT_SCREENED]) for text in levels)


def level_counts(session: Session, job_id: str) -> dict[str, int]:
    """Suppliers per risk level among the results written so far."""
    totals = dict.fromkeys(LEVELS, 0)
    for counts in session.exec(
        select(JobChunkResultRow.counts).where(JobChunkResultRow.job_id == job_id)
    ).all():
        for level, count in counts.items():
            if level in totals:
                totals[level] += int(count)
    return totals


def finish_job(engine: Engine, job_id: str) -> None:
    """Mark the job done with its counts, once: a second call (two workers) changes nothing."""
    with open_session(engine) as session:
        job = session.get(JobRow, job_id, with_for_update=True)  # the second caller waits here
        if job is None:
            raise LookupError(f"no job {job_id}")
        if job.status == JobStatus.DONE:
            return
        job.summary = level_counts(session, job_id)
        job.rows_done = _screened_so_far(session, job_id)
        job.status = JobStatus.DONE
        job.finished_at = finished = utc_now()
        job.lease_until = None
        session.add(job)
        audit_finished_job(session, job)
        rows, started = job.rows_done, as_utc(job.started_at)
    record_job_finished(rows, started, finished)


def fail_job(engine: Engine, job_id: str, message: str) -> None:
    with open_session(engine) as session:
        session.exec(
            update(JobRow)
            .where(col(JobRow.id) == job_id)
            .values(
                status=JobStatus.FAILED,
                failure=message[:4000],
                finished_at=utc_now(),
                lease_until=None,
            )
        )


# -- reading results back ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResultItem:
    seq: int  # position among all the job's input rows
    row: StoredRow
    result: StoredResult


def results_page(
    session: Session,
    job_id: str,
    *,
    offset: int,
    limit: int,
    levels: Sequence[str] = LEVELS,
) -> tuple[int, list[ResultItem]]:
    """Screened rows whose level is one of `levels`, in input order: (how many in all, the page).

    Only the chunks holding the page are decompressed.
    """
    wanted = {LEVEL_CODES[level] for level in levels}
    chunks = session.exec(
        select(JobChunkResultRow.chunk_no, JobChunkResultRow.levels)
        .where(JobChunkResultRow.job_id == job_id)
        .order_by(col(JobChunkResultRow.chunk_no))
    ).all()
    firsts = dict(
        session.exec(
            select(JobChunkRow.chunk_no, JobChunkRow.first_seq).where(JobChunkRow.job_id == job_id)
        ).all()
    )
    total = 0
    picked: list[tuple[int, int]] = []  # (chunk, index in chunk)
    for chunk_no, codes in chunks:
        for index, code in enumerate(codes):
            if code not in wanted:
                continue
            if offset <= total < offset + limit:
                picked.append((chunk_no, index))
            total += 1
    items: list[ResultItem] = []
    cache: dict[int, tuple[list[StoredRow], list[StoredResult | None]]] = {}
    for chunk_no, index in picked:
        if chunk_no not in cache:
            cache[chunk_no] = _chunk_with_results(session, job_id, chunk_no)
        rows, results = cache[chunk_no]
        result = results[index]
        if result is not None:
            items.append(ResultItem(firsts.get(chunk_no, 0) + index, rows[index], result))
    return total, items


def _chunk_with_results(
    session: Session, job_id: str, chunk_no: int
) -> tuple[list[StoredRow], list[StoredResult | None]]:
    chunk = session.get(JobChunkRow, (job_id, chunk_no))
    written = session.get(JobChunkResultRow, (job_id, chunk_no))
    if chunk is None or written is None:
        raise LookupError(f"job {job_id} chunk {chunk_no} is not stored")
    return decode_rows(chunk.rows_gz), decode_results(written.results_gz)


def all_rows_with_results(
    engine: Engine, job_id: str
) -> list[tuple[StoredRow, StoredResult | None]]:
    """Every input row of a finished job with its result (None: not screened), in input order."""
    with Session(engine) as session:
        chunks = session.exec(
            select(JobChunkRow)
            .where(JobChunkRow.job_id == job_id)
            .order_by(col(JobChunkRow.chunk_no))
        ).all()
        written = {
            row.chunk_no: row.results_gz
            for row in session.exec(
                select(JobChunkResultRow).where(JobChunkResultRow.job_id == job_id)
            ).all()
        }
        pairs: list[tuple[StoredRow, StoredResult | None]] = []
        for chunk in chunks:
            rows = decode_rows(chunk.rows_gz)
            blob = written.get(chunk.chunk_no)
            if blob is None:
                raise LookupError(f"job {job_id} chunk {chunk.chunk_no} has no results")
            pairs.extend(zip(rows, decode_results(blob), strict=True))
        return pairs


@dataclass(frozen=True, slots=True)
class JobReportParts:
    """Every chunk's report parts, in order."""

    results_xml: Iterator[bytes]  # decompressed one chunk at a time, as a report is written
    matched: list[tuple[StoredRow, StoredResult]]
    counts: dict[str, int]  # rows per level, and NOT_SCREENED
    row_count: int


def job_report_parts(engine: Engine, job_id: str) -> JobReportParts | None:
    """The report parts of a finished job, or None when some chunk has none (written by an older
    version): its reports are then built from the stored rows."""
    with Session(engine) as session:
        written = session.exec(
            select(
                JobChunkResultRow.results_xml_gz,
                JobChunkResultRow.matched_gz,
                JobChunkResultRow.levels,
            )
            .where(JobChunkResultRow.job_id == job_id)
            .order_by(col(JobChunkResultRow.chunk_no))
        ).all()
    if any(xml is None or matched is None for xml, matched, _ in written):
        return None
    matched = [pair for _, blob, _ in written for pair in decode_matched(blob or b"")]
    levels = "".join(text for _, _, text in written)
    counts = {level: levels.count(code) for level, code in LEVEL_CODES.items()}
    blobs = [xml or b"" for xml, _, _ in written]
    return JobReportParts(
        results_xml=(zlib.decompress(blob) for blob in blobs),
        matched=matched,
        counts=counts,
        row_count=len(levels),
    )
