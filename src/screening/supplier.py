"""A supplier or contractor as the customer describes it: the input to every screening."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    ref: str = ""  # the customer's own reference (vendor number), echoed back untouched
    country: str = ""  # ISO 3166-1 alpha-2, upper case, "" when unknown
    sector: str = ""  # free text or one of the sector ids in lists/host-risk.toml
    registration_id: str = ""  # registration, tax (INN, OGRN, USCC...) or other company number
    address: str = ""
    date_of_birth: str = ""  # a person's: ISO 8601 date (1975-03-02) or year (1975), "" unknown
    nationality: str = ""  # a person's: ISO 3166-1 alpha-2, upper case, "" when unknown
