"""One serving process of `screening serve` with SCREENING_SERVE_WORKERS above one.

uvicorn starts each as a fresh process (spawned, never forked from the threaded server) and
asks `worker_app` for its app. The first to take the leader lock in the data directory leads
(does the background work, see screening.api.background) as long as it lives; when it dies,
uvicorn starts a new process in its place, which takes the lock the dead one lost.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from screening.api.app import create_app
from screening.api.background import ServerRole, server_folder
from screening.commands.serve import READY_LINE_VARIABLE, announce_ready
from screening.config import load_settings
from screening.process_locks import ProcessLock
from screening.process_signals import LeaderSignals

_LEADER_LOCK = "leader.lock"

_held: list[ProcessLock] = []  # the leader's lock, held for the life of the process


def worker_app() -> FastAPI:
    """The app of one serving process (uvicorn's factory)."""
    settings = load_settings()
    folder = server_folder(settings.data_dir)
    lock = ProcessLock(folder / _LEADER_LOCK)
    leads = lock.try_acquire()
    if leads:
        _held.append(lock)
    app = create_app(settings, role=ServerRole(leads=leads, signals=LeaderSignals(folder)))
    line = os.environ.get(READY_LINE_VARIABLE)
    if leads and line:
        announce_ready(app.state.service, line)
    return app
