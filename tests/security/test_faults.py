"""Faults: the database gone for a moment, and the disk full while a report is written.

The database is a real PostgreSQL: its connections are cut (pg_terminate_backend) and, for the
outage, new ones refused (ALLOW_CONNECTIONS false) until the test lets them in again. The full
disk is a real one too: a small tmpfs, filled up. A worker killed mid-job is the scale tests'
`test_worker_killed_mid_chunk_loses_no_row` (tests/scale/test_distributed_jobs.py).
"""

from __future__ import annotations

import io
import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from openpyxl import load_workbook
from psycopg import sql
from sqlalchemy.engine import make_url

from databases import POSTGRES_SERVER, DatabaseFactory
from screening.api.app import prepare_database
from screening.jobs.executor import InProcessExecutor
from screening.jobs.runner import RunnerIdentity
from screening.jobs.store import JobStatus, create_job, load_job, results_page
from screening.screener import Screener
from screening.store.db import make_engine, open_session
from screening.watchlist.model import ListSnapshot
from support.queue_workers import chunk_writes_held
from support.serving import (
    OPERATOR_KEY,
    Api,
    Tenant,
    api_settings,
    served_api,
    served_client,
    stored_lists,
)
from support.waiting import wait_until

MANSUDAE = {"ref": "V-1", "name": "Mansudae Overseas Project Group of Companies"}
JOB_ROWS = 300
CHUNK_ROWS = 25
SHORT_LEASE = timedelta(seconds=2)  # a runner cut off is taken for dead this soon
HANG_GUARD_SECONDS = 120  # only stops a hung test; never a speed requirement


def supplier_csv(rows: int) -> bytes:
    lines = ["Vendor No,Supplier Name,Country"]
    lines += [f"V-{n:04d},Supplier Number {n} Trading LLC,DE" for n in range(rows)]
    lines.append(f"V-{rows:04d},{MANSUDAE['name']},KP")
    return ("\r\n".join(lines) + "\r\n").encode()


@contextmanager
def database_unreachable(url: str, *, spare: tuple[int, ...] = ()) -> Iterator[None]:
    """No new connection to the database, and every open one cut (but those of `spare`),
    until the block ends."""
    name = sql.Identifier(str(make_url(url).database))
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(name))
        try:
            cut_connections(admin, str(make_url(url).database), spare)
            yield
        finally:
            admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(name))


def cut_connections(admin: psycopg.Connection, database: str, spare: tuple[int, ...] = ()) -> int:
    rows = admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid() AND NOT (pid = ANY(%s))",
        (database, list(spare)),
    ).fetchall()
    return len(rows)


@pytest.fixture(scope="module")
def fault_database(
    database_factory: DatabaseFactory, security_snapshots: list[ListSnapshot]
) -> str:
    """A PostgreSQL database of this module's own: taking it away disturbs no other test."""
    return stored_lists(database_factory.url("postgresql"), security_snapshots)


