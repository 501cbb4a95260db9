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
from screening.api.app import create_app
from screening.config import Settings
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from support.waiting import wait_until

LISTS_DIR = Path(__file__).resolve().parents[2] / "lists"
OPERATOR_KEY = "operator-key-for-responsiveness-tests-only"
ROWS = 40_000  # dozens of chunks: seconds of screening on any machine


@pytest.fixture()
def client(database_factory: DatabaseFactory, tmp_path: Path) -> Iterator[TestClient]:
    """The API with jobs in-process (no broker), serving two small lists."""
    snapshots = [bundled_snapshot(list_id) for list_id in ("un-sc", "dprk-labour")]
    url = database_factory.url("sqlite")
    engine = make_engine(url)
    migrate(engine)
    for snapshot in snapshots:
        import_snapshot(engine, snapshot, imported_by="bundled")
    service = ScreeningService(engine, LISTS_DIR)
    service.use(Screener.from_snapshots(snapshots, (LISTS_DIR / "host-risk.toml").read_bytes()))
    settings = Settings(
        database_url=url,
        broker_url="",
        admin_key=OPERATOR_KEY,
        lists_dir=LISTS_DIR,
        data_dir=tmp_path / "var",
        rate_limit_per_minute=0,
        list_refresh_seconds=0,
    )
    try:
        with TestClient(create_app(settings, service=service)) as test_client:
            yield test_client
    finally:
        engine.dispose()


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
