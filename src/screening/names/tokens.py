"""Split a name in Latin letters into lower-case words, noting which sit inside brackets."""

from __future__ import annotations

import re

# Dots of initials join their letters ("L.L.C." -> "llc", "S.A.R.L." -> "sarl"); other dots,
# like all punctuation, separate words ("Co.,Ltd." -> "co ltd").
_INITIALISM = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")
# Apostrophes belong to the word (MR CH'OLHYO'N, O'Brien): dropped, not split on.
_APOSTROPHES = re.compile(r"['`´‘’ʼʻ]")
_WORD_OR_BRACKET = re.compile(r"[a-z0-9]+|[(){}\[\]]")
_OPENING = frozenset("([{")


def _join_initials(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def latin_words(text: str) -> list[tuple[str, bool]]:
    """Words of an ASCII name, each with whether it is inside brackets: "Mokran (Vladivostok
    branch)" -> mokran, (vladivostok, True), (branch, True)."""
    text = text.lower()
    if "." in text:
        text = _INITIALISM.sub(_join_initials, text)
    if "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    words: list[tuple[str, bool]] = []
    depth = 0
    for word in _WORD_OR_BRACKET.findall(text):
        if word[0].isalnum():
            words.append((word, depth > 0))
        elif word in _OPENING:
            depth += 1
        elif depth:
            depth -= 1
    return words
