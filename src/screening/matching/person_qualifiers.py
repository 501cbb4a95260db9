"""A person's date of birth and nationality, when the sheet or request gives them, against the
listed person's: a matching date (or year) of birth raises the score, a different one lowers it,
and so does a nationality the listed person does not have. Each says so in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from screening.supplier import Supplier
from screening.watchlist.model import Entry, EntryKind

BIRTH_DATE_MATCH_BONUS = 5.0  # the same full date of birth
BIRTH_YEAR_MATCH_BONUS = 3.0  # the same year (one side gives only the year)
# Another year of birth than every one listed: lists give several dates for one person when
# unsure, so a date outside them all is strong evidence of another person.
BIRTH_DATE_CONFLICT_PENALTY = 15.0
NATIONALITY_MATCH_BONUS = 2.0
NATIONALITY_CONFLICT_PENALTY = 5.0


class PersonFactResult(StrEnum):
    MATCH = "match"
    YEAR_MATCH = "year_match"  # the year of birth matches; the full dates are not both known
    CONFLICT = "conflict"
    UNKNOWN = "unknown"  # the supplier or the entry does not give it


@dataclass(frozen=True, slots=True)
class PersonFactEffect:
    feature: str  # "date_of_birth" or "nationality": the explanation's key
    supplier: str
    listed: tuple[str, ...]
    result: PersonFactResult
    adjustment: float
    sentence: str  # for the reviewer: what was compared and what it did

    def explanation(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "entry": list(self.listed),
            "result": self.result.value,
            "adjustment": self.adjustment,
            "sentence": self.sentence,
        }


def birth_date_effect(supplier_date: str, entry: Entry) -> PersonFactEffect | None:
    """The supplier's date of birth (ISO date or year) against the entry's; None when either
    is unknown."""
    written = supplier_date.strip()
    if not written or not entry.birth_dates:
        return None
    listed = entry.birth_dates
    shown = ", ".join(listed)
    if len(written) == 10 and written in listed:
        return PersonFactEffect(
            "date_of_birth",
            written,
            listed,
            PersonFactResult.MATCH,
            BIRTH_DATE_MATCH_BONUS,
            f"Date of birth {written} is the listed person's ({shown}): score raised.",
        )
    year = written[:4]
    same_year = [date for date in listed if date[:4] == year]
    full_dates_differ = len(written) == 10 and all(len(date) == 10 for date in same_year)
    if same_year and not full_dates_differ:
        return PersonFactEffect(
            "date_of_birth",
            written,
            listed,
            PersonFactResult.YEAR_MATCH,
            BIRTH_YEAR_MATCH_BONUS,
            f"Year of birth {year} is the listed person's ({shown}): score raised.",
        )
    return PersonFactEffect(
        "date_of_birth",
        written,
        listed,
        PersonFactResult.CONFLICT,
        -BIRTH_DATE_CONFLICT_PENALTY,
        f"Date of birth {written} is not the listed person's ({shown}): score lowered.",
    )


def nationality_effect(supplier_nationality: str, entry: Entry) -> PersonFactEffect | None:
    """The supplier's nationality (ISO-2) against the entry's; None when either is unknown."""
    code = supplier_nationality.strip().upper()
    if not code or not entry.nationalities:
        return None
    shown = ", ".join(entry.nationalities)
    if code in entry.nationalities:
        return PersonFactEffect(
            "nationality",
            code,
            entry.nationalities,
            PersonFactResult.MATCH,
            NATIONALITY_MATCH_BONUS,
            f"Nationality {code} is the listed person's ({shown}): score raised.",
        )
    return PersonFactEffect(
        "nationality",
        code,
        entry.nationalities,
        PersonFactResult.CONFLICT,
        -NATIONALITY_CONFLICT_PENALTY,
        f"Nationality {code} is not the listed person's ({shown}): score lowered.",
    )


def person_fact_effects(supplier: Supplier, entry: Entry) -> tuple[PersonFactEffect, ...]:
    """What the supplier's date of birth and nationality say of a listed person (nothing of an
    organisation, vessel or aircraft)."""
    if entry.kind is not EntryKind.PERSON:
        return ()
    found = (
        birth_date_effect(supplier.date_of_birth, entry),
        nationality_effect(supplier.nationality, entry),
    )
    return tuple(effect for effect in found if effect is not None)
