"""Country cells of a supplier sheet ("Russia", "Россия", "RUS", "중국") to ISO 3166-1 alpha-2."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files

from rigour.territories import get_territories, lookup_territory

from screening.countries.territory_names import country_of

_PARENTHESES = re.compile(r"^(.*?)\s*[(（]([^()（）]*)[)）]\s*$")


@cache
def _data() -> dict[str, object]:
    text = files("screening.countries").joinpath("cell_spellings.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _extra_spellings() -> dict[str, str]:
    codes: dict[str, str] = _data()["codes"]  # type: ignore[assignment]
    return {name.casefold(): code for name, code in codes.items()}


@cache
def _ambiguous() -> frozenset[str]:
    names: list[str] = _data()["ambiguous"]  # type: ignore[assignment]
    return frozenset(name.casefold() for name in names)


def is_ambiguous_country(text: str) -> bool:
    """ "Korea": North or South? Such a name is never turned into a code."""
    return " ".join(text.split()).casefold() in _ambiguous()


@cache
def _codes_and_english_names() -> dict[str, str]:
    """ISO-2, ISO-3 and English names of every current territory with a two-letter code.

    Answers most cells at once; lookup_territory, which knows every language, spends about
    1.5 s building its index on first use.
    """
    known: dict[str, str] = {}
    for territory in get_territories():
        code = territory.code
        if len(code) != 2 or not code.isalpha() or territory.is_historical:
            continue
        for name in (*territory.codes, territory.name, territory.full_name):
            if name:
                known.setdefault(name.casefold(), code.upper())
    return known


def _lookup(text: str) -> str:
    folded = text.casefold()
    known = _extra_spellings().get(folded) or _codes_and_english_names().get(folded)
    if known is not None:
        return known
    territory = lookup_territory(text)
    if territory is None:
        return ""
    return country_of(territory)


@lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """ISO-2 upper case; "" for an empty cell; None for a value that names no known country.

    "China (PRC)" and "КНДР (Корея)" are tried whole, then each part of the parentheses.
    """
    value = " ".join(text.split())
    if not value:
        return ""
    if value.casefold() in _ambiguous():
        return None
    code = _lookup(value)
    if code:
        return code
    parts = _PARENTHESES.match(value)
    if parts is not None:
        for part in parts.groups():
            code = _lookup(part.strip()) if part.strip() else ""
            if code:
                return code
    return None
