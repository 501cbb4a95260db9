"""Route dependencies: the database session, the screening service and who is calling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from screening.api.error_codes import ApiErrorCode
from screening.api.errors import DEFERRED_KEY_CHECK, ApiError
from screening.api.ratelimit import RateLimits, Refusal
from screening.config import Settings
from screening.metrics import record_rate_limited
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.generations import GenerationCache, session_generation
from screening.store.group_commit import GroupCommitter
from screening.store.tenants import DEFAULT_TENANT_ID, kept_key_holder
from screening.tenant_lists.store import tenant_fingerprint

api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key (`scr_...`), as issued by POST /v1/admin/tenants or /v1/admin/keys.",
)
bearer_token = HTTPBearer(
    auto_error=False,
    scheme_name="Bearer",
    description="The same API key sent as `Authorization: Bearer <key>`.",
)
# The OpenSanctions API takes its keys as `Authorization: ApiKey <key>`: a client moving from it
# keeps its header.
authorization_header = APIKeyHeader(
    name="Authorization",
    auto_error=False,
    scheme_name="AuthorizationApiKey",
    description="The same API key sent as `Authorization: ApiKey <key>`, as the OpenSanctions "
    "API takes it.",
)
_API_KEY_SCHEME = "apikey"

_UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'Bearer realm="screening"'}


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: the tenant its key belongs to, the key's id and its role."""

    tenant_id: str
    key_id: str
    role: str

    @property
    def is_operator(self) -> bool:
        """An admin of the `default` tenant runs the service: manages tenants and lists."""
        return self.role == "admin" and self.tenant_id == DEFAULT_TENANT_ID


# Dependencies that do no I/O are `async`: FastAPI runs a plain `def` dependency in its thread
# pool, a hand-off of a few hundred microseconds per dependency per request.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_service(request: Request) -> ScreeningService:
    service: ScreeningService = request.app.state.service
    return service


