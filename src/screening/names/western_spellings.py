"""German and French spellings of Russian and Arabic names (Iwanow, Ivanov; Dschalolov, Jalolov;
Boulaiev, Bulayev) read as the English spelling the lists use. Data in
`data/western_spellings.toml`, with its sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from screening.names.resources import load_data

SHORTEST_RESPELLED = 5  # shorter words are syllables of other languages as often


@dataclass(frozen=True, slots=True)
class _Reading:
    marks: re.Pattern[str]
    rules: tuple[tuple[re.Pattern[str], str], ...]

    def respell(self, word: str) -> str:
        if len(word) < SHORTEST_RESPELLED:
            return word
        for pattern, replace in self.rules:
            word = pattern.sub(replace, word)
        return word.lower()


@cache
def _readings() -> tuple[_Reading, _Reading]:
    data = load_data("western_spellings")

    def reading(language: str) -> _Reading:
        part = data[language]
        return _Reading(
            marks=re.compile("|".join(part["marks"])),
            rules=tuple((re.compile(pattern), replace) for pattern, replace in part["rules"]),
        )

    return reading("german"), reading("french")


@lru_cache(maxsize=4096)  # asked again for each listed person a supplier's name is scored against
def english_spellings(text: str, words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lower-case ASCII `words` of a person's name written as `text`, those in a German or
    French spelling respelled the English way (Iwanow -> ivanov), or None when none is."""
    lower = text.lower()
    german, french = _readings()
    counts = [len(reading.marks.findall(lower)) for reading in (german, french)]
    if not any(counts):
        return None
    reading = german if counts[0] >= counts[1] else french
    respelled = tuple(reading.respell(word) for word in words)
    return respelled if respelled != words else None
