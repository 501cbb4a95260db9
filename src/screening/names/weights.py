"""How much each word of a name weighs: rare words much, generic words little.

The weight of a word is its inverse document frequency over the lists' names (one count per
entry, on the romanisation fold key, so Ryonbong and Ryeonbong count as one word), capped for the
generic, sector, qualifier and place words of vocabulary.toml and places.toml.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from screening.names.vocabulary import Vocabulary, WordKind, vocabulary

BRACKETED_FACTOR = 0.4  # words in brackets qualify a name ("(Vladivostok branch)")
# An initial or a two-letter syllable (Na, Do) is rarely telling; two consonants (LG, SK) are.
SHORT_WORD_CAP = 2.0
_VOWELS = frozenset("aeiouy")


class TokenWeights:
    """Word weights from the document frequencies of one collection of names."""

    def __init__(self, document_frequency: Counter[str], documents: int) -> None:
        self._df = document_frequency
        self._documents = documents
        self._vocabulary: Vocabulary = vocabulary()
        self.unseen = self._idf(0)
        # keyed by token and fold key: a person's query may read a token under another key
        # (Iwanow as Ivanov), and a memo by token alone would give the weight of whichever key
        # came first, so an index built here and the same index opened from its file would differ
        self._memo: dict[tuple[str, str], tuple[float, WordKind]] = {}

    def __reduce__(self) -> tuple[type[TokenWeights], tuple[Counter[str], int]]:
        # Kept in a file (an index file): the counts only. The memo refills as words are met,
        # and the vocabulary is the reading process's own (one copy, not one per object).
        return TokenWeights, (self._df, self._documents)

    @classmethod
    def from_documents(cls, documents: Iterable[Iterable[str]]) -> TokenWeights:
        """`documents`: the fold keys of each entry (all its names together)."""
        counts: Counter[str] = Counter()
        total = 0
        for folds in documents:
            counts.update(set(folds))
            total += 1
        return cls(counts, total)

    def _idf(self, df: int) -> float:
        return math.log((self._documents + 1) / (df + 1)) + 1.0

    def document_frequency(self, fold: str) -> int:
        return self._df.get(fold, 0)

    def kind(self, token: str) -> WordKind:
        return self._vocabulary.kind(token)

    def describe(self, token: str, fold: str) -> tuple[float, WordKind]:
        """The weight of a token (outside brackets) and its kind, by the document frequency of
        `fold`, the token's fold key or the key it is read under."""
        found = self._memo.get((token, fold))
        if found is None:
            weight = self._idf(self._df.get(fold, 0))
            kind = self._vocabulary.kind(token)
            if kind is not WordKind.DISTINCTIVE:
                weight = min(weight, self._vocabulary.caps[kind])
            elif len(token) == 1 or (len(token) == 2 and not _VOWELS.isdisjoint(token)):
                weight = min(weight, SHORT_WORD_CAP)
            found = (weight, kind)
            if len(self._memo) < 1_000_000:
                self._memo[token, fold] = found
        return found

    def describe_all(
        self, tokens: tuple[str, ...], folds: tuple[str, ...]
    ) -> list[tuple[float, WordKind]]:
        """`describe` of each token; `folds` must be their fold keys."""
        memo = self._memo
        return [
            memo.get((token, fold)) or self.describe(token, fold)
            for token, fold in zip(tokens, folds, strict=True)
        ]

    def weight(self, token: str, fold: str, *, bracketed: bool = False) -> float:
        weight = self.describe(token, fold)[0]
        return weight * BRACKETED_FACTOR if bracketed else weight
