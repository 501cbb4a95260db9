"""Russian names written the German or French way are compared as the lists write them."""

from __future__ import annotations

import pytest

from screening.names.normalise import normalise_person_name
from screening.names.respell import english_spelling, english_spellings


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("Tschernyschow", "chernyshov"),  # German: tsch, sch, -ow
        ("Andrej Schischkin", "andrey shishkin"),
        ("Jewgeni Prigoschin", "yevgeni prigoshin"),  # sch with an English -in
        ("Tchernychev", "chernyshev"),  # French: tch, ch
        ("Youri Loujkov", "yuri luzhkov"),  # French: ou, j
        ("Alekseï Moisseiev", "aleksei moiseyev"),  # French -iev
    ],
)
def test_a_russian_name_in_german_or_french_spelling_is_respelled_the_english_way(
    written: str, english: str
) -> None:
    assert " ".join(normalise_person_name(written).tokens) == english


def test_german_and_french_spellings_of_one_name_meet_the_english_one() -> None:
    # Schukow (German) and Joukov (French) are Zhukov: sch stands for ж as well as ш
    assert english_spelling("Joukov") == "zhukov"
    assert english_spelling("Schukow") == "shukov"


@pytest.mark.parametrize(
    "name", ["Schneider Electric", "CHERNYSHEV Sergei", "Jamshid Karimov", "Jessica Martin"]
)
def test_names_that_are_not_russian_in_german_or_french_spelling_are_left_as_written(
    name: str,
) -> None:
    assert english_spelling(name) == name


def test_a_persons_name_words_in_german_spelling_are_read_the_english_way() -> None:
    # the person keys' reading: the name's marks choose the language, each word of five letters
    # or more is respelled (Iwanow, Sergej: w and a final ej are German marks)
    assert english_spellings("Sergej Iwanow", ("sergej", "iwanow")) == ("sergey", "ivanov")


def test_a_korean_w_or_j_is_no_mark_of_a_german_spelling() -> None:
    assert english_spellings("Hwang Jong Kwang", ("hwang", "jong", "kwang")) is None
