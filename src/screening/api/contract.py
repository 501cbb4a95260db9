"""The error answers every operation can give, written into the OpenAPI document in one place.

FastAPI documents a 422 in its own shape ({"detail": [...]}) and nothing for the answers that
come from the key check, the rate limit, the body limit or the body parser. The API answers
all of them as ErrorResponse (see errors.py), so the published contract says so, operation by
operation; the fuzzing tests (tests/security) hold the app to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from screening.api.body_limit import BodyLimit

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}
_FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _error(description: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": ERROR_SCHEMA}},
    }
    if headers:
        answer["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return answer


# The shared answers, under components/responses; operations refer to them by name.
SHARED_ANSWERS: dict[str, dict[str, Any]] = {
    "BadBody": _error(
        "The body is not JSON (or not multipart form data) as the operation expects."
    ),
    "Invalid": _error("A parameter or the body is invalid; `details` names each field."),
    "Unauthorized": _error(
        "No key, or an unknown or revoked key.",
        {"WWW-Authenticate": "How to authenticate: `Bearer`."},
    ),
    "Forbidden": _error("The key's role may not do this; `details` names the role it needs."),
    "TooLarge": _error("The request body is larger than this operation accepts."),
    "RateLimited": _error(
        "More requests a minute than this key may make.",
        {"Retry-After": "Seconds to wait before the next request."},
    ),
    "Unavailable": _error(
        "Not able to answer now: the lists are still loading or the database cannot be "
        "reached; try again shortly."
    ),
}


def _shared(name: str) -> dict[str, str]:
    assert name in SHARED_ANSWERS
    return {"$ref": f"#/components/responses/{name}"}


def _dependency_calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _dependency_calls(dependency)


def _is_fastapi_validation(answer: dict[str, Any] | None) -> bool:
    schema = (answer or {}).get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))


def _add(responses: dict[str, Any], status: int, answer: dict[str, str]) -> None:
    """Add a documented answer unless the route documents that status itself."""
    responses.setdefault(str(status), answer)


def install_error_contract(
    app: FastAPI,
    routers: Iterable[APIRouter],
    *,
    role_checks: Sequence[Callable[..., Any]],
    body_limits: Sequence[BodyLimit],
) -> None:
    """Make `app.openapi()` document the shared error answers of every operation.

    `role_checks` are the dependencies that refuse a valid key for its role (403);
    `body_limits` the operations whose body has a size limit (413).
    """
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        fresh = app.openapi_schema is None
        document = generate()
        if fresh:
            _document_errors(document, routes, tuple(role_checks), tuple(body_limits))
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _document_errors(
    document: dict[str, Any],
    routes: Sequence[APIRoute],
    role_checks: tuple[Callable[..., Any], ...],
    body_limits: tuple[BodyLimit, ...],
) -> None:
    by_operation = {(m.lower(), r.path): r for r in routes for m in r.methods or ()}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            if _is_fastapi_validation(responses.get("422")):
                responses["422"] = _shared("Invalid")
            if "requestBody" in operation:
                _add(responses, 400, _shared("BadBody"))
            if any(
                method.upper() == limit.method and path.startswith(limit.path_prefix)
                for limit in body_limits
            ):
                _add(responses, 413, _shared("TooLarge"))
            if not operation.get("security"):
                continue
            responses["401"] = _shared("Unauthorized")
            route = by_operation.get((method, path))
            if route is not None and set(_dependency_calls(route.dependant)) & set(role_checks):
                _add(responses, 403, _shared("Forbidden"))
            responses["429"] = _shared("RateLimited")
            _add(responses, 503, _shared("Unavailable"))
            operation["responses"] = dict(sorted(responses.items()))
    components = document.setdefault("components", {})
    components["responses"] = dict(SHARED_ANSWERS)
    for name in _FASTAPI_VALIDATION_SCHEMAS:
        components.get("schemas", {}).pop(name, None)
