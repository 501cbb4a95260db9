"""POST /match/{dataset}: yente's (and the OpenSanctions API's) matching endpoint, on our engine.

A client moving from yente or the OpenSanctions API changes one URL: the same request
(`{"queries": {...}}` of FollowTheMoney examples; `threshold`, `limit`, `include_dataset`,
`exclude_dataset`, `exclude_schema`, `algorithm`) and the same answer (`responses` per query with
`status`, `results`, `total`, `query`). It is a screening like POST /v1/screen: the same keys and
roles, stored for the tenant and in its audit log. yente has no GET /match, nor does this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from screening.api.deps import (
    AnalystToBeChecked,
    AnalystToCheck,
    Principal,
    kept_reads,
    kept_tenant_screener,
    rate_limited,
    rate_limits,
)
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.list_choice import dataset_screener
from screening.api.match_queries import (
    MatchQuery,
    UnreadableQueryError,
    UnsupportedSchemaError,
    read_query,
)
from screening.api.match_results import FEATURE_DOCS, best_per_entry, scored_entity
from screening.api.match_schemas import MAX_QUERIES, MatchRequest, MatchResponse
from screening.api.results import json_bytes, result_json
from screening.api.routes.screen import ScreeningCommitter, not_ready, record_screening
from screening.api.schemas import ErrorResponse
from screening.decisions.in_screening import screen_with_decisions
from screening.decisions.store import kept_decisions_in_force
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.metrics import count_screened, count_screening
from screening.screener import ScreeningResult, match_levels
from screening.service import NotReadyError, ScreeningService
from screening.store.generations import session_generation

router = APIRouter(tags=["screening"])

DEFAULT_LIMIT = 5  # results per query, as yente's MATCH_PAGE
MAX_LIMIT = 500  # the most results per query, and the most matches kept per supplier
MATCH_THRESHOLD = DEFAULT_THRESHOLD / 100  # our tuned threshold, on yente's 0-1 scale


def _bad_request(code: ApiErrorCode, message: str) -> ApiError:
    return ApiError(400, code, message)


def _read_queries(body: MatchRequest) -> tuple[list[MatchQuery], dict[str, dict[str, Any]]]:
    """The queries read, and the answers of those that could not be (status 400)."""
    if not body.queries:
        raise _bad_request(ApiErrorCode.INVALID_QUERY, "no queries provided")
    if len(body.queries) > MAX_QUERIES:
        raise _bad_request(
            ApiErrorCode.TOO_MANY_QUERIES, f"too many queries in one batch: at most {MAX_QUERIES}"
        )
    read: list[MatchQuery] = []
    unread: dict[str, dict[str, Any]] = {}
    for key, example in body.queries.items():
        try:
            read.append(read_query(key, example.id, example.schema_, example.properties))
        except UnsupportedSchemaError as error:  # yente refuses the whole batch
            raise _bad_request(ApiErrorCode.INVALID_QUERY, str(error)) from error
        except UnreadableQueryError as error:
            unread[key] = {
                "status": 400,
                "results": [],
                "total": {"value": 0, "relation": "eq"},
                "query": {"id": example.id, "schema": example.schema_, "properties": {}},
                "error": f"queries.{key}: {error}",
            }
    return read, unread


def _answer(
    query: MatchQuery,
    results: Sequence[ScreeningResult],
    limit: int,
    threshold: float,
    excluded_schemas: frozenset[str],
) -> dict[str, Any]:
    """A query's answer in yente's shape, from the results of its suppliers."""
    found = best_per_entry(
        (result.matches for result in results), query.kinds, excluded_schemas, MAX_LIMIT
    )
    return {
        "status": 200,
        "results": [scored_entity(match, threshold) for match in found.matches[:limit]],
        "total": {"value": len(found.matches), "relation": "eq" if found.complete else "gte"},
        "query": query.echo,
    }


@router.post(
    "/match/{dataset}",
    response_model=MatchResponse,
    summary="Match entities as yente and the OpenSanctions API do (query by example)",
    responses={
        400: {
            "model": ErrorResponse,
            "description": "No query, more than 100, or a schema no list here holds.",
        },
        404: {"model": ErrorResponse, "description": "A dataset that is not a list served here."},
        422: {
            "model": ErrorResponse,
            "description": "A malformed body or parameter, or an include_dataset or "
            "exclude_dataset that is not a list served here; `message` names it.",
        },
    },
)
async def match(
    dataset: str,
    request_body: MatchRequest,
    caller: AnalystToBeChecked,
    request: Request,
    threshold: Annotated[
        float,
        Query(
            ge=0,
            le=1,
            description="Results at or above it are matches (`match: true`). Default: the "
            f"engine's tuned threshold, {MATCH_THRESHOLD} (yente's 0.7 is for its own scores).",
        ),
    ] = MATCH_THRESHOLD,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="The most results per query.")
    ] = DEFAULT_LIMIT,
    include_dataset: Annotated[
        list[str], Query(description="Only these lists (list ids), of the dataset.")
    ] = [],  # noqa: B006  # FastAPI copies a default; a list is how it reads a repeated field
    exclude_dataset: Annotated[list[str], Query(description="Not these lists.")] = [],  # noqa: B006
    exclude_schema: Annotated[
        list[str], Query(description="No results of these schemas (Company, Person...).")
    ] = [],  # noqa: B006
    algorithm: Annotated[
        str,
        Query(
            max_length=100,
            description="Accepted for compatibility: this service has one engine, whose "
            "version is `engine_version`.",
        ),
    ] = "best",
) -> Any:
    """Screens each query in `queries` against the lists of `dataset` (`default`: every list
    screened here; or one list id, e.g. `un-sc`) and answers in yente's shape: per query its
    `results` (best first; `score` 0-1, `match` at or above `threshold`), `total` and the
    `query` as read. A query that cannot be read (a country naming no country, nothing to
    screen by) has `status` 400 and an `error`; the others are answered. The screening is
    stored like one of POST /v1/screen: GET /v1/screenings/{screening_id}. Analyst and admin
    keys may call it; send the key as `Authorization: ApiKey <key>` like the OpenSanctions API,
    or as elsewhere here."""
    # One trip to a worker thread for the whole request, the key's lookup included, as
    # POST /v1/screen (screen.screen): a plain `def` route and its dependencies take three.
    state = request.app.state
    asked = _Asked(
        dataset, threshold, limit, include_dataset, exclude_dataset, exclude_schema, algorithm
    )
    return await run_in_threadpool(
        _match_and_store, request_body, asked, caller, state.service, state.group_commit, request
    )


@dataclass(frozen=True, slots=True)
class _Asked:
    """The request's path and query parameters, as read."""

    dataset: str
    threshold: float
    limit: int
    include_dataset: list[str]
    exclude_dataset: list[str]
    exclude_schema: list[str]
    algorithm: str


