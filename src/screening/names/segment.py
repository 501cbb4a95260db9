"""Cut a run of Chinese or Korean text, written without spaces, into known words and the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Piece(NamedTuple):
    text: str  # as written
    meaning: str | None  # the Latin words a list writes for a known word; None for the rest


class WordSegmenter:
    """Segmentation that leaves the fewest characters outside dictionary words, then has the
    fewest pieces (a piece: a word, or a run of characters between words): 深中国际航运 is
    深中 + 国际 + 航运, not 深 + 中国 + 际 + 航运."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self._words = dict(words)
        self._prefixes = frozenset(word[:i] for word in self._words for i in range(1, len(word)))

    def _word_starts(self, run: str) -> list[list[int]]:
        """For each end position in `run`, the starts of the dictionary words that end there,
        in ascending order."""
        starts: list[list[int]] = [[] for _ in range(len(run) + 1)]
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                piece = run[start:end]
                if piece in self._words:
                    starts[end].append(start)
                if piece not in self._prefixes:
                    break
        return starts

    def split(self, run: str) -> list[Piece]:
        size = len(run)
        # best[i]: (characters not in a word, pieces) for run[:i], and how it ends: the start of
        # its last piece and whether that piece is a word
        unreached = (size + 1, size + 1)
        best: list[tuple[int, int]] = [unreached] * (size + 1)
        last: list[tuple[int, bool]] = [(0, False)] * (size + 1)
        best[0] = (0, 0)
        word_starts = self._word_starts(run)
        for end in range(1, size + 1):
            for start in word_starts[end]:
                if best[start] == unreached:
                    continue
                unknown, count = best[start]
                score = (unknown, count + 1)
                if score < best[end]:
                    best[end], last[end] = score, (start, True)
            unknown, count = best[end - 1]
            # one more character of unknown text: a new piece unless the previous piece was
            # unknown text too
            extends = end - 1 > 0 and not last[end - 1][1]
            score = (unknown + 1, count + (0 if extends else 1))
            if score < best[end]:
                start = last[end - 1][0] if extends else end - 1
                best[end], last[end] = score, (start, False)
        pieces: list[Piece] = []
        end = size
        while end > 0:
            start, is_word = last[end]
            text = run[start:end]
            pieces.append(Piece(text, self._words[text] if is_word else None))
            end = start
        pieces.reverse()
        return pieces
