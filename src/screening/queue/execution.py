"""Which executor runs the jobs of an API process: the queue's workers when SCREENING_BROKER_URL
is set, otherwise a thread in the process itself (screening.jobs.executor)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy.engine import Engine

from screening.config import Settings
from screening.jobs.executor import InProcessExecutor
from screening.jobs.pool import ChunkPool, can_share_database
from screening.queue.executor import QueueExecutor
from screening.screener import Screener


class JobExecutor(Protocol):
    """Runs submitted jobs to the end, and on start takes up jobs left unfinished."""

    def start(self) -> None: ...

    def stop(self, timeout: float = ...) -> None: ...

    def submit(self, job_id: str) -> None: ...


def make_job_executor(
    engine: Engine,
    settings: Settings,
    screener_source: Callable[[], Screener],
    is_ready: Callable[[], bool],
    pool: ChunkPool | None = None,
) -> JobExecutor:
    """`screener_source`, `is_ready` and `pool` serve the in-process executor: queue workers
    load the lists a job uses from the database themselves."""
    if settings.broker_url:
        return QueueExecutor(engine, settings, chunk_rows=settings.job_chunk_rows)
    return InProcessExecutor(
        engine, screener_source, is_ready=is_ready, chunk_rows=settings.job_chunk_rows, pool=pool
    )


def make_chunk_pool(settings: Settings) -> ChunkPool | None:
    """Worker processes for the in-process executor's large jobs, when configured and useful."""
    if settings.broker_url or settings.job_workers < 1:
        return None
    if not can_share_database(settings.database_url):
        return None
    return ChunkPool(
        settings.database_url,
        settings.data_dir / "cache",
        settings.job_workers,
        above_rows=settings.job_workers_above_rows,
    )
