"""Every weight and cut-off of the risk model, in one place. docs/risk-model.md explains each.

The facts these weights apply to (which country and sector is in which tier, and why) are in
lists/host-risk.toml; this module only says what a tier or a band is worth.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from screening.matching.thresholds import CONFIDENT_SCORE, DEFAULT_THRESHOLD
from screening.risk.host_risk import CountryTier, SectorTier
from screening.risk.model import RiskLevel


@dataclass(frozen=True, slots=True)
class MatchBands:
    """Cut-offs on a match's 0-100 score, taken from the matching engine's own thresholds.

    Every match handed to the risk model counts: the caller's threshold already chose them, so a
    match below `probable` (even below `possible`, when a caller screens with a lower threshold)
    is a possible match. `possible` anchors the score scale inside each level.
    """

    confident: float = CONFIDENT_SCORE  # the same party without further facts
    probable: float = (DEFAULT_THRESHOLD + CONFIDENT_SCORE) / 2  # likely; a reviewer confirms
    possible: float = DEFAULT_THRESHOLD  # worth a human look: the engine's reporting threshold

    def __post_init__(self) -> None:
        if not 0 <= self.possible <= self.probable <= self.confident <= 100:
            raise ValueError("match bands need 0 <= possible <= probable <= confident <= 100")


DEFAULT_BANDS = MatchBands()

# Score range of each level: the overall score always falls inside its level's range.
LEVEL_SCORES = MappingProxyType(
    {
        RiskLevel.CRITICAL: (90, 100),
        RiskLevel.HIGH: (70, 89),
        RiskLevel.MEDIUM: (40, 69),
        RiskLevel.LOW: (15, 39),
        RiskLevel.CLEAR: (0, 14),
    }
)

# Points added to a match's score inside its level's range (capped at the range's top).
BONUS_DPRK_LINK = 3  # the entry is a DPRK designation
BONUS_LABOUR_TIE = 3  # the entry is tied to DPRK overseas labour (curated list or linked front)
BONUS_PER_EXTRA_LIST = 1  # per official list beyond the first that lists the same designation

# Supplier context (no counted match): country weight x sector weight, 0-1.
COUNTRY_TIER_WEIGHTS = MappingProxyType({CountryTier.MAIN: 1.0, CountryTier.REPORTED: 0.5})
SECTOR_TIER_WEIGHTS = MappingProxyType({SectorTier.PRIMARY: 1.0, SectorTier.DOCUMENTED: 0.8})
# Context at or above this is `low`; below it the supplier is `clear` (the reason still says why).
# 0.8 means: a main host country (1.0) with any documented sector (>= 0.8). A reported host
# country (0.5) never reaches it on its own, as the brief for the model asks.
LOW_CONTEXT_CUTOFF = 0.8
