"""Words a sheet ran together or split are read as the listed names write them (issue 15), and a
match that rests on such a reading says so."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.explanation_text import explanation_text
from screening.matching.index import MatchIndex
from screening.matching.mending import mended_against
from screening.matching.model import Match
from screening.matching.screen import screen_supplier
from screening.names.normalise import normalise_name
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def best(index: MatchIndex, name: str) -> Match:
    matches = screen_supplier(index, Supplier(name=name))
    assert matches, f"no match for {name!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("AVIA GROUP NORDLLC", "AVIA GROUP NORD LLC"),  # a legal form glued after a listed word
        ("OOOENKOR GRUPP", "OOO ENKOR GRUPP"),  # ... and before one
        ("VICTORY SOMO GROUP HKLIMITED", "VICTORY SOMO GROUP HK LIMITED"),
        ("STRELA LIMITEDLIABILITY COMPANY", "STRELA LIMITED LIABILITY COMPANY"),
    ],
)
def test_a_legal_form_glued_to_a_listed_word_is_read_apart(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert best(index, written).entry.name == listed


def test_two_listed_words_run_together_are_read_apart(index: MatchIndex) -> None:
    match = best(index, "TOPLIVOBUNKERING COMPANY")
    assert match.entry.name == "TOPLIVO BUNKERING COMPANY"
    assert match.score >= 90


def test_a_listed_word_written_in_two_is_read_as_one(index: MatchIndex) -> None:
    match = best(index, "ZHENG DRUG TRAFFIC KING ORGANIZATION")
    assert match.entry.name == "ZHENG DRUG TRAFFICKING ORGANIZATION"
    assert match.score >= 90


def test_words_a_listed_name_writes_apart_are_not_joined(index: MatchIndex) -> None:
    # SHIPMANAGEMENT is a listed word, but so are SHIP and MANAGEMENT side by side
    match = best(index, "YONG JIN SHIP MANAGEMENT COMPANY LIMITED")
    assert match.entry.name == "YONGJIN SHIP MANAGEMENT COMPANY LIMITED"
    assert match.explanation["mended"] == []


def test_a_misspelt_listed_word_is_not_cut_in_two(index: MatchIndex) -> None:
    # DIV and VISION are listed words; DIVVISION is DIVISION misspelt
    match = best(index, "DIVVISION 39")
    assert match.matched_name == "DIVISION 39"
    assert match.explanation["mended"] == []


def test_a_russian_compound_is_not_cut_into_words_a_listed_name_has_in_another_order(
    index: MatchIndex,
) -> None:
    # PROMINVEST is listed; INVESTPROM is another company's name
    assert not screen_supplier(index, Supplier(name="Investprom JSC"))
    assert mended_against(index, normalise_name("Investprom JSC")).mended == ()


def test_syllables_run_together_are_not_cut_into_listed_syllables(index: MatchIndex) -> None:
    form = normalise_name("Samsung Electronics")
    assert mended_against(index, form) is form


def test_a_name_with_nothing_to_mend_is_left_as_it_is(index: MatchIndex) -> None:
    form = normalise_name("Korea Ryonbong General Corporation")
    assert mended_against(index, form) is form


def test_a_match_on_a_mended_reading_says_which_words_were_mended(index: MatchIndex) -> None:
    match = best(index, "TOPLIVOBUNKERING COMPANY")
    assert match.explanation["mended"] == ["toplivobunkering"]
    assert "words read apart or together: TOPLIVOBUNKERING" in match.notes
    sentences = explanation_text(
        match.explanation, entry_name=match.entry.name, matched_name=match.matched_name
    )
    reading = "TOPLIVOBUNKERING is read as words written together or apart"
    assert any(reading in sentence for sentence in sentences)


def test_a_split_the_vocabulary_mends_is_marked_too() -> None:
    assert normalise_name("KOREA INTER NATIONAL CHEMICAL").mended == ("inter", "national")
    assert normalise_name("KOREA INTERNATIONAL CHEMICAL").mended == ()
