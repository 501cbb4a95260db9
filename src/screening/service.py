"""The screening service: owns the Screener that serves requests and swaps it whole after an import.

Start-up work (fetching the lists no version of which is stored yet, loading the stored
snapshots, building the match index) runs on a background thread, so the server answers /readyz
at once and reports progress; the same thread then checks the lists against their sources on
schedule. An import builds the new Screener completely before one reference assignment replaces
the old one: a screening in flight keeps the Screener it started with.

Given the data directory's index files (screening.index_files), the Screener is built once per
set of list versions into a file and served mapped from it, so every process of a server shares
one copy. A server of several processes has one that leads (loads, fetches, builds, publishes
the file it serves) and followers that serve the file it published (`follows`).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine

from screening.gc_pause import return_freed_memory
from screening.index_builder import write_index
from screening.index_files import IndexFiles, index_key
from screening.process_signals import LeaderSignals
from screening.screener import Screener
from screening.sources.status import next_due, record_import
from screening.sources.update import ListUpdater, UpdateOutcome
from screening.store.imports import ListImport, import_list_files
from screening.store.snapshots import (
    SnapshotInfo,
    active_fingerprint,
    active_infos,
    load_active_snapshots,
    load_snapshot,
    stored_list_ids,
)
from screening.tenant_lists.screening import Versions, tenant_screener, tenant_screener_of
from screening.watchlist.model import Entry, ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE, LIST_IDS, list_source

log = logging.getLogger(__name__)
_S = TypeVar("_S")

_OLDER_SNAPSHOTS_KEPT = 3  # decoded old versions kept in memory for entry look-ups
# With no list to serve, start-up tries again after these many seconds, doubled each time.
_FIRST_WAIT, _LONGEST_WAIT = 5.0, 300.0
_LONGEST_IDLE = 60.0  # the scheduling thread looks at the clock at least this often
FOLLOW_SECONDS = 1.0  # how often a follower reads the index stamp the leader publishes
_FOLLOWER_WAIT = 600.0  # the longest a follower's import waits for the leader to serve it


def _list_order(list_id: str) -> tuple[int, str]:
    """The registry's order (sanctions lists first), unknown ids last."""
    return (LIST_IDS.index(list_id) if list_id in LIST_IDS else len(LIST_IDS), list_id)


class Stage(StrEnum):
    STARTING = "starting"
    FETCHING_LISTS = "fetching lists"
    LOADING_SNAPSHOTS = "loading list snapshots"
    BUILDING_INDEX = "building the match index"
    WAITING_FOR_LISTS = "waiting for lists"  # a first fetch failed: retrying
    READY = "ready"
    FAILED = "failed"


class NoListsError(RuntimeError):
    """A list a fresh server needs has no version yet (its fetch failed): try again later."""


class NotReadyError(RuntimeError):
    """The lists are not loaded yet (or loading failed): nothing can be screened."""

    def __init__(self, stage: Stage, detail: str = "") -> None:
        super().__init__(f"the lists are not ready: {stage.value}{': ' + detail if detail else ''}")
        self.stage = stage
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Serving:
    """What answers requests: one Screener and a lookup of its entries. Replaced, never changed."""

    screener: Screener
    entries: Mapping[tuple[str, str], Entry]  # (list id, source id) -> entry
    since: datetime

    @classmethod
    def of(cls, screener: Screener) -> Serving:
        return cls(screener, EntryLookup(screener.snapshots), datetime.now(UTC))

    def snapshot(self, list_id: str) -> ListSnapshot | None:
        return next((s for s in self.screener.snapshots if s.list_id == list_id), None)

    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((s.list_id, s.sha256) for s in self.screener.snapshots))


class EntryLookup(Mapping[tuple[str, str], Entry]):
    """(list id, source id) -> entry, a list's table made the first time one of its entries is
    asked for: a Screener mapped from its file decodes no entry until then."""

    def __init__(self, snapshots: Sequence[ListSnapshot]) -> None:
        self._snapshots = {s.list_id: s for s in snapshots}
        self._tables: dict[str, dict[str, Entry]] = {}

    def _table(self, list_id: str) -> dict[str, Entry]:
        table = self._tables.get(list_id)
        if table is None:  # two threads may both make it: the same table, one kept
            snapshot = self._snapshots.get(list_id)
            entries = snapshot.entries if snapshot is not None else ()
            table = self._tables.setdefault(list_id, {e.source_id: e for e in entries})
        return table

    def __getitem__(self, key: tuple[str, str]) -> Entry:
        list_id, source_id = key
        return self._table(list_id)[source_id]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for list_id in self._snapshots:
            yield from ((list_id, source_id) for source_id in self._table(list_id))

    def __len__(self) -> int:
        return sum(len(s.entries) for s in self._snapshots.values())


