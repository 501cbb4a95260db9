"""Runs jobs in this process, one at a time, on a background thread (the default executor).

On start and every `sweep_seconds` it takes over jobs that no live runner holds: those queued
before a restart, and those whose runner died mid-way (its lease ran out). So a job interrupted by
a crash is resumed from its last written chunk, never silently lost. With a pool, the chunks of a
large job are screened on worker processes of this machine (screening.jobs.pool), on every core.
A queue with workers on other machines (SCREENING_BROKER_URL) is another executor over the same
runner steps.
"""

from __future__ import annotations

import logging
import os
import queue
import secrets
import socket
import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine

from screening.gc_pause import return_freed_memory
from screening.jobs.pool import ChunkPool
from screening.jobs.runner import CHUNK_ROWS, LEASE, RunnerIdentity, run_job
from screening.jobs.store import JobStatus, jobs_to_resume, release_job
from screening.screener import Screener

log = logging.getLogger(__name__)

SWEEP_SECONDS = 30.0
_WAKE_UP = ""  # put on the queue by stop(), so a waiting worker notices at once


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class InProcessExecutor:
    def __init__(
        self,
        engine: Engine,
        screener_source: Callable[[], Screener],
        *,
        is_ready: Callable[[], bool] = lambda: True,
        sweep_seconds: float = SWEEP_SECONDS,
        chunk_rows: int = CHUNK_ROWS,
        identity: RunnerIdentity | None = None,
        pool: ChunkPool | None = None,
    ) -> None:
        """`pool`: worker processes that screen the chunks of large jobs on every core; this
        executor closes it when it stops."""
        self.engine = engine
        self.pool = pool
        self.screener_source = screener_source
        self.is_ready = is_ready
        self.sweep_seconds = sweep_seconds
        self.chunk_rows = chunk_rows
        self.identity = identity or RunnerIdentity(runner_name(), LEASE)
        self._queue: queue.Queue[str] = queue.Queue()
        self._waiting: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="screening-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the chunk in hand, giving up the lease so the next start resumes the job."""
        self._stop.set()
        self._queue.put(_WAKE_UP)
        if self._thread is not None:
            self._thread.join(timeout=timeout)
            self._thread = None
        if self.pool is not None:
            self.pool.close()

    def submit(self, job_id: str) -> None:
        with self._lock:
            if job_id in self._waiting:
                return
            self._waiting.add(job_id)
        self._idle.clear()
        self._queue.put(job_id)

    def wait_idle(self, timeout: float) -> bool:
        """Block until no job is queued or running here (for tests and benchmarks)."""
        return self._idle.wait(timeout)

    def sweep(self) -> list[str]:
        """Queue every job that no live runner holds; returns their ids."""
        found = jobs_to_resume(self.engine)
        for job_id in found:
            self.submit(job_id)
        return found

    def _run(self) -> None:
        while not self._stop.is_set() and not self.is_ready():
            self._stop.wait(0.5)  # the lists are still loading: jobs wait in the queue
        self._safe_sweep()
        while not self._stop.is_set():
            try:
                job_id = self._queue.get(timeout=self.sweep_seconds)
            except queue.Empty:
                self._safe_sweep()
                continue
            if job_id == _WAKE_UP:
                continue
            with self._lock:
                self._waiting.discard(job_id)
            self._run_one(job_id)
            return_freed_memory()  # the job's file and rows, read here, are freed
            if self._queue.empty():
                if self.pool is not None:
                    self.pool.idle()  # its workers end unless another job comes soon
                self._idle.set()
        self._idle.set()

    def _run_one(self, job_id: str) -> None:
        try:
            status = run_job(
                self.engine,
                self.screener_source,
                job_id,
                self.identity,
                chunk_rows=self.chunk_rows,
                should_stop=self._stop.is_set,
                workers_for=self.pool.workers_for_job if self.pool is not None else None,
            )
            if status == JobStatus.RUNNING:
                release_job(self.engine, job_id, self.identity.name)
            elif status == JobStatus.QUEUED and not self._stop.is_set():
                self.submit(job_id)  # an attempt failed and was released: the next one now
        except Exception:  # the database went away: the lease runs out, a later sweep resumes
            log.exception("job %s could not be run", job_id)

    def _safe_sweep(self) -> None:
        try:
            resumed = self.sweep()
            if resumed:
                log.info("jobs: resuming %d unfinished job(s)", len(resumed))
            elif self._queue.empty():
                self._idle.set()
        except Exception:
            log.exception("looking for unfinished jobs failed")
