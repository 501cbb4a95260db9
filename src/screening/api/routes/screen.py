"""POST /v1/screen: screen up to 10,000 suppliers; the screening is stored for the tenant."""

from __future__ import annotations

import asyncio
import contextvars
import json
import operator
import uuid
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.exceptions import HTTPException

from screening.api.deps import (
    AnalystToBeChecked,
    AnalystToCheck,
    Principal,
    api_key_header,
    authorization_header,
    bearer_token,
    kept_reads,
    kept_tenant_screener,
    presented_key,
    rate_limited,
    rate_limits,
)
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.list_choice import chosen_screener
from screening.api.results import json_bytes, list_versions_json, result_json, screen_response_json
from screening.api.schemas import ErrorResponse, ScreenRequest, ScreenResponse
from screening.audit.chain import AuditEvent
from screening.audit.details import audit_details
from screening.audit.log import append_audit_events
from screening.decisions.in_screening import screen_with_decisions
from screening.decisions.store import kept_decisions_in_force
from screening.metrics import count_screened, count_screening
from screening.screener import Screener, match_levels
from screening.service import NotReadyError, ScreeningService
from screening.store.generations import session_generation
from screening.store.group_commit import GroupCommitter
from screening.store.screenings import SCREENING_COLUMNS, insert_screenings
from screening.supplier import Supplier


