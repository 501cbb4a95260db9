"""Names written in Russian letters the loose way (English words by sound, Chinese by Palladius)
and Russian names written the German or French way find the listed entry."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def top_names(index: MatchIndex, name: str) -> set[str]:
    """The listed names (primary or alias) of the best matches, flagged at the threshold."""
    matches = screen_supplier(index, Supplier(name=name))
    assert matches, f"no match for {name!r}"
    return {m.matched_name for m in matches if m.score == matches[0].score}


def test_english_words_and_legal_form_written_in_russian_letters_match(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Унчон Трейдинг Корп"))
    assert matches[0].entry.name == "UNCHON TRADING CORPORATION"
    assert matches[0].score >= DEFAULT_THRESHOLD
    assert any("UNCHON" in note and note.startswith("rests on") for note in matches[0].notes)


def test_a_loose_spelling_of_international_matches(index: MatchIndex) -> None:
    # the list writes CHOSON INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY
    name = "Чосон Интернешенал Кемиклз Джойнт Оперейшн Компани"
    assert "CHOSON INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY" in top_names(index, name)


def test_a_chinese_name_in_palladius_matches_its_pinyin(index: MatchIndex) -> None:
    name = "Фуцзянь Нанань импортно-экспортная корпорация"
    assert "FUJIAN NANAN IMPORT AND EXPORT CORPORATION" in top_names(index, name)


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Andrej Schischkin", "SHISHKIN, Andrei Nikolaevich"),  # German
        ("Timour Chaguivaleiev", "SHAGIVALEEV, Timur Nailevich"),  # French
    ],
)
def test_a_russian_name_in_german_or_french_spelling_finds_the_listed_person(
    index: MatchIndex, written: str, listed: str
) -> None:
    matches = screen_supplier(index, Supplier(name=written))
    assert listed in {m.entry.name for m in matches}
