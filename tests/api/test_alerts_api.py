"""Monitoring end to end: an upload kept with monitor=true, a UN list update, exactly the alerts
expected at GET /v1/alerts, and the tenant's webhook told, signed.

Each test gets its own database and an app serving the UN list alone (list_update_support), so
the rebuild after the import takes a second.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from api_support import DATABASE_KINDS, OPERATOR_KEY, api_settings
from fastapi.testclient import TestClient

from databases import DatabaseFactory
from list_update_support import (
    NEW_ALIAS,
    SUPPLIERS,
    UN_FILE,
    un_screener,
    un_snapshot,
    updated_un_xml,
)
from screening.api.app import create_app
from screening.monitoring.signing import SIGNATURE_HEADER, is_valid_signature
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot

OPERATOR = {"X-API-Key": OPERATOR_KEY}
SECRET = "whsec-alerts-test-0123456789"


@dataclass
class Keys:
    analyst: dict[str, str]
    auditor: dict[str, str]
    admin: dict[str, str]


@dataclass
class Receiver:
    url: str = ""
    bodies: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)


@pytest.fixture(params=DATABASE_KINDS)
def client(
    request: pytest.FixtureRequest, database_factory: DatabaseFactory, tmp_path: Path
) -> Iterator[TestClient]:
    url = database_factory.url(request.param)
    engine = make_engine(url)
    migrate(engine)
    import_snapshot(engine, un_snapshot(), imported_by="bundled")
    service = ScreeningService(engine, api_settings(url, tmp_path).lists_dir)
    service.use(un_screener())
    with TestClient(create_app(api_settings(url, tmp_path), service=service)) as test_client:
        yield test_client
    engine.dispose()


@pytest.fixture
def keys(client: TestClient) -> Keys:
    tenant = client.post("/v1/admin/tenants", headers=OPERATOR, json={"name": "acme"}).json()
    admin = {"X-API-Key": tenant["api_key"]}

    def key(role: str) -> dict[str, str]:
        body = {"tenant_id": tenant["tenant_id"], "role": role}
        return {
            "X-API-Key": client.post("/v1/admin/keys", headers=admin, json=body).json()["api_key"]
        }

    return Keys(analyst=key("analyst"), auditor=key("auditor"), admin=admin)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.bodies.append((body, dict(self.headers.items())))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/screening-alerts"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()


def wait_until(condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def suppliers_csv() -> bytes:
    lines = ["Vendor No,Supplier Name,Country"]
    lines += [f"{s.ref},{s.name},{s.country}" for s in SUPPLIERS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload_monitored(client: TestClient, keys: Keys, monitor: bool = True) -> str:
    response = client.post(
        "/v1/uploads",
        headers=keys.analyst,
        files={"file": ("suppliers.csv", suppliers_csv(), "text/csv")},
        data={"monitor": "true" if monitor else "false"},
    )
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    wait_until(
        lambda: client.get(f"/v1/jobs/{job_id}", headers=keys.analyst).json()["status"] == "done",
        "the upload job",
    )
    return job_id


def monitored(client: TestClient, keys: Keys) -> list[dict[str, Any]]:
    body = client.get("/v1/monitored-lists", headers=keys.analyst).json()
    lists: list[dict[str, Any]] = body["monitored_lists"]
    return lists


def import_updated_un_list(client: TestClient) -> None:
    response = client.post(
        "/v1/admin/lists/un-sc",
        headers=OPERATOR,
        files=[("files", (UN_FILE, updated_un_xml(), "application/xml"))],
    )
    assert response.status_code == 201, response.text
    runner = client.app.state.monitoring.runner  # type: ignore[attr-defined]
    assert runner.wait_until_idle(timeout=60)


def alerts(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get("/v1/alerts", headers=headers)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["alerts"]
    return found


def test_monitored_upload_is_kept_once_its_job_is_done(client: TestClient, keys: Keys) -> None:
    job_id = upload_monitored(client, keys)
    (kept,) = wait_until(
        lambda: [m for m in monitored(client, keys) if m["status"] == "active"], "monitoring"
    )
    assert kept["job_id"] == job_id
    assert kept["suppliers"] == len(SUPPLIERS)
    assert kept["list_versions"] == {"un-sc": un_snapshot().version}


def test_list_update_creates_exactly_the_expected_alerts(client: TestClient, keys: Keys) -> None:
    upload_monitored(client, keys)
    wait_until(lambda: monitored(client, keys)[0]["status"] == "active", "monitoring")
    import_updated_un_list(client)
    found = alerts(client, keys.analyst)
    assert [(a["supplier"]["ref"], a["kind"], a["entry"]["source_id"]) for a in found] == [
        ("V-1", "changed_match", "KPe.001"),
        ("V-2", "match_gone", "KPe.050"),
        ("V-4", "new_match", "KPe.999"),
    ]
    changed = found[0]
    assert changed["changes"] == [f"new alias {NEW_ALIAS!r}"]
    assert changed["list_versions"] == {
        "before": un_snapshot().version,
        "after": un_snapshot(updated=True).version,
    }
    assert NEW_ALIAS in changed["after"]["entry_names"]
    assert NEW_ALIAS not in changed["before"]["entry_names"]


def test_upload_without_monitor_raises_no_alerts(client: TestClient, keys: Keys) -> None:
    upload_monitored(client, keys, monitor=False)
    assert monitored(client, keys) == []
    import_updated_un_list(client)
    assert alerts(client, keys.analyst) == []


def test_auditors_read_alerts_and_other_tenants_see_none(client: TestClient, keys: Keys) -> None:
    upload_monitored(client, keys)
    wait_until(lambda: monitored(client, keys)[0]["status"] == "active", "monitoring")
    import_updated_un_list(client)
    assert len(alerts(client, keys.auditor)) == 3
    other = client.post("/v1/admin/tenants", headers=OPERATOR, json={"name": "globex"}).json()
    assert alerts(client, {"X-API-Key": other["api_key"]}) == []


def test_webhook_receives_the_alerts_signed(
    client: TestClient, keys: Keys, receiver: Receiver
) -> None:
    response = client.post(
        "/v1/webhooks", headers=keys.admin, json={"url": receiver.url, "secret": SECRET}
    )
    assert response.status_code == 201, response.text
    upload_monitored(client, keys)
    wait_until(lambda: monitored(client, keys)[0]["status"] == "active", "monitoring")
    import_updated_un_list(client)
    (body, headers) = wait_until(lambda: receiver.bodies, "the webhook delivery")[0]
    assert is_valid_signature(SECRET, body, headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert [a["kind"] for a in payload["data"]["alerts"]] == [
        "changed_match",
        "match_gone",
        "new_match",
    ]
    deliveries = wait_until(
        lambda: [
            d
            for d in client.get("/v1/webhooks/deliveries", headers=keys.auditor).json()[
                "deliveries"
            ]
            if d["state"] == "delivered"
        ],
        "the delivery to be recorded",
    )
    assert [(a["attempt"], a["status_code"]) for a in deliveries[0]["attempts"]] == [(1, 200)]


def test_webhook_secret_is_never_returned(client: TestClient, keys: Keys) -> None:
    set_response = client.post(
        "/v1/webhooks",
        headers=keys.admin,
        json={"url": "https://erp.example/hook", "secret": SECRET},
    )
    shown = client.get("/v1/webhooks", headers=keys.admin)
    assert SECRET not in set_response.text
    assert SECRET not in shown.text
    assert shown.json()["webhook"]["url"] == "https://erp.example/hook"


def test_only_admins_set_the_webhook(client: TestClient, keys: Keys) -> None:
    body = {"url": "https://erp.example/hook", "secret": SECRET}
    assert client.post("/v1/webhooks", headers=keys.analyst, json=body).status_code == 403
    assert client.post("/v1/webhooks", headers=keys.auditor, json=body).status_code == 403


def test_webhook_url_must_be_http(client: TestClient, keys: Keys) -> None:
    body = {"url": "file:///etc/passwd", "secret": SECRET}
    assert client.post("/v1/webhooks", headers=keys.admin, json=body).status_code == 422


def test_stopped_list_is_not_screened_again(client: TestClient, keys: Keys) -> None:
    upload_monitored(client, keys)
    (kept,) = wait_until(
        lambda: [m for m in monitored(client, keys) if m["status"] == "active"], "monitoring"
    )
    assert (
        client.delete(f"/v1/monitored-lists/{kept['id']}", headers=keys.analyst).status_code == 204
    )
    import_updated_un_list(client)
    assert alerts(client, keys.analyst) == []
