"""Non-person names of the public name bench's kind (issue 15): a number of two words written
in words, with a digit, or in digits is one number, and a unit word alone stays a word; a typo
in the one distinctive word, and a misspelt word of the language weighed as that word."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.basis import BasisKind
from screening.matching.index import MatchIndex
from screening.matching.pair import judge_pair
from screening.matching.score import typo_similarity
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


# A typo in the one distinctive word (the name bench's companies and vessels): the names below
# are made up; a word no list holds weighs as the rarest listed word does.


def test_letters_swapped_count_half_an_edit() -> None:
    # every letter is there: the commonest slip of typing, not another word
    assert typo_similarity("harbuor", "harbour") == pytest.approx(1.0 - 0.5 / 7)
    assert typo_similarity("harbeur", "harbour") == pytest.approx(1.0 - 1.0 / 7)


def test_a_short_name_with_letters_swapped_and_the_same_legal_form_is_flagged(
    index: MatchIndex,
) -> None:
    judged = judge_pair(index, "Kelvo Inc.", "Kevlo Inc.", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD
    assert judged.basis is not None and judged.basis.kind is BasisKind.SHORT_WORD_AND_FORM


def test_a_short_name_with_letters_swapped_alone_needs_more(index: MatchIndex) -> None:
    judged = judge_pair(index, "Kelvo", "Kevlo", EntryKind.ORGANIZATION)
    assert judged.score < DEFAULT_THRESHOLD


def test_a_listed_misspelling_of_an_everyday_word_weighs_as_that_word(index: MatchIndex) -> None:
    # the listed MOUNTEIN is rare only as a misspelling: "Mountain" is the word it stands for
    judged = judge_pair(index, "Golden Mountain 2", "Golden Mountein 2", EntryKind.VESSEL)
    assert judged.score >= DEFAULT_THRESHOLD


def test_an_everyday_word_misspelling_a_rare_listed_word_weighs_as_the_everyday_word(
    index: MatchIndex,
) -> None:
    judged = judge_pair(index, "Summit Holding S.A.", "Summet Holding S.A.", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("supplier", "listed"), [("Summit", "Summet"), ("Marine", "Marnie")])
def test_an_everyday_word_alone_one_letter_from_a_rare_listed_word_needs_more(
    index: MatchIndex, supplier: str, listed: str
) -> None:
    judged = judge_pair(index, supplier, listed, EntryKind.ORGANIZATION)
    assert judged.score < DEFAULT_THRESHOLD
    assert judged.basis is not None and judged.basis.kind is BasisKind.SHORT_WORD
    assert not judged.basis.country_suffices


def test_long_words_written_apart_meet_a_listed_word_misspelt_in_one(index: MatchIndex) -> None:
    # BELMORSKNEFT, the supplier writing its two words apart and one letter more
    judged = judge_pair(index, "Belmorska Neft", "Belmorskneft", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD
    assert judged.basis is not None and judged.basis.kind is BasisKind.DISTINCTIVE


def test_a_listed_name_written_apart_meets_the_supplier_word_misspelt_in_one(
    index: MatchIndex,
) -> None:
    judged = judge_pair(index, "Belmorskneft", "Belmorska Neft", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD


def test_an_initial_beside_a_long_listed_word_is_no_piece_of_it(index: MatchIndex) -> None:
    # VERNATOR GK run together folds as "Vernatorg" does: GK is a legal form, not a syllable
    judged = judge_pair(index, "Vernatorg", "VERNATOR GK", EntryKind.ORGANIZATION)
    assert judged.score < DEFAULT_THRESHOLD
