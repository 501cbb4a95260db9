"""Persons' names in Cyrillic against the lists' Latin spellings of them: a word pairs with the
listed word another romanisation writes (Пётр ~ PETR, Сяргей ~ SIARHEI), and a Russian name
made of syllables Palladius also writes is not read as Chinese (ГУЦАН, Шипицин).

The pairs are real listed persons' names as the publishers give them in both scripts (UK OFSI's
"Name Non-Latin Script" beside its Latin name); bench.parallel_names measures all of them."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import score_pair
from screening.matching.score import How
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.normalise import normalise_name
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.mark.parametrize(
    ("cyrillic", "listed"),
    [
        ("Пётр Олегович ТОЛСТОЙ", "Petr Olegovich TOLSTOY"),  # ё: yo, listed e
        ("ХАМЕНКА, Сяргей Мікалаевіч", "SIARHEI MIKALAEVICH KHAMENKA"),  # я: ya, listed ia; г: h
        ("МАТКІН, Алег Уладзіміравіч", "Aleh Uladzimiravich MATKIN"),  # Belarusian г: h
    ],
)
def test_a_word_read_from_cyrillic_pairs_with_its_other_romanisation(
    index: MatchIndex, cyrillic: str, listed: str
) -> None:
    score = score_pair(index, cyrillic, listed, EntryKind.PERSON)
    assert score.score >= DEFAULT_THRESHOLD
    assert len(score.pairs) == 3
    assert How.ROMANISATION in {pair.how for pair in score.pairs}


def test_a_misspelling_of_another_romanisation_pairs_as_a_romanisation(index: MatchIndex) -> None:
    # Сяргеевіч reads syargeyevich; SIARHEEVICH is siarheyevich (another romanisation) less a y
    score = score_pair(
        index, "Гайдукевіч Алег Сяргеевіч", "Aleh Siarheevich GAIDUKEVICH", EntryKind.PERSON
    )
    assert score.score >= DEFAULT_THRESHOLD
    patronymic = next(pair for pair in score.pairs if pair.query_start == 2)
    assert patronymic.how is How.ROMANISATION
    assert patronymic.similarity < 1.0


def test_another_romanisation_does_not_pair_another_name(index: MatchIndex) -> None:
    # Пётр's other spellings (petr, piotr, pjotr...) are not Peter's family name PETROV
    score = score_pair(index, "Пётр Иванов", "Petr PETROV", EntryKind.PERSON)
    assert score.score < DEFAULT_THRESHOLD


def test_a_latin_name_is_not_scored_by_other_romanisations(index: MatchIndex) -> None:
    # only a name read from Cyrillic has other romanisations: Latin names score as they did
    score = score_pair(index, "Syargey KHAMENKA", "SIARHEI KHAMENKA", EntryKind.PERSON)
    assert How.ROMANISATION not in {pair.how for pair in score.pairs if pair.query_start == 0}


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("ГУЦАН Александр Владимирович", ("gutsan", "aleksandr", "vladimirovich")),  # patronymic
        ("Андрей Шипицин", ("andrey", "shipitsin")),  # ши-пи-цин: three syllables ending -ин
        ("Цунаева Елена Моисеевна", ("tsunaeva", "elena", "moiseevna")),
    ],
)
def test_a_russian_name_of_palladius_syllables_is_not_read_as_chinese(
    cyrillic: str, latin: tuple[str, ...]
) -> None:
    assert normalise_name(cyrillic).tokens == latin


@pytest.mark.parametrize(
    ("palladius", "pinyin"),
    [("Чунцин", ("chongqing",)), ("Ли Цин", ("li", "qing")), ("Си Цзиньпин", ("xi", "jinping"))],
)
def test_a_chinese_name_ending_as_russian_names_do_is_still_chinese(
    palladius: str, pinyin: tuple[str, ...]
) -> None:
    assert normalise_name(palladius).tokens == pinyin


def test_the_listed_russian_person_is_found_from_cyrillic(index: MatchIndex) -> None:
    score = score_pair(
        index, "ГУЦАН Александр Владимирович", "Aleksandr Vladimirovich GUTSAN", EntryKind.PERSON
    )
    assert score.score >= DEFAULT_THRESHOLD
