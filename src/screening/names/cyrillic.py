"""Cyrillic letters to Latin by the table of cyrillic.toml (BGN/PCGN), Latin look-alikes typed
inside a Cyrillic word read as Cyrillic, and the other spellings other romanisations give a word
so read."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import product

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


# A word with a Cyrillic letter in it
_CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u052f]\w*")


@cache
def _lookalikes() -> dict[int, str]:
    return {ord(latin): letter for latin, letter in load_data("cyrillic")["lookalikes"].items()}


def _cyrillic_letters(word: str) -> str:
    table = _lookalikes()
    latin = [char for char in word if char < "\u0400" and char.isalpha()]
    if latin and all(ord(char) in table for char in latin):
        return word.translate(table)
    return word


def with_cyrillic_lookalikes(text: str) -> str:
    """`text` with the Latin letters typed inside a word of Cyrillic letters for the Cyrillic
    letters they look like (Мiкалаевiч, КАРТAПOЛOВ) as those letters, when all of that word's
    Latin letters are such: one word, not a Cyrillic and a Latin word run together."""
    return _CYRILLIC_WORD.sub(lambda found: _cyrillic_letters(found.group()), text)


# A word's other spellings multiply with each ambiguous letter group: past this many, the groups
# last in the table keep the table's spelling (a long patronymic would otherwise have thousands)
MOST_SPELLINGS = 128


# A letter group's rank (endings first, then in the data's order) and its other spellings
_Spellings = dict[str, tuple[int, tuple[str, ...]]]


@cache
def _spellings() -> tuple[re.Pattern[str], _Spellings, _Spellings]:
    """The letter groups other romanisations write otherwise (a word's ending first, then the
    longest groups), and their ranks and spellings inside a word and at its end."""
    data = load_data("cyrillic")
    at_end: _Spellings = {
        group: (rank, tuple(others))
        for rank, (group, others) in enumerate(data["spellings_at_end"].items())
    }
    inside: _Spellings = {
        group: (len(at_end) + rank, tuple(others))
        for rank, (group, others) in enumerate(data["spellings"].items())
    }
    groups = [f"{re.escape(group)}$" for group in sorted(at_end, key=len, reverse=True)]
    groups += [re.escape(group) for group in sorted(inside, key=len, reverse=True)]
    return re.compile(f"({'|'.join(groups)})"), inside, at_end


@lru_cache(maxsize=16384)
def other_spellings(word: str) -> tuple[str, ...]:
    """A word read from Cyrillic (as `cyrillic_to_latin` spells it) as other romanisations may
    write it: "kochiev" -> "kotchiev", "koshyev", ...; "yuriy" -> "iurii", "jurij", .... The
    word itself is not among them."""
    pattern, inside, at_end = _spellings()
    pieces = pattern.split(word)  # text, a letter group, text, ..., text
    last = len(pieces) - 2 if len(pieces) > 1 and not pieces[-1] else -1
    # each group, by rank, given its other spellings while the product stays within
    # MOST_SPELLINGS
    ranked = sorted(
        (
            (at_end if number == last and pieces[number] in at_end else inside)[pieces[number]],
            number,
        )
        for number in range(1, len(pieces), 2)
        if pieces[number] in inside or number == last
    )
    choices: list[tuple[str, ...]] = [(piece,) for piece in pieces]
    count = 1
    for (_, others), number in ranked:
        if count * (1 + len(others)) <= MOST_SPELLINGS:
            count *= 1 + len(others)
            choices[number] = (pieces[number], *others)
    spellings = ("".join(chosen) for chosen in product(*choices))
    return tuple(dict.fromkeys(spelling for spelling in spellings if spelling != word))
