"""The one way tests serve the real app: `serving_app` on a database of either kind (SQLite file
or PostgreSQL), then in process (`served_api`: a TestClient, lifespan and all) or on a loopback
port (`served_on_loopback`: uvicorn in a thread, logging as `screening serve` does).

The app serves an already built Screener, so no test waits for lists to load; `stored_lists`
makes the database hold the versions that Screener serves. A server in a process of its own (its
memory or output measured alone) is support.server_process; `screening serve` itself is
support.web's.
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from databases import DatabaseFactory
from screening.api.app import create_app
from screening.config import Settings
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_IDS
from support.waiting import wait_until

LISTS_DIR = Path(__file__).resolve().parents[2] / "lists"
OPERATOR_KEY = "operator-key-for-tests-only-7f3a9c2e51"
DATABASE_KINDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgres),
]


def api_settings(database_url: str, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "broker_url": "",
        "admin_key": OPERATOR_KEY,
        "lists_dir": LISTS_DIR,
        "data_dir": data_dir,
        "rate_limit_per_minute": 0,
        "list_refresh_seconds": 0,
    }
    values.update(overrides)
    return Settings(**values)


def serving_app(
    database_url: str, screener: Screener, data_dir: Path, **overrides: Any
) -> tuple[FastAPI, ScreeningService]:
    """The real app on `database_url`, serving an already built Screener (no list loading)."""
    service = ScreeningService(make_engine(database_url), LISTS_DIR)
    service.use(screener)
    return create_app(api_settings(database_url, data_dir, **overrides), service=service), service


@contextmanager
def served_api(
    database_url: str, screener: Screener, data_dir: Path, **overrides: Any
) -> Iterator[Api]:
    """`serving_app` started (lifespan and all) behind a TestClient, stopped afterwards."""
    app, service = serving_app(database_url, screener, data_dir, **overrides)
    with TestClient(app) as client:
        yield Api(client, service)
    service.engine.dispose()


@contextmanager
def served_client(
    settings: Settings, service: ScreeningService | None = None
) -> Iterator[TestClient]:
    """The app made from `settings` behind a TestClient, lifespan and all: with `service` (one
    already serving lists, perhaps shared with another app), or loading its lists itself as
    `screening serve` does (None)."""
    with TestClient(create_app(settings, service=service)) as client:
        yield client


def build_screener(snapshots: list[ListSnapshot]) -> Screener:
    ordered = sorted(snapshots, key=lambda s: LIST_IDS.index(s.list_id))
    return Screener.from_snapshots(ordered, (LISTS_DIR / "host-risk.toml").read_bytes())


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    admin_key: str


class Api:
    """A TestClient with the operator key and helpers to make tenants and keys."""

    def __init__(self, client: TestClient, service: ScreeningService) -> None:
        self.client = client
        self.service = service

    @staticmethod
    def auth(key: str) -> dict[str, str]:
        return {"X-API-Key": key}

    def get(self, path: str, key: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, headers=self.auth(key), **kwargs)

    def post(self, path: str, key: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, headers=self.auth(key), **kwargs)

    def delete(self, path: str, key: str, **kwargs: Any) -> httpx.Response:
        return self.client.delete(path, headers=self.auth(key), **kwargs)

    def new_tenant(self, prefix: str = "tenant") -> Tenant:
        name = f"{prefix}-{uuid.uuid4().hex[:10]}"
        response = self.post("/v1/admin/tenants", OPERATOR_KEY, json={"name": name})
        assert response.status_code == 201, response.text
        body = response.json()
        return Tenant(body["tenant_id"], body["api_key"])

    def new_key(self, tenant: Tenant, role: str) -> str:
        response = self.post(
            "/v1/admin/keys", tenant.admin_key, json={"tenant_id": tenant.tenant_id, "role": role}
        )
        assert response.status_code == 201, response.text
        key: str = response.json()["api_key"]
        return key

    def screen(self, key: str, *suppliers: dict[str, Any], **extra: Any) -> httpx.Response:
        return self.post("/v1/screen", key, json={"suppliers": list(suppliers), **extra})


def stored_lists(database_url: str, snapshots: list[ListSnapshot]) -> str:
    """`database_url` migrated and holding `snapshots` (as the bundled lists are stored)."""
    engine = make_engine(database_url)
    migrate(engine)
    for snapshot in snapshots:
        import_snapshot(engine, snapshot, imported_by="bundled")
    engine.dispose()
    return database_url


class StoredListsDatabases:
    """A database per kind ("sqlite", "postgresql") holding `snapshots`, made once each."""

    def __init__(self, factory: DatabaseFactory, snapshots: list[ListSnapshot]) -> None:
        self._factory = factory
        self._snapshots = snapshots
        self._urls: dict[str, str] = {}

    def url(self, kind: str) -> str:
        if kind not in self._urls:
            self._urls[kind] = stored_lists(self._factory.url(kind), self._snapshots)
        return self._urls[kind]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class LoopbackServer:
    host: str
    port: int

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def served_on_loopback(
    app: FastAPI, *, log_config: dict[str, Any] | None = None
) -> Iterator[LoopbackServer]:
    """`app` served by uvicorn on a free loopback port, in a thread of this process; stopped
    (lifespan and all) afterwards. Logging is left as it is unless `log_config` is given:
    `logging_config()` logs as `screening serve` does (for the whole test process)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="on", log_config=log_config)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-under-test", daemon=True)
    thread.start()

    def started() -> bool:
        assert thread.is_alive(), "uvicorn stopped before it started serving"
        return bool(server.started)

    wait_until(started, "uvicorn to start serving")
    try:
        yield LoopbackServer("127.0.0.1", port)
    finally:
        server.should_exit = True
        thread.join()
