"""Reproducing a past upload job: screen its rows again on the list snapshots it used.

Every snapshot is kept and decisions are never edited, so the job's inputs can be rebuilt
exactly: the same rows, the same list versions, the same threshold and the decisions as they
stood when the job started. Any difference in the results then comes from the engine (or the
host-risk data file), and the answer says so.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from screening.decisions.evidence import versions_from_json
from screening.decisions.in_screening import SnapshotEntries, decisions_for_suppliers
from screening.decisions.store import decisions_in_force
from screening.jobs.codec import StoredResult, StoredRow
from screening.jobs.store import all_rows_with_results
from screening.jobs.tables import JobRow
from screening.reports.build import report_matches
from screening.reports.model import ReportMatch
from screening.screener import Screener, ScreeningResult
from screening.store.snapshots import load_snapshot
from screening.tenant_lists.screening import job_screener
from screening.tenant_lists.store import is_tenant_list_id
from screening.utc import as_utc
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE, LIST_IDS


class SnapshotMissingError(LookupError):
    def __init__(self, list_id: str, version: str) -> None:
        super().__init__(f"the stored snapshot {list_id} {version} is missing")
        self.list_id = list_id
        self.version = version


@dataclass(frozen=True, slots=True)
class Difference:
    sheet: str
    row: int
    ref: str
    name: str
    what: str  # level, score, match added, match removed, match score, match level
    before: Any
    after: Any
    entry: str = ""  # "<list> <source id>" for match differences

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "ref": self.ref,
            "name": self.name,
            "what": self.what,
            "entry": self.entry,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, slots=True)
class RerunOutcome:
    job_id: str
    rows_compared: int
    differences: tuple[Difference, ...]
    list_versions: dict[str, str]
    decisions_as_of: datetime | None
    engine_version: str

    @property
    def identical(self) -> bool:
        return not self.differences


def compare_result(
    stored: StoredRow, before: StoredResult, after: StoredResult
) -> list[Difference]:
    """What differs between the stored result of a row and the result of screening it again."""
    supplier = stored.supplier
    ref, name = (supplier.ref, supplier.name) if supplier is not None else ("", "")

    def difference(what: str, was: Any, now: Any, entry: str = "") -> Difference:
        return Difference(stored.sheet, stored.row, ref, name, what, was, now, entry)

    found: list[Difference] = []
    if before.level != after.level:
        found.append(difference("level", before.level, after.level))
    if before.score != after.score:
        found.append(difference("score", before.score, after.score))
    old = _by_entry(before.matches)
    new = _by_entry(after.matches)
    for key in sorted(old.keys() | new.keys()):
        label = f"{key[0]} {key[1]}"
        was, now = old.get(key), new.get(key)
        if was is None and now is not None:
            found.append(difference("match added", None, now.score, label))
        elif now is None and was is not None:
            found.append(difference("match removed", was.score, None, label))
        elif was is not None and now is not None:
            if was.score != now.score:
                found.append(difference("match score", was.score, now.score, label))
            if was.level != now.level:
                found.append(difference("match level", was.level, now.level, label))
    return found


def _by_entry(matches: Sequence[ReportMatch]) -> dict[tuple[str, str], ReportMatch]:
    return {(m.list_id, m.source_id): m for m in matches}


def _as_stored(result: ScreeningResult) -> StoredResult:
    return StoredResult(
        level=str(result.risk.level),
        score=int(result.risk.score),
        reasons=tuple(result.risk.reasons),
        matches=report_matches(result),
    )


_CACHE_LOCK = threading.Lock()
_CACHED: dict[tuple[tuple[str, str], ...], Screener] = {}  # the last Screener built for a rerun


def screener_on_versions(
    engine: Engine,
    versions: Mapping[str, str],
    lists_dir: Path,
    serving: Screener | None = None,
) -> Screener:
    """A Screener over exactly these list versions: the one serving, when it is that, else one
    built from the stored snapshots (kept for the next rerun on the same versions)."""
    key = tuple(sorted(versions.items()))
    if (
        serving is not None
        and tuple(sorted((s.list_id, s.version) for s in serving.official_snapshots)) == key
    ):
        return serving
    with _CACHE_LOCK:
        cached = _CACHED.get(key)
        if cached is not None:
            return cached
        snapshots: list[ListSnapshot] = []
        for list_id, version in key:
            snapshot = load_snapshot(engine, list_id, version)
            if snapshot is None:
                raise SnapshotMissingError(list_id, version)
            snapshots.append(snapshot)
        snapshots.sort(
            key=lambda s: LIST_IDS.index(s.list_id) if s.list_id in LIST_IDS else len(LIST_IDS)
        )
        screener = Screener.from_snapshots(snapshots, (lists_dir / HOST_RISK_FILE).read_bytes())
        _CACHED.clear()
        _CACHED[key] = screener
        return screener


def rerun_job(
    engine: Engine, job: JobRow, lists_dir: Path, serving: Screener | None = None
) -> RerunOutcome:
    """Screen a finished job's rows again on its list snapshots and compare, row by row."""
    versions = versions_from_json(job.list_versions)
    official = {k: v for k, v in versions.items() if not is_tenant_list_id(k)}
    screener = screener_on_versions(engine, official, lists_dir, serving)
    # the versions of the tenant's own lists it screened against, whatever serves now
    screener = job_screener(engine, screener, job.tenant_id, job.list_versions).narrowed(job.lists)
    rows = [
        (stored, result)
        for stored, result in all_rows_with_results(engine, job.id)
        if stored.supplier is not None and result is not None
    ]
    suppliers = [stored.supplier for stored, _ in rows if stored.supplier is not None]
    as_of = as_utc(job.started_at)
    with Session(engine) as session:
        latest = decisions_in_force(session, job.tenant_id, suppliers, as_of=as_of)
    decisions = decisions_for_suppliers(suppliers, latest, SnapshotEntries(screener.snapshots))
    results = screener.screen(suppliers, job.threshold, decisions=[d.for_risk() for d in decisions])
    differences: list[Difference] = []
    for (stored, before), result in zip(rows, results, strict=True):
        differences += compare_result(stored, before, _as_stored(result))
    return RerunOutcome(
        job_id=job.id,
        rows_compared=len(rows),
        differences=tuple(differences),
        list_versions=versions,
        decisions_as_of=as_of,
        engine_version=screener.engine_version,
    )
