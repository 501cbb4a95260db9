"""Each key has its own request budget: past it, 429 with Retry-After, and other keys go on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Api, Tenant, api_settings
from fastapi.testclient import TestClient

from screening.api.app import create_app

PER_MINUTE = 3


@pytest.fixture()
def limited(api: Api, api_database: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = api_settings(api_database, tmp_path, rate_limit_per_minute=PER_MINUTE)
    with TestClient(create_app(settings, service=api.service)) as client:
        yield client


@pytest.fixture()
def tenant(api: Api) -> Tenant:
    return api.new_tenant("limited")


def spend(client: TestClient, key: str, requests: int) -> list[int]:
    return [
        client.get("/v1/lists", headers={"X-API-Key": key}).status_code for _ in range(requests)
    ]


def test_a_key_past_its_budget_gets_429_with_retry_after(
    limited: TestClient, tenant: Tenant
) -> None:
    assert spend(limited, tenant.admin_key, PER_MINUTE) == [200] * PER_MINUTE
    response = limited.get("/v1/lists", headers={"X-API-Key": tenant.admin_key})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert response.json()["error"]["details"]["retry_after_seconds"] == retry_after


def test_another_key_of_the_same_tenant_keeps_its_own_budget(
    api: Api, limited: TestClient, tenant: Tenant
) -> None:
    other_key = api.new_key(tenant, "analyst")
    spend(limited, tenant.admin_key, PER_MINUTE + 1)
    assert spend(limited, other_key, PER_MINUTE) == [200] * PER_MINUTE


def test_a_limited_key_is_refused_before_the_work_is_done(
    api: Api, limited: TestClient, tenant: Tenant
) -> None:
    spend(limited, tenant.admin_key, PER_MINUTE)
    body = {"suppliers": [{"ref": "V-1", "name": "Korea Ryonbong General Corporation"}]}
    refused = limited.post("/v1/screen", headers={"X-API-Key": tenant.admin_key}, json=body)
    assert refused.status_code == 429
    stored = api.get("/v1/screenings", tenant.admin_key).json()  # the session app: no limit
    assert stored["total"] == 0


def test_a_bearer_token_spends_the_same_budget_as_the_key_header(
    limited: TestClient, tenant: Tenant
) -> None:
    spend(limited, tenant.admin_key, PER_MINUTE)
    bearer = {"Authorization": f"Bearer {tenant.admin_key}"}
    assert limited.get("/v1/lists", headers=bearer).status_code == 429


def test_match_and_the_apikey_header_spend_the_same_budget(
    api: Api, limited: TestClient, tenant: Tenant
) -> None:
    spend(limited, tenant.admin_key, PER_MINUTE)
    query = {"schema": "Company", "properties": {"name": ["Korea Ryonbong General Corporation"]}}
    refused = limited.post(
        "/match/default",
        headers={"Authorization": f"ApiKey {tenant.admin_key}"},
        json={"queries": {"q": query}},
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert api.get("/v1/screenings", tenant.admin_key).json()["total"] == 0
