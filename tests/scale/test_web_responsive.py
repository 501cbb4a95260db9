"""The web process stays responsive during a big job: screening runs off the event loop.

Jobs run on the executor's thread (or on the queue's workers), and every endpoint that does CPU
work is a plain `def`, which FastAPI runs in its thread pool. Were a job screened on the event
loop, no request could be answered until it finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from databases import DatabaseFactory
from listfiles import bundled_snapshot
from support.serving import OPERATOR_KEY, build_screener, served_api, stored_lists
from support.waiting import wait_until

ROWS = 40_000  # dozens of chunks: seconds of screening on any machine


@pytest.fixture()
def client(database_factory: DatabaseFactory, tmp_path: Path) -> Iterator[TestClient]:
    """The API with jobs in-process (no broker), serving two small lists."""
    snapshots = [bundled_snapshot(list_id) for list_id in ("un-sc", "dprk-labour")]
    url = stored_lists(database_factory.url("sqlite"), snapshots)
    with served_api(url, build_screener(snapshots), tmp_path / "var") as api:
        yield api.client


def test_healthz_answers_while_a_large_job_is_screened(client: TestClient) -> None:
    response = client.post(
        "/v1/admin/tenants", headers={"X-API-Key": OPERATOR_KEY}, json={"name": "responsive"}
    )
    key = {"X-API-Key": response.json()["api_key"]}
    lines = ["Vendor number,Supplier name,Country"]
    lines += [f"V{n:06d},Pacific Steel Trading {n} Co. Ltd,CN" for n in range(ROWS)]
    response = client.post(
        "/v1/uploads",
        headers=key,
        files={"file": ("big.csv", ("\n".join(lines) + "\n").encode(), "text/csv")},
    )
    assert response.status_code == 202, response.text
    job_url = f"/v1/jobs/{response.json()['job_id']}"

    def job() -> dict[str, Any]:
        body: dict[str, Any] = client.get(job_url, headers=key).json()
        return body

    wait_until(lambda: job()["rows_done"] > 0, "the job to screen its first chunk")
    health = client.get("/healthz")
    after = job()

    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert after["status"] == "running"  # answered before the job finished
    assert after["rows_done"] < after["rows_total"]
