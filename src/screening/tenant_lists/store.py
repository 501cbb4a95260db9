"""Storing tenant lists: import a version (and make it the active one), list, delete, and load
the active versions of one tenant as list snapshots. Every query names the tenant."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from anyascii import anyascii
from sqlalchemy import bindparam, text, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from screening.audit.log import Actor, append_audit
from screening.store.db import read_connection
from screening.store.snapshots import SnapshotInfo, decode_entries, encode_entries
from screening.tenant_lists.parse import TenantListFile
from screening.tenant_lists.tables import TenantListRow, TenantListVersionRow
from screening.utc import utc_now
from screening.watchlist.model import ListSnapshot, SourceFile

LIST_ID_PREFIX = "tenant-"  # never the start of an official list's id
_SLUG_LENGTH = 64 - len(LIST_ID_PREFIX)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class TenantListTitleError(ValueError):
    """A title that gives no list id (nothing but punctuation, say)."""


@dataclass(frozen=True, slots=True)
class TenantListInfo:
    """A tenant list and its active version, without entries: what listings show."""

    list_id: str
    title: str
    version: str
    sha256: str
    file_name: str
    entries: int
    imported_at: datetime
    imported_by: str
    created: datetime


@dataclass(frozen=True, slots=True)
class TenantListImport:
    info: TenantListInfo
    created: bool  # False when the same file was imported before and was re-activated


def is_tenant_list_id(list_id: str) -> bool:
    return list_id.startswith(LIST_ID_PREFIX)


def tenant_list_id(title: str) -> str:
    """ "Audit failures 2025" -> "tenant-audit-failures-2025"; any script is romanised first."""
    latin = anyascii(unicodedata.normalize("NFKC", title)).lower()
    slug = _NOT_SLUG.sub("-", latin).strip("-")[:_SLUG_LENGTH].strip("-")
    if not slug:
        raise TenantListTitleError(f"the title {title!r} gives no list id: use letters or digits")
    return LIST_ID_PREFIX + slug


def version_of(imported: date, sha256: str) -> str:
    """Like an official list's: the import date and the start of the file's sha256."""
    return f"{imported.isoformat()}-{sha256[:8]}"


def _lock_list(session: Session, tenant_id: str, list_id: str) -> None:
    """One import of a list at a time across processes (PostgreSQL; SQLite locks the file)."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(  # type: ignore[call-overload]
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
            params={"key": f"screening.tenant_lists:{tenant_id}:{list_id}"},
        )


def _info(list_row: TenantListRow, version: TenantListVersionRow) -> TenantListInfo:
    return TenantListInfo(
        list_id=list_row.list_id,
        title=list_row.title,
        version=version.version,
        sha256=version.sha256,
        file_name=version.file_name,
        entries=version.entry_count,
        imported_at=version.imported_at,
        imported_by=version.imported_by,
        created=list_row.created,
    )


def import_tenant_list(
    session: Session, actor: Actor, title: str, parsed: TenantListFile
) -> TenantListImport:
    """Store `parsed` as the active version of the actor's list titled `title` (made if new),
    with an audit record; the caller commits. The entries must carry `tenant_list_id(title)`."""
    tenant_id = actor.tenant_id
    list_id = tenant_list_id(title)
    _lock_list(session, tenant_id, list_id)
    list_row = session.get(TenantListRow, (tenant_id, list_id))
    if list_row is None:
        list_row = TenantListRow(
            tenant_id=tenant_id, list_id=list_id, title=title, created_by=actor.key_id
        )
    list_row.title, list_row.deleted = title, None
    session.add(list_row)
    row = session.exec(
        select(TenantListVersionRow).where(
            TenantListVersionRow.tenant_id == tenant_id,
            TenantListVersionRow.list_id == list_id,
            TenantListVersionRow.sha256 == parsed.sha256,
        )
    ).first()
    created = row is None
    if row is None:
        row = TenantListVersionRow(
            tenant_id=tenant_id,
            list_id=list_id,
            version=version_of(utc_now().date(), parsed.sha256),
            sha256=parsed.sha256,
            file_name=parsed.file_name[:300],
            entry_count=len(parsed.entries),
            imported_by=actor.key_id,
            entries_gz=encode_entries(parsed.entries),
        )
    # The old one off first: the partial unique index allows one active version per list.
    session.execute(
        update(TenantListVersionRow)
        .where(
            col(TenantListVersionRow.tenant_id) == tenant_id,
            col(TenantListVersionRow.list_id) == list_id,
            col(TenantListVersionRow.active),
        )
        .values(active=False)
    )
    row.active = True
    session.add(row)
    session.flush()
    info = _info(list_row, row)
    append_audit(
        session,
        actor,
        "tenant_list.import",
        list_id,
        {
            "title": title,
            "version": info.version,
            "sha256": info.sha256,
            "file": info.file_name,
            "entries": info.entries,
            "created": created,
        },
    )
    return TenantListImport(info, created)


