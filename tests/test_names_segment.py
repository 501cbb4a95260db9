"""Cutting text written without spaces into dictionary words: the best cut, whatever the words."""

from __future__ import annotations

import random
from itertools import pairwise, product

from screening.names.segment import WordSegmenter

WORDS = {"ab": "AB", "abc": "ABC", "bc": "BC", "cd": "CD", "bcd": "BCD", "d": "D", "abcde": "X"}


def _score(pieces: list[tuple[str, bool]]) -> tuple[int, int]:
    """(characters outside words, pieces), unknown characters in a row being one piece."""
    unknown = sum(len(text) for text, is_word in pieces if not is_word)
    count = sum(1 for i, (_, is_word) in enumerate(pieces) if is_word or i == 0 or pieces[i - 1][1])
    return unknown, count


def _best_score(run: str) -> tuple[int, int]:
    """The best score of every way to cut `run` (brute force: short runs only)."""
    best = (len(run) + 1, len(run) + 1)
    for cuts in product([False, True], repeat=max(0, len(run) - 1)):
        bounds = [0, *(i + 1 for i, cut in enumerate(cuts) if cut), len(run)]
        texts = [run[a:b] for a, b in pairwise(bounds)]
        for as_words in product([False, True], repeat=len(texts)):
            if all(text in WORDS for text, word in zip(texts, as_words, strict=True) if word):
                best = min(best, _score(list(zip(texts, as_words, strict=True))))
    return best


def test_the_cut_leaves_fewest_unknown_characters_then_has_fewest_pieces() -> None:
    segmenter = WordSegmenter(WORDS)
    rng = random.Random(3)
    for _ in range(300):
        run = "".join(rng.choice("abcdex") for _ in range(rng.randint(1, 7)))
        pieces = segmenter.split(run)
        assert "".join(piece.text for piece in pieces) == run
        assert all(piece.meaning == WORDS.get(piece.text) for piece in pieces if piece.meaning)
        cut = [(piece.text, piece.meaning is not None) for piece in pieces]
        assert _score(cut) == _best_score(run), run
