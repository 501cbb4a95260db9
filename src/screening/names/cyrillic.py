"""Cyrillic letters to Latin by the table of cyrillic.toml (BGN/PCGN)."""

from __future__ import annotations

from functools import cache

from screening.names.resources import load_data

_SERBIAN_LETTERS = frozenset("ђјљњћџ")


@cache
def _cyrillic_table() -> dict[int, str]:
    return {ord(letter): latin for letter, latin in load_data("cyrillic")["letters"].items()}


@cache
def _serbian_table() -> dict[int, str]:
    serbian = load_data("cyrillic")["serbian"]
    return _cyrillic_table() | {ord(letter): latin for letter, latin in serbian.items()}


def cyrillic_to_latin(text: str) -> str:
    """`text` in Latin letters; a word with a letter of Serbian's own as Serbian Latin writes
    it (Вучић -> vucic), any other by the BGN/PCGN table."""
    lower = text.lower()
    if _SERBIAN_LETTERS.isdisjoint(lower):
        return lower.translate(_cyrillic_table())
    return lower.translate(_serbian_table())
