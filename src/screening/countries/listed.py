"""Country names as publishers write them ("Korea, North", "North Korea") to ISO 3166-1 alpha-2."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files

from screening.countries.territory_names import country_of, lookup_territory_name

# Qualifiers publishers add around a country name: "Region: Crimea" (OFAC),
# "Iraq (previous address)" (UK OFSI), "possibly Palestinian" (UN).
_QUALIFIERS = (
    re.compile(r"^Region:\s*"),
    re.compile(r"\s*\([^()]*\)$"),
    re.compile(r"^possibly\s+", re.IGNORECASE),
)


@cache
def _spellings() -> dict[str, str]:
    text = files("screening.countries").joinpath("listed_spellings.toml").read_text("utf-8")
    codes: dict[str, str] = tomllib.loads(text)["codes"]
    return {name.casefold(): code for name, code in codes.items()}


def _lookup(text: str) -> str:
    known = _spellings().get(text.casefold())
    if known is not None:
        return known
    territory = lookup_territory_name(text)
    if territory is None:
        return ""
    return country_of(territory)


@lru_cache(maxsize=4096)
def country_code(name: str) -> str:
    """Upper-case ISO-2 code of a country name, or "" when the name is not a known territory.

    A historical territory with no two-letter code (the Soviet Union) gives "".
    """
    text = name.strip()
    if not text:
        return ""
    code = _lookup(text)
    for qualifier in _QUALIFIERS:
        if code:
            break
        stripped = qualifier.sub("", text).strip()
        if stripped and stripped != text:
            text = stripped
            code = _lookup(text)
    return code
