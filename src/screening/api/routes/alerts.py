"""GET /v1/alerts and the monitored lists that raise them when a list changes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field
from sqlmodel import col, select

from screening.api.deps import Analyst, Reader, SessionDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.schemas import MAX_ROW_ID, ErrorResponse
from screening.audit.log import append_audit
from screening.monitoring.alerts import alert_json, find_alerts
from screening.monitoring.rescreen import STOPPED
from screening.monitoring.tables import MonitoredListRow
from screening.utc import as_utc

router = APIRouter(tags=["monitoring"])


class AlertSupplier(BaseModel):
    ref: str
    name: str
    country: str = ""


class AlertEntry(BaseModel):
    list: str
    source_id: str
    name: str
    entry_url: str


class AlertSide(BaseModel):
    score: float
    level: str = Field(description="The match's risk level in that screening.")
    list_version: str
    entry_names: list[str]
    programs: list[str]
    cleared_by: str = Field(description="Set when a decision cleared the pair then.")


class MonitoredListRef(BaseModel):
    id: str
    name: str
    job_id: str


class AlertOut(BaseModel):
    id: int
    kind: Literal["new_match", "changed_match", "match_gone"]
    created: datetime
    monitored_list: MonitoredListRef
    supplier: AlertSupplier
    entry: AlertEntry
    before: AlertSide | None = Field(description="The pair in the previous screening.")
    after: AlertSide | None = Field(description="The pair in the new screening.")
    changes: list[str] = Field(description="What changed, e.g. `new alias 'KOMID TRADING'`.")
    list_versions: dict[str, str | None] = Field(description="{before, after} list versions.")


class AlertsPage(BaseModel):
    alerts: list[AlertOut]
    next_after: int | None


class MonitoredListOut(BaseModel):
    id: str
    name: str
    job_id: str
    created: datetime
    created_by: str
    status: str = Field(description="pending (its upload is being screened), active, stopped.")
    suppliers: int
    matches: int
    list_versions: dict[str, str]
    screened: datetime


class MonitoredListsResponse(BaseModel):
    monitored_lists: list[MonitoredListOut]


@router.get(
    "/v1/alerts",
    response_model=AlertsPage,
    summary="Changes found by re-screening your monitored lists, oldest first",
)
def alerts(
    principal: Reader,
    session: SessionDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_ROW_ID, description="Return alerts after this id.")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    kind: Annotated[Literal["new_match", "changed_match", "match_gone"] | None, Query()] = None,
    monitored_list: Annotated[str | None, Query(max_length=64)] = None,
) -> Any:
    """Each alert names the supplier, the entry, what changed and the list versions before
    and after. Raised when a new snapshot of any list is imported."""
    rows = find_alerts(
        session,
        principal.tenant_id,
        after_id=after,
        limit=limit,
        kind=kind,
        monitored_list_id=monitored_list,
    )
    lists = {
        row.id: row
        for row in session.exec(
            select(MonitoredListRow).where(
                col(MonitoredListRow.id).in_({row.monitored_list_id for row in rows})
            )
        ).all()
    }
    return {
        "alerts": [alert_json(row, lists.get(row.monitored_list_id)) for row in rows],
        "next_after": rows[-1].id if len(rows) == limit else None,
    }


@router.get(
    "/v1/monitored-lists",
    response_model=MonitoredListsResponse,
    summary="Your supplier lists kept under watch",
)
def monitored_lists(principal: Reader, session: SessionDep) -> Any:
    rows = session.exec(
        select(MonitoredListRow)
        .where(col(MonitoredListRow.tenant_id) == principal.tenant_id)
        .order_by(col(MonitoredListRow.created))
    ).all()
    return {
        "monitored_lists": [
            {
                "id": row.id,
                "name": row.name,
                "job_id": row.job_id,
                "created": as_utc(row.created),
                "created_by": row.created_by,
                "status": row.status,
                "suppliers": len(row.suppliers),
                "matches": len(row.states),
                "list_versions": row.list_versions,
                "screened": as_utc(row.screened),
            }
            for row in rows
        ]
    }


@router.delete(
    "/v1/monitored-lists/{monitored_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorResponse, "description": "No such monitored list."}},
    summary="Stop watching a supplier list (its alerts stay)",
)
def stop_monitoring(monitored_id: str, principal: Analyst, session: SessionDep) -> Response:
    row = session.get(MonitoredListRow, monitored_id)
    if row is None or row.tenant_id != principal.tenant_id or row.status == STOPPED:
        raise ApiError(
            404, ApiErrorCode.NOT_FOUND, f"no monitored list {monitored_id!r} for this tenant"
        )
    row.status = STOPPED
    session.add(row)
    append_audit(session, principal, "monitoring.stop", row.id, {"name": row.name})
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
