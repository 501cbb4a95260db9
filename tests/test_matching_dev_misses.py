"""Causes of the evaluation set's last misses, fixed in general: a supplier whose own legal form
places it in the listed entity's country is not penalised for the country its sheet gives; a
Korean name written in Hangul without spaces meets listed words of any length run together."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.qualifiers import COUNTRY_CONFLICT_PENALTY
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def _top(index: MatchIndex, name: str, country: str) -> tuple[str, float, str]:
    match = screen_supplier(index, Supplier(name=name, country=country), threshold=0.0)[0]
    return match.entry.name, match.score, match.explanation["country"]["result"]


def test_singapore_legal_form_outweighs_a_russian_sheet_country(index: MatchIndex) -> None:
    # a PTE LTD is a Singapore company wherever the sheet places it: a front abroad
    name, score, result = _top(index, "AFNASAR TRADING S PTE LTD", "RU")
    assert name == "ANFASAR TRADING S PTE. LTD."
    assert result == "unknown"
    assert score >= DEFAULT_THRESHOLD


def test_russian_legal_form_outweighs_a_chinese_sheet_country(index: MatchIndex) -> None:
    name, score, result = _top(index, "AKITV R OOO", "CN")
    assert name == "LIMITED LIABILITY COMPANY AKTIV R"
    assert result == "unknown"
    assert score >= DEFAULT_THRESHOLD


def test_legal_form_of_many_countries_keeps_the_conflict(index: MatchIndex) -> None:
    # "Ltd" is written everywhere: it places the supplier nowhere
    plain = screen_supplier(index, Supplier(name="Anfasar Trading Ltd"), threshold=0.0)[0]
    there = screen_supplier(
        index, Supplier(name="Anfasar Trading Ltd", country="RU"), threshold=0.0
    )[0]
    assert there.explanation["country"]["result"] == "conflict"
    assert there.score == pytest.approx(plain.score - COUNTRY_CONFLICT_PENALTY)


def test_legal_form_of_another_country_keeps_the_conflict(index: MatchIndex) -> None:
    # an OOO is Russian: no reason to doubt a Chinese sheet's country against a Singapore entry
    _, _, result = _top(index, "Anfasar Trading OOO", "CN")
    assert result == "conflict"


def test_south_korean_supplier_of_a_dprk_name_keeps_the_conflict(index: MatchIndex) -> None:
    match = screen_supplier(
        index, Supplier(name="Korea Ryongbong General Corp AO", country="KR"), threshold=0.0
    )[0]
    assert match.explanation["country"]["result"] == "conflict"


def test_hangul_without_spaces_matches_long_listed_words(index: MatchIndex) -> None:
    # 장광시녕 reads changgwangsinyong: two listed words of ten and seven letters
    match = screen_supplier(index, Supplier(name="장광시녕회사"))[0]
    assert match.matched_name.upper() == "CHANGGWANG SINYONG CORPORATION"
    assert match.score >= DEFAULT_THRESHOLD
    assert "written together Changgwangsinyong ~ Changgwang Sinyong" in match.notes


def test_hangul_reading_joined_by_rule_matches_three_listed_words(index: MatchIndex) -> None:
    # 릉라더룐각: RUNGRADO RYONGAK, the second word's initial r kept inside the run
    match = screen_supplier(index, Supplier(name="조선릉라더룐각무역회사"))[0]
    assert match.entry.name == "KOREA RUNGRADO RYONGAK TRADING CO"
    assert match.score >= DEFAULT_THRESHOLD


def test_hangul_reading_unlike_the_joined_words_is_not_joined(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="장광시영회사"), threshold=0.0)
    assert all(
        m.matched_name.upper() != "CHANGGWANG SINYONG CORPORATION" or m.score < 60 for m in matches
    )
