"""What else than the name speaks for or against a match: the country and the identifiers."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from importlib.resources import files

from screening.matching.identifiers import identifier_keys
from screening.matching.index import MatchIndex
from screening.matching.model import CountryEffect, CountryResult
from screening.names.legal_forms import LegalForm
from screening.watchlist.model import Entry, Identifier

COUNTRY_MATCH_BONUS = 3.0
COUNTRY_CONFLICT_PENALTY = 5.0
# DPRK entities act abroad through fronts and branches (Russia, China, the Gulf, Africa): a
# supplier elsewhere is no evidence against them. Only a South Korean supplier is: the common
# clean look-alike of a DPRK name ("Korea ... Corporation") is a South Korean company.
DPRK = "KP"
NOT_DPRK_FRONTS = frozenset({"KR"})
NO_COUNTRY = CountryEffect(CountryResult.UNKNOWN, 0.0)
_NOWHERE: frozenset[str] = frozenset()


@cache
def legal_form_countries() -> Mapping[str, frozenset[str]]:
    """Legal-form spellings of one legal system -> its countries (data/legal_form_countries)."""
    path = files("screening.matching").joinpath("data", "legal_form_countries.toml")
    table = tomllib.loads(path.read_text("utf-8"))["countries"]
    return {spelling: frozenset(countries) for spelling, countries in table.items()}


def registered_in(forms: Iterable[LegalForm], countries: Collection[str]) -> bool:
    """Whether a name's legal form is one only companies of `countries` (or their neighbours)
    write: "... PTE LTD" is a Singapore company, "... OOO" a Russian or Belarusian one."""
    table = legal_form_countries()
    return any(not table.get(form.surface, _NOWHERE).isdisjoint(countries) for form in forms)


def country_effect(
    supplier_country: str, entry: Entry, supplier_forms: Iterable[LegalForm] = ()
) -> CountryEffect:
    """A supplier in one of the entry's countries raises the score; one in none of them lowers
    it, unless the entry is a DPRK one (see NOT_DPRK_FRONTS) or the supplier's own legal form
    says it is registered in one of the entry's countries (a Singapore PTE LTD on a sheet row
    that gives Russia: a company abroad, or a sheet that gives the buyer's region; either way
    the country is no evidence against it). Entries tied to many countries (branches abroad)
    are judged on all of them."""
    country = supplier_country.strip().upper()
    if not country or not entry.countries:
        return NO_COUNTRY
    if country in entry.countries:
        return CountryEffect(CountryResult.MATCH, COUNTRY_MATCH_BONUS)
    if DPRK in entry.countries:
        if country in NOT_DPRK_FRONTS:
            return CountryEffect(CountryResult.CONFLICT, -COUNTRY_CONFLICT_PENALTY)
        return NO_COUNTRY
    if registered_in(supplier_forms, entry.countries):
        return NO_COUNTRY
    return CountryEffect(CountryResult.CONFLICT, -COUNTRY_CONFLICT_PENALTY)


def identifier_matches(index: MatchIndex, registration_id: str) -> dict[int, Identifier]:
    """Entries (by number) with an identifier equal to the supplier's, however written."""
    found: dict[int, Identifier] = {}
    if not registration_id.strip():
        return found
    for key in identifier_keys(registration_id):
        for entry_no, identifier in index.identifiers.get(key, ()):
            found.setdefault(entry_no, identifier)
    return found
