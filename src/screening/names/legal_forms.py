"""Find and remove legal forms (LLC, OOO, Co., Ltd., 有限公司, 주식회사...) in a name's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from screening.names.resources import load_data
from screening.names.tokens import split_words
from screening.names.transliterate import to_latin
from screening.names.vocabulary import WordKind, vocabulary

SHORTEST_MISSPELT = 6  # shorter legal-form words are too like other words to guess at
# A word of a legal form of several words may be misspelt from this length ("JINT VENTURE",
# "FEDERAL STTATE UNITARY ENTERPRISE"): its other words, spelt right, say what it is
SHORTEST_MISSPELT_IN_PHRASE = 4


class LegalForm(NamedTuple):
    """A legal form found in a name: its family id (llc, jsc...) and the words as written (a
    NamedTuple: made for most names screened, and faster to make than a frozen dataclass)."""

    form_id: str
    label: str  # the family as reviewers know it: "LLC", "JSC"
    surface: str  # the words found, normalised: "ooo", "co ltd"


# Not a company's form: a ship's prefix (M/V, M/T), which a company's name may also start with
VESSEL_FORM = "vessel"


def _is_company(words: Sequence[str], kept: Sequence[int]) -> bool:
    """Whether a name is clearly a company's: a word saying what an organisation does (bank,
    exchange) among its words. Not a legal form: sheets write a ship's owner's form after the
    ship ("M/V BOGATYR JSC")."""
    # as written: a ship's name may hold a word that translates to one (Ocean: marine)
    kinds = vocabulary().kinds
    return any(kinds.get(words[at]) is WordKind.SECTOR for at in kept)


@dataclass(frozen=True, slots=True)
class _Spelling:
    form_id: str
    label: str
    edges_only: bool


class LegalFormTable:
    """Every spelling of every form, as word tuples, with the longest spelling per first word."""

    def __init__(self, forms: Sequence[dict[str, object]]) -> None:
        self._spellings: dict[tuple[str, ...], _Spelling] = {}
        self._longest_from: dict[str, int] = {}
        self._long_words: dict[str, _Spelling] = {}  # one-word spellings a typo may hit
        self._misspelt: dict[str, _Spelling | None] = {}
        # spellings of several words by each of them left out: ("joint", "*") -> joint venture
        self._phrases: dict[tuple[str, ...], list[tuple[str, _Spelling]]] = {}
        self._longest_phrase = 0
        self._phrase_words: set[str] = set()  # the words of those spellings
        self.labels: dict[str, str] = {}
        for form in forms:
            form_id, label = str(form["id"]), str(form["label"])
            self.labels[form_id] = label
            for key, edges_only in (("anywhere", False), ("edges", True)):
                for spelling in form.get(key, ()):  # type: ignore[attr-defined]
                    self._add(str(spelling), _Spelling(form_id, label, edges_only))
            native = form.get("native", {})
            for latin in native.values():  # type: ignore[attr-defined]
                self._add(str(latin), _Spelling(form_id, label, False))
        # the one-word spellings a misspelling is taken for, in the order they are tried
        self._typo_targets = [entry for entry in self._long_words.values() if not entry.edges_only]
        self._typo_spellings = [
            spelling for spelling, entry in self._long_words.items() if not entry.edges_only
        ]

    def _add(self, spelling: str, entry: _Spelling) -> None:
        latin, _ = to_latin(spelling)
        words = tuple(split_words(latin)[0])
        if not words:
            return
        existing = self._spellings.get(words)
        if existing is not None and not existing.edges_only:
            return
        self._spellings[words] = entry
        self._longest_from[words[0]] = max(self._longest_from.get(words[0], 0), len(words))
        if len(words) == 1 and len(words[0]) >= SHORTEST_MISSPELT:
            self._long_words[words[0]] = entry
        if len(words) > 1:
            self._longest_phrase = max(self._longest_phrase, len(words))
            self._phrase_words.update(words)
            for k, word in enumerate(words):
                if len(word) >= SHORTEST_MISSPELT_IN_PHRASE:
                    key = (*words[:k], "*", *words[k + 1 :])
                    self._phrases.setdefault(key, []).append((word, entry))

    def short_spellings(self, longest: int) -> frozenset[str]:
        """The one-word spellings of at most `longest` letters (co, ltd, llc, ag...): the ones a
        sheet glues to the word before ("TRADINGco", "HANAag")."""
        return frozenset(
            words[0] for words in self._spellings if len(words) == 1 and len(words[0]) <= longest
        )

    def one_word_spellings(self) -> frozenset[str]:
        """Every spelling of one word: llc, ltd, corporation, obshchestvo..."""
        return frozenset(words[0] for words in self._spellings if len(words) == 1)

    def spelling_words(self) -> frozenset[str]:
        """Every word of every spelling: llc, limited, liability, joint, stock, obshchestvo..."""
        return frozenset(word for words in self._spellings for word in words)

    def misspelt(self, word: str) -> _Spelling | None:
        """The one-word legal form `word` misspells (Cmopany, Koeporatsiya), if any: long forms
        only, within one edit (two from ten letters)."""
        if len(word) < SHORTEST_MISSPELT:
            return None
        if word in self._misspelt:
            return self._misspelt[word]
        edits = 1 if len(word) < 10 else 2
        # every spelling within the edits, as (spelling, edits, position): the first one counts
        close = process.extract(
            word, self._typo_spellings, scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        found = self._typo_targets[min(position for _, _, position in close)] if close else None
        if len(self._misspelt) < 100_000:
            self._misspelt[word] = found
        return found

    def misspelt_phrase(self, words: Sequence[str], start: int) -> tuple[int, _Spelling] | None:
        """(length, form) of the longest legal form of several words at `start` of `words` with
        one word misspelt by one edit ("jint venture"), its other words spelt right; None if
        there is none. The misspelt word is no word of the vocabulary: "POINT VENTURE" is a
        name."""
        known = vocabulary()
        phrase_words = self._phrase_words
        odd = -1  # the one word that is no form's word
        found: tuple[int, _Spelling] | None = None
        for end in range(start, min(start + self._longest_phrase, len(words))):
            word = words[end]
            if word not in phrase_words:
                if (
                    odd >= 0
                    or len(word) < SHORTEST_MISSPELT_IN_PHRASE
                    or word in known.kinds
                    or word in known.translations
                ):
                    break
                odd = end
            if odd < 0 or end == start:
                continue
            window = words[start : end + 1]
            k = odd - start
            for spelling, entry in self._phrases.get((*window[:k], "*", *window[k + 1 :]), ()):
                if OSA.distance(words[odd], spelling, score_cutoff=1) <= 1:
                    found = (end + 1 - start, entry)
                    break
        return found

    def split(
        self, words: Sequence[str], trailing: frozenset[str] = frozenset()
    ) -> tuple[list[int], list[LegalForm]]:
        """Indexes of the words that are not part of a legal form, and the forms found.

        `words` is one segment of a name (the part outside or inside one pair of brackets):
        forms that are also ordinary words count only at its start or end, the end being before
        any `trailing` words ("... B.V. Dubai Branch").
        """
        kept: list[int] = []
        found: list[LegalForm] = []
        vessel_words: list[int] = []
        count = len(words)
        end = count
        while end > 1 and words[end - 1] in trailing:
            end -= 1
        longest_from = self._longest_from
        i = 0
        while i < count:
            word = words[i]
            longest = longest_from.get(word, 0)
            matched = 0
            for length in range(min(longest, count - i), 0, -1) if longest else ():
                spelling = self._spellings.get(tuple(words[i : i + length]))
                if spelling is None:
                    continue
                if spelling.edges_only and i != 0 and i + length not in (count, end):
                    continue
                found.append(
                    LegalForm(spelling.form_id, spelling.label, " ".join(words[i : i + length]))
                )
                matched = length
                break
            if (
                not matched
                and i + 1 < count
                and (word in self._phrase_words or words[i + 1] in self._phrase_words)
            ):
                # a phrase's other words are spelt right: one of its first two is a form's word
                phrase = self.misspelt_phrase(words, i)
                if phrase is not None and not (
                    phrase[1].edges_only and i != 0 and i + phrase[0] not in (count, end)
                ):
                    length, spelling = phrase
                    surface = " ".join(words[i : i + length])
                    found.append(LegalForm(spelling.form_id, spelling.label, surface))
                    matched = length
            if not matched and len(word) >= SHORTEST_MISSPELT and word not in trailing:
                misspelt = self.misspelt(word)
                if misspelt is not None:
                    found.append(LegalForm(misspelt.form_id, misspelt.label, word))
                    matched = 1
            if matched:
                # one word as written (MTS), not letters split apart ("M&T": m t)
                if found[-1].form_id == VESSEL_FORM and matched == 1 and len(words[i]) > 1:
                    vessel_words.append(i)
                i += matched
            else:
                kept.append(i)
                i += 1
        if vessel_words and _is_company(words, kept):
            # "MTS Bank", "MTS Bank PJSC": the company's own word, not a ship's prefix
            kept = sorted([*kept, *vessel_words])
            found = [form for form in found if form.form_id != VESSEL_FORM]
        return kept, found


@cache
def legal_form_table() -> LegalFormTable:
    return LegalFormTable(load_data("legal_forms")["form"])
