"""The one country lookup: a country's name or code, as a publisher or a supplier writes it, to
the upper-case ISO 3166-1 alpha-2 code of its country.

In order: the spellings rigour does not know (`listed_spellings.toml`, from the lists' own files;
`cell_spellings.toml`, from supplier sheets), then rigour's codes (ISO-2, ISO-3, QIDs) and the
names of its territories in every script, through the quick index of `territory_names`. Nothing
here builds rigour's transliterated index of every name, so an unknown name ("Narnia", "Нарния")
costs as little as a known one. Publishers' names (`listed`) and sheet cells (`cells`) each add
only what their format needs around this lookup: qualifiers, parentheses, an ambiguous Korea.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from screening.countries.territory_names import country_of, lookup_territory_name

SPELLING_FILES = ("listed_spellings.toml", "cell_spellings.toml")


@cache
def spelling_file(name: str) -> dict[str, object]:
    """One of the package's TOML files of spellings, parsed."""
    return tomllib.loads(files("screening.countries").joinpath(name).read_text("utf-8"))


@cache
def _spellings() -> dict[str, str]:
    """Case-folded spelling -> ISO-2, from both files."""
    known: dict[str, str] = {}
    for name in SPELLING_FILES:
        codes: dict[str, str] = spelling_file(name)["codes"]  # type: ignore[assignment]
        known.update({spelling.casefold(): code for spelling, code in codes.items()})
    return known


def iso2(text: str) -> str:
    """ "Russia", "RUS", "ru", "Россия", "러시아", "Korea, North" -> "RU"/"KP"; "" when the text
    names no country, or a historical one without a two-letter code."""
    value = " ".join(text.split())
    if not value:
        return ""
    known = _spellings().get(value.casefold())
    if known is not None:
        return known
    territory = lookup_territory_name(value)
    return "" if territory is None else country_of(territory)
