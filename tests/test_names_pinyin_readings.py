"""Pinyin syllables read by other romanisations, and Korean names told by their romanised
syllables: the word-level rules person matching leans on."""

from __future__ import annotations

import pytest

from screening.names.given_names import looks_korean
from screening.names.pinyin_readings import is_other_reading, pinyin_syllables


@pytest.mark.parametrize(("pinyin", "other"), [("xi", "shi"), ("xi", "hsi"), ("qin", "chin")])
def test_a_pinyin_initial_as_other_romanisations_write_it(pinyin: str, other: str) -> None:
    assert is_other_reading(pinyin, other)
    assert is_other_reading(other, pinyin)


def test_words_that_are_not_pinyin_have_no_other_reading() -> None:
    assert not is_other_reading("smith", "smyth")
    assert not is_other_reading("shi", "si")  # neither is the other's pinyin initial


def test_pinyin_words_count_their_syllables() -> None:
    assert pinyin_syllables("jinping") == 2
    assert pinyin_syllables("wei") == 1
    assert pinyin_syllables("smith") == 0


@pytest.mark.parametrize(
    "name", ["park joon hee", "kim yeo jeong", "jong un kim", "hyeon yeong cheol", "ryu woo jin"]
)
def test_names_written_as_korean_names(name: str) -> None:
    assert looks_korean(tuple(name.split()))


@pytest.mark.parametrize("name", ["kim jones", "john park", "sergei lavrov", "kim"])
def test_names_not_written_as_korean_names(name: str) -> None:
    assert not looks_korean(tuple(name.split()))