@dataclass(frozen=True, slots=True)
class Readiness:
    ready: bool
    stage: Stage
    detail: str = ""  # the list being imported, or the error that stopped loading
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    ready_since: datetime | None = None


class ScreeningService:
    """Holds the serving Screener of one process; thread-safe."""

    def __init__(
        self,
        engine: Engine,
        lists_dir: Path,
        *,
        refresh_seconds: float = 0,
        updater: ListUpdater | None = None,
        lists: Collection[str] = (),
        index_files: IndexFiles | None = None,
        follows: LeaderSignals | None = None,
    ) -> None:
        """`lists`: the list ids this deployment screens against (SCREENING_LISTS); empty: every
        list. Other lists are neither fetched nor served; their imports are stored.

        `index_files`: build each Screener into a file there and serve it mapped (else in this
        process's memory). `follows`: this process follows the leader of a server of several
        processes (needs `index_files`): it serves the file the leader publishes, loads and
        fetches nothing itself, and tells the leader through these signals what it must do."""
        self.engine = engine
        self.lists_dir = lists_dir
        self.refresh_seconds = refresh_seconds
        self.enabled_lists: frozenset[str] | None = frozenset(lists) or None
        # Fetches the lists at start and on schedule; None: serve what the database holds.
        self.updater = updater
        self.index_files = index_files
        self.leader = follows  # a follower's way to the leader; None: this process leads
        if follows is not None and index_files is None:
            raise ValueError("a follower serves the leader's index files: give them")
        self._update_lock = threading.Lock()  # one run of list checks at a time here
        self._serving: Serving | None = None
        self._followed: str | None = None  # a follower: the key of the index file it serves
        self._stage = Stage.STARTING
        self._detail = ""
        self._started = datetime.now(UTC)
        self._build_lock = threading.Lock()  # one build (start-up, import, refresh) at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._older: dict[tuple[str, str], ListSnapshot] = {}  # oldest first, a few only
        self._cache_lock = threading.Lock()
        self._settled = threading.Event()  # set once start-up loading ended, either way
        # Told of every new set of lists served (monitoring re-screens); must return quickly.
        self.on_lists_changed: list[Callable[[Screener], None]] = []

    # -- what requests read -------------------------------------------------------------------

    def serving(self) -> Serving:
        serving = self._serving
        if serving is None and self.leader is not None and self._follow_once():
            serving = self._serving  # the leader published while this follower was asleep
        if serving is None:
            raise NotReadyError(self._stage, self._detail)
        return serving

    @property
    def screener(self) -> Screener:
        return self.serving().screener

    def screener_for(self, tenant_id: str) -> Screener:
        """The serving Screener with the tenant's own lists beside the official ones.

        Asks the database for the versions of the tenant's lists on every call (one small
        query), so an import or a delete made by any process counts at once; their small index
        is built again only when they changed or the official lists did.
        """
        return tenant_screener(self.engine, self.screener, tenant_id)

    def screener_with(self, tenant_id: str, versions: Versions) -> Screener:
        """As screener_for, with the versions of the tenant's lists read already (the API keeps
        them while the database's read generation stays: store.generations)."""
        return tenant_screener_of(self.engine, self.screener, tenant_id, versions)

    def tenant_lists_changed(self) -> None:
        """A tenant imported or deleted a list of its own: tell the listeners again, as after
        an official import (monitoring re-screens that tenant's monitored lists on them). A
        follower tells the leader, whose listeners those are."""
        if self.leader is not None:
            self.leader.send(LeaderSignals.TENANT_LISTS)
            return
        serving = self._serving
        if serving is None:
            return
        for listener in self.on_lists_changed:
            listener(serving.screener)

    def is_enabled(self, list_id: str) -> bool:
        """Whether this deployment screens against the list (whether or not it is loaded)."""
        return self.enabled_lists is None or list_id in self.enabled_lists

    def readiness(self) -> Readiness:
        if self._serving is None and self.leader is not None:
            self._follow_once()  # the leader may have published since this follower looked
        serving = self._serving
        return Readiness(
            ready=serving is not None,
            stage=Stage.READY if serving is not None else self._stage,
            detail="" if serving is not None else self._detail,
            started=self._started,
            ready_since=serving.since if serving is not None else None,
        )

    def stored_snapshot(self, list_id: str, version: str) -> ListSnapshot | None:
        """A version of a list, serving or older (kept to explain past screenings)."""
        serving = self._serving
        current = serving.snapshot(list_id) if serving is not None else None
        if current is not None and current.version == version:
            return current
        with self._cache_lock:
            cached = self._older.get((list_id, version))
        if cached is not None:
            return cached
        snapshot = load_snapshot(self.engine, list_id, version)
        if snapshot is not None:
            with self._cache_lock:
                self._older[(list_id, version)] = snapshot
                while len(self._older) > _OLDER_SNAPSHOTS_KEPT:
                    self._older.pop(next(iter(self._older)))
        return snapshot

    # -- loading ------------------------------------------------------------------------------

    def use(self, screener: Screener) -> None:
        """Serve a Screener built elsewhere (tests, benchmarks) instead of loading one."""
        self._swap(screener)
        self._settled.set()

    def start(self) -> None:
        """Load in the background (unless already serving), then watch for imports elsewhere."""
        if self._thread is not None:
            return
        run = self._follow if self.leader is not None else self._run
        self._thread = threading.Thread(target=run, name="screening-lists", daemon=True)
        self._thread.start()

    def wait_until_settled(self, timeout: float | None = None) -> Readiness:
        """Block until start-up loading has finished or failed (or `timeout` passed)."""
        if self._serving is None:
            self._settled.wait(timeout)
        return self.readiness()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        if not self._load_until_serving():
            return
        while self._scheduled_work() and not self._stop.wait(self._idle_seconds()):
            try:
                self.refresh_if_changed()
            except Exception:  # keep serving the old lists; try again next round
                log.exception("looking for newly imported lists failed")
            if self.updater is not None:
                try:
                    self.update_lists()
                except Exception:
                    log.exception("checking the lists against their sources failed")

    def _follow(self) -> None:
        """A follower: serve the index file the leader published last, looking about once a
        second; until there is one, say so in /readyz."""
        self._set_stage(Stage.STARTING, "waiting for the process that loads the lists")
        while not self._stop.is_set():
            self._follow_once()
            self._stop.wait(FOLLOW_SECONDS)

    def _follow_once(self) -> bool:
        """Serve the file the leader published last, if this process does not yet; True when
        it started serving it now."""
        assert self.index_files is not None
        with self._build_lock:
            key = self.index_files.current()
            if key is None or key == self._followed:
                return False
            screener = self.index_files.open(key)
            if screener is None:  # removed meanwhile: a newer one is published
                return False
            self._followed = key
            self._swap(screener)
        self._settled.set()
        return True

    def _load_until_serving(self) -> bool:
        """Load; while no list can be had, say so in /readyz and try again. False: gave up."""
        wait = _FIRST_WAIT
        while self._serving is None:
            try:
                self.load()
            except NoListsError as error:
                self._set_stage(Stage.WAITING_FOR_LISTS, f"{error}; trying again in {wait:.0f} s")
                self._settled.set()
                if self._stop.wait(wait):
                    return False
                wait = min(wait * 2, _LONGEST_WAIT)
            except Exception as error:  # a failed start must show in /readyz, not kill the thread
                log.exception("loading the lists failed")
                self._set_stage(Stage.FAILED, f"{type(error).__name__}: {error}")
                self._settled.set()
                return False
        self._settled.set()
        return True

    def _scheduled_work(self) -> bool:
        return self.refresh_seconds > 0 or self.updater is not None

    def _idle_seconds(self) -> float:
        waits = [_LONGEST_IDLE]
        if self.refresh_seconds > 0:
            waits.append(self.refresh_seconds)
        if self.updater is not None:
            due = next_due(self.engine)
            if due is not None:
                waits.append((due - datetime.now(UTC)).total_seconds())
        return max(min(waits), 0.5)

    def _set_stage(self, stage: Stage, detail: str = "") -> None:
        self._stage = stage
        self._detail = detail
        log.info("lists: %s%s", stage.value, f" {detail}" if detail else "")

    def load(self) -> None:
        """Fetch the lists with no stored version, load the active snapshots, build and serve
        (blocking). NoListsError while a list that can be fetched has no version yet."""
        with self._build_lock:
            failures = self._fetch_missing_lists()
            self._set_stage(Stage.LOADING_SNAPSHOTS)
            # The index file of the active lists, when one was built (by an earlier start, or
            # another process): no list need be read from the database.
            opened = self._open_built(self._served_fingerprint())
            snapshots = (
                {s.list_id: s for s in opened.snapshots} if opened is not None else self._active()
            )
            # A fresh server waits for every list it can fetch: screening without one of them
            # would look complete and is not. A list its source does not hold at all (a mirror
            # without it, a closed list) does not hold the others back: its status says so.
            blocking = [
                o
                for o in failures
                if not o.unavailable and self.updater and self.updater.can_fetch(o.list_id)
            ]
            # ... but a server whose sources hold none of the publishers' lists it serves is not
            # ready: the project's own curated list alone is no sanctions screening.
            no_published = any(
                self.is_enabled(i) and not list_source(i).is_project_data for i in LIST_IDS
            ) and all(list_source(i).is_project_data for i in snapshots)
            if blocking or not snapshots or no_published:
                where = self.updater.config.where() if self.updater else "the database"
                reasons = "; ".join(f"{o.list_id}: {o.detail}" for o in blocking or failures)
                raise NoListsError(
                    f"not every list could be had from {where}"
                    + (f". {reasons}" if reasons else "")
                )
            if opened is None:
                self._set_stage(Stage.BUILDING_INDEX, f"{len(snapshots)} lists")
                opened = self._build(list(snapshots.values()))
            self._swap(opened)

    def _fetch_missing_lists(self) -> list[UpdateOutcome]:
        """First start: fetch every list not stored yet; returns the failures."""
        if self.updater is None:
            return []
        stored = stored_list_ids(self.engine)
        failures = []
        with self._update_lock:
            for list_id in (i for i in LIST_IDS if self.is_enabled(i) and i not in stored):
                self._set_stage(Stage.FETCHING_LISTS, list_id)
                outcome = self.updater.update(list_id)
                if outcome.failed:
                    failures.append(outcome)
        return failures

    def update_lists(
        self, list_ids: Sequence[str] | None = None, *, force: bool = False, actor: str = "system"
    ) -> list[UpdateOutcome]:
        """Check lists against their sources now (default: the ones due) and serve what is new.

        Returns once the new versions serve. Without an updater (no fetching here) nothing is
        checked.
        """
        if self.updater is None:
            return []
        with self._update_lock:
            if list_ids is None:
                outcomes = self.updater.update_due()
            else:
                outcomes = self.updater.update_many(list_ids, force=force, actor=actor)
        new = [o.snapshot for o in outcomes if o.snapshot is not None]
        if new:
            self._serve_new(new)
        return outcomes

    def refresh_if_changed(self) -> bool:
        """Rebuild when another process changed the active snapshots; True when it did."""
        serving = self._serving
        if serving is None or self._served_fingerprint() == serving.fingerprint():
            return False
        with self._build_lock:
            snapshots = self._active()
            current = self._serving
            if current is not None and current.fingerprint() == tuple(
                sorted((s.list_id, s.sha256) for s in snapshots.values())
            ):
                return False
            self._swap(self._build(list(snapshots.values())))
        log.info("lists changed in the database: now serving %s", self._versions())
        return True

    def import_list(
        self,
        list_id: str,
        files: Mapping[str, bytes],
        *,
        published: date | None = None,
        imported_by: str,
    ) -> ListImport:
        """Parse, store and activate a new snapshot, then serve it (returns once it serves).

        A file that does not parse raises ListImportError and changes nothing.
        """
        done = import_list_files(
            self.engine, list_id, files, published=published, imported_by=imported_by
        )
        record_import(self.engine, list_id, imported_by, done.snapshot.warnings)
        if not self.is_enabled(list_id):
            log.info("stored %s %s; not served (SCREENING_LISTS)", list_id, done.snapshot.version)
            return done
        self._serve_new([done.snapshot])
        return done

    def _enabled(self, snapshots: Mapping[str, _S]) -> dict[str, _S]:
        return {list_id: s for list_id, s in snapshots.items() if self.is_enabled(list_id)}

    def _active(self) -> dict[str, ListSnapshot | SnapshotInfo]:
        """The active versions of the lists served: without their entries when the index is
        built into a file (by a process of its own, which reads them)."""
        if self.index_files is not None:
            return self._enabled({info.list_id: info for info in active_infos(self.engine)})
        return dict(self._enabled(load_active_snapshots(self.engine)))

    def _served_fingerprint(self) -> tuple[tuple[str, str], ...]:
        """`active_fingerprint` of the lists this deployment screens against."""
        return tuple(item for item in active_fingerprint(self.engine) if self.is_enabled(item[0]))

    def _serve_new(self, snapshots: Sequence[ListSnapshot]) -> None:
        """Serve these new versions in place of their lists' current ones (one rebuild)."""
        if self.leader is not None:
            self._wait_for_leader(snapshots)
            return
        with self._build_lock:
            current = self._serving
            if current is None:  # not serving yet: the next load reads them from the database
                return
            fresh = [
                s
                for s in snapshots
                if self.is_enabled(s.list_id) and (s.list_id, s.sha256) not in current.fingerprint()
            ]
            if not fresh:
                return
            replaced = {s.list_id for s in fresh}
            others = [s for s in current.screener.snapshots if s.list_id not in replaced]
            self._swap(self._build([*others, *fresh]))
        log.info("now serving %s", ", ".join(f"{s.list_id} {s.version}" for s in fresh))

    def _wait_for_leader(self, snapshots: Sequence[ListSnapshot]) -> None:
        """A follower stored new versions: the leader sees them in the database within a
        second, builds their index file and publishes it; return once this process serves it."""
        wanted = {(s.list_id, s.sha256) for s in snapshots if self.is_enabled(s.list_id)}
        waited = 0.0
        while waited < _FOLLOWER_WAIT and not self._stop.is_set():
            serving = self._serving
            if serving is not None and wanted <= set(serving.fingerprint()):
                return
            if serving is None or not self._still_active(wanted):
                return  # not serving yet (the first load reads them), or replaced meanwhile
            self._stop.wait(FOLLOW_SECONDS / 4)
            waited += FOLLOW_SECONDS / 4
        log.warning("the leading process has not served %s yet", sorted(wanted))

    def _still_active(self, versions: set[tuple[str, str]]) -> bool:
        return versions <= set(self._served_fingerprint())

    def _build(self, snapshots: Sequence[ListSnapshot | SnapshotInfo]) -> Screener:
        """A Screener over these versions of the lists this deployment screens against; with
        index files, mapped from the file of these versions (built first, by a process of its
        own, if there is none), and published as the one the server serves."""
        host_risk = (self.lists_dir / HOST_RISK_FILE).read_bytes()
        ordered = sorted(snapshots, key=lambda s: _list_order(s.list_id))
        if self.index_files is None:
            whole = [s for s in ordered if isinstance(s, ListSnapshot)]
            assert len(whole) == len(ordered), "built here from snapshots with their entries"
            return Screener.from_snapshots(whole, host_risk)
        key = index_key(((s.list_id, s.sha256) for s in ordered), host_risk)
        versions = [(s.list_id, s.version) for s in ordered]
        screener = self.index_files.open_or_write(
            key, lambda path: write_index(path, self.engine, versions, host_risk)
        )
        self.index_files.publish(key)
        return screener

    def _open_built(self, lists: Sequence[tuple[str, str]]) -> Screener | None:
        """The Screener of these list versions if its index file exists (then published)."""
        if self.index_files is None or not lists:
            return None
        key = index_key(lists, (self.lists_dir / HOST_RISK_FILE).read_bytes())
        screener = self.index_files.open(key)
        if screener is not None:
            self.index_files.publish(key)
        return screener

    def _swap(self, screener: Screener) -> None:
        # A Screener is a million objects that live until the next swap: kept out of the
        # collector's full walks, which otherwise cost a big upload seconds. (An old Screener
        # is still freed when its last reference goes.)
        gc.freeze()
        self._serving = Serving.of(screener)  # one assignment: readers see old or new, whole
        return_freed_memory()  # loading the lists and the old Screener left free heap behind
        self._set_stage(Stage.READY)
        for listener in self.on_lists_changed:
            listener(screener)

    def _versions(self) -> str:
        serving = self._serving
        if serving is None:
            return "-"
        return ", ".join(f"{s.list_id} {s.version}" for s in serving.screener.snapshots)
