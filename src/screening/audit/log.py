"""Append to the audit log and verify it, in the caller's database transaction.

An append locks its chain's head row before reading the last hash, so two writers of one tenant
(two API workers on PostgreSQL) queue up instead of both linking to the same previous record.
The record is committed with the caller's own change (a decision, an upload), or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from screening.audit.chain import (
    GENESIS_HASH,
    SYSTEM_CHAIN,
    AuditEvent,
    AuditRecord,
    ChainHead,
    ChainVerdict,
    Problem,
    seal,
    verify_records,
)
from screening.audit.details import chosen_versions
from screening.audit.tables import AuditChainHeadRow, AuditRecordRow


class Actor(Protocol):
    """Whoever acts: the API's Principal fits, and so does CLI_ACTOR."""

    @property
    def tenant_id(self) -> str: ...

    @property
    def key_id(self) -> str: ...

    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class SystemActor:
    tenant_id: str
    key_id: str
    role: str


CLI_ACTOR = SystemActor(tenant_id=SYSTEM_CHAIN, key_id="cli", role="system")
SYSTEM_ACTOR = SystemActor(tenant_id=SYSTEM_CHAIN, key_id="system", role="system")


def append_audit(
    session: Session,
    actor: Actor,
    action: str,
    subject: str,
    details: Mapping[str, Any] | None = None,
    *,
    tenant_id: str | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    """Add one record to the chain of `tenant_id` (default: the actor's tenant) and flush it.

    The caller commits. `details` must be JSON-able and must never hold a secret.
    """
    event = AuditEvent(
        chain=actor.tenant_id if tenant_id is None else tenant_id,
        actor=actor.key_id,
        role=actor.role,
        action=action,
        subject=subject,
        details=dict(details or {}),
    )
    return append_audit_events(session, [event], at=at)[0]


def append_audit_events(
    session: Session, events: Sequence[AuditEvent], *, at: datetime | None = None
) -> list[AuditRecord]:
    """Add `events` to their chains, in order, and flush: each chain's head is locked and
    moved once however many of its records are added (a group commit of many screenings).

    The caller commits. Records are returned in the order of `events`."""
    sealed: dict[int, AuditRecord] = {}
    session.flush()  # the caller's pending rows go first, as they did when records were added
    # Chains in one order (sorted) in every transaction: two writers whose groups hold the same
    # chains lock their heads in the same order, never each waiting on the other (deadlock).
    for chain, positions in sorted(_positions_by_chain(events).items()):
        head = _lock_head(session, chain)
        # Taken once the head is held, so a chain's times never run backwards.
        when = (at or datetime.now(UTC)).astimezone(UTC)
        last_seq, last_hash = head.last_seq, head.last_hash
        for position in positions:
            record = seal(events[position], last_seq + 1, when, last_hash)
            last_seq, last_hash = record.seq, record.hash
            sealed[position] = record
        # One INSERT for the chain's records (executemany), rather than an ORM object each:
        # records are never read back through this session. Statements built once, run on the
        # session's connection (flushed above) without the ORM's bulk machinery.
        connection = session.connection()
        connection.execute(
            _INSERT_RECORDS, [_values_of(sealed[position]) for position in positions]
        )
        connection.execute(_MOVE_HEAD, {"chain": chain, "seq": last_seq, "hash": last_hash})
    return [sealed[position] for position in range(len(events))]


_RECORDS = AuditRecordRow.__table__  # type: ignore[attr-defined]
_HEADS = AuditChainHeadRow.__table__  # type: ignore[attr-defined]
_INSERT_RECORDS = _RECORDS.insert()
_MOVE_HEAD = (
    _HEADS.update()
    .where(_HEADS.c.tenant_id == bindparam("chain"))
    .values(last_seq=bindparam("seq"), last_hash=bindparam("hash"))
)
# Takes the head's write lock and reads it, in one statement (see _lock_head).
_LOCK_AND_READ_HEAD = (
    _HEADS.update()
    .where(_HEADS.c.tenant_id == bindparam("chain"))
    .values(last_seq=_HEADS.c.last_seq)
    .returning(_HEADS.c.last_seq, _HEADS.c.last_hash)
)


def _positions_by_chain(events: Sequence[AuditEvent]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for position, event in enumerate(events):
        positions.setdefault(event.chain, []).append(position)
    return positions


# An AuditRecord's fields stored as they are; its chain is the row's tenant_id.
_STORED_AS_IS = ("seq", "at", "actor", "role", "action", "subject", "prev_hash", "hash")


def _values_of(record: AuditRecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in _STORED_AS_IS}
    values.update(tenant_id=record.chain, details=dict(record.details))
    return values


def _lock_head(session: Session, chain: str) -> ChainHead:
    """Create the head row if the chain is new, then hold its lock until the transaction ends.

    The lock is taken with a write (UPDATE) rather than SELECT ... FOR UPDATE so that SQLite,
    which has no row locks, also takes its write lock before the head is read. On SQLite and
    PostgreSQL the same UPDATE reads the head (RETURNING): one statement once the chain exists.
    """
    new_head: dict[str, Any] = {"tenant_id": chain, "last_seq": 0, "last_hash": GENESIS_HASH}
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect in ("postgresql", "sqlite"):
        held = connection.execute(_LOCK_AND_READ_HEAD, {"chain": chain}).first()
        if held is None:  # a new chain (or one a concurrent writer is creating)
            insert_head = postgresql.insert if dialect == "postgresql" else sqlite.insert
            session.execute(
                insert_head(AuditChainHeadRow).values(new_head).on_conflict_do_nothing()
            )
            held = connection.execute(_LOCK_AND_READ_HEAD, {"chain": chain}).one()
        return ChainHead(last_seq=held[0], last_hash=held[1])
    # Other databases: the statements built here, on the rare path only.
    head_filter = col(AuditChainHeadRow.tenant_id) == chain
    take_lock = (
        update(AuditChainHeadRow)
        .where(head_filter)
        .values(last_seq=AuditChainHeadRow.last_seq)
        .execution_options(synchronize_session=False)
    )
    if session.get(AuditChainHeadRow, chain) is None:
        session.add(AuditChainHeadRow(**new_head))
        session.flush()
    session.exec(take_lock)
    row = session.exec(
        select(AuditChainHeadRow.last_seq, AuditChainHeadRow.last_hash).where(head_filter)
    ).one()
    return ChainHead(last_seq=row[0], last_hash=row[1])


def record_from_row(row: AuditRecordRow) -> AuditRecord:
    return AuditRecord(
        chain=row.tenant_id,
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        role=row.role,
        action=row.action,
        subject=row.subject,
        details=row.details,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _chain_records(session: Session, chain: str) -> Iterator[AuditRecord]:
    rows = session.exec(
        select(AuditRecordRow)
        .where(col(AuditRecordRow.tenant_id) == chain)
        .order_by(col(AuditRecordRow.seq))
        .execution_options(yield_per=1000)
    )
    for row in rows:
        yield record_from_row(row)
        session.expunge(row)  # long chains are read once; keep the identity map small


@dataclass(frozen=True, slots=True)
class AuditVerification:
    valid: bool
    chains: tuple[ChainVerdict, ...]

    @property
    def records(self) -> int:
        return sum(verdict.records for verdict in self.chains)

    def first_broken(self) -> ChainVerdict | None:
        return next((verdict for verdict in self.chains if not verdict.valid), None)

    def to_dict(self) -> dict[str, Any]:
        broken = self.first_broken()
        return {
            "valid": self.valid,
            "records": self.records,
            "chains": [_public_chain(verdict.to_dict()) for verdict in self.chains],
            "first_broken": _public_chain(broken.to_dict()) if broken else None,
        }


def _public_chain(data: dict[str, Any]) -> dict[str, Any]:
    data["chain"] = data["chain"] or "system"
    return data


def known_chains(session: Session) -> list[str]:
    heads = session.exec(select(AuditChainHeadRow.tenant_id)).all()
    in_records = session.exec(select(AuditRecordRow.tenant_id).distinct()).all()
    return sorted(set(heads) | set(in_records))


def verify_chains(session: Session, chains: Iterable[str] | None = None) -> AuditVerification:
    """Verify the named chains (default: every chain in the database) from first record to head."""
    names = known_chains(session) if chains is None else list(dict.fromkeys(chains))
    verdicts = tuple(_verify_chain(session, chain) for chain in names)
    return AuditVerification(valid=all(v.valid for v in verdicts), chains=verdicts)


def _verify_chain(session: Session, chain: str) -> ChainVerdict:
    head_row = session.get(AuditChainHeadRow, chain)
    head = ChainHead(head_row.last_seq, head_row.last_hash) if head_row is not None else None
    verdict = verify_records(chain, _chain_records(session, chain), head)
    if verdict.valid and head is None and verdict.records > 0:
        return ChainVerdict(
            chain=chain,
            valid=False,
            records=verdict.records,
            head_hash=verdict.head_hash,
            problem=Problem.HEAD_MISMATCH,
            seq=None,
            detail="the chain has records but its head row is missing",
        )
    return verdict


def tenant_chains(tenant_id: str) -> tuple[str, str]:
    """What one tenant's auditors see and verify: their own chain and the system chain."""
    return (tenant_id, SYSTEM_CHAIN)


def list_records(
    session: Session,
    chains: Iterable[str],
    *,
    after_id: int = 0,
    limit: int = 100,
    action: str | None = None,
) -> list[tuple[int, AuditRecord]]:
    """Records of `chains` in the order they were written, with their row ids for paging."""
    query = (
        select(AuditRecordRow)
        .where(col(AuditRecordRow.tenant_id).in_(list(chains)))
        .where(col(AuditRecordRow.id) > after_id)
        .order_by(col(AuditRecordRow.id))
        .limit(limit)
    )
    if action:
        query = query.where(col(AuditRecordRow.action) == action)
    rows = session.exec(query).all()
    return [(row.id or 0, record_from_row(row)) for row in rows]


SYSTEM_IMPORTERS = ("bundled", "cli", "system")  # who imports lists besides an operator's key


def audit_list_import(
    session: Session,
    imported_by: str,
    *,
    list_id: str,
    version: str,
    sha256: str,
    entries: int,
    created: bool,
    provenance: Mapping[str, Any] | None = None,
) -> AuditRecord:
    """A list snapshot stored and made active: a record in the system chain.

    `provenance` says where the files came from (source, format) and what the loader warned of.
    """
    return append_audit(
        session,
        _list_actor(imported_by),
        "list.import",
        f"{list_id}@{version}",
        {
            "list": list_id,
            "version": version,
            "sha256": sha256,
            "entries": entries,
            "new_snapshot": created,
            **(provenance or {}),
        },
    )


def audit_list_update_failed(
    session: Session, checked_by: str, *, list_id: str, reason: str, serving: str | None
) -> AuditRecord:
    """A list's check or download failed; the version named in `serving` (if any) still serves."""
    return append_audit(
        session,
        _list_actor(checked_by),
        "list.update_failed",
        list_id,
        {"list": list_id, "reason": reason, "serving_version": serving},
    )


def _list_actor(key_id: str) -> SystemActor:
    role = "system" if key_id in SYSTEM_IMPORTERS else "admin"
    return SystemActor(SYSTEM_CHAIN, key_id, role)


class FinishedJob(Protocol):
    """What the audit log needs of a finished upload job (screening.jobs.tables.JobRow fits)."""

    @property
    def id(self) -> str: ...

    @property
    def tenant_id(self) -> str: ...

    @property
    def created_by(self) -> str: ...

    @property
    def rows_done(self) -> int: ...

    @property
    def list_versions(self) -> list[dict[str, Any]]: ...

    @property
    def lists(self) -> list[str] | None: ...

    @property
    def summary(self) -> dict[str, Any]: ...

    @property
    def engine_version(self) -> str: ...


def audit_finished_job(session: Session, job: FinishedJob) -> AuditRecord:
    """An upload's screening, once its job is done: in the tenant's chain, by the system."""
    return append_audit(
        session,
        SystemActor(job.tenant_id, "system", "system"),
        "screening",
        job.id,
        {
            "job_id": job.id,
            "uploaded_by": job.created_by,
            "suppliers": job.rows_done,
            "lists": {
                str(v.get("list_id")): str(v.get("version"))
                for v in chosen_versions(job.list_versions, job.lists)
            },
            "levels": dict(job.summary),
            "engine_version": job.engine_version,
        },
    )
