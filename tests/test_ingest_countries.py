"""Country cells to ISO 3166-1 alpha-2, whatever the language or code the sheet uses."""

from __future__ import annotations

import pytest

from screening.countries import listed
from screening.countries.cells import country_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"),
        ("Россия", "RU"),
        ("RUS", "RU"),
        ("ru", "RU"),
        ("러시아", "RU"),
        ("中国", "CN"),
        ("중국", "CN"),
        ("КНР", "CN"),
        ("China (PRC)", "CN"),
        ("북한", "KP"),
        ("КНДР", "KP"),
        ("Korea, North", "KP"),
        ("대한민국", "KR"),
        ("Republic of Korea", "KR"),
        ("England", "GB"),
        ("PRK", "KP"),
        ("Białoruś", "BY"),
        ("BIALORUS", "BY"),
        ("KNDR", "KP"),
        ("Rossiiskaya Federatsiya", "RU"),
    ],
)
def test_country_names_and_codes_become_iso2(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["Korea", "Корея", "코리아"])
def test_korea_alone_is_not_guessed(text: str) -> None:
    assert country_code(text) is None


def test_an_unknown_country_is_none_and_an_empty_cell_is_empty() -> None:
    assert country_code("Нарния") is None
    assert country_code("  ") == ""


@pytest.mark.parametrize("text", ["Narnia", "Нарния", "나니아"])
@pytest.mark.usefixtures("without_rigours_name_index")
def test_an_unknown_country_never_builds_rigours_index_of_every_name(text: str) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Bosnia-Herzegovina", "BA"), ("ROK", "KR"), ("Korea, North", "KP"), ("RUS", "RU")],
)
def test_a_cell_and_a_publishers_name_are_read_by_one_lookup(text: str, code: str) -> None:
    assert country_code(text) == listed.country_code(text) == code
