"""The screening service: owns the Screener that serves requests and swaps it whole after an import.

Start-up work (fetching the lists no version of which is stored yet, loading the stored
snapshots, building the match index) runs on a background thread, so the server answers /readyz
at once and reports progress; the same thread then checks the lists against their sources on
schedule. An import builds the new Screener completely before one reference assignment replaces
the old one: a screening in flight keeps the Screener it started with.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.screener import Screener
from screening.sources.status import next_due, record_import
from screening.sources.update import ListUpdater, UpdateOutcome
from screening.store.imports import ListImport, import_list_files
from screening.store.snapshots import (
    active_fingerprint,
    load_active_snapshots,
    load_snapshot,
    stored_list_ids,
)
from screening.tenant_lists.screening import tenant_screener
from screening.watchlist.model import Entry, ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE, LIST_IDS, list_source

log = logging.getLogger(__name__)

_OLDER_SNAPSHOTS_KEPT = 3  # decoded old versions kept in memory for entry look-ups
# With no list to serve, start-up tries again after these many seconds, doubled each time.
_FIRST_WAIT, _LONGEST_WAIT = 5.0, 300.0
_LONGEST_IDLE = 60.0  # the scheduling thread looks at the clock at least this often


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
        entries = {entry.key: entry for s in screener.snapshots for entry in s.entries}
        return cls(screener, entries, datetime.now(UTC))

    def snapshot(self, list_id: str) -> ListSnapshot | None:
        return next((s for s in self.screener.snapshots if s.list_id == list_id), None)

    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((s.list_id, s.sha256) for s in self.screener.snapshots))


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
    ) -> None:
        """`lists`: the list ids this deployment screens against (SCREENING_LISTS); empty: every
        list. Other lists are neither fetched nor served; their imports are stored."""
        self.engine = engine
        self.lists_dir = lists_dir
        self.refresh_seconds = refresh_seconds
        self.enabled_lists: frozenset[str] | None = frozenset(lists) or None
        # Fetches the lists at start and on schedule; None: serve what the database holds.
        self.updater = updater
        self._update_lock = threading.Lock()  # one run of list checks at a time here
        self._serving: Serving | None = None
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

    def tenant_lists_changed(self) -> None:
        """A tenant imported or deleted a list of its own: tell the listeners again, as after
        an official import (monitoring re-screens that tenant's monitored lists on them)."""
        serving = self._serving
        if serving is None:
            return
        for listener in self.on_lists_changed:
            listener(serving.screener)

    def is_enabled(self, list_id: str) -> bool:
        """Whether this deployment screens against the list (whether or not it is loaded)."""
        return self.enabled_lists is None or list_id in self.enabled_lists

    def readiness(self) -> Readiness:
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
        self._thread = threading.Thread(target=self._run, name="screening-lists", daemon=True)
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
            snapshots = self._enabled(load_active_snapshots(self.engine))
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
            self._set_stage(Stage.BUILDING_INDEX, f"{len(snapshots)} lists")
            self._swap(self._build(list(snapshots.values())))

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
            snapshots = self._enabled(load_active_snapshots(self.engine))
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

    def _enabled(self, snapshots: Mapping[str, ListSnapshot]) -> dict[str, ListSnapshot]:
        return {list_id: s for list_id, s in snapshots.items() if self.is_enabled(list_id)}

    def _served_fingerprint(self) -> tuple[tuple[str, str], ...]:
        """`active_fingerprint` of the lists this deployment screens against."""
        return tuple(item for item in active_fingerprint(self.engine) if self.is_enabled(item[0]))

    def _serve_new(self, snapshots: Sequence[ListSnapshot]) -> None:
        """Serve these new versions in place of their lists' current ones (one rebuild)."""
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

    def _build(self, snapshots: list[ListSnapshot]) -> Screener:
        """A Screener over the snapshots of the lists this deployment screens against."""
        host_risk = (self.lists_dir / HOST_RISK_FILE).read_bytes()
        ordered = sorted(snapshots, key=lambda s: _list_order(s.list_id))
        return Screener.from_snapshots(ordered, host_risk)

    def _swap(self, screener: Screener) -> None:
        # A Screener is a million objects that live until the next swap: kept out of the
        # collector's full walks, which otherwise cost a big upload seconds. (An old Screener
        # is still freed when its last reference goes.)
        gc.freeze()
        self._serving = Serving.of(screener)  # one assignment: readers see old or new, whole
        self._set_stage(Stage.READY)
        for listener in self.on_lists_changed:
            listener(screener)

    def _versions(self) -> str:
        serving = self._serving
        if serving is None:
            return "-"
        return ", ".join(f"{s.list_id} {s.version}" for s in serving.screener.snapshots)
