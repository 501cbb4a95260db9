"""A tenant's own lists (POST/GET/DELETE /v1/tenant-lists): screened beside the official lists
for that tenant only, in every route, and never seen by another tenant.

Each test makes two tenants: `mine` imports a list, `theirs` must see nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from support.jobs import wait_for_job
from support.serving import OPERATOR_KEY, Api, Tenant

# Names no official list carries, so every match below comes from the tenant's list.
BLOCKLIST_CSV = (
    "Name,Aliases,Country,Identifiers,Notes\n"
    "Zebulon Quartzmill Trading GmbH,Quartzmill Zebulon; ZQT Handels,DE,HRB 998877,"
    "failed our 2025 audit\n"
    "Орлиный Перевал Логистик,Orliny Pereval Logistik,RU,,forged certificates\n"
)
SECOND_VERSION_CSV = BLOCKLIST_CSV + "Vantablue Ferrocast Ltd,,GB,,late deliveries\n"
ZEBULON = {"ref": "S-1", "name": "Zebulon Quartzmill Trading GmbH", "country": "DE"}


@dataclass(frozen=True, slots=True)
class TwoTenants:
    mine: Tenant
    mine_analyst: str
    mine_auditor: str
    theirs: Tenant
    theirs_analyst: str
    theirs_auditor: str


@pytest.fixture()
def two(api: Api) -> TwoTenants:
    mine, theirs = api.new_tenant("own"), api.new_tenant("other")
    return TwoTenants(
        mine,
        api.new_key(mine, "analyst"),
        api.new_key(mine, "auditor"),
        theirs,
        api.new_key(theirs, "analyst"),
        api.new_key(theirs, "auditor"),
    )


def import_list(
    api: Api, key: str, text: str, title: str = "Audit failures", file: str = "blocklist.csv"
) -> httpx.Response:
    return api.post(
        "/v1/tenant-lists",
        key,
        files={"file": (file, text.encode("utf-8"), "text/csv")},
        data={"name": title},
    )


def imported(api: Api, tenant: Tenant, text: str = BLOCKLIST_CSV) -> dict[str, Any]:
    response = import_list(api, tenant.admin_key, text)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def own_matches(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in result["matches"] if m["list"].startswith("tenant-")]


def test_an_import_answers_the_list_id_version_and_entries(api: Api, two: TwoTenants) -> None:
    body = imported(api, two.mine)
    assert body["list"] == "tenant-audit-failures"
    assert body["entries"] == 2
    assert body["version"]
    listed = api.get("/v1/tenant-lists", two.mine_auditor).json()["lists"]
    assert [(item["list"], item["title"], item["entries"]) for item in listed] == [
        ("tenant-audit-failures", "Audit failures", 2)
    ]
    assert api.get("/v1/tenant-lists", two.theirs_auditor).json()["lists"] == []


def test_a_screening_matches_the_tenants_list_and_names_its_version(
    api: Api, two: TwoTenants
) -> None:
    version = imported(api, two.mine)["version"]
    body = api.screen(two.mine_analyst, ZEBULON).json()
    (match,) = own_matches(body["results"][0])
    assert match["list"] == "tenant-audit-failures"
    assert match["score"] >= 95
    assert {"list": "tenant-audit-failures", "version": version}.items() <= next(
        item for item in body["lists"] if item["list"] == "tenant-audit-failures"
    ).items()
    alias = api.screen(two.mine_analyst, {"name": "Orliny Pereval Logistik"}).json()
    assert own_matches(alias["results"][0])


def test_another_tenant_never_matches_nor_sees_the_list(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    body = api.screen(two.theirs_analyst, ZEBULON).json()
    assert own_matches(body["results"][0]) == []
    assert all(not item["list"].startswith("tenant-") for item in body["lists"])
    lists = api.get("/v1/lists", two.theirs_auditor).json()["lists"]
    assert all(not item["list"].startswith("tenant-") for item in lists)
    chosen = api.screen(two.theirs_analyst, ZEBULON, lists=["tenant-audit-failures"])
    assert chosen.status_code == 422
    records = api.get("/v1/audit", two.theirs_auditor, params={"limit": 1000}).json()["records"]
    assert not [r for r in records if r["action"].startswith("tenant_list")]


def test_the_tenants_lists_appear_in_its_list_of_lists_and_audit_log(
    api: Api, two: TwoTenants
) -> None:
    version = imported(api, two.mine)["version"]
    lists = api.get("/v1/lists", two.mine_auditor).json()["lists"]
    own = [item for item in lists if item.get("own")]
    assert [(item["list"], item["name"], item["version"]) for item in own] == [
        ("tenant-audit-failures", "Audit failures", version)
    ]
    records = api.get("/v1/audit", two.mine_auditor, params={"limit": 1000}).json()["records"]
    (record,) = [r for r in records if r["action"] == "tenant_list.import"]
    assert record["subject"] == "tenant-audit-failures"
    assert record["details"]["version"] == version


def test_a_list_may_be_chosen_alone(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    body = api.screen(two.mine_analyst, ZEBULON, lists=["tenant-audit-failures"]).json()
    assert [item["list"] for item in body["lists"]] == ["tenant-audit-failures"]
    assert {m["list"] for m in body["results"][0]["matches"]} == {"tenant-audit-failures"}


def test_posting_again_under_the_same_name_imports_a_new_version(api: Api, two: TwoTenants) -> None:
    first = imported(api, two.mine)
    again = imported(api, two.mine)
    assert again["version"] == first["version"]  # the same file: the same version
    second = imported(api, two.mine, SECOND_VERSION_CSV)
    assert second["list"] == first["list"] and second["entries"] == 3
    assert second["version"] != first["version"]
    body = api.screen(two.mine_analyst, {"name": "Vantablue Ferrocast Ltd"}).json()
    assert own_matches(body["results"][0])
    used = next(item for item in body["lists"] if item["list"] == first["list"])
    assert used["version"] == second["version"]


def test_a_file_with_bad_rows_is_refused_naming_sheet_row_and_column(
    api: Api, two: TwoTenants
) -> None:
    response = import_list(
        api, two.mine.admin_key, "Name,Country\nZebulon Quartzmill,Narnia\n,DE\n", file="bad.csv"
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_list_file"
    assert error["details"]["file"] == "bad.csv"
    assert [(e["sheet"], e["row"], e["column"], e["code"]) for e in error["details"]["errors"]] == [
        ("bad.csv", 2, "B", "unknown_country"),
        ("bad.csv", 3, "A", "no_name"),
    ]
    assert api.get("/v1/tenant-lists", two.mine_auditor).json()["lists"] == []


def test_a_file_that_is_no_sheet_is_refused(api: Api, two: TwoTenants) -> None:
    response = import_list(api, two.mine.admin_key, "", file="empty.csv")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unreadable_file"


def test_only_admins_import_and_delete(api: Api, two: TwoTenants) -> None:
    assert import_list(api, two.mine_analyst, BLOCKLIST_CSV).status_code == 403
    imported(api, two.mine)
    assert api.delete("/v1/tenant-lists/tenant-audit-failures", two.mine_analyst).status_code == 403


def test_a_deleted_list_is_screened_no_more_and_only_its_tenant_may_delete_it(
    api: Api, two: TwoTenants
) -> None:
    imported(api, two.mine)
    path = "/v1/tenant-lists/tenant-audit-failures"
    assert api.delete(path, two.theirs.admin_key).status_code == 404
    assert own_matches(api.screen(two.mine_analyst, ZEBULON).json()["results"][0])
    assert api.delete(path, two.mine.admin_key).status_code == 204
    assert own_matches(api.screen(two.mine_analyst, ZEBULON).json()["results"][0]) == []
    assert api.get("/v1/tenant-lists", two.mine_auditor).json()["lists"] == []
    assert api.delete(path, two.mine.admin_key).status_code == 404


def test_match_endpoint_answers_from_the_tenants_lists_only(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    query = {"queries": {"q1": {"schema": "Company", "properties": {"name": [ZEBULON["name"]]}}}}

    def datasets(key: str) -> set[str]:
        response = api.post("/match/default", key, json=query)
        assert response.status_code == 200, response.text
        results = response.json()["responses"]["q1"]["results"]
        return {d for result in results for d in result["datasets"]}

    assert "tenant-audit-failures" in datasets(two.mine_analyst)
    assert "tenant-audit-failures" not in datasets(two.theirs_analyst)


def _upload(api: Api, key: str) -> dict[str, Any]:
    csv_text = "Supplier name,Country\nZebulon Quartzmill Trading GmbH,DE\nAcme Widgets,US\n"
    response = api.post("/v1/uploads", key, files={"file": ("s.csv", csv_text.encode())})
    assert response.status_code == 202, response.text
    return wait_for_job(api.client, key, response.json()["job_id"])


def test_an_upload_screens_the_tenants_lists_and_its_report_names_them(
    api: Api, two: TwoTenants
) -> None:
    version = imported(api, two.mine)["version"]
    job = _upload(api, two.mine_analyst)
    assert job["status"] == "done", job
    page = api.get(f"/v1/jobs/{job['job_id']}/results?limit=10", two.mine_analyst).json()
    assert own_matches(page["results"][0])
    report = api.get(f"/v1/jobs/{job['job_id']}/report?format=json", two.mine_analyst).json()
    provenance = {item["list_id"]: item["version"] for item in report["provenance"]["lists"]}
    assert provenance["tenant-audit-failures"] == version
    theirs = _upload(api, two.theirs_analyst)
    page = api.get(f"/v1/jobs/{theirs['job_id']}/results?limit=10", two.theirs_analyst).json()
    assert own_matches(page["results"][0]) == []
    report = api.get(f"/v1/jobs/{theirs['job_id']}/report?format=json", two.theirs_analyst)
    assert all(not i["list_id"].startswith("tenant-") for i in report.json()["provenance"]["lists"])


def test_a_job_reruns_on_the_version_it_used_after_the_list_changed(
    api: Api, two: TwoTenants
) -> None:
    imported(api, two.mine)
    job = _upload(api, two.mine_analyst)
    imported(api, two.mine, "Name\nSomething Else Entirely Ltd\n")
    rerun = api.post(f"/v1/jobs/{job['job_id']}/rerun", two.mine_auditor)
    assert rerun.status_code == 200, rerun.text
    assert rerun.json()["identical"] is True, rerun.json()["differences"]


def test_an_entry_of_the_list_is_shown_to_its_tenant_only(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    body = api.screen(two.mine_analyst, ZEBULON).json()
    (match,) = own_matches(body["results"][0])
    path = f"/v1/lists/tenant-audit-failures/entries/{match['source_id']}"
    entry = api.get(path, two.mine_auditor)
    assert entry.status_code == 200, entry.text
    assert entry.json()["remarks"] == "failed our 2025 audit"
    assert api.get(path, two.theirs_auditor).status_code == 404


def test_a_match_to_the_list_can_be_cleared_as_a_false_positive(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    body = api.screen(two.mine_analyst, ZEBULON).json()
    (match,) = own_matches(body["results"][0])
    decision = {
        "screening_id": body["screening_id"],
        "ref": ZEBULON["ref"],
        "list": "tenant-audit-failures",
        "source_id": match["source_id"],
        "decision": "false_positive",
        "note": "a namesake",
    }
    created = api.post("/v1/decisions", two.mine_analyst, json=decision)
    assert created.status_code == 201, created.text
    (result,) = api.screen(two.mine_analyst, ZEBULON).json()["results"]
    assert any("cleared by" in reason for reason in result["reasons"])


def test_a_monitored_upload_is_screened_again_on_a_new_version(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    csv_text = "Supplier name,Country\nZebulon Quartzmill Trading GmbH,DE\nVantablue Ferrocast,GB\n"
    for key in (two.mine_analyst, two.theirs_analyst):
        response = api.post(
            "/v1/uploads", key, files={"file": ("s.csv", csv_text.encode())}, data={"monitor": "1"}
        )
        assert response.status_code == 202, response.text
        assert wait_for_job(api.client, key, response.json()["job_id"])["status"] == "done"
    runner = api.client.app.state.monitoring.runner  # type: ignore[attr-defined]
    assert runner.wait_until_idle(timeout=60)
    imported(api, two.mine, SECOND_VERSION_CSV)  # adds Vantablue Ferrocast Ltd
    assert runner.wait_until_idle(timeout=60)
    alerts = api.get("/v1/alerts", two.mine_analyst).json()["alerts"]
    assert [(a["kind"], a["supplier"]["name"], a["entry"]["list"]) for a in alerts] == [
        ("new_match", "Vantablue Ferrocast", "tenant-audit-failures")
    ], alerts
    assert api.get("/v1/alerts", two.theirs_analyst).json()["alerts"] == []


def test_deleting_a_tenants_data_deletes_its_lists_and_no_other(api: Api, two: TwoTenants) -> None:
    imported(api, two.mine)
    imported(api, two.theirs)
    response = api.delete(f"/v1/admin/tenants/{two.mine.tenant_id}/data", OPERATOR_KEY)
    assert response.status_code == 200, response.text
    assert response.json()["deleted"]["tenant_lists"] == 1
    assert api.get("/v1/tenant-lists", two.mine_auditor).json()["lists"] == []
    assert own_matches(api.screen(two.mine_analyst, ZEBULON).json()["results"][0]) == []
    assert own_matches(api.screen(two.theirs_analyst, ZEBULON).json()["results"][0])


def test_the_versions_of_a_list_are_its_tenants_to_read(api: Api, two: TwoTenants) -> None:
    first = imported(api, two.mine)["version"]
    second = imported(api, two.mine, SECOND_VERSION_CSV)["version"]
    path = "/v1/lists/tenant-audit-failures/versions"
    versions = api.get(path, two.mine_auditor).json()["versions"]
    assert [(v["version"], v["active"]) for v in versions] == [(second, True), (first, False)]
    assert api.get(path, two.theirs_auditor).status_code == 404


def test_a_stored_screening_names_the_list_version_for_its_tenant(
    api: Api, two: TwoTenants
) -> None:
    version = imported(api, two.mine)["version"]
    body = api.screen(two.mine_analyst, ZEBULON).json()
    stored = api.get(f"/v1/screenings/{body['screening_id']}", two.mine_auditor).json()
    assert {"list": "tenant-audit-failures", "version": version}.items() <= next(
        item for item in stored["lists"] if item["list"] == "tenant-audit-failures"
    ).items()
    other = api.get(f"/v1/screenings/{body['screening_id']}", two.theirs_auditor)
    assert other.status_code == 404
