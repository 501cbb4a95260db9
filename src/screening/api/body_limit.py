"""Request body limits per route, answered with the API's JSON 413 before a route reads the body.

(Starlette's own per-route limit answers plain text when Content-Length is already too large.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from screening.api.error_codes import ApiErrorCode
from screening.api.errors import error_body


@dataclass(frozen=True, slots=True)
class BodyLimit:
    method: str
    path_prefix: str
    max_bytes: int


def body_limit(limits: Sequence[BodyLimit], scope: Scope) -> int | None:
    """The most bytes an HTTP request's body may have, None for no limit of ours."""
    for limit in limits:
        if scope["method"] == limit.method and scope["path"].startswith(limit.path_prefix):
            return limit.max_bytes
    return None


def declared_too_large(scope: Scope, limit: int) -> bool:
    declared = _content_length(scope)
    return declared is not None and declared > limit


def limited_receive(receive: Receive, limit: int) -> Receive:
    """`receive` that refuses the body once more than `limit` bytes have come in."""
    received = 0

    async def receive_within_limit() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                # FastAPI re-raises HTTPException from body reading; the API handler shapes it.
                raise HTTPException(413, f"request body larger than {limit:,} bytes")
        return message

    return receive_within_limit


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def send_too_large(send: Send, limit: int) -> None:
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
