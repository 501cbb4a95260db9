"""What the matching core returns for one supplier."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from screening.watchlist.model import Entry, Identifier


class CountryResult(StrEnum):
    MATCH = "match"
    CONFLICT = "conflict"
    UNKNOWN = "unknown"  # the supplier's or the entry's country is not known


@dataclass(frozen=True, slots=True)
class CountryEffect:
    """How the supplier's country compares with the entry's, and the points it moved the score
    (negative for a conflict)."""

    result: CountryResult
    adjustment: float


NO_COUNTRY_EFFECT = CountryEffect(CountryResult.UNKNOWN, 0.0)


@dataclass(frozen=True, slots=True)
class Match:
    """One watchlist entry that resembles a supplier, with the evidence for the score."""

    entry: Entry
    matched_name: str  # which of the entry's names (primary or alias) gave the best score
    score: float  # 0-100
    # Feature name -> JSON-able detail, e.g. {"name": 91.0, "romanisation": ["ryongbong~ryonbong"],
    # "legal_form": {"supplier": "llc", "entry": "llc"}, "country": "match", "identifier": "imo"}.
    explanation: dict[str, Any] = field(default_factory=dict)
    # Short phrases a reviewer can check, e.g. "romanisation Ryongbong ~ Ryonbong".
    notes: tuple[str, ...] = ()
    # What the risk model weighs, typed (the explanation holds the same for people and JSON):
    country: CountryEffect = NO_COUNTRY_EFFECT
    identifier: Identifier | None = None  # the identifier both sides share, if any