async def get_group_commit(request: Request) -> GroupCommitter[Any, Any]:
    committer: GroupCommitter[Any, Any] = request.app.state.group_commit
    return committer


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session per request; routes that write commit themselves. Opening one does no I/O (it
    connects when first used); closing it returns its connection, on a worker thread. A session
    that holds no transaction (its route committed or closed it) closes without I/O, here."""
    session = Session(request.app.state.engine, expire_on_commit=False)
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


def presented_key(
    api_key: str | None, bearer: HTTPAuthorizationCredentials | None, authorization: str | None
) -> str:
    """The key as the request presents it (the three schemes' values, X-API-Key first); 401
    when there is none."""
    if api_key:
        return api_key.strip()
    if bearer is not None and bearer.credentials:
        return bearer.credentials.strip()
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    if scheme.lower() == _API_KEY_SCHEME and credentials.strip():
        return credentials.strip()
    raise ApiError(
        401,
        ApiErrorCode.UNAUTHORIZED,
        "no API key: send it in the X-API-Key header, or as Authorization: Bearer <key> or "
        "Authorization: ApiKey <key>",
        headers=_UNAUTHORIZED_HEADERS,
    )


def get_principal(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    api_key: Annotated[str | None, Security(api_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_token)] = None,
    authorization: Annotated[str | None, Security(authorization_header)] = None,
) -> Principal:
    key = presented_key(api_key, bearer, authorization)
    return _key_holder(request, session, key, session_generation(session))


def kept_reads(request: Request) -> GenerationCache:
    """What this process keeps of keys and decisions while the database's read generation
    stays (store.generations)."""
    kept: GenerationCache = request.app.state.kept_reads
    return kept


def kept_tenant_screener(request: Request, generation: int, tenant_id: str) -> Screener:
    """The serving Screener with the tenant's own lists, their versions as this process read
    them at the database's read `generation` (an import or a delete by any process moves it)."""
    service: ScreeningService = request.app.state.service
    versions = kept_reads(request).value(
        generation,
        ("tenant lists", tenant_id),
        lambda: tenant_fingerprint(service.engine, tenant_id),
    )
    return service.screener_with(tenant_id, versions)


def _key_holder(request: Request, session: Session, key: str, generation: int) -> Principal:
    """The key's holder (as of the database's read `generation`), its request spent from the
    key's budget."""
    holder = kept_key_holder(session, kept_reads(request), generation, key)
    if holder is None:
        raise ApiError(
            401,
            ApiErrorCode.UNAUTHORIZED,
            "unknown or revoked API key",
            headers=_UNAUTHORIZED_HEADERS,
        )
    refusal = rate_limits(request).spend_request(holder.key_id)
    if refusal is not None:
        raise rate_limited(refusal)
    return Principal(holder.tenant_id, holder.key_id, holder.role)


@dataclass(frozen=True, slots=True)
class AnalystToCheck:
    """An analyst's key as presented, looked up by a route on the worker thread it screens on:
    one trip to the thread pool a request rather than two (POST /v1/screen's CPU). A request
    whose body is invalid never reaches the route; its key is then checked before the 422 is
    answered (errors.DEFERRED_KEY_CHECK), so a bad key answers first, as for every route."""

    request: Request
    key: str

    def principal(self, session: Session, generation: int) -> Principal:
        """The caller as of the database's read `generation`: looked up (unless this process
        knows it at that generation), its request spent, its role checked (blocking I/O)."""
        return _analyst(_key_holder(self.request, session, self.key, generation))

    def check(self) -> None:
        with Session(self.request.app.state.engine) as session:
            self.principal(session, session_generation(session))


async def analyst_to_check(
    request: Request,
    api_key: Annotated[str | None, Security(api_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_token)] = None,
    authorization: Annotated[str | None, Security(authorization_header)] = None,
) -> AnalystToCheck:
    caller = AnalystToCheck(request, presented_key(api_key, bearer, authorization))
    request.scope[DEFERRED_KEY_CHECK] = caller.check
    return caller


def rate_limits(request: Request) -> RateLimits:
    limits: RateLimits = request.app.state.rate_limits
    return limits


def rate_limited(refusal: Refusal) -> ApiError:
    """429 with Retry-After, naming the budget spent."""
    record_rate_limited(refusal.budget)
    return ApiError(
        429,
        ApiErrorCode.RATE_LIMITED,
        f"more than {refusal.limit_per_minute:,} {refusal.budget} a minute with this key; "
        f"retry after {refusal.retry_after} s",
        {
            "budget": refusal.budget,
            "limit_per_minute": refusal.limit_per_minute,
            "retry_after_seconds": refusal.retry_after,
        },
        headers={"Retry-After": refusal.header},
    )


def _forbidden(principal: Principal, needed: str) -> ApiError:
    return ApiError(
        403,
        ApiErrorCode.FORBIDDEN,
        f"this key's role ({principal.role}) may not do this; it needs {needed}",
        {"role": principal.role, "needed": needed},
    )


async def require_reader(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """Any valid key: analysts, auditors and admins read."""
    return principal


async def require_analyst(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """Screening, uploading and deciding: analysts and admins."""
    return _analyst(principal)


def _analyst(principal: Principal) -> Principal:
    if principal.role not in ("analyst", "admin"):
        raise _forbidden(principal, "the analyst or admin role")
    return principal


async def require_admin(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if principal.role != "admin":
        raise _forbidden(principal, "the admin role")
    return principal


async def require_operator(principal: Annotated[Principal, Depends(require_admin)]) -> Principal:
    """Changing what every tenant sees (tenants, lists): admins of the `default` tenant only."""
    if not principal.is_operator:
        raise ApiError(
            403,
            ApiErrorCode.FORBIDDEN,
            "only an admin of the operator's `default` tenant may do this",
            {"role": principal.role, "needed": "admin of the default tenant"},
        )
    return principal


SessionDep = Annotated[Session, Depends(get_session)]
GroupCommitDep = Annotated[GroupCommitter[Any, Any], Depends(get_group_commit)]
ServiceDep = Annotated[ScreeningService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Reader = Annotated[Principal, Depends(require_reader)]
Analyst = Annotated[Principal, Depends(require_analyst)]
AnalystToBeChecked = Annotated[AnalystToCheck, Depends(analyst_to_check)]
Admin = Annotated[Principal, Depends(require_admin)]
Operator = Annotated[Principal, Depends(require_operator)]
