"""One object that screens suppliers: the match index and the risk knowledge of a set of snapshots.

Built once per set of active list snapshots and never changed afterwards, so a screening in flight
keeps the lists it started with while a new Screener is built for a new import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from screening.engine_version import engine_version_for
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.screen import screen_suppliers
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.risk.assess import assess_risk
from screening.risk.knowledge import RiskKnowledge
from screening.risk.model import Decision, RiskAssessment
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@dataclass(frozen=True, slots=True)
class ListVersion:
    list_id: str
    version: str
    published: date | None
    sha256: str


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    supplier: Supplier
    matches: list[Match]
    risk: RiskAssessment


def match_levels(result: ScreeningResult) -> list[str]:
    """The risk level each of the result's matches carries (for counting matches by level)."""
    return [str(match.level) for match in result.risk.match_risks]


class Screener:
    """Screens suppliers against one fixed set of list snapshots."""

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        index: MatchIndex,
        knowledge: RiskKnowledge,
        engine_version: str,
    ) -> None:
        self.snapshots = tuple(snapshots)
        self.index = index
        self.knowledge = knowledge
        self.engine_version = engine_version  # names the code, data and libraries that score

    @classmethod
    def from_snapshots(cls, snapshots: Sequence[ListSnapshot], host_risk: bytes) -> Screener:
        """`host_risk` is the content of lists/host-risk.toml."""
        return cls(
            snapshots,
            MatchIndex.build(snapshots),
            RiskKnowledge.build(snapshots, host_risk),
            engine_version_for(host_risk),
        )

    @property
    def default_threshold(self) -> float:
        return DEFAULT_THRESHOLD

    def list_versions(self) -> tuple[ListVersion, ...]:
        return tuple(
            ListVersion(s.list_id, s.version, s.published, s.sha256) for s in self.snapshots
        )

    def screen(
        self,
        suppliers: Sequence[Supplier],
        threshold: float | None = None,
        *,
        decisions: Sequence[Sequence[Decision]] | None = None,
        on_scored: Callable[[int], None] | None = None,
    ) -> list[ScreeningResult]:
        """Results in input order; matches at or above `threshold` (default: DEFAULT_THRESHOLD).

        `decisions`, when given, holds the reviewers' decisions in force for each supplier (same
        order as `suppliers`); the risk model applies them. `on_scored(n)` reports progress: n more
        distinct names scored.
        """
        all_matches = screen_suppliers(
            self.index, suppliers, threshold=threshold, on_scored=on_scored
        )
        per_supplier = decisions if decisions is not None else [()] * len(suppliers)
        return [
            ScreeningResult(
                supplier,
                matches,
                assess_risk(supplier, matches, self.knowledge, decisions=supplier_decisions),
            )
            for supplier, matches, supplier_decisions in zip(
                suppliers, all_matches, per_supplier, strict=True
            )
        ]
