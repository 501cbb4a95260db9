"""What may hold up a request, recorded inside every process of a server by `bench.tail_trace`.

Loaded at interpreter start (a `sitecustomize` the bench writes, when SCREENING_TAIL_TRACE names
a folder) in the supervisor and each serving process; nothing of it runs in a normal server.
Each process appends JSON lines to `<folder>/<pid>.jsonl`: its requests (ASGI start to the last
byte handed to the server), the worker-thread part of POST /v1/screen, the collector's pauses
(`gc.callbacks`), the event loop's lateness (a 2 ms ticker), and each group commit (the group's
size, the wait for other processes' writers, its statements, its commit, whether that commit ran
a WAL checkpoint: SQLite's shared memory header moved its backfill mark).
SCREENING_TAIL_PRAGMAS ("wal_autocheckpoint=0;...") is run on each new SQLite connection, to try
a setting without changing the code; SCREENING_TAIL_SWITCH_INTERVAL, Python's switch interval.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import importlib.abc
import importlib.machinery
import json
import os
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

_FOLDER = os.environ.get("SCREENING_TAIL_TRACE", "")
_events: list[list[Any]] = []
_lock = threading.Lock()
LOOP_TICK = 0.002


def record(kind: str, start: float, end: float, **extra: Any) -> None:
    with _lock:
        _events.append([kind, start, end, extra])


def flush() -> None:
    with _lock:
        taken = _events[:]
        _events.clear()
    if not taken or not _FOLDER:
        return
    with (Path(_FOLDER) / f"{os.getpid()}.jsonl").open("a") as out:
        out.writelines(json.dumps(event) + "\n" for event in taken)


def _flush_every_second() -> None:
    while True:
        time.sleep(1.0)
        flush()


_gc_started: list[float] = [0.0]


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _gc_started[0] = time.time()
    else:
        record(
            "gc",
            _gc_started[0],
            time.time(),
            generation=info["generation"],
            collected=info["collected"],
        )


# --- group commits ------------------------------------------------------------------------


def _wal_backfill(engine: Any) -> int | None:
    """SQLite's count of WAL frames checkpointed into the database, from the shared memory
    file's checkpoint info (its nBackfill, after the two copies of the 48-byte index header)."""
    database = getattr(engine.url, "database", None)
    if engine.dialect.name != "sqlite" or not database:
        return None
    try:
        with open(f"{database}-shm", "rb") as shm:
            shm.seek(96)
            return int(struct.unpack("<I", shm.read(4))[0])
    except (OSError, struct.error):
        return None


def _patch_group_commit(module: ModuleType) -> None:
    committer = module.GroupCommitter
    original = committer._write_in_one_transaction

    def write_in_one_transaction(self: Any, items: list[Any]) -> list[Any]:
        inner = self._write_group
        marks: list[float] = []

        def timed(session: Any, group: list[Any]) -> Any:
            marks.append(time.time())
            try:
                return inner(session, group)
            finally:
                marks.append(time.time())

        self._write_group = timed  # only the committer's thread calls it
        backfill = _wal_backfill(self._engine)
        started = time.time()
        try:
            return list(original(self, items))
        finally:
            self._write_group = inner
            ended = time.time()
            after = _wal_backfill(self._engine)
            if len(marks) == 2:
                record(
                    "group",
                    started,
                    ended,
                    size=len(items),
                    wait=marks[0] - started,
                    write=marks[1] - marks[0],
                    commit=ended - marks[1],
                    checkpoint=backfill is not None and after is not None and after != backfill,
                )

    committer._write_in_one_transaction = write_in_one_transaction


def _patch_engine(module: ModuleType) -> None:
    pragmas = [p for p in os.environ.get("SCREENING_TAIL_PRAGMAS", "").split(";") if p]
    if not pragmas:
        return
    configure = module._configure_sqlite

    def configure_sqlite(dbapi_connection: Any, record_: Any) -> None:
        configure(dbapi_connection, record_)
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    module._configure_sqlite = configure_sqlite


# --- requests and the event loop ------------------------------------------------------------


async def _watch_loop() -> None:
    while True:
        before = time.time()
        await asyncio.sleep(LOOP_TICK)
        late = time.time() - before - LOOP_TICK
        if late > 0.005:
            record("loop_late", before + LOOP_TICK, time.time(), late=late)


def _traced(app: Callable[..., Any]) -> Callable[..., Any]:
    watching: list[asyncio.Task[None]] = []

    async def traced(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        if not watching:
            watching.append(asyncio.get_running_loop().create_task(_watch_loop()))
        started = time.time()
        status = [0]

        async def send_traced(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_traced)
        finally:
            record("request", started, time.time(), path=scope["path"], status=status[0])

    return traced


def _patch_serve_worker(module: ModuleType) -> None:
    make = module.worker_app

    def worker_app() -> Callable[..., Any]:
        return _traced(make())

    module.worker_app = worker_app


def _patch_screen_route(module: ModuleType) -> None:
    handler = module.screen_and_store

    def screen_and_store(*args: Any, **kwargs: Any) -> Any:
        started = time.time()
        try:
            return handler(*args, **kwargs)
        finally:
            record("handler", started, time.time())

    module.screen_and_store = screen_and_store


_PATCHES: dict[str, Callable[[ModuleType], None]] = {
    "screening.store.group_commit": _patch_group_commit,
    "screening.store.db": _patch_engine,
    "screening.commands.serve_worker": _patch_serve_worker,
    "screening.api.routes.screen": _patch_screen_route,
}


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    """Runs a patch on a module once it is executed, the first time it is imported."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in _PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            _PATCHES[name](module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install() -> None:
    if not _FOLDER:
        return
    sys.meta_path.insert(0, _PatchAfterImport())
    interval = os.environ.get("SCREENING_TAIL_SWITCH_INTERVAL")
    if interval:
        sys.setswitchinterval(float(interval))
    gc.callbacks.append(_on_gc)
    threading.Thread(target=_flush_every_second, name="tail-probe", daemon=True).start()
    atexit.register(flush)
