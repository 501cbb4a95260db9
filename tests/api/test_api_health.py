"""GET /healthz and /readyz: ok only once the lists are loaded and the index is built."""

from __future__ import annotations

import socket
from pathlib import Path

from fastapi.testclient import TestClient

from list_update_support import un_snapshot
from screening.api.app import create_app
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from support.serving import LISTS_DIR, Api, api_settings, served_client


def test_healthz_is_ok_when_the_lists_are_loaded(api: Api) -> None:
    response = api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_names_the_list_versions_serving(api: Api) -> None:
    body = api.client.get("/readyz").json()
    assert body["ready"] is True
    assert body["stage"] == "ready"
    assert {item["list"] for item in body["lists"]} == {
        "us-ofac-sdn",
        "us-ofac-cons",
        "un-sc",
        "uk-ofsi",
        "dprk-labour",
    }


def test_before_the_lists_load_healthz_and_readyz_say_not_ready(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    service = ScreeningService(make_engine(url), LISTS_DIR)  # never started: nothing loaded
    client = TestClient(create_app(api_settings(url, tmp_path), service=service))

    health = client.get("/healthz")
    ready = client.get("/readyz")

    assert (health.status_code, health.json()) == (503, {"status": "starting"})
    assert ready.status_code == 503
    assert ready.json()["ready"] is False
    assert ready.json()["stage"] == "starting"


def test_failed_loading_shows_in_readyz_with_the_reason(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    engine = make_engine(url)
    migrate(engine)
    import_snapshot(engine, un_snapshot(), imported_by="test")
    empty_lists_dir = tmp_path / "lists"  # no host-risk.toml: the index cannot be built
    empty_lists_dir.mkdir()
    service = ScreeningService(engine, empty_lists_dir)
    with served_client(api_settings(url, tmp_path), service) as client:
        service.wait_until_settled()
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert (health.status_code, health.json()) == (503, {"status": "failed"})
    assert ready.json()["stage"] == "failed"
    assert "host-risk.toml" in ready.json()["detail"]


def test_readyz_checks_the_database_and_says_no_broker_is_configured(api: Api) -> None:
    body = api.client.get("/readyz").json()
    assert body["checks"] == {"lists": "ready", "database": "ok", "broker": "not configured"}


def test_readyz_checks_the_broker_when_one_is_set(api: Api, tmp_path: Path) -> None:
    settings = api_settings(api.service.engine.url.render_as_string(hide_password=False), tmp_path)
    for broker, answer, status in (
        ("redis://127.0.0.1:6379/0", "ok", 200),
        (f"redis://127.0.0.1:{closed_port()}/0", "unreachable", 503),
    ):
        app = create_app(settings.model_copy(update={"broker_url": broker}), service=api.service)
        response = TestClient(app).get("/readyz")  # no lifespan: nothing is queued
        assert (response.status_code, response.json()["checks"]["broker"]) == (status, answer)
        assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_not_ready_while_the_database_does_not_answer(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{closed_port()}/nothing"  # nothing listens there
    service = ScreeningService(make_engine(url), LISTS_DIR)
    client = TestClient(create_app(api_settings(url, tmp_path), service=service))

    ready = client.get("/readyz")

    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "unreachable"
    assert "127.0.0.1" not in ready.text  # the reason stays in the server's log
    assert client.get("/healthz").status_code == 503  # liveness: the lists, nothing else


def closed_port() -> int:
    """A loopback port nothing listens on: bound, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
