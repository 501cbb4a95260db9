"""Tenants and API keys. Tenant admins manage their own keys; the operator (an admin of the
`default` tenant) also creates tenants and manages any tenant's keys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from pydantic import BaseModel, Field

from screening.api.deps import Admin, Operator, Principal, SessionDep, SettingsDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.schemas import (
    ErrorResponse,
    KeyCreate,
    KeyCreated,
    KeyOut,
    KeysResponse,
    TenantCreate,
    TenantCreated,
)
from screening.audit.log import append_audit
from screening.retention import JobsStillRunningError, delete_tenant_data
from screening.store.tables import ApiKeyRow
from screening.store.tenants import (
    TenantNameTakenError,
    create_tenant,
    get_tenant,
    issue_key,
    revoke_key,
    tenant_keys,
)

router = APIRouter(tags=["admin"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No key, or an unknown or revoked key."},
    403: {"model": ErrorResponse, "description": "The key is not an admin (of this scope)."},
}


def _managed_tenant(principal: Principal, tenant_id: str | None, session: SessionDep) -> str:
    """The tenant an admin acts on: its own; the operator may name any existing tenant."""
    wanted = tenant_id or principal.tenant_id
    # Another tenant's id answers like an unknown one: a tenant learns nothing of the others.
    if wanted != principal.tenant_id and not principal.is_operator:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no tenant {wanted!r}", {"tenant_id": wanted})
    if get_tenant(session, wanted) is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no tenant {wanted!r}", {"tenant_id": wanted})
    return wanted


def _key_json(row: ApiKeyRow) -> dict[str, Any]:
    return {
        "key_id": row.id,
        "tenant_id": row.tenant_id,
        "role": row.role,
        "label": row.label,
        "created": row.created,
        "revoked": row.revoked,
    }


@router.post(
    "/v1/admin/tenants",
    response_model=TenantCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Create a tenant and its first admin key (operator only)",
    responses={**_ERRORS, 409: {"model": ErrorResponse, "description": "Name taken."}},
)
def create_tenant_route(body: TenantCreate, _principal: Operator, session: SessionDep) -> Any:
    try:
        tenant, key = create_tenant(session, body.name)
    except TenantNameTakenError as error:
        session.rollback()
        raise ApiError(409, ApiErrorCode.CONFLICT, str(error), {"name": body.name}) from error
    key_change = {"key_id": key.key_id, "role": key.role, "tenant_name": tenant.name}
    append_audit(session, _principal, "key.create", key.key_id, key_change, tenant_id=tenant.id)
    session.commit()
    return {
        "tenant_id": tenant.id,
        "name": tenant.name,
        "api_key": key.secret,
        "key_id": key.key_id,
    }


@router.post(
    "/v1/admin/keys",
    response_model=KeyCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Create an API key for your tenant (the operator: for any tenant)",
    responses={**_ERRORS, 404: {"model": ErrorResponse, "description": "Unknown tenant."}},
)
def create_key(body: KeyCreate, principal: Admin, session: SessionDep) -> Any:
    tenant_id = _managed_tenant(principal, body.tenant_id, session)
    key = issue_key(session, tenant_id, body.role, label=body.label)
    key_change = {"key_id": key.key_id, "role": key.role, "label": body.label}
    append_audit(session, principal, "key.create", key.key_id, key_change, tenant_id=tenant_id)
    session.commit()
    return {
        "api_key": key.secret,
        "key_id": key.key_id,
        "tenant_id": key.tenant_id,
        "role": key.role,
    }


@router.get(
    "/v1/admin/keys",
    response_model=KeysResponse,
    summary="The keys of your tenant (ids and roles; never the keys themselves)",
    responses={**_ERRORS, 404: {"model": ErrorResponse, "description": "Unknown tenant."}},
)
def list_keys(
    principal: Admin,
    session: SessionDep,
    tenant_id: Annotated[str | None, Query(description="Operator only: another tenant.")] = None,
) -> Any:
    wanted = _managed_tenant(principal, tenant_id, session)
    return {"keys": [_key_json(row) for row in tenant_keys(session, wanted)]}


@router.delete(
    "/v1/admin/keys/{key_id}",
    response_model=KeyOut,
    summary="Revoke a key of your tenant; it stops working at once",
    responses={**_ERRORS, 404: {"model": ErrorResponse, "description": "Unknown key."}},
)
def revoke(key_id: str, principal: Admin, session: SessionDep) -> Any:
    row = session.get(ApiKeyRow, key_id)
    tenant_id = row.tenant_id if row is not None and principal.is_operator else principal.tenant_id
    revoked = revoke_key(session, tenant_id, key_id)
    if revoked is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no key {key_id!r}", {"key_id": key_id})
    key_change = {"key_id": revoked.id, "role": revoked.role}
    append_audit(session, principal, "key.revoke", key_id, key_change, tenant_id=tenant_id)
    session.commit()
    return _key_json(revoked)


class TenantDataDeleted(BaseModel):
    tenant_id: str
    deleted: dict[str, int] = Field(
        description="How many of each were deleted: uploads (jobs with their files, rows, "
        "results), report_files, screenings, decisions, monitored_lists, alerts, "
        "webhook_events, webhooks. Kinds with none are left out.",
        examples=[{"uploads": 12, "report_files": 3, "screenings": 40, "decisions": 5}],
    )


@router.delete(
    "/v1/admin/tenants/{tenant_id}/data",
    response_model=TenantDataDeleted,
    summary="Delete all of a tenant's data (operator only); the tenant, its keys and its audit "
    "log stay",
    responses={
        **_ERRORS,
        404: {"model": ErrorResponse, "description": "Unknown tenant."},
        409: {"model": ErrorResponse, "description": "The tenant has jobs still running."},
    },
)
def delete_tenant_data_route(
    tenant_id: str,
    principal: Operator,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> Any:
    """Uploads, jobs, their results and reports, screenings, decisions, monitored lists, alerts
    and the webhook with its deliveries. The tenant's audit log keeps every record (they hold
    counts and digests, no supplier data), so its hash chain still verifies; the deletion is
    recorded in it, naming the operator's key."""
    if get_tenant(session, tenant_id) is None:
        raise ApiError(
            404, ApiErrorCode.NOT_FOUND, f"no tenant {tenant_id!r}", {"tenant_id": tenant_id}
        )
    session.close()  # the deletion runs in a transaction of its own
    engine = request.app.state.engine
    try:
        deleted = delete_tenant_data(engine, settings.data_dir, tenant_id, principal)
    except JobsStillRunningError as error:
        raise ApiError(
            409,
            ApiErrorCode.JOBS_RUNNING,
            str(error),
            {"tenant_id": tenant_id, "running": error.running},
        ) from error
    return {"tenant_id": tenant_id, "deleted": deleted.counts}
