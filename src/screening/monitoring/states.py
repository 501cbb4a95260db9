"""Screening results of a monitored list as comparable match states, one per supplier-entry pair.

States are made from the matches a report keeps (best per entry, the most serious ten), whether
they come from a fresh screening or from an upload job's stored results, so the first re-screening
of an upload compares like with like.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from screening.decisions.applicability import EntryLookup
from screening.decisions.in_screening import SupplierDecisions, cleared_text
from screening.monitoring.diff import MatchState
from screening.reports.build import report_matches
from screening.reports.model import ReportMatch
from screening.risk.decision import EntryFacts
from screening.screener import ListVersion, ScreeningResult
from screening.supplier import Supplier

SCORE_DECIMALS = 1  # as reports keep them


def monitored_supplier_key(supplier: Supplier, row: int) -> str:
    """A monitored list never changes, so a supplier without a ref is known by its row."""
    return f"ref:{supplier.ref}" if supplier.ref else f"row:{row}"


def versions_map(versions: Sequence[ListVersion]) -> dict[str, str]:
    return {version.list_id: version.version for version in versions}


def versions_fingerprint(versions: Mapping[str, str]) -> str:
    """Identifies the set of list versions a screening ran on, to skip screening twice."""
    canonical = json.dumps(sorted(versions.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def supplier_states(
    supplier: Supplier,
    row: int,
    matches: Sequence[ReportMatch],
    decisions: SupplierDecisions,
    versions: Mapping[str, str],
    entry_of: EntryLookup,
) -> list[MatchState]:
    """One state per match of one supplier, with the decision that cleared it, if any."""
    states = []
    for match in matches:
        entry = entry_of(match.list_id, match.source_id)
        facts = (
            EntryFacts.of(entry)
            if entry is not None
            else EntryFacts((match.entry_name,), tuple(match.programs))
        )
        cleared = decisions.cleared(match.list_id, match.source_id)
        states.append(
            MatchState(
                supplier_key=monitored_supplier_key(supplier, row),
                supplier={"ref": supplier.ref, "name": supplier.name, "country": supplier.country},
                list_id=match.list_id,
                source_id=match.source_id,
                entry=facts,
                list_version=versions.get(match.list_id, ""),
                score=round(float(match.score), SCORE_DECIMALS),
                level=match.level,
                cleared_by=cleared_text(cleared) if cleared is not None else "",
                stale_decision=decisions.stale_changes(match.list_id, match.source_id),
            )
        )
    return states


def match_states(
    results: Sequence[ScreeningResult],
    decisions: Sequence[SupplierDecisions],
    versions: Mapping[str, str],
    entry_of: EntryLookup,
) -> list[MatchState]:
    """The states of a fresh screening of a monitored list (results in supplier order)."""
    states: list[MatchState] = []
    for row, (result, supplier_decisions) in enumerate(zip(results, decisions, strict=True)):
        states += supplier_states(
            result.supplier, row, report_matches(result), supplier_decisions, versions, entry_of
        )
    return states
