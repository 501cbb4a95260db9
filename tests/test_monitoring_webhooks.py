"""Webhook delivery against a real HTTP server on 127.0.0.1: signed, retried, every try recorded."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.monitoring.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    is_valid_signature,
    sign_body,
)
from screening.monitoring.tables import WebhookAttemptRow, WebhookEventRow, WebhookRow
from screening.monitoring.webhooks import (
    RetryPolicy,
    WebhookDispatcher,
    deliver_due,
    queue_event,
)
from screening.store.db import make_engine, migrate
from screening.store.tables import TenantRow

SECRET = "whsec-test-6f1c"
FAST = RetryPolicy(tries=3, first_delay=0.05, factor=2.0, timeout=5.0, lease=5.0)


@dataclass
class Receiver:
    """Answers 503 to the first `failures` posts, then 204; keeps what it received."""

    failures: int
    received: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(failures=1)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((body, dict(self.headers.items())))
            failing = len(state.received) <= state.failures
            self.send_response(503 if failing else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/screening"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        session.add(TenantRow(id="acme", name="Acme"))
        session.commit()
    yield engine
    engine.dispose()


def register(engine: Engine, url: str) -> None:
    with Session(engine) as session:
        session.add(
            WebhookRow(
                tenant_id="acme",
                url=url,
                secret=SECRET,
                created_by="key-admin",
                created=datetime.now(UTC),
            )
        )
        session.commit()


def queue(engine: Engine) -> str:
    with Session(engine) as session:
        event_id = queue_event(session, "acme", "alerts", {"alerts": [{"kind": "new_match"}]})
        session.commit()
    assert event_id is not None
    return event_id


def attempts_of(engine: Engine, event_id: str) -> list[WebhookAttemptRow]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(WebhookAttemptRow)
                .where(col(WebhookAttemptRow.event_id) == event_id)
                .order_by(col(WebhookAttemptRow.attempt))
            ).all()
        )


def test_failed_first_attempt_is_retried_and_the_second_delivers(
    engine: Engine, receiver: Receiver
) -> None:
    register(engine, receiver.url)
    event_id = queue(engine)
    dispatcher = WebhookDispatcher(engine, FAST, poll_seconds=0.05)
    dispatcher.start()
    try:
        assert dispatcher.wait_until_settled(timeout=20)
    finally:
        dispatcher.stop()
    attempts = attempts_of(engine, event_id)
    assert [(a.attempt, a.status_code, a.delivered) for a in attempts] == [
        (1, 503, False),
        (2, 204, True),
    ]
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        assert event is not None
        assert (event.state, event.attempts) == ("delivered", 2)


def test_every_delivery_is_signed_over_the_raw_body(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_due(engine, FAST)
    body, headers = receiver.received[0]
    assert is_valid_signature(SECRET, body, headers[SIGNATURE_HEADER])
    assert headers[SIGNATURE_HEADER] == sign_body(SECRET, body)
    assert int(headers[TIMESTAMP_HEADER]) > 0
    payload = json.loads(body)
    assert payload["id"] == event_id
    assert payload["data"]["alerts"] == [{"kind": "new_match"}]


def test_signature_with_another_secret_does_not_verify(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    queue(engine)
    deliver_due(engine, FAST)
    body, headers = receiver.received[0]
    assert not is_valid_signature("another-secret", body, headers[SIGNATURE_HEADER])


def test_secret_never_travels_in_the_request(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    queue(engine)
    deliver_due(engine, FAST)
    body, headers = receiver.received[0]
    assert SECRET.encode() not in body
    assert all(SECRET not in value for value in headers.values())


def test_delivery_gives_up_after_the_last_try(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 10
    register(engine, receiver.url)
    event_id = queue(engine)
    dispatcher = WebhookDispatcher(engine, FAST, poll_seconds=0.05)
    dispatcher.start()
    try:
        assert dispatcher.wait_until_settled(timeout=20)
    finally:
        dispatcher.stop()
    assert [a.status_code for a in attempts_of(engine, event_id)] == [503, 503, 503]
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        assert event is not None
        assert event.state == "failed"


def test_unreachable_url_is_recorded_as_an_error(engine: Engine, receiver: Receiver) -> None:
    register(engine, "http://127.0.0.1:9/nothing-listens-here")
    event_id = queue(engine)
    deliver_due(engine, FAST)
    (attempt,) = attempts_of(engine, event_id)
    assert attempt.status_code is None
    assert attempt.error
    assert not attempt.delivered


def test_tenant_without_a_webhook_queues_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        assert queue_event(session, "acme", "alerts", {"alerts": []}) is None


def test_back_off_grows_and_is_bounded() -> None:
    policy = RetryPolicy(first_delay=5, factor=3, max_delay=60)
    assert [policy.delay_after(n) for n in (1, 2, 3, 4)] == [5, 15, 45, 60]
