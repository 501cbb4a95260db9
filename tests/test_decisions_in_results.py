"""Decisions in force laid over results screened before them: the match, the row, the counts."""

from __future__ import annotations

from datetime import UTC, datetime

from screening.decisions.applicability import PairKey, latest_decisions
from screening.decisions.in_results import decisions_on_row, decisions_stamp
from screening.reports.model import ReportMatch, ReportRow, summary_in_force
from screening.risk.decision import CaseDecision, EntryFacts, SupplierFacts, Verdict
from screening.supplier import Supplier

SUPPLIER = Supplier(name="Korea Ryonbong General Corporation", ref="V-1", country="KP")


def match(source_id: str, level: str = "critical") -> ReportMatch:
    return ReportMatch("un-sc", source_id, "KOREA RYONBONG", "KOREA RYONBONG", 97.0, level)


def row(*matches: ReportMatch, supplier: Supplier = SUPPLIER) -> ReportRow:
    return ReportRow("Main", 2, (), supplier, "critical", 95, (), matches)


def decision(source_id: str, verdict: Verdict, supplier: Supplier = SUPPLIER) -> CaseDecision:
    return CaseDecision(
        id=f"dec_{source_id}_{verdict.value}",
        tenant_id="t",
        ref=supplier.ref,
        supplier=SupplierFacts.of(supplier),
        list_id="un-sc",
        source_id=source_id,
        entry=EntryFacts(("KOREA RYONBONG",)),
        verdict=verdict,
        note="checked the registry",
        decided_by="key_1",
        decided_at=datetime(2026, 12, 7, 9, 30, tzinfo=UTC),
    )


def in_force(*decisions: CaseDecision) -> dict[PairKey, CaseDecision]:
    return latest_decisions(decisions)


def test_a_row_without_decisions_is_left_as_screened() -> None:
    screened = row(match("KPe.012"))
    assert decisions_on_row(screened, {}) is screened
    assert screened.level_now == "critical" and screened.decision_status == "none"


def test_every_match_cleared_clears_the_row_and_says_who_when_and_why() -> None:
    shown = decisions_on_row(
        row(match("KPe.012")), in_force(decision("KPe.012", Verdict.FALSE_POSITIVE))
    )
    assert (shown.decision_status, shown.level_now, shown.level) == ("cleared", "clear", "critical")
    assert shown.matches[0].decision_text() == (
        "false positive by key_1 on 2026-12-07: checked the registry"
    )


def test_one_of_two_cleared_leaves_the_other_matchs_level() -> None:
    shown = decisions_on_row(
        row(match("KPe.012"), match("KPe.099", "medium")),
        in_force(decision("KPe.012", Verdict.FALSE_POSITIVE)),
    )
    assert (shown.decision_status, shown.level_now) == ("partly_cleared", "medium")


def test_a_true_match_makes_the_row_critical() -> None:
    shown = decisions_on_row(
        row(match("KPe.012", "high")), in_force(decision("KPe.012", Verdict.TRUE_MATCH))
    )
    assert (shown.decision_status, shown.level_now) == ("confirmed", "critical")


def test_a_decision_on_other_supplier_data_does_not_show() -> None:
    moved = Supplier(name=SUPPLIER.name, ref="V-1", country="CN")
    shown = decisions_on_row(
        row(match("KPe.012"), supplier=moved), in_force(decision("KPe.012", Verdict.FALSE_POSITIVE))
    )
    assert shown.decision_status == "none"


def test_cleared_rows_are_counted_apart() -> None:
    cleared = decisions_on_row(
        row(match("KPe.012")), in_force(decision("KPe.012", Verdict.FALSE_POSITIVE))
    )
    counts = summary_in_force([cleared, row(match("KPe.013"))])
    assert (counts["cleared"], counts["critical"], counts["clear"]) == (1, 1, 0)


def test_the_stamp_changes_with_the_decisions_in_force() -> None:
    one = in_force(decision("KPe.012", Verdict.FALSE_POSITIVE))
    two = in_force(decision("KPe.012", Verdict.TRUE_MATCH))
    assert decisions_stamp({}) == "" and decisions_stamp(one) != decisions_stamp(two)
