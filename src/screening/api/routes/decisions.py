"""POST and GET /v1/decisions: a reviewer's verdict on a match, applied to later screenings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlmodel import Session

from screening.api.deps import Analyst, Principal, Reader, ServiceDep, SessionDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.routes.screen import not_ready
from screening.api.schemas import ErrorResponse
from screening.audit.log import append_audit
from screening.decisions.applicability import check_decision
from screening.decisions.evidence import (
    PairNotFoundError,
    SeenPair,
    find_pair,
    screened_from_api_json,
    versions_from_json,
)
from screening.decisions.store import decision_to_dict, find_decisions, save_decision
from screening.jobs.store import JobStatus, all_rows_with_results, get_job
from screening.risk.decision import Verdict
from screening.service import NotReadyError, ScreeningService
from screening.store.screenings import get_screening
from screening.store.snapshots import load_snapshot
from screening.tenant_lists.store import is_tenant_list_id, tenant_list_snapshot
from screening.watchlist.model import Entry

router = APIRouter(tags=["decisions"])


class DecisionIn(BaseModel):
    """A verdict on one match seen in a screening (`screening_id`) or an upload job (`job_id`)."""

    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "screening_id": "6f0c8a52-8d1e-4c43-9a57-0d9a8f3b1c11",
                "ref": "V-001",
                "list": "un-sc",
                "source_id": "KPe.030",
                "decision": "false_positive",
                "note": "Different company: timber trader registered in Vladivostok, INN checked",
            }
        },
    )

    job_id: str | None = Field(default=None, max_length=64)
    screening_id: str | None = Field(default=None, max_length=64)
    ref: str = Field(max_length=200, description="The supplier's ref in that screening.")
    list: str = Field(max_length=64, description="The matched entry's list id.")
    source_id: str = Field(max_length=100, description="The matched entry's id on its list.")
    decision: Literal["true_match", "false_positive"]
    note: str = Field(min_length=1, max_length=2000, description="Why; shown with the pair.")

    @model_validator(mode="after")
    def _one_basis(self) -> DecisionIn:
        if (self.job_id is None) == (self.screening_id is None):
            raise ValueError("give exactly one of job_id and screening_id")
        return self


class SupplierFactsOut(BaseModel):
    name: str
    country: str
    registration_id: str


class EntryFactsOut(BaseModel):
    names: list[str]
    programs: list[str]


class DecisionOut(BaseModel):
    id: str
    ref: str
    supplier: SupplierFactsOut = Field(description="The supplier data the decision rests on.")
    list: str
    source_id: str
    list_version: str = Field(description="The list version the reviewer saw.")
    entry: EntryFactsOut = Field(description="The entry's names and programs at that version.")
    decision: str
    note: str
    decided_by: str
    decided_at: datetime
    basis: str = Field(description="`screening:<id>` or `job:<id>`.")
    supplier_fingerprint: str
    entry_fingerprint: str


class DecisionCreated(DecisionOut):
    in_force: bool = Field(description="False when the entry listed now differs already.")
    changes: list[str] = Field(description="What differs from the entry listed now, if anything.")


class DecisionsPage(BaseModel):
    decisions: list[DecisionOut]
    next_after: str | None = Field(description="`after` for the next page; null on the last.")


def _seen_in_screening(session: Session, principal: Principal, body: DecisionIn) -> SeenPair:
    assert body.screening_id is not None
    row = get_screening(session, principal.tenant_id, body.screening_id)
    if row is None:
        raise ApiError(
            404, ApiErrorCode.NOT_FOUND, f"no screening {body.screening_id!r} for this tenant"
        )
    return find_pair(
        screened_from_api_json(row.input.get("suppliers", []), row.results),
        versions_from_json(row.list_versions),
        ref=body.ref,
        list_id=body.list,
        source_id=body.source_id,
        basis=f"screening:{row.id}",
    )


def _seen_in_job(
    session: Session, service: ScreeningService, principal: Principal, body: DecisionIn
) -> SeenPair:
    assert body.job_id is not None
    job = get_job(session, principal.tenant_id, body.job_id)
    if job is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no job {body.job_id!r} for this tenant")
    if job.status != JobStatus.DONE:
        raise ApiError(
            409, ApiErrorCode.JOB_NOT_DONE, f"job {job.id} is {job.status}; decide once it is done"
        )
    screened = [
        (stored.supplier, {(m.list_id, m.source_id) for m in result.matches})
        for stored, result in all_rows_with_results(service.engine, job.id)
        if stored.supplier is not None and result is not None
    ]
    return find_pair(
        screened,
        versions_from_json(job.list_versions),
        ref=body.ref,
        list_id=body.list,
        source_id=body.source_id,
        basis=f"job:{job.id}",
    )


def entry_at(
    service: ScreeningService, tenant_id: str, list_id: str, version: str | None, source_id: str
) -> Entry | None:
    """The entry as that list version published it (None: the version served now): from memory
    when it is the one served; of the tenant's own list for a `tenant-...` id."""
    if is_tenant_list_id(list_id):
        snapshot = tenant_list_snapshot(service.engine, tenant_id, list_id, version)
        return snapshot.entry(source_id) if snapshot is not None else None
    serving = service.serving()
    if version is None:
        return serving.entries.get((list_id, source_id))
    current = serving.snapshot(list_id)
    if current is not None and current.version == version:
        return serving.entries.get((list_id, source_id))
    stored = load_snapshot(service.engine, list_id, version)
    return stored.entry(source_id) if stored is not None else None


