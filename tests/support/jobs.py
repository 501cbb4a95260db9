"""Waiting for an upload's job to end, through the API as a client would."""

from __future__ import annotations

from typing import Any

import httpx

from support.waiting import HANG_GUARD_SECONDS, wait_until

ENDED = ("done", "failed")


def read_job(client: httpx.Client, key: str | None, job_id: str) -> dict[str, Any]:
    """GET /v1/jobs/{job_id}, with `key` (None: the client already sends one)."""
    headers = {"X-API-Key": key} if key is not None else {}
    response = client.get(f"/v1/jobs/{job_id}", headers=headers)
    assert response.status_code == 200, response.text
    job: dict[str, Any] = response.json()
    return job


def wait_for_job(
    client: httpx.Client, key: str | None, job_id: str, timeout: float = HANG_GUARD_SECONDS
) -> dict[str, Any]:
    """The job once it is done or failed. `client` is any client of the real app: the
    in-process TestClient or an httpx.Client of a server on loopback."""

    def ended() -> dict[str, Any] | None:
        job = read_job(client, key, job_id)
        return job if job["status"] in ENDED else None

    return wait_until(ended, f"job {job_id} to end", timeout)
