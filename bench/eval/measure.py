"""Recall and false-positive rate of the screening engine on an evaluation set.

Recall counts a rendering as found when its top match (any of the entries sharing the top
score) is one of the expected entries AND scores at least the threshold. The false-positive
rate is the share of clean names with any match at or above the threshold.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from bench.eval.evalset import FIRST_FAMILIES, SETS, ensure_set
from bench.eval.generate import Row
from bench.eval.negatives import Negative
from screening.countries.cells import country_code
from screening.gc_pause import paused_garbage_collection
from screening.ingest.dates import read_birth_date
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_suppliers
from screening.parallel_scoring import forked_scorer
from screening.supplier import Supplier

# Supplier fields the sets fill when the engine knows them: date_of_birth and nationality come
# with issue 15; until then the columns are in the set but not given to the engine.
_SUPPLIER_FIELDS = frozenset(field.name for field in fields(Supplier))
_OPTIONAL = ("date_of_birth", "nationality")


@dataclass(frozen=True, slots=True)
class Positive:
    family: str
    supplier: Supplier
    expected: frozenset[str]  # "list_id:source_id" of the entries that are the right answer
    variant: str = ""


@dataclass(frozen=True, slots=True)
class Clean:
    """A clean name: a company or person that is not listed."""

    family: str
    supplier: Supplier
    script: str  # Latin, Hangul, Cyrillic, Han: how the name is written


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


def supplier_of(values: Mapping[str, str], ref: str) -> Supplier:
    """A Supplier from a set's columns; date of birth and nationality only where the Supplier
    has those fields."""
    extra = {key: values.get(key, "") for key in _OPTIONAL if key in _SUPPLIER_FIELDS}
    # as the upload reads the cells: an ISO date of birth, an ISO-2 nationality
    if extra.get("date_of_birth"):
        extra["date_of_birth"] = read_birth_date(extra["date_of_birth"]).value
    if extra.get("nationality"):
        extra["nationality"] = country_code(extra["nationality"]) or ""
    return Supplier(
        name=values["name"],
        ref=ref,
        country=values.get("country", ""),
        registration_id=values.get("registration_id", ""),
        **extra,
    )


def positives_of(rows: Sequence[Row]) -> list[Positive]:
    return [
        Positive(
            row.family,
            supplier_of(vars_of(row), str(number)),
            frozenset(row.expected),
            row.variant,
        )
        for number, row in enumerate(rows, 1)
    ]


def cleans_of(rows: Sequence[Negative]) -> list[Clean]:
    return [
        Clean(row.family, supplier_of(vars_of(row), str(number)), script_of(row.name))
        for number, row in enumerate(rows, 1)
    ]


def vars_of(row: Row | Negative) -> dict[str, str]:
    return {
        key: value
        for key in ("name", "country", "registration_id", *_OPTIONAL)
        if isinstance(value := getattr(row, key, ""), str)
    }


def load_positives(path: Path | None = None) -> list[Positive]:
    """The renderings of a set's positives.csv; without a path, the first families of the dev set
    (the 1,286 renderings bench/suppliers.py and bench/workers.py mix into their workloads)."""
    if path is None:
        everything = load_positives(ensure_set(SETS["dev"]).positives)
        return [positive for positive in everything if positive.family in FIRST_FAMILIES]
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Positive(
                row["family"],
                supplier_of(row, row["id"]),
                frozenset(row["expected"].split(";")),
                row.get("variant", ""),
            )
            for row in csv.DictReader(handle)
        ]


def load_cleans(path: Path) -> list[Clean]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Clean(row["family"], supplier_of(row, row["id"]), script_of(row["name"]))
            for row in csv.DictReader(handle)
        ]


def load_lookalikes() -> list[Clean]:
    """The original clean look-alike companies (family "lookalikes") of the dev set."""
    cleans = load_cleans(ensure_set(SETS["dev"]).negatives)
    return [clean for clean in cleans if clean.family == "lookalikes"]


def engine_outcomes(
    index: MatchIndex, suppliers: Sequence[Supplier], expected: Sequence[frozenset[str]]
) -> list[Outcome]:
    """Screen with the engine at threshold 0, so that any threshold can be applied afterwards."""
    outcomes = []
    with paused_garbage_collection():
        results = screen_suppliers(
            index, suppliers, threshold=0.0, limit=10, score_apart=forked_scorer()
        )
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
    recall: float  # for a false-positive rate: the rate
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
