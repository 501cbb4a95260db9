"""One rendering of a listed name: the sheet row made from it, and what it carries beside it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rendering:
    name: str
    country: str = ""
    registration_id: str = ""
    date_of_birth: str = ""
    nationality: str = ""
    # what the row carries beside the name: identifier, imo_column, legal_form, country,
    # full_name, date_of_birth, nationality... (bench/eval/README.md lists them per family)
    evidence: tuple[str, ...] = ()
    variant: str = ""  # how the name was written: the family's own style label
    also_expected: tuple[str, ...] = ()  # further right answers (a vessel's owner named too)
