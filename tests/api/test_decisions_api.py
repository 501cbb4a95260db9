"""POST/GET /v1/decisions: a false positive is cleared in the tenant's later screenings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from support.serving import Api, Tenant
from support.uploads import finished_csv_upload

KOMID = {"ref": "V-1", "name": "Korea Mining Development Trading Corporation", "country": "RU"}
NOTE = "Different company: Vladivostok timber trader, INN checked"


def screen_komid(api: Api, key: str, supplier: dict[str, Any] = KOMID) -> dict[str, Any]:
    response = api.screen(key, supplier)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def decide(
    api: Api, key: str, screening_id: str, decision: str = "false_positive", **overrides: Any
) -> Any:
    body = {
        "screening_id": screening_id,
        "ref": "V-1",
        "list": "un-sc",
        "source_id": "KPe.001",
        "decision": decision,
        "note": NOTE,
        **overrides,
    }
    return api.post("/v1/decisions", key, json=body)


def cleared_reasons(result: dict[str, Any]) -> list[str]:
    return [
        reason for reason in result["reasons"] if "KPe.001" in reason and "cleared by" in reason
    ]


def test_false_positive_is_cleared_in_the_next_screening_of_that_supplier(
    api: Api, analyst_key: str
) -> None:
    first = screen_komid(api, analyst_key)
    created = decide(api, analyst_key, first["screening_id"])
    assert created.status_code == 201, created.text
    decision = created.json()
    assert decision["in_force"] is True
    (result,) = screen_komid(api, analyst_key)["results"]
    today = datetime.now(UTC).date().isoformat()
    assert cleared_reasons(result) == [
        "Match to UN-listed KOREA MINING DEVELOPMENT TRADING CORPORATION (KPe.001) "
        f"cleared by {decision['decided_by']} on {today}: {NOTE}"
    ]


def test_decision_keeps_what_it_rests_on(api: Api, analyst_key: str) -> None:
    first = screen_komid(api, analyst_key)
    decision = decide(api, analyst_key, first["screening_id"]).json()
    un = next(item for item in first["lists"] if item["list"] == "un-sc")
    assert decision["supplier"] == {
        "name": KOMID["name"],
        "country": "RU",
        "registration_id": "",
    }
    assert decision["entry"]["names"][0] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert decision["entry"]["programs"] == ["DPRK"]
    assert decision["list_version"] == un["version"]
    assert decision["basis"] == f"screening:{first['screening_id']}"


def test_changed_supplier_data_is_not_cleared(api: Api, analyst_key: str) -> None:
    decide(api, analyst_key, screen_komid(api, analyst_key)["screening_id"])
    moved = {**KOMID, "country": "CN"}
    (result,) = screen_komid(api, analyst_key, moved)["results"]
    assert cleared_reasons(result) == []


def test_another_tenants_screening_is_not_cleared(api: Api, analyst_key: str) -> None:
    decide(api, analyst_key, screen_komid(api, analyst_key)["screening_id"])
    other = api.new_tenant("other")
    (result,) = screen_komid(api, other.admin_key)["results"]
    assert cleared_reasons(result) == []


def test_a_later_true_match_supersedes_a_false_positive(api: Api, analyst_key: str) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    decide(api, analyst_key, screening_id)
    decide(api, analyst_key, screening_id, "true_match", note="confirmed with the registry")
    (result,) = screen_komid(api, analyst_key)["results"]
    assert cleared_reasons(result) == []
    decisions = api.get("/v1/decisions", analyst_key, params={"ref": "V-1"}).json()["decisions"]
    assert [d["decision"] for d in decisions] == ["true_match", "false_positive"]


def test_auditors_read_decisions_but_may_not_make_them(
    api: Api, analyst_key: str, auditor_key: str
) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    refused = decide(api, auditor_key, screening_id)
    assert refused.status_code == 403
    decide(api, analyst_key, screening_id)
    listed = api.get("/v1/decisions", auditor_key)
    assert listed.status_code == 200
    assert [d["source_id"] for d in listed.json()["decisions"]] == ["KPe.001"]


def test_a_pair_that_did_not_match_is_refused(api: Api, analyst_key: str) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    response = decide(api, analyst_key, screening_id, source_id="KPe.050")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "not_a_match"


def test_an_unknown_ref_is_refused(api: Api, analyst_key: str) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    assert decide(api, analyst_key, screening_id, ref="V-404").status_code == 422


def test_another_tenants_screening_cannot_be_decided_on(api: Api, analyst_key: str) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    other = api.new_tenant("other")
    assert decide(api, other.admin_key, screening_id).status_code == 404


def test_exactly_one_of_job_id_and_screening_id(api: Api, analyst_key: str) -> None:
    screening_id = screen_komid(api, analyst_key)["screening_id"]
    both = decide(api, analyst_key, screening_id, job_id="job-1")
    neither = api.post(
        "/v1/decisions",
        analyst_key,
        json={
            "ref": "V-1",
            "list": "un-sc",
            "source_id": "KPe.001",
            "decision": "true_match",
            "note": NOTE,
        },
    )
    assert both.status_code == 422
    assert neither.status_code == 422


def test_decision_is_in_the_audit_log(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    decision = decide(api, analyst_key, screen_komid(api, analyst_key)["screening_id"]).json()
    records = api.get("/v1/audit", auditor_key, params={"action": "decision"}).json()["records"]
    (record,) = [r for r in records if r["chain"] == tenant.tenant_id]
    assert record["subject"] == decision["id"]
    assert record["details"]["decision"] == "false_positive"
    assert record["details"]["note"] == NOTE


def upload_one_supplier(api: Api, key: str) -> str:
    return finished_csv_upload(
        api.client, key, f"Vendor No,Supplier Name,Country\nV-1,{KOMID['name']},RU\n"
    )


def test_decision_on_an_upload_job_clears_the_pair_later(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    created = api.post(
        "/v1/decisions",
        analyst_key,
        json={
            "job_id": job_id,
            "ref": "V-1",
            "list": "un-sc",
            "source_id": "KPe.001",
            "decision": "false_positive",
            "note": NOTE,
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["basis"] == f"job:{job_id}"
    (result,) = screen_komid(api, analyst_key)["results"]
    assert len(cleared_reasons(result)) == 1


def test_another_tenants_job_cannot_be_decided_on(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    other = api.new_tenant("other")
    body = {
        "job_id": job_id,
        "ref": "V-1",
        "list": "un-sc",
        "source_id": "KPe.001",
        "decision": "false_positive",
        "note": NOTE,
    }
    assert api.post("/v1/decisions", other.admin_key, json=body).status_code == 404


def test_auditor_is_refused_before_the_body_is_read(api: Api, auditor_key: str) -> None:
    """The web page probes POST /v1/decisions with {} to learn whether to show the form."""
    assert api.post("/v1/decisions", auditor_key, json={}).status_code == 403
