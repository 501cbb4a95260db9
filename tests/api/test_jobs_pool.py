"""A server without a queue screens the chunks of a large upload on its worker processes: with the
same results as its jobs thread, and without losing the job when a worker dies.

Real processes, spawned when a job needs them, each loading the Screener from the file the server
wrote; the chunks are small here (4 rows) so that a 20-row sheet is a job of several chunks.
"""

from __future__ import annotations

import os
import signal
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import update
from sqlmodel import Session, col

from screening.jobs.pool import SCREENER_FILE_PREFIX, SCREENER_FILE_SUFFIX, ChunkPool
from screening.jobs.report_data import job_report_data
from screening.jobs.store import job_report_parts
from screening.jobs.tables import JobChunkResultRow, JobRow
from screening.reports import write_report
from screening.screener import Screener
from support.jobs import wait_for_job
from support.serving import Api, served_api
from support.uploads import finished_upload, sheet_file
from support.waiting import HANG_GUARD_SECONDS, wait_until

WORKERS = 2
CHUNK_ROWS = 4


@pytest.fixture(scope="module")
def pooled(
    api_database: str, screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    """A second server on the same database, with worker processes for its jobs."""
    folder = tmp_path_factory.mktemp("pooled-var")
    options = {"job_workers": WORKERS, "job_chunk_rows": CHUNK_ROWS, "job_workers_above_rows": 0}
    with served_api(api_database, screener, folder, **options) as api:
        assert pool_of(api.client).wait_ready(HANG_GUARD_SECONDS)
        yield api


def pool_of(client: TestClient) -> ChunkPool:
    pool: ChunkPool | None = client.app.state.job_pool  # type: ignore[attr-defined]
    assert pool is not None
    return pool


def results(api: Api, key: str, job_id: str) -> list[tuple[Any, ...]]:
    page = api.get(f"/v1/jobs/{job_id}/results?limit=1000", key).json()
    return [
        (r["sheet"], r["row"], r["risk_level"], r["risk_score"], r["reasons"], r["matches"])
        for r in page["results"]
    ]


def test_the_server_starts_one_worker_per_configured_process(pooled: Api) -> None:
    workers = pool_of(pooled.client).workers_for(pooled.service.screener)
    assert workers is not None
    assert len(workers.pids) == WORKERS
    assert os.getpid() not in workers.pids


def test_a_large_upload_is_screened_on_the_workers_with_the_same_results(
    pooled: Api, api: Api
) -> None:
    tenant = pooled.new_tenant()
    key = pooled.new_key(tenant, "analyst")
    workers = pool_of(pooled.client).workers_for(pooled.service.screener)
    assert workers is not None
    before = workers.chunks_screened

    job = finished_upload(pooled.client, key, *sheet_file("messy_suppliers.xlsx"))

    assert (job["status"], job["rows_done"], job["rows_total"]) == ("done", 15, 15)
    assert workers.chunks_screened - before == 5  # 20 rows in chunks of 4, all on the workers
    # The session's server screens in its jobs thread (no workers): the same rows, the same way.
    in_thread = finished_upload(api.client, key, *sheet_file("messy_suppliers.xlsx"))
    assert results(pooled, key, job["job_id"]) == results(api, key, in_thread["job_id"])
    assert job["summary"] == in_thread["summary"]


def test_the_workers_read_the_screener_from_a_file_in_the_data_directory(pooled: Api) -> None:
    settings = pooled.client.app.state.settings  # type: ignore[attr-defined]
    pattern = f"{SCREENER_FILE_PREFIX}*{SCREENER_FILE_SUFFIX}"
    files = list((Path(settings.data_dir) / "cache").glob(pattern))
    assert len(files) == 1  # kept while the workers live, for a worker started late
    assert files[0].stat().st_mode & 0o077 == 0  # the server's own, not readable by others


def test_a_dead_worker_costs_an_attempt_not_the_job(pooled: Api) -> None:
    pool = pool_of(pooled.client)
    workers = pool.workers_for(pooled.service.screener)
    assert workers is not None
    os.kill(workers.pids[0], signal.SIGKILL)
    tenant = pooled.new_tenant()
    key = pooled.new_key(tenant, "analyst")

    job = finished_upload(pooled.client, key, *sheet_file("messy_suppliers.xlsx"))

    assert (job["status"], job["rows_done"]) == ("done", 15)
    page = pooled.get(f"/v1/jobs/{job['job_id']}/results?limit=1000", key).json()
    assert len({(r["sheet"], r["row"]) for r in page["results"]}) == 15  # each row once
    # New workers replace the broken ones for the next job.
    fresh = wait_until(lambda: pool.workers_for(pooled.service.screener), "new workers")
    assert workers.pids[0] not in fresh.pids


def workbook_parts(content: bytes) -> dict[str, bytes]:
    """Every part of an xlsx package but its document properties (which carry the time)."""
    with zipfile.ZipFile(BytesIO(content)) as package:
        return {
            name: package.read(name)
            for name in package.namelist()
            if not name.startswith("docProps/")
        }


def finished_messy_upload(api: Api) -> tuple[str, str]:
    """An analyst key of a new tenant, and the finished job of the messy workbook it uploaded."""
    key = api.new_key(api.new_tenant(), "analyst")
    return key, finished_upload(api.client, key, *sheet_file("messy_suppliers.xlsx"))["job_id"]


def workbook_from_rows(api: Api, job_id: str) -> bytes:
    """The job's workbook built from its stored rows, as for a job without report parts."""
    with Session(api.service.engine) as session:
        job = session.get(JobRow, job_id)
    assert job is not None
    out = BytesIO()
    write_report(job_report_data(api.service.engine, job), "xlsx", out)
    return out.getvalue()


def test_the_workbook_put_together_from_chunk_parts_is_the_one_built_from_rows(
    pooled: Api,
) -> None:
    key, job_id = finished_messy_upload(pooled)
    assert job_report_parts(pooled.service.engine, job_id) is not None

    downloaded = pooled.get(f"/v1/jobs/{job_id}/report?format=xlsx", key)

    assert downloaded.status_code == 200
    assert workbook_parts(downloaded.content) == workbook_parts(workbook_from_rows(pooled, job_id))
    results = load_workbook(BytesIO(downloaded.content))["Results"]
    assert results.max_row == 21  # the heading and the 20 input rows, in 5 chunks of 4


def test_a_job_screened_before_chunks_had_report_parts_is_reported_from_its_rows(
    pooled: Api,
) -> None:
    key, job_id = finished_messy_upload(pooled)
    engine = pooled.service.engine
    with Session(engine) as session:  # as a version without them wrote its chunks
        session.exec(
            update(JobChunkResultRow)
            .where(col(JobChunkResultRow.job_id) == job_id, col(JobChunkResultRow.chunk_no) == 2)
            .values(results_xml_gz=None, matched_gz=None)
        )
        session.commit()
    assert job_report_parts(engine, job_id) is None

    downloaded = pooled.get(f"/v1/jobs/{job_id}/report?format=xlsx", key)

    assert workbook_parts(downloaded.content) == workbook_parts(workbook_from_rows(pooled, job_id))


def test_the_workers_screen_a_tenants_own_list_for_that_tenant(pooled: Api) -> None:
    tenant = pooled.new_tenant()
    key = pooled.new_key(tenant, "analyst")
    imported = pooled.post(
        "/v1/tenant-lists",
        tenant.admin_key,
        files={"file": ("own.csv", b"Name\nZebulon Quartzmill Trading GmbH\n", "text/csv")},
        data={"name": "Own"},
    )
    assert imported.status_code == 201, imported.text
    workers = pool_of(pooled.client).workers_for(pooled.service.screener)
    assert workers is not None
    before = workers.chunks_screened
    rows = "\n".join(["Zebulon Quartzmill Trading GmbH", *(f"Acme {n} Ltd" for n in range(11))])
    response = pooled.post(
        "/v1/uploads", key, files={"file": ("s.csv", f"Supplier name\n{rows}\n".encode())}
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(pooled.client, key, response.json()["job_id"])
    assert job["status"] == "done", job
    assert workers.chunks_screened - before == 3  # all on the workers
    page = pooled.get(f"/v1/jobs/{job['job_id']}/results?limit=100", key).json()
    assert [m["list"] for m in page["results"][0]["matches"]] == ["tenant-own"]
