"""What every request leaves behind: a request id, and its latency in the metrics.

The request id comes from the caller's X-Request-ID header when it is a sane token (an ERP
correlating its own logs), else a new one; it goes back in the response and onto every log line
written while the request is served (through asgi-correlation-id's context, MIT). Latency is
recorded per route template ("/v1/jobs/{job_id}"), never per concrete path, so ids never become
metric labels.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Sequence

from asgi_correlation_id.context import correlation_id
from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from screening.api.body_limit import (
    BodyLimit,
    body_limit,
    declared_too_large,
    limited_receive,
    send_too_large,
)
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


class RequestEdge:
    """The one middleware of the app, pure ASGI: the request id in, onto the log lines and out;
    the body limits; the latency metric. (One layer rather than three: each layer is a
    coroutine and a wrapped `send` per request.)

    The request id is that of asgi-correlation-id's context, which the log filter reads; it is
    written back into the request's headers when it replaces the caller's, and added to the
    answer's. The latency is observed under the method, the route template and the status."""

    def __init__(self, app: ASGIApp, limits: Sequence[BodyLimit]) -> None:
        self.app = app
        self.limits = tuple(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id_of(scope)
        correlation_id.set(request_id)
        started = time.perf_counter()
        status = 500  # if the app fails before it answers

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = message["headers"] = list(message.get("headers", ()))
                headers.append((_REQUEST_ID_KEY, request_id.encode("latin-1")))
            await send(message)

        try:
            limit = body_limit(self.limits, scope)
            if limit is None:
                await self.app(scope, receive, send_with_id)
            elif declared_too_large(scope, limit):
                await send_too_large(send_with_id, limit)
            else:
                await self.app(scope, limited_receive(receive, limit), send_with_id)
        finally:
            route = scope.get("route")  # set by FastAPI's router once a route matched
            template = getattr(route, "path", None) or "unmatched"
            REQUEST_SECONDS.labels(scope["method"], template, str(status)).observe(
                time.perf_counter() - started
            )


_REQUEST_ID_KEY = REQUEST_ID_HEADER.lower().encode("latin-1")


def _request_id_of(scope: Scope) -> str:
    """The caller's sane id or a new one; a new one replaces the caller's in the request's
    headers, so that the app reads the id the logs and the answer carry."""
    presented = None
    for name, value in scope["headers"]:
        if name == _REQUEST_ID_KEY:
            presented = value.decode("latin-1")
            break
    request_id = sane_request_id(presented) if presented else new_request_id()
    if request_id != presented:
        MutableHeaders(scope=scope)[REQUEST_ID_HEADER] = request_id
    return request_id


def install_request_edge(app: FastAPI, body_limits: Sequence[BodyLimit]) -> None:
    """Add the app's one middleware (outermost but for Starlette's last-resort error handler)."""
    app.add_middleware(RequestEdge, limits=body_limits)
