"""Signals from the followers of a server of several processes to its leader, as files in the
data directory whose change the leader notices within a second: a job was queued (the leader
runs jobs), a tenant's own lists changed (the leader re-screens monitored lists).

A signal only says "look again": what to do is read from the database, so a signal sent twice,
or while the leader was busy, costs one look and loses nothing.
"""

from __future__ import annotations

import os
from pathlib import Path


class LeaderSignals:
    JOBS = "jobs"
    TENANT_LISTS = "tenant-lists"
    KINDS = (JOBS, TENANT_LISTS)

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen = {kind: self._stamp(kind) for kind in self.KINDS}  # signals before now: seen

    def send(self, kind: str) -> None:
        """Tell the leader to look again at `kind`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"signal-{kind}"
        path.write_text(f"{os.getpid()} {os.urandom(8).hex()}\n", encoding="ascii")

    def received(self) -> list[str]:
        """The kinds signalled since the last call (by any process)."""
        changed = []
        for kind in self.KINDS:
            stamp = self._stamp(kind)
            if stamp != self._seen[kind]:
                self._seen[kind] = stamp
                changed.append(kind)
        return changed

    def _stamp(self, kind: str) -> tuple[int, int, str] | None:
        path = self.folder / f"signal-{kind}"
        try:
            stat = path.stat()
            return (stat.st_mtime_ns, stat.st_ino, path.read_text(encoding="ascii"))
        except FileNotFoundError:
            return None
