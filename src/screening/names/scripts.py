"""Which writing system a character belongs to, for the scripts the transliterators handle."""

from __future__ import annotations

import re
from enum import StrEnum


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


def script_runs(text: str) -> list[tuple[str, Script]]:
    """`text` cut into its longest runs of characters of one script, each with its script."""
    return [(match.group(), Script[str(match.lastgroup)]) for match in _RUNS.finditer(text)]
