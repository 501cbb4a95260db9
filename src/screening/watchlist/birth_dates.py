"""Dates of birth as publishers write them, read to ISO 8601 at the precision given: "10 Dec
1948" -> 1948-12-10, "Dec 1948" -> 1948-12, "circa 1962" -> 1962, "1962 to 1964" -> each year,
"27/11/1967" (day first, 00 for unknown: "00/00/1967" -> 1967)."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # UK: 27/11/1967, 00/00/1967 unknown
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:to|-|–)\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_HEDGES = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?)\s+")
LONGEST_RANGE = 10  # years of "1962 to 1964" read as each year; a wider range says too little


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{year:04d}"


def read_birth_dates(text: str) -> tuple[str, ...]:
    """The dates one written date of birth stands for, ISO 8601 at its own precision; () when the
    text is not a date this reads (it is then only shown, in the remarks)."""
    written = _HEDGES.sub("", text.strip().lower()).strip(" .")
    if match := _ISO.match(written):
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        found = _iso(year, month, day)
        return (found,) if found else ()
    if match := _DAY_MONTH_YEAR.match(written):
        month = _MONTHS.get(match.group(2))
        if month is None:
            return ()
        day = int(match.group(1)) if match.group(1) else None
        found = _iso(int(match.group(3)), month, day)
        return (found,) if found else ()
    if match := _DAY_FIRST.match(written):
        day, month, year = (int(part) for part in match.groups())
        found = _iso(year, month or None, (day or None) if month else None)
        return (found,) if found else ()
    if match := _YEAR_RANGE.match(written):
        first, last = int(match.group(1)), int(match.group(2))
        if 0 <= last - first <= LONGEST_RANGE:
            return tuple(f"{year:04d}" for year in range(first, last + 1))
        return ()
    if match := _YEAR.match(written):
        return (match.group(1),)
    return ()
