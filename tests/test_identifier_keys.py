"""Identifier keys: a plain number is read as the general reading reads it."""

from __future__ import annotations

import pytest

from screening.matching.identifiers import identifier_keys


@pytest.mark.parametrize("number", ["7714447012", "123456", "1" * 24, "12345", "1" * 25, "0"])
def test_plain_number_keys_equal_those_of_the_number_written_with_spaces(number: str) -> None:
    # a leading space takes the general path: regular expressions over the upper-cased text
    assert identifier_keys(number) == identifier_keys(f" {number} ")


def test_plain_number_is_its_own_key() -> None:
    assert identifier_keys("7714447012") == {"7714447012"}


def test_short_plain_number_has_no_key() -> None:
    assert identifier_keys("90") == frozenset()


def test_digits_of_other_scripts_are_not_a_plain_number() -> None:
    assert identifier_keys("٧٧١٤٤٤٧٠١٢") == identifier_keys(" ٧٧١٤٤٤٧٠١٢ ")
