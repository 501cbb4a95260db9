"""Webhook delivery: queue a signed payload, post it from a background thread, retry with back-off.

Events are rows, not in-memory work: a process that stops mid-way leaves them pending and the next
dispatcher (any API process) picks them up. A dispatcher claims an event by pushing its next
attempt time forward in one UPDATE, so two processes never post the same attempt twice. Every
attempt is recorded with its HTTP status or a short public reason ("connection refused"); the
full error stays in the server's log, since the tenant must not learn what answered inside the
network. Each attempt resolves the URL again and checks the addresses (screening.egress).
"""

from __future__ import annotations

import http.client
import json
import logging
import secrets
import socket
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.egress import (
    AddressRefusedError,
    EgressPolicy,
    HostNotFoundError,
    resolve_destination,
    url_host_port,
)
from screening.metrics import record_delivery
from screening.monitoring.outbound import post_pinned
from screening.monitoring.signing import ATTEMPT_HEADER, signed_headers
from screening.monitoring.tables import WebhookAttemptRow, WebhookEventRow, WebhookRow
from screening.utc import as_utc, utc_now

log = logging.getLogger(__name__)

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    tries: int = 6  # first attempt included
    first_delay: float = 5.0  # seconds between the first and the second attempt
    factor: float = 3.0  # each later wait is this many times the one before
    max_delay: float = 3600.0
    timeout: float = 10.0  # per HTTP request
    lease: float = 60.0  # how long a claimed attempt is reserved for the claiming process

    def delay_after(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return float(min(self.first_delay * self.factor ** (attempt - 1), self.max_delay))


def queue_event(
    session: Session, tenant_id: str, event_type: str, data: Mapping[str, Any]
) -> str | None:
    """Queue a payload for the tenant's webhook in the caller's transaction; None if none."""
    webhook = session.get(WebhookRow, tenant_id)
    if webhook is None:
        return None
    event_id = "evt_" + secrets.token_hex(12)
    now = utc_now()
    payload = {
        "id": event_id,
        "type": event_type,
        "tenant": tenant_id,
        "created": now.isoformat().replace("+00:00", "Z"),
        "data": dict(data),
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    session.add(
        WebhookEventRow(
            id=event_id,
            tenant_id=tenant_id,
            url=webhook.url,
            body=body,
            created=now,
            state=PENDING,
            attempts=0,
            next_attempt=now,
        )
    )
    return event_id


def queue_event_for_every_tenant(
    session: Session, event_type: str, data: Mapping[str, Any]
) -> list[str]:
    """Queue one payload for every tenant with a webhook: news of the lists, which serve all."""
    tenants = session.exec(select(WebhookRow.tenant_id)).all()
    queued = (queue_event(session, tenant_id, event_type, data) for tenant_id in tenants)
    return [event_id for event_id in queued if event_id is not None]


@dataclass(frozen=True, slots=True)
class AttemptOutcome:
    delivered: bool
    status_code: int | None
    error: str  # what the tenant reads: "delivery failed (HTTP 503)", "connection refused"

    @property
    def label(self) -> str:
        """The outcome in a word, for the metrics: delivered, http_error, refused, ..."""
        if self.delivered:
            return "delivered"
        return "http_error" if self.status_code is not None else _LABELS.get(self.error, "error")


ADDRESS_NOT_ALLOWED = "address not allowed"
HOST_NOT_FOUND = "host not found"
CONNECTION_REFUSED = "connection refused"
TIMED_OUT = "timed out"
TLS_FAILED = "TLS handshake failed"
CONNECTION_FAILED = "connection failed"
WEBHOOK_REMOVED = "the tenant's webhook was removed"
_LABELS = {
    ADDRESS_NOT_ALLOWED: "address_refused",
    HOST_NOT_FOUND: "host_not_found",
    CONNECTION_REFUSED: "connection_refused",
    TIMED_OUT: "timeout",
    TLS_FAILED: "tls_error",
    CONNECTION_FAILED: "connection_error",
    WEBHOOK_REMOVED: "removed",
}


def public_reason(error: BaseException) -> str:
    """The few words a tenant may read about a failed attempt: never an internal host, address
    or error text."""
    if isinstance(error, AddressRefusedError):
        return ADDRESS_NOT_ALLOWED
    if isinstance(error, HostNotFoundError | socket.gaierror):
        return HOST_NOT_FOUND
    if isinstance(error, ConnectionRefusedError):
        return CONNECTION_REFUSED
    if isinstance(error, TimeoutError):
        return TIMED_OUT
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return TLS_FAILED
    return CONNECTION_FAILED


def post_signed(
    url: str,
    body: bytes,
    secret: str,
    *,
    event_id: str,
    attempt: int,
    timeout: float,
    egress: EgressPolicy,
) -> AttemptOutcome:
    """One attempt: resolve and check the URL's addresses, then POST the body signed as
    Standard Webhooks does, to a checked address."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "screening-webhook/2",
        ATTEMPT_HEADER: str(attempt),
        **signed_headers(secret, event_id, utc_now(), body),
    }
    try:
        destination = resolve_destination(url, egress)
        status = post_pinned(destination, url, body, headers, timeout)
    except (OSError, ValueError, LookupError, http.client.HTTPException) as error:
        reason = public_reason(error)
        # The whole error is for the operator; the URL may carry a token, so only its host.
        log.warning(
            "webhook event %s attempt %d to %s: %s (%s: %s)",
            event_id,
            attempt,
            _host_of(url),
            reason,
            type(error).__name__,
            error,
        )
        return AttemptOutcome(False, None, reason)
    if 200 <= status < 300:
        return AttemptOutcome(True, status, "")
    return AttemptOutcome(False, status, f"delivery failed (HTTP {status})")


def _host_of(url: str) -> str:
    try:
        return url_host_port(url)[1]
    except ValueError:
        return "?"


def _claim(engine: Engine, event_id: str, attempts: int, policy: RetryPolicy) -> bool:
    now = utc_now()
    with Session(engine) as session:
        result = session.exec(
            update(WebhookEventRow)
            .where(col(WebhookEventRow.id) == event_id)
            .where(col(WebhookEventRow.state) == PENDING)
            .where(col(WebhookEventRow.attempts) == attempts)
            .where(col(WebhookEventRow.next_attempt) <= now)
            .values(next_attempt=now + timedelta(seconds=policy.lease))
        )
        session.commit()
        return result.rowcount == 1


def deliver_event(
    engine: Engine, event_id: str, policy: RetryPolicy, egress: EgressPolicy
) -> AttemptOutcome | None:
    """One attempt at one due event; None when another process got to it first."""
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        if event is None or event.state != PENDING:
            return None
        attempts = event.attempts
        webhook = session.get(WebhookRow, event.tenant_id)
        target = (webhook.url, webhook.secret) if webhook is not None else None
        body = event.body.encode("utf-8")
    if not _claim(engine, event_id, attempts, policy):
        return None
    attempt = attempts + 1
    if target is None:
        outcome = AttemptOutcome(False, None, WEBHOOK_REMOVED)
    else:
        url, secret = target
        outcome = post_signed(
            url,
            body,
            secret,
            event_id=event_id,
            attempt=attempt,
            timeout=policy.timeout,
            egress=egress,
        )
    now = utc_now()
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        assert event is not None
        event.attempts = attempt
        if target is not None:
            event.url = target[0]
        if outcome.delivered:
            event.state, event.next_attempt = DELIVERED, None
        elif attempt >= policy.tries or target is None:
            event.state, event.next_attempt = FAILED, None
        else:
            event.next_attempt = now + timedelta(seconds=policy.delay_after(attempt))
        session.add(event)
        session.add(
            WebhookAttemptRow(
                event_id=event_id,
                attempt=attempt,
                at=now,
                status_code=outcome.status_code,
                error=outcome.error,
                delivered=outcome.delivered,
            )
        )
        session.commit()
    record_delivery(outcome.label)
    if not outcome.delivered:
        log.warning("webhook event %s attempt %d failed: %s", event_id, attempt, outcome.error)
    return outcome


def due_events(engine: Engine, now: datetime | None = None) -> list[str]:
    moment = now or utc_now()
    with Session(engine) as session:
        return list(
            session.exec(
                select(WebhookEventRow.id)
                .where(col(WebhookEventRow.state) == PENDING)
                .where(col(WebhookEventRow.next_attempt) <= moment)
                .order_by(col(WebhookEventRow.created))
                .limit(100)
            ).all()
        )


def next_due(engine: Engine) -> datetime | None:
    with Session(engine) as session:
        moment = session.exec(
            select(WebhookEventRow.next_attempt)
            .where(col(WebhookEventRow.state) == PENDING)
            .order_by(col(WebhookEventRow.next_attempt))
            .limit(1)
        ).first()
    return as_utc(moment) if moment is not None else None


def deliver_due(engine: Engine, policy: RetryPolicy, egress: EgressPolicy) -> int:
    """One pass over the events due now; returns how many attempts were made."""
    made = 0
    for event_id in due_events(engine):
        if deliver_event(engine, event_id, policy, egress) is not None:
            made += 1
    return made


_RUNNING: set[WebhookDispatcher] = set()
_RUNNING_LOCK = threading.Lock()


def wake_dispatchers() -> None:
    """After committing queued events: have this process's dispatchers send them now."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for dispatcher in running:
        dispatcher.wake()


class WebhookDispatcher:
    """A daemon thread that delivers due events; `wake()` after queueing to send at once."""

    def __init__(
        self,
        engine: Engine,
        policy: RetryPolicy | None = None,
        *,
        egress: EgressPolicy,
        poll_seconds: float = 30.0,
    ) -> None:
        self.engine = engine
        self.policy = policy or RetryPolicy()
        self.egress = egress
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
            self._thread.start()
            with _RUNNING_LOCK:
                _RUNNING.add(self)

    def stop(self) -> None:
        with _RUNNING_LOCK:
            _RUNNING.discard(self)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self.policy.timeout + 5)
            self._thread = None

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    def wait_until_settled(self, timeout: float) -> bool:
        """Block until no event is pending (all delivered or failed); for tests and shutdown."""
        deadline = utc_now() + timedelta(seconds=timeout)
        while utc_now() < deadline:
            if next_due(self.engine) is None:
                return True
            self._idle.wait(timeout=0.05)
        return next_due(self.engine) is None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                deliver_due(self.engine, self.policy, self.egress)
                upcoming = next_due(self.engine)
            except Exception:  # a database hiccup must not end delivery for the process
                log.exception("webhook delivery pass failed")
                upcoming = None
            self._idle.set()
            wait = self.poll_seconds
            if upcoming is not None:
                wait = max(0.0, min(wait, (upcoming - utc_now()).total_seconds()))
            self._wake.wait(timeout=wait)


def set_webhook(session: Session, tenant_id: str, url: str, secret: str, by: str) -> WebhookRow:
    """Register or replace the tenant's webhook; pending events go to the new URL."""
    row = session.get(WebhookRow, tenant_id)
    if row is None:
        row = WebhookRow(
            tenant_id=tenant_id, url=url, secret=secret, created_by=by, created=utc_now()
        )
    else:
        row.url, row.secret, row.created_by, row.created = url, secret, by, utc_now()
    session.add(row)
    session.flush()
    return row


def remove_webhook(session: Session, tenant_id: str) -> bool:
    row = session.get(WebhookRow, tenant_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def recent_deliveries(
    session: Session, tenant_id: str, limit: int = 50
) -> list[tuple[WebhookEventRow, list[WebhookAttemptRow]]]:
    """The tenant's latest events, newest first, each with every attempt made."""
    events = session.exec(
        select(WebhookEventRow)
        .where(col(WebhookEventRow.tenant_id) == tenant_id)
        .order_by(col(WebhookEventRow.created).desc(), col(WebhookEventRow.id))
        .limit(limit)
    ).all()
    ids = [event.id for event in events]
    attempts: dict[str, list[WebhookAttemptRow]] = {event_id: [] for event_id in ids}
    if ids:
        for attempt in session.exec(
            select(WebhookAttemptRow)
            .where(col(WebhookAttemptRow.event_id).in_(ids))
            .order_by(col(WebhookAttemptRow.attempt))
        ).all():
            attempts[attempt.event_id].append(attempt)
    return [(event, attempts[event.id]) for event in events]
