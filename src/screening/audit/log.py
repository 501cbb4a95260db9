"""Append to the audit log and verify it, in the caller's database transaction.

An append locks its chain's head row before reading the last hash, so two writers of one tenant
(two API workers on PostgreSQL) queue up instead of both linking to the same previous record.
The record is committed with the caller's own change (a decision, an upload), or not at all.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson
from sqlalchemy import Table, insert, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
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


@dataclass(frozen=True, slots=True)
class DriverStatement:
    """A statement in the database driver's own SQL: psycopg's `%s` or sqlite3's `?`
    placeholders, its parameters in their order."""

    sql: str
    parameters: tuple[Any, ...]


def append_audit_events(
    session: Session,
    events: Sequence[AuditEvent],
    *,
    at: datetime | None = None,
    along_with: DriverStatement | None = None,
) -> list[AuditRecord]:
    """Add `events` to their chains, in order, and flush: the heads of all their chains are
    locked and read in one statement and moved in another with the records' one INSERT,
    however many records a chain gets (a group commit of many screenings).

    `along_with`, an INSERT of the caller's, goes in the same round trip as the heads' lock
    (on PostgreSQL a WITH clause of it; on SQLite, where a statement costs no round trip, just
    before it). The caller commits. Records are returned in the order of `events`."""
    session.flush()  # the caller's pending rows go first, as they did when records were added
    connection = session.connection()
    if connection.dialect.name not in _DRIVER_SQL:
        return _append_with_core_statements(session, events, at=at, along_with=along_with)
    sql = _DRIVER_SQL[connection.dialect.name]
    positions = _positions_by_chain(events)
    # Chains in one order (sorted) in every transaction: two writers whose groups hold the same
    # chains lock their heads in the same order, never each waiting on the other (deadlock).
    chains = sorted(positions)
    heads = sql.lock_heads(connection, chains, along_with)
    # Taken once the heads are held, so a chain's times never run backwards.
    when = (at or datetime.now(UTC)).astimezone(UTC)
    sealed: dict[int, AuditRecord] = {}
    records: list[AuditRecord] = []  # chain by chain, as their rows get their ids
    for chain in chains:
        head = heads[chain]
        last_seq, last_hash = head.last_seq, head.last_hash
        for position in positions[chain]:
            record = seal(events[position], last_seq + 1, when, last_hash)
            last_seq, last_hash = record.seq, record.hash
            sealed[position] = record
            records.append(record)
        heads[chain] = ChainHead(last_seq, last_hash)
    sql.add_records(connection, records, {chain: heads[chain] for chain in chains})
    return [sealed[position] for position in range(len(events))]


def _positions_by_chain(events: Sequence[AuditEvent]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for position, event in enumerate(events):
        positions.setdefault(event.chain, []).append(position)
    return positions


_RECORDS: Table = AuditRecordRow.__table__  # type: ignore[attr-defined]
_HEADS: Table = AuditChainHeadRow.__table__  # type: ignore[attr-defined]
# The records' columns in the order the statements below bind them: an AuditRecord's fields
# as they are, but its chain is the row's tenant_id and its details are JSON text.
_RECORD_COLUMNS = (
    "tenant_id", "seq", "at", "actor", "role", "action", "subject", "details", "prev_hash", "hash"
)  # fmt: skip


def _record_values(record: AuditRecord) -> tuple[Any, ...]:
    # json.dumps: as SQLAlchemy's JSON type writes it (the engine sets no serializer)
    return (
        record.chain, record.seq, record.at, record.actor, record.role, record.action,
        record.subject, json.dumps(record.details), record.prev_hash, record.hash,
    )  # fmt: skip


class _PostgresqlSql:
    """Two statements a group whatever its size, their text the same each time, so psycopg
    prepares them once per connection (after its prepare_threshold of uses): the heads locked
    and read (FOR UPDATE, in the chains' order), then the records inserted and the heads moved
    in one statement. The rows go as one JSON text each statement (orjson: no parameter
    dumped per value), read with the table's own row type."""

    LOCK_HEADS = (
        "SELECT tenant_id, last_seq, last_hash FROM audit_chain_heads"
        " WHERE tenant_id IN (SELECT json_array_elements_text(%s::json))"
        " ORDER BY tenant_id FOR UPDATE"
    )
    CREATE_HEADS = (
        "INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash)"
        " SELECT chain, 0, %s FROM json_array_elements_text(%s::json) AS new(chain)"
        " ON CONFLICT (tenant_id) DO NOTHING"
    )
    ADD_RECORDS = (
        "WITH moved AS (UPDATE audit_chain_heads"
        " SET last_seq = head.last_seq, last_hash = head.last_hash"
        " FROM json_populate_recordset(NULL::audit_chain_heads, %s::json) AS head"
        " WHERE audit_chain_heads.tenant_id = head.tenant_id)"
        f" INSERT INTO audit_records ({', '.join(_RECORD_COLUMNS)})"
        f" SELECT {', '.join(_RECORD_COLUMNS)}"
        " FROM json_populate_recordset(NULL::audit_records, %s::json)"
    )

    def lock_heads(
        self, connection: Connection, chains: list[str], along_with: DriverStatement | None
    ) -> dict[str, ChainHead]:
        if along_with is None:
            heads = _read_heads(connection, self.LOCK_HEADS, (_json_text(chains),))
        else:  # data-modifying WITH clauses run to completion, read or not
            statement = f"WITH written AS ({along_with.sql}) {self.LOCK_HEADS}"
            parameters = (*along_with.parameters, _json_text(chains))
            heads = _read_heads(connection, statement, parameters)
        new = [chain for chain in chains if chain not in heads]
        if new:  # new chains (or ones a concurrent writer is creating)
            connection.exec_driver_sql(self.CREATE_HEADS, (GENESIS_HASH, _json_text(new)))
            heads.update(_read_heads(connection, self.LOCK_HEADS, (_json_text(new),)))
        return heads

    def add_records(
        self, connection: Connection, records: list[AuditRecord], heads: dict[str, ChainHead]
    ) -> None:
        moved = [
            {"tenant_id": chain, "last_seq": head.last_seq, "last_hash": head.last_hash}
            for chain, head in heads.items()
        ]
        rows = [
            dict(zip(_RECORD_COLUMNS, _record_values(record), strict=True)) for record in records
        ]
        for row in rows:
            row["details"] = orjson.Fragment(row["details"])  # json.dumps' text, kept as it is
        connection.exec_driver_sql(self.ADD_RECORDS, (_json_text(moved), _json_text(rows)))


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


class _SqliteSql:
    """SQLite has no row locks and no round trips: the heads' UPDATE takes the database's
    write lock before they are read (RETURNING); the records in one multi-row INSERT, the heads
    moved in one UPDATE. sqlite3 keeps each statement's text prepared (its statement cache)."""

    CREATE_HEADS = (
        "INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash) VALUES {values}"
        " ON CONFLICT (tenant_id) DO NOTHING"
    )

    def __init__(self) -> None:
        dialect = sqlite.dialect()
        self._time = _RECORDS.c.at.type.dialect_impl(dialect).bind_processor(dialect)

    def lock_heads(
        self, connection: Connection, chains: list[str], along_with: DriverStatement | None
    ) -> dict[str, ChainHead]:
        if along_with is not None:
            connection.exec_driver_sql(along_with.sql, along_with.parameters)
        heads = _read_heads(connection, _sqlite_lock_heads(len(chains)), tuple(chains))
        new = [chain for chain in chains if chain not in heads]
        if new:  # a new chain
            values = ", ".join([f"(?, 0, '{GENESIS_HASH}')"] * len(new))
            connection.exec_driver_sql(self.CREATE_HEADS.format(values=values), tuple(new))
            heads.update(_read_heads(connection, _sqlite_lock_heads(len(new)), tuple(new)))
        return heads

    def add_records(
        self, connection: Connection, records: list[AuditRecord], heads: dict[str, ChainHead]
    ) -> None:
        values: list[Any] = []
        for record in records:
            row = _record_values(record)
            values.extend(row[:2])
            values.append(self._time(row[2]) if self._time is not None else row[2])
            values.extend(row[3:])
        connection.exec_driver_sql(_sqlite_insert_records(len(records)), tuple(values))
        moved: list[Any] = []
        for chain, head in heads.items():
            moved.extend((chain, head.last_seq, head.last_hash))
        connection.exec_driver_sql(_sqlite_move_heads(len(heads)), tuple(moved))


@functools.lru_cache(maxsize=64)
def _sqlite_lock_heads(chains: int) -> str:
    return (
        "UPDATE audit_chain_heads SET last_seq = last_seq"
        f" WHERE tenant_id IN ({', '.join(['?'] * chains)})"
        " RETURNING tenant_id, last_seq, last_hash"
    )


@functools.lru_cache(maxsize=64)
def _sqlite_insert_records(records: int) -> str:
    row = "(" + ", ".join(["?"] * len(_RECORD_COLUMNS)) + ")"
    return (
        f"INSERT INTO audit_records ({', '.join(_RECORD_COLUMNS)})"
        f" VALUES {', '.join([row] * records)}"
    )


@functools.lru_cache(maxsize=64)
def _sqlite_move_heads(chains: int) -> str:
    return (
        "UPDATE audit_chain_heads SET last_seq = head.column2, last_hash = head.column3"
        f" FROM (VALUES {', '.join(['(?, ?, ?)'] * chains)}) AS head"
        " WHERE audit_chain_heads.tenant_id = head.column1"
    )


_DRIVER_SQL: dict[str, _PostgresqlSql | _SqliteSql] = {
    "postgresql": _PostgresqlSql(),
    "sqlite": _SqliteSql(),
}


def _read_heads(
    connection: Connection, statement: str, parameters: tuple[Any, ...]
) -> dict[str, ChainHead]:
    rows = connection.exec_driver_sql(statement, parameters).all()
    return {chain: ChainHead(last_seq, last_hash) for chain, last_seq, last_hash in rows}


def _append_with_core_statements(
    session: Session,
    events: Sequence[AuditEvent],
    *,
    at: datetime | None,
    along_with: DriverStatement | None,
) -> list[AuditRecord]:
    """Databases other than PostgreSQL and SQLite: chain by chain, portable statements."""
    if along_with is not None:
        session.connection().exec_driver_sql(along_with.sql, along_with.parameters)
    sealed: dict[int, AuditRecord] = {}
    for chain, positions in sorted(_positions_by_chain(events).items()):
        head = _lock_head(session, chain)
        when = (at or datetime.now(UTC)).astimezone(UTC)
        last_seq, last_hash = head.last_seq, head.last_hash
        for position in positions:
            record = seal(events[position], last_seq + 1, when, last_hash)
            last_seq, last_hash = record.seq, record.hash
            sealed[position] = record
        session.execute(
            insert(AuditRecordRow),
            [dict(zip(_RECORD_COLUMNS, _core_values(sealed[p]), strict=True)) for p in positions],
        )
        session.execute(
            update(AuditChainHeadRow)
            .where(col(AuditChainHeadRow.tenant_id) == chain)
            .values(last_seq=last_seq, last_hash=last_hash)
            .execution_options(synchronize_session=False)
        )
    return [sealed[position] for position in range(len(events))]


def _core_values(record: AuditRecord) -> tuple[Any, ...]:
    values = _record_values(record)
    return (*values[:7], dict(record.details), *values[8:])


def _lock_head(session: Session, chain: str) -> ChainHead:
    """Create the head row if the chain is new, then hold its lock until the transaction ends.

    The lock is taken with a write (UPDATE) rather than SELECT ... FOR UPDATE so that any
    database also takes its write lock before the head is read."""
    head_filter = col(AuditChainHeadRow.tenant_id) == chain
    take_lock = (
        update(AuditChainHeadRow)
        .where(head_filter)
        .values(last_seq=AuditChainHeadRow.last_seq)
        .execution_options(synchronize_session=False)
    )
    if session.get(AuditChainHeadRow, chain) is None:
        session.add(AuditChainHeadRow(tenant_id=chain, last_seq=0, last_hash=GENESIS_HASH))
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
