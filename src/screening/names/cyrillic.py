"""Cyrillic letters to Latin by the table of cyrillic.toml (BGN/PCGN), Latin look-alikes typed
inside a Cyrillic word read as Cyrillic, and the other spellings other romanisations give a word
so read (of which those any Latin name writes either way, x for ks), and the Latin acronym a short
word in Cyrillic capitals may spell (УГЦ: UGC)."""

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


_WORD = re.compile(r"\w+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052f]")


@cache
def _lookalikes() -> tuple[dict[int, str], re.Pattern[str]]:
    """The table of Latin look-alikes, and a look-alike beside a Cyrillic letter: a text without
    one is passed over with one search."""
    table = {ord(latin): letter for latin, letter in load_data("cyrillic")["lookalikes"].items()}
    latin = "".join(map(chr, table))
    cyrillic = "\u0400-\u052f"
    return table, re.compile(f"[{latin}][{cyrillic}]|[{cyrillic}][{latin}]")


def _cyrillic_letters(word: str, table: dict[int, str]) -> str:
    latin = [char for char in word if char < "\u0400" and char.isalpha()]
    if latin and all(ord(char) in table for char in latin) and _CYRILLIC_LETTER.search(word):
        return word.translate(table)
    return word


def with_cyrillic_lookalikes(text: str) -> str:
    """`text` with the Latin letters typed inside a word of Cyrillic letters for the Cyrillic
    letters they look like (Мiкалаевiч, КАРТAПOЛOВ) as those letters, when all of that word's
    Latin letters are such: one word, not a Cyrillic and a Latin word run together."""
    table, mixed = _lookalikes()
    if not mixed.search(text):
        return text
    return _WORD.sub(lambda found: _cyrillic_letters(found.group(), table), text)


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


def _groups(word: str) -> tuple[list[str], list[tuple[int, int, tuple[str, ...]]]]:
    """The word cut at its letter groups (text, a group, text, ..., text), and each group's
    rank, place among the pieces and other spellings, by rank."""
    pattern, inside, at_end = _spellings()
    pieces = pattern.split(word)
    last = len(pieces) - 2 if len(pieces) > 1 and not pieces[-1] else -1
    groups = sorted(
        (
            *(at_end if number == last and pieces[number] in at_end else inside)[pieces[number]],
            number,
        )
        for number in range(1, len(pieces), 2)
        if pieces[number] in inside or number == last
    )
    return pieces, [(rank, number, others) for rank, others, number in groups]


@lru_cache(maxsize=16384)
def other_spellings(word: str) -> tuple[str, ...]:
    """A word read from Cyrillic (as `cyrillic_to_latin` spells it) as other romanisations may
    write it: "kochiev" -> "kotchiev", "koshyev", ...; "yuriy" -> "iurii", "jurij", .... The
    word itself is not among them."""
    pieces, groups = _groups(word)
    choices: list[tuple[str, ...]] = [(piece,) for piece in pieces]
    count = 1
    # each group, by rank, given its other spellings while the product stays within
    # MOST_SPELLINGS
    for _, number, others in groups:
        if count * (1 + len(others)) <= MOST_SPELLINGS:
            count *= 1 + len(others)
            choices[number] = (pieces[number], *others)
    spellings = ("".join(chosen) for chosen in product(*choices))
    return tuple(dict.fromkeys(spelling for spelling in spellings if spelling != word))


@lru_cache(maxsize=16384)
def one_group_spellings(word: str) -> tuple[str, ...]:
    """The other spellings of a word read from Cyrillic with one letter group written otherwise
    ("domornatskiy" -> "domornatsky", "domornattskiy"...): a few of `other_spellings`."""
    pieces, groups = _groups(word)
    spellings = (
        "".join(pieces[:number]) + other + "".join(pieces[number + 1 :])
        for _, number, others in groups
        for other in others
    )
    return tuple(dict.fromkeys(spelling for spelling in spellings if spelling != word))


@cache
def _either_way() -> tuple[tuple[str, str], ...]:
    """(group, its other spelling) of the letter groups any name in Latin letters writes either
    way: a group of the `spellings` table and one of its other spellings."""
    return tuple(load_data("cyrillic")["either_way"].items())


@lru_cache(maxsize=16384)
def either_way_spellings(word: str) -> tuple[str, ...]:
    """A name's word in Latin letters, whatever script it was read from, with the letter groups
    every romanisation writes either way written the other way, each group at once: "alexey" ->
    "aleksey", "maksim" -> "maxim". A word read from Cyrillic has these among its
    `other_spellings` too."""
    spellings = []
    for group, other in _either_way():
        if other in word:
            spellings.append(word.replace(other, group))
        elif group in word:
            spellings.append(word.replace(group, other))
    return tuple(spellings)


# A Latin acronym in Cyrillic capitals has at most this many letters (digits aside: 27ТХ)
LONGEST_ACRONYM = 5
_ACRONYM = re.compile(r"\b[0-9]*[\u0410-\u042f\u0401][\u0410-\u042f\u04010-9]*\b")


@cache
def _acronym_table() -> dict[int, str]:
    letters = load_data("cyrillic")["acronym_letters"]
    return _cyrillic_table() | {ord(letter): latin for letter, latin in letters.items()}


@lru_cache(maxsize=16384)
def acronym_readings(text: str) -> dict[str, str]:
    """The short words of `text` in Cyrillic capitals (two to LONGEST_ACRONYM letters, digits
    beside them) that may spell a Latin acronym letter for letter, as `cyrillic_to_latin` reads
    each -> as that acronym: "ООО «УГЦ»" -> {"ugts": "ugc"}; a word that reads the same either
    way is not among them."""
    readings: dict[str, str] = {}
    for found in _ACRONYM.finditer(text):
        word = found.group()
        if not 2 <= sum(char.isalpha() for char in word) <= LONGEST_ACRONYM:
            continue
        lower = word.lower()
        acronym = lower.translate(_acronym_table())
        reading = cyrillic_to_latin(lower)
        if acronym != reading:
            readings[reading] = acronym
    return readings
