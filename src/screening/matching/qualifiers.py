"""What else than the name speaks for or against a match: the country and the identifiers."""

from __future__ import annotations

from screening.matching.identifiers import identifier_keys
from screening.matching.index import MatchIndex
from screening.matching.model import CountryEffect, CountryResult
from screening.watchlist.model import Entry, Identifier

COUNTRY_MATCH_BONUS = 3.0
COUNTRY_CONFLICT_PENALTY = 5.0
# DPRK entities act abroad through fronts and branches (Russia, China, the Gulf, Africa): a
# supplier elsewhere is no evidence against them. Only a South Korean supplier is: the common
# clean look-alike of a DPRK name ("Korea ... Corporation") is a South Korean company.
DPRK = "KP"
NOT_DPRK_FRONTS = frozenset({"KR"})


def country_effect(supplier_country: str, entry: Entry) -> CountryEffect:
    """A supplier in one of the entry's countries raises the score; one in none of them lowers
    it, unless the entry is a DPRK one (see NOT_DPRK_FRONTS). Entries tied to many countries
    (branches abroad) are judged on all of them."""
    country = supplier_country.strip().upper()
    if not country or not entry.countries:
        return CountryEffect(CountryResult.UNKNOWN, 0.0)
    if country in entry.countries:
        return CountryEffect(CountryResult.MATCH, COUNTRY_MATCH_BONUS)
    if DPRK in entry.countries and country not in NOT_DPRK_FRONTS:
        return CountryEffect(CountryResult.UNKNOWN, 0.0)
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
