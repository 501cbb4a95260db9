"""Updating a list: fetch its files, verify them, import a new version, record the check.

A failed download or check changes nothing that serves: the last good version stays active, the
failure is recorded (list status, audit record, webhook event) and the check is retried with a
growing delay. A file set whose sha256 is the active version's is not imported again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from screening.audit.log import audit_list_update_failed
from screening.config import Settings
from screening.monitoring.webhooks import queue_event_for_every_tenant, wake_dispatchers
from screening.sources.addresses import AddressPolicy
from screening.sources.download import FetchPolicy, Validators, new_client
from screening.sources.origins import (
    MIRROR_SETTING,
    DirectoryMirror,
    FetchedSet,
    FormatMissing,
    KnownCopy,
    Origin,
    OriginError,
    ProjectFolder,
    Publisher,
    is_url,
    keep_copies,
    mirror_origin,
)
from screening.sources.status import (
    CheckSucceeded,
    StatusRecord,
    claim_check,
    due_list_ids,
    record_failure,
    record_success,
    status_records,
)
from screening.sources.verify import VerificationError, verify_files
from screening.store.db import open_session
from screening.store.snapshots import active_info, import_snapshot
from screening.watchlist.catalogue import ListSource
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_IDS, list_source
from screening.watchlist.snapshot import fingerprint

log = logging.getLogger(__name__)

SYSTEM_UPDATER = "system"  # who the scheduled updates are recorded as
FIRST_RETRY = timedelta(minutes=1)  # after a failure; doubled after each further one
CLAIM_LEASE = timedelta(minutes=30)  # a claimed check not finished by then may be taken again


@dataclass(frozen=True, slots=True)
class UpdateConfig:
    mirror: str  # "" = the publishers; else a folder or an http(s) base URL
    lists_dir: Path  # the project's own lists (the curated list)
    files_dir: Path  # the copies kept for conditional requests, per list
    policy: FetchPolicy
    interval: timedelta  # how often each list is checked
    list_ids: tuple[str, ...] = LIST_IDS  # the lists this deployment screens (SCREENING_LISTS)

    @classmethod
    def of(cls, settings: Settings) -> UpdateConfig:
        return cls(
            mirror=settings.lists_mirror,
            lists_dir=settings.lists_dir,
            files_dir=settings.data_dir / "list-files",
            policy=FetchPolicy(
                timeout=settings.list_fetch_timeout, max_bytes=settings.list_max_bytes
            ),
            interval=timedelta(hours=settings.list_update_hours),
            list_ids=tuple(i for i in LIST_IDS if i in settings.screening_lists)
            if settings.screening_lists
            else LIST_IDS,
        )

    def where(self) -> str:
        """Where the lists come from, for messages that tell the operator what to change."""
        if self.mirror:
            return f"the mirror {self.mirror} ({MIRROR_SETTING})"
        return f"the publishers (set {MIRROR_SETTING} to use a mirror)"


class UpdateResult(StrEnum):
    UPDATED = "updated"  # a new version now serves
    UNCHANGED = "unchanged"  # the source holds the version that serves
    FAILED = "failed"  # nothing changed; the last good version (if any) serves


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    list_id: str
    result: UpdateResult
    detail: str  # what changed, or why it failed
    version: str | None  # the version serving after the check
    snapshot: ListSnapshot | None = None  # the new version, when UPDATED
    # FAILED because the source does not hold the list at all (no format of it there), not
    # because it could not be read: retrying soon will not bring it.
    unavailable: bool = False

    @property
    def failed(self) -> bool:
        return self.result is UpdateResult.FAILED


class ListUpdater:
    """Checks lists against their sources; one instance per process, safe to share."""

    def __init__(
        self,
        engine: Engine,
        config: UpdateConfig,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.config = config
        self.clock = clock

    # -- which lists, when --------------------------------------------------------------------

    def update_due(self) -> list[UpdateOutcome]:
        """Check every list whose time has come and that no other process is checking."""
        now = self.clock()
        outcomes = []
        for list_id in due_list_ids(self.engine, self.config.list_ids, now):
            if claim_check(self.engine, list_id, now, CLAIM_LEASE):
                outcomes.append(self.update(list_id, actor=SYSTEM_UPDATER))
        return outcomes

    def update_many(
        self, list_ids: Iterable[str], *, force: bool = False, actor: str = SYSTEM_UPDATER
    ) -> list[UpdateOutcome]:
        return [self.update(list_id, force=force, actor=actor) for list_id in list_ids]

    def retry_delay(self, failures: int) -> timedelta:
        """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure in a row, at most the
        update interval."""
        delay: timedelta = FIRST_RETRY * 2 ** max(failures - 1, 0)
        return min(delay, self.config.interval)

    def where(self, list_id: str) -> str:
        """Where this list is checked, for messages."""
        if list_source(list_id).is_project_data:
            return f"the project's lists folder {self.config.lists_dir}"
        return self.config.where()

    def can_fetch(self, list_id: str) -> bool:
        """The list can be had from where this process fetches: a mirror may hold any list; the
        publishers serve only the lists they still publish (not a closed one)."""
        source = list_source(list_id)
        if source.is_project_data or self.config.mirror:
            return True
        return any(fmt.is_published for fmt in source.formats)

    # -- one list -----------------------------------------------------------------------------

    def update(
        self, list_id: str, *, force: bool = False, actor: str = SYSTEM_UPDATER
    ) -> UpdateOutcome:
        """Check one list now; `force` lets a version with far fewer entries replace it."""
        checked = self._check(list_id, force, actor)
        if isinstance(checked, UpdateOutcome):
            return checked
        try:
            snapshot = checked.parse()
        except VerificationError as error:
            return self._failed(checked.source, str(error), checked.serving, actor)
        return self._imported(checked, snapshot, actor)

    def update_apart(
        self,
        list_ids: Sequence[str],
        parser: Executor,
        *,
        force: bool = False,
        actor: str = SYSTEM_UPDATER,
    ) -> list[UpdateOutcome]:
        """As update_many, each list's files parsed by `parser` (processes: the lists parsed
        side by side on several cores, a cold start's longest stage); fetched, stored and
        recorded here, in the order given. The largest files go first, so that no core is
        left with a large list at the end."""
        checked = [self._check(list_id, force, actor) for list_id in list_ids]
        fetched = [item for item in checked if isinstance(item, _Fetched)]
        parsed = {
            item.source.list_id: parser.submit(item.parse)
            for item in sorted(fetched, key=lambda item: item.size, reverse=True)
        }
        outcomes = []
        for item in checked:
            if isinstance(item, UpdateOutcome):
                outcomes.append(item)
                continue
            try:
                snapshot = parsed[item.source.list_id].result()
            except VerificationError as error:
                outcomes.append(self._failed(item.source, str(error), item.serving, actor))
                continue
            outcomes.append(self._imported(item, snapshot, actor))
        return outcomes

    def _check(self, list_id: str, force: bool, actor: str) -> _Fetched | UpdateOutcome:
        """The list's files fetched, to parse; or the outcome when there is nothing to parse
        (the version that serves, or a failure, recorded)."""
        source = list_source(list_id)
        record = status_records(self.engine).get(list_id)
        active = active_info(self.engine, list_id)
        serving = active.version if active is not None else None
        try:
            fetched = self._fetch(source, record)
            sha256, _files = fingerprint(fetched.contents())
        except FormatMissing as error:
            return self._failed(source, str(error), serving, actor, unavailable=True)
        except OriginError as error:
            return self._failed(source, str(error), serving, actor)
        if active is not None and active.sha256 == sha256:
            self._succeeded(source, fetched, fetched_new=False, warnings=())
            return UpdateOutcome(list_id, UpdateResult.UNCHANGED, "unchanged", serving)
        return _Fetched(
            source, fetched, serving, active.entry_count if active is not None else None, force
        )

    def _imported(self, checked: _Fetched, snapshot: ListSnapshot, actor: str) -> UpdateOutcome:
        """Store the parsed snapshot, make it serve, record the check and tell the tenants."""
        source, fetched, serving = checked.source, checked.fetched, checked.serving
        outcome = import_snapshot(
            self.engine,
            snapshot,
            imported_by=actor,
            provenance={"source": fetched.location, "format": fetched.format.format_id},
        )
        self._succeeded(source, fetched, fetched_new=True, warnings=snapshot.warnings)
        self._tell_tenants(
            "list.updated",
            {
                "list": source.list_id,
                "version": snapshot.version,
                "previous_version": serving,
                "published": snapshot.published.isoformat() if snapshot.published else None,
                "entries": len(snapshot.entries),
                "source": fetched.location,
            },
        )
        log.info(
            "%s: %s %s (%d entries) from %s",
            source.list_id,
            "imported" if outcome.created else "re-activated",
            snapshot.version,
            len(snapshot.entries),
            fetched.location,
        )
        detail = f"now serving {snapshot.version}"
        return UpdateOutcome(
            source.list_id, UpdateResult.UPDATED, detail, snapshot.version, snapshot
        )

    def _origin(self, source: ListSource) -> tuple[Origin, Callable[[], None]]:
        """Where `source` is had from, and what closes it afterwards."""
        if source.is_project_data:
            return ProjectFolder(self.config.lists_dir), lambda: None
        work = self.config.files_dir / ".downloads"
        if self.config.mirror and not is_url(self.config.mirror):
            folder = Path(self.config.mirror).expanduser().resolve()
            return DirectoryMirror(folder, self.config.policy.max_bytes), lambda: None
        client = new_client(self.config.policy)
        if self.config.mirror:
            return mirror_origin(self.config.mirror, client, self.config.policy, work), client.close
        origin = Publisher(client, self.config.policy, AddressPolicy(), work)
        return origin, client.close

    def _fetch(self, source: ListSource, record: StatusRecord | None) -> FetchedSet:
        """The first format the origin holds whole, in the catalogue's order of preference."""
        origin, close = self._origin(source)
        known = self._known_copies(source.list_id, record)
        missing: list[str] = []
        try:
            for fmt in source.formats:
                try:
                    return origin.fetch(source, fmt, known)
                except FormatMissing as absent:
                    missing.append(str(absent))
        finally:
            close()
        where = self.config.where() if not source.is_project_data else origin.description
        reasons = "; ".join(dict.fromkeys(missing))  # a missing folder is said once
        raise FormatMissing(f"no format of {source.list_id} at {where}: {reasons}")

    def _known_copies(self, list_id: str, record: StatusRecord | None) -> dict[str, KnownCopy]:
        if record is None or not record.validators:
            return {}
        folder = self.config.files_dir / list_id
        copies = {}
        for url, saved in record.validators.items():
            if isinstance(saved, Mapping) and saved.get("file"):
                path = folder / str(saved["file"])
                copies[url] = KnownCopy(url, path, Validators.from_dict(dict(saved)))
        return copies

    def _succeeded(
        self,
        source: ListSource,
        fetched: FetchedSet,
        *,
        fetched_new: bool,
        warnings: tuple[str, ...],
    ) -> None:
        validators: dict[str, Any] = {}
        if not _read_from_folder(fetched, source):
            kept = keep_copies(fetched, self.config.files_dir / source.list_id)
            validators = {
                url: {**copy.validators.to_dict(), "file": copy.path.name}
                for url, copy in kept.items()
            }
        now = self.clock()
        check = CheckSucceeded(
            fetched.location, fetched.format.format_id, fetched_new, validators, warnings
        )
        record_success(self.engine, source.list_id, check, now, now + self.config.interval)

    def _failed(
        self,
        source: ListSource,
        reason: str,
        serving: str | None,
        actor: str,
        *,
        unavailable: bool = False,
    ) -> UpdateOutcome:
        now = self.clock()
        record = status_records(self.engine).get(source.list_id)
        failures = (record.failures if record is not None else 0) + 1
        before = record_failure(
            self.engine,
            source.list_id,
            reason,
            now,
            now + self.retry_delay(failures),
            unavailable=unavailable,
        )
        still = f"{serving} keeps serving" if serving else "no version serves yet"
        log.warning("%s: the check failed (%s); %s", source.list_id, reason, still)
        # One audit record and one event per failure that is news: the first of a run, or
        # a different reason; the retries of the same failure only update the status.
        if before.error != reason:
            with open_session(self.engine) as session:
                audit_list_update_failed(
                    session, actor, list_id=source.list_id, reason=reason, serving=serving
                )
                queue_event_for_every_tenant(
                    session,
                    "list.update_failed",
                    {"list": source.list_id, "reason": reason, "serving_version": serving},
                )
            wake_dispatchers()
        return UpdateOutcome(
            source.list_id, UpdateResult.FAILED, reason, serving, unavailable=unavailable
        )

    def _tell_tenants(self, event_type: str, data: Mapping[str, Any]) -> None:
        with open_session(self.engine) as session:
            queued = queue_event_for_every_tenant(session, event_type, data)
        if queued:
            wake_dispatchers()


@dataclass(frozen=True, slots=True)
class _Fetched:
    """A list's files fetched and new: what parsing them needs (picklable: it may be parsed
    in another process)."""

    source: ListSource
    fetched: FetchedSet
    serving: str | None  # the version serving now, if any
    active_entries: int | None
    force: bool

    @property
    def size(self) -> int:
        return sum(len(file.data) for file in self.fetched.files)

    def parse(self) -> ListSnapshot:
        """The snapshot of the files, verified; VerificationError when they must not serve."""
        return verify_files(
            self.source.list_id,
            self.fetched,
            published_fallback=_day(self.fetched.modified),
            active_entries=self.active_entries,
            force=self.force,
        )


def _read_from_folder(fetched: FetchedSet, source: ListSource) -> bool:
    """Files read from a folder need no copy kept: they are asked for again by reading them."""
    return source.is_project_data or not fetched.location.startswith(("http://", "https://"))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
