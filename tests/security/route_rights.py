"""Every route of the real app and the right it demands, read from its dependencies.

New endpoints join the access tests by themselves: a route is either public (named below, with
the reason) or depends on one of the API's key checks, and that check says who may call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route

from screening.api import deps
from screening.api.routes import audit
from screening.config import REPO_ROOT, Settings
from screening.service import ScreeningService
from screening.store.db import make_engine

# Routes anyone may call, and why.
PUBLIC_ROUTES = {
    ("GET", "/healthz"): "liveness for load balancers",
    ("GET", "/readyz"): "readiness for load balancers",
    ("GET", "/metrics"): "Prometheus counts, no tenant's data; kept inside by the network",
    ("GET", "/"): "the analyst web page; it asks for a key before it calls the API",
    ("GET", "/static/{name}"): "the web page's scripts and styles",
    ("GET", "/openapi.json"): "the published contract",
    ("GET", "/docs"): "the contract, rendered",
    ("GET", "/docs/oauth2-redirect"): "part of the rendered contract",
    ("GET", "/redoc"): "the contract, rendered",
}

# Operations that change something yet any valid key may call, and why.
READER_WRITES = {
    ("POST", "/v1/jobs/{job_id}/rerun"): "auditors reproduce a job; it changes no stored result",
}


class Right(IntEnum):
    """What a key must be allowed, least to most."""

    READER = 1  # any valid key
    ANALYST = 2  # analyst or admin
    AUDIT_READER = 3  # auditor or admin
    ADMIN = 4  # an admin of its own tenant
    OPERATOR = 5  # an admin of the operator's `default` tenant


# Checked before the rest: an audit reader and an operator also pass require_reader/require_admin.
_CHECKS: tuple[tuple[Callable[..., Any], Right], ...] = (
    (deps.require_operator, Right.OPERATOR),
    (deps.require_admin, Right.ADMIN),
    (audit.require_audit_reader, Right.AUDIT_READER),
    (deps.require_analyst, Right.ANALYST),
    (deps.analyst_to_check, Right.ANALYST),
    (deps.require_reader, Right.READER),
    (deps.get_principal, Right.READER),
)

# For each right, a role of the caller's own tenant that lacks it ("" when every role has it).
# For OPERATOR it is a tenant's own admin: the strongest role a customer holds.
ROLE_WITHOUT = {
    Right.READER: "",
    Right.ANALYST: "auditor",
    Right.AUDIT_READER: "analyst",
    Right.ADMIN: "analyst",
    Right.OPERATOR: "admin",
}


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    right: Right | None  # None: no key check at all
    path_params: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def required_right(route: APIRoute) -> Right | None:
    calls = set(_calls(route.dependant))
    for check, right in _CHECKS:
        if check in calls:
            return right
    return None


def _routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        # FastAPI keeps an included router whole (its `original_router`) instead of copying
        # its routes into the app; the routers here are included without a path prefix.
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _routes(included.routes)
        else:
            yield route


def app_operations(app: FastAPI) -> list[Operation]:
    """Every method and path the app answers (HEAD aside), API routes and plain ones alike."""
    operations: list[Operation] = []
    for route in _routes(app.routes):
        if not isinstance(route, Route | APIRoute):
            continue
        right = required_right(route) if isinstance(route, APIRoute) else None
        params = tuple(route.param_convertors)
        for method in sorted((route.methods or set()) - {"HEAD"}):
            operations.append(Operation(method, route.path, right, params))
    return operations


def unbound_app() -> FastAPI:
    """The app as configured for tests, without a database or lists: only for its routes."""
    from screening.api.app import create_app

    settings = Settings(
        database_url="sqlite://",
        broker_url="",
        admin_key="",
        lists_dir=REPO_ROOT / "lists",
        data_dir=REPO_ROOT / "var",
    )
    app: FastAPI = create_app(
        settings, service=ScreeningService(make_engine("sqlite://"), REPO_ROOT)
    )
    return app


def guarded_operations() -> list[Operation]:
    """The operations that demand a key: every one not public."""
    return [op for op in app_operations(unbound_app()) if (op.method, op.path) not in PUBLIC_ROUTES]
