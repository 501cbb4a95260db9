"""Who does a server's background work when several processes serve one port.

One process leads: it loads and fetches the lists, builds and publishes the index file, runs
jobs, monitoring and retention. The others follow: they serve requests from the index file the
leader published, and what a request of theirs leaves for the background (a job queued, a
tenant's own list imported or deleted) they signal to the leader, which reads the work itself
from the database. A server of one process leads alone and signals nobody.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from screening.process_signals import LeaderSignals

log = logging.getLogger(__name__)

SIGNALS_SECONDS = 1.0  # how often the leader looks at its followers' signals


@dataclass(frozen=True, slots=True)
class ServerRole:
    """This process's part in its server: `leads` (the background work is its own), and the
    signals between the processes of a server of several (None: the process serves alone)."""

    leads: bool = True
    signals: LeaderSignals | None = None


ALONE = ServerRole()


def server_folder(data_dir: Path) -> Path:
    """Where the processes of one server keep their lock and signals."""
    return data_dir / "server"


class JobsForLeader:
    """A follower's job executor: the job is stored already; the leader is told to look."""

    def __init__(self, signals: LeaderSignals) -> None:
        self.signals = signals

    def start(self) -> None:
        """Nothing runs here."""

    def stop(self, timeout: float = 0.0) -> None:
        """Nothing runs here."""

    def submit(self, job_id: str) -> None:
        self.signals.send(LeaderSignals.JOBS)


class SignalWatch:
    """The leader's thread: about once a second, acts on what its followers signalled."""

    def __init__(self, signals: LeaderSignals, actions: dict[str, Callable[[], object]]) -> None:
        self.signals = signals
        self.actions = actions
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="screening-signals", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(SIGNALS_SECONDS):
            for kind in self.signals.received():
                try:
                    self.actions[kind]()
                except Exception:  # the next signal, or the periodic sweep, tries again
                    log.exception("acting on a follower's %s signal failed", kind)
