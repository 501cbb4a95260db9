"""What every request leaves behind: a request id, and its latency in the metrics.

The request id comes from the caller's X-Request-ID header when it is a sane token (an ERP
correlating its own logs), else a new one; it goes back in the response and onto every log line
written while the request is served (asgi-correlation-id, MIT). Latency is recorded per route
template ("/v1/jobs/{job_id}"), never per concrete path, so ids never become metric labels.
"""

from __future__ import annotations

import re
import time
import uuid

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from screening.metrics import REQUEST_SECONDS

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a few separators, as request ids are written: nothing that could forge a
# log line or carry a payload.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}")


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str) -> str:
    """The caller's id when it is a sane token, else a new one. (Replaced here rather than by
    the library's validator, which logs the refusal before the new id is set: a log line
    without a request id.)"""
    return value if _SANE_ID.fullmatch(value) else new_request_id()


class RequestMetricsMiddleware:
    """Observes each HTTP request's duration under its method, route template and status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app fails before it answers

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")  # set by FastAPI's router once a route matched
            template = getattr(route, "path", None) or "unmatched"
            REQUEST_SECONDS.labels(scope["method"], template, str(status)).observe(
                time.perf_counter() - started
            )


def install_observability(app: FastAPI) -> None:
    """Add the middlewares; call after the others so that the request id is outermost and
    every answer (a 413 from the body limit, a 429) carries it."""
    app.add_middleware(RequestMetricsMiddleware)
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        generator=new_request_id,
        validator=None,
        transformer=sane_request_id,
        update_request_header=True,
    )
