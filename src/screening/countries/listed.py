"""Country names as publishers write them ("Korea, North", "North Korea") to ISO 3166-1 alpha-2."""

from __future__ import annotations

import re
from functools import lru_cache

from screening.countries.lookup import iso2

# Qualifiers publishers add around a country name: "Region: Crimea" (OFAC),
# "Iraq (previous address)" (UK OFSI), "possibly Palestinian" (UN).
_QUALIFIERS = (
    re.compile(r"^Region:\s*"),
    re.compile(r"\s*\([^()]*\)$"),
    re.compile(r"^possibly\s+", re.IGNORECASE),
)


@lru_cache(maxsize=4096)
def country_code(name: str) -> str:
    """Upper-case ISO-2 code of a country name, or "" when the name is not a known territory.

    A historical territory with no two-letter code (the Soviet Union) gives "".
    """
    text = name.strip()
    if not text:
        return ""
    code = iso2(text)
    for qualifier in _QUALIFIERS:
        if code:
            break
        stripped = qualifier.sub("", text).strip()
        if stripped and stripped != text:
            text = stripped
            code = iso2(text)
    return code
