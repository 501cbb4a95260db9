"""Dates of birth as supplier sheets write them, to ISO 8601: a date (1975-03-02), a month
(1975-03) or a year (1975).

A date is read only when it can be read one way: "03/04/1975" is 3 April in Europe and 4 March
in the United States, so only its year is kept, and the row says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

EARLIEST_YEAR = 1900  # no supplier's contractor was born before
LATEST_YEAR = 2100  # beyond: a typing error, not a birth

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "januar", "janvier", "января", "январь"),
            ("february", "feb", "februar", "février", "fevrier", "февраля", "февраль"),
            ("march", "mar", "märz", "maerz", "mars", "марта", "март"),
            ("april", "apr", "avril", "апреля", "апрель"),
            ("may", "mai", "мая", "май"),
            ("june", "jun", "juni", "juin", "июня", "июнь"),
            ("july", "jul", "juli", "juillet", "июля", "июль"),
            ("august", "aug", "août", "aout", "августа", "август"),
            ("september", "sep", "sept", "septembre", "сентября", "сентябрь"),
            ("october", "oct", "oktober", "octobre", "октября", "октябрь"),
            ("november", "nov", "novembre", "ноября", "ноябрь"),
            ("december", "dec", "dez", "dezember", "décembre", "декабря", "декабрь"),
        ),
        start=1,
    )
    for name in names
}

# Year first: ISO, and as East Asia writes them (1975.3.2, 1975年3月2日, 1975년 3월 2일).
_YEAR_FIRST = re.compile(
    r"(\d{4})\s*(?:[-./年년]\s*(\d{1,2})\s*(?:[-./月월]\s*(\d{1,2})\s*[日일.]?)?\s*[月월]?)?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
# Day first with dots: how Russia, Germany and most of Europe write them (02.03.1975).
_DOTTED = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
# Slashes or dashes, day and month in an order only the writer knows (03/04/1975).
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
# A month's name: "2 March 1975", "March 2, 1975", "02-Mar-1975", "2 марта 1975 г.".
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[\s.-]*([^\W\d_]+)\.?[\s.,-]*(\d{4})(?:\s*г\.?)?")
_MONTH_NAME_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


@dataclass(frozen=True, slots=True)
class BirthDate:
    value: str  # ISO 8601: "1975-03-02", "1975-03" or "1975"; "" when nothing could be read
    problem: str = ""  # why the cell was read only in part or not at all; "" when read whole


@lru_cache(maxsize=8192)
def read_birth_date(text: str) -> BirthDate:
    """The ISO form of a date-of-birth cell, with the reason when it is not read whole."""
    cell = " ".join(text.split())
    match = _YEAR_FIRST.fullmatch(cell)
    if match is not None:
        return _checked(*match.groups())
    match = _DOTTED.fullmatch(cell)
    if match is not None:
        day, month, year = match.groups()
        return _checked(year, month, day)
    match = _SLASHED.fullmatch(cell)
    if match is not None:
        return _day_or_month_first(cell, *match.groups())
    for pattern, order in ((_DAY_MONTH_NAME, (0, 1, 2)), (_MONTH_NAME_DAY, (1, 0, 2))):
        match = pattern.fullmatch(cell.casefold())
        if match is not None:
            day, month_name, year = (match.group(i + 1) for i in order)
            month = _MONTHS.get(month_name)
            if month is not None:
                return _checked(year, str(month), day)
    return BirthDate(
        "",
        f"{text!r} is not a date this reader knows; write it as 1975-03-02 (or the year alone)",
    )


def _day_or_month_first(cell: str, first: str, second: str, year: str) -> BirthDate:
    a, b = int(first), int(second)
    if a > 12 >= b or a == b:
        return _checked(year, second, first)  # day first: 25/03/1975
    if b > 12 >= a:
        return _checked(year, first, second)  # month first: 03/25/1975
    year_only = _checked(year, None, None)
    if year_only.problem:
        return year_only
    return BirthDate(
        year_only.value,
        f"{cell!r} could be day/month or month/day; only the year {year_only.value} was read. "
        "Write dates as 1975-03-02",
    )


def _checked(year: str, month: str | None, day: str | None) -> BirthDate:
    number = int(year)
    if not EARLIEST_YEAR <= number <= LATEST_YEAR:
        return BirthDate("", f"the year {year} cannot be a year of birth")
    if month is None:
        return BirthDate(f"{number:04d}")
    try:
        if day is None:
            date(number, int(month), 1)
            return BirthDate(f"{number:04d}-{int(month):02d}")
        return BirthDate(date(number, int(month), int(day)).isoformat())
    except ValueError:
        shown = "-".join(part for part in (year, month, day) if part)
        return BirthDate("", f"{shown} is not a date in the calendar")
