"""Khmer names read by syllable and consonant series (names.khmer), and a Khmer name scored
against its listed Latin spelling."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import score_pair
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.khmer import has_khmer, khmer_to_latin
from screening.names.transliterate import to_latin
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.mark.parametrize(
    ("khmer", "latin"),
    [
        ("ប៉ុល ពត", "pol pot"),  # ប៉ is p; a consonant with no vowel sign ends the syllable
        ("ហ៊ុន សែន", "hun sen"),  # ៊ moves ហ to the second series: ុ reads u
        ("នួន ជា", "nuon chea"),  # ា after a second-series consonant: ea
        ("ខៀវ សំផន", "khiev samphan"),  # ំ after no vowel sign: am
        ("ហេង សំរិន", "heng samrin"),
        ("សម្តេច", "samtech"),  # a consonant over another ends the syllable before
    ],
)
def test_khmer_syllables_read_by_their_consonants_series(khmer: str, latin: str) -> None:
    assert khmer_to_latin(khmer) == latin


def test_text_around_khmer_is_read_as_before() -> None:
    assert khmer_to_latin("ហ៊ុន សែន (Cambodia)") == "hun sen (Cambodia)"
    assert not has_khmer("Hun Sen") and has_khmer("ហ៊ុន")
    assert to_latin("ប៉ុល ពត")[0] == "pol pot"  # not "bol pt", whose PT reads as a legal form


def test_khmer_name_meets_its_latin_spelling(index: MatchIndex) -> None:
    assert score_pair(index, "ប៉ុល ពត", "Pol Pot", EntryKind.PERSON).score >= DEFAULT_THRESHOLD
    assert score_pair(index, "ហ៊ុន សែន", "HUN Sen", EntryKind.PERSON).score >= DEFAULT_THRESHOLD
    assert score_pair(index, "ហ៊ុន សែន", "HUN Manet", EntryKind.PERSON).score < DEFAULT_THRESHOLD
