"""Comparing a stored job result with a rerun of it: every kind of difference is named."""

from __future__ import annotations

from dataclasses import replace

from screening.jobs.codec import StoredResult, StoredRow
from screening.jobs.rerun import compare_result
from screening.reports.model import ReportMatch
from screening.supplier import Supplier

ROW = StoredRow(
    sheet="Suppliers",
    row=7,
    values=("V-1", "Korea Mining Development Trading Corporation"),
    supplier=Supplier(name="Korea Mining Development Trading Corporation", ref="V-1"),
)
KOMID = ReportMatch(
    list_id="un-sc",
    source_id="KPe.001",
    entry_name="KOREA MINING DEVELOPMENT TRADING CORPORATION",
    matched_name="KOREA MINING DEVELOPMENT TRADING CORPORATION",
    score=95.0,
    level="critical",
)
RESULT = StoredResult(level="critical", score=100, reasons=("...",), matches=(KOMID,))


def test_same_result_has_no_differences() -> None:
    assert compare_result(ROW, RESULT, RESULT) == []


def test_a_changed_level_and_score_are_named_with_row_and_ref() -> None:
    (level, score) = compare_result(ROW, RESULT, replace(RESULT, level="high", score=80))
    assert (level.what, level.before, level.after) == ("level", "critical", "high")
    assert (score.what, score.before, score.after) == ("score", 100, 80)
    assert (level.sheet, level.row, level.ref) == ("Suppliers", 7, "V-1")


def test_a_match_added_or_removed_is_named_with_its_entry() -> None:
    added = compare_result(ROW, replace(RESULT, matches=()), RESULT)
    removed = compare_result(ROW, RESULT, replace(RESULT, matches=()))
    assert [(d.what, d.entry) for d in added] == [("match added", "un-sc KPe.001")]
    assert [(d.what, d.entry) for d in removed] == [("match removed", "un-sc KPe.001")]


def test_a_match_scored_differently_is_named() -> None:
    rescored = replace(RESULT, matches=(replace(KOMID, score=93.5),))
    (difference,) = compare_result(ROW, RESULT, rescored)
    assert (difference.what, difference.before, difference.after) == ("match score", 95.0, 93.5)
