"""The audit log (GET /v1/audit, /v1/audit/verify) and reproducing a job (POST .../rerun)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from screening.api.deps import Principal, Reader, ServiceDep, SessionDep, require_reader
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.schemas import MAX_ROW_ID, ErrorResponse
from screening.audit.chain import AuditRecord, canonical_time
from screening.audit.log import append_audit, list_records, tenant_chains, verify_chains
from screening.jobs.rerun import SnapshotMissingError, rerun_job
from screening.jobs.store import JobStatus, get_job
from screening.service import NotReadyError

router = APIRouter(tags=["audit"])

AUDIT_ROLES = ("auditor", "admin")


async def require_audit_reader(
    principal: Annotated[Principal, Depends(require_reader)],
) -> Principal:
    """The audit log is for auditors and admins; analysts act, they do not audit."""
    if principal.role not in AUDIT_ROLES:
        raise ApiError(
            403,
            ApiErrorCode.FORBIDDEN,
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
    after: Annotated[
        int, Query(ge=0, le=MAX_ROW_ID, description="Return records after this id.")
    ] = 0,
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


class DifferenceOut(BaseModel):
    sheet: str
    row: int
    ref: str
    name: str
    what: str = Field(description="level, score, match added, match removed, match score...")
    entry: str = Field(description="`<list> <source id>` for a match difference.")
    before: Any
    after: Any


class RerunOut(BaseModel):
    job_id: str
    identical: bool = Field(description="True when every row came out exactly the same.")
    rows_compared: int
    differences: list[DifferenceOut]
    list_versions: dict[str, str] = Field(description="The snapshots used: the job's own.")
    decisions_as_of: datetime | None = Field(description="Decisions as they stood then.")
    engine_version: dict[str, str] = Field(description="{job, rerun}: the engine of each run.")
    engine_changed: bool = Field(
        description="True when the rerun's engine (code, data files, scoring libraries) is not "
        "the one that produced the job: a difference may come from the engine, not the lists."
    )
    note: str = Field(description="What the comparison means, in one sentence.")


def rerun_note(identical: bool, engine_changed: bool, job_engine: str) -> str:
    if not engine_changed:
        return "the same engine as the job's: any difference comes from the inputs"
    verdict = "the results are identical" if identical else "differences may come from the engine"
    return f"the engine differs from the one that produced the job ({job_engine}): {verdict}"


@router.post(
    "/v1/jobs/{job_id}/rerun",
    response_model=RerunOut,
    responses={
        404: {"model": ErrorResponse, "description": "No such job for this tenant."},
        409: {"model": ErrorResponse, "description": "The job is not done."},
    },
    summary="Screen a past upload again on the list snapshots it used, and compare",
)
def rerun(job_id: str, principal: Reader, session: SessionDep, service: ServiceDep) -> Any:
    """Reproduces a job: its rows, its list versions (every snapshot is kept), its threshold
    and the case decisions as they stood when it started. `identical` says whether every
    supplier's level, score and matches came out the same; `differences` lists what did not."""
    job = get_job(session, principal.tenant_id, job_id)
    if job is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"no job {job_id!r} for this tenant")
    if job.status != JobStatus.DONE:
        raise ApiError(
            409, ApiErrorCode.JOB_NOT_DONE, f"job {job.id} is {job.status}; rerun it once done"
        )
    try:
        serving = service.screener
    except NotReadyError:
        serving = None
    try:
        outcome = rerun_job(service.engine, job, service.lists_dir, serving)
    except SnapshotMissingError as error:
        raise ApiError(
            409,
            ApiErrorCode.SNAPSHOT_MISSING,
            str(error),
            {"list": error.list_id, "version": error.version},
        ) from error
    append_audit(
        session,
        principal,
        "job.rerun",
        job.id,
        {
            "identical": outcome.identical,
            "rows_compared": outcome.rows_compared,
            "differences": len(outcome.differences),
            "lists": outcome.list_versions,
            "engine_version": outcome.engine_version,
        },
    )
    session.commit()
    engine_changed = job.engine_version != outcome.engine_version
    return {
        "engine_changed": engine_changed,
        "note": rerun_note(outcome.identical, engine_changed, job.engine_version),
        "job_id": job.id,
        "identical": outcome.identical,
        "rows_compared": outcome.rows_compared,
        "differences": [d.to_dict() for d in outcome.differences],
        "list_versions": outcome.list_versions,
        "decisions_as_of": outcome.decisions_as_of,
        "engine_version": {"job": job.engine_version, "rerun": outcome.engine_version},
    }
