"""What the matching core returns for one supplier."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from screening.watchlist.model import Entry


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
