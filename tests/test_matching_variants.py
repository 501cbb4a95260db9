"""Typos, word order, dropped generic words, added branch words and acronyms still match."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

RYONBONG = "KOREA RYONBONG GENERAL CORPORATION"


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def top(index: MatchIndex, supplier_name: str) -> str:
    matches = screen_supplier(index, Supplier(name=supplier_name))
    assert matches, f"no match for {supplier_name!r}"
    listed: str = matches[0].entry.name
    return listed


def test_typo_in_a_rare_word_still_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Korea Ryonbomg General Corporation"))
    assert matches[0].entry.name == RYONBONG
    assert "spelling Ryonbomg ~ Ryonbong" in matches[0].notes


def test_transposed_letters_still_match(index: MatchIndex) -> None:
    assert top(index, "Korea Puagng Trading Corporation") == "KOREA PUGANG TRADING CORPORATION"


def test_word_order_does_not_matter(index: MatchIndex) -> None:
    assert top(index, "Ryonbong Korea General Corporation") == RYONBONG


def test_dropped_generic_word_still_matches(index: MatchIndex) -> None:
    assert top(index, "Ryonbong General Corporation") == RYONBONG


def test_branch_and_city_words_do_not_hide_a_match(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Namchongang Trading Co. (Vladivostok branch)"))
    assert matches[0].entry.name == "NAMCHONGANG TRADING CORPORATION"
    assert matches[0].score >= 90


def test_acronym_alias_matches(index: MatchIndex) -> None:
    assert "KOMID" in {
        name for m in screen_supplier(index, Supplier(name="KOMID")) for name in m.entry.all_names()
    }
    assert any(
        "KKBC" in m.entry.all_names() for m in screen_supplier(index, Supplier(name="KKBC LLC"))
    )


def test_weak_alias_alone_is_not_a_hit(index: MatchIndex) -> None:
    # "GIA" is an OFAC weak alias of the Armed Islamic Group: not a hit on its own
    matches = screen_supplier(index, Supplier(name="GIA"))
    assert not [m for m in matches if m.entry.list_id == "us-ofac-sdn"]
