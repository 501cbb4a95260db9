"""Choosing the lists a screening runs against: `lists` on POST /v1/screen and on uploads.

Matches come from the chosen lists only, scored as when every list is screened; the answer, the
stored screening, the job, its report and the audit record name only the lists used.
"""

from __future__ import annotations

from typing import Any

from support.jobs import wait_for_job
from support.serving import Api, Tenant
from support.uploads import finished_upload, sheet_file, upload

RYONBONG = {"ref": "V-1", "name": "Korea Ryonbong General Corporation", "country": "KP"}


def matched_lists(result: dict[str, Any]) -> set[str]:
    return {match["list"] for match in result["matches"]}


def test_every_list_is_screened_unless_some_are_chosen(api: Api, analyst_key: str) -> None:
    body = api.screen(analyst_key, RYONBONG).json()
    assert {"un-sc", "us-ofac-sdn", "uk-ofsi"} <= matched_lists(body["results"][0])
    assert [item["list"] for item in body["lists"]] == [
        snapshot.list_id for snapshot in api.service.screener.snapshots
    ]


def test_chosen_lists_narrow_matches_and_the_lists_named(api: Api, analyst_key: str) -> None:
    every = api.screen(analyst_key, RYONBONG).json()
    body = api.screen(analyst_key, RYONBONG, lists=["uk-ofsi", "un-sc"]).json()
    (result,) = body["results"]
    assert matched_lists(result) == {"un-sc", "uk-ofsi"}
    assert sorted(item["list"] for item in body["lists"]) == ["uk-ofsi", "un-sc"]
    scores = {(m["list"], m["source_id"]): m["score"] for m in every["results"][0]["matches"]}
    for match in result["matches"]:  # narrowing filters; it never re-scores
        assert match["score"] == scores[(match["list"], match["source_id"])]


def test_the_stored_screening_and_its_audit_record_name_the_lists_used(
    api: Api, analyst_key: str, auditor_key: str, tenant: Tenant
) -> None:
    body = api.screen(analyst_key, RYONBONG, lists=["un-sc"]).json()
    stored = api.get(f"/v1/screenings/{body['screening_id']}", auditor_key).json()
    assert stored["lists"] == body["lists"]
    assert stored["input"]["lists"] == ["un-sc"]
    records = api.get("/v1/audit", auditor_key, params={"limit": 1000}).json()["records"]
    record = next(r for r in records if r["subject"] == body["screening_id"])
    assert list(record["details"]["lists"]) == ["un-sc"]
    indexed = record["details"]["indexed_lists"]  # the index's word weights come from all
    assert set(indexed) == {snapshot.list_id for snapshot in api.service.screener.snapshots}


def test_an_unknown_list_is_422_naming_it(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, RYONBONG, lists=["un-sc", "eu-fsf-typo", "uk-ofsi"])
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_list"
    assert "eu-fsf-typo" in error["message"]
    assert error["details"] == [
        {"field": "lists[1]", "message": "unknown list 'eu-fsf-typo'", "type": "unknown_list"}
    ]


def test_an_empty_choice_is_422(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, RYONBONG, lists=[])
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "lists"


def test_an_upload_screens_the_lists_it_chose(api: Api, analyst_key: str) -> None:
    job = finished_upload(
        api.client, analyst_key, *sheet_file("messy_suppliers.xlsx"), lists="un-sc,dprk-labour"
    )
    assert job["status"] == "done", job
    assert sorted(item["list"] for item in job["lists"]) == ["dprk-labour", "un-sc"]
    page = api.get(f"/v1/jobs/{job['job_id']}/results?limit=100", analyst_key).json()
    found = {m["list"] for row in page["results"] for m in row.get("matches", [])}
    assert found and found <= {"un-sc", "dprk-labour"}
    report = api.get(f"/v1/jobs/{job['job_id']}/report?format=json", analyst_key).json()
    assert sorted(item["list_id"] for item in report["provenance"]["lists"]) == [
        "dprk-labour",
        "un-sc",
    ]


def test_an_upload_may_repeat_the_field(api: Api, analyst_key: str) -> None:
    response = api.post(
        "/v1/uploads",
        analyst_key,
        files={"file": ("s.csv", b"name\nKorea Ryonbong General Corporation\n")},
        data={"lists": ["un-sc", "uk-ofsi"]},
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(api.client, analyst_key, response.json()["job_id"])
    assert sorted(item["list"] for item in job["lists"]) == ["uk-ofsi", "un-sc"]


def test_an_upload_choosing_an_unknown_list_is_422_and_no_job(api: Api, analyst_key: str) -> None:
    before = api.get("/v1/jobs", analyst_key).json()["total"]
    response = upload(
        api.client, analyst_key, *sheet_file("suppliers_utf8_bom.csv"), lists="un-sc,ofac"
    )
    assert response.status_code == 422
    assert "'ofac'" in response.json()["error"]["message"]
    assert api.get("/v1/jobs", analyst_key).json()["total"] == before


def test_a_job_on_chosen_lists_reruns_identically_and_is_audited_so(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    job = finished_upload(
        api.client, analyst_key, *sheet_file("messy_suppliers.xlsx"), lists="uk-ofsi"
    )
    rerun = api.post(f"/v1/jobs/{job['job_id']}/rerun", auditor_key)
    assert rerun.status_code == 200, rerun.text
    assert rerun.json()["identical"] is True, rerun.json()["differences"]
    records = api.get("/v1/audit", auditor_key, params={"limit": 1000}).json()["records"]
    screening = next(
        r for r in records if r["subject"] == job["job_id"] and r["action"] == "screening"
    )
    assert list(screening["details"]["lists"]) == ["uk-ofsi"]
