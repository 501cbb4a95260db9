"""Pieces the loaders of the newer lists build an Entry from, so every list fills the same field
the same way: values without repeats, aliases with their script, addresses with their country
code, identifiers with their kind, and remarks that keep each fact the model has no field for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from screening.countries.listed import country_code
from screening.names.scripts import detect_script
from screening.watchlist.model import Address, Alias, AliasType, Identifier, IdentifierKind

REMARK_SEPARATOR = "; "
_IMO_DIGITS = re.compile(r"^(?:IMO)?\s*(\d{7})$", re.IGNORECASE)


def iso_date(text: str) -> date | None:
    """The date of an ISO date or timestamp ("2026-01-08T00:00:00"); None when it is not one."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The non-empty values, first occurrence kept, in order."""
    return tuple(dict.fromkeys(value for value in values if value))


def make_alias(name: str, alias_type: AliasType = AliasType.AKA) -> Alias:
    """An alias with the script it is written in. A name not in Latin script is a NON_LATIN
    alias, unless the publisher calls it weak (then weak is what matters for matching)."""
    script = detect_script(name)
    if alias_type is not AliasType.WEAK and script not in ("Latin", "Common"):
        alias_type = AliasType.NON_LATIN
    return Alias(name, alias_type, script)


def distinct_aliases(primary: str, aliases: Iterable[Alias]) -> tuple[Alias, ...]:
    """The aliases without the primary name and without repeats: a name given twice keeps the
    first type it was given, so a loader passes the strong ones first."""
    kept: dict[str, Alias] = {}
    for alias in aliases:
        if alias.name and alias.name != primary:
            kept.setdefault(alias.name, alias)
    return tuple(kept.values())


def make_address(street: str, city: str, country: str, code: str = "") -> Address | None:
    """An address, its country code looked up unless the publisher gives it; None when empty."""
    if not (street or city or country or code):
        return None
    return Address(street, city, country, code or (country_code(country) if country else ""))


def country_codes(names: Iterable[str]) -> tuple[str, ...]:
    """The ISO-2 codes of the country names that are known territories, without repeats."""
    return unique(country_code(name) for name in names if name)


def imo_number(value: str) -> str:
    """The seven digits of an IMO number written "IMO 9562233", "IMO9562233" or "9562233";
    the value as written when it is not one."""
    found = _IMO_DIGITS.match(value.strip())
    return found.group(1) if found else value.strip()


def make_identifier(
    kind: IdentifierKind, value: str, note: str, country: str = ""
) -> Identifier | None:
    """An identifier, IMO numbers as their seven digits; None for an empty value."""
    value = value.strip()
    if not value:
        return None
    if kind is IdentifierKind.IMO:
        value = imo_number(value)
    return Identifier(kind, value, country_code=country, note=note)


def labelled_remarks(text: str, facts: Iterable[tuple[str, str]]) -> str:
    """The publisher's free text, then "Label: value" for each fact the model has no field for
    (dates of birth, positions, ship details...), "; "-separated."""
    parts = [text.strip()] if text.strip() else []
    parts += [f"{label}: {value}" for label, value in dict.fromkeys(facts) if value]
    return REMARK_SEPARATOR.join(parts)
