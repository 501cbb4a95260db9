"""Non-person names of the public name bench's kind (issue 15): a number of two words written
in words, with a digit, or in digits is one number, and a unit word alone stays a word."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import judge_pair
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names import normalise_name
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("Regiment Fifty-Two", ("regiment", "52")),
        ("Regiment Fifty 2", ("regiment", "52")),
        ("Regiment 52", ("regiment", "52")),
        ("Thirty Seven Shipping", ("37", "shipping")),
        ("Battalion Sixty", ("battalion", "60")),
    ],
)
def test_a_number_of_two_words_reads_as_its_digits(written: str, tokens: tuple[str, ...]) -> None:
    assert normalise_name(written).tokens == tokens


def test_one_alone_stays_a_word_of_the_name() -> None:
    # "Capital One" is not "Capital 1": only after a tens word is "one" a unit
    assert normalise_name("Harbour One Trading").tokens[:2] == ("harbour", "one")
    assert normalise_name("Harbour Ninety One").tokens == ("harbour", "91")


def test_a_unit_named_in_words_and_a_digit_matches_its_name_in_digits(index: MatchIndex) -> None:
    judged = judge_pair(index, "Regiment Fifty 2", "Regiment 52", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD


def test_a_different_number_in_words_is_not_the_same_unit(index: MatchIndex) -> None:
    judged = judge_pair(index, "Regiment Fifty Three", "Regiment 52", EntryKind.ORGANIZATION)
    assert judged.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("abbreviated", "written_out"),
    [
        ("Natl Iron Mfg Co", "NATIONAL IRON MANUFACTURING COMPANY"),
        ("Harbour Engg Svcs Grp", "HARBOUR ENGINEERING SERVICES GROUP"),
        ("Pioneer Mgmt Assn", "PIONEER MANAGEMENT ASSOCIATION"),
    ],
)
def test_an_abbreviated_organisation_word_reads_as_the_word(
    abbreviated: str, written_out: str
) -> None:
    assert normalise_name(abbreviated).tokens == normalise_name(written_out).tokens


@pytest.mark.parametrize(
    ("foreign", "english"),
    [
        ("Ministerio de Defensa Nacional", "Ministry of National Defence"),
        ("Banque Nationale du Sahel", "Sahel National Bank"),
        ("Petroleos del Caribe Oriental", "Caribe Oriental Petroleum"),
        ("Ejercito de Liberacion del Norte", "Norte Liberation Army"),
    ],
)
def test_an_organisation_named_in_its_own_language_matches_its_english_name(
    index: MatchIndex, foreign: str, english: str
) -> None:
    judged = judge_pair(index, foreign, english, EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD


def test_abbreviations_that_are_also_given_names_stay_names() -> None:
    # Min, Dev and Eng are given names and syllables of names, not ministry or engineering
    assert normalise_name("Min Dev Eng").tokens == ("min", "dev", "eng")
