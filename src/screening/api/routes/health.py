"""GET /healthz and GET /readyz.

/healthz is the liveness probe: the process answers and has its lists (a restart would not help
a database outage, so it never looks further). /readyz is the readiness probe: the lists are
loaded and indexed, the database answers and, when jobs go to a queue, so does the broker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from screening.api.deps import ServiceDep, SettingsDep
from screening.api.list_freshness import freshness_json
from screening.api.results import list_versions_json
from screening.api.routes.lists import serving_by_list
from screening.api.schemas import Health, Readiness
from screening.queue.app import ping_broker
from screening.service import Stage
from screening.sources.overview import list_statuses, needs_attention
from screening.store.db import ping_database

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)

OK, UNREACHABLE, NOT_CONFIGURED = "ok", "unreachable", "not configured"


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Health, "description": "Not ready yet: see GET /readyz."}},
    summary="Liveness: ok once the lists are loaded and the index is ready",
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
    responses={
        503: {
            "model": Readiness,
            "description": "Not ready: `stage` says how far the lists are, `checks` which "
            "dependency does not answer.",
        }
    },
    summary="Readiness: the lists (loading progress, each list's freshness), the database and "
    "the broker (when set)",
)
def readyz(service: ServiceDep, settings: SettingsDep) -> Any:
    readiness = service.readiness()
    checks = {
        "lists": readiness.stage.value,
        "database": _probe("database", lambda: ping_database(service.engine)),
        "broker": (
            _probe("broker", lambda: ping_broker(settings.broker_url))
            if settings.broker_url
            else NOT_CONFIGURED
        ),
    }
    ready = (
        readiness.ready and checks["database"] == OK and checks["broker"] in (OK, NOT_CONFIGURED)
    )
    lists: list[dict[str, Any]] = []
    if readiness.ready:
        lists = list_versions_json(service.screener.list_versions())
    try:
        statuses = list_statuses(service.engine, serving_by_list(service))
    except SQLAlchemyError:  # the database is not there yet (or not reachable): stage says it
        statuses = []
    body = Readiness.model_validate(
        {
            "ready": ready,
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
            "checks": checks,
        }
    )
    if ready:
        return body
    return JSONResponse(body.model_dump(mode="json", by_alias=True), status_code=503)


def _probe(name: str, ping: Callable[[], None]) -> str:
    """OK, or UNREACHABLE with the reason in the server's log only: /readyz answers anyone, and
    an error's text can name internal hosts."""
    try:
        ping()
    except Exception as error:
        log.warning("readiness: the %s does not answer: %s", name, type(error).__name__)
        return UNREACHABLE
    return OK
