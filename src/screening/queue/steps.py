"""What the queue's tasks do: start a job (read its file, fix its lists, enqueue its chunks) and
screen one chunk, finishing the job when no chunk is left.

Both are safe to run twice or at the same time on two machines: the job's steps (screening.jobs)
replace what they write, and a chunk's results already written are not screened again. Whether a
job is done is decided by counting the chunks with results in the database, never by a counter
that a killed worker may have left half-updated.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from screening.jobs.monitored_upload import monitor_finished_job
from screening.jobs.runner import (
    MAX_ATTEMPTS,
    JobFailedError,
    fail_for_good,
    prepared_job,
    start_screening_with,
)
from screening.jobs.runner import screen_chunk as screen_and_write_chunk
from screening.jobs.store import (
    JobStatus,
    claim_job,
    fail_job,
    finish_job,
    load_job,
    pending_chunks,
    release_job,
    renew_lease,
)
from screening.jobs.tables import JobRow
from screening.queue.screeners import (
    MissingSnapshotError,
    ScreenerCache,
    active_refs,
    refs_of_job,
)
from screening.screener import Screener
from screening.store.db import open_session
from screening.tenant_lists.screening import job_screener, tenant_screener

log = logging.getLogger(__name__)

_FINISHER = "finishing:"


@dataclass(frozen=True, slots=True)
class WorkerContext:
    """What a worker process needs for any step: the database and its cache of Screeners."""

    engine: Engine
    screeners: ScreenerCache
    lease: timedelta  # a job with no chunk finished for this long may be started again
    lists: frozenset[str] | None = None  # the lists the deployment screens (None: every one)


def start_job(
    context: WorkerContext,
    job_id: str,
    runner: str,
    chunk_rows: int,
    enqueue_chunk: Callable[[int], None],
) -> str:
    """Read the job's file into chunks (once), fix the lists it is screened against and enqueue
    every chunk without results. Returns the job's status; "" when another start holds it."""
    engine = context.engine
    if not claim_job(engine, job_id, runner, context.lease):
        return ""
    try:
        job = prepared_job(engine, job_id, chunk_rows)
        # A job resumed after an interruption keeps the lists it started with.
        refs = (
            refs_of_job(job.list_versions)
            if job.list_versions
            else active_refs(engine, context.lists)
        )
        screener = context.screeners.screener(refs)
        screener = (
            job_screener(engine, screener, job.tenant_id, job.list_versions)
            if job.list_versions
            else tenant_screener(engine, screener, job.tenant_id)
        )
        start_screening_with(engine, job, screener)
        pending = pending_chunks(engine, job_id, job.chunk_count)
        if not pending:
            finish_once(engine, job_id, screener)
            return JobStatus.DONE
        for chunk_no in pending:
            enqueue_chunk(chunk_no)
        log.info("job %s: %d of %d chunks queued", job_id, len(pending), job.chunk_count)
        return JobStatus.RUNNING
    except (JobFailedError, MissingSnapshotError) as error:
        fail_job(engine, job_id, str(error))
        return JobStatus.FAILED
    except Exception as error:
        attempts = load_job(engine, job_id).attempts
        log.exception("job %s: start attempt %d failed", job_id, attempts)
        if attempts < MAX_ATTEMPTS:
            release_job(engine, job_id, runner)  # the executor's next sweep starts it again
            raise
        return fail_for_good(engine, job_id, error)


def screen_job_chunk(context: WorkerContext, job_id: str, chunk_no: int, runner: str) -> bool:
    """Screen one chunk of a running job unless its results are written already; finish the job
    when it was the last. Returns True when this call screened the chunk."""
    engine = context.engine
    job = load_job(engine, job_id)
    if job.status != JobStatus.RUNNING:
        return False  # done, failed, or restarted by a newer start that re-queues its chunks
    screened = False
    if chunk_no in pending_chunks(engine, job_id, job.chunk_count):
        screener = context.screeners.screener(refs_of_job(job.list_versions))
        try:
            screen_and_write_chunk(engine, screener, job_id, chunk_no)
            screened = True
        except IntegrityError:
            # The same chunk, delivered twice, was written by another worker a moment ago.
            log.info("job %s chunk %d: written meanwhile by another worker", job_id, chunk_no)
    renew_lease(engine, job_id, runner, context.lease)
    if not pending_chunks(engine, job_id, job.chunk_count):
        screener = job_screener(
            engine,
            context.screeners.screener(refs_of_job(job.list_versions)),
            job.tenant_id,
            job.list_versions,
        )
        if finish_once(engine, job_id, screener):
            log.info("job %s: done", job_id)
    return screened


def finish_once(engine: Engine, job_id: str, screener: Screener) -> bool:
    """Mark the job done and keep its suppliers under watch if asked, unless another worker is
    doing so: two workers writing the last two chunks at once both find nothing missing.
    True when this call finished the job."""
    with open_session(engine) as session:
        taken = session.exec(
            update(JobRow)
            .where(
                col(JobRow.id) == job_id,
                col(JobRow.status) == JobStatus.RUNNING,
                col(JobRow.runner).not_like(f"{_FINISHER}%"),
            )
            .values(runner=f"{_FINISHER}{secrets.token_hex(4)}")
        )
        if taken.rowcount != 1:
            return False
    # A finisher that dies here leaves the job running; the executor's sweep starts it again
    # once its lease runs out, and that start finishes it.
    # Watch first, then finish: a client that sees "done" finds the monitored list active.
    monitor_finished_job(engine, job_id, screener)  # uploads sent with monitor=true
    finish_job(engine, job_id)
    return True
