"""Which writing system a character belongs to, for the scripts the transliterators handle."""

from __future__ import annotations

from enum import StrEnum


class Script(StrEnum):
    LATIN = "Latin"
    CYRILLIC = "Cyrillic"
    HANGUL = "Hangul"
    HAN = "Han"
    OTHER = "Other"  # any other script; anyascii writes it in Latin letters


def char_script(char: str) -> Script:
    """The script of one character; ASCII and Latin letters with accents are Latin."""
    code = ord(char)
    if code < 0x0250:
        return Script.LATIN
    if 0x0400 <= code <= 0x052F:
        return Script.CYRILLIC
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return Script.HANGUL
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return Script.HAN
    if 0x1E00 <= code <= 0x1EFF:
        return Script.LATIN
    return Script.OTHER
