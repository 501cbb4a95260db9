"""People's names as sheets write them other than the lists do: Korean given names run
together, Korean family names in their South Korean spellings, short forms of given names,
German and French spellings of Russian and Arabic names, initials run together, Chinese names in
Wade-Giles, Serbian names in Cyrillic, a short family name with one letter changed; and names
that differ where it tells two people apart (a name of their own on each side, a syllable in
Hangul, a short name changed at an end).

The listed names are real entries of the bundled lists."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import score_pair
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.normalise import normalise_name
from screening.names.wade_giles import wade_giles_pinyin
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def listed_people(index: MatchIndex, name: str) -> list[str]:
    """The names of the listed people screening flags for a supplier named `name`."""
    matches = screen_supplier(index, Supplier(name=name))
    return [match.entry.name for match in matches if match.entry.kind is EntryKind.PERSON]


def person_score(index: MatchIndex, supplier_name: str, listed_name: str) -> float:
    return score_pair(index, supplier_name, listed_name, EntryKind.PERSON).score


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("KIM Kwangil", "KIM, Kwang-Il"),
        ("HAN Kwonu", "HAN, Kwon U"),
        ("Myongsu Rhee", "Myong Su RI"),
    ],
)
def test_korean_given_name_written_as_one_word(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert listed in listed_people(index, written)


@pytest.mark.parametrize(
    ("written", "listed"),
    [("Choi Eunhyeok", "CHOE, Un Hyok"), ("Park Yong Sik", "PAK, Yong Sik")],
)
def test_korean_family_name_in_its_south_korean_spelling(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert listed in listed_people(index, written)


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Andrej Schischkin", "SHISHKIN, Andrei Nikolaevich"),
        ("Nadschmiddin Dschalolov", "JALOLOV, Najmiddin Kamolitdinovich"),
        ("Bolchakov Dmitriï", "Dmitry Konstantinovich BOLSHAKOV"),
    ],
)
def test_german_and_french_spelling_of_a_russian_or_arabic_name(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert listed in listed_people(index, written)


def test_short_form_of_a_given_name_finds_the_listed_full_name(index: MatchIndex) -> None:
    assert "ROGOZIN, Dmitry Olegovich" in listed_people(index, "Dima Rogozin")


@pytest.mark.parametrize(
    ("written", "listed"),
    [("Ted Doe", "Theodore Doe"), ("Bibi Netanyahu", "Benjamin Netanyahu")],
)
def test_short_form_of_a_given_name_scores_as_the_full_name(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert person_score(index, written, listed) >= DEFAULT_THRESHOLD


def test_a_short_form_is_named_in_the_explanation(index: MatchIndex) -> None:
    match = next(
        match
        for match in screen_supplier(index, Supplier(name="Dima Rogozin"))
        if match.entry.name == "ROGOZIN, Dmitry Olegovich"
    )
    assert "short form Dima ~ Dmitry" in match.notes


def test_another_given_name_is_not_a_short_form(index: MatchIndex) -> None:
    assert person_score(index, "Boris Netanyahu", "Benjamin Netanyahu") < DEFAULT_THRESHOLD


def test_initials_run_together_before_a_family_name(index: MatchIndex) -> None:
    assert person_score(index, "JC Juncker", "Jean-Claude Juncker") >= DEFAULT_THRESHOLD


def test_two_names_each_with_a_name_of_their_own_are_two_people(index: MatchIndex) -> None:
    assert (
        person_score(
            index,
            "MOHAMMED QASIM MIR ABDUL KHUDAI RAHIM",
            "MOHAMMED QASIM MIR WALI KHUDAI RAHIM",
        )
        < DEFAULT_THRESHOLD
    )


def test_names_in_hangul_differing_by_a_syllable_that_romanises_alike(index: MatchIndex) -> None:
    assert person_score(index, "김종은", "김정은") < DEFAULT_THRESHOLD
    assert person_score(index, "김 정은", "김정은") >= DEFAULT_THRESHOLD


def test_x_and_ks_are_one_spelling_of_a_russian_name(index: MatchIndex) -> None:
    assert (
        person_score(index, "Aleksei Moiseyev", "Alexey Vladimirovich MOISEYEV")
        >= DEFAULT_THRESHOLD
    )


def test_a_listed_name_of_one_name_is_not_matched_by_another_spelling(index: MatchIndex) -> None:
    assert person_score(index, "Al Hanan", "AL-HASAN") < DEFAULT_THRESHOLD
    assert person_score(index, "Al Hasan", "AL-HASAN") >= DEFAULT_THRESHOLD


def test_korean_syllables_a_letter_apart_written_together_are_other_names(
    index: MatchIndex,
) -> None:
    assert "Sung Su KIM" not in listed_people(index, "김승우")  # Seung-woo, not Song-su


@pytest.mark.parametrize(
    ("written", "pinyin"),
    [
        ("Mao Tse-tung", "mao zedong"),
        ("Teng Hsiao-p'ing", "deng xiaoping"),
        ("Liu Shao-ch'i", "liu shaoqi"),
        ("Chou Chien-shu", "zhou jianshu"),
    ],
)
def test_wade_giles_name_is_read_in_pinyin(written: str, pinyin: str) -> None:
    assert wade_giles_pinyin(written) == pinyin


@pytest.mark.parametrize(
    "name", ["Kim Jong Un", "Park Chung-hee", "Wang Ching-wei", "Tim Cook", "Chiang Kai-shek"]
)
def test_a_name_without_a_spelling_of_wade_giles_own_is_not_read_so(name: str) -> None:
    # Korean and Western names, and Chinese names whose Wade-Giles pinyin could also spell
    assert wade_giles_pinyin(name) is None


def test_wade_giles_name_matches_the_pinyin_name(index: MatchIndex) -> None:
    assert person_score(index, "Mao Tse-tung", "Mao Zedong") >= DEFAULT_THRESHOLD


def test_wade_giles_name_finds_the_listed_person(index: MatchIndex) -> None:
    assert "ZHOU, Jianshu" in listed_people(index, "Chou Chien-shu")


def test_serbian_cyrillic_is_read_as_serbian_latin() -> None:
    assert normalise_name("Александар Вучић").tokens == ("aleksandar", "vucic")
    assert normalise_name("Ђоковић").tokens == ("djokovic",)
    assert normalise_name("Чебоксары").tokens == ("cheboksary",)  # Russian as before


def test_serbian_name_with_a_letter_changed_matches(index: MatchIndex) -> None:
    assert person_score(index, "Александар Вукић", "Aleksandar VUCIC") >= DEFAULT_THRESHOLD


def test_short_family_name_with_an_inner_letter_changed_matches(index: MatchIndex) -> None:
    assert person_score(index, "Tim Cock", "Tim Cook") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Tim Hook", "Tim Cook"),  # the first letter changed
        ("Tim Cool", "Tim Cook"),  # the last letter changed
        ("محمد بن سلطان", "محمد بن سلمان"),  # no vowels written: Sultan is not Salman
    ],
)
def test_short_name_changed_at_an_end_or_without_vowels_is_another(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert person_score(index, written, listed) < DEFAULT_THRESHOLD
