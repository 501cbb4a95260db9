"""Cut a run of Chinese or Korean text, written without spaces, into known words and the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    text: str  # as written
    meaning: str | None  # the Latin words a list writes for a known word; None for the rest


class WordSegmenter:
    """Longest-match segmentation over a dictionary of words and their Latin meaning."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self._words = dict(words)
        self._longest = max((len(word) for word in self._words), default=1)

    def split(self, run: str) -> list[Piece]:
        pieces: list[Piece] = []
        rest_start = 0
        i = 0
        while i < len(run):
            for length in range(min(self._longest, len(run) - i), 0, -1):
                meaning = self._words.get(run[i : i + length])
                if meaning is not None:
                    if rest_start < i:
                        pieces.append(Piece(run[rest_start:i], None))
                    pieces.append(Piece(run[i : i + length], meaning))
                    i += length
                    rest_start = i
                    break
            else:
                i += 1
        if rest_start < len(run):
            pieces.append(Piece(run[rest_start:], None))
        return pieces
