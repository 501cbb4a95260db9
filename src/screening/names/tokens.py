"""Split a name in Latin letters into lower-case words, noting which sit inside brackets."""

from __future__ import annotations

import re

# Dots of initials join their letters ("L.L.C." -> "llc", "S.A.R.L." -> "sarl"); other dots,
# like all punctuation, separate words ("Co.,Ltd." -> "co ltd").
_INITIALISM = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")
# Apostrophes belong to the word (MR CH'OLHYO'N, O'Brien): dropped, not split on.
_APOSTROPHES = re.compile(r"['`´‘’ʼʻ]")
_WORD = re.compile(r"[a-z0-9]+")
_WORD_OR_BRACKET = re.compile(r"[a-z0-9]+|[(){}\[\]]")
_OPENING = frozenset("([{")


def _join_initials(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def split_words(text: str) -> tuple[list[str], list[bool] | None]:
    """The words of an ASCII name, and whether each is inside brackets (None when no word is):
    "Mokran (Vladivostok branch)" -> [mokran, vladivostok, branch], [False, True, True]."""
    text = text.lower()
    if "." in text:
        text = _INITIALISM.sub(_join_initials, text)
    if "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if "(" not in text and "[" not in text and "{" not in text:
        return _WORD.findall(text), None
    words: list[str] = []
    inside: list[bool] = []
    depth = 0
    for word in _WORD_OR_BRACKET.findall(text):
        if word[0].isalnum():
            words.append(word)
            inside.append(depth > 0)
        elif word in _OPENING:
            depth += 1
        elif depth:
            depth -= 1
    return words, inside


def latin_words(text: str) -> list[tuple[str, bool]]:
    """Words of an ASCII name, each with whether it is inside brackets: "Mokran (Vladivostok
    branch)" -> mokran, (vladivostok, True), (branch, True)."""
    words, inside = split_words(text)
    return list(zip(words, inside or [False] * len(words), strict=True))
