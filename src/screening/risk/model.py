"""What the risk model returns: a level, a 0-100 score and reasons a reviewer can check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from screening.risk.decision import Verdict


class RiskLevel(StrEnum):
    """Ordered from no concern to a sanctions hit: clear < low < medium < high < critical."""

    CLEAR = "clear"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(RiskLevel).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank >= other.rank


class MatchBand(StrEnum):
    """How sure a name match is, from its score and features (cut-offs in risk.weights)."""

    CONFIDENT = "confident"
    PROBABLE = "probable"
    POSSIBLE = "possible"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's recorded verdict on one supplier-entry pair; it overrides the model."""

    list_id: str
    source_id: str
    verdict: Verdict
    by: str
    on: date
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.list_id, self.source_id)


@dataclass(frozen=True, slots=True)
class MatchRisk:
    """The risk one match carries, before the supplier's overall level is taken."""

    list_id: str
    source_id: str
    name: str  # the entry's primary name
    band: MatchBand
    level: RiskLevel
    score: int
    reasons: tuple[str, ...]
    cleared: bool = False  # a reviewer marked it a false positive
    confirmed: bool = False  # a reviewer marked it a true match


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int  # 0-100, consistent with the level (ranges in risk.weights)
    level: RiskLevel
    reasons: tuple[str, ...]  # most serious first
    match_risks: tuple[MatchRisk, ...] = ()
    sector_id: str | None = None  # the host-risk sector the supplier's sector text maps to
    decided: bool = False  # a recorded decision changed the outcome
