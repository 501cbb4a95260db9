"""Recognise supplier columns from their headings, and find the heading row below a title block.

The words live in data/headers.toml (English, Russian, Korean, Chinese and more); this module
only says how a heading is compared with them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from screening.ingest.cells import cell_text
from screening.names.scripts import is_unspaced

HEADER_SEARCH_ROWS = 30  # a title block longer than this is not a title block
MAX_HEADING_LENGTH = 60  # a longer cell is a sentence (a note, a title), never a heading
MIN_HEADING_SCORE = 2.0  # an exact supplier heading, or a loose one beside another field's
_PREFIX_MIN = 4  # a word this long may carry an ending: "supplier" in "suppliers"

_PUNCTUATION = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class _Phrase:
    words: tuple[str, ...]  # for space-separated scripts
    joined: str  # the phrase without spaces, for Chinese, Japanese and Korean
    east_asian: bool


@dataclass(frozen=True, slots=True)
class HeaderWords:
    fields: dict[str, tuple[_Phrase, ...]]  # field -> phrases, in the data file's order
    ignore: tuple[_Phrase, ...]
    priority: tuple[str, ...]  # fields, most specific first


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    field: str
    exact: bool  # the heading is the phrase itself, not a heading that contains it
    rank: tuple[int, int, int]  # bigger is better: exact, field priority, phrase length


def normalise_heading(text: str) -> str:
    """ "Supplier Name*" -> "supplier name"; "№ п/п" -> "no п п"; "#" -> "no"."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("#", " no ")
    return " ".join(_PUNCTUATION.sub(" ", text).replace("_", " ").split())


def _phrase(text: str) -> _Phrase:
    normal = normalise_heading(text)
    return _Phrase(tuple(normal.split()), normal.replace(" ", ""), is_unspaced(normal))


@cache
def header_words() -> HeaderWords:
    raw = tomllib.loads(files("screening.ingest").joinpath("data/headers.toml").read_text("utf-8"))
    return HeaderWords(
        fields={
            name: tuple(_phrase(p) for p in spec["phrases"]) for name, spec in raw["fields"].items()
        },
        ignore=tuple(_phrase(p) for p in raw["ignore"]["phrases"]),
        priority=tuple(raw["priority"]),
    )


def _word_matches(heading_word: str, phrase_word: str) -> bool:
    if heading_word == phrase_word:
        return True
    return len(phrase_word) >= _PREFIX_MIN and heading_word.startswith(phrase_word)


def _contains(heading: str, words: Sequence[str], phrase: _Phrase) -> bool:
    if phrase.east_asian:
        return phrase.joined in heading.replace(" ", "")
    size = len(phrase.words)
    return any(
        all(_word_matches(words[start + i], phrase.words[i]) for i in range(size))
        for start in range(len(words) - size + 1)
    )


def _equals(heading: str, words: Sequence[str], phrase: _Phrase) -> bool:
    if phrase.east_asian:
        return phrase.joined == heading.replace(" ", "")
    return len(words) == len(phrase.words) and _contains(heading, words, phrase)


@lru_cache(maxsize=4096)
def match_heading(text: str) -> HeaderMatch | None:
    """The field a column heading names, or None."""
    heading = normalise_heading(text)
    if not heading:
        return None
    words = heading.split()
    known = header_words()
    best: HeaderMatch | None = None
    for field, phrases in known.fields.items():
        for phrase in phrases:
            if _equals(heading, words, phrase):
                candidate = HeaderMatch(field, True, (1, _priority(field), len(phrase.joined)))
                best = candidate if best is None or candidate.rank > best.rank else best
    if best is not None:
        return best
    contained = [
        (field, phrase)
        for field, phrases in known.fields.items()
        for phrase in phrases
        if _contains(heading, words, phrase)
    ]
    # "Date of birth (dd.mm.yyyy)" holds the ignored "date", but within a field's own phrase.
    for ignored in known.ignore:
        if _contains(heading, words, ignored) and not any(
            _within(ignored, phrase) for _field, phrase in contained
        ):
            return None
    for field, phrase in contained:
        candidate = HeaderMatch(field, False, (0, _priority(field), len(phrase.joined)))
        best = candidate if best is None or candidate.rank > best.rank else best
    return best


def _within(part: _Phrase, whole: _Phrase) -> bool:
    """Whether phrase `part` is a piece of phrase `whole` ("date" of "date of birth")."""
    if part.east_asian or whole.east_asian:
        return part.joined in whole.joined
    size = len(part.words)
    return any(
        whole.words[start : start + size] == part.words
        for start in range(len(whole.words) - size + 1)
    )


def is_about_something_else(text: str) -> bool:
    """A heading about a person, a bank, a contract...: never a column of supplier names."""
    heading = normalise_heading(text)
    words = heading.split()
    return any(_contains(heading, words, phrase) for phrase in header_words().ignore)


def _priority(field: str) -> int:
    order = header_words().priority
    return len(order) - order.index(field) if field in order else 0


def map_headings(headings: Sequence[str]) -> dict[str, int]:
    """Field -> column index: each field gets its best column, each column at most one field.

    Equal candidates go to the leftmost column ("Name" before "Name (local script)").
    """
    candidates = []
    for index, heading in enumerate(headings):
        found = match_heading(heading)
        if found is not None:
            candidates.append((found.rank, -index, found.field))
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for _rank, negative_index, field in sorted(candidates, reverse=True):
        if field not in chosen and -negative_index not in used:
            chosen[field] = -negative_index
            used.add(-negative_index)
    return chosen


def heading_score(headings: Sequence[str]) -> float:
    """How much a row looks like the heading row of a supplier table; 0 when it names no supplier.

    An exact heading counts 2, one that only contains a field's word 1; the count of filled text
    cells breaks ties. A title such as "Supplier list 2024" scores 1, below MIN_HEADING_SCORE.
    """
    headings = [h if len(h) <= MAX_HEADING_LENGTH else "" for h in headings]
    mapping = map_headings(headings)
    if "name" not in mapping:
        return 0.0
    score = 0.0
    for index in mapping.values():
        found = match_heading(headings[index])
        score += 2.0 if found is not None and found.exact else 1.0
    filled = sum(1 for heading in headings if heading)
    return score + min(filled, 20) / 100


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """0-based index of the heading row among the first rows, or None when no row names a supplier.

    Only text cells count: a heading is never a number or a date.
    """
    best_index: int | None = None
    best_score = 0.0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headings = [cell_text(value) if isinstance(value, str) else "" for value in row]
        score = heading_score(headings)
        if score >= MIN_HEADING_SCORE and score > best_score:
            best_index, best_score = index, score
    return best_index
