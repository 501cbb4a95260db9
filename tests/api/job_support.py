"""Helpers for the upload and job tests: upload a test sheet, wait for its job to end."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from api_support import Api

SUPPLIERS = Path(__file__).resolve().parents[1] / "data" / "suppliers"
HANG_GUARD_SECONDS = 300  # only stops a hung test; never a speed requirement


def upload(api: Api, key: str, name: str, **form: str) -> httpx.Response:
    path = SUPPLIERS / name
    return api.post("/v1/uploads", key, files={"file": (path.name, path.read_bytes())}, data=form)


def wait_for_job(api: Api, key: str, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while True:
        response = api.get(f"/v1/jobs/{job_id}", key)
        assert response.status_code == 200, response.text
        job: dict[str, Any] = response.json()
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job still {job['status']}: {job}"
        time.sleep(0.1)


def finished_upload(api: Api, key: str, name: str, **form: str) -> dict[str, Any]:
    response = upload(api, key, name, **form)
    assert response.status_code == 202, response.text
    return wait_for_job(api, key, response.json()["job_id"])


def finished_csv_upload(api: Api, key: str, csv_text: str) -> str:
    """Upload `csv_text` as suppliers.csv and wait until its job is done; its id."""
    response = api.post(
        "/v1/uploads", key, files={"file": ("suppliers.csv", csv_text.encode(), "text/csv")}
    )
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    assert wait_for_job(api, key, job_id)["status"] == "done"
    return job_id
