"""Jobs belong to their tenant; auditors read jobs and download reports."""

from __future__ import annotations

from typing import Any

import pytest

from support.jobs import wait_for_job
from support.serving import Api, Tenant
from support.uploads import finished_upload, sheet_file, upload


@pytest.fixture(scope="module")
def tenant_job(api: Api) -> tuple[Tenant, dict[str, Any]]:
    tenant = api.new_tenant("jobs-owner")
    key = api.new_key(tenant, "analyst")
    job = finished_upload(api.client, key, *sheet_file("suppliers_utf8_bom.csv"))
    return tenant, job


@pytest.mark.parametrize("path", ["", "/results", "/report?format=xlsx", "/report?format=pdf"])
def test_another_tenants_job_is_not_found(
    api: Api, tenant_job: tuple[Tenant, dict[str, Any]], path: str
) -> None:
    stranger = api.new_key(api.new_tenant("stranger"), "analyst")
    response = api.get(f"/v1/jobs/{tenant_job[1]['job_id']}{path}", stranger)
    assert response.status_code == 404


def test_another_tenants_jobs_are_not_listed(
    api: Api, tenant_job: tuple[Tenant, dict[str, Any]]
) -> None:
    stranger = api.new_key(api.new_tenant("stranger"), "analyst")
    assert api.get("/v1/jobs", stranger).json() == {
        "jobs": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
    }


def test_an_auditor_reads_the_job_and_downloads_its_report(
    api: Api, tenant_job: tuple[Tenant, dict[str, Any]]
) -> None:
    tenant, job = tenant_job
    auditor = api.new_key(tenant, "auditor")
    assert api.get(f"/v1/jobs/{job['job_id']}", auditor).json()["status"] == "done"
    report = api.get(f"/v1/jobs/{job['job_id']}/report?format=json", auditor)
    assert report.status_code == 200


def test_a_report_of_an_unfinished_job_is_a_409(api: Api) -> None:
    tenant = api.new_tenant("busy")
    key = api.new_key(tenant, "analyst")
    executor = api.client.app.state.job_executor  # type: ignore[attr-defined]
    executor.stop()
    try:
        job_id = upload(api.client, key, *sheet_file("suppliers_utf8_bom.csv")).json()["job_id"]
        response = api.get(f"/v1/jobs/{job_id}/report?format=xlsx", key)
        assert response.status_code == 409
        assert response.json()["error"]["details"] == {"status": "queued"}
    finally:
        executor.start()
    assert wait_for_job(api.client, key, job_id)["status"] == "done"
