"""Korean in Hangul to the Latin words the lists write: known words translated, names in MR."""

from __future__ import annotations

from functools import cache

from anyascii import anyascii

from screening.names.resources import load_data
from screening.names.scripts import Script, in_script
from screening.names.segment import WordSegmenter

_FIRST_SYLLABLE = 0xAC00
_SYLLABLES = 11172
_VOICED_AFTER = frozenset({"", "n", "m", "ng", "l"})


class _Tables:
    def __init__(self) -> None:
        data = load_data("hangul")
        self.initials: list[str] = data["initials"]["plain"]
        self.voiced: list[str] = data["initials"]["voiced"]
        self.vowels: list[str] = data["vowels"]["plain"]
        self.finals: list[str] = data["finals"]["plain"]
        self.assimilation: dict[tuple[str, str], tuple[str, str]] = {}
        for meeting, result in data["assimilation"].items():
            final, initial = meeting.split("+")
            new_final, new_initial = result.split("+")
            self.assimilation[(final, initial)] = (new_final, new_initial)
        words: dict[str, str] = dict(data["words"])
        for form in load_data("legal_forms")["form"]:
            for native, latin in form.get("native", {}).items():
                if any(in_script(char, Script.HANGUL) for char in native) and native.isalpha():
                    words[native] = latin
        self.segmenter = WordSegmenter(words)


@cache
def _tables() -> _Tables:
    return _Tables()


def romanise_syllables(text: str) -> str:
    """One proper name in Hangul, romanised syllable by syllable as MR writes it, run together."""
    tables = _tables()
    parts: list[list[str]] = []  # [initial, vowel, final] per syllable
    for char in text:
        code = ord(char) - _FIRST_SYLLABLE
        if not 0 <= code < _SYLLABLES:
            parts.append([anyascii(char).lower(), "", ""])
            continue
        initial_index, rest = divmod(code, 588)
        vowel_index, final_index = divmod(rest, 28)
        initial = tables.initials[initial_index]
        if parts:
            previous = parts[-1]
            if previous[2] in _VOICED_AFTER:
                initial = tables.voiced[initial_index]
            meeting = tables.assimilation.get((previous[2], tables.initials[initial_index]))
            if meeting is not None:
                previous[2], initial = meeting
        parts.append([initial, tables.vowels[vowel_index], tables.finals[final_index]])
    return "".join("".join(part) for part in parts)


def hangul_to_latin(run: str) -> str:
    """A run of Hangul syllables (no spaces) as Latin words: 조선련봉총회사 -> korea ryonbong
    general corporation."""
    words = []
    for piece in _tables().segmenter.split(run):
        words.append(piece.meaning if piece.meaning is not None else romanise_syllables(piece.text))
    return " ".join(word for word in words if word)
