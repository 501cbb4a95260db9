"""Splitting a Latin name into words: initials, apostrophes, brackets, generic words."""

from __future__ import annotations

from screening.names import normalise_name
from screening.names.tokens import latin_words


def test_dots_of_initials_join_their_letters() -> None:
    assert [word for word, _ in latin_words("K.K.B.C. Trading")] == ["kkbc", "trading"]


def test_apostrophes_stay_inside_the_word() -> None:
    assert normalise_name("CH'OLHYO'N OVERSEAS").tokens[0] == "cholhyon"


def test_words_in_brackets_are_marked() -> None:
    name = normalise_name("Namchongang Trading (Vladivostok branch)")
    assert name.bracketed == (False, False, True, True)


def test_korean_word_for_korea_reads_as_korea() -> None:
    assert normalise_name("Choson Taesong Unhaeng").tokens == ("korea", "taesong", "bank")


def test_head_office_reads_as_office() -> None:
    assert normalise_name("Hunjin Trading Head Office").tokens == ("hunjin", "trading", "office")
