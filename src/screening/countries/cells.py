"""Country cells of a supplier sheet ("Russia", "Россия", "RUS", "중국") to ISO 3166-1 alpha-2."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from screening.countries.lookup import iso2, spelling_file

_PARENTHESES = re.compile(r"^(.*?)\s*[(（]([^()（）]*)[)）]\s*$")


@cache
def _ambiguous() -> frozenset[str]:
    names: list[str] = spelling_file("cell_spellings.toml")["ambiguous"]  # type: ignore[assignment]
    return frozenset(name.casefold() for name in names)


def is_ambiguous_country(text: str) -> bool:
    """ "Korea": North or South? Such a name is never turned into a code."""
    return " ".join(text.split()).casefold() in _ambiguous()


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
    code = iso2(value)
    if code:
        return code
    parts = _PARENTHESES.match(value)
    if parts is not None:
        for part in parts.groups():
            code = iso2(part)
            if code:
                return code
    return None
