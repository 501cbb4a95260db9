"""Identifiers decide; the country raises or lowers the score."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.qualifiers import COUNTRY_CONFLICT_PENALTY, COUNTRY_MATCH_BONUS
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_matching_registration_number_is_decisive(index: MatchIndex) -> None:
    supplier = Supplier(name="Northern Route Partners", registration_id="1117847131643")
    matches = screen_supplier(index, supplier)
    assert matches[0].entry.name == "MOKRAN LLC"
    assert matches[0].score == 100.0
    assert matches[0].explanation["identifier"]["kind"] == "registration"
    assert any(
        note.startswith("identifier REGISTRATION 1117847131643") for note in matches[0].notes
    )


def test_imo_number_matches_a_vessel_however_written(index: MatchIndex) -> None:
    matches = screen_supplier(
        index, Supplier(name="Sea Wave Services", registration_id="IMO 8660313")
    )
    assert {m.entry.name for m in matches} >= {"CHON MA SAN"}
    assert all(m.score == 100.0 for m in matches)


def test_swift_code_with_a_branch_code_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Bank", registration_id="DCBKKPPYXXX"))
    assert "DAEDONG CREDIT BANK" in {m.entry.name for m in matches}


def test_matching_country_raises_the_score(index: MatchIndex) -> None:
    plain = screen_supplier(index, Supplier(name="Korea Ryongbong General Corp"))[0]
    here = screen_supplier(index, Supplier(name="Korea Ryongbong General Corp", country="KP"))[0]
    assert here.score == pytest.approx(min(100.0, plain.score + COUNTRY_MATCH_BONUS))
    assert "country KP matches" in here.notes


def test_conflicting_country_lowers_the_score(index: MatchIndex) -> None:
    plain = screen_supplier(index, Supplier(name="Korea Ryongbong General Corp"))[0]
    there = screen_supplier(index, Supplier(name="Korea Ryongbong General Corp", country="KR"))[0]
    assert there.score == pytest.approx(plain.score - COUNTRY_CONFLICT_PENALTY)
    assert there.explanation["country"]["result"] == "conflict"
