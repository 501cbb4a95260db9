"""Russian (and Arabic) names written the German or French way (Tschernyschow, Joukov, Iwanow,
Dschalolov) respelled the English way the lists write them (Chernyshov, Zhukov, Ivanov, Jalolov),
by the tables of `data/respellings.toml`, with their sources: a whole name in normalisation
(`english_spelling`), a person's name words for the person keys (`english_spellings`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from screening.names.resources import load_data
from screening.names.vocabulary import vocabulary as vocabulary_of_names

_WORD = re.compile(r"[a-z]+")
SHORTEST_RESPELLED = 5  # a person's shorter words are syllables of other languages as often


def _any_of(texts: list[str], *, at_end: bool = False) -> re.Pattern[str]:
    """Any of `texts`; `at_end`: ending a word of at least three letters more (not "new")."""
    alternatives = "|".join(sorted(map(re.escape, texts), key=len, reverse=True))
    return re.compile(f"(?<=[a-z]{{3}})(?:{alternatives})\\b" if at_end else alternatives)


@cache
def _known_words() -> frozenset[str]:
    """Words of organisation names the vocabulary knows (group, new, south...): not names."""
    vocabulary = vocabulary_of_names()
    return frozenset(vocabulary.kinds) | frozenset(vocabulary.translations)


@cache
def _systems() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None, Callable[[str], str]], ...]:
    """(endings, marks, respell) of each system, in the order they are tried."""
    data = load_data("respellings")
    respellers: dict[str, Callable[[str], str]] = {}
    for name in {system["letters"] for system in data["system"]}:
        letters: dict[str, str] = data[name]["letters"]
        pattern = _any_of(list(letters))

        def respell(
            text: str, pattern: re.Pattern[str] = pattern, table: dict[str, str] = letters
        ) -> str:
            known = _known_words()
            return _WORD.sub(
                lambda word: (
                    word.group()
                    if word.group() in known
                    else pattern.sub(lambda found: table[found.group()], word.group())
                ),
                text,
            )

        respellers[name] = respell
    return tuple(
        (
            _any_of(system["endings"], at_end=True),
            _any_of(system["marks"]) if system["marks"] else None,
            respellers[system["letters"]],
        )
        for system in data["system"]
    )


@cache
def _telltales() -> re.Pattern[str]:
    """Letters of which every respelled name has one: a system's marks, or the endings of a
    system without marks. A name with none is passed over with one search."""
    telltales: set[str] = set()
    for system in load_data("respellings")["system"]:
        telltales.update(system["marks"] or system["endings"])
    return _any_of(sorted(telltales))


@cache
def _any_ending() -> re.Pattern[str]:
    systems = load_data("respellings")["system"]
    return _any_of([ending for system in systems for ending in system["endings"]], at_end=True)


def english_spelling(text: str) -> str:
    """`text` (ASCII) respelled the English way, in lower case, when it is a Russian name written
    the German or French way: "Andrej Schischkin" -> "andrey shishkin", "Timour Chaguivaleiev" ->
    "timur shagivaleyev"; any other text as it is ("Schneider Electric", "Igor Sechin")."""
    lower = text.lower()
    if not _telltales().search(lower) or not _any_ending().search(lower):
        return text
    for endings, marks, respell in _systems():
        if endings.search(lower) and (marks is None or marks.search(lower)):
            return respell(lower)
    return text


@dataclass(frozen=True, slots=True)
class _WordReading:
    marks: re.Pattern[str]
    rules: tuple[tuple[re.Pattern[str], str], ...]

    def respell(self, word: str) -> str:
        if len(word) < SHORTEST_RESPELLED:
            return word
        for pattern, replace in self.rules:
            word = pattern.sub(replace, word)
        return word.lower()


@cache
def _word_readings() -> tuple[_WordReading, _WordReading]:
    """The German and the French reading of a person's name words."""
    data = load_data("respellings")

    def reading(language: str) -> _WordReading:
        words = data[language]["words"]
        return _WordReading(
            marks=re.compile("|".join(words["marks"])),
            rules=tuple((re.compile(pattern), replace) for pattern, replace in words["rules"]),
        )

    return reading("german"), reading("french")


@lru_cache(maxsize=4096)  # asked again for each listed person a supplier's name is scored against
def english_spellings(text: str, words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lower-case ASCII `words` of a person's name written as `text`, those in a German or
    French spelling respelled the English way (Iwanow -> ivanov), or None when none is."""
    lower = text.lower()
    german, french = _word_readings()
    counts = [len(reading.marks.findall(lower)) for reading in (german, french)]
    if not any(counts):
        return None
    reading = german if counts[0] >= counts[1] else french
    respelled = tuple(reading.respell(word) for word in words)
    return respelled if respelled != words else None
