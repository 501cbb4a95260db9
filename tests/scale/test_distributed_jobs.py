"""Upload jobs on the queue: real `screening worker` processes, PostgreSQL and Redis on loopback.

A job is split into chunks that any worker may screen; results land in PostgreSQL. The tests hold
every chunk write with a table lock until both workers are inside a chunk, so "both did work"
and "killed while holding a chunk" are facts observed in the database, not timing guesses.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from databases import DatabaseFactory
from listfiles import bundled_snapshot
from screening.watchlist.model import ListSnapshot
from support.jobs import wait_for_job
from support.queue_workers import (
    RABBITMQ_URL,
    REDIS_URL,
    VISIBILITY_TIMEOUT,
    WorkerProcess,
    chunk_writes_held,
    delete_queue,
    new_queue_prefix,
    running_workers,
)
from support.serving import OPERATOR_KEY, api_settings, build_screener, served_api, stored_lists
from support.waiting import wait_until

pytestmark = pytest.mark.postgres

# Two small lists: each worker builds its index in well under a second.
LIST_IDS = ("un-sc", "dprk-labour")
ROWS = 300
CHUNK_ROWS = 25  # 12 chunks: enough for two workers to share
SHORT_VISIBILITY_TIMEOUT = 3.0


@dataclass
class Cluster:
    client: TestClient
    workers: list[WorkerProcess]
    database_url: str
    key: str  # an admin key of a fresh tenant: may upload

    def upload(self, csv: str, **form: str) -> str:
        response = self.client.post(
            "/v1/uploads",
            headers={"X-API-Key": self.key},
            files={"file": ("suppliers.csv", csv.encode("utf-8"), "text/csv")},
            data=form,
        )
        assert response.status_code == 202, response.text
        job_id: str = response.json()["job_id"]
        return job_id

    def job(self, job_id: str) -> dict[str, Any]:
        response = self.client.get(f"/v1/jobs/{job_id}", headers={"X-API-Key": self.key})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def wait_all_writing(self, job_id: str, waiting: Callable[[], set[str]]) -> None:
        """Until every worker waits to write a chunk of the job (see chunk_writes_held)."""
        wanted = {worker.application_name for worker in self.workers}

        def all_writing() -> bool:
            job = self.job(job_id)
            assert job["status"] != "failed", job
            return wanted <= waiting()

        wait_until(all_writing, "every worker to be writing a chunk")

    def wait_finished(self, job_id: str) -> dict[str, Any]:
        return wait_for_job(self.client, self.key, job_id)

    def result_refs(self, job_id: str) -> list[str]:
        response = self.client.get(
            f"/v1/jobs/{job_id}/results", headers={"X-API-Key": self.key}, params={"limit": 1000}
        )
        assert response.status_code == 200, response.text
        return [item["ref"] for item in response.json()["results"]]


def supplier_sheet(rows: int) -> tuple[str, list[str]]:
    """A CSV of `rows` suppliers with unique vendor numbers; every tenth is a UN-listed name."""
    names = [
        "Acme Textiles LLC",
        "Pacific Steel Co., Ltd.",
        "Golden Star Trading OOO",
        "Ocean Logistics GmbH",
        "Green Tech Systems Inc.",
        "River Foods S.A.",
        "Sun Marine Shipping",
        "Moon Construction LLC",
        "Global Pacific Trading",
        "Korea Mining Development Trading Corporation",
    ]
    refs = [f"V{number:05d}" for number in range(1, rows + 1)]
    lines = ["Vendor number,Supplier name,Country"]
    lines += [f"{ref},{names[i % len(names)]} {i},CN" for i, ref in enumerate(refs)]
    return "\n".join(lines) + "\n", refs


@pytest.fixture(scope="module")
def small_snapshots() -> list[ListSnapshot]:
    return [bundled_snapshot(list_id) for list_id in LIST_IDS]


@contextmanager
def started_cluster(
    database_factory: DatabaseFactory,
    snapshots: list[ListSnapshot],
    work_dir: Path,
    *,
    broker_url: str = REDIS_URL,
    visibility_timeout: float | None = VISIBILITY_TIMEOUT,
) -> Iterator[Cluster]:
    """The API (in this process, sending jobs to the queue) and two worker processes, on a new
    PostgreSQL database and a queue (prefix) of their own; all stopped and removed after.
    `visibility_timeout` None: the setting's default, as a deployment that sets nothing has."""
    url = stored_lists(database_factory.url("postgresql"), snapshots)
    prefix = new_queue_prefix()
    timeout = {"queue_visibility_timeout": visibility_timeout} if visibility_timeout else {}
    options: dict[str, Any] = {
        "broker_url": broker_url,
        "queue_prefix": prefix,
        "job_chunk_rows": CHUNK_ROWS,
        **timeout,
    }
    settings = api_settings(url, work_dir / "var", **options)
    token = secrets.token_hex(3)
    names = [f"w1-{token}@scale-test", f"w2-{token}@scale-test"]
    try:
        with (
            running_workers(settings, names, work_dir) as workers,
            served_api(url, build_screener(snapshots), work_dir / "var", **options) as api,
        ):
            tenant = api.new_tenant("scale")
            yield Cluster(api.client, workers, url, tenant.admin_key)
    finally:
        delete_queue(settings)


