"""POST /v1/screen: results in request order, matches that name list and entry, strict input."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from screening.api.schemas import ScreenResponse
from screening.audit.log import list_records, verify_chains
from support.serving import Api, Tenant

MANSUDAE = {
    "ref": "V-001",
    "name": "Mansudae Overseas Project Group of Companies",
    "country": "RU",
    "sector": "construction",
}
HARMLESS = {"ref": "V-002", "name": "Blue Meadow Stationery GmbH", "country": "DE"}


def test_un_listed_dprk_labour_exporter_is_critical(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, MANSUDAE)
    assert response.status_code == 200
    (result,) = response.json()["results"]
    assert result["risk_level"] == "critical"
    assert result["reasons"]
    hits = {(m["list"], m["source_id"]) for m in result["matches"]}
    assert ("un-sc", "KPe.050") in hits


def test_answer_is_byte_for_byte_what_the_response_model_writes(api: Api, analyst_key: str) -> None:
    # The answer is built by hand around results encoded once; validated and serialised by
    # the contract's model instead (as FastAPI did), it would be the same bytes: floats as
    # floats, the time in UTC with a Z, a listed entry's explanation as it was.
    person = {"name": "KIM Chol Ho", "date_of_birth": "1975-03-02", "nationality": "KP"}
    cyrillic = {"ref": "Ж-1", "name": "Корё Рёнбон", "country": "RU"}
    for body in (
        {"suppliers": [MANSUDAE, HARMLESS, person, cyrillic]},
        {"suppliers": [HARMLESS], "threshold": 90},
        {"suppliers": [MANSUDAE], "lists": ["un-sc"]},
    ):
        response = api.post("/v1/screen", analyst_key, json=body)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        model = ScreenResponse.model_validate(response.json())
        assert response.content == model.model_dump_json(by_alias=True).encode()


def test_stored_results_are_the_answers_and_the_audit_record_holds_their_digest(
    api: Api, tenant: Tenant, analyst_key: str
) -> None:
    answer = api.screen(analyst_key, MANSUDAE, HARMLESS).json()
    screening_id = answer["screening_id"]
    stored = api.get(f"/v1/screenings/{screening_id}", analyst_key).json()
    assert stored["results"] == answer["results"]
    assert stored["lists"] == answer["lists"]
    with Session(api.service.engine) as session:
        stored_text = session.execute(
            text("SELECT CAST(results AS TEXT) FROM screenings WHERE id = :id"),
            {"id": screening_id},
        ).scalar_one()
        (record,) = [
            record
            for _, record in list_records(session, [tenant.tenant_id], action="screening")
            if record.subject == screening_id
        ]
        assert verify_chains(session, [tenant.tenant_id]).valid
    digest = hashlib.sha256(stored_text.encode("utf-8")).hexdigest()
    assert record.details["results_sha256"] == digest


def test_results_come_back_in_request_order(api: Api, analyst_key: str) -> None:
    suppliers = [
        {"ref": "A", "name": "Blue Meadow Stationery GmbH"},
        {"ref": "B", "name": "Korea Ryonbong General Corporation"},
        {"ref": "C", "name": "Northwind Traders"},
        {"ref": "D", "name": "Mansudae Overseas Project Group of Companies"},
    ]
    results = api.screen(analyst_key, *suppliers).json()["results"]
    assert [(r["ref"], r["name"]) for r in results] == [(s["ref"], s["name"]) for s in suppliers]


def test_each_match_names_list_entry_and_evidence_best_first(api: Api, analyst_key: str) -> None:
    (result,) = api.screen(analyst_key, MANSUDAE).json()["results"]
    matches: list[dict[str, Any]] = result["matches"]
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    for match in matches:
        assert {
            "list",
            "source_id",
            "entry_name",
            "matched_name",
            "score",
            "programs",
            "kind",
            "explanation",
        } <= set(match)
        assert match["list"] in {"us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi", "dprk-labour"}
        assert api.get(match["entry_url"], analyst_key).status_code == 200


def test_matches_respect_the_threshold(api: Api, analyst_key: str) -> None:
    body = api.screen(analyst_key, MANSUDAE, threshold=99.5).json()
    assert body["threshold"] == 99.5
    assert all(m["score"] >= 99.5 for m in body["results"][0]["matches"])


def test_response_names_the_list_versions_used(api: Api, analyst_key: str) -> None:
    body = api.screen(analyst_key, HARMLESS).json()
    serving = api.get("/v1/lists", analyst_key).json()["lists"]
    assert body["lists"] == [
        {k: item[k] for k in ("list", "version", "published", "sha256")} for item in serving
    ]
    assert body["screening_id"]
    assert body["screened_at"]


def test_only_name_is_required(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, {"name": "Blue Meadow Stationery GmbH"})
    assert response.status_code == 200
    assert response.json()["results"][0]["ref"] == ""


def test_missing_name_is_422_naming_the_field(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, HARMLESS, {"ref": "V-003", "country": "RU"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"].startswith("suppliers[1].name:")
    assert error["details"] == [
        {"field": "suppliers[1].name", "message": "Field required", "type": "missing"}
    ]


def test_country_must_be_a_two_letter_code(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, {"name": "X", "country": "Russia"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "suppliers[0].country"


def test_a_person_may_come_with_a_date_of_birth_and_nationality(api: Api, analyst_key: str) -> None:
    person = {"name": "KIM Chol Ho", "date_of_birth": "1975-03-02", "nationality": "kp"}
    response = api.screen(analyst_key, person, {"name": "PAK Song Il", "date_of_birth": "1981"})
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["KIM Chol Ho", "PAK Song Il"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", "02.03.1975"),
        ("date_of_birth", "1975-02-30"),
        ("nationality", "North Korea"),
    ],
)
def test_a_date_of_birth_must_be_iso_and_a_nationality_a_code(
    api: Api, analyst_key: str, field: str, value: str
) -> None:
    response = api.screen(analyst_key, {"name": "KIM Chol Ho", field: value})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == f"suppliers[0].{field}"


def test_threshold_outside_0_to_100_is_422(api: Api, analyst_key: str) -> None:
    response = api.screen(analyst_key, HARMLESS, threshold=101)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "threshold"


def test_empty_supplier_list_is_422(api: Api, analyst_key: str) -> None:
    response = api.post("/v1/screen", analyst_key, json={"suppliers": []})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "suppliers"


def test_body_that_is_not_json_is_422(api: Api, analyst_key: str) -> None:
    response = api.client.post(
        "/v1/screen",
        content=b'{"suppliers": [',
        headers={"X-API-Key": analyst_key, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "json_invalid"


def test_more_than_10000_suppliers_is_413(api: Api, analyst_key: str) -> None:
    suppliers = [{"name": f"Supplier {i}"} for i in range(10_001)]
    response = api.post("/v1/screen", analyst_key, json={"suppliers": suppliers})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_many_suppliers"


def test_auditors_cannot_screen(api: Api, auditor_key: str) -> None:
    response = api.screen(auditor_key, HARMLESS)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_any_json_content_type_is_read_and_no_other(api: Api, analyst_key: str) -> None:
    # The route serves the usual request itself and hands any other to FastAPI: both read a
    # body the same way.
    body = b'{"suppliers": [{"name": "Blue Meadow Stationery GmbH"}]}'
    for content_type in (
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/vnd.api+json",
    ):
        response = api.client.post(
            "/v1/screen",
            content=body,
            headers={"X-API-Key": analyst_key, "Content-Type": content_type},
        )
        assert response.status_code == 200, content_type
        assert response.json()["results"][0]["risk_level"] == "clear"
    for headers in ({"Content-Type": "text/plain"}, {}):
        response = api.client.post(
            "/v1/screen", content=body, headers={"X-API-Key": analyst_key, **headers}
        )
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["field"] == "body"


def test_a_key_screens_in_each_header_it_may_come_in(api: Api, analyst_key: str) -> None:
    for headers in (
        {"X-API-Key": f" {analyst_key} "},
        {"Authorization": f"Bearer {analyst_key}"},
        {"Authorization": f"ApiKey {analyst_key}"},
    ):
        response = api.client.post("/v1/screen", json={"suppliers": [HARMLESS]}, headers=headers)
        assert response.status_code == 200, headers
