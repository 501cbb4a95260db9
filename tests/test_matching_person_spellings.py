"""People's names in spellings the lists do not use: Chinese names in Wade-Giles, Serbian names
in Cyrillic, a short family name with one letter changed; and the spellings that stay apart.

The listed names of the screening tests are real entries of the bundled lists; the pairs scored
alone are public figures' names."""

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
    matches = screen_supplier(index, Supplier(name=name))
    return [match.entry.name for match in matches if match.entry.kind is EntryKind.PERSON]


def person_score(index: MatchIndex, supplier_name: str, listed_name: str) -> float:
    return score_pair(index, supplier_name, listed_name, EntryKind.PERSON).score


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
