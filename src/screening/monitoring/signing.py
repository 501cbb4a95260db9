"""Webhook signatures as the Standard Webhooks specification defines them (standardwebhooks, MIT).

Each delivery carries `webhook-id` (the event's id, the same on every retry, for the receiver to
drop duplicates), `webhook-timestamp` (seconds since 1970, of this attempt) and
`webhook-signature`: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed by the
tenant's secret. The timestamp is signed, so a captured delivery replayed later is refused by a
receiver that checks it (the libraries allow five minutes). A secret written `whsec_<base64>`, as
Standard Webhooks libraries take it, is the bytes it encodes; any other secret is its UTF-8 bytes,
which a receiver passes to those libraries as `whsec_` + base64 of them.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
ATTEMPT_HEADER = "X-Screening-Attempt"  # not part of the standard: which try this is
SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 16

__all__ = [
    "ATTEMPT_HEADER",
    "ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "WebhookVerificationError",
    "signed_headers",
    "signing_key",
    "verify_delivery",
]


def signing_key(secret: str) -> bytes:
    """The HMAC key of a tenant's secret; ValueError for a `whsec_` secret that is not base64
    of at least MIN_SECRET_BYTES bytes."""
    if not secret.startswith(SECRET_PREFIX):
        return secret.encode("utf-8")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error as error:
        raise ValueError("a whsec_ secret must be base64 after the prefix") from error
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"a whsec_ secret must encode at least {MIN_SECRET_BYTES} bytes")
    return key


def signed_headers(secret: str, event_id: str, sent_at: datetime, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt at delivering `body`."""
    signature = Webhook(signing_key(secret)).sign(event_id, sent_at, body)
    return {
        ID_HEADER: event_id,
        TIMESTAMP_HEADER: str(int(sent_at.timestamp())),
        SIGNATURE_HEADER: signature,
    }


def verify_delivery(secret: str, body: bytes, headers: dict[str, str]) -> Any:
    """What a receiver does (used by the tests and shown in the docs): the parsed body, or
    WebhookVerificationError for a bad signature or a timestamp over five minutes off."""
    return Webhook(signing_key(secret)).verify(body, headers)
