"""The batch path gives what screening one supplier at a time gives."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.screen import screen_supplier, screen_suppliers
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.parallel_scoring import forked_mapper, forked_scorer
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

SUPPLIERS = [
    Supplier(name="Korea Ryongbong General Corp", country="KP"),
    Supplier(name="ООО «Мокран»", country="RU"),
    Supplier(name="Samsung Electronics Co., Ltd.", country="KR"),
    Supplier(name="Northern Route Partners", registration_id="1117847131643"),
    Supplier(name="Korea Ryongbong General Corp", country="RU"),  # a repeated name
    Supplier(name="조선광선은행"),
    Supplier(name="Apex Security S.A."),
    Supplier(name="IP Kim Yong Chol"),
]


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def summary(matches: list) -> list[tuple[tuple[str, str], float]]:  # type: ignore[type-arg]
    return [(m.entry.key, m.score) for m in matches]


def details(matches: list[Match]) -> list[tuple[object, ...]]:
    return [(m.entry.key, m.matched_name, m.score, m.explanation, m.notes) for m in matches]


def test_batch_gives_the_same_results_as_one_by_one(index: MatchIndex) -> None:
    batch = screen_suppliers(index, SUPPLIERS)
    single = [screen_supplier(index, supplier) for supplier in SUPPLIERS]
    assert [summary(m) for m in batch] == [summary(m) for m in single]


def test_batch_on_several_processes_gives_the_same_results(index: MatchIndex) -> None:
    one = screen_suppliers(index, SUPPLIERS)
    several = screen_suppliers(index, SUPPLIERS, score_apart=forked_scorer(2))
    assert [details(m) for m in one] == [details(m) for m in several]


def test_matches_weighed_on_several_processes_are_the_same(index: MatchIndex) -> None:
    # the workers send entries by number; the parent reads them from its own index
    one = screen_suppliers(index, SUPPLIERS)
    several = screen_suppliers(index, SUPPLIERS, match_apart=forked_mapper(2))
    assert any(one)
    assert [details(m) for m in one] == [details(m) for m in several]
    assert [[m.country for m in ms] for ms in one] == [[m.country for m in ms] for ms in several]


def test_names_that_score_alike_are_explained_each_as_written(index: MatchIndex) -> None:
    # the batch scores "... Corp" and "... CORP LLC" once, but each keeps its own explanation
    names = ["Korea Ryongbong General Corp", "KOREA RYONGBONG GENERAL CORP LLC"]
    batch = screen_suppliers(index, [Supplier(name=name) for name in names])
    single = [screen_supplier(index, Supplier(name=name)) for name in names]
    assert [details(m) for m in batch] == [details(m) for m in single]
    assert summary(batch[0]) == summary(batch[1])
    forms = [[f["form"] for f in m[0].explanation["legal_form"]["supplier"]] for m in batch]
    assert forms == [["corporation"], ["corporation", "llc"]]


def test_a_low_threshold_finds_what_the_default_finds_and_more(index: MatchIndex) -> None:
    default = screen_suppliers(index, SUPPLIERS)
    low = screen_suppliers(index, SUPPLIERS, threshold=60)
    for strict, loose in zip(default, low, strict=True):
        assert all(m.score >= DEFAULT_THRESHOLD for m in strict)
        assert summary(strict) == [item for item in summary(loose) if item[1] >= DEFAULT_THRESHOLD]


def test_limit_caps_the_matches_per_supplier(index: MatchIndex) -> None:
    matches = screen_supplier(index, SUPPLIERS[0], threshold=40, limit=2)
    assert len(matches) == 2
