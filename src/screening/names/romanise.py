"""Fold keys: one key for the McCune-Reischauer, Revised and Russian spellings of a Korean word."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

from screening.names.resources import load_data

_REGEX_SYNTAX = re.compile(r"[\\^$.|?*+()\[\]{}]")
_ONE_GROUP = re.compile(r"\\([1-9])")
_LOOKAROUND = re.compile(r"\(\?<?[=!][^()]*\)")


def _literal_steps(rules: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """Consecutive literal rules as one step: one call instead of one per rule, and a rule whose
    text is absent costs only the `in` test."""

    def replace(word: str) -> str:
        for old, new in rules:
            if old in word:
                word = word.replace(old, new)
        return word

    return replace


def _regex_step(pattern: str, replacement: str) -> Callable[[str], str]:
    substitute = _substitution(re.compile(pattern), replacement)
    # A pattern that is literal text between lookarounds ("(?<![aeiouy])y(?=[^aeiouy])", "^r")
    # matches only where that text is: a word without it is passed over by a test in C.
    core = _LOOKAROUND.sub("", pattern)
    text = core.removeprefix("^")
    if not text or _REGEX_SYNTAX.search(text):
        return substitute
    if core.startswith("^"):
        return lambda word: substitute(word) if word.startswith(text) else word
    return lambda word: substitute(word) if text in word else word


def _substitution(pattern: re.Pattern[str], replacement: str) -> Callable[[str], str]:
    if "\\" not in replacement:
        return partial(pattern.sub, replacement)
    # Python 3.11 parses a template such as \1 in Python on every call of sub: a replacement that
    # is one group is taken from the match instead (an unmatched group gives "", as in a template)
    group = _ONE_GROUP.fullmatch(replacement)
    if group is not None:
        number = int(group.group(1))
        return partial(pattern.sub, lambda match: match.group(number) or "")

    def substitute(word: str) -> str:
        return pattern.sub(replacement, word) if pattern.search(word) else word

    return substitute


def _grouped(rules: list[tuple[str, str]]) -> list[Callable[[str], str]]:
    steps: list[Callable[[str], str]] = []
    literals: list[tuple[str, str]] = []
    for pattern, replacement in rules:
        if not _REGEX_SYNTAX.search(pattern) and "\\" not in replacement:
            literals.append((pattern, replacement))
            continue
        if literals:
            steps.append(_literal_steps(tuple(literals)))
            literals = []
        steps.append(_regex_step(pattern, replacement))
    if literals:
        steps.append(_literal_steps(tuple(literals)))
    return steps


@cache
def _steps() -> tuple[Callable[[str], str], tuple[Callable[[str], str], ...]]:
    """The rules of romanisation.toml, in order, as steps: literal rules become str.replace (the
    same as a regular expression without special characters), the rest regular expressions.
    Returns the first rule's step, which `fold` skips when it cannot change a word, and the
    steps of the others."""
    rules = [(rule["pattern"], rule["replace"]) for rule in load_data("romanisation")["rule"]]
    (first,) = _grouped(rules[:1])
    return first, tuple(_grouped(rules[1:]))


_FOLDS: dict[str, str] = {}
_MAX_CACHED = 1_000_000


def fold(word: str) -> str:
    """The fold key of a lower-case ASCII word: ryonbong, ryeonbong, ryongbong and "рёнбон"
    (transliterated ryonbon) all give "yonpon"."""
    key = _FOLDS.get(word)
    if key is None:
        first, later = _steps()
        # the first rule drops what is not a letter or digit: words from tokens.split_words
        # have nothing else
        key = word if word.isalnum() and word.isascii() else first(word)
        for step in later:
            key = step(key)
        if not key:
            key = word
        if len(_FOLDS) < _MAX_CACHED:
            _FOLDS[word] = key
    return key
