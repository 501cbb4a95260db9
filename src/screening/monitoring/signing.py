"""Webhook signatures: HMAC-SHA256 of the exact body bytes, keyed by the tenant's secret.

The receiver recomputes the HMAC over the raw body it received (before any JSON parsing) and
compares it in constant time. The body carries the event id and creation time, so a replayed
delivery is recognisable; the timestamp header says when this attempt was sent.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Screening-Signature"
TIMESTAMP_HEADER = "X-Screening-Timestamp"
EVENT_HEADER = "X-Screening-Event"
ATTEMPT_HEADER = "X-Screening-Attempt"
SIGNATURE_PREFIX = "sha256="


def sign_body(secret: str, body: bytes) -> str:
    """The value of the signature header: "sha256=<hex digest>"."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def is_valid_signature(secret: str, body: bytes, header_value: str) -> bool:
    """What a receiver does; used by the tests and shown in the docs."""
    return hmac.compare_digest(sign_body(secret, body), header_value.strip())
