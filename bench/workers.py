"""Throughput of upload jobs on the queue with 1 and 2 worker processes, and memory per worker.

    .venv/bin/python -m bench.workers                    # 24,000 rows, 1 then 2 workers
    .venv/bin/python -m bench.workers --rows 48000 --workers 1 2 4

Needs PostgreSQL and Redis on loopback (as the tests do). Makes a fresh database holding every
bundled list, starts real `screening worker` processes (prefork, one child each), lets each build
its match index on a warm-up job, then times one job of `--rows` suppliers from the moment it is
submitted until the database says it is done: reading the file, queueing, screening and writing
every chunk. Also screens the same rows in this process without database or queue (the ceiling
per core) and reads each worker's resident memory after its index is built.

The rows: 70% ordinary company names made from common words, 25% real companies that resemble
listed ones (the look-alikes of bench/eval), 5% renderings of listed organisations (the first
families of the dev evaluation set); every name is unique, so nothing comes from the batch cache.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import secrets
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bench.eval.measure import load_lookalikes, load_positives
from bench.shared_data import all_snapshots
from screening.commands.worker import spawn_worker
from screening.config import Settings
from screening.jobs.runner import CHUNK_ROWS
from screening.jobs.store import JobStatus, create_job, load_job
from screening.queue.app import create_celery
from screening.queue.executor import QueueExecutor
from screening.screener import Screener
from screening.store.db import make_engine, migrate, open_session
from screening.store.snapshots import import_snapshot, load_active_snapshots
from screening.store.tenants import DEFAULT_TENANT_ID, ensure_default_tenant
from screening.supplier import Supplier
from screening.watchlist.registry import LIST_IDS

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS_DIR = REPO_ROOT / "lists"
SEED = 20260301

# Words of ordinary company names (a bench fixture: any common words would do).
_NAME_WORDS = (
    "Golden Star Pacific Ocean River Green Blue Eastern Western Northern Southern Global "
    "United Royal Silver Bright Sun Moon Lotus Harbour Summit Crown Phoenix Dragon Maple "
    "Cedar Alpine Textile Garment Apparel Footwear Steel Metal Timber Seafood Foods "
    "Logistics Shipping Marine Construction Engineering Trading Import Export Electronics "
    "Software Systems Machinery Plastics Chemicals Packaging Furniture Ceramics Paper "
    "Printing Medical Pharma Agro Fishery Mining"
)
WORDS = _NAME_WORDS.split()
LEGAL_FORMS = ("Co., Ltd.", "LLC", "Ltd", "GmbH", "S.A.", "Inc.", "OOO", "JSC", "Pte Ltd", "B.V.")
COUNTRIES = ("CN", "RU", "VN", "TR", "DE", "PL", "AE", "MN", "MY", "US", "")


@dataclass(frozen=True)
class Run:
    workers: int
    rows: int
    queued_seconds: float  # until the file was read into chunks and every chunk queued
    seconds: float  # until done
    index_seconds: list[float]  # per worker: building its match index (from its log)
    stored_bytes_per_row: float  # the job's input rows and results in PostgreSQL, compressed
    child_rss_mb: list[float]  # per worker: its pool child, which holds the index
    parent_rss_mb: list[float]  # per worker: the Celery main process

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def supplier_rows(count: int) -> list[tuple[str, str, str]]:
    """(ref, name, country) rows, deterministic, every name unique."""
    rng = random.Random(SEED)
    lookalikes = [(n.supplier.name, n.supplier.country) for n in load_lookalikes()]
    positives = [(p.supplier.name, p.supplier.country) for p in load_positives()]
    rows = []
    for n in range(count):
        draw = rng.random()
        if draw < 0.05:
            name, country = rng.choice(positives)
        elif draw < 0.30:
            name, country = rng.choice(lookalikes)
        else:
            words = " ".join(rng.sample(WORDS, rng.choice((2, 3))))
            name, country = f"{words} {rng.choice(LEGAL_FORMS)}", rng.choice(COUNTRIES)
        rows.append((f"V{n:07d}", f"{name} {n}", country))
    return rows


def as_csv(rows: list[tuple[str, str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("Vendor number", "Supplier name", "Country"))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# -- services ---------------------------------------------------------------------------------


def create_database(server: str) -> tuple[str, Callable[[], None]]:
    name = f"screening_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    return f"{server}/{name}", drop


def delete_queue_keys(broker_url: str, prefix: str) -> None:
    client = redis.Redis.from_url(broker_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    client.close()


def process_tree_rss_mb(pid: int) -> tuple[float, list[float]]:
    """Resident memory of `pid` and of each of its children, in MB."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{pid}$", status, re.M):
                children.append(int(entry.name))
    return _rss_mb(pid), [_rss_mb(child) for child in children]


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) / 1024 if match else 0.0


