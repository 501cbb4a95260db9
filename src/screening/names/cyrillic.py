"""Cyrillic letters to Latin by the table of cyrillic.toml (BGN/PCGN)."""

from __future__ import annotations

from functools import cache

from screening.names.resources import load_data


@cache
def _cyrillic_table() -> dict[int, str]:
    return {ord(letter): latin for letter, latin in load_data("cyrillic")["letters"].items()}


def cyrillic_to_latin(text: str) -> str:
    return text.lower().translate(_cyrillic_table())
