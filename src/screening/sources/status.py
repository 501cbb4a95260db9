"""Each list's update status: stored (one row per list), and told in words.

`current`: the last check against its source succeeded within the list's maximum age.
`stale`: no successful check within it. `failed`: the last check failed; the last good
version (if any) keeps serving. `unavailable`: no version serves and the list's source does not
hold it (a mirror without that list, a publisher's file gone): the other lists serve without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from screening.sources.tables import ListStatusRow
from screening.utc import as_utc
from screening.watchlist.catalogue import ListSource


class ListState(StrEnum):
    CURRENT = "current"
    STALE = "stale"
    FAILED = "failed"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class StatusRecord:
    """A list's stored status, read out of the database."""

    list_id: str
    source: str = ""
    format_id: str = ""
    fetched_at: datetime | None = None
    checked_at: datetime | None = None
    attempted_at: datetime | None = None
    error: str = ""
    failures: int = 0
    next_check_at: datetime | None = None
    validators: Mapping[str, Any] | None = None
    warnings: tuple[str, ...] = ()
    unavailable: bool = False  # the last check found no format of the list at its source

    @classmethod
    def of(cls, row: ListStatusRow) -> StatusRecord:
        return cls(
            list_id=row.list_id,
            source=row.source,
            format_id=row.format_id,
            fetched_at=as_utc(row.fetched_at),
            checked_at=as_utc(row.checked_at),
            attempted_at=as_utc(row.attempted_at),
            error=row.error,
            failures=row.failures,
            next_check_at=as_utc(row.next_check_at),
            validators=dict(row.validators or {}),
            warnings=tuple(row.warnings or ()),
            unavailable=bool(row.unavailable),
        )


@dataclass(frozen=True, slots=True)
class ListStatus:
    """What GET /v1/lists, /readyz, the CLI and the web page say about a list's freshness."""

    list_id: str
    status: ListState
    status_detail: str
    source: str
    format_id: str
    fetched_at: datetime | None
    checked_at: datetime | None
    warnings: tuple[str, ...]


def describe(
    source: ListSource,
    record: StatusRecord | None,
    now: datetime,
    *,
    serving_version: str | None,
    notes: Sequence[str] = (),
) -> ListStatus:
    """The status of one list and a sentence a person can act on."""
    record = record or StatusRecord(source.list_id)
    came_from = f" (from {record.source})" if record.source else ""
    serving = (
        f"version {serving_version} serves{came_from}"
        if serving_version
        else "no version serves yet"
    )
    if record.error and record.unavailable and not serving_version:
        state = ListState.UNAVAILABLE
        when = _moment(record.attempted_at)
        detail = (
            f"not available from its source (checked {when}): {record.error}; "
            "the other lists are screened without it"
        )
    elif record.error:
        state = ListState.FAILED
        when = _moment(record.attempted_at)
        detail = f"the last check ({when}) failed: {record.error}; {serving}"
    elif record.checked_at is None or now - record.checked_at > source.max_age:
        state = ListState.STALE
        since = f"since {_moment(record.checked_at)}" if record.checked_at else "yet"
        detail = (
            f"no successful check against its source {since} "
            f"(a list is stale after {_hours(source.max_age)}); {serving}"
        )
    else:
        state = ListState.CURRENT
        detail = f"checked {_moment(record.checked_at)} against its source; {serving}"
    if source.closed is not None:
        replaced = f", replaced by {source.replaced_by}" if source.replaced_by else ""
        detail += (
            f". Closed by its publisher on {source.closed.isoformat()}{replaced}; "
            "it can only be fetched from a mirror that holds it (SCREENING_LISTS_MIRROR)"
        )
    for note in notes:
        detail += f". {note}"
    return ListStatus(
        list_id=source.list_id,
        status=state,
        status_detail=detail,
        source=record.source,
        format_id=record.format_id,
        fetched_at=record.fetched_at,
        checked_at=record.checked_at,
        warnings=record.warnings,
    )