@pytest.fixture(scope="module")
def cluster(
    database_factory: DatabaseFactory,
    small_snapshots: list[ListSnapshot],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Cluster]:
    """Shared by the tests that leave both workers running."""
    with started_cluster(
        database_factory, small_snapshots, tmp_path_factory.mktemp("cluster")
    ) as started:
        yield started


@pytest.fixture()
def own_cluster(
    database_factory: DatabaseFactory, small_snapshots: list[ListSnapshot], tmp_path: Path
) -> Iterator[Cluster]:
    """For a test that kills a worker."""
    with started_cluster(database_factory, small_snapshots, tmp_path) as started:
        yield started


def chunks_in_log(worker: WorkerProcess, job_id: str, what: str) -> set[int]:
    return {int(n) for n in re.findall(rf"job {job_id} chunk (\d+): {what}", worker.log())}


def test_upload_is_screened_by_two_worker_processes(cluster: Cluster) -> None:
    csv, refs = supplier_sheet(ROWS)
    counted_before = cluster.workers[0].suppliers_screened()
    with chunk_writes_held(cluster.database_url) as waiting:
        job_id = cluster.upload(csv)
        cluster.wait_all_writing(job_id, waiting)
    job = cluster.wait_finished(job_id)

    assert job["status"] == "done", job
    assert job["rows_done"] == ROWS
    assert cluster.result_refs(job_id) == refs
    for worker in cluster.workers:
        assert chunks_in_log(worker, job_id, "screened"), worker.log()
    # Both workers count into one data directory: either one's /metrics has every row.
    assert cluster.workers[1].suppliers_screened() - counted_before == ROWS


def test_each_worker_process_builds_the_index_once(cluster: Cluster) -> None:
    csv, _refs = supplier_sheet(ROWS)
    with chunk_writes_held(cluster.database_url) as waiting:
        job_id = cluster.upload(csv)
        cluster.wait_all_writing(job_id, waiting)
    assert cluster.wait_finished(job_id)["status"] == "done"

    for worker in cluster.workers:
        assert len(chunks_in_log(worker, job_id, "screened")) >= 1
        assert worker.log().count("built the match index") == 1, worker.log()


def test_upload_to_monitor_is_kept_under_watch_when_workers_finish_it(cluster: Cluster) -> None:
    csv, _refs = supplier_sheet(ROWS)
    job_id = cluster.upload(csv, monitor="true")
    assert cluster.wait_finished(job_id)["status"] == "done"

    response = cluster.client.get("/v1/monitored-lists", headers={"X-API-Key": cluster.key})
    watched = [m for m in response.json()["monitored_lists"] if m["job_id"] == job_id]
    assert [(m["status"], m["suppliers"]) for m in watched] == [("active", ROWS)]


def test_worker_killed_mid_chunk_loses_no_row(own_cluster: Cluster) -> None:
    assert_killed_workers_chunk_is_screened_once(own_cluster)


@pytest.mark.parametrize("broker_url", [REDIS_URL, RABBITMQ_URL], ids=["redis", "rabbitmq"])
def test_with_default_settings_a_killed_workers_chunk_is_screened_again_once(
    database_factory: DatabaseFactory,
    small_snapshots: list[ListSnapshot],
    tmp_path: Path,
    broker_url: str,
) -> None:
    """The deployment's defaults: RabbitMQ hands the chunk on when the connection drops; Redis
    after the (short) visibility timeout. How long it took: bench/recovery.py."""
    with started_cluster(
        database_factory, small_snapshots, tmp_path, broker_url=broker_url, visibility_timeout=None
    ) as cluster:
        assert_killed_workers_chunk_is_screened_once(cluster)


