"""One fold key for the McCune-Reischauer, Revised Romanization and Russian spellings of a word;
the other romanisations of a word read from Cyrillic."""

from __future__ import annotations

import random
import re

import pytest

from screening.names.cyrillic import MOST_SPELLINGS, either_way_spellings, other_spellings
from screening.names.resources import load_data
from screening.names.romanise import fold


@pytest.mark.parametrize(
    "spellings",
    [
        ("ryonbong", "ryeonbong", "ryongbong", "lyonbong", "yeonbong"),
        ("kwangson", "gwangseon"),
        ("choson", "joseon"),
        ("kumgang", "geumgang"),
        ("pyongyang", "pyeongyang"),
        ("koryo", "goryeo"),
        ("tanchon", "danchon"),
        ("paeksan", "baeksan"),
        ("cholhyon", "cheolhyeon"),
        ("chollima", "cheollima", "chonrima"),
        ("rodong", "nodong"),
        ("mansudae", "mansude"),
    ],
)
def test_romanisations_of_one_korean_word_share_a_fold_key(spellings: tuple[str, ...]) -> None:
    assert len({fold(spelling) for spelling in spellings}) == 1


def test_russian_spelling_of_a_korean_name_folds_with_mccune_reischauer() -> None:
    # Рёнбон, Намчхонган, Кымган, Пэкхо as a Russian register writes them
    assert fold("ryonbon") == fold("ryonbong")
    assert fold("namchkhongan") == fold("namchongang")
    assert fold("kymgan") == fold("kumgang")
    assert fold("pekkho") == fold("paekho")


def test_apostrophes_do_not_change_the_fold_key() -> None:
    assert fold("ch'olhyo'n") == fold("cholhyon")


def test_different_words_keep_different_fold_keys() -> None:
    assert fold("ryonbong") != fold("kwangson")
    assert fold("daedong") != fold("taewon")


def _fold_by_the_rules(word: str) -> str:
    """romanisation.toml read literally: every rule a regular expression, applied in order."""
    key = word
    for rule in load_data("romanisation")["rule"]:
        key = re.sub(rule["pattern"], rule["replace"], key)
    return key or word


def test_fold_applies_the_rules_in_order_as_regular_expressions() -> None:
    # fold groups literal rules and skips rules that cannot apply: it must not change a key
    rng = random.Random(7)
    words = ["ryonbong", "ch'olhyo'n", "ryi", "rrya", "kkhh", "chkhh", "tchaeo", "yy", "r"]
    for letters, longest in (("aeiouybcdfghjklmnprstvwz", 14), ("rykhcgnlaeo", 8)):
        for _ in range(5000):
            words.append("".join(rng.choice(letters) for _ in range(rng.randint(1, longest))))
    for word in words:
        assert fold(word) == _fold_by_the_rules(word), word


@pytest.mark.parametrize(
    ("read", "listed"),
    [
        ("kochiev", "koshyev"),  # ч as sh, и before е as y (UN: KOSHYEV)
        ("ivanovich", "ivanovitch"),
        ("yuriy", "iurii"),  # ICAO passports
        ("yuriy", "jurij"),
        ("syargey", "siarhei"),  # Belarusian Сяргей, г as h
        ("khodorkovskiy", "chodorkovsky"),
        ("shcherbakov", "scherbakoff"),
    ],
)
def test_other_romanisations_of_a_word_read_from_cyrillic(read: str, listed: str) -> None:
    assert listed in other_spellings(read)


def test_other_romanisations_of_a_long_word_stay_few() -> None:
    # a patronymic with many letters spelt several ways keeps the endings' spellings first
    spellings = other_spellings("vyacheslavovich")
    assert len(spellings) < MOST_SPELLINGS
    assert "vyacheslavovitch" in spellings
    assert "vyacheslavovich" not in spellings


def test_x_and_ks_are_written_either_way_in_any_name() -> None:
    # one table with the Cyrillic spellings: кс is x or ks whatever the name was read from
    assert either_way_spellings("alexey") == ("aleksey",)
    assert either_way_spellings("maksim") == ("maxim",)
    assert either_way_spellings("ivanov") == ()
    assert "maxim" in other_spellings("maksim")