class ScreenRoute(APIRoute):
    """The route of POST /v1/screen: a request with a JSON body, a key and a valid body is
    served without FastAPI's dependency solving (~4% of a serving process's CPU, for three
    security schemes, a dependency and the body); any other request goes through FastAPI's own
    handler (`get_route_handler`), so every error is answered exactly as it answers it. The
    OpenAPI contract is the endpoint's, as for any route."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        general = super().get_route_handler()

        async def handle(request: Request) -> Response:
            served = await screened_directly(request)
            return served if served is not None else await general(request)

        return handle


router = APIRouter(tags=["screening"], route_class=ScreenRoute)

# The Content-Type values of a JSON body the direct path takes; FastAPI reads any
# `application/json` or `application/*+json` (with parameters), those go its own way.
_JSON_CONTENT_TYPES = frozenset({"application/json", "application/json; charset=utf-8"})

# 10,000 suppliers with long addresses fit well below this; the item limit answers first.
MAX_SCREEN_BODY_BYTES = 32 * 1024 * 1024


def not_ready(error: NotReadyError) -> ApiError:
    return ApiError(
        503,
        ApiErrorCode.NOT_READY,
        f"the lists are not loaded yet ({error.stage.value}); see GET /readyz",
        {"stage": error.stage.value, "detail": error.detail},
        headers={"Retry-After": "5"},
    )


@router.post(
    "/v1/screen",
    response_model=ScreenResponse,
    summary="Screen suppliers against every loaded list, or the lists named",
    responses={
        401: {"model": ErrorResponse, "description": "No key, or an unknown or revoked key."},
        403: {"model": ErrorResponse, "description": "The key's role may not screen (auditor)."},
        413: {
            "model": ErrorResponse,
            "description": "More than 10,000 suppliers, or body too large.",
        },
        422: {
            "model": ErrorResponse,
            "description": "Malformed request, or a list in `lists` that is unknown or not "
            "screened here; `message` names the field (and the list).",
        },
        429: {
            "model": ErrorResponse,
            "description": "Over the key's budget of requests, or of suppliers screened a "
            "minute (each supplier in the batch counts); see the Retry-After header.",
        },
        503: {"model": ErrorResponse, "description": "The lists are still loading."},
    },
)
async def screen(request_body: ScreenRequest, caller: AnalystToBeChecked, request: Request) -> Any:
    """Results come back in request order. `matches` holds the entries scoring at or above the
    threshold, best first; each names its list and the publisher's id so you can link to it.
    `lists` narrows the screening to some lists; the response's `lists` name the versions used.
    Analyst and admin keys may screen. Each supplier counts against the key's budget of
    suppliers a minute."""
    # One trip to a worker thread for the whole request, the key's lookup included (a plain
    # `def` route and dependency each take their own, and the route's answer is then validated
    # on a third); the app's parts are read there rather than solved as dependencies, each of
    # which costs the event loop its own step. The trip is on the app's own pool, through
    # asyncio: half the CPU of anyio's (its limiter and worker queue); the request's context
    # (the request id on log lines) goes with it.
    state = request.app.state
    return await asyncio.get_running_loop().run_in_executor(
        state.screen_threads,
        contextvars.copy_context().run,
        screen_and_store,
        request_body,
        caller,
        state.service,
        state.group_commit,
        request,
    )


async def screened_directly(request: Request) -> Response | None:
    """The answer to a request FastAPI would hand to `screen` unchanged (a JSON body read as
    FastAPI reads it, valid, and a key presented), None for any other: FastAPI answers those.
    What FastAPI would do with the same body is done here, in its order: the body read (its
    413 raised as it raises it), decoded by `json.loads`, validated in Python mode."""
    content_type = request.headers.get("content-type")
    if content_type is None or content_type.lower() not in _JSON_CONTENT_TYPES:
        return None
    try:
        body = await request.body()
    except HTTPException:
        raise
    except Exception as error:  # as FastAPI answers a body it could not read
        raise HTTPException(400, "There was an error parsing the body") from error
    try:
        key = presented_key(
            await api_key_header(request),
            await bearer_token(request),
            await authorization_header(request),
        )
        request_body = ScreenRequest.model_validate(json.loads(body))
    except (ApiError, ValueError, ValidationError):  # JSONDecodeError is a ValueError
        return None
    response: Response = await screen(request_body, AnalystToCheck(request, key), request)
    return response


def screen_and_store(
    request_body: ScreenRequest,
    caller: AnalystToCheck,
    service: ScreeningService,
    group_commit: ScreeningCommitter,
    request: Request,
) -> Response:
    """The caller's key checked, the screening (database reads and the matching), stored
    before it is answered."""
    with Session(service.engine, expire_on_commit=False) as session:
        generation = session_generation(session)
        principal = caller.principal(session, generation)
        return _screened_and_stored(
            request_body, principal, service, session, generation, group_commit, request
        )


def _screened_and_stored(
    request_body: ScreenRequest,
    principal: Principal,
    service: ScreeningService,
    session: Session,
    generation: int,
    group_commit: ScreeningCommitter,
    request: Request,
) -> Response:
    refusal = rate_limits(request).spend_suppliers(principal.key_id, len(request_body.suppliers))
    if refusal is not None:
        raise rate_limited(refusal)
    try:
        screener = chosen_screener(
            service,
            kept_tenant_screener(request, generation, principal.tenant_id),
            request_body.lists,
        )
    except NotReadyError as error:
        raise not_ready(error) from error
    suppliers = [Supplier(**item.model_dump()) for item in request_body.suppliers]
    threshold = (
        request_body.threshold
        if request_body.threshold is not None
        else float(screener.default_threshold)
    )
    latest = kept_decisions_in_force(
        session, kept_reads(request), generation, principal.tenant_id, suppliers
    )
    # the tenant's case decisions applied
    screened, _decisions = screen_with_decisions(screener, suppliers, latest, threshold)
    # The reads are done: the connection goes back to the pool now rather than after the group
    # commit.
    session.close()
    count_screening("api")
    count_screened("api", [match_levels(result) for result in screened])
    # Encoded once: the same bytes are the stored row's, the audit record's digest's and the
    # answer's (pydantic's validation and serialisation of the answer cost more than the
    # matching of one supplier).
    results = json_bytes([result_json(r) for r in screened])
    stored = record_screening(
        group_commit,
        principal,
        screener,
        suppliers,
        request_body.model_dump_json(),
        results,
        threshold,
    )
    return Response(
        screen_response_json(
            results,
            stored.lists_json,
            stored.screened_at,
            stored.screening_id,
            threshold,
            screener.engine_version,
        ),
        media_type="application/json",
    )


@dataclass(frozen=True, slots=True)
class StoredScreening:
    screening_id: str
    screened_at: datetime
    lists: list[dict[str, Any]]  # the versions of the lists screened, as the API shows them
    lists_json: bytes  # the same, encoded (json_bytes) as the row keeps them


def record_screening(
    group_commit: ScreeningCommitter,
    principal: Principal,
    screener: Screener,
    suppliers: Sequence[Supplier],
    request_json: str,
    results_json: bytes,
    threshold: float,
) -> StoredScreening:
    """Keep a screening for the tenant (GET /v1/screenings) and in its audit log; returns once
    both are committed (in a group with other requests' screenings). `request_json` and
    `results_json` are stored as they are: the record's digest is of the results' bytes.

    A narrowed screening's audit record also names every list indexed: the word weights, so
    the scores, come from all of them."""
    lists = list_versions_json(screener.list_versions())
    lists_json = json_bytes(lists)
    screened_at = datetime.now(UTC)
    screening_id = str(uuid.uuid4())
    row = ScreeningValues(
        id=screening_id,
        tenant_id=principal.tenant_id,
        key_id=principal.key_id,
        created=screened_at,
        supplier_count=len(suppliers),
        input_json=request_json,
        results_json=results_json.decode(),
        list_versions_json=lists_json.decode(),
        threshold=threshold,
        engine_version=screener.engine_version,
    )
    details = audit_details(suppliers, lists, results_json, threshold=threshold)
    if screener.lists is not None:
        details["indexed_lists"] = {s.list_id: s.version for s in screener.snapshots}
    group_commit.commit(ScreeningToStore(row, screening_event(principal, screening_id, details)))
    return StoredScreening(screening_id, screened_at, lists, lists_json)


@dataclass(frozen=True, slots=True)
class ScreeningValues:
    """A row of the screenings table (store.tables.ScreeningRow) as its INSERT takes it, the
    JSON columns already encoded (`_json` names: their text is stored as it is). A plain
    dataclass: an ORM row object costs a request ~0.1 ms to build and is never read back."""

    id: str
    tenant_id: str
    key_id: str
    created: datetime
    supplier_count: int
    input_json: str
    results_json: str
    list_versions_json: str
    threshold: float
    engine_version: str


@dataclass(frozen=True, slots=True)
class ScreeningToStore:
    row: ScreeningValues
    audit: AuditEvent


def screening_event(principal: Principal, screening_id: str, details: dict[str, Any]) -> AuditEvent:
    """The audit record of a screening, in the caller's tenant's chain."""
    return AuditEvent(
        chain=principal.tenant_id,
        actor=principal.key_id,
        role=principal.role,
        action="screening",
        subject=screening_id,
        details=details,
    )


ScreeningCommitter = GroupCommitter[ScreeningToStore, None]


# As many as anyio's pool, which served these before: a screening's thread mostly waits for
# its group commit, and every request waiting holds one.
SCREEN_THREADS = 40


def screen_threads() -> ThreadPoolExecutor:
    """The worker threads POST /v1/screen runs its blocking part on (app.state.screen_threads)."""
    return ThreadPoolExecutor(SCREEN_THREADS, thread_name_prefix="screen")


def screening_committer(engine: Engine) -> ScreeningCommitter:
    """The app's one writer of screenings: many requests' rows and audit records a commit."""
    return GroupCommitter(engine, store_screenings)


def store_screenings(session: Session, screenings: list[ScreeningToStore]) -> list[None]:
    # The group's rows in one INSERT, sent with the lock of the audit chains' heads (one round
    # trip on PostgreSQL), without the ORM: the rows are never read back through this session.
    rows = insert_screenings(
        session.connection().dialect.name, [_values_of(screening.row) for screening in screenings]
    )
    append_audit_events(session, [screening.audit for screening in screenings], along_with=rows)
    return [None] * len(screenings)


# ScreeningValues' fields in the order of the screenings' columns (`<column>_json`: the text)
_values_of = operator.attrgetter(
    *(column + "_json" if column in ("input", "results", "list_versions") else column
      for column in SCREENING_COLUMNS)
)  # fmt: skip
