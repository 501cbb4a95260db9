"""The snapshot store: save list snapshots with their entries, switch the active one, load them.

Every imported version is kept; exactly one per list is active. Importing the same files again
re-activates the stored snapshot instead of adding a copy.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from screening.audit.log import audit_list_import
from screening.store.db import open_session
from screening.store.tables import SnapshotRow
from screening.watchlist.model import Entry, ListSnapshot, SourceFile
from screening.watchlist.serialise import entry_from_dict, entry_to_dict


class SnapshotDataError(ValueError):
    """A stored snapshot whose entries cannot be decoded (damaged row)."""

    def __init__(self, list_id: str, version: str, reason: str) -> None:
        super().__init__(f"stored snapshot {list_id} {version}: {reason}")
        self.list_id = list_id
        self.version = version


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A stored snapshot without its entries: what listings and the CLI show."""

    id: int
    list_id: str
    version: str
    published: date | None
    sha256: str
    files: tuple[SourceFile, ...]
    entry_count: int
    imported_at: datetime
    imported_by: str
    active: bool


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    info: SnapshotInfo
    created: bool  # False when the same files were imported before and were re-activated


def encode_entries(entries: Iterable[Entry]) -> bytes:
    payload = json.dumps(
        [entry_to_dict(entry) for entry in entries], ensure_ascii=False, separators=(",", ":")
    )
    return gzip.compress(payload.encode("utf-8"), compresslevel=6)


def decode_entries(data: bytes) -> tuple[Entry, ...]:
    return tuple(entry_from_dict(item) for item in json.loads(gzip.decompress(data)))


def _info(row: SnapshotRow) -> SnapshotInfo:
    assert row.id is not None
    return SnapshotInfo(
        id=row.id,
        list_id=row.list_id,
        version=row.version,
        published=row.published,
        sha256=row.sha256,
        files=tuple(SourceFile(f["name"], f["sha256"], int(f["size"])) for f in row.files),
        entry_count=row.entry_count,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        active=row.active,
    )


def _snapshot(row: SnapshotRow) -> ListSnapshot:
    try:
        entries = decode_entries(row.entries_gz)
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError) as error:
        raise SnapshotDataError(row.list_id, row.version, str(error)) from error
    info = _info(row)
    return ListSnapshot(
        list_id=info.list_id,
        version=info.version,
        published=info.published,
        sha256=info.sha256,
        files=info.files,
        entries=entries,
    )


def _lock_list(session: Session, list_id: str) -> None:
    """Serialise imports of one list across processes (PostgreSQL; SQLite locks the file)."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(  # type: ignore[call-overload]
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
            params={"key": f"screening.list_snapshots:{list_id}"},
        )


def _find(session: Session, list_id: str, sha256: str) -> SnapshotRow | None:
    statement = select(SnapshotRow).where(
        SnapshotRow.list_id == list_id, SnapshotRow.sha256 == sha256
    )
    return session.exec(statement).first()


def save_snapshot(
    session: Session, snapshot: ListSnapshot, *, imported_by: str
) -> tuple[SnapshotRow, bool]:
    """Store `snapshot` (inactive) unless the same files are stored already; True when new."""
    existing = _find(session, snapshot.list_id, snapshot.sha256)
    if existing is not None:
        return existing, False
    row = SnapshotRow(
        list_id=snapshot.list_id,
        version=snapshot.version,
        published=snapshot.published,
        sha256=snapshot.sha256,
        files=[{"name": f.name, "sha256": f.sha256, "size": f.size} for f in snapshot.files],
        entry_count=len(snapshot.entries),
        imported_by=imported_by,
        active=False,
        entries_gz=encode_entries(snapshot.entries),
    )
    session.add(row)
    session.flush()
    return row, True


def activate_snapshot(session: Session, row: SnapshotRow) -> None:
    """Make `row` the active snapshot of its list, in the session's transaction."""
    # Old one off first: the partial unique index allows one active row per list at any moment.
    session.execute(
        update(SnapshotRow)
        .where(col(SnapshotRow.list_id) == row.list_id, col(SnapshotRow.active))
        .where(col(SnapshotRow.id) != row.id)
        .values(active=False)
    )
    row.active = True
    session.add(row)
    session.flush()


