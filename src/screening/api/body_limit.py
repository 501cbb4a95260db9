"""Request body limits per route, answered with the API's JSON 413 before a route reads the body.

(Starlette's own per-route limit answers plain text when Content-Length is already too large.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from screening.api.error_codes import ApiErrorCode
from screening.api.errors import error_body


@dataclass(frozen=True, slots=True)
class BodyLimit:
    method: str
    path_prefix: str
    max_bytes: int


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: Sequence[BodyLimit]) -> None:
        self.app = app
        self.limits = tuple(limits)

    def _limit(self, scope: Scope) -> int | None:
        for limit in self.limits:
            if scope["method"] == limit.method and scope["path"].startswith(limit.path_prefix):
                return limit.max_bytes
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self._limit(scope) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_too_large(send, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI re-raises HTTPException from body reading; the API handler shapes it.
                    raise HTTPException(413, f"request body larger than {limit:,} bytes")
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        error_body(
            ApiErrorCode.PAYLOAD_TOO_LARGE,
            f"request body larger than {limit:,} bytes",
            {"max_bytes": limit},
        )
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
