"""Every error the API returns has one shape: {"error": {"code", "message", "details"}}.

Raised as ApiError anywhere below a route; FastAPI's own errors (validation, unknown path, wrong
method, body too large) are turned into the same shape here, in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from screening.api.error_codes import ApiErrorCode

log = logging.getLogger(__name__)

MAX_SUPPLIERS = 10_000
# The request scope's key for a key check a route defers to its own worker thread (see
# deps.AnalystToCheck): a callable that raises the key's refusal, run before a 422.
DEFERRED_KEY_CHECK = "screening.deferred_key_check"
DATABASE_RETRY_AFTER_SECONDS = "2"

_CODES_BY_STATUS: dict[int, ApiErrorCode] = {
    400: ApiErrorCode.BAD_REQUEST,
    401: ApiErrorCode.UNAUTHORIZED,
    403: ApiErrorCode.FORBIDDEN,
    404: ApiErrorCode.NOT_FOUND,
    405: ApiErrorCode.METHOD_NOT_ALLOWED,
    409: ApiErrorCode.CONFLICT,
    413: ApiErrorCode.PAYLOAD_TOO_LARGE,
    415: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    422: ApiErrorCode.VALIDATION_ERROR,
    429: ApiErrorCode.RATE_LIMITED,
    500: ApiErrorCode.INTERNAL_ERROR,
    503: ApiErrorCode.NOT_READY,
}


class ApiError(Exception):
    """An error answered as JSON with `status`; `code` is stable, `message` is for people."""

    def __init__(
        self,
        status: int,
        code: ApiErrorCode,
        message: str,
        details: Any = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = dict(headers or {})


def error_body(code: ApiErrorCode, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(
        error_body(error.code, error.message, error.details),
        status_code=error.status,
        headers=error.headers or None,
    )


def field_path(loc: Sequence[int | str]) -> str:
    """("body", "suppliers", 3, "name") -> "suppliers[3].name"; query/path/header keep a prefix."""
    parts = list(loc)
    prefix = ""
    if parts and parts[0] == "body":
        parts = parts[1:]
    elif parts and parts[0] in ("query", "path", "header"):
        prefix = f"{parts[0]}."
        parts = parts[1:]
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return prefix + (text or "body")


def _validation_details(error: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for item in error.errors():
        details.append(
            {
                "field": field_path(item.get("loc", ())),
                "message": item.get("msg", ""),
                "type": item.get("type", ""),
            }
        )
    return details


def _too_many_suppliers(error: RequestValidationError) -> bool:
    return any(
        item.get("type") == "too_long" and tuple(item.get("loc", ())) == ("body", "suppliers")
        for item in error.errors()
    )


async def _api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    check_key = request.scope.get(DEFERRED_KEY_CHECK)
    if check_key is not None:
        try:
            await run_in_threadpool(check_key)
        except (ApiError, DataError, OperationalError) as refusal:  # answered as from the route
            handler = next(h for kind, h in _HANDLERS.items() if isinstance(refusal, kind))
            return await handler(request, refusal)
    if _too_many_suppliers(error):
        return error_response(
            ApiError(
                413,
                ApiErrorCode.TOO_MANY_SUPPLIERS,
                f"at most {MAX_SUPPLIERS:,} suppliers per call; split the list or upload a sheet",
                {"field": "suppliers", "max_items": MAX_SUPPLIERS},
            )
        )
    details = _validation_details(error)
    first = details[0] if details else {"field": "body", "message": "invalid request"}
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return error_response(
        ApiError(
            422,
            ApiErrorCode.VALIDATION_ERROR,
            f"{first['field']}: {first['message']}{more}",
            details,
        )
    )


_DEFAULT_MESSAGES = {
    404: "no such resource",
    405: "method not allowed on this path",
    413: "request body too large",
}


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    status = error.status_code
    phrase = HTTPStatus(status).phrase
    message = error.detail if isinstance(error.detail, str) and error.detail else phrase
    if message in (phrase, "Content Too Large"):  # Starlette's bare phrase: say more
        message = _DEFAULT_MESSAGES.get(status, phrase)
    code = _CODES_BY_STATUS.get(status, ApiErrorCode.HTTP_ERROR)
    return error_response(ApiError(status, code, message, None, headers=error.headers))


async def _unstorable_value(_request: Request, error: Exception) -> JSONResponse:
    """The database refused a value of the request (PostgreSQL takes no NUL in text, and no
    number beyond its column's range): the request is at fault, not the service."""
    assert isinstance(error, DataError)
    log.warning("refused a value the database cannot take: %s", type(error.orig).__name__)
    return error_response(
        ApiError(
            422,
            ApiErrorCode.INVALID_VALUE,
            "a value in the request cannot be stored or searched for "
            "(text with a NUL character, or a number out of range)",
        )
    )


async def _database_unavailable(_request: Request, error: Exception) -> JSONResponse:
    """The database could not be reached or dropped the connection: a moment's outage. The
    pool replaces a dropped connection, so the next request may well succeed."""
    assert isinstance(error, OperationalError)
    log.error("the database is unavailable: %s", type(error.orig).__name__)
    return error_response(
        ApiError(
            503,
            ApiErrorCode.DATABASE_UNAVAILABLE,
            "the database cannot be reached just now; try again shortly",
            headers={"Retry-After": DATABASE_RETRY_AFTER_SECONDS},
        )
    )


async def _unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(
        ApiError(500, ApiErrorCode.INTERNAL_ERROR, "internal error; it has been logged")
    )


_HANDLERS: dict[type[Exception], Callable[[Request, Exception], Awaitable[JSONResponse]]] = {
    ApiError: _api_error,
    RequestValidationError: _validation_error,
    StarletteHTTPException: _http_error,
    DataError: _unstorable_value,
    OperationalError: _database_unavailable,
    Exception: _unexpected_error,
}


def install_error_handlers(app: FastAPI) -> None:
    for kind, handler in _HANDLERS.items():
        app.add_exception_handler(kind, handler)
