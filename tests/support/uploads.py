"""Uploading a supplier sheet through the API (POST /v1/uploads), as a client would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from support.jobs import wait_for_job
from support.waiting import HANG_GUARD_SECONDS

TEST_SHEETS = Path(__file__).resolve().parents[1] / "data" / "suppliers"


def sheet_file(name: str) -> tuple[str, bytes]:
    """(file name, content) of a sheet under tests/data/suppliers."""
    return name, (TEST_SHEETS / name).read_bytes()


def upload(
    client: httpx.Client,
    key: str | None,
    file_name: str,
    content: bytes,
    *,
    content_type: str | None = None,
    **form: str,
) -> httpx.Response:
    """POST `content` as the sheet `file_name`, with `key` (None: the client already sends
    one) and the other form fields (`mapping`, `sheet`, `lists`, `monitor`...)."""
    headers = {"X-API-Key": key} if key is not None else {}
    sheet = (file_name, content) if content_type is None else (file_name, content, content_type)
    return client.post("/v1/uploads", headers=headers, files={"file": sheet}, data=form)


def finished_upload(
    client: httpx.Client,
    key: str | None,
    file_name: str,
    content: bytes,
    *,
    content_type: str | None = None,
    timeout: float = HANG_GUARD_SECONDS,
    **form: str,
) -> dict[str, Any]:
    """Upload the sheet, then wait for its job to end: the job (done or failed)."""
    response = upload(client, key, file_name, content, content_type=content_type, **form)
    assert response.status_code == 202, response.text
    return wait_for_job(client, key, response.json()["job_id"], timeout)


def finished_csv_upload(client: httpx.Client, key: str | None, csv_text: str) -> str:
    """Upload `csv_text` as suppliers.csv and wait until its job is done: the job's id."""
    job = finished_upload(client, key, "suppliers.csv", csv_text.encode(), content_type="text/csv")
    assert job["status"] == "done", job
    job_id: str = job["job_id"]
    return job_id