def _moment(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _hours(age: timedelta) -> str:
    hours = age.total_seconds() / 3600
    return f"{hours:g} hours"


# -- the stored rows --------------------------------------------------------------------------


def status_records(engine: Engine) -> dict[str, StatusRecord]:
    with Session(engine) as session:
        return {row.list_id: StatusRecord.of(row) for row in session.exec(select(ListStatusRow))}


def _ensure_row(engine: Engine, list_id: str) -> None:
    with Session(engine) as session:
        if session.get(ListStatusRow, list_id) is not None:
            return
        session.add(ListStatusRow(list_id=list_id))
        try:
            session.commit()
        except IntegrityError:  # another process made it a moment ago
            session.rollback()


def claim_check(engine: Engine, list_id: str, now: datetime, lease: timedelta) -> bool:
    """Take the list's due check for this process (True), pushing its due time past `lease`;
    False when it is not due or another process took it."""
    _ensure_row(engine, list_id)
    with Session(engine) as session:
        result = session.exec(
            update(ListStatusRow)
            .where(col(ListStatusRow.list_id) == list_id)
            .where(
                or_(
                    col(ListStatusRow.next_check_at).is_(None),
                    col(ListStatusRow.next_check_at) <= now,
                )
            )
            .values(next_check_at=now + lease)
        )
        session.commit()
        return bool(result.rowcount == 1)


def due_list_ids(engine: Engine, list_ids: Sequence[str], now: datetime) -> list[str]:
    """The lists whose next check is due (or was never planned), in the order given."""
    records = status_records(engine)
    due = []
    for list_id in list_ids:
        record = records.get(list_id)
        if record is None or record.next_check_at is None or record.next_check_at <= now:
            due.append(list_id)
    return due


def next_due(engine: Engine) -> datetime | None:
    records = status_records(engine).values()
    moments = [r.next_check_at for r in records if r.next_check_at is not None]
    return min(moments) if moments else None


@dataclass(frozen=True, slots=True)
class CheckSucceeded:
    source: str
    format_id: str
    fetched: bool  # new files became the serving version (else: unchanged)
    validators: Mapping[str, Any]
    warnings: tuple[str, ...]


def record_success(
    engine: Engine, list_id: str, check: CheckSucceeded, now: datetime, next_at: datetime
) -> None:
    def change(row: ListStatusRow) -> None:
        row.source = check.source
        row.format_id = check.format_id
        if check.fetched or row.fetched_at is None:
            row.fetched_at = now
        row.checked_at = now
        row.attempted_at = now
        row.error = ""
        row.unavailable = False
        row.failures = 0
        row.next_check_at = next_at
        row.validators = dict(check.validators)
        if check.fetched or check.warnings:
            row.warnings = list(check.warnings)

    _change_row(engine, list_id, change)


def record_failure(
    engine: Engine,
    list_id: str,
    error: str,
    now: datetime,
    retry_at: datetime,
    *,
    unavailable: bool = False,
) -> StatusRecord:
    """The check failed: keep why (and whether the source lacks the list), count it, plan the
    retry; returns the record as it was."""

    def change(row: ListStatusRow) -> None:
        row.attempted_at = now
        row.error = error[:4000]
        row.unavailable = unavailable
        row.failures = row.failures + 1
        row.next_check_at = retry_at

    return _change_row(engine, list_id, change)


def record_import(engine: Engine, list_id: str, by: str, snapshot_warnings: Sequence[str]) -> None:
    """Files an operator imported now serve: say where they came from. The last check's outcome
    stays (it is about the list's source); the copies kept for conditional requests are dropped,
    so the next check downloads in full and compares with what now serves."""

    def change(row: ListStatusRow) -> None:
        row.source = f"files imported by {by}"
        row.format_id = ""
        row.fetched_at = datetime.now(UTC)
        row.validators = {}
        row.warnings = list(snapshot_warnings)

    _change_row(engine, list_id, change)


def _change_row(
    engine: Engine, list_id: str, change: Callable[[ListStatusRow], None]
) -> StatusRecord:
    """Apply `change` to the list's row (made if missing) and commit; the record as it was."""
    _ensure_row(engine, list_id)
    with Session(engine) as session:
        row = session.get(ListStatusRow, list_id)
        assert row is not None
        before = StatusRecord.of(row)
        change(row)
        session.add(row)
        session.commit()
    return before
