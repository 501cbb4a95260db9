"""Tenant data retention: the operator deletes a tenant's data on request, and the service
deletes uploads, jobs, reports and screenings past SCREENING_RETENTION_DAYS; the audit log keeps
every record, its hash chain still verifies, and it records each deletion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from screening.jobs.tables import JobRow
from screening.store.db import open_session
from support.serving import OPERATOR_KEY, Api, Tenant, api_settings, served_client
from support.uploads import finished_csv_upload
from support.waiting import wait_until

KOMID = {"ref": "V-1", "name": "Korea Mining Development Trading Corporation", "country": "KP"}
SHEET = "Supplier Name,Country\nKorea Ryonbong General Corporation,KP\nAcme Timber GmbH,DE\n"


@dataclass
class TenantData:
    tenant: Tenant
    job_id: str
    screening_id: str


def tenant_with_data(api: Api, name: str) -> TenantData:
    tenant = api.new_tenant(name)
    key = tenant.admin_key
    screening_id = api.screen(key, KOMID).json()["screening_id"]
    job_id = finished_csv_upload(api.client, key, SHEET)
    assert api.get(f"/v1/jobs/{job_id}/report", key, params={"format": "csv"}).status_code == 200
    hook = {"url": "https://erp.example/hooks", "secret": "whsec-retention-0123456789"}
    assert api.post("/v1/webhooks", key, json=hook).status_code == 201
    return TenantData(tenant, job_id, screening_id)


def reports_dir(api: Api) -> Path:
    data_dir: Path = api.client.app.state.settings.data_dir  # type: ignore[attr-defined]
    return data_dir / "reports"


def audit_records(api: Api, tenant: Tenant) -> list[dict[str, object]]:
    response = api.get("/v1/audit", tenant.admin_key, params={"limit": 1000})
    return [r for r in response.json()["records"] if r["chain"] == tenant.tenant_id]


def test_the_operator_deletes_all_of_a_tenants_data_and_nothing_of_another(api: Api) -> None:
    gone, kept = tenant_with_data(api, "leaving"), tenant_with_data(api, "staying")
    assert list(reports_dir(api).glob(f"{gone.job_id}.*"))

    response = api.delete(f"/v1/admin/tenants/{gone.tenant.tenant_id}/data", OPERATOR_KEY)

    assert response.status_code == 200, response.text
    assert response.json()["deleted"] == {
        "uploads": 1,
        "screenings": 1,
        "webhooks": 1,
        "report_files": 1,
    }
    key = gone.tenant.admin_key  # the tenant and its keys stay
    assert api.get("/v1/jobs", key).json()["total"] == 0
    assert api.get("/v1/screenings", key).json()["total"] == 0
    assert api.get(f"/v1/jobs/{gone.job_id}", key).status_code == 404
    assert api.get("/v1/webhooks", key).json() == {"webhook": None}
    assert not list(reports_dir(api).glob(f"{gone.job_id}.*"))
    other = kept.tenant.admin_key
    assert api.get(f"/v1/jobs/{kept.job_id}", other).status_code == 200
    assert api.get(f"/v1/screenings/{kept.screening_id}", other).status_code == 200
    assert list(reports_dir(api).glob(f"{kept.job_id}.*"))


def test_the_audit_chain_still_verifies_and_records_the_deletion(api: Api) -> None:
    data = tenant_with_data(api, "audited")
    before = len(audit_records(api, data.tenant))
    api.delete(f"/v1/admin/tenants/{data.tenant.tenant_id}/data", OPERATOR_KEY)

    verified = api.get("/v1/audit/verify", data.tenant.admin_key).json()
    records = audit_records(api, data.tenant)
    assert verified["valid"] is True
    assert len(records) == before + 1  # every earlier record kept
    last = records[-1]
    assert (last["action"], last["role"]) == ("tenant.data_delete", "admin")
    assert last["details"] == {"uploads": 1, "screenings": 1, "webhooks": 1}


def test_only_the_operator_deletes_a_tenants_data(api: Api, tenant: Tenant) -> None:
    response = api.delete(f"/v1/admin/tenants/{tenant.tenant_id}/data", tenant.admin_key)
    assert response.status_code == 403
    unknown = api.delete("/v1/admin/tenants/ten_nobody/data", OPERATOR_KEY)
    assert unknown.status_code == 404


def test_a_tenant_with_a_job_still_running_is_told_to_wait(api: Api, tenant: Tenant) -> None:
    with open_session(api.service.engine) as session:
        session.add(
            JobRow(
                id="f" * 32,
                tenant_id=tenant.tenant_id,
                created_by="key",
                status="running",
                file_name="running.csv",
                file_sha256="0" * 64,
                file_size=1,
            )
        )
    response = api.delete(f"/v1/admin/tenants/{tenant.tenant_id}/data", OPERATOR_KEY)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "jobs_running"


@pytest.mark.parametrize("days", [30])
def test_data_older_than_the_retention_setting_is_deleted_by_the_server(
    api: Api, api_database: str, tmp_path: Path, days: int
) -> None:
    old, recent = tenant_with_data(api, "old"), tenant_with_data(api, "recent")
    long_ago = datetime.now(UTC) - timedelta(days=days + 1)
    with api.service.engine.begin() as connection:
        connection.execute(
            text("UPDATE jobs SET created_at = :at WHERE id = :id"),
            {"at": long_ago, "id": old.job_id},
        )
        connection.execute(
            text("UPDATE screenings SET created = :at WHERE id = :id"),
            {"at": long_ago, "id": old.screening_id},
        )
    settings = api_settings(api_database, reports_dir(api).parent, retention_days=days)
    with served_client(settings, api.service):  # its sweep runs at start
        wait_until(
            lambda: api.get(f"/v1/jobs/{old.job_id}", old.tenant.admin_key).status_code == 404,
            "the retention sweep",
        )
    key = old.tenant.admin_key
    assert api.get(f"/v1/screenings/{old.screening_id}", key).status_code == 404
    assert not list(reports_dir(api).glob(f"{old.job_id}.*"))
    assert api.get(f"/v1/jobs/{recent.job_id}", recent.tenant.admin_key).status_code == 200
    record = audit_records(api, old.tenant)[-1]
    assert (record["action"], record["role"]) == ("retention.delete", "system")
    assert record["details"] == {"uploads": 1, "screenings": 1, "older_than_days": days}
    assert api.get("/v1/audit/verify", key).json()["valid"] is True