def _match_and_store(
    request_body: MatchRequest,
    asked: _Asked,
    caller: AnalystToCheck,
    service: ScreeningService,
    group_commit: ScreeningCommitter,
    request: Request,
) -> dict[str, Any]:
    """The caller's key checked, the queries screened (database reads and the matching), the
    screening stored before it is answered."""
    with Session(service.engine, expire_on_commit=False) as session:
        generation = session_generation(session)
        principal = caller.principal(session, generation)
        return _matched_and_stored(
            request_body, asked, principal, session, generation, group_commit, request
        )


def _matched_and_stored(
    request_body: MatchRequest,
    asked: _Asked,
    principal: Principal,
    session: Session,
    generation: int,
    group_commit: ScreeningCommitter,
    request: Request,
) -> dict[str, Any]:
    service: ScreeningService = request.app.state.service
    dataset, threshold, limit = asked.dataset, asked.threshold, asked.limit
    include_dataset, exclude_dataset = asked.include_dataset, asked.exclude_dataset
    exclude_schema, algorithm = asked.exclude_schema, asked.algorithm
    try:
        screener = dataset_screener(
            service,
            kept_tenant_screener(request, generation, principal.tenant_id),
            dataset,
            include_dataset,
            exclude_dataset,
        )
    except NotReadyError as error:
        raise not_ready(error) from error
    queries, unread = _read_queries(request_body)
    suppliers = [supplier for query in queries for supplier in query.suppliers]
    refusal = rate_limits(request).spend_suppliers(principal.key_id, len(suppliers))
    if refusal is not None:  # each name screened counts, as in POST /v1/screen
        raise rate_limited(refusal)
    engine_threshold = round(threshold * 100, 1)
    latest = kept_decisions_in_force(
        session, kept_reads(request), generation, principal.tenant_id, suppliers
    )
    screened, _decisions = screen_with_decisions(
        screener, suppliers, latest, engine_threshold, limit=MAX_LIMIT
    )
    # The reads are done: the connection goes back to the pool before the group commit.
    session.close()
    count_screening("api")
    count_screened("api", [match_levels(result) for result in screened])
    received = request_body.model_dump(mode="json", by_alias=True, exclude_unset=True)
    stored = record_screening(
        group_commit,
        principal,
        screener,
        suppliers,
        json_bytes(
            {
                "suppliers": [asdict(supplier) for supplier in suppliers],
                "threshold": engine_threshold,
                "lists": sorted(screener.lists) if screener.lists is not None else None,
                "match": {
                    "dataset": dataset,
                    "include_dataset": include_dataset,
                    "exclude_dataset": exclude_dataset,
                    "exclude_schema": exclude_schema,
                    "algorithm": algorithm,
                    "limit": limit,
                    "threshold": threshold,
                    "queries": received["queries"],
                },
            }
        ).decode(),
        json_bytes([result_json(result) for result in screened]),
        engine_threshold,
    )
    responses: dict[str, dict[str, Any]] = dict(unread)
    start = 0
    for query in queries:
        own = screened[start : start + len(query.suppliers)]  # in the order they were sent
        start += len(query.suppliers)
        responses[query.key] = _answer(query, own, limit, threshold, frozenset(exclude_schema))
    return {
        "responses": {key: responses[key] for key in request_body.queries},
        "matcher": FEATURE_DOCS,
        "limit": limit,
        "threshold": threshold,
        "screening_id": stored.screening_id,
        "lists": stored.lists,
        "engine_version": screener.engine_version,
    }