@router.post(
    "/v1/decisions",
    response_model=DecisionCreated,
    status_code=status.HTTP_201_CREATED,
    responses={
        403: {"model": ErrorResponse, "description": "Auditor keys read decisions only."},
        404: {"model": ErrorResponse, "description": "No such screening or job for the tenant."},
        422: {"model": ErrorResponse, "description": "That supplier did not match that entry."},
    },
    summary="Record a true match or false positive on one supplier-entry pair",
)
def create_decision(
    body: DecisionIn, principal: Analyst, session: SessionDep, service: ServiceDep
) -> Any:
    """A false positive clears the pair in later screenings of the same supplier for your
    tenant ("cleared by <who> on <date>: <note>") until the listed entry changes (a new alias
    or program) or the supplier's name, country or registration id changes: then it alerts
    again. A later decision on the same pair supersedes this one; none is ever deleted."""
    try:
        seen = (
            _seen_in_screening(session, principal, body)
            if body.screening_id is not None
            else _seen_in_job(session, service, principal, body)
        )
    except PairNotFoundError as error:
        raise ApiError(422, ApiErrorCode.NOT_A_MATCH, error.message, error.details) from error
    try:
        tenant_id = principal.tenant_id
        entry = entry_at(service, tenant_id, seen.list_id, seen.list_version, seen.source_id)
        now_listed = entry_at(service, tenant_id, seen.list_id, None, seen.source_id)
    except NotReadyError as error:
        raise not_ready(error) from error
    if entry is None:
        raise ApiError(
            409,
            ApiErrorCode.ENTRY_UNAVAILABLE,
            f"{seen.list_id} {seen.source_id} is not in the stored version {seen.list_version}",
            {"list": seen.list_id, "source_id": seen.source_id, "version": seen.list_version},
        )
    decision = save_decision(
        session,
        tenant_id=principal.tenant_id,
        decided_by=principal.key_id,
        supplier=seen.supplier,
        entry=entry,
        list_version=seen.list_version,
        verdict=Verdict(body.decision),
        note=body.note,
        basis=seen.basis,
    )
    append_audit(
        session,
        principal,
        "decision",
        decision.id,
        {
            "ref": decision.ref,
            "list": decision.list_id,
            "source_id": decision.source_id,
            "decision": decision.verdict.value,
            "note": decision.note,
            "basis": decision.basis,
            "list_version": seen.list_version,
            "supplier_fingerprint": decision.supplier.fingerprint,
            "entry_fingerprint": decision.entry.fingerprint,
        },
    )
    session.commit()
    check = check_decision(decision, seen.supplier, now_listed)
    return {
        **decision_to_dict(decision, seen.list_version),
        "in_force": check.applies,
        "changes": list(check.changes),
    }


@router.get(
    "/v1/decisions",
    response_model=DecisionsPage,
    summary="Your tenant's decisions, newest first",
)
def list_decisions(
    principal: Reader,
    session: SessionDep,
    ref: Annotated[str | None, Query(max_length=200)] = None,
    list_id: Annotated[str | None, Query(alias="list", max_length=64)] = None,
    source_id: Annotated[str | None, Query(max_length=100)] = None,
    after: Annotated[
        str | None, Query(max_length=64, description="Last id of the page before.")
    ] = (None),
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Any:
    """Every role of the tenant may read them, auditors included."""
    page = find_decisions(
        session,
        principal.tenant_id,
        ref=ref,
        list_id=list_id,
        source_id=source_id,
        after_id=after,
        limit=limit,
    )
    return {
        "decisions": [decision_to_dict(decision, version) for decision, version in page],
        "next_after": page[-1][0].id if len(page) == limit else None,
    }
