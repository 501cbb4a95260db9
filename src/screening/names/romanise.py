"""Fold keys: one key for the McCune-Reischauer, Revised and Russian spellings of a Korean word."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from screening.names.resources import load_data

_REGEX_SYNTAX = re.compile(r"[\\^$.|?*+()\[\]{}]")


def _literal_step(old: str, new: str) -> Callable[[str], str]:
    def replace(word: str) -> str:
        return word.replace(old, new) if old in word else word

    return replace


def _translate_step(table: dict[int, str]) -> Callable[[str], str]:
    def translate(word: str) -> str:
        return word.translate(table)

    return translate


def _regex_step(pattern: re.Pattern[str], replacement: str) -> Callable[[str], str]:
    def substitute(word: str) -> str:
        return pattern.sub(replacement, word)

    return substitute


@cache
def _steps() -> tuple[Callable[[str], str], ...]:
    """The rules of romanisation.toml as fast steps: literal rules become str.replace, and runs
    of one-letter literal rules one str.translate; the rest stay regular expressions."""
    steps: list[Callable[[str], str]] = []
    letters: dict[int, str] = {}
    for rule in load_data("romanisation")["rule"]:
        pattern, replacement = rule["pattern"], rule["replace"]
        is_literal = not _REGEX_SYNTAX.search(pattern) and "\\" not in replacement
        if is_literal and len(pattern) == 1 and chr(ord(pattern)) not in letters.values():
            letters[ord(pattern)] = replacement
            continue
        if letters:
            steps.append(_translate_step(letters))
            letters = {}
        if is_literal:
            steps.append(_literal_step(pattern, replacement))
        else:
            steps.append(_regex_step(re.compile(pattern), replacement))
    if letters:
        steps.append(_translate_step(letters))
    return tuple(steps)


_FOLDS: dict[str, str] = {}
_MAX_CACHED = 1_000_000


def fold(word: str) -> str:
    """The fold key of a lower-case ASCII word: ryonbong, ryeonbong, ryongbong and "рёнбон"
    (transliterated ryonbon) all give "yonpon"."""
    key = _FOLDS.get(word)
    if key is None:
        key = word
        steps = _steps()
        # the first rule drops what is not a letter or digit: words from tokens.latin_words
        # have nothing else
        for step in steps[1:] if word.isalnum() and word.isascii() else steps:
            key = step(key)
        if not key:
            key = word
        if len(_FOLDS) < _MAX_CACHED:
            _FOLDS[word] = key
    return key