def _active_rows(
    session: Session, tenant_id: str
) -> list[tuple[TenantListRow, TenantListVersionRow]]:
    rows = session.exec(
        select(TenantListRow, TenantListVersionRow)
        .join(
            TenantListVersionRow,
            (col(TenantListVersionRow.tenant_id) == col(TenantListRow.tenant_id))
            & (col(TenantListVersionRow.list_id) == col(TenantListRow.list_id)),
        )
        .where(
            TenantListRow.tenant_id == tenant_id,
            col(TenantListRow.deleted).is_(None),
            col(TenantListVersionRow.active),
        )
        .order_by(col(TenantListRow.list_id))
    ).all()
    return [(list_row, version) for list_row, version in rows]


def tenant_lists(session: Session, tenant_id: str) -> list[TenantListInfo]:
    """The tenant's lists (deleted ones left out), by list id."""
    return [_info(list_row, version) for list_row, version in _active_rows(session, tenant_id)]


def delete_tenant_list(session: Session, actor: Actor, list_id: str) -> bool:
    """Stop screening against the actor's list; False when the tenant has no such list. Its
    versions are kept, so the jobs that screened against them can still be re-run."""
    list_row = session.get(TenantListRow, (actor.tenant_id, list_id))
    if list_row is None or list_row.deleted is not None:
        return False
    _lock_list(session, actor.tenant_id, list_id)
    list_row.deleted = utc_now()
    session.add(list_row)
    session.execute(
        update(TenantListVersionRow)
        .where(
            col(TenantListVersionRow.tenant_id) == actor.tenant_id,
            col(TenantListVersionRow.list_id) == list_id,
        )
        .values(active=False)
    )
    session.flush()
    append_audit(session, actor, "tenant_list.delete", list_id, {"title": list_row.title})
    return True


def _snapshot(version: TenantListVersionRow) -> ListSnapshot:
    return ListSnapshot(
        list_id=version.list_id,
        version=version.version,
        published=version.imported_at.date(),
        sha256=version.sha256,
        files=(SourceFile(version.file_name, version.sha256, 0),),
        entries=decode_entries(version.entries_gz),
    )


_VERSIONS = TenantListVersionRow.__table__  # type: ignore[attr-defined]
# Asked on every screening request: built once, run without an ORM session.
_ACTIVE_FINGERPRINT = core_select(_VERSIONS.c.list_id, _VERSIONS.c.sha256).where(
    _VERSIONS.c.tenant_id == bindparam("tenant_id"), _VERSIONS.c.active
)


def tenant_fingerprint(engine: Engine, tenant_id: str) -> tuple[tuple[str, str], ...]:
    """(list id, sha256) of the tenant's active versions: cheap to ask on every request."""
    with read_connection(engine) as connection:
        rows = connection.execute(_ACTIVE_FINGERPRINT, {"tenant_id": tenant_id}).all()
        return tuple(sorted((list_id, sha256) for list_id, sha256 in rows))


def load_tenant_snapshots(engine: Engine, tenant_id: str) -> list[ListSnapshot]:
    """The active versions of the tenant's lists, with their entries, by list id."""
    with Session(engine) as session:
        return [_snapshot(version) for _list_row, version in _active_rows(session, tenant_id)]


def tenant_list_snapshot(
    engine: Engine, tenant_id: str, list_id: str, version: str | None
) -> ListSnapshot | None:
    """A stored version of the tenant's list, replaced or deleted ones too (to re-run a job);
    `version` None: the one screened now. None when there is no such version."""
    statement = select(TenantListVersionRow).where(
        TenantListVersionRow.tenant_id == tenant_id, TenantListVersionRow.list_id == list_id
    )
    if version is None:
        statement = statement.where(col(TenantListVersionRow.active))
    else:
        statement = statement.where(TenantListVersionRow.version == version)
    with Session(engine) as session:
        row = session.exec(statement).first()
        return None if row is None else _snapshot(row)


def tenants_with_lists() -> SelectOfScalar[str]:
    """The tenants that keep (or kept) lists of their own, as a subquery."""
    return select(TenantListRow.tenant_id).distinct()


def tenant_list_versions(engine: Engine, tenant_id: str, list_id: str) -> list[SnapshotInfo]:
    """Every stored version of the tenant's list, newest import first (as an official list's)."""
    with Session(engine) as session:
        rows = session.exec(
            select(TenantListVersionRow)
            .where(
                TenantListVersionRow.tenant_id == tenant_id,
                TenantListVersionRow.list_id == list_id,
            )
            .order_by(
                col(TenantListVersionRow.imported_at).desc(), col(TenantListVersionRow.id).desc()
            )
        ).all()
        return [
            SnapshotInfo(
                id=row.id or 0,
                list_id=row.list_id,
                version=row.version,
                published=row.imported_at.date(),
                sha256=row.sha256,
                files=(SourceFile(row.file_name, row.sha256, 0),),
                entry_count=row.entry_count,
                imported_at=row.imported_at,
                imported_by=row.imported_by,
                active=row.active,
            )
            for row in rows
        ]
