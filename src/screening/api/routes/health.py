"""GET /healthz and GET /readyz: is the service up, and are the lists loaded and indexed?"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from screening.api.deps import ServiceDep
from screening.api.list_freshness import freshness_json
from screening.api.results import list_versions_json
from screening.api.routes.lists import serving_by_list
from screening.api.schemas import Health, Readiness
from screening.service import Stage
from screening.sources.overview import list_statuses, needs_attention

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Health, "description": "Not ready yet: see GET /readyz."}},
    summary="Health: ok once the lists are loaded and the index is ready",
)
def healthz(service: ServiceDep) -> Any:
    readiness = service.readiness()
    if readiness.ready:
        return {"status": "ok"}
    status = "failed" if readiness.stage is Stage.FAILED else "starting"
    return JSONResponse({"status": status}, status_code=503)


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: `stage` says how far along."}},
    summary="Readiness, with loading progress and each list's freshness (stale or failed lists)",
)
def readyz(service: ServiceDep) -> Any:
    readiness = service.readiness()
    lists: list[dict[str, Any]] = []
    if readiness.ready:
        lists = list_versions_json(service.screener.list_versions())
    try:
        statuses = list_statuses(service.engine, serving_by_list(service))
    except SQLAlchemyError:  # the database is not there yet (or not reachable): stage says it
        statuses = []
    body = Readiness.model_validate(
        {
            "ready": readiness.ready,
            "stage": readiness.stage.value,
            "detail": readiness.detail,
            "started": readiness.started,
            "ready_since": readiness.ready_since,
            "lists": lists,
            "list_status": [freshness_json(status) for status in statuses],
            "attention": [
                f"{s.list_id} is {s.status.value}: {s.status_detail}"
                for s in needs_attention(statuses)
            ],
        }
    )
    if readiness.ready:
        return body
    return JSONResponse(body.model_dump(mode="json", by_alias=True), status_code=503)