class Workers:
    """`count` worker processes, each in its own process group."""

    def __init__(self, settings: Settings, count: int, log_dir: Path) -> None:
        environment = {
            **os.environ,
            "SCREENING_DATABASE_URL": settings.database_url,
            "SCREENING_BROKER_URL": settings.broker_url,
            "SCREENING_QUEUE_PREFIX": settings.queue_prefix,
            "SCREENING_LISTS_DIR": str(settings.lists_dir),
            "PYTHONUNBUFFERED": "1",
        }
        token = secrets.token_hex(3)
        self.names = [f"bench{n}-{token}@localhost" for n in range(count)]
        self.logs = [log_dir / f"{name}.log" for name in self.names]
        self.processes = []
        for name, log_path in zip(self.names, self.logs, strict=True):
            self.processes.append(spawn_worker(name, log_path, environment))
        app = create_celery(settings)
        deadline = time.monotonic() + 120
        for name in self.names:
            while not any(name in reply for reply in app.control.ping([name], timeout=1.0)):
                if time.monotonic() > deadline:
                    raise SystemExit(f"worker {name} did not start; see {log_dir}")

    def rss_mb(self) -> tuple[list[float], list[float]]:
        """Resident memory of each worker's pool child and of its main process."""
        trees = [process_tree_rss_mb(process.pid) for process in self.processes]
        return [sum(children) for _parent, children in trees], [parent for parent, _ in trees]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


# -- the measurement --------------------------------------------------------------------------


def run_job(executor: QueueExecutor, content: bytes) -> tuple[str, float, float]:
    """Submit a job of `content`; seconds until its rows are stored and its chunks queued (the
    part one worker does alone), and until the database says it is done."""
    engine = executor.engine
    with open_session(engine) as session:
        job = create_job(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            created_by="bench",
            file_name="bench.csv",
            content=content,
        )
        job_id = job.id
    started = time.perf_counter()
    executor.submit(job_id)
    queued = 0.0
    while True:
        job = load_job(engine, job_id)
        if not queued and job.status != JobStatus.QUEUED:
            queued = time.perf_counter() - started
        if job.status == JobStatus.DONE:
            return job_id, queued, time.perf_counter() - started
        if job.status == JobStatus.FAILED:
            raise SystemExit(f"job {job_id} failed: {job.failure}")
        time.sleep(0.05)


def stored_bytes(engine: Engine, job_id: str) -> int:
    with engine.connect() as connection:
        total = connection.execute(
            text(
                "SELECT (SELECT coalesce(sum(length(rows_gz)), 0) FROM job_chunks"
                " WHERE job_id = :id) + (SELECT coalesce(sum(length(results_gz)), 0)"
                " FROM job_chunk_results WHERE job_id = :id)"
            ),
            {"id": job_id},
        ).scalar_one()
    return int(total)


def index_build_seconds(log: str) -> float:
    found = re.findall(r"built the match index of .* in ([\d.]+) s", log)
    return float(found[0]) if found else float("nan")


