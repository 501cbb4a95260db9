"""Webhook delivery against real HTTP servers on loopback: signed as Standard Webhooks does,
retried, every try recorded, and never to an address the operator has not allowed.

Loopback stands for the inside of the network here: 127.0.0.1 is the tenant's receiver, allowed
as an operator allows an intranet ERP; 127.0.0.2 is an internal service nobody allowed.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.egress import Destination, EgressPolicy
from screening.monitoring.outbound import post_pinned
from screening.monitoring.signing import (
    ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    WebhookVerificationError,
    verify_delivery,
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

SECRET = "whsec-test-6f1c-0123456789"
FAST = RetryPolicy(tries=3, first_delay=0.05, factor=2.0, timeout=5.0, lease=5.0)
RECEIVER_ALLOWED = EgressPolicy.parse(["127.0.0.1"])
NOTHING_ALLOWED = EgressPolicy()


@dataclass
class Receiver:
    """Answers 503 to the first `failures` posts, then `answer`; keeps what it received."""

    failures: int
    answer: int = 204
    location: str = ""  # sent with a 3xx answer
    received: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)
    url: str = ""


@contextmanager
def receiving(host: str, failures: int = 0) -> Iterator[Receiver]:
    state = Receiver(failures=failures)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((body, dict(self.headers.items())))
            failing = len(state.received) <= state.failures
            self.send_response(503 if failing else state.answer)
            if state.location:
                self.send_header("Location", state.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((host, 0), Handler)
    state.url = f"http://{host}:{server.server_address[1]}/hooks/screening"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving("127.0.0.1", failures=1) as state:
        yield state


@pytest.fixture
def internal() -> Iterator[Receiver]:
    """A service inside the network that no operator allowed."""
    with receiving("127.0.0.2") as state:
        yield state


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        session.add(TenantRow(id="acme", name="Acme"))
        session.commit()
    yield engine
    engine.dispose()


def register(engine: Engine, url: str, secret: str = SECRET) -> None:
    """As if registered before: these tests judge delivery, which checks the URL again."""
    with Session(engine) as session:
        session.add(
            WebhookRow(
                tenant_id="acme",
                url=url,
                secret=secret,
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


def deliver_until_settled(engine: Engine) -> None:
    """A dispatcher thread, as a server runs one, until every event is delivered or failed."""
    dispatcher = WebhookDispatcher(engine, FAST, egress=RECEIVER_ALLOWED, poll_seconds=0.05)
    dispatcher.start()
    try:
        assert dispatcher.wait_until_settled(timeout=20)
    finally:
        dispatcher.stop()


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
    deliver_until_settled(engine)
    attempts = attempts_of(engine, event_id)
    assert [(a.attempt, a.status_code, a.delivered) for a in attempts] == [
        (1, 503, False),
        (2, 204, True),
    ]
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        assert event is not None
        assert (event.state, event.attempts) == ("delivered", 2)


def test_every_delivery_is_signed_as_standard_webhooks_do(
    engine: Engine, receiver: Receiver
) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    body, headers = receiver.received[0]
    payload = verify_delivery(SECRET, body, headers)  # the standardwebhooks library's check
    assert headers[ID_HEADER] == event_id == payload["id"]
    assert headers[SIGNATURE_HEADER].startswith("v1,")
    assert abs(int(headers[TIMESTAMP_HEADER]) - datetime.now(UTC).timestamp()) < 300
    assert payload["data"]["alerts"] == [{"kind": "new_match"}]


def test_the_signature_covers_the_timestamp_so_a_replay_cannot_be_redated(
    engine: Engine, receiver: Receiver
) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    body, headers = receiver.received[0]
    redated = {**headers, TIMESTAMP_HEADER: str(int(headers[TIMESTAMP_HEADER]) + 1)}
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        verify_delivery(SECRET, body, redated)
    stale = {**headers, TIMESTAMP_HEADER: str(int(headers[TIMESTAMP_HEADER]) - 3600)}
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify_delivery(SECRET, body, stale)


def test_signature_with_another_secret_does_not_verify(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    body, headers = receiver.received[0]
    with pytest.raises(WebhookVerificationError):
        verify_delivery("another-secret-0123456789", body, headers)


def test_a_whsec_secret_signs_with_the_bytes_it_encodes(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    whsec = "whsec_" + base64.b64encode(bytes(range(24))).decode()
    register(engine, receiver.url, whsec)
    queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    body, headers = receiver.received[0]
    verify_delivery(whsec, body, headers)


def test_retries_keep_the_webhook_id_for_the_receiver_to_drop_duplicates(
    engine: Engine, receiver: Receiver
) -> None:
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_until_settled(engine)
    assert [headers[ID_HEADER] for _body, headers in receiver.received] == [event_id, event_id]


def test_secret_never_travels_in_the_request(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 0
    register(engine, receiver.url)
    queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    body, headers = receiver.received[0]
    assert SECRET.encode() not in body
    assert all(SECRET not in value for value in headers.values())


def test_delivery_gives_up_after_the_last_try(engine: Engine, receiver: Receiver) -> None:
    receiver.failures = 10
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_until_settled(engine)
    assert [a.status_code for a in attempts_of(engine, event_id)] == [503, 503, 503]
    with Session(engine) as session:
        event = session.get(WebhookEventRow, event_id)
        assert event is not None
        assert event.state == "failed"


def test_a_refused_connection_is_recorded_in_two_words(engine: Engine) -> None:
    register(engine, "http://127.0.0.1:9/nothing-listens-here")
    event_id = queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    (attempt,) = attempts_of(engine, event_id)
    assert (attempt.status_code, attempt.error, attempt.delivered) == (
        None,
        "connection refused",
        False,
    )


def test_a_failed_answer_is_recorded_as_its_status_only(engine: Engine, receiver: Receiver) -> None:
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    (attempt,) = attempts_of(engine, event_id)
    assert (attempt.status_code, attempt.error) == (503, "delivery failed (HTTP 503)")


# Server-side request forgery: nothing inside the network unless the operator allows it ----------


def test_delivery_to_an_address_nobody_allowed_is_refused_and_never_sent(
    engine: Engine, internal: Receiver
) -> None:
    register(engine, internal.url)  # e.g. registered before the operator narrowed the list
    event_id = queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    (attempt,) = attempts_of(engine, event_id)
    assert (attempt.status_code, attempt.error) == (None, "address not allowed")
    assert internal.received == []


def test_loopback_is_refused_when_the_operator_allows_nothing(
    engine: Engine, receiver: Receiver
) -> None:
    register(engine, receiver.url.replace("127.0.0.1", "localhost"))
    event_id = queue(engine)
    deliver_due(engine, FAST, NOTHING_ALLOWED)
    assert [a.error for a in attempts_of(engine, event_id)] == ["address not allowed"]
    assert receiver.received == []


def test_an_allowed_host_name_reaches_its_intranet_address(
    engine: Engine, receiver: Receiver
) -> None:
    receiver.failures = 0
    register(engine, receiver.url.replace("127.0.0.1", "localhost"))
    event_id = queue(engine)
    deliver_due(engine, FAST, EgressPolicy.parse(["localhost"]))
    assert [a.delivered for a in attempts_of(engine, event_id)] == [True]


def test_a_redirect_is_not_followed_into_the_network(
    engine: Engine, receiver: Receiver, internal: Receiver
) -> None:
    receiver.failures, receiver.answer, receiver.location = 0, 307, internal.url
    register(engine, receiver.url)
    event_id = queue(engine)
    deliver_due(engine, FAST, RECEIVER_ALLOWED)
    (attempt,) = attempts_of(engine, event_id)
    assert (attempt.status_code, attempt.error) == (307, "delivery failed (HTTP 307)")
    assert internal.received == []


def test_the_connection_goes_to_the_checked_address_without_a_second_look_up(
    receiver: Receiver,
) -> None:
    """A name that would resolve elsewhere a moment later (DNS rebinding) changes nothing: the
    socket is opened to the address that was checked; the name only travels in Host."""
    receiver.failures = 0
    port = int(receiver.url.rsplit(":", 1)[1].split("/", 1)[0])
    pinned = Destination("http", "rebinding.invalid", port, ("127.0.0.1",))
    url = f"http://rebinding.invalid:{port}/hooks/screening"
    assert post_pinned(pinned, url, b"{}", {"Content-Type": "application/json"}, 5.0) == 204
    assert receiver.received[0][1]["Host"] == f"rebinding.invalid:{port}"


def test_tenant_without_a_webhook_queues_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        assert queue_event(session, "acme", "alerts", {"alerts": []}) is None


def test_back_off_grows_and_is_bounded() -> None:
    policy = RetryPolicy(first_delay=5, factor=3, max_delay=60)
    assert [policy.delay_after(n) for n in (1, 2, 3, 4)] == [5, 15, 45, 60]