def test_a_chunk_outlasting_the_visibility_timeout_is_not_handed_out_twice(
    database_factory: DatabaseFactory, small_snapshots: list[ListSnapshot], tmp_path: Path
) -> None:
    """Live workers keep their chunks: each worker's message heartbeat moves its delivery time
    on, so holding every write for several timeouts redelivers nothing."""
    with started_cluster(
        database_factory, small_snapshots, tmp_path, visibility_timeout=SHORT_VISIBILITY_TIMEOUT
    ) as cluster:
        csv, refs = supplier_sheet(ROWS)
        with chunk_writes_held(cluster.database_url) as waiting:
            job_id = cluster.upload(csv)
            cluster.wait_all_writing(job_id, waiting)
            held_since = time.monotonic()
            # Hold for four timeouts: without the heartbeat, both held chunks would be back on
            # the queue (restored) and screened a second time once the writes go through.
            wait_until(
                lambda: time.monotonic() - held_since > 4 * SHORT_VISIBILITY_TIMEOUT,
                "four visibility timeouts to pass",
            )
        job = cluster.wait_finished(job_id)
        assert job["status"] == "done" and cluster.result_refs(job_id) == refs
        started = [
            chunk
            for worker in cluster.workers
            for chunk in re.findall(rf"job {job_id} chunk (\d+): started", worker.log())
        ]
        assert len(started) == len(set(started)), started  # no chunk delivered twice


def assert_killed_workers_chunk_is_screened_once(cluster: Cluster) -> None:
    """SIGKILL a worker while it holds a chunk; the job completes with every row exactly once,
    and the survivor screened the dead worker's chunk."""
    csv, refs = supplier_sheet(ROWS)
    killed, survivor = cluster.workers
    with chunk_writes_held(cluster.database_url) as waiting:
        job_id = cluster.upload(csv)
        cluster.wait_all_writing(job_id, waiting)
        killed.kill()
    # The killed worker's chunk is the one it started and never finished.
    held = chunks_in_log(killed, job_id, "started") - chunks_in_log(killed, job_id, "screened")
    job = cluster.wait_finished(job_id)

    assert len(held) == 1, killed.log()
    assert job["status"] == "done", job
    assert job["rows_done"] == ROWS
    assert cluster.result_refs(job_id) == refs  # every row once, in order, none twice
    assert held <= chunks_in_log(survivor, job_id, "screened"), survivor.log()


def test_queue_workers_screen_the_tenants_own_list_for_that_tenant_only(cluster: Cluster) -> None:
    admin = {"X-API-Key": cluster.key}
    # the sheet's rows 2, 12, ... 52 (supplier_sheet numbers each name)
    own_list = "Name,Country\n" + "".join(
        f"Golden Star Trading OOO {i},CN\n" for i in range(2, 60, 10)
    )
    imported = cluster.client.post(
        "/v1/tenant-lists",
        headers=admin,
        files={"file": ("own.csv", own_list.encode(), "text/csv")},
        data={"name": "Own blocklist"},
    )
    assert imported.status_code == 201, imported.text
    csv, _refs = supplier_sheet(60)
    job_id = cluster.upload(csv)
    job = cluster.wait_finished(job_id)
    assert job["status"] == "done", job
    assert {"list": "tenant-own-blocklist", "version": imported.json()["version"]}.items() <= next(
        item for item in job["lists"] if item["list"] == "tenant-own-blocklist"
    ).items()
    page = cluster.client.get(
        f"/v1/jobs/{job_id}/results", headers=admin, params={"limit": 1000}
    ).json()
    own = [
        row["name"]
        for row in page["results"]
        if any(m["list"] == "tenant-own-blocklist" for m in row.get("matches", []))
    ]
    assert len(own) == 6 and all(name.startswith("Golden Star Trading") for name in own), own

    other = cluster.client.post(
        "/v1/admin/tenants", headers={"X-API-Key": OPERATOR_KEY}, json={"name": "scale-other"}
    )
    other_key = {"X-API-Key": other.json()["api_key"]}
    response = cluster.client.post(
        "/v1/uploads", headers=other_key, files={"file": ("s.csv", csv.encode(), "text/csv")}
    )
    other_job = response.json()["job_id"]
    wait_until(
        lambda: (
            cluster.client.get(f"/v1/jobs/{other_job}", headers=other_key).json()["status"]
            in ("done", "failed")
        ),
        f"job {other_job}",
    )
    finished = cluster.client.get(f"/v1/jobs/{other_job}", headers=other_key).json()
    assert finished["status"] == "done"
    assert all(not item["list"].startswith("tenant-") for item in finished["lists"])
