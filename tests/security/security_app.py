"""Helpers for the security tests: databases holding the lists, and the app served by uvicorn.

A live server matters where the test client would hide the behaviour: the test client reads a
whole request body before the app sees it, and uvicorn's own loggers never run under it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from databases import DatabaseFactory
from screening.api.access_log import logging_config
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from screening.watchlist.model import ListSnapshot

SECURITY_LISTS = ("us-ofac-cons", "un-sc", "dprk-labour")
HANG_GUARD_SECONDS = 60  # only stops a hung test; never a speed requirement


class StoredListsDatabases:
    """A database per kind ("sqlite", "postgresql") holding `snapshots`, made once each."""

    def __init__(self, factory: DatabaseFactory, snapshots: list[ListSnapshot]) -> None:
        self._factory = factory
        self._snapshots = snapshots
        self._urls: dict[str, str] = {}

    def url(self, kind: str) -> str:
        if kind not in self._urls:
            url = self._factory.url(kind)
            engine = make_engine(url)
            migrate(engine)
            for snapshot in self._snapshots:
                import_snapshot(engine, snapshot, imported_by="bundled")
            engine.dispose()
            self._urls[kind] = url
        return self._urls[kind]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class LiveServer:
    host: str
    port: int

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def served(app: FastAPI) -> Iterator[LiveServer]:
    """`app` served by uvicorn on a free loopback port, in a thread of this process, logging
    as `screening serve` does."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="on", log_config=logging_config()
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-under-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn stopped before it started serving")
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield LiveServer("127.0.0.1", port)
    finally:
        server.should_exit = True
        thread.join(HANG_GUARD_SECONDS)
