"""Every known list's status as one overview: what GET /v1/lists, /readyz and the CLI show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from screening.sources.status import ListState, ListStatus, describe, status_records
from screening.watchlist.curated import LIST_ID as CURATED_LIST_ID
from screening.watchlist.curated import curated_gaps
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES


def list_statuses(
    engine: Engine, serving: Mapping[str, ListSnapshot], now: datetime | None = None
) -> list[ListStatus]:
    """The status of every list of the catalogue, in its order, given the versions serving."""
    now = now or datetime.now(UTC)
    records = status_records(engine)
    statuses = []
    for source in LIST_SOURCES:
        snapshot = serving.get(source.list_id)
        notes: tuple[str, ...] = ()
        if source.list_id == CURATED_LIST_ID and snapshot is not None:
            notes = _curated_notes(snapshot, serving)
        statuses.append(
            describe(
                source,
                records.get(source.list_id),
                now,
                serving_version=snapshot.version if snapshot is not None else None,
                notes=notes,
            )
        )
    return statuses


# The curated list's gaps, per set of serving versions: finding them reads every entry served,
# which a Screener mapped from its index file decodes from the file (seconds), and /readyz and
# GET /v1/lists ask on every call.
_GAPS: dict[tuple[tuple[str, str], ...], tuple[str, ...]] = {}
_GAPS_KEPT = 4


def _curated_notes(curated: ListSnapshot, serving: Mapping[str, ListSnapshot]) -> tuple[str, ...]:
    key = tuple(sorted((list_id, snapshot.sha256) for list_id, snapshot in serving.items()))
    notes = _GAPS.get(key)
    if notes is None:
        notes = curated_gaps(curated.entries, serving)
        if len(_GAPS) >= _GAPS_KEPT:
            _GAPS.clear()
        _GAPS[key] = notes
    return notes


def needs_attention(statuses: list[ListStatus]) -> list[ListStatus]:
    """The lists that are stale or failed."""
    return [status for status in statuses if status.status is not ListState.CURRENT]
