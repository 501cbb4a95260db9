"""Authentication: X-API-Key or Authorization: Bearer; unknown and revoked keys are refused."""

from __future__ import annotations

from pathlib import Path

from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.db import make_engine
from support.serving import OPERATOR_KEY, Api, Tenant, api_settings, served_client


def test_request_without_a_key_is_401_with_the_error_shape(api: Api) -> None:
    response = api.client.get("/v1/lists")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert "X-API-Key" in response.json()["error"]["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_key_is_401(api: Api) -> None:
    response = api.get("/v1/lists", "scr_not-a-key-anyone-was-given")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_bearer_token_is_accepted_like_x_api_key(api: Api, auditor_key: str) -> None:
    response = api.client.get("/v1/lists", headers={"Authorization": f"Bearer {auditor_key}"})
    assert response.status_code == 200


def test_revoked_key_is_refused_at_once(api: Api, tenant: Tenant) -> None:
    created = api.post("/v1/admin/keys", tenant.admin_key, json={"role": "analyst"}).json()
    assert api.get("/v1/lists", created["api_key"]).status_code == 200

    revoked = api.delete(f"/v1/admin/keys/{created['key_id']}", tenant.admin_key)

    assert revoked.status_code == 200
    assert revoked.json()["revoked"] is not None
    assert api.get("/v1/lists", created["api_key"]).status_code == 401


def test_the_bootstrap_admin_key_is_an_admin_of_the_default_tenant(api: Api) -> None:
    keys = api.get("/v1/admin/keys", OPERATOR_KEY).json()["keys"]
    assert {(k["tenant_id"], k["role"], k["label"]) for k in keys} >= {
        ("default", "admin", "SCREENING_ADMIN_KEY")
    }


def test_rate_limit_answers_429_with_retry_after(
    api: Api, screener: Screener, api_database: str, tmp_path: Path
) -> None:
    service = ScreeningService(make_engine(api_database), api.service.lists_dir)
    service.use(screener)
    settings = api_settings(api_database, tmp_path, rate_limit_per_minute=2)
    tenant = api.new_tenant()
    with served_client(settings, service) as client:
        statuses = [
            client.get("/v1/lists", headers={"X-API-Key": tenant.admin_key}).status_code
            for _ in range(3)
        ]
        limited = client.get("/v1/lists", headers={"X-API-Key": tenant.admin_key})
    service.engine.dispose()
    assert statuses == [200, 200, 429]
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) >= 1


# POST /v1/screen looks its caller's key up on the worker thread it screens on; an invalid body
# never reaches it, and the key must still answer first, as on every other route.
_INVALID_SCREEN = {"suppliers": [{"name": ""}], "threshold": 500}


def test_an_unknown_key_answers_401_before_an_invalid_screen_body(api: Api) -> None:
    response = api.post("/v1/screen", "scr_not-a-key-anyone-was-given", json=_INVALID_SCREEN)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "unknown or revoked API key"


def test_an_auditor_answers_403_before_an_invalid_screen_body(api: Api, auditor_key: str) -> None:
    response = api.post("/v1/screen", auditor_key, json=_INVALID_SCREEN)
    assert response.status_code == 403
    assert response.json()["error"]["details"]["needed"] == "the analyst or admin role"


def test_an_analyst_with_an_invalid_screen_body_gets_the_422(api: Api, analyst_key: str) -> None:
    response = api.post("/v1/screen", analyst_key, json=_INVALID_SCREEN)
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {
        "suppliers[0].name",
        "threshold",
    }


def test_an_invalid_screen_body_spends_the_keys_request(
    api: Api, api_database: str, tmp_path: Path
) -> None:
    settings = api_settings(api_database, tmp_path, rate_limit_per_minute=1)
    tenant = api.new_tenant()
    with served_client(settings, api.service) as client:
        key = {"X-API-Key": tenant.admin_key}
        first = client.post("/v1/screen", headers=key, json=_INVALID_SCREEN)
        second = client.post("/v1/screen", headers=key, json=_INVALID_SCREEN)
    assert (first.status_code, second.status_code) == (422, 429)
