"""Monitoring end to end: an upload kept with monitor=true, a UN list update, exactly the alerts
expected at GET /v1/alerts, and the tenant's webhook told, signed.

One scenario per database kind, arranged once: an app serving the UN list alone
(list_update_support), three tenants (a monitored upload with a webhook, an upload without
monitoring, a monitored upload then stopped), then one import of the updated UN list. Each test
checks one outcome of it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
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
from screening.monitoring.signing import verify_delivery
from screening.service import ScreeningService
from screening.store.db import make_engine
from support.serving import DATABASE_KINDS, OPERATOR_KEY, api_settings, served_client, stored_lists
from support.waiting import wait_until

OPERATOR = {"X-API-Key": OPERATOR_KEY}
SECRET = "whsec-alerts-test-0123456789"


@dataclass
class Tenant:
    tenant_id: str
    admin: dict[str, str]
    analyst: dict[str, str]
    auditor: dict[str, str]


@dataclass
class Receiver:
    url: str = ""
    bodies: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)


@dataclass
class Scenario:
    client: TestClient
    watched: Tenant  # monitored upload, webhook set
    unwatched: Tenant  # the same upload without monitor=true
    stopped: Tenant  # monitored, then stopped before the update
    watched_job: str
    receiver: Receiver


def new_tenant(client: TestClient, name: str) -> Tenant:
    created = client.post("/v1/admin/tenants", headers=OPERATOR, json={"name": name}).json()
    admin = {"X-API-Key": created["api_key"]}

    def key(role: str) -> dict[str, str]:
        body = {"tenant_id": created["tenant_id"], "role": role}
        response = client.post("/v1/admin/keys", headers=admin, json=body)
        return {"X-API-Key": response.json()["api_key"]}

    return Tenant(created["tenant_id"], admin, key("analyst"), key("auditor"))


def suppliers_csv() -> bytes:
    lines = ["Vendor No,Supplier Name,Country"]
    lines += [f"{s.ref},{s.name},{s.country}" for s in SUPPLIERS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(client: TestClient, tenant: Tenant, monitor: bool) -> str:
    response = client.post(
        "/v1/uploads",
        headers=tenant.analyst,
        files={"file": ("suppliers.csv", suppliers_csv(), "text/csv")},
        data={"monitor": "true" if monitor else "false"},
    )
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    wait_until(
        lambda: client.get(f"/v1/jobs/{job_id}", headers=tenant.analyst).json()["status"] == "done",
        "the upload job",
    )
    return job_id


def monitored(client: TestClient, tenant: Tenant) -> list[dict[str, Any]]:
    body = client.get("/v1/monitored-lists", headers=tenant.analyst).json()
    lists: list[dict[str, Any]] = body["monitored_lists"]
    return lists


def kept_active(client: TestClient, tenant: Tenant) -> dict[str, Any]:
    (kept,) = wait_until(
        lambda: [m for m in monitored(client, tenant) if m["status"] == "active"],
        "the upload to be kept under watch",
    )
    return dict(kept)


def alerts(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get("/v1/alerts", headers=headers)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["alerts"]
    return found


@pytest.fixture(scope="module")
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


@pytest.fixture(scope="module", params=DATABASE_KINDS)
def scenario(
    request: pytest.FixtureRequest,
    database_factory: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
    receiver: Receiver,
) -> Iterator[Scenario]:
    url = stored_lists(database_factory.url(request.param), [un_snapshot()])
    engine = make_engine(url)
    # The receiver is on loopback: an intranet ERP as far as the server can tell.
    settings = api_settings(url, tmp_path_factory.mktemp("alerts"), webhook_allow=("127.0.0.1",))
    service = ScreeningService(engine, settings.lists_dir)
    service.use(un_screener())
    receiver.bodies.clear()
    with served_client(settings, service) as client:
        watched = new_tenant(client, "watched")
        unwatched = new_tenant(client, "unwatched")
        stopped = new_tenant(client, "stopped")
        hook = {"url": receiver.url, "secret": SECRET}
        assert client.post("/v1/webhooks", headers=watched.admin, json=hook).status_code == 201
        watched_job = upload(client, watched, monitor=True)
        upload(client, unwatched, monitor=False)
        upload(client, stopped, monitor=True)
        kept_active(client, watched)
        stop = client.delete(
            f"/v1/monitored-lists/{kept_active(client, stopped)['id']}", headers=stopped.analyst
        )
        assert stop.status_code == 204

        response = client.post(
            "/v1/admin/lists/un-sc",
            headers=OPERATOR,
            files=[("files", (UN_FILE, updated_un_xml(), "application/xml"))],
        )
        assert response.status_code == 201, response.text
        assert client.app.state.monitoring.runner.wait_until_idle(timeout=60)  # type: ignore[attr-defined]
        wait_until(lambda: receiver.bodies, "the webhook delivery")
        yield Scenario(client, watched, unwatched, stopped, watched_job, receiver)
    engine.dispose()


def test_list_update_creates_exactly_the_expected_alerts(scenario: Scenario) -> None:
    found = alerts(scenario.client, scenario.watched.analyst)
    assert [(a["supplier"]["ref"], a["kind"], a["entry"]["source_id"]) for a in found] == [
        ("V-1", "changed_match", "KPe.001"),
        ("V-2", "match_gone", "KPe.050"),
        ("V-4", "new_match", "KPe.999"),
    ]


def test_changed_match_names_the_new_alias_and_both_list_versions(scenario: Scenario) -> None:
    changed = alerts(scenario.client, scenario.watched.analyst)[0]
    assert changed["changes"] == [f"new alias {NEW_ALIAS!r}"]
    assert changed["list_versions"] == {
        "before": un_snapshot().version,
        "after": un_snapshot(updated=True).version,
    }
    assert NEW_ALIAS in changed["after"]["entry_names"]
    assert NEW_ALIAS not in changed["before"]["entry_names"]


def test_monitored_upload_is_kept_with_its_job_on_the_new_versions(scenario: Scenario) -> None:
    (kept,) = monitored(scenario.client, scenario.watched)
    assert kept["job_id"] == scenario.watched_job
    assert kept["suppliers"] == len(SUPPLIERS)
    assert kept["list_versions"] == {"un-sc": un_snapshot(updated=True).version}


def test_upload_without_monitor_raises_no_alerts(scenario: Scenario) -> None:
    assert monitored(scenario.client, scenario.unwatched) == []
    assert alerts(scenario.client, scenario.unwatched.analyst) == []


def test_stopped_list_is_not_screened_again(scenario: Scenario) -> None:
    assert [m["status"] for m in monitored(scenario.client, scenario.stopped)] == ["stopped"]
    assert alerts(scenario.client, scenario.stopped.analyst) == []


def test_auditors_read_the_alerts(scenario: Scenario) -> None:
    assert len(alerts(scenario.client, scenario.watched.auditor)) == 3


def test_webhook_receives_the_alerts_signed(scenario: Scenario) -> None:
    (body, headers) = scenario.receiver.bodies[0]
    payload = verify_delivery(SECRET, body, headers)  # as a Standard Webhooks receiver does
    assert payload == json.loads(body)
    assert payload["tenant"] == scenario.watched.tenant_id
    assert [a["kind"] for a in payload["data"]["alerts"]] == [
        "changed_match",
        "match_gone",
        "new_match",
    ]


def test_webhook_delivery_is_recorded(scenario: Scenario) -> None:
    def delivered() -> list[dict[str, Any]]:
        response = scenario.client.get("/v1/webhooks/deliveries", headers=scenario.watched.auditor)
        return [d for d in response.json()["deliveries"] if d["state"] == "delivered"]

    (delivery,) = wait_until(delivered, "the delivery to be recorded")
    assert [(a["attempt"], a["status_code"]) for a in delivery["attempts"]] == [(1, 200)]


def test_monitoring_is_in_the_tenants_audit_log(scenario: Scenario) -> None:
    records = scenario.client.get(
        "/v1/audit", headers=scenario.watched.auditor, params={"limit": 1000}
    ).json()["records"]
    actions = [r["action"] for r in records if r["chain"] == scenario.watched.tenant_id]
    assert {"upload", "screening", "monitoring.start", "monitoring.rescreen"} <= set(actions)


def test_rerun_after_the_update_uses_the_jobs_own_snapshot(scenario: Scenario) -> None:
    response = scenario.client.post(
        f"/v1/jobs/{scenario.watched_job}/rerun", headers=scenario.watched.auditor
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["list_versions"] == {"un-sc": un_snapshot().version}
    assert body["rows_compared"] == len(SUPPLIERS)
    assert body["identical"] is True
    assert body["differences"] == []
