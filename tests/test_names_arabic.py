"""People's names in Arabic script against their Latin spellings by consonant skeleton
(names.arabic): each rule on its own, then a listed person found and scored from a name in
Arabic script, and never a Latin name compared so."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.comparable import make_comparable
from screening.matching.index import MatchIndex
from screening.matching.pair import score_pair
from screening.matching.persons import skeleton_candidates
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.arabic import arabic_words, is_arabic, name_skeletons, part_meets, skeleton
from screening.names.normalise import normalise_person_name
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("muhammad", "mhmd"),  # short vowels dropped, doubled letters one
        ("mohammed", "mhmd"),
        ("mhmd", "mhmd"),  # anyascii's reading of محمد
        ("khalid", "hld"),  # kh/h
        ("nadhim", "nzm"),  # dh/z
        ("uthman", "smn"),  # th/s, an initial vowel dropped
        ("qasim", "ksm"),  # q/k
        ("mahmoud", "mhmd"),  # ou: a long vowel inside a word
        ("yousef", "ysf"),  # an initial y is a consonant
        ("walid", "wld"),
        ("fatimah", "ftm"),  # a final h (ta marbuta) dropped
        ("alrahman", "rhmn"),  # the article written onto its noun
    ],
)
def test_skeleton_keeps_the_consonants_arabic_writes(written: str, bare: str) -> None:
    assert skeleton(written) == bare


def test_article_particles_and_abd_are_read_as_arabic_writes_them() -> None:
    expected = ((1, "bdrhmn"), (2, "hld"))
    for latin in ("Abdul Rahman Khalid", "Abd al-Rahman Khalid"):
        assert name_skeletons(normalise_person_name(latin).tokens)[-2:][1][1] == "hld"
        assert [part for _, part in name_skeletons(normalise_person_name(latin).tokens)] == [
            part for _, part in expected
        ]
    assert [
        part for _, part in name_skeletons(normalise_person_name("Abdulrahman bin Khalid").tokens)
    ] == ["bdrhmn", "hld"]
    arabic = normalise_person_name("عبد الرحمن بن خالد").tokens
    assert [part for _, part in name_skeletons(arabic)] == ["bdrhmn", "hld"]


def test_arabic_words_keep_their_long_vowels() -> None:
    assert arabic_words("سلمان حامد") == ("slman", "hamd")
    assert is_arabic("حامد") and not is_arabic("Hamid") and not is_arabic("Хамид")


@pytest.mark.parametrize(
    ("arabic", "latin", "meets"),
    [
        ("محمد", "Muhammad", True),
        ("حامد", "Hamid", True),  # the long a written after h
        ("احمد", "Ahmad", True),  # alif at the start: a vowel
        ("احمد", "Hamid", False),  # same consonants, another name
        ("حامد", "Ahmad", False),
        ("يوسف", "Youssef", True),
        ("جمال", "Djamel", True),
        ("فاطمة", "Fatima", True),
    ],
)
def test_long_vowels_tell_names_of_one_skeleton_apart(arabic: str, latin: str, meets: bool) -> None:
    assert part_meets(arabic_words(arabic)[0], latin.lower()) is meets


def test_arabic_name_scores_its_latin_spelling(index: MatchIndex) -> None:
    listed = "KHALID ABD AL-RAHMAN HAMD AL-FAWAZ"
    assert score_pair(index, "خالد عبد الرحمن حمد الفواز", listed, EntryKind.PERSON).score >= 95
    # every part of the shorter name pairs, two at least: one shared name is not enough
    assert not score_pair(index, "خالد الفواز", "KHALID AL-ZAWAHIRI", EntryKind.PERSON).score
    # a listed name of two common parts is not in every longer name with both
    assert (
        score_pair(index, "محمد ابراهيم حسن يوسف", "Muhammad IBRAHIM", EntryKind.PERSON).score < 83
    )


def test_latin_names_are_not_compared_by_skeleton(index: MatchIndex) -> None:
    assert not score_pair(index, "Mhmd Slmn", "Muhammad Salman", EntryKind.PERSON).score


def test_arabic_name_finds_its_listed_latin_spelling(index: MatchIndex) -> None:
    query = make_comparable(
        normalise_person_name("خالد عبد الرحمن حمد الفواز"), index.person_weights
    )
    found = skeleton_candidates(index, query)
    assert any("FAWAZ" in index.forms[form_id].form.original.upper() for form_id in found)
    latin = make_comparable(normalise_person_name("Khalid Hamd"), index.person_weights)
    assert skeleton_candidates(index, latin) == []


def test_two_names_in_arabic_script_two_consonants_apart_are_two_people(
    index: MatchIndex,
) -> None:
    # Pezeshkfar is not Pezeshkian (Persian, a suffix apart); one consonant apart is a spelling
    def score(supplier: str, listed: str) -> float:
        return score_pair(index, supplier, listed, EntryKind.PERSON).score

    assert score("مسعود پزشک\u200cفر", "مسعود پزشکیان") < DEFAULT_THRESHOLD
    assert score("مسعود پزشکیان", "مسعود پزشکیان") >= DEFAULT_THRESHOLD
