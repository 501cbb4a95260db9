"""Storing and reading case decisions. Rows are only inserted: the latest on a pair wins."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from screening.decisions.applicability import PairKey, latest_decisions
from screening.decisions.tables import DecisionRow
from screening.risk.decision import (
    CaseDecision,
    EntryFacts,
    SupplierFacts,
    Verdict,
    supplier_key,
)
from screening.store.db import session_reads
from screening.store.generations import GenerationCache
from screening.supplier import Supplier
from screening.utc import as_utc
from screening.watchlist.model import Entry


def decision_from_row(row: DecisionRow | Row[Any]) -> CaseDecision:
    """A stored decision, from its ORM row or a row of its table's columns."""
    return CaseDecision(
        id=row.id,
        tenant_id=row.tenant_id,
        ref=row.ref,
        supplier=SupplierFacts.from_dict(row.supplier),
        list_id=row.list_id,
        source_id=row.source_id,
        entry=EntryFacts.from_dict(row.entry),
        verdict=Verdict(row.verdict),
        note=row.note,
        decided_by=row.decided_by,
        decided_at=as_utc(row.decided_at),
        basis=row.basis,
    )


def save_decision(
    session: Session,
    *,
    tenant_id: str,
    decided_by: str,
    supplier: Supplier,
    entry: Entry,
    list_version: str,
    verdict: Verdict,
    note: str,
    basis: str,
    at: datetime | None = None,
) -> CaseDecision:
    """Insert a decision on (supplier, entry) as the reviewer saw them.

    The caller commits, together with the audit record.
    """
    facts = SupplierFacts.of(supplier)
    entry_facts = EntryFacts.of(entry)
    row = DecisionRow(
        id="dec_" + secrets.token_hex(10),
        tenant_id=tenant_id,
        ref=supplier.ref,
        supplier_key=supplier_key(supplier.ref, facts),
        supplier=facts.to_dict(),
        supplier_fingerprint=facts.fingerprint,
        list_id=entry.list_id,
        source_id=entry.source_id,
        list_version=list_version,
        entry=entry_facts.to_dict(),
        entry_fingerprint=entry_facts.fingerprint,
        verdict=verdict.value,
        note=note,
        decided_by=decided_by,
        decided_at=(at or datetime.now(UTC)).astimezone(UTC),
        basis=basis,
    )
    session.add(row)
    session.flush()
    return decision_from_row(row)


def find_decisions(
    session: Session,
    tenant_id: str,
    *,
    ref: str | None = None,
    list_id: str | None = None,
    source_id: str | None = None,
    after_id: str | None = None,
    limit: int = 100,
) -> list[tuple[CaseDecision, str]]:
    """The tenant's decisions, newest first, each with the list version the reviewer saw."""
    query = select(DecisionRow).where(col(DecisionRow.tenant_id) == tenant_id)
    if ref is not None:
        query = query.where(col(DecisionRow.ref) == ref)
    if list_id is not None:
        query = query.where(col(DecisionRow.list_id) == list_id)
    if source_id is not None:
        query = query.where(col(DecisionRow.source_id) == source_id)
    if after_id is not None:
        anchor = session.get(DecisionRow, after_id)
        if anchor is not None and anchor.tenant_id == tenant_id:
            query = query.where(
                (col(DecisionRow.decided_at) < anchor.decided_at)
                | (
                    (col(DecisionRow.decided_at) == anchor.decided_at)
                    & (col(DecisionRow.id) < anchor.id)
                )
            )
    query = query.order_by(col(DecisionRow.decided_at).desc(), col(DecisionRow.id).desc())
    rows = session.exec(query.limit(limit)).all()
    return [(decision_from_row(row), row.list_version) for row in rows]


