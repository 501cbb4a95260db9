"""Whether a past decision still holds for a supplier screened now, and if not, what changed.

A false positive stays cleared only while the supplier's data and the listed entry are what the
reviewer saw; any change sends the pair back for review with the change spelled out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from screening.risk.decision import CaseDecision, EntryFacts, SupplierFacts, supplier_key
from screening.supplier import Supplier
from screening.watchlist.model import Entry

PairKey = tuple[str, str, str]  # supplier key, list id, source id
EntryLookup = Callable[[str, str], Entry | None]  # (list id, source id) -> the entry listed now


@dataclass(frozen=True, slots=True)
class DecisionCheck:
    decision: CaseDecision
    changes: tuple[str, ...]  # empty when the decision still holds

    @property
    def applies(self) -> bool:
        return not self.changes


def supplier_changes(before: SupplierFacts, now: SupplierFacts) -> tuple[str, ...]:
    fields = zip(
        ("name", "country", "registration id"),
        before.to_dict().values(),
        now.to_dict().values(),
        before.normalised(),
        now.normalised(),
        strict=True,
    )
    return tuple(
        f"supplier {label} changed: {old!r} -> {new!r}"
        for label, old, new, old_normal, new_normal in fields
        if old_normal != new_normal
    )


def entry_changes(before: EntryFacts, now: EntryFacts) -> tuple[str, ...]:
    if before.fingerprint == now.fingerprint:
        return ()
    changes = []
    if before.name.casefold() != now.name.casefold():
        changes.append(f"entry name changed: {before.name!r} -> {now.name!r}")
    old_aliases = {n.casefold(): n for n in before.names[1:]}
    new_aliases = {n.casefold(): n for n in now.names[1:]}
    changes += [f"new alias {new_aliases[k]!r}" for k in sorted(new_aliases.keys() - old_aliases)]
    changes += [
        f"alias removed {old_aliases[k]!r}" for k in sorted(old_aliases.keys() - new_aliases)
    ]
    changes += [f"new program {p}" for p in sorted(set(now.programs) - set(before.programs))]
    changes += [f"program removed {p}" for p in sorted(set(before.programs) - set(now.programs))]
    return tuple(changes) or ("entry changed",)


def check_decision(
    decision: CaseDecision, supplier: Supplier, entry: Entry | None
) -> DecisionCheck:
    """`entry` is the entry as listed now; None when it has left the list."""
    changes = supplier_changes(decision.supplier, SupplierFacts.of(supplier))
    if entry is None:
        changes += ("entry no longer listed",)
    else:
        changes += entry_changes(decision.entry, EntryFacts.of(entry))
    return DecisionCheck(decision, changes)


def latest_decisions(decisions: Iterable[CaseDecision]) -> dict[PairKey, CaseDecision]:
    """The decision in force for each pair: the most recent one."""
    latest: dict[PairKey, CaseDecision] = {}
    for decision in sorted(decisions, key=lambda d: d.decided_at):
        latest[(decision.supplier_key, decision.list_id, decision.source_id)] = decision
    return latest


def checks_for_supplier(
    supplier: Supplier, latest: Mapping[PairKey, CaseDecision], entry_of: EntryLookup
) -> list[DecisionCheck]:
    """Every decision made on this supplier, checked against its data and the lists now.

    Decisions are found by the supplier's reference, so one made on data since edited is found,
    and reported as no longer holding, rather than silently lost.
    """
    key = supplier_key(supplier.ref, SupplierFacts.of(supplier))
    return [
        check_decision(decision, supplier, entry_of(list_id, source_id))
        for (pair_supplier, list_id, source_id), decision in sorted(latest.items())
        if pair_supplier == key
    ]
