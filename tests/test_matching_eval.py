"""The engine meets its quality targets on the first families of the evaluation set (bench/eval).

The set is made at run time from the lists the suite reads (the dev seed), never committed:
renderings of listed names are derivatives of the publishers' files. Recall: the top match of a
rendering of a listed organisation is that organisation and scores at least the default
threshold. False-positive rate: the share of clean look-alike companies with any match at the
default threshold. The families added for issue 15 are measured by `python -m bench.evaluate`,
not asserted here yet. Speed is measured in bench/matching.py, not here.
"""

from __future__ import annotations

import pytest
from bench.eval.evalset import SETS
from bench.eval.generate import Generator
from bench.eval.measure import (
    Clean,
    Outcome,
    Positive,
    by_group,
    cleans_of,
    engine_outcomes,
    false_positive_rate,
    positives_of,
    recall,
)
from bench.eval.negatives import hand_written

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.watchlist.model import ListSnapshot

SCRIPT_FAMILIES = ("cyrillic", "hangul", "chinese")
DEV = SETS["dev"]


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.fixture(scope="module")
def generator(bundled_snapshots: dict[str, ListSnapshot]) -> Generator:
    return Generator(list(bundled_snapshots.values()), DEV.seed)


@pytest.fixture(scope="module")
def positives(generator: Generator) -> list[Positive]:
    return positives_of(generator.generate())


@pytest.fixture(scope="module")
def lookalikes(generator: Generator) -> list[Clean]:
    cleans = cleans_of(hand_written(generator, DEV.half))
    return [clean for clean in cleans if clean.family == "lookalikes"]


@pytest.fixture(scope="module")
def positive_outcomes(index: MatchIndex, positives: list[Positive]) -> list[Outcome]:
    return engine_outcomes(index, [p.supplier for p in positives], [p.expected for p in positives])


@pytest.fixture(scope="module")
def lookalike_outcomes(index: MatchIndex, lookalikes: list[Clean]) -> list[Outcome]:
    return engine_outcomes(index, [n.supplier for n in lookalikes], [frozenset()] * len(lookalikes))


def test_evaluation_set_is_large_enough(positives: list[Positive], lookalikes: list[Clean]) -> None:
    assert len(positives) >= 1000
    assert len(lookalikes) >= 300


def test_recall_is_at_least_96_percent(positive_outcomes: list[Outcome]) -> None:
    # 0.96: a short word reached only by misspelling or romanisation (Bela ~ BELLA) needs more
    # (issue 15); a bare acronym of two or three letters without the entry's country is no
    # rendering of the set (bench/eval/README.md)
    assert recall(positive_outcomes, DEFAULT_THRESHOLD).recall >= 0.96


def test_an_acronym_with_the_entrys_country_or_of_four_letters_or_more_is_found(
    positives: list[Positive], positive_outcomes: list[Outcome]
) -> None:
    families = by_group([p.family for p in positives], positive_outcomes, recall, DEFAULT_THRESHOLD)
    assert families["acronym"].recall >= 0.96


def test_false_positive_rate_is_at_most_1_percent(lookalike_outcomes: list[Outcome]) -> None:
    assert false_positive_rate(lookalike_outcomes, DEFAULT_THRESHOLD).recall <= 0.01


def test_each_script_family_has_recall_of_at_least_90_percent(
    positives: list[Positive], positive_outcomes: list[Outcome]
) -> None:
    families = by_group([p.family for p in positives], positive_outcomes, recall, DEFAULT_THRESHOLD)
    for family in SCRIPT_FAMILIES:
        assert families[family].recall >= 0.90, family
