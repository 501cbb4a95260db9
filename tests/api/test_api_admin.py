"""Tenants and keys: the operator makes tenants; tenant admins make and revoke their own keys."""

from __future__ import annotations

from support.serving import OPERATOR_KEY, Api, Tenant


def test_operator_creates_a_tenant_whose_admin_key_works(api: Api) -> None:
    response = api.post("/v1/admin/tenants", OPERATOR_KEY, json={"name": "acme-operator-test"})
    assert response.status_code == 201
    body = response.json()
    assert body["tenant_id"].startswith("ten_")
    assert body["api_key"].startswith("scr_")
    keys = api.get("/v1/admin/keys", body["api_key"]).json()["keys"]
    assert [(k["tenant_id"], k["role"]) for k in keys] == [(body["tenant_id"], "admin")]


def test_tenant_name_taken_is_409(api: Api, tenant: Tenant) -> None:
    name = "twice-" + tenant.tenant_id
    assert api.post("/v1/admin/tenants", OPERATOR_KEY, json={"name": name}).status_code == 201
    response = api.post("/v1/admin/tenants", OPERATOR_KEY, json={"name": name})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_a_tenant_admin_cannot_create_tenants(api: Api, tenant: Tenant) -> None:
    response = api.post("/v1/admin/tenants", tenant.admin_key, json={"name": "sneaky"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_tenant_admin_creates_keys_for_each_role(api: Api, tenant: Tenant) -> None:
    for role in ("analyst", "auditor", "admin"):
        response = api.post(
            "/v1/admin/keys", tenant.admin_key, json={"tenant_id": tenant.tenant_id, "role": role}
        )
        assert response.status_code == 201
        assert response.json()["role"] == role
        assert response.json()["tenant_id"] == tenant.tenant_id


def test_analysts_and_auditors_cannot_manage_keys(
    api: Api, analyst_key: str, auditor_key: str
) -> None:
    for key in (analyst_key, auditor_key):
        response = api.post("/v1/admin/keys", key, json={"role": "admin"})
        assert response.status_code == 403
        assert api.get("/v1/admin/keys", key).status_code == 403


def test_unknown_role_is_422_naming_the_field(api: Api, tenant: Tenant) -> None:
    response = api.post("/v1/admin/keys", tenant.admin_key, json={"role": "superuser"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "role"
    assert response.json()["error"]["message"].startswith("role:")


def test_key_listing_never_shows_keys_or_hashes(api: Api, tenant: Tenant) -> None:
    keys = api.get("/v1/admin/keys", tenant.admin_key).json()["keys"]
    text = str(keys)
    assert tenant.admin_key not in text
    assert set(keys[0]) == {"key_id", "tenant_id", "role", "label", "created", "revoked"}


def test_operator_creates_keys_for_any_tenant(api: Api, tenant: Tenant) -> None:
    response = api.post(
        "/v1/admin/keys", OPERATOR_KEY, json={"tenant_id": tenant.tenant_id, "role": "auditor"}
    )
    assert response.status_code == 201
    assert api.get("/v1/screenings", response.json()["api_key"]).status_code == 200


def test_unknown_tenant_is_404(api: Api) -> None:
    response = api.post(
        "/v1/admin/keys", OPERATOR_KEY, json={"tenant_id": "ten_missing", "role": "analyst"}
    )
    assert response.status_code == 404
