"""Each key has two budgets a minute, requests and suppliers screened: past either, 429 with
Retry-After, other keys go on, and with Redis every server process spends from the same one."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from support.serving import Api, Tenant, api_settings, served_client

PER_MINUTE = 3
SUPPLIERS_PER_MINUTE = 5
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture()
def limited(api: Api, api_database: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = api_settings(api_database, tmp_path, rate_limit_per_minute=PER_MINUTE)
    with served_client(settings, api.service) as client:
        yield client


def supplier_batch(count: int) -> dict[str, Any]:
    return {"suppliers": [{"ref": f"V-{n}", "name": f"Acme Timber {n}"} for n in range(count)]}


@pytest.fixture()
def two_processes(api: Api, api_database: str, tmp_path: Path) -> Iterator[list[TestClient]]:
    """Two apps, each with its own limiter, as two server processes have: sharing Redis only."""
    namespace = f"screening-test-{secrets.token_hex(4)}"
    settings = api_settings(
        api_database,
        tmp_path,
        supplier_rate_limit_per_minute=SUPPLIERS_PER_MINUTE,
        rate_limit_storage=REDIS_URL,
        queue_prefix=namespace,
    )
    with (
        served_client(settings, api.service) as first,
        served_client(settings, api.service) as second,
    ):
        yield [first, second]
    store = redis.Redis.from_url(REDIS_URL)
    keys = list(store.scan_iter(match=f"{namespace}:*"))
    if keys:
        store.delete(*keys)
    store.close()


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
    assert response.json()["error"]["details"]["budget"] == "requests"


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


def test_each_supplier_in_a_batch_costs_one(api: Api, api_database: str, tmp_path: Path) -> None:
    settings = api_settings(
        api_database, tmp_path, supplier_rate_limit_per_minute=SUPPLIERS_PER_MINUTE
    )
    tenant = api.new_tenant("batch")
    with served_client(settings, api.service) as client:
        key = {"X-API-Key": tenant.admin_key}
        assert client.post("/v1/screen", headers=key, json=supplier_batch(3)).status_code == 200
        refused = client.post("/v1/screen", headers=key, json=supplier_batch(3))
        assert client.post("/v1/screen", headers=key, json=supplier_batch(2)).status_code == 200
    assert refused.status_code == 429
    details = refused.json()["error"]["details"]
    assert (details["budget"], details["limit_per_minute"]) == ("suppliers", SUPPLIERS_PER_MINUTE)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


@pytest.mark.postgres  # needs the Redis on loopback
def test_server_processes_spend_one_budget_through_redis(
    api: Api, two_processes: list[TestClient]
) -> None:
    first, second = two_processes
    key = {"X-API-Key": api.new_tenant("shared").admin_key}
    assert first.post("/v1/screen", headers=key, json=supplier_batch(4)).status_code == 200
    refused = second.post("/v1/screen", headers=key, json=supplier_batch(2))
    assert refused.status_code == 429
    assert refused.json()["error"]["details"]["budget"] == "suppliers"
    assert second.post("/v1/screen", headers=key, json=supplier_batch(1)).status_code == 200


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
