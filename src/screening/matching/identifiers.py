"""Identifier keys: registration, tax, IMO and SWIFT numbers compared however they were written."""

from __future__ import annotations

import re

_ALNUM_RUN = re.compile(r"[A-Z0-9]+")
SHORTEST_KEY = 6  # shorter numbers (aircraft serials, "90") coincide by chance
LONGEST_KEY = 24
_SWIFT = re.compile(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")
_NO_KEYS: frozenset[str] = frozenset()


def identifier_keys(value: str) -> frozenset[str]:
    """Comparable forms of an identifier: "TIN 7714447012" -> {"TIN7714447012", "7714447012"};
    "IMO 8660313" -> {..., "8660313"}; a SWIFT code with its branch also without it."""
    if value.isascii() and value.isdigit():  # a plain number, as most sheets give a tax number
        return frozenset((value,)) if SHORTEST_KEY <= len(value) <= LONGEST_KEY else _NO_KEYS
    upper = value.upper()
    compact = "".join(_ALNUM_RUN.findall(upper))
    keys: set[str] = set()
    if SHORTEST_KEY <= len(compact) <= LONGEST_KEY and any(char.isdigit() for char in compact):
        keys.add(compact)
    for run in _ALNUM_RUN.findall(upper):
        if SHORTEST_KEY <= len(run) <= LONGEST_KEY and any(char.isdigit() for char in run):
            keys.add(run)
    if _SWIFT.fullmatch(compact):
        keys.add(compact[:8])
    return frozenset(keys)
