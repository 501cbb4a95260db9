"""Which Unicode script a name is written in, so a non-Latin alias can say so."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from rigour.text.scripts import codepoint_script

# Digits, punctuation and spaces belong to no script; a name made only of them is "Common".
_NO_SCRIPT = frozenset({"Common", "Inherited", None})


@lru_cache(maxsize=65536)
def _letter_script(char: str) -> str | None:
    script = codepoint_script(ord(char))
    return None if script in _NO_SCRIPT else script


def detect_script(text: str) -> str:
    """The script most of the letters in `text` are written in: Latin, Cyrillic, Hangul, Han...

    Ties go to the script met first. Text with no letters at all is "Common".
    """
    if text.isascii():
        return "Latin" if any(char.isalpha() for char in text) else "Common"
    counts: Counter[str] = Counter()
    for char in text:
        script = _letter_script(char)
        if script is not None:
            counts[script] += 1
    if not counts:
        return "Common"
    return counts.most_common(1)[0][0]
