"""The Celery tasks of a worker: `screening.start_job` and `screening.screen_chunk`.

Each worker process builds its WorkerContext (engine, Screener cache) on its first task, after the
pool has forked it, so no database connection or index is shared between processes.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from celery import Celery, Task
from sqlalchemy.exc import OperationalError

from screening.config import Settings, load_settings
from screening.jobs.runner import LEASE
from screening.queue.app import (
    SCREEN_CHUNK_TASK,
    START_JOB_TASK,
    UNACKED_INDEX,
    is_redis,
    redis_key_prefix,
)
from screening.queue.heartbeat import kept_visible
from screening.queue.screeners import ScreenerCache
from screening.queue.steps import WorkerContext, screen_job_chunk, start_job
from screening.store.db import database_url, make_engine

log = logging.getLogger(__name__)

_context: WorkerContext | None = None
_context_lock = threading.Lock()
_node_name = ""  # set by `screening worker` before the pool forks; names database sessions

# A lost database connection is worth a few retries before the chunk waits for the next sweep.
_RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


def set_node_name(name: str) -> None:
    global _node_name
    _node_name = name


def job_lease(settings: Settings) -> timedelta:
    """How long a job may go without a finished chunk before a sweep starts it again: longer
    than a chunk may wait to be redelivered after its worker died."""
    return max(LEASE, timedelta(seconds=settings.queue_visibility_timeout * 2))


def worker_engine_url(settings: Settings) -> str:
    """The database URL, naming this worker in PostgreSQL's pg_stat_activity."""
    url = database_url(settings.database_url)
    if url.get_backend_name() == "postgresql" and _node_name:
        url = url.update_query_dict({"application_name": f"screening worker {_node_name}"[:63]})
    return url.render_as_string(hide_password=False)


def worker_context() -> WorkerContext:
    global _context
    with _context_lock:
        if _context is None:
            settings = load_settings()
            engine = make_engine(worker_engine_url(settings))
            _context = WorkerContext(
                engine,
                ScreenerCache(engine, settings.lists_dir),
                job_lease(settings),
                lists=frozenset(settings.screening_lists) or None,
            )
        return _context


@contextmanager
def message_held(task: Task) -> Iterator[None]:
    """While the task runs, its message stays with this worker (Redis: see queue.heartbeat;
    RabbitMQ holds it for as long as the worker's connection lives)."""
    settings = load_settings()
    properties = getattr(task.request, "properties", None) or {}
    if not is_redis(settings.broker_url):
        yield
        return
    with kept_visible(
        settings.broker_url,
        redis_key_prefix(settings) + UNACKED_INDEX,
        properties.get("delivery_tag"),
        settings.queue_visibility_timeout,
    ):
        yield


def register_tasks(app: Celery) -> None:
    """Add the tasks to `app` (a worker's; the API only sends them by name)."""

    def start(task: Task, job_id: str, runner: str, chunk_rows: int) -> str:
        context = worker_context()
        # Each run of the task holds the job under its own name: a copy of the message delivered
        # again while this run is still going finds the job taken and leaves it alone.
        runner = f"{runner}/{secrets.token_hex(3)}"

        def enqueue(chunk_no: int) -> None:
            app.send_task(SCREEN_CHUNK_TASK, args=[job_id, chunk_no, runner])

        with message_held(task):
            return start_job(context, job_id, runner, chunk_rows, enqueue)

    def screen_chunk(task: Task, job_id: str, chunk_no: int, runner: str) -> bool:
        context = worker_context()
        log.info("job %s chunk %d: started", job_id, chunk_no)
        with message_held(task):
            screened = screen_job_chunk(context, job_id, chunk_no, runner)
        log.info("job %s chunk %d: %s", job_id, chunk_no, "screened" if screened else "skipped")
        return screened

    options: dict[str, Any] = {**_RETRY, "bind": True}
    app.task(name=START_JOB_TASK, **options)(start)
    app.task(name=SCREEN_CHUNK_TASK, **options)(screen_chunk)
