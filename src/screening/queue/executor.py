"""The API side of distributed jobs: hands each job to the queue, and sweeps for jobs left behind.

`submit` sends the job's start task; a worker reads the file, fixes the lists and queues one task
per chunk. The sweep, on start and every `sweep_seconds`, starts again every unfinished job that
no worker has moved for a lease period, but only while the queue is empty: a job waiting behind
others is not stuck, while one whose messages were lost (Redis restarted without its data, the
broker down when the job was submitted) is. Starting a job twice is harmless (see steps.py).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading

from celery import Celery
from sqlalchemy.engine import Engine

from screening.config import Settings
from screening.jobs.runner import CHUNK_ROWS
from screening.jobs.store import jobs_to_resume
from screening.queue.app import START_JOB_TASK, create_celery, queue_name

log = logging.getLogger(__name__)

SWEEP_SECONDS = 60.0


def start_runner_name() -> str:
    """Names one start of a job: its lease, renewed by every chunk that start queued."""
    return f"queue:{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class QueueExecutor:
    """Runs jobs on the workers of the queue at `settings.broker_url`."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        chunk_rows: int = CHUNK_ROWS,
        sweep_seconds: float = SWEEP_SECONDS,
        celery: Celery | None = None,
    ) -> None:
        self.engine = engine
        self.chunk_rows = chunk_rows
        self.sweep_seconds = sweep_seconds
        self.celery = celery or create_celery(settings)
        self.queue = queue_name(settings)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="screening-queue", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
            self._thread = None

    def submit(self, job_id: str) -> None:
        """Queue the job; if the broker cannot be reached, the sweep queues it later."""
        try:
            self.celery.send_task(
                START_JOB_TASK, args=[job_id, start_runner_name(), self.chunk_rows]
            )
        except Exception:  # the job is stored: it waits for the broker, it is not lost
            log.exception("job %s: the queue could not be reached; the sweep will retry", job_id)

    def queue_length(self) -> int:
        """Messages waiting in the queue (not those a worker holds)."""
        with self.celery.connection_for_write() as connection:
            # A passive declaration changes nothing and answers the length; a queue that does
            # not exist yet (nothing ever sent; on Redis, an empty one) holds nothing.
            try:
                declared = connection.default_channel.queue_declare(queue=self.queue, passive=True)
            except connection.channel_errors:
                return 0
            return int(declared.message_count)

    def sweep(self) -> list[str]:
        """Start again the unfinished jobs nobody holds, if the queue is empty; their ids."""
        left = jobs_to_resume(self.engine)
        if not left or self.queue_length() > 0:
            return []
        for job_id in left:
            self.submit(job_id)
        return left

    def _run(self) -> None:
        while True:
            try:
                resumed = self.sweep()
                if resumed:
                    log.info("jobs: %d unfinished job(s) queued again", len(resumed))
            except Exception:  # broker or database away: try again next round
                log.exception("looking for unfinished jobs failed")
            if self._stop.wait(self.sweep_seconds):
                return