def import_snapshot(
    engine: Engine,
    snapshot: ListSnapshot,
    *,
    imported_by: str,
    provenance: Mapping[str, Any] | None = None,
) -> ImportOutcome:
    """Save `snapshot` and make it the active one, both or neither (one transaction).

    `provenance` (where the files came from, in which format) goes into the audit record.
    """
    for attempt in range(2):
        try:
            with open_session(engine) as session:
                _lock_list(session, snapshot.list_id)
                row, created = save_snapshot(session, snapshot, imported_by=imported_by)
                activate_snapshot(session, row)
                info = _info(row)
                audit_list_import(
                    session,
                    imported_by,
                    list_id=info.list_id,
                    version=info.version,
                    sha256=info.sha256,
                    entries=info.entry_count,
                    created=created,
                    provenance={**(provenance or {}), "warnings": list(snapshot.warnings)},
                )
            return ImportOutcome(info, created)
        except IntegrityError:
            # Another process stored the same files a moment ago: the retry finds its row.
            if attempt == 1:
                raise
    raise AssertionError("unreachable")


def active_infos(engine: Engine) -> list[SnapshotInfo]:
    with Session(engine) as session:
        rows = session.exec(
            select(SnapshotRow).where(col(SnapshotRow.active)).order_by(col(SnapshotRow.list_id))
        ).all()
        return [_info(row) for row in rows]


def active_fingerprint(engine: Engine) -> tuple[tuple[str, str], ...]:
    """(list id, sha256) of every active snapshot: cheap to poll for a change made elsewhere."""
    with Session(engine) as session:
        rows = session.exec(
            select(SnapshotRow.list_id, SnapshotRow.sha256).where(col(SnapshotRow.active))
        ).all()
        return tuple(sorted((list_id, sha256) for list_id, sha256 in rows))


def load_active_snapshots(
    engine: Engine, list_ids: Collection[str] | None = None
) -> dict[str, ListSnapshot]:
    """Every active snapshot (of `list_ids`, when given) with its entries, keyed by list id."""
    statement = select(SnapshotRow).where(col(SnapshotRow.active))
    if list_ids is not None:
        statement = statement.where(col(SnapshotRow.list_id).in_(sorted(list_ids)))
    with Session(engine) as session:
        rows = session.exec(statement.order_by(col(SnapshotRow.list_id))).all()
        return {row.list_id: _snapshot(row) for row in rows}


def load_snapshot(engine: Engine, list_id: str, version: str) -> ListSnapshot | None:
    """One stored version of a list, active or not (to explain a past screening)."""
    with Session(engine) as session:
        row = session.exec(
            select(SnapshotRow).where(
                SnapshotRow.list_id == list_id, SnapshotRow.version == version
            )
        ).first()
        return None if row is None else _snapshot(row)


def list_versions(engine: Engine, list_id: str) -> list[SnapshotInfo]:
    """Every stored version of a list, newest import first."""
    with Session(engine) as session:
        rows = session.exec(
            select(SnapshotRow)
            .where(SnapshotRow.list_id == list_id)
            .order_by(col(SnapshotRow.imported_at).desc(), col(SnapshotRow.id).desc())
        ).all()
        return [_info(row) for row in rows]


def active_info(engine: Engine, list_id: str) -> SnapshotInfo | None:
    """The active version of one list, without its entries."""
    with Session(engine) as session:
        row = session.exec(
            select(SnapshotRow).where(SnapshotRow.list_id == list_id, col(SnapshotRow.active))
        ).first()
        return None if row is None else _info(row)


def stored_list_ids(engine: Engine) -> set[str]:
    """Lists that have at least one stored snapshot."""
    with Session(engine) as session:
        rows = session.exec(
            select(SnapshotRow.list_id, func.count()).group_by(col(SnapshotRow.list_id))
        ).all()
        return {list_id for list_id, _count in rows}
