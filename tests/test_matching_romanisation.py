"""Korean names match across McCune-Reischauer, Revised Romanization and informal spellings."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def top_names(index: MatchIndex, name: str) -> set[str]:
    matches = screen_supplier(index, Supplier(name=name))
    assert matches, f"no match for {name!r}"
    return {m.entry.name for m in matches if m.score == matches[0].score}


def test_revised_romanisation_matches_mccune_reischauer(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Joseon Gwangseon Bank"))
    assert "KOREA KWANGSON BANKING CORP" in {m.entry.name for m in matches[:3]}
    assert any("romanisation Gwangseon ~ Kwangson" in note for note in matches[0].notes)


def test_ryongbong_spelling_matches_ryonbong(index: MatchIndex) -> None:
    assert "KOREA RYONBONG GENERAL CORPORATION" in top_names(index, "Korea Ryongbong General Corp")


def test_ryeonbong_spelling_matches_ryonbong(index: MatchIndex) -> None:
    assert "KOREA RYONBONG GENERAL CORPORATION" in top_names(index, "Chosun Ryeonbong General Corp")


def test_syllables_written_apart_match_the_joined_name(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Nam Chon Gang Trading"))
    assert matches[0].entry.name == "NAMCHONGANG TRADING CORPORATION"
    assert any("written together" in note for note in matches[0].notes)


def test_joined_syllables_match_the_name_written_apart(index: MatchIndex) -> None:
    # CHON MA SAN is a vessel: only a cell that names a vessel may match it by name
    assert "CHON MA SAN" in top_names(index, "M/V Chonmasan")


def test_apostrophes_of_mccune_reischauer_are_ignored(index: MatchIndex) -> None:
    names = top_names(index, "Cholhyon Overseas Construction Company")
    assert "CH'OLHYO'N OVERSEAS CONSTRUCTION COMPANY" in names
