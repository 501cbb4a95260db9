"""Decisions brought into a screening: which ones the risk model applies, which no longer hold.

Used wherever a tenant screens (the screen route, upload jobs, monitoring): the decisions in force
for each supplier are checked against its data and the entries listed now; those that hold go to
the risk model (a false positive is cleared there, with "cleared by <who> on <date>: <note>"),
the others are reported with what changed, so the pair is reviewed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from screening.decisions.applicability import (
    DecisionCheck,
    EntryLookup,
    PairKey,
    checks_for_supplier,
)
from screening.decisions.store import decisions_in_force
from screening.risk.decision import CaseDecision, Verdict
from screening.risk.model import Decision
from screening.screener import MATCHES_PER_SUPPLIER, Screener, ScreeningResult
from screening.supplier import Supplier
from screening.watchlist.model import Entry, ListSnapshot


@dataclass(frozen=True, slots=True)
class SupplierDecisions:
    """The decisions on one supplier, as they stand in this screening."""

    in_force: tuple[CaseDecision, ...] = ()
    stale: tuple[DecisionCheck, ...] = ()  # no longer hold: each with the changes since

    def for_risk(self) -> tuple[Decision, ...]:
        return tuple(risk_decision(decision) for decision in self.in_force)

    def cleared(self, list_id: str, source_id: str) -> CaseDecision | None:
        return next(
            (
                d
                for d in self.in_force
                if d.verdict is Verdict.FALSE_POSITIVE
                and (d.list_id, d.source_id)
                == (
                    list_id,
                    source_id,
                )
            ),
            None,
        )

    def stale_changes(self, list_id: str, source_id: str) -> tuple[str, ...]:
        for check in self.stale:
            if (check.decision.list_id, check.decision.source_id) == (list_id, source_id):
                return check.changes
        return ()


NO_DECISIONS = SupplierDecisions()


def risk_decision(decision: CaseDecision) -> Decision:
    return Decision(
        list_id=decision.list_id,
        source_id=decision.source_id,
        verdict=decision.verdict,
        by=decision.decided_by,
        on=decision.decided_at.date(),
        note=decision.note,
    )


def cleared_text(decision: CaseDecision) -> str:
    """How a cleared pair is shown: "cleared by <who> on <date>: <note>"."""
    return f"cleared by {decision.decided_by} on {decision.decided_at.date().isoformat()}: " + (
        decision.note
    )


class SnapshotEntries:
    """(list id, source id) -> entry over a set of snapshots, indexing a list on first use."""

    def __init__(self, snapshots: Iterable[ListSnapshot]) -> None:
        self._snapshots = {snapshot.list_id: snapshot for snapshot in snapshots}
        self._indexed: dict[str, dict[str, Entry]] = {}

    def __call__(self, list_id: str, source_id: str) -> Entry | None:
        index = self._indexed.get(list_id)
        if index is None:
            snapshot = self._snapshots.get(list_id)
            index = {e.source_id: e for e in snapshot.entries} if snapshot is not None else {}
            self._indexed[list_id] = index
        return index.get(source_id)


def decisions_for_suppliers(
    suppliers: Sequence[Supplier],
    latest: Mapping[PairKey, CaseDecision],
    entry_of: EntryLookup,
) -> list[SupplierDecisions]:
    """One SupplierDecisions per supplier, in input order."""
    if not latest:
        return [NO_DECISIONS] * len(suppliers)
    out: list[SupplierDecisions] = []
    for supplier in suppliers:
        checks = checks_for_supplier(supplier, latest, entry_of)
        if not checks:
            out.append(NO_DECISIONS)
            continue
        out.append(
            SupplierDecisions(
                in_force=tuple(c.decision for c in checks if c.applies),
                stale=tuple(c for c in checks if not c.applies),
            )
        )
    return out


def screen_for_tenant(
    session: Session,
    screener: Screener,
    tenant_id: str,
    suppliers: Sequence[Supplier],
    threshold: float | None = None,
    *,
    limit: int = MATCHES_PER_SUPPLIER,
) -> tuple[list[ScreeningResult], list[SupplierDecisions]]:
    """Screen with the tenant's decisions in force: results (the best `limit` matches of each
    supplier) and, per supplier, the decisions."""
    latest = decisions_in_force(session, tenant_id, suppliers)
    return screen_with_decisions(screener, suppliers, latest, threshold, limit=limit)


def screen_with_decisions(
    screener: Screener,
    suppliers: Sequence[Supplier],
    latest: Mapping[PairKey, CaseDecision],
    threshold: float | None = None,
    *,
    limit: int = MATCHES_PER_SUPPLIER,
) -> tuple[list[ScreeningResult], list[SupplierDecisions]]:
    """As screen_for_tenant, with the tenant's `latest` decisions on these suppliers read
    already (decisions.store.kept_decisions_in_force)."""
    per_supplier = decisions_for_suppliers(suppliers, latest, SnapshotEntries(screener.snapshots))
    results = screener.screen(
        suppliers,
        threshold,
        decisions=[decisions.for_risk() for decisions in per_supplier],
        limit=limit,
    )
    return results, per_supplier
