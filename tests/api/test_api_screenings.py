"""GET /v1/screenings/{id}: every screening is stored with who, when, input, results and lists."""

from __future__ import annotations

from support.serving import Api, Tenant

SUPPLIER = {"ref": "V-9", "name": "Korea Ryonbong General Corporation", "country": "CN"}


def test_screening_reads_back_as_it_was_answered(
    api: Api, analyst_key: str, auditor_key: str
) -> None:
    answered = api.screen(analyst_key, SUPPLIER, threshold=80).json()

    stored = api.get(f"/v1/screenings/{answered['screening_id']}", auditor_key)

    assert stored.status_code == 200
    body = stored.json()
    for field in ("results", "lists", "screening_id", "screened_at", "threshold"):
        assert body[field] == answered[field]
    assert body["input"]["suppliers"][0]["name"] == SUPPLIER["name"]
    assert body["input"]["threshold"] == 80
    assert body["key_id"].startswith("key_")


def test_screening_listing_is_newest_first(api: Api, tenant: Tenant) -> None:
    first = api.screen(tenant.admin_key, SUPPLIER).json()["screening_id"]
    second = api.screen(tenant.admin_key, SUPPLIER, SUPPLIER).json()["screening_id"]
    listed = api.get("/v1/screenings", tenant.admin_key).json()
    assert [s["screening_id"] for s in listed["screenings"]] == [second, first]
    assert [s["suppliers"] for s in listed["screenings"]] == [2, 1]


def test_unknown_screening_is_404(api: Api, auditor_key: str) -> None:
    response = api.get("/v1/screenings/00000000-0000-0000-0000-000000000000", auditor_key)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
