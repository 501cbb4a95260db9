"""GET /v1/audit and /v1/audit/verify: who did what, for auditors, and tampering detected."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sqlalchemy import text

from support.serving import Api, Tenant
from support.uploads import finished_csv_upload

KOMID = {"ref": "V-1", "name": "Korea Mining Development Trading Corporation", "country": "RU"}


def tamper(api: Api, statement: str, **params: Any) -> None:
    """Raw SQL by someone with database access; on PostgreSQL, past the append-only trigger."""
    engine = api.service.engine
    with engine.begin() as connection:
        postgres = engine.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER USER"))
        connection.execute(text(statement), params)
        if postgres:
            connection.execute(text("ALTER TABLE audit_records ENABLE TRIGGER USER"))


def own_records(api: Api, key: str, tenant: Tenant) -> list[dict[str, Any]]:
    response = api.get("/v1/audit", key, params={"limit": 1000})
    assert response.status_code == 200, response.text
    return [r for r in response.json()["records"] if r["chain"] == tenant.tenant_id]


def test_screening_is_recorded_with_who_when_and_list_versions(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    screening = api.screen(analyst_key, KOMID).json()
    record = own_records(api, auditor_key, tenant)[-1]
    assert record["action"] == "screening"
    assert record["subject"] == screening["screening_id"]
    assert record["role"] == "analyst"
    assert record["details"]["suppliers"] == 1
    assert record["details"]["lists"] == {
        item["list"]: item["version"] for item in screening["lists"]
    }
    assert len(record["hash"]) == 64


def test_key_creation_is_recorded_in_the_tenants_chain(
    api: Api, tenant: Tenant, auditor_key: str
) -> None:
    actions = [r["action"] for r in own_records(api, auditor_key, tenant)]
    assert actions[:2] == ["key.create", "key.create"]  # the tenant's admin key, then the auditor's


def test_each_record_links_to_the_one_before(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    api.screen(analyst_key, KOMID)
    api.screen(analyst_key, KOMID)
    records = own_records(api, auditor_key, tenant)
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    assert all(b["prev_hash"] == a["hash"] for a, b in pairwise(records))


def test_analysts_may_not_read_the_audit_log(api: Api, analyst_key: str) -> None:
    assert api.get("/v1/audit", analyst_key).status_code == 403
    assert api.get("/v1/audit/verify", analyst_key).status_code == 403


def test_a_tenant_never_sees_another_tenants_records(
    api: Api, tenant: Tenant, analyst_key: str
) -> None:
    api.screen(analyst_key, KOMID)
    other = api.new_tenant("other")
    chains = {r["chain"] for r in api.get("/v1/audit", other.admin_key).json()["records"]}
    assert tenant.tenant_id not in chains
    assert chains <= {other.tenant_id, "system"}


def test_untouched_log_verifies(api: Api, analyst_key: str, auditor_key: str) -> None:
    api.screen(analyst_key, KOMID)
    body = api.get("/v1/audit/verify", auditor_key).json()
    assert body["valid"] is True
    assert body["first_broken"] is None


def test_edited_audit_row_is_detected(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    api.screen(analyst_key, KOMID)
    screening = own_records(api, auditor_key, tenant)[-1]
    tamper(
        api,
        "UPDATE audit_records SET actor = 'someone-else' WHERE tenant_id = :t AND seq = :s",
        t=tenant.tenant_id,
        s=screening["seq"],
    )
    body = api.get("/v1/audit/verify", auditor_key).json()
    assert body["valid"] is False
    broken = body["first_broken"]
    assert (broken["chain"], broken["problem"], broken["seq"]) == (
        tenant.tenant_id,
        "edited",
        screening["seq"],
    )


def test_deleted_audit_row_is_detected(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    api.screen(analyst_key, KOMID)
    api.screen(analyst_key, KOMID)
    first_screening = own_records(api, auditor_key, tenant)[-2]
    tamper(
        api,
        "DELETE FROM audit_records WHERE tenant_id = :t AND seq = :s",
        t=tenant.tenant_id,
        s=first_screening["seq"],
    )
    broken = api.get("/v1/audit/verify", auditor_key).json()["first_broken"]
    assert (broken["problem"], broken["seq"]) == ("deleted", first_screening["seq"])


def test_tampering_with_one_tenant_leaves_another_valid(
    api: Api, tenant: Tenant, analyst_key: str
) -> None:
    api.screen(analyst_key, KOMID)
    tamper(api, "UPDATE audit_records SET role = 'admin' WHERE tenant_id = :t", t=tenant.tenant_id)
    other = api.new_tenant("other")
    assert api.get("/v1/audit/verify", other.admin_key).json()["valid"] is True


def finished_upload(api: Api, analyst_key: str) -> str:
    csv = f"Vendor No,Supplier Name,Country\nV-1,{KOMID['name']},RU\nV-2,Acme Timber GmbH,DE\n"
    return finished_csv_upload(api.client, analyst_key, csv)


def test_rerun_of_a_job_on_its_own_lists_is_identical_and_audited(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    job_id = finished_upload(api, analyst_key)
    rerun = api.post(f"/v1/jobs/{job_id}/rerun", auditor_key)
    assert rerun.status_code == 200, rerun.text
    assert (rerun.json()["identical"], rerun.json()["rows_compared"]) == (True, 2)
    assert rerun.json()["engine_changed"] is False
    record = own_records(api, auditor_key, tenant)[-1]
    assert (record["action"], record["subject"], record["details"]["identical"]) == (
        "job.rerun",
        job_id,
        True,
    )
    other = api.new_tenant("other")
    assert api.post(f"/v1/jobs/{job_id}/rerun", other.admin_key).status_code == 404


def test_rerun_says_when_the_engine_differs_from_the_jobs(
    api: Api, analyst_key: str, auditor_key: str
) -> None:
    job_id = finished_upload(api, analyst_key)
    with api.service.engine.begin() as connection:  # as if an older build had run the job
        connection.execute(
            text("UPDATE jobs SET engine_version = :old WHERE id = :id"),
            {"old": "0.0.9+0123456789ab", "id": job_id},
        )
    rerun = api.post(f"/v1/jobs/{job_id}/rerun", auditor_key).json()
    assert rerun["engine_changed"] is True
    assert rerun["engine_version"] == {
        "job": "0.0.9+0123456789ab",
        "rerun": api.service.screener.engine_version,
    }
    assert "engine differs" in rerun["note"] and "0.0.9+0123456789ab" in rerun["note"]
