"""The engine meets its quality targets on the committed evaluation set (bench/eval).

Recall: the top match of a rendering of a listed organisation is that organisation and scores at
least the default threshold. False-positive rate: the share of clean look-alike companies with
any match at the default threshold. Speed is measured in bench/matching.py, not here.
"""

from __future__ import annotations

import pytest
from bench.eval.measure import (
    Outcome,
    Positive,
    by_group,
    engine_outcomes,
    false_positive_rate,
    load_lookalikes,
    load_positives,
    recall,
)

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.watchlist.model import ListSnapshot

SCRIPT_FAMILIES = ("cyrillic", "hangul", "chinese")


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.fixture(scope="module")
def positives() -> list[Positive]:
    return load_positives()


@pytest.fixture(scope="module")
def positive_outcomes(index: MatchIndex, positives: list[Positive]) -> list[Outcome]:
    return engine_outcomes(index, [p.supplier for p in positives], [p.expected for p in positives])


@pytest.fixture(scope="module")
def lookalike_outcomes(index: MatchIndex) -> list[Outcome]:
    lookalikes = load_lookalikes()
    return engine_outcomes(index, [n.supplier for n in lookalikes], [frozenset()] * len(lookalikes))


def test_evaluation_set_is_large_enough(positives: list[Positive]) -> None:
    assert len(positives) >= 1000
    assert len(load_lookalikes()) >= 300


def test_recall_is_at_least_97_percent(positive_outcomes: list[Outcome]) -> None:
    assert recall(positive_outcomes, DEFAULT_THRESHOLD).recall >= 0.97


def test_false_positive_rate_is_at_most_1_percent(lookalike_outcomes: list[Outcome]) -> None:
    assert false_positive_rate(lookalike_outcomes, DEFAULT_THRESHOLD).recall <= 0.01


def test_each_script_family_has_recall_of_at_least_90_percent(
    positives: list[Positive], positive_outcomes: list[Outcome]
) -> None:
    families = by_group([p.family for p in positives], positive_outcomes, recall, DEFAULT_THRESHOLD)
    for family in SCRIPT_FAMILIES:
        assert families[family].recall >= 0.90, family