def decisions_in_force(
    session: Session,
    tenant_id: str,
    suppliers: Iterable[Supplier] | None = None,
    *,
    as_of: datetime | None = None,
) -> dict[PairKey, CaseDecision]:
    """The latest decision on every pair of the tenant (only those on `suppliers` if given),
    as they stood at `as_of` (default: now): decisions are never edited, so a past state is
    exactly reproducible."""
    keys: set[str] | None = None
    if suppliers is not None:
        keys = {supplier_key(s.ref, SupplierFacts.of(s)) for s in suppliers}
        if not keys:
            return {}
        if as_of is None and len(keys) <= _FEW_SUPPLIERS:
            return _decisions_now(session, tenant_id, keys)
    query = select(DecisionRow).where(col(DecisionRow.tenant_id) == tenant_id)
    if as_of is not None:
        query = query.where(col(DecisionRow.decided_at) <= as_utc(as_of))
    if keys is not None:
        if len(keys) <= _FEW_SUPPLIERS:
            query = query.where(col(DecisionRow.supplier_key).in_(sorted(keys)))
        rows = [row for row in session.exec(query).all() if row.supplier_key in keys]
    else:
        rows = list(session.exec(query).all())
    return latest_decisions(decision_from_row(row) for row in rows)


def kept_decisions_in_force(
    session: Session,
    kept: GenerationCache,
    generation: int,
    tenant_id: str,
    suppliers: Sequence[Supplier],
) -> dict[PairKey, CaseDecision]:
    """As decisions_in_force on `suppliers` now, asking the database only for the suppliers the
    tenant has decided on: which those are is kept while the database's read `generation`
    stays (store.generations; a decision saved by any process moves it). A tenant without
    decisions on these suppliers, the usual request, reads nothing more."""
    decided = kept.value(
        generation, ("decided", tenant_id), lambda: _decided_supplier_keys(session, tenant_id)
    )
    keys = {_key_of(s) for s in suppliers} & decided
    if not keys:
        return {}
    if len(keys) <= _FEW_SUPPLIERS:
        return _decisions_now(session, tenant_id, keys)
    return decisions_in_force(session, tenant_id, [s for s in suppliers if _key_of(s) in keys])


def _key_of(supplier: Supplier) -> str:
    return supplier_key(supplier.ref, SupplierFacts.of(supplier))


def _decided_supplier_keys(session: Session, tenant_id: str) -> frozenset[str]:
    with session_reads(session) as connection:
        rows = connection.execute(_DECIDED_SUPPLIERS, {"tenant_id": tenant_id}).all()
    return frozenset(row[0] for row in rows)


_FEW_SUPPLIERS = 500  # asked for by key (IN ...); more: the tenant's decisions, then filtered
_DECISIONS = DecisionRow.__table__  # type: ignore[attr-defined]
# Asked on every screening request: built once, run on the session's connection without the ORM.
_DECISIONS_ON_SUPPLIERS = core_select(_DECISIONS).where(
    _DECISIONS.c.tenant_id == bindparam("tenant_id"),
    _DECISIONS.c.supplier_key.in_(bindparam("keys", expanding=True)),
)
# The tenant's suppliers with any decision: read again by a process once the read generation moved.
_DECIDED_SUPPLIERS = (
    core_select(_DECISIONS.c.supplier_key)
    .where(_DECISIONS.c.tenant_id == bindparam("tenant_id"))
    .distinct()
)


def _decisions_now(session: Session, tenant_id: str, keys: set[str]) -> dict[PairKey, CaseDecision]:
    # session_reads flushes a session with changes, as the ORM's query would: decisions added
    # in this session count.
    with session_reads(session) as connection:
        rows = connection.execute(
            _DECISIONS_ON_SUPPLIERS, {"tenant_id": tenant_id, "keys": sorted(keys)}
        ).all()
    return latest_decisions(decision_from_row(row) for row in rows)


def decision_to_dict(decision: CaseDecision, list_version: str = "") -> dict[str, Any]:
    return {
        "id": decision.id,
        "ref": decision.ref,
        "supplier": decision.supplier.to_dict(),
        "list": decision.list_id,
        "source_id": decision.source_id,
        "list_version": list_version,
        "entry": decision.entry.to_dict(),
        "decision": decision.verdict.value,
        "note": decision.note,
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at.isoformat().replace("+00:00", "Z"),
        "basis": decision.basis,
        "supplier_fingerprint": decision.supplier.fingerprint,
        "entry_fingerprint": decision.entry.fingerprint,
    }
