"""Foreign people's names written in Chinese characters by sound (names.transcribed): keys by
consonant class on each side, then listed persons found and scored from such a name."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.comparable import make_comparable
from screening.matching.index import MatchIndex
from screening.matching.pair import score_pair
from screening.matching.persons import skeleton_candidates
from screening.matching.thresholds import CONFIDENT_SCORE, DEFAULT_THRESHOLD
from screening.names.normalise import normalise_person_name
from screening.names.transcribed import (
    is_transcribed,
    is_undotted_transcription,
    keys_meet,
    latin_key,
    latin_spellings,
    part_readings,
    pinyin_key,
    transcribed_parts,
)
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.mark.parametrize(
    ("chinese", "latin"),
    [
        ("贝拉克·奥巴马", "Barack Obama"),  # bei-la-ke: r as l, a vowel after k
        ("弗拉基米尔·普京", "Vladimir Putin"),  # ji for di, jing for tin
        ("唐纳德·特朗普", "Donald Trump"),  # l left out of Donald; n for m
        ("安格拉·默克尔", "Angela Merkel"),  # an-ge-la: no ng across syllables
        ("罗曼·阿布拉莫维奇", "Roman Abramovich"),  # wei for v
        ("鲍里斯·约翰逊", "Boris Johnson"),  # the h after o silent
    ],
)
def test_every_part_meets_its_latin_spelling(chinese: str, latin: str) -> None:
    assert is_transcribed(chinese)
    parts = transcribed_parts(chinese)
    assert len(parts) == len(latin.split())
    for part, word in zip(parts, latin.split(), strict=True):
        assert keys_meet(pinyin_key(part), latin_key(word)), (part, word)


def test_other_names_do_not_meet() -> None:
    assert not keys_meet(pinyin_key("米歇尔"), latin_key("Barack"))  # Michelle
    assert not keys_meet(pinyin_key("普京"), latin_key("Pak"))  # a short key is kept exact
    # a consonant more only where a syllable ends (not pl, Pligin), a vowel parts n from n
    assert not keys_meet(pinyin_key("普京"), latin_key("Pligin"))
    assert not keys_meet(pinyin_key("普京"), latin_key("Potanin"))
    assert not is_transcribed("习近平")  # a Chinese name: no middle dot


def test_transcribed_name_scores_as_a_likely_match_never_a_confident_one(
    index: MatchIndex,
) -> None:
    score = score_pair(index, "贝拉克·奥巴马", "Barack Obama", EntryKind.PERSON).score
    assert DEFAULT_THRESHOLD <= score < CONFIDENT_SCORE
    # a middle name the Chinese leaves out still matches; another given name does not
    putin = score_pair(index, "弗拉基米尔·普京", "PUTIN, Vladimir Vladimirovich", EntryKind.PERSON)
    assert putin.score >= DEFAULT_THRESHOLD
    assert score_pair(index, "贝拉克·奥巴马", "Michelle Obama", EntryKind.PERSON).score == 0.0


@pytest.mark.parametrize(
    ("chinese", "listed"),
    [
        ("弗拉基米尔·普京", "PUTIN"),
        ("谢尔盖·拉夫罗夫", "LAVROV"),
        ("罗曼·阿布拉莫维奇", "ABRAMOVICH"),
    ],
)
def test_transcribed_name_finds_the_listed_person(
    index: MatchIndex, chinese: str, listed: str
) -> None:
    query = make_comparable(normalise_person_name(chinese), index.person_weights)
    found = skeleton_candidates(index, query)
    assert any(listed in index.forms[form_id].form.original.upper() for form_id in found)


def test_a_name_of_sound_characters_without_a_dot_is_read_as_foreign() -> None:
    assert is_undotted_transcription("伊戈尔谢钦")
    assert ("伊戈尔", "谢钦") in part_readings("伊戈尔谢钦")
    assert part_readings("贝拉克·奥巴马") == (("贝拉克", "奥巴马"),)  # the dot parts it
    assert not is_undotted_transcription("习近平")  # a Chinese name: other characters
    assert not is_undotted_transcription("普京")  # too short to part at a guess


def test_a_transcribed_name_without_its_dot_matches_the_listed_person(index: MatchIndex) -> None:
    score = score_pair(index, "伊戈尔谢钦", "Igor Sechin", EntryKind.PERSON).score
    assert DEFAULT_THRESHOLD <= score < CONFIDENT_SCORE
    assert score_pair(index, "米歇尔奥巴马", "Barack Obama", EntryKind.PERSON).score == 0.0


def test_two_wild_consonants_look_up_a_latin_name_with_two() -> None:
    # 谢钦 xie-qin: "JJN"; Sechin "SSN", found only if the two are not made one
    assert latin_key("Sechin").upper() in latin_spellings(pinyin_key("谢钦"))


def test_an_undotted_transcribed_name_finds_the_listed_person(index: MatchIndex) -> None:
    query = make_comparable(normalise_person_name("伊戈尔谢钦"), index.person_weights)
    found = skeleton_candidates(index, query)
    assert any("SECHIN" in index.forms[form_id].form.original.upper() for form_id in found)