def measure(settings: Settings, count: int, rows: list[tuple[str, str, str]], logs: Path) -> Run:
    workers = Workers(settings, count, logs)
    try:
        executor = QueueExecutor(make_engine(settings.database_url), settings)
        # Warm-up: one small job per worker until every worker has built its index.
        warm = as_csv(rows[:20])
        deadline = time.monotonic() + 600
        while not all("built the match index" in log.read_text() for log in workers.logs):
            if time.monotonic() > deadline:
                raise SystemExit(f"the workers did not build their index; see {logs}")
            run_job(executor, warm)
        child_rss, parent_rss = workers.rss_mb()
        job_id, queued, seconds = run_job(executor, as_csv(rows))
        stored = stored_bytes(executor.engine, job_id)
        executor.engine.dispose()
        index = [index_build_seconds(log.read_text()) for log in workers.logs]
        return Run(
            count, len(rows), queued, seconds, index, stored / len(rows), child_rss, parent_rss
        )
    finally:
        workers.stop()


def in_process_rows_per_second(database_url: str, rows: list[tuple[str, str, str]]) -> float:
    engine = make_engine(database_url)
    snapshots = load_active_snapshots(engine)
    engine.dispose()
    ordered = [snapshots[i] for i in LIST_IDS if i in snapshots]
    screener = Screener.from_snapshots(ordered, (LISTS_DIR / "host-risk.toml").read_bytes())
    suppliers = [Supplier(name=name, ref=ref, country=country) for ref, name, country in rows]
    started = time.perf_counter()
    for first in range(0, len(suppliers), CHUNK_ROWS):
        screener.screen(suppliers[first : first + CHUNK_ROWS])
    return len(suppliers) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=24_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-process figure")
    args = parser.parse_args()

    database_url, drop_database = create_database(args.postgres)
    prefix = f"screening-bench-{os.getpid()}-{secrets.token_hex(3)}"
    logs = Path(os.environ.get("TMPDIR", "/tmp")) / prefix
    logs.mkdir(parents=True)
    settings = _settings(database_url, args.redis, prefix)
    try:
        engine = make_engine(database_url)
        migrate(engine)
        with open_session(engine) as session:
            ensure_default_tenant(session)
        started = time.perf_counter()
        for snapshot in all_snapshots():
            import_snapshot(engine, snapshot, imported_by="bench")
        engine.dispose()
        print(f"lists stored in {time.perf_counter() - started:.0f} s")
        rows = supplier_rows(args.rows)
        print(
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
            f"{args.rows} rows, {CHUNK_ROWS} rows per chunk"
        )
        if not args.no_baseline:
            rate = in_process_rows_per_second(database_url, rows)
            print(f"in process, no database or queue: {rate:7.0f} rows/s (one core)")
        for count in args.workers:
            run = measure(settings, count, rows, logs)
            child = ", ".join(f"{mb:.0f}" for mb in run.child_rss_mb)
            parent = ", ".join(f"{mb:.0f}" for mb in run.parent_rss_mb)
            index = ", ".join(f"{seconds:.0f}" for seconds in run.index_seconds)
            print(
                f"{count} worker(s): {run.rows_per_second:7.0f} rows/s ({run.seconds:.1f} s, "
                f"of which {run.queued_seconds:.1f} s reading the file and queueing chunks)"
            )
            print(
                f"    index build {index} s; RSS after index load, MB: pool child {child}, "
                f"main process {parent}; {run.stored_bytes_per_row:.0f} bytes stored per row"
            )
    finally:
        delete_queue_keys(args.redis, prefix)
        drop_database()


def _settings(database_url: str, broker_url: str, prefix: str) -> Settings:
    return Settings(
        database_url=database_url,
        broker_url=broker_url,
        admin_key="",
        lists_dir=LISTS_DIR,
        data_dir=Path("var").resolve(),
        queue_prefix=prefix,
    )


if __name__ == "__main__":
    main()
