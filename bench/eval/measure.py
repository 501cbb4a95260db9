"""Recall and false-positive rate of a screening function on the committed evaluation set.

Recall counts a rendering as found when its top match (any of the entries sharing the top
score) is one of the expected entries AND scores at least the threshold. The false-positive
rate is the share of clean look-alikes with any match at or above the threshold.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from screening.matching.index import MatchIndex
from screening.matching.screen import screen_suppliers
from screening.supplier import Supplier

HERE = Path(__file__).resolve().parent
POSITIVES = HERE / "positives.csv"
LOOKALIKES = HERE / "lookalikes.csv"


@dataclass(frozen=True, slots=True)
class Positive:
    family: str
    supplier: Supplier
    expected: frozenset[str]  # "list_id:source_id" of the entries that are the right answer


@dataclass(frozen=True, slots=True)
class Lookalike:
    supplier: Supplier
    script: str  # Latin, Hangul, Cyrillic, Han: how the company's name is written


@dataclass(frozen=True, slots=True)
class Outcome:
    """One query's result: the top score and whether the top match is a right entry."""

    top_score: float  # 0 when nothing matched
    top_is_expected: bool
    top: str = ""  # the top match, for reading the misses: "list:id name"


def script_of(name: str) -> str:
    for char in name:
        code = ord(char)
        if 0xAC00 <= code <= 0xD7A3:
            return "Hangul"
        if 0x0400 <= code <= 0x04FF:
            return "Cyrillic"
        if 0x4E00 <= code <= 0x9FFF:
            return "Han"
    return "Latin"


def load_positives(path: Path = POSITIVES) -> list[Positive]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Positive(
                family=row["family"],
                supplier=Supplier(
                    name=row["name"],
                    ref=row["id"],
                    country=row["country"],
                    registration_id=row["registration_id"],
                ),
                expected=frozenset(row["expected"].split(";")),
            )
            for row in csv.DictReader(handle)
        ]


def load_lookalikes(path: Path = LOOKALIKES) -> list[Lookalike]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Lookalike(
                supplier=Supplier(name=row["name"], ref=row["id"], country=row["country"]),
                script=script_of(row["name"]),
            )
            for row in csv.DictReader(handle)
        ]


def engine_outcomes(
    index: MatchIndex, suppliers: Sequence[Supplier], expected: Sequence[frozenset[str]]
) -> list[Outcome]:
    """Screen with the engine at threshold 0, so that any threshold can be applied afterwards."""
    outcomes = []
    results = screen_suppliers(index, suppliers, threshold=0.0, limit=10)
    for matches, wanted in zip(results, expected, strict=True):
        if not matches:
            outcomes.append(Outcome(0.0, False))
            continue
        top = matches[0].score
        tied = {f"{m.entry.list_id}:{m.entry.source_id}" for m in matches if m.score == top}
        first = matches[0]
        label = f"{first.entry.list_id}:{first.entry.source_id} {first.matched_name}"
        outcomes.append(Outcome(top, bool(tied & wanted), label))
    return outcomes


@dataclass(frozen=True, slots=True)
class Rates:
    recall: float
    found: int
    total: int


def recall(outcomes: Iterable[Outcome], threshold: float) -> Rates:
    items = list(outcomes)
    found = sum(1 for o in items if o.top_is_expected and o.top_score >= threshold)
    return Rates(found / len(items) if items else 0.0, found, len(items))


def false_positive_rate(outcomes: Iterable[Outcome], threshold: float) -> Rates:
    items = list(outcomes)
    flagged = sum(1 for o in items if o.top_score >= threshold)
    return Rates(flagged / len(items) if items else 0.0, flagged, len(items))


def by_group(
    keys: Sequence[str],
    outcomes: Sequence[Outcome],
    rate: Callable[[Iterable[Outcome], float], Rates],
    threshold: float,
) -> dict[str, Rates]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for key, outcome in zip(keys, outcomes, strict=True):
        groups[key].append(outcome)
    return {key: rate(items, threshold) for key, items in sorted(groups.items())}
