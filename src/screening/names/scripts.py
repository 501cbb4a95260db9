"""Which writing system a character or a text is written in: the one home for script checks.

Per character, the scripts the transliterators handle (code point ranges, fast on hot paths);
per text, rigour's Unicode script data (the dominant script of a name, scripts written without
spaces)."""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from functools import lru_cache

from rigour.text.scripts import codepoint_script, is_dense_script, is_latin


class Script(StrEnum):
    LATIN = "Latin"
    CYRILLIC = "Cyrillic"
    HANGUL = "Hangul"
    HAN = "Han"
    OTHER = "Other"  # any other script; anyascii writes it in Latin letters


# Code points of each script: ASCII and Latin letters with accents are Latin; the rest is Other.
_RANGES: dict[Script, tuple[tuple[int, int], ...]] = {
    Script.LATIN: ((0x0000, 0x024F), (0x1E00, 0x1EFF)),
    Script.CYRILLIC: ((0x0400, 0x052F),),
    Script.HANGUL: ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F)),
    Script.HAN: ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF)),
}


def _character_class(ranges: tuple[tuple[int, int], ...], *, negated: bool = False) -> str:
    spans = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    return f"[^{spans}]" if negated else f"[{spans}]"


# A run of one script: one named group per script, and Other for every character in none.
_RUNS = re.compile(
    "|".join(
        [
            *(
                f"(?P<{script.name}>{_character_class(ranges)}+)"
                for script, ranges in _RANGES.items()
            ),
            f"(?P<OTHER>{_character_class(sum(_RANGES.values(), ()), negated=True)}+)",
        ]
    )
)


def in_script(char: str, script: Script) -> bool:
    """Whether the character is one of `script`'s (by the ranges above)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _RANGES[script])


def is_unspaced(text: str) -> bool:
    """Whether `text` has Chinese, Japanese or Korean letters: scripts whose words run together
    (or whose particles are glued to words), so a phrase is matched without its spaces."""
    return is_dense_script(text)


def is_latin_text(text: str) -> bool:
    """Every letter of `text` is a Latin one ("Karl-Barth-Straße", "Dara’a")."""
    return is_latin(text)


# Digits, punctuation and spaces belong to no script; a name made only of them is "Common".
_NO_SCRIPT = frozenset({"Common", "Inherited", None})


@lru_cache(maxsize=65536)
def _letter_script(char: str) -> str | None:
    script = codepoint_script(ord(char))
    return None if script in _NO_SCRIPT else script


def detect_script(text: str) -> str:
    """The script most of the letters in `text` are written in: Latin, Cyrillic, Hangul, Han...
    (rigour's Unicode script names, so a non-Latin alias can say which it is).

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


def script_runs(text: str) -> list[tuple[str, Script]]:
    """`text` cut into its longest runs of characters of one script, each with its script."""
    return [(match.group(), Script[str(match.lastgroup)]) for match in _RUNS.finditer(text)]