@pytest.fixture(scope="module")
def fault_api(
    fault_database: str, screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    with served_api(fault_database, screener, tmp_path_factory.mktemp("fault-var")) as api:
        yield api


@pytest.fixture(scope="module")
def fault_tenant(fault_api: Api) -> Tenant:
    return fault_api.new_tenant("faults")


@pytest.mark.postgres
def test_a_cut_database_connection_is_replaced_without_the_client_noticing(
    fault_api: Api, fault_database: str, fault_tenant: Tenant
) -> None:
    assert fault_api.get("/v1/lists", fault_tenant.admin_key).status_code == 200
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        assert cut_connections(admin, str(make_url(fault_database).database)) > 0
    assert fault_api.get("/v1/lists", fault_tenant.admin_key).status_code == 200
    assert fault_api.screen(fault_tenant.admin_key, MANSUDAE).status_code == 200


@pytest.mark.postgres
def test_while_the_database_is_unreachable_requests_get_a_clear_503_then_it_recovers(
    fault_api: Api, fault_database: str, fault_tenant: Tenant
) -> None:
    key = fault_tenant.admin_key
    with database_unreachable(fault_database):
        answers = [
            fault_api.get("/v1/lists", key),
            fault_api.screen(key, MANSUDAE),
            fault_api.get("/v1/screenings", key),
        ]
        health = fault_api.client.get("/healthz")
    for answer in answers:
        assert answer.status_code == 503, answer.text
        assert answer.json()["error"]["code"] == "database_unavailable"
        assert int(answer.headers["Retry-After"]) >= 1
    assert health.status_code == 200  # the lists serve from memory: the process is alive
    assert fault_api.get("/v1/lists", key).status_code == 200
    screened = fault_api.screen(key, MANSUDAE)
    assert screened.status_code == 200
    assert (
        fault_api.get(f"/v1/screenings/{screened.json()['screening_id']}", key).status_code == 200
    )


@pytest.mark.postgres
def test_a_job_cut_off_from_its_database_mid_chunk_resumes_and_loses_no_row(
    fault_database: str, screener: Screener, tmp_path: Path
) -> None:
    engine = make_engine(fault_database)
    prepare_database(engine, api_settings(fault_database, tmp_path))
    with open_session(engine) as session:
        job = create_job(
            session,
            tenant_id="default",
            created_by="fault-test",
            file_name="suppliers.csv",
            content=supplier_csv(JOB_ROWS),
        )
        job_id = job.id
    executor = InProcessExecutor(
        engine,
        lambda: screener,
        sweep_seconds=0.5,
        chunk_rows=CHUNK_ROWS,
        identity=RunnerIdentity(f"fault-test-{secrets.token_hex(3)}", SHORT_LEASE),
    )
    try:
        with chunk_writes_held(fault_database) as waiting:
            executor.start()
            executor.submit(job_id)
            wait_until(lambda: bool(waiting()), "the runner to be writing a chunk")
            with psycopg.connect(fault_database) as probe:
                hold = probe.execute(  # the session that holds the writes back
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND mode = 'ExclusiveLock'"
                ).fetchall()
            with database_unreachable(fault_database, spare=tuple(pid for (pid,) in hold)):
                wait_until(lambda: not waiting(), "the runner's connection to be cut")
                time.sleep(0.5)  # the runner tries the database again, and finds it gone
        wait_until(
            lambda: load_job(engine, job_id).status in (JobStatus.DONE, JobStatus.FAILED),
            "the job to be resumed and finished",
            timeout=HANG_GUARD_SECONDS,
        )
    finally:
        executor.stop()
    finished = load_job(engine, job_id)
    assert finished.status == JobStatus.DONE, finished.failure
    assert finished.attempts >= 2  # the cut attempt, then the one that finished it
    assert finished.rows_done == JOB_ROWS + 1
    with open_session(engine) as session:
        total, items = results_page(session, job_id, offset=0, limit=1000)
    assert total == JOB_ROWS + 1
    assert sorted(item.row.row for item in items) == list(range(2, JOB_ROWS + 3))
    engine.dispose()


# The disk full while a report is written ------------------------------------------------------


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs: a real filesystem that fills up."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs needs root (CAP_SYS_ADMIN): {mounted.stderr.decode()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    """Fill the filesystem of `folder` to the last byte; returns the file that holds it all."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        try:
            while out.write(b"\0" * 4096):
                pass
        except OSError:
            pass  # no space left: full
    return filler


def test_a_full_disk_gives_a_clear_503_and_never_a_half_written_report(
    api: Api, api_database: str, small_disk: Path
) -> None:
    settings = api_settings(api_database, small_disk)
    tenant = api.new_tenant("full-disk")
    with served_client(settings, api.service) as client:
        key = {"X-API-Key": tenant.admin_key}
        upload = client.post(
            "/v1/uploads", headers=key, files={"file": ("suppliers.csv", supplier_csv(40))}
        )
        job_id = upload.json()["job_id"]
        wait_until(
            lambda: client.get(f"/v1/jobs/{job_id}", headers=key).json()["status"] == "done",
            "the job to finish",
        )
        (small_disk / "reports").mkdir(exist_ok=True)
        filler = fill(small_disk)
        refused = client.get(f"/v1/jobs/{job_id}/report", headers=key, params={"format": "xlsx"})
        left_behind = sorted(p.name for p in (small_disk / "reports").iterdir())
        filler.unlink()
        served = client.get(f"/v1/jobs/{job_id}/report", headers=key, params={"format": "xlsx"})
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"]["code"] == "report_not_written"
    assert int(refused.headers["Retry-After"]) >= 1
    assert left_behind == []  # neither the report nor its temporary file
    assert served.status_code == 200
    workbook = load_workbook(io.BytesIO(served.content), read_only=True)
    assert workbook.sheetnames  # a whole workbook, as written once there was room
    assert (small_disk / "reports" / f"{job_id}.xlsx").read_bytes() == served.content
    assert OPERATOR_KEY not in served.text
