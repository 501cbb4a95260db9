"""An index file built in a process of its own, so the server that serves it never holds the
built object graph.

Building the index of every list takes a few hundred megabytes of Python objects; freed after
the file is written, most of it stays in the builder's heap (fragmented, never given back to the
system). A fresh process (spawned: never a fork of the threaded server) reads the list versions
from the database, builds, writes the file and exits; the server then maps the file like every
other process. A database only this process can open (in-memory SQLite, in tests) is built here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.jobs.pool import can_share_database
from screening.screener import Screener
from screening.screener_file import write_screener_file
from screening.store.db import make_engine
from screening.store.snapshots import load_snapshot


class IndexBuildError(RuntimeError):
    """The builder process failed (its error is in the server's log)."""


def write_index(
    path: Path, engine: Engine, versions: Sequence[tuple[str, str]], host_risk: bytes
) -> None:
    """Write the Screener of the stored list versions ((list id, version), in the index's
    order) to `path`: built in a spawned process when the database can be shared, else here."""
    database_url = engine.url.render_as_string(hide_password=False)
    if not can_share_database(database_url):
        write_screener_file(path, _built(engine, versions, host_risk))
        return
    builder = multiprocessing.get_context("spawn").Process(
        target=_build_apart,
        args=(str(path), database_url, list(versions), host_risk),
        name="index-build",
    )
    builder.start()
    builder.join()
    if builder.exitcode != 0:
        raise IndexBuildError(f"building {path.name} failed (exit status {builder.exitcode})")


def _build_apart(
    path: str, database_url: str, versions: list[tuple[str, str]], host_risk: bytes
) -> None:
    engine = make_engine(database_url)
    try:
        write_screener_file(Path(path), _built(engine, versions, host_risk))
    finally:
        engine.dispose()


def _built(engine: Engine, versions: Sequence[tuple[str, str]], host_risk: bytes) -> Screener:
    snapshots = []
    for list_id, version in versions:
        snapshot = load_snapshot(engine, list_id, version)
        if snapshot is None:
            raise IndexBuildError(f"{list_id} {version} is not stored")
        snapshots.append(snapshot)
    return Screener.from_snapshots(snapshots, host_risk)
