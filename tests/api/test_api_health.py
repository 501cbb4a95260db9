"""GET /healthz and /readyz: ok only once the lists are loaded and the index is built."""

from __future__ import annotations

from pathlib import Path

from api_support import LISTS_DIR, Api, api_settings
from fastapi.testclient import TestClient

from list_update_support import un_snapshot
from screening.api.app import create_app
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot


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
    with TestClient(create_app(api_settings(url, tmp_path), service=service)) as client:
        service.wait_until_settled()
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert (health.status_code, health.json()) == (503, {"status": "failed"})
    assert ready.json()["stage"] == "failed"
    assert "host-risk.toml" in ready.json()["detail"]
