"""GET /v1/screenings and /v1/screenings/{id}: a tenant's stored screenings, read back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from screening.api.deps import Reader, SessionDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.schemas import MAX_DB_INTEGER, ErrorResponse, ScreeningOut, ScreeningsPage
from screening.store.screenings import get_screening, recent_screenings

router = APIRouter(tags=["screenings"])


@router.get(
    "/v1/screenings/{screening_id}",
    response_model=ScreeningOut,
    summary="One stored screening: input, results and the list versions used",
    responses={404: {"model": ErrorResponse, "description": "No such screening for this tenant."}},
)
def read_screening(screening_id: str, principal: Reader, session: SessionDep) -> Any:
    row = get_screening(session, principal.tenant_id, screening_id)
    if row is None:
        raise ApiError(
            404, ApiErrorCode.NOT_FOUND, f"no screening {screening_id!r} for this tenant"
        )
    return {
        "screening_id": row.id,
        "screened_at": row.created,
        "key_id": row.key_id,
        "threshold": row.threshold,
        "engine_version": row.engine_version,
        "lists": row.list_versions,
        "input": row.input,
        "results": row.results,
    }


@router.get(
    "/v1/screenings",
    response_model=ScreeningsPage,
    summary="The tenant's screenings, newest first (without their results)",
)
def list_screenings(
    principal: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INTEGER)] = 0,
) -> Any:
    summaries, total = recent_screenings(session, principal.tenant_id, limit=limit, offset=offset)
    return {
        "screenings": [
            {
                "screening_id": s.id,
                "screened_at": s.created,
                "key_id": s.key_id,
                "suppliers": s.supplier_count,
                "threshold": s.threshold,
                "lists": s.list_versions,
            }
            for s in summaries
        ],
        "total": total,
        "limit": limit,
        "offset": offset,
    }
