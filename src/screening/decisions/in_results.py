"""Decisions in force shown on results screened before them: a job's rows and reports.

A job's results are kept as they were screened; a reviewer decides afterwards. Whenever those
results are read (the results page, the summary, every report) the tenant's decisions in force on
each supplier-entry pair are laid over them: the match carries its decision (who, when, note),
and the row a decision status and the level the decisions leave. A decision holds only while the
supplier's name, country and registration id are those the reviewer saw. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping

from screening.decisions.applicability import PairKey, supplier_changes
from screening.reports.model import ReportMatch, ReportRow
from screening.risk.decision import CaseDecision, SupplierFacts, Verdict, supplier_key
from screening.risk.model import RiskLevel


def decision_json(decision: CaseDecision) -> dict[str, str]:
    """A decision as a match carries it: what the API, the page and the reports show."""
    return {
        "id": decision.id,
        "verdict": decision.verdict.value,
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at.isoformat().replace("+00:00", "Z"),
        "note": decision.note,
    }


def decisions_on_row(row: ReportRow, latest: Mapping[PairKey, CaseDecision]) -> ReportRow:
    """The row with the decisions in force on its matches; the row itself when none applies."""
    if not latest or not row.matches or not row.supplier.name:
        return row
    facts = SupplierFacts.of(row.supplier)
    key = supplier_key(row.supplier.ref, facts)
    decided: list[ReportMatch] = []
    any_decided = False
    for match in row.matches:
        decision = latest.get((key, match.list_id, match.source_id))
        if decision is None or supplier_changes(decision.supplier, facts):
            decided.append(match)  # a decision on other data no longer holds
            continue
        any_decided = True
        decided.append(dataclasses.replace(match, decision=decision_json(decision)))
    if not any_decided:
        return row
    status, level = _in_force(decided)
    return dataclasses.replace(
        row, matches=tuple(decided), decision_status=status, level_in_force=level
    )


def _in_force(matches: list[ReportMatch]) -> tuple[str, str]:
    """The row's decision status and the level its undecided or confirmed matches leave.

    A true match makes the row critical; a false positive takes its match out of the count.
    The level then comes from the matches alone: country and sector context is not re-assessed
    here (it is in the next screening, which applies the same decisions in the risk model).
    """
    verdicts = [m.decision.get("verdict") if m.decision else None for m in matches]
    if Verdict.TRUE_MATCH.value in verdicts:
        return "confirmed", RiskLevel.CRITICAL.value
    standing = [m for m, verdict in zip(matches, verdicts, strict=True) if verdict is None]
    if not standing:
        return "cleared", RiskLevel.CLEAR.value
    level = max((RiskLevel(m.level) for m in standing), default=RiskLevel.CLEAR)
    return "partly_cleared", level.value


def decisions_stamp(latest: Mapping[PairKey, CaseDecision]) -> str:
    """A short fingerprint of the decisions in force: a report made with other decisions is
    another file."""
    if not latest:
        return ""
    ids = sorted(decision.id for decision in latest.values())
    return hashlib.sha256("\n".join(ids).encode("ascii")).hexdigest()[:12]
