"""The words of organisation names: translations, stopwords, and how little generic words weigh."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from screening.names.loanwords import loanwords
from screening.names.resources import load_data
from screening.names.romanise import fold


class WordKind(StrEnum):
    DISTINCTIVE = "distinctive"  # weighed by how rare it is in the lists
    GENERIC = "generic"  # korea, trading, general...
    SECTOR = "sector"  # says what an organisation does: bank, electronics...
    COMMON = "common"  # an everyday English word: star, golden, crystal, ocean...
    QUALIFIER = "qualifier"  # branch, office, representative...
    PLACE = "place"  # vladivostok, dandong...
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    translations: dict[str, tuple[str, ...]]
    stem_meanings: dict[str, tuple[str, ...]]
    stem_pattern: re.Pattern[str]  # any stem at the start of a word, longest first
    stopwords: frozenset[str]
    organisation_stopwords: frozenset[str]  # stopwords, and those only organisations drop
    kinds: dict[str, WordKind]
    caps: dict[WordKind, float]  # the most a word of that kind may weigh
    nations: dict[str, str]  # word -> the country it names: "korean" -> "korea"
    # fold key of a translated word -> its meaning: a Russian "Чжосон" (chzhoson) is Choson
    by_fold: dict[str, tuple[str, ...]]
    # words that follow a name's legal form without ending the name: places, qualifiers
    trailing_words: frozenset[str]
    phrases: dict[tuple[str, str], tuple[str, ...]]  # two words read as these: head office
    phrase_starts: frozenset[str]  # the first words of the phrases
    carrier_words: frozenset[str]  # words of names that run ships or aircraft: "shipping"
    _by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)  # memo of stem lookups

    def translate(self, word: str) -> tuple[str, ...]:
        """The canonical word(s) for `word`: "choson" -> ("korea",), "torgovaya" -> ("trading",)."""
        found = self.translations.get(word)
        if found is not None:
            return found
        found = self._by_stem.get(word)
        if found is None:
            stem = self.stem_pattern.match(word)
            if stem is not None:
                found = self.stem_meanings[stem.group(0)]
            else:
                found = self.by_fold.get(fold(word), (word,))
            if len(self._by_stem) < 1_000_000:
                self._by_stem[word] = found
        return found

    def kind(self, word: str) -> WordKind:
        kind = self.kinds.get(word)
        if kind is not None:
            return kind
        if word.isdigit():
            return WordKind.NUMBER
        return WordKind.DISTINCTIVE


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _with_spellings(translations: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """`translations`, the listed spellings of English words written in Russian, as the lists
    write them in Latin letters too (POZITIV TEKNOLODZHIZ: "teknolodzhiz" -> technology), and
    Chinese places in their older Latin spellings (Tsingtao -> qingdao)."""
    spellings = loanwords().spellings | load_data("wade_giles")["places"]
    return {
        spelling: translations.get(meaning, (meaning,)) for spelling, meaning in spellings.items()
    } | translations


def _number_phrases(numbers: dict[str, dict[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """A tens word then a unit, in words or a digit, as one number: ("forty", "4") -> ("44",)."""
    return {
        (tens_word, unit): (str(int(tens) + int(digit)),)
        for tens_word, tens in numbers["tens"].items()
        for unit_word, digit in numbers["units"].items()
        for unit in (unit_word, digit)
    }


@cache
def vocabulary() -> Vocabulary:
    data = load_data("vocabulary")
    translations = {
        word: _words(meaning)
        for word, meaning in (data["translate"] | data["translate_more"]).items()
    }
    # a translation's own words are canonical: "foreign trade" -> ("foreign", "trading")
    for word, meaning in list(translations.items()):
        translations[word] = tuple(
            part for piece in meaning for part in translations.get(piece, (piece,))
        )
    stem_meanings = {
        stem: tuple(part for piece in _words(meaning) for part in translations.get(piece, (piece,)))
        for stem, meaning in data["translate_stem"].items()
    }
    longest_first = sorted(stem_meanings, key=len, reverse=True)
    stem_pattern = re.compile("|".join(re.escape(stem) for stem in longest_first))
    kinds: dict[str, WordKind] = {}
    places = load_data("places")
    for word in places["words"]:
        kinds[word.replace("'", "")] = WordKind.PLACE
    for section, kind in (
        ("common", WordKind.COMMON),
        ("qualifier", WordKind.QUALIFIER),
        ("sector", WordKind.SECTOR),
        ("generic", WordKind.GENERIC),
    ):
        for word in data[section]["words"]:
            kinds[word] = kind
    caps = {
        WordKind.GENERIC: float(data["generic"]["weight"]),
        WordKind.SECTOR: float(data["sector"]["weight"]),
        WordKind.QUALIFIER: float(data["qualifier"]["weight"]),
        WordKind.COMMON: float(data["common"]["weight"]),
        WordKind.PLACE: float(places["weight"]),
        WordKind.NUMBER: 2.0,
    }
    phrases = {
        (first, second): _words(meaning)
        for first, second, meaning in (
            (*phrase.split(), meaning) for phrase, meaning in data["phrases"].items()
        )
    } | _number_phrases(data["numbers"])
    for word, digits in data["numbers"]["tens"].items():
        translations.setdefault(word, (digits,))
    return Vocabulary(
        translations=_with_spellings(translations),
        stem_meanings=stem_meanings,
        stem_pattern=stem_pattern,
        stopwords=frozenset(data["stopwords"]["words"]),
        organisation_stopwords=frozenset(
            data["stopwords"]["words"] + data["organisation_stopwords"]["words"]
        ),
        kinds=kinds,
        caps=caps,
        nations=dict(data["nations"]),
        by_fold={
            fold(word): meaning
            for word, meaning in translations.items()
            if len(word) >= 5 and fold(word) not in translations
        },
        phrases=phrases,
        phrase_starts=frozenset(first for first, _ in phrases),
        carrier_words=frozenset(data["carrier"]["words"]),
        trailing_words=frozenset(
            word for word, kind in kinds.items() if kind in (WordKind.PLACE, WordKind.QUALIFIER)
        ),
    )
