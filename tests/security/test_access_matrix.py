"""Every endpoint of the real app, called with no key, a wrong key, another tenant's key and a
role without the right: 401, 401, 404 (never a 403 that would confirm the thing exists), 403.

The endpoints are read from the app itself (see route_rights), so a new one is covered the day
it is added; one without any key check fails here unless it is named public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from route_rights import (
    PUBLIC_ROUTES,
    READER_WRITES,
    ROLE_WITHOUT,
    Operation,
    Right,
    app_operations,
    guarded_operations,
)

from support.serving import Api, Tenant
from support.uploads import finished_upload, sheet_file

OPERATIONS = guarded_operations()
# Path parameters naming a tenant's own things; the rest name shared reference data.
TENANT_PARAMS = ("screening_id", "job_id", "key_id", "monitored_id")
SHARED_PARAMS = {"list_id": "un-sc", "source_id": "KPe.050", "dataset": "default"}
NEVER_ISSUED_KEY = "scr_" + "N0tAKeyAnyoneWasG1ven" * 2


@dataclass(frozen=True)
class Estate:
    """A tenant with one of everything, and a stranger: an admin of another tenant."""

    tenant: Tenant
    keys: dict[str, str]  # role -> key of this tenant
    path_values: dict[str, str]  # path parameter -> a value naming this tenant's thing
    stranger: str
    revoked: str  # a key of this tenant that was revoked

    def path(self, operation: Operation) -> str:
        missing = [p for p in operation.path_params if p not in self.path_values]
        assert not missing, f"{operation.label}: add a value for {missing} to the access tests"
        return operation.path.format(**self.path_values)

    @property
    def own_ids(self) -> list[str]:
        return [self.tenant.tenant_id, *(self.path_values[p] for p in TENANT_PARAMS)]


@pytest.fixture(scope="module")
def estate(api: Api) -> Estate:
    tenant = api.new_tenant("estate")
    keys = {
        "admin": tenant.admin_key,
        "analyst": api.new_key(tenant, "analyst"),
        "auditor": api.new_key(tenant, "auditor"),
    }
    screening = api.screen(keys["analyst"], {"ref": "V-1", "name": "Korea Ryonbong"})
    assert screening.status_code == 200, screening.text
    job = finished_upload(
        api.client, keys["analyst"], *sheet_file("suppliers_utf8_bom.csv"), monitor="true"
    )
    assert job["status"] == "done", job
    (monitored,) = api.get("/v1/monitored-lists", keys["analyst"]).json()["monitored_lists"]
    spare = api.post("/v1/admin/keys", tenant.admin_key, json={"role": "analyst"}).json()
    doomed = api.post("/v1/admin/keys", tenant.admin_key, json={"role": "admin"}).json()
    revoked = api.delete(f"/v1/admin/keys/{doomed['key_id']}", tenant.admin_key)
    assert revoked.status_code == 200, revoked.text
    return Estate(
        tenant=tenant,
        keys=keys,
        path_values={
            "screening_id": screening.json()["screening_id"],
            "job_id": job["job_id"],
            "key_id": spare["key_id"],
            "monitored_id": monitored["id"],
            "tenant_id": tenant.tenant_id,  # the operator's routes on a tenant
            **SHARED_PARAMS,
        },
        stranger=api.new_tenant("stranger").admin_key,
        revoked=doomed["api_key"],
    )


def call(api: Api, estate: Estate, operation: Operation, **headers: str) -> httpx.Response:
    response: httpx.Response = api.client.request(
        operation.method, estate.path(operation), headers=headers
    )
    return response


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) == {"code", "message", "details"}
    return error


def by_label(operations: list[Operation]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("operation", operations, ids=[op.label for op in operations])


def test_every_route_demands_a_key_unless_named_public() -> None:
    unguarded = [op.label for op in OPERATIONS if op.right is None]
    assert unguarded == []


def test_the_public_routes_answer_without_a_key(api: Api) -> None:
    public = [op for op in app_operations(api.client.app) if (op.method, op.path) in PUBLIC_ROUTES]
    assert {(op.method, op.path) for op in public} == set(PUBLIC_ROUTES)
    for op in public:
        path = op.path.format(name="app.js")
        assert api.client.request(op.method, path).status_code == 200, op.label


def test_only_named_operations_change_things_with_a_read_only_key() -> None:
    reader_writes = {
        (op.method, op.path) for op in OPERATIONS if op.method != "GET" and op.right is Right.READER
    }
    assert reader_writes == set(READER_WRITES)


@by_label(OPERATIONS)
def test_no_key_is_401(api: Api, estate: Estate, operation: Operation) -> None:
    response = call(api, estate, operation)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@by_label(OPERATIONS)
def test_a_key_never_issued_is_401(api: Api, estate: Estate, operation: Operation) -> None:
    assert_error(
        call(api, estate, operation, **{"X-API-Key": NEVER_ISSUED_KEY}), 401, "unauthorized"
    )


@by_label(OPERATIONS)
def test_a_wrong_bearer_token_is_401(api: Api, estate: Estate, operation: Operation) -> None:
    response = call(api, estate, operation, Authorization=f"Bearer {NEVER_ISSUED_KEY}")
    assert_error(response, 401, "unauthorized")


@by_label(OPERATIONS)
def test_a_wrong_apikey_authorization_is_401(
    api: Api, estate: Estate, operation: Operation
) -> None:
    response = call(api, estate, operation, Authorization=f"ApiKey {NEVER_ISSUED_KEY}")
    assert_error(response, 401, "unauthorized")


@by_label([op for op in OPERATIONS if op.right is not None and ROLE_WITHOUT[op.right]])
def test_a_key_sent_as_apikey_authorization_is_known_on_every_route(
    api: Api, estate: Estate, operation: Operation
) -> None:
    # The OpenSanctions API's header: the key is read (its role is then checked), not ignored.
    assert operation.right is not None
    role = ROLE_WITHOUT[operation.right]
    response = call(api, estate, operation, Authorization=f"ApiKey {estate.keys[role]}")
    assert assert_error(response, 403, "forbidden")["details"]["role"] == role


@by_label([op for op in OPERATIONS if op.right is Right.READER and op.method == "GET"])
def test_any_key_sent_as_apikey_authorization_reads(
    api: Api, estate: Estate, operation: Operation
) -> None:
    response = call(api, estate, operation, Authorization=f"ApiKey {estate.keys['auditor']}")
    assert response.status_code == 200, response.text


@by_label(OPERATIONS)
def test_a_revoked_key_is_401(api: Api, estate: Estate, operation: Operation) -> None:
    assert_error(call(api, estate, operation, **{"X-API-Key": estate.revoked}), 401, "unauthorized")


@by_label([op for op in OPERATIONS if op.right is not None and ROLE_WITHOUT[op.right]])
def test_a_role_without_the_right_is_403(api: Api, estate: Estate, operation: Operation) -> None:
    assert operation.right is not None
    role = ROLE_WITHOUT[operation.right]
    response = call(api, estate, operation, **{"X-API-Key": estate.keys[role]})
    error = assert_error(response, 403, "forbidden")
    assert error["details"]["role"] == role


@by_label([op for op in OPERATIONS if set(op.path_params) & set(TENANT_PARAMS)])
def test_another_tenants_thing_is_404_like_one_that_never_was(
    api: Api, estate: Estate, operation: Operation
) -> None:
    response = call(api, estate, operation, **{"X-API-Key": estate.stranger})
    assert_error(response, 404, "not_found")
    made_up = {p: f"made-up-{p}" for p in TENANT_PARAMS}
    absent = api.client.request(
        operation.method,
        operation.path.format(**{**estate.path_values, **made_up}),
        headers={"X-API-Key": estate.stranger},
    )
    answer = response.text
    for param in set(operation.path_params) & set(TENANT_PARAMS):
        answer = answer.replace(estate.path_values[param], made_up[param])
    assert (absent.status_code, absent.text) == (404, answer)


@by_label([op for op in OPERATIONS if op.method == "GET" and not op.path_params])
def test_another_tenant_reads_none_of_this_tenants_data(
    api: Api, estate: Estate, operation: Operation
) -> None:
    response = call(api, estate, operation, **{"X-API-Key": estate.stranger})
    assert response.status_code == 200, response.text
    for own_id in estate.own_ids:
        assert own_id not in response.text


@pytest.mark.parametrize("basis", ["screening_id", "job_id"])
def test_a_decision_on_another_tenants_screening_or_job_is_404(
    api: Api, estate: Estate, basis: str
) -> None:
    body = {
        basis: estate.path_values[basis],
        "ref": "V-1",
        "list": "un-sc",
        "source_id": "KPe.050",
        "decision": "false_positive",
        "note": "probing another tenant",
    }
    response = api.post("/v1/decisions", estate.stranger, json=body)
    assert_error(response, 404, "not_found")


def test_another_tenants_key_survives_a_strangers_revoke(api: Api, estate: Estate) -> None:
    key_id = estate.path_values["key_id"]
    assert api.delete(f"/v1/admin/keys/{key_id}", estate.stranger).status_code == 404
    keys = api.get("/v1/admin/keys", estate.tenant.admin_key).json()["keys"]
    assert next(k for k in keys if k["key_id"] == key_id)["revoked"] is None
