"""How long a chunk held by a worker killed with SIGKILL waits before another worker screens it,
with the deployment's default settings, on Redis and on RabbitMQ.

    .venv/bin/python -m bench.recovery                      # both brokers, 3 runs each
    .venv/bin/python -m bench.recovery --brokers redis --runs 5

Needs PostgreSQL, Redis and RabbitMQ on loopback (as the tests do). A fresh database holds two
small lists (UN, the curated DPRK list); two `screening worker` processes build their index on a
warm-up job. Then a job of two chunks is submitted: each worker takes one; the moment worker 1's
log says it started its chunk, its whole process group is killed (SIGKILL: a machine that dies).
Measured from the kill: until worker 2's log says it started the dead worker's chunk (the
broker handed it on), and until that chunk's results are in the database. The job must end with
every row exactly once. A run where the chunk was written before the kill is not counted.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from kombu.connection import Connection
from screening.store.bundled import build_bundled_snapshot
from sqlalchemy import text

from bench.workers import (
    LISTS_DIR,
    Workers,
    as_csv,
    create_database,
    delete_queue_keys,
    supplier_rows,
)
from screening.config import Settings
from screening.jobs.store import JobStatus, create_job, load_job
from screening.queue.app import queue_name
from screening.queue.executor import QueueExecutor
from screening.store.db import make_engine, migrate, open_session
from screening.store.snapshots import import_snapshot
from screening.store.tenants import DEFAULT_TENANT_ID, ensure_default_tenant

BROKERS = {
    "redis": "redis://127.0.0.1:6379/0",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}
SMALL_LISTS = ("un-sc", "dprk-labour")
CHUNK_ROWS = 2000
GUARD_SECONDS = 600  # only stops a hung run


@dataclass(frozen=True)
class Recovery:
    handed_on: float  # kill -> the survivor starts the dead worker's chunk
    written: float  # kill -> that chunk's results committed


def wait(condition: object, what: str) -> None:
    deadline = time.monotonic() + GUARD_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(0.01)


def started_chunks(log: Path, job_id: str) -> set[int]:
    return {int(n) for n in re.findall(rf"job {job_id} chunk (\d+): started", log.read_text())}


def submit(executor: QueueExecutor, content: bytes) -> str:
    with open_session(executor.engine) as session:
        job = create_job(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            created_by="bench",
            file_name="recovery.csv",
            content=content,
        )
        job_id = job.id
    executor.submit(job_id)
    return job_id


def chunk_written(executor: QueueExecutor, job_id: str, chunk_no: int) -> bool:
    with executor.engine.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM job_chunk_results WHERE job_id = :job AND chunk_no = :chunk"),
            {"job": job_id, "chunk": chunk_no},
        ).first()
    return found is not None


def one_run(settings: Settings, logs: Path, content: bytes) -> Recovery | None:
    workers = Workers(settings, 2, logs)
    executor = QueueExecutor(make_engine(settings.database_url), settings, chunk_rows=CHUNK_ROWS)
    try:
        warm = submit(executor, as_csv(supplier_rows(20)))
        wait(lambda: load_job(executor.engine, warm).status == JobStatus.DONE, "the warm-up")
        wait(
            lambda: all("built the match index" in log.read_text() for log in workers.logs),
            "both workers to build their index",
        )
        job_id = submit(executor, content)
        doomed, survivor = workers.logs
        wait(lambda: started_chunks(doomed, job_id), "worker 1 to start a chunk")
        os.killpg(workers.processes[0].pid, signal.SIGKILL)
        killed_at = time.monotonic()
        workers.processes[0].wait()
        (held,) = started_chunks(doomed, job_id)
        if chunk_written(executor, job_id, held):
            return None  # it finished before the kill landed: nothing to recover
        wait(lambda: held in started_chunks(survivor, job_id), "the chunk to be handed on")
        handed_on = time.monotonic() - killed_at
        wait(lambda: chunk_written(executor, job_id, held), "the chunk's results")
        written = time.monotonic() - killed_at
        wait(lambda: load_job(executor.engine, job_id).status == JobStatus.DONE, "the job")
        job = load_job(executor.engine, job_id)
        assert job.rows_done == job.rows_total, (job.rows_done, job.rows_total)
        return Recovery(handed_on, written)
    finally:
        workers.stop()
        executor.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--brokers", nargs="+", choices=sorted(BROKERS), default=sorted(BROKERS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    content = as_csv(supplier_rows(2 * CHUNK_ROWS))
    for broker in args.brokers:
        database_url, drop_database = create_database(args.postgres)
        prefix = f"screening-bench-{os.getpid()}-{secrets.token_hex(3)}"
        logs = Path(os.environ.get("TMPDIR", "/tmp")) / prefix
        logs.mkdir(parents=True)
        settings = Settings(  # the defaults a deployment gets, visibility timeout included
            database_url=database_url,
            broker_url=BROKERS[broker],
            admin_key="",
            lists_dir=LISTS_DIR,
            data_dir=logs / "var",
            queue_prefix=prefix,
        )
        try:
            engine = make_engine(database_url)
            migrate(engine)
            with open_session(engine) as session:
                ensure_default_tenant(session)
            for list_id in SMALL_LISTS:
                snapshot = build_bundled_snapshot(LISTS_DIR, list_id)
                import_snapshot(engine, snapshot, imported_by="bundled")
            engine.dispose()
            done: list[Recovery] = []
            while len(done) < args.runs:
                run = one_run(settings, logs, content)
                if run is not None:
                    done.append(run)
                    print(
                        f"{broker}: handed on after {run.handed_on:5.1f} s, results written "
                        f"after {run.written:5.1f} s (load average {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
            print(
                f"{broker} ({queue_name(settings)}, visibility timeout "
                f"{settings.queue_visibility_timeout:g} s): handed on after "
                f"{min(r.handed_on for r in done):.1f}-{max(r.handed_on for r in done):.1f} s"
            )
        finally:
            delete_queue(settings)
            drop_database()


def delete_queue(settings: Settings) -> None:
    if settings.broker_url.startswith("redis://"):
        delete_queue_keys(settings.broker_url, settings.queue_prefix)
        return
    with Connection(settings.broker_url) as connection:  # type: ignore[no-untyped-call]
        connection.default_channel.queue_delete(queue_name(settings))


if __name__ == "__main__":
    main()
