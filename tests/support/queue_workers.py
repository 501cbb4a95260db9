"""Real `screening worker` processes for the distributed-job tests, and a hold on their writes.

Each test run gets its own Redis key prefix (so runs and deployments sharing the Redis on
127.0.0.1:6379 never see each other's messages) and a short visibility timeout, so a chunk held
by a killed worker comes back within seconds instead of minutes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import redis
from kombu.connection import Connection
from prometheus_client.parser import text_string_to_metric_families

from screening.commands.worker import spawn_worker
from screening.config import Settings
from screening.queue.app import create_celery, queue_name
from support.serving import free_port
from support.waiting import wait_until

REDIS_URL = "redis://127.0.0.1:6379/0"


RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"
VISIBILITY_TIMEOUT = 5.0  # seconds before a killed worker's chunk goes to another worker


def queue_environment(settings: Settings) -> dict[str, str]:
    """The environment a worker process reads its settings from."""
    return {
        "SCREENING_DATABASE_URL": settings.database_url,
        "SCREENING_BROKER_URL": settings.broker_url,
        "SCREENING_QUEUE_PREFIX": settings.queue_prefix,
        "SCREENING_QUEUE_VISIBILITY_TIMEOUT": str(settings.queue_visibility_timeout),
        "SCREENING_LISTS_DIR": str(settings.lists_dir),
        "SCREENING_DATA_DIR": str(settings.data_dir),
    }


def new_queue_prefix() -> str:
    return f"screening-test-{os.getpid()}-{secrets.token_hex(4)}"


def delete_queue_keys(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def delete_queue(settings: Settings) -> None:
    """The test run's queue and keys, on whichever broker it used."""
    if settings.broker_url.startswith("redis://"):
        delete_queue_keys(settings.queue_prefix)
        return
    with Connection(settings.broker_url) as connection:  # type: ignore[no-untyped-call]
        connection.default_channel.queue_delete(queue_name(settings))


@dataclass
class WorkerProcess:
    """One `screening worker` (Celery parent and its pool child) in a session of its own."""

    name: str  # Celery node name
    process: subprocess.Popen[bytes]
    log_path: Path
    metrics_port: int

    def suppliers_screened(self) -> float:
        """screening_suppliers_screened_total{source="job"} at the worker's /metrics: what
        every worker sharing its data directory screened."""
        text = httpx.get(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=30).text
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name == "screening_suppliers_screened_total" and sample.labels == {
                    "source": "job"
                }:
                    return float(sample.value)
        return 0.0

    @property
    def application_name(self) -> str:
        return f"screening worker {self.name}"[:63]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def is_running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its pool: a machine that dies, no chance to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """At the end of a test: nothing of a test worker is worth a graceful shutdown."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


@contextmanager
def running_workers(
    settings: Settings, names: list[str], log_dir: Path
) -> Iterator[list[WorkerProcess]]:
    """Start one worker per name and wait until each answers a ping; always stop them all."""
    environment = {**os.environ, **queue_environment(settings), "PYTHONUNBUFFERED": "1"}
    workers: list[WorkerProcess] = []
    try:
        for name in names:
            log_path = log_dir / f"{name}.log"
            port = free_port()
            process = spawn_worker(name, log_path, environment, metrics_port=port)
            workers.append(WorkerProcess(name, process, log_path, port))
        app = create_celery(settings)
        for worker in workers:

            def answers(worker: WorkerProcess = worker) -> bool:
                if not worker.is_running():
                    raise AssertionError(f"worker {worker.name} exited:\n{worker.log()}")
                replies = app.control.ping(destination=[worker.name], timeout=1.0)
                return any(worker.name in reply for reply in replies)

            wait_until(answers, f"worker {worker.name} to answer")
        yield workers
    finally:
        for worker in workers:
            worker.stop()


# Test instrumentation in the test's own database: every insert of a chunk's results first takes
# a shared advisory lock, which the test holds exclusively. Reading the file and queueing chunks
# go on; only the writing of results waits, inside the worker's transaction.
_HOLD_LOCK = 7_340_033
_CREATE_HOLD = f"""
CREATE FUNCTION scale_test_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_advisory_xact_lock_shared({_HOLD_LOCK}); RETURN NEW; END $$;
CREATE TRIGGER scale_test_hold BEFORE INSERT ON job_chunk_results
FOR EACH ROW EXECUTE FUNCTION scale_test_hold();
"""
_DROP_HOLD = """
DROP TRIGGER IF EXISTS scale_test_hold ON job_chunk_results;
DROP FUNCTION IF EXISTS scale_test_hold();
"""


@contextmanager
def chunk_writes_held(database_url: str) -> Iterator[Callable[[], set[str]]]:
    """Hold every write of a chunk's results until the block ends; yields a function telling
    which database sessions (by application name) wait to write one: workers holding a chunk."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(_CREATE_HOLD)
        connection.execute("SELECT pg_advisory_lock(%s)", (_HOLD_LOCK,))

        def waiting() -> set[str]:
            rows = connection.execute(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
            ).fetchall()
            return {name for (name,) in rows}

        try:
            yield waiting
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_HOLD_LOCK,))
            connection.execute(_DROP_HOLD)
