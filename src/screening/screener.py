"""One object that screens suppliers: the match index and the risk knowledge of a set of snapshots.

Built once per set of active list snapshots and never changed afterwards, so a screening in flight
keeps the lists it started with while a new Screener is built for a new import.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
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

MATCHES_PER_SUPPLIER = 10  # the best matches kept for a supplier


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
    """Screens suppliers against one fixed set of list snapshots (or some of them: `narrowed`)."""

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        index: MatchIndex,
        knowledge: RiskKnowledge,
        engine_version: str,
        *,
        lists: frozenset[str] | None = None,
    ) -> None:
        self.snapshots = tuple(snapshots)  # every list indexed, whichever are screened
        self.index = index
        self.knowledge = knowledge
        self.engine_version = engine_version  # names the code, data and libraries that score
        self.lists = lists  # the lists matches come from; None: every one

    def narrowed(self, list_ids: Collection[str] | None) -> Screener:
        """This Screener answering from the lists `list_ids` only (None: every list), sharing
        its index and knowledge: nothing is rebuilt, and an entry scores what it scores when
        every list is screened. What the risk model knows of a matched entry (the same
        designation on other lists, ties to DPRK labour) still comes from every list."""
        indexed = {snapshot.list_id for snapshot in self.snapshots}
        if list_ids is None or indexed <= set(list_ids):
            chosen = None
        else:
            chosen = frozenset(list_ids) & indexed
        if chosen == self.lists:
            return self
        return Screener(
            self.snapshots, self.index, self.knowledge, self.engine_version, lists=chosen
        )

    def screened_snapshots(self) -> tuple[ListSnapshot, ...]:
        """The snapshots whose entries matches come from."""
        if self.lists is None:
            return self.snapshots
        return tuple(s for s in self.snapshots if s.list_id in self.lists)

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
        """The versions of the lists screened (all indexed ones, unless narrowed)."""
        return tuple(
            ListVersion(s.list_id, s.version, s.published, s.sha256)
            for s in self.screened_snapshots()
        )

    def screen(
        self,
        suppliers: Sequence[Supplier],
        threshold: float | None = None,
        *,
        decisions: Sequence[Sequence[Decision]] | None = None,
        on_scored: Callable[[int], None] | None = None,
        limit: int = MATCHES_PER_SUPPLIER,
    ) -> list[ScreeningResult]:
        """Results in input order; matches at or above `threshold` (default: DEFAULT_THRESHOLD),
        the best `limit` of each supplier.

        `decisions`, when given, holds the reviewers' decisions in force for each supplier (same
        order as `suppliers`); the risk model applies them. `on_scored(n)` reports progress: n more
        distinct names scored.
        """
        all_matches = screen_suppliers(
            self.index,
            suppliers,
            threshold=threshold,
            limit=limit,
            lists=self.lists,
            on_scored=on_scored,
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
