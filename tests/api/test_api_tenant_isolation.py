"""Tenants see only their own data, endpoint by endpoint: another tenant's things look absent."""

from __future__ import annotations

import pytest

from support.serving import Api, Tenant

MANSUDAE = {"ref": "V-1", "name": "Mansudae Overseas Project Group of Companies"}


@pytest.fixture()
def other(api: Api) -> Tenant:
    return api.new_tenant("other")


def test_screen_stores_the_screening_for_the_callers_tenant_only(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    screening_id = api.screen(tenant.admin_key, MANSUDAE).json()["screening_id"]
    assert api.get(f"/v1/screenings/{screening_id}", tenant.admin_key).status_code == 200
    response = api.get(f"/v1/screenings/{screening_id}", other.admin_key)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_screening_listing_holds_only_the_tenants_own(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    mine = api.screen(tenant.admin_key, MANSUDAE).json()["screening_id"]
    theirs = api.screen(other.admin_key, MANSUDAE).json()["screening_id"]
    listed = api.get("/v1/screenings", tenant.admin_key).json()
    assert [s["screening_id"] for s in listed["screenings"]] == [mine]
    assert listed["total"] == 1
    assert theirs not in str(listed)


def test_key_listing_holds_only_the_tenants_own_keys(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    keys = api.get("/v1/admin/keys", tenant.admin_key).json()["keys"]
    assert {k["tenant_id"] for k in keys} == {tenant.tenant_id}
    response = api.get("/v1/admin/keys", tenant.admin_key, params={"tenant_id": other.tenant_id})
    assert response.status_code == 404


def test_an_admin_cannot_create_keys_for_another_tenant(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    response = api.post(
        "/v1/admin/keys", tenant.admin_key, json={"tenant_id": other.tenant_id, "role": "admin"}
    )
    assert response.status_code == 404


def test_an_admin_cannot_revoke_another_tenants_key(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    (their_key,) = api.get("/v1/admin/keys", other.admin_key).json()["keys"]
    response = api.delete(f"/v1/admin/keys/{their_key['key_id']}", tenant.admin_key)
    assert response.status_code == 404
    assert api.get("/v1/lists", other.admin_key).status_code == 200


def test_lists_and_entries_are_the_same_shared_reference_data_for_every_tenant(
    api: Api, tenant: Tenant, other: Tenant
) -> None:
    assert (
        api.get("/v1/lists", tenant.admin_key).json()
        == api.get("/v1/lists", other.admin_key).json()
    )
    path = "/v1/lists/un-sc/entries/KPe.050"
    assert api.get(path, tenant.admin_key).json() == api.get(path, other.admin_key).json()


def test_only_the_operator_imports_lists(api: Api, tenant: Tenant) -> None:
    response = api.post(
        "/v1/admin/lists/un-sc",
        tenant.admin_key,
        files=[("files", ("consolidated.xml", b"<x/>", "application/xml"))],
    )
    assert response.status_code == 403
