"""GET /v1/audit and /v1/audit/verify: the tenant's audit records and a check that none changed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from screening.api.deps import Principal, SessionDep, require_reader
from screening.api.errors import ApiError
from screening.api.schemas import ErrorResponse
from screening.audit.chain import AuditRecord, canonical_time
from screening.audit.log import list_records, tenant_chains, verify_chains

router = APIRouter(tags=["audit"])

AUDIT_ROLES = ("auditor", "admin")


def require_audit_reader(principal: Annotated[Principal, Depends(require_reader)]) -> Principal:
    """The audit log is for auditors and admins; analysts act, they do not audit."""
    if principal.role not in AUDIT_ROLES:
        raise ApiError(
            403,
            "forbidden",
            f"this key's role ({principal.role}) may not read the audit log; "
            "it needs the auditor or admin role",
            {"role": principal.role, "needed": "auditor or admin"},
        )
    return principal


AuditReader = Annotated[Principal, Depends(require_audit_reader)]


class AuditRecordOut(BaseModel):
    id: int = Field(description="Row id; pass the last one as `after` for the next page.")
    chain: str = Field(description="Your tenant id, or `system` for list imports.")
    seq: int = Field(description="Position in its chain: 1, 2, 3...")
    at: datetime
    actor: str = Field(description="The API key id that acted, `cli` or `system`.")
    role: str
    action: str = Field(description="e.g. `screening`, `upload`, `decision`, `list.import`.")
    subject: str = Field(description="What it acted on: a screening, job or decision id...")
    details: dict[str, Any]
    prev_hash: str = Field(description="The hash of the record before it in the chain.")
    hash: str = Field(description="sha256 of the previous hash and this record's content.")


class AuditPage(BaseModel):
    records: list[AuditRecordOut]
    next_after: int | None = Field(description="`after` for the next page; null on the last.")


class ChainVerdictOut(BaseModel):
    chain: str
    valid: bool
    records: int
    head_hash: str = Field(description="Note it down: a later verify must reach the same hash.")
    problem: str | None = Field(description="edited, deleted, broken_link or head_mismatch.")
    seq: int | None = Field(description="The first record found broken.")
    detail: str


class AuditVerification(BaseModel):
    valid: bool
    records: int
    chains: list[ChainVerdictOut]
    first_broken: ChainVerdictOut | None


def _record_json(row_id: int, record: AuditRecord) -> dict[str, Any]:
    return {
        "id": row_id,
        "chain": record.chain or "system",
        "seq": record.seq,
        "at": canonical_time(record.at),
        "actor": record.actor,
        "role": record.role,
        "action": record.action,
        "subject": record.subject,
        "details": dict(record.details),
        "prev_hash": record.prev_hash,
        "hash": record.hash,
    }


_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorResponse, "description": "An analyst key: the log is for auditors."},
}


@router.get(
    "/v1/audit",
    response_model=AuditPage,
    responses=_RESPONSES,
    summary="Your tenant's audit records (and list imports), oldest first",
)
def audit_records(
    principal: AuditReader,
    session: SessionDep,
    after: Annotated[int, Query(ge=0, description="Return records after this id.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    action: Annotated[str | None, Query(description="Only this action.")] = None,
) -> Any:
    """Every screening, upload, report download, decision, key change and list import,
    with who did it and when; each record carries the hash of the one before it."""
    page = list_records(
        session, tenant_chains(principal.tenant_id), after_id=after, limit=limit, action=action
    )
    return {
        "records": [_record_json(row_id, record) for row_id, record in page],
        "next_after": page[-1][0] if len(page) == limit else None,
    }


@router.get(
    "/v1/audit/verify",
    response_model=AuditVerification,
    responses=_RESPONSES,
    summary="Recompute the hash chains and report any edited or deleted record",
)
def verify_audit(principal: AuditReader, session: SessionDep) -> Any:
    """`valid` is false when any record of your chain (or the system chain of list imports)
    was edited, deleted or reordered; `first_broken` says which and how."""
    return verify_chains(session, tenant_chains(principal.tenant_id)).to_dict()
