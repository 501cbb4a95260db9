"""The Screeners of one worker process, built from the exact list snapshots a job was started with.

Building the match index takes seconds, so each worker process keeps the Screeners it built,
keyed by the snapshot versions: a worker loads the index once and reuses it for every chunk of
every job on the same lists. Only a few are kept: each holds a whole index in memory.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from screening.screener import Screener
from screening.store.snapshots import active_infos, load_snapshot
from screening.tenant_lists.store import is_tenant_list_id
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE, LIST_IDS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SnapshotRef:
    """One list version a job uses; sha256 tells two imports with the same version apart."""

    list_id: str
    version: str
    sha256: str


def refs_of_job(list_versions: Sequence[Mapping[str, Any]]) -> list[SnapshotRef]:
    """The official snapshots a started job names (its `list_versions`, in their order); its
    tenant's own lists are loaded apart (screening.tenant_lists.screening.job_screener)."""
    return [
        SnapshotRef(v["list_id"], v["version"], v.get("sha256") or "")
        for v in list_versions
        if not is_tenant_list_id(v["list_id"])
    ]


def active_refs(engine: Engine, lists: Collection[str] | None = None) -> list[SnapshotRef]:
    """The active snapshot of every list (of `lists`, the lists the deployment screens, when
    given), sanctions lists first (as the API serves them)."""
    infos = sorted(
        (info for info in active_infos(engine) if lists is None or info.list_id in lists),
        key=lambda i: (
            LIST_IDS.index(i.list_id) if i.list_id in LIST_IDS else len(LIST_IDS),
            i.list_id,
        ),
    )
    return [SnapshotRef(i.list_id, i.version, i.sha256) for i in infos]


class MissingSnapshotError(LookupError):
    """A job names a list version the database does not hold (or holds with other content)."""

    def __init__(self, ref: SnapshotRef) -> None:
        super().__init__(f"no stored snapshot {ref.list_id} {ref.version} ({ref.sha256[:12]})")
        self.ref = ref


def load_job_snapshots(engine: Engine, refs: Sequence[SnapshotRef]) -> list[ListSnapshot]:
    snapshots = []
    for ref in refs:
        snapshot = load_snapshot(engine, ref.list_id, ref.version)
        if snapshot is None or (ref.sha256 and snapshot.sha256 != ref.sha256):
            raise MissingSnapshotError(ref)
        snapshots.append(snapshot)
    return snapshots


class ScreenerCache:
    """Screeners by snapshot set, the most recently used kept; safe to share between threads."""

    def __init__(self, engine: Engine, lists_dir: Path, *, keep: int = 2) -> None:
        self.engine = engine
        self.lists_dir = lists_dir
        self.keep = keep
        self._screeners: OrderedDict[tuple[SnapshotRef, ...], Screener] = OrderedDict()
        self._lock = threading.Lock()

    def screener(self, refs: Sequence[SnapshotRef]) -> Screener:
        key = tuple(refs)
        with self._lock:
            cached = self._screeners.get(key)
            if cached is not None:
                self._screeners.move_to_end(key)
                return cached
            # Drop the oldest before building: two indexes at once is the memory peak to avoid.
            while len(self._screeners) >= self.keep:
                self._screeners.popitem(last=False)
            started = time.perf_counter()
            snapshots = load_job_snapshots(self.engine, key)
            host_risk = (self.lists_dir / HOST_RISK_FILE).read_bytes()
            screener = Screener.from_snapshots(snapshots, host_risk)
            self._screeners[key] = screener
            log.info(
                "built the match index of %s in %.1f s",
                ", ".join(f"{ref.list_id} {ref.version}" for ref in key),
                time.perf_counter() - started,
            )
            return screener
