"""The tenant's webhook for monitoring alerts: set, show (never the secret), remove, deliveries.

A URL whose host resolves to a loopback, private, link-local or metadata address is refused here
(unless SCREENING_WEBHOOK_ALLOW allows it), and checked again at every delivery.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, Field, field_validator

from screening.api.deps import Admin, SessionDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.routes.audit import AuditReader
from screening.api.schemas import ErrorResponse
from screening.audit.log import append_audit
from screening.egress import (
    AddressRefusedError,
    EgressPolicy,
    HostNotFoundError,
    resolve_destination,
    url_host_port,
)
from screening.monitoring.signing import (
    ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signing_key,
)
from screening.monitoring.tables import WebhookRow
from screening.monitoring.webhooks import recent_deliveries, remove_webhook, set_webhook
from screening.utc import as_utc

router = APIRouter(tags=["monitoring"])


class WebhookIn(BaseModel):
    url: str = Field(
        max_length=2000,
        description="http(s) URL that receives POSTed alert events.",
        examples=["https://erp.example.com/hooks/screening"],
    )
    secret: str = Field(
        min_length=16,
        max_length=500,
        description="Shared secret, signing each delivery as Standard Webhooks does: "
        "`whsec_<base64>` (the bytes it encodes are the key) or any other text (its UTF-8 "
        "bytes are the key).",
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        url_host_port(value.strip())
        return value.strip()

    @field_validator("secret")
    @classmethod
    def _usable_secret(cls, value: str) -> str:
        signing_key(value)
        return value


class WebhookOut(BaseModel):
    url: str
    created: datetime
    created_by: str
    scheme: str = "Standard Webhooks v1"
    id_header: str = ID_HEADER
    signature_header: str = SIGNATURE_HEADER
    timestamp_header: str = TIMESTAMP_HEADER


class WebhookState(BaseModel):
    webhook: WebhookOut | None


class AttemptOut(BaseModel):
    attempt: int
    at: datetime
    status_code: int | None
    error: str
    delivered: bool


class DeliveryOut(BaseModel):
    event_id: str
    created: datetime
    url: str
    state: str = Field(description="pending, delivered or failed (out of tries).")
    attempts: list[AttemptOut]


class DeliveriesResponse(BaseModel):
    deliveries: list[DeliveryOut]


def check_destination(url: str, egress: EgressPolicy) -> None:
    """422 for a URL that resolves to an address webhooks may not reach. A host that does not
    resolve now is accepted: every delivery resolves and checks it again."""
    try:
        resolve_destination(url, egress)
    except AddressRefusedError as error:
        raise ApiError(
            422,
            ApiErrorCode.VALIDATION_ERROR,
            f"url: {error}; webhooks go to public addresses only, unless the operator allows "
            "the host",
            {"field": "url"},
        ) from error
    except HostNotFoundError:
        return


def _webhook_json(row: WebhookRow) -> dict[str, Any]:
    return {"url": row.url, "created": as_utc(row.created), "created_by": row.created_by}


@router.post(
    "/v1/webhooks",
    response_model=WebhookOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        403: {"model": ErrorResponse, "description": "Only admins set the webhook."},
        422: {
            "model": ErrorResponse,
            "description": "Not an http(s) URL, an unusable secret, or a URL whose host "
            "resolves to a loopback, private, link-local or cloud metadata address.",
        },
    },
    summary="Set (or replace) your tenant's webhook for monitoring alerts",
)
def put_webhook(body: WebhookIn, principal: Admin, session: SessionDep, request: Request) -> Any:
    """Alerts from re-screening your monitored lists are POSTed to `url` as JSON, signed as
    the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`,
    `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, verifiable with
    any Standard Webhooks library), and retried with growing waits until accepted (2xx) or out
    of tries. Redirects are not followed. The URL must reach a public address (the operator
    may allow intranet hosts). The secret is never shown again."""
    check_destination(body.url, request.app.state.webhook_egress)
    row = set_webhook(session, principal.tenant_id, body.url, body.secret, principal.key_id)
    append_audit(session, principal, "webhook.set", principal.tenant_id, {"url": body.url})
    session.commit()
    return _webhook_json(row)


@router.get(
    "/v1/webhooks",
    response_model=WebhookState,
    summary="Your tenant's webhook (without its secret)",
)
def get_webhook(principal: AuditReader, session: SessionDep) -> Any:
    row = session.get(WebhookRow, principal.tenant_id)
    return {"webhook": _webhook_json(row) if row is not None else None}


@router.delete(
    "/v1/webhooks",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorResponse, "description": "No webhook is set."}},
    summary="Remove your tenant's webhook",
)
def delete_webhook(principal: Admin, session: SessionDep) -> Response:
    if not remove_webhook(session, principal.tenant_id):
        raise ApiError(404, ApiErrorCode.NOT_FOUND, "no webhook is set for this tenant")
    append_audit(session, principal, "webhook.delete", principal.tenant_id)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/v1/webhooks/deliveries",
    response_model=DeliveriesResponse,
    summary="Recent webhook events with every delivery attempt",
)
def deliveries(
    principal: AuditReader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Any:
    return {
        "deliveries": [
            {
                "event_id": event.id,
                "created": as_utc(event.created),
                "url": event.url,
                "state": event.state,
                "attempts": [
                    {
                        "attempt": a.attempt,
                        "at": as_utc(a.at),
                        "status_code": a.status_code,
                        "error": a.error,
                        "delivered": a.delivered,
                    }
                    for a in attempts
                ],
            }
            for event, attempts in recent_deliveries(session, principal.tenant_id, limit)
        ]
    }
