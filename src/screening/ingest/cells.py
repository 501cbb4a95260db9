"""Spreadsheet cell values as the text a person sees, and column letters."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

# C0 controls other than tab, newline and carriage return cannot be written to an xlsx (XML 1.0)
# and are never meant in a supplier sheet; U+FFFE/U+FFFF are not characters at all.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Integers above 2**53 are not exact in a float; such a cell is shown the way Excel shows it.
_EXACT_INTEGER_LIMIT = 2**53


def cell_text(value: object) -> str:
    """A cell value as text: whole numbers without ".0", dates in ISO form, booleans as Excel."""
    if value.__class__ is str:
        # Most cells: printable text needs only its ends stripped.
        return value.strip() if value.isprintable() else clean_text(value)
    if value.__class__ is float and value.is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
        return str(int(value))  # a whole number, as a numbered column holds them
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time() else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return clean_text(str(value))


def clean_text(text: str) -> str:
    """Strip the ends and drop characters no spreadsheet can hold; the rest stays as written."""
    if _UNWRITABLE.search(text):
        text = _UNWRITABLE.sub("", text)
    return text.strip()


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """ "A" -> 0, "AA" -> 26; ValueError for anything that is not a column letter."""
    text = letters.strip().upper()
    if not text or not text.isascii() or not text.isalpha() or len(text) > 3:
        raise ValueError(f"not a column letter: {letters!r}")
    number = 0
    for char in text:
        number = number * 26 + (ord(char) - 64)
    return number - 1
