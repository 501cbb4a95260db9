"""Screening against some lists: the whole screening's matches from those lists, scored alike."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.list_filter import list_filter
from screening.matching.model import Match
from screening.matching.screen import screen_suppliers
from screening.parallel_scoring import forked_scorer
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

SUPPLIERS = [
    Supplier(name="Korea Ryongbong General Corp", country="KP"),
    Supplier(name="Mansudae Overseas Project Group of Companies", country="RU"),
    Supplier(name="ООО «Мокран»", country="RU"),
    Supplier(name="조선광선은행"),
    Supplier(name="Stroygazmontazh"),
    Supplier(name="Arkady Romanovich Rotenberg"),
    Supplier(name="Northern Route Partners", registration_id="1117847131643"),
    Supplier(name="Korea Kwangson Banking Corp", registration_id="KKBCKPPY"),
]
CHOICES = [("un-sc",), ("us-ofac-sdn", "uk-ofsi"), ("dprk-labour",), ("us-ofac-cons", "un-sc")]


@pytest.fixture(scope="module")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def found(matches: list[Match]) -> list[tuple[tuple[str, str], float, str]]:
    return [(m.entry.key, m.score, m.matched_name) for m in matches]


@pytest.mark.parametrize("lists", CHOICES, ids=["+".join(c) for c in CHOICES])
def test_chosen_lists_give_the_whole_screenings_matches_from_them(
    index: MatchIndex, lists: tuple[str, ...]
) -> None:
    every = screen_suppliers(index, SUPPLIERS, limit=500)
    chosen = screen_suppliers(index, SUPPLIERS, limit=500, lists=lists)
    for whole, narrowed in zip(every, chosen, strict=True):
        assert found(narrowed) == found([m for m in whole if m.entry.list_id in lists])


def test_some_matches_come_from_the_lists_left_out(index: MatchIndex) -> None:
    every = screen_suppliers(index, SUPPLIERS)
    assert {m.entry.list_id for matches in every for m in matches} > {"un-sc"}


def test_an_identifier_on_a_list_left_out_finds_nothing(index: MatchIndex) -> None:
    supplier = Supplier(name="Northern Route Partners", registration_id="1117847131643")
    (every,) = screen_suppliers(index, [supplier])
    lists_with_it = {m.entry.list_id for m in every if m.explanation.get("identifier")}
    assert lists_with_it and "dprk-labour" not in lists_with_it
    (narrowed,) = screen_suppliers(index, [supplier], lists=["dprk-labour"])
    assert not [m for m in narrowed if m.explanation.get("identifier")]


def test_forked_workers_screen_the_chosen_lists_too(index: MatchIndex) -> None:
    one = screen_suppliers(index, SUPPLIERS, lists=["un-sc", "uk-ofsi"])
    several = screen_suppliers(
        index, SUPPLIERS, score_apart=forked_scorer(2), lists=["un-sc", "uk-ofsi"]
    )
    assert [found(m) for m in one] == [found(m) for m in several]
    assert {m.entry.list_id for matches in several for m in matches} <= {"un-sc", "uk-ofsi"}


def test_choosing_every_list_or_none_is_no_filter(index: MatchIndex) -> None:
    every = {entry.list_id for entry in index.entries}
    assert list_filter(index, None) is None
    assert list_filter(index, sorted(every)) is None
    assert list_filter(index, [*every, "not-a-list"]) is None
    chosen = list_filter(index, ["un-sc"])
    assert chosen is not None
    assert [n for n, e in enumerate(index.entries) if chosen.allows_entry(n)] == [
        n for n, e in enumerate(index.entries) if e.list_id == "un-sc"
    ]
