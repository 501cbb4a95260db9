"""Spreadsheet formula injection: the one place that decides which text a spreadsheet program
could run as a formula, and how each format keeps it text.

A cell that starts with = + - @ (or a tab or carriage return, which some programs skip before
looking) is read as a formula when a CSV is opened, or when a person edits the cell in Excel.
The xlsx writer stores such values as text cells with Excel's quote-prefix style; the CSV writer
puts an apostrophe before them, the convention spreadsheet programs hide on display (OWASP,
"CSV Injection").
"""

from __future__ import annotations

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(text: str) -> str:
    """The text to write in a CSV cell."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
