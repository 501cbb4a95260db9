"""The supplier's address as evidence for or against a match: the same street or city as one of
the entry's listed addresses raises the score, an address in a country the entry is not tied to
lowers it, and a sentence says which.

Pure. Both sides are compared as words in Latin letters, each word folded as names are
(screening.names.romanise.fold: Pothonggang ~ Pot'onggang), after the address is transliterated
(Cyrillic, Hangul, Chinese) and the exonyms of data/addresses.toml are put in (Пхеньян and 平壤 are
Pyongyang, which their transliterations are not).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from screening.countries.listed import country_code
from screening.matching.model import CountryResult
from screening.matching.qualifiers import country_effect
from screening.names.romanise import fold
from screening.names.transliterate import to_latin
from screening.watchlist.model import Address, Entry

STREET_MATCH_BONUS = 8.0  # a street is one place: strong evidence
CITY_MATCH_BONUS = 4.0  # a city holds many companies: some evidence
MAX_ADDRESS_BONUS = STREET_MATCH_BONUS  # the most an address can add
# An address abroad counts as much against as the country column does (qualifiers).
MIN_CITY_LETTERS = 4  # shorter city words ("Ri", "Si") are too easily met by chance
_WORD = re.compile(r"[a-z0-9]+")


class AddressResult(StrEnum):
    SAME_STREET = "same_street"
    SAME_CITY = "same_city"
    COUNTRY_CONFLICT = "country_conflict"  # the address is in none of the entry's countries
    UNKNOWN = "unknown"  # nothing to compare, or nothing in common that counts


@dataclass(frozen=True, slots=True)
class AddressEffect:
    result: AddressResult
    adjustment: float
    sentence: str = ""  # for the reviewer; "" when the address says nothing either way
    listed: str = ""  # the listed address (or the country) it was compared with

    def as_json(self) -> dict[str, Any]:
        return {
            "result": self.result.value,
            "adjustment": self.adjustment,
            "listed": self.listed,
            "sentence": self.sentence,
        }


NO_EFFECT = AddressEffect(AddressResult.UNKNOWN, 0.0)


@cache
def _data() -> dict[str, Any]:
    text = files("screening.matching").joinpath("data", "addresses.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(fold(word) for word in _data()["generic"])


@cache
def _exonyms() -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = _data()["exonyms"]
    # Longest first, so a spelling inside a longer one never splits it.
    return tuple(sorted(pairs.items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=65536)
def address_words(text: str) -> tuple[str, ...]:
    """The folded words of an address in any script: "평양시 보통강구역" -> pyongyang si ..."""
    if not text.isascii():
        for native, english in _exonyms():
            if native in text:
                text = text.replace(native, f" {english} ")
        text, _scripts = to_latin(text)
    return tuple(fold(word) for word in _WORD.findall(text.lower()))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` is in `words`, each word whole or as the start of one ("pyongyangsi")."""
    return bool(part) and all(
        want in words or any(have.startswith(want) for have in words) for want in part
    )


@dataclass(frozen=True, slots=True)
class _ListedPlace:
    text: str  # as listed, for the sentence
    city: tuple[str, ...]
    street: tuple[str, ...]  # the street's distinctive words (no generic ones, no city)


@lru_cache(maxsize=65536)
def _listed_place(address: Address) -> _ListedPlace:
    parts = [part.strip() for part in address.street.split(",") if part.strip()]
    city_text = address.city.strip()
    if not city_text and len(parts) > 1:
        city_text = parts.pop()  # DFAT writes "Pot'onggang District, Pyongyang" as the street
    generic = _generic_words()
    city = tuple(w for w in address_words(city_text) if w not in generic)
    if sum(len(word) for word in city) < MIN_CITY_LETTERS:
        city = ()
    street = tuple(
        word
        for word in address_words(", ".join(parts))
        if word not in generic and word not in city and not word.isdigit()
    )
    shown = ", ".join(part for part in (address.street, address.city) if part.strip())
    return _ListedPlace(shown, city, street)


def _address_country(words_text: str) -> str:
    """The country the supplier's address names in its last parts ("..., Moscow, Russia")."""
    parts = [part.strip() for part in re.split(r"[,;\n]", words_text) if part.strip()]
    for part in reversed(parts[-2:]):
        # In Latin letters, the country lookup is a quick one (countries.territory_names).
        latin, _scripts = to_latin(part)
        code = country_code(latin.strip())
        if code:
            return code
    return ""


def address_effect(supplier_address: str, supplier_country: str, entry: Entry) -> AddressEffect:
    """What the supplier's address says about a match with `entry`."""
    if not supplier_address.strip():
        return NO_EFFECT
    words = address_words(supplier_address)
    best: AddressEffect = NO_EFFECT
    for listed in entry.addresses:
        place = _listed_place(listed)
        same_city = _contains(words, place.city)
        if place.street and _contains(words, place.street) and (same_city or len(place.street) > 1):
            return AddressEffect(
                AddressResult.SAME_STREET,
                STREET_MATCH_BONUS,
                f"the supplier's address has the street of a listed address ({place.text})",
                place.text,
            )
        if same_city and best.result is not AddressResult.SAME_CITY:
            best = AddressEffect(
                AddressResult.SAME_CITY,
                CITY_MATCH_BONUS,
                f"the supplier's address is in the same city as a listed address ({place.text})",
                place.text,
            )
    if best.result is not AddressResult.UNKNOWN or supplier_country.strip():
        return best  # a country column is judged on its own (qualifiers.country_effect)
    country = _address_country(supplier_address)
    effect = country_effect(country, entry) if country else None
    if effect is None or effect.result is not CountryResult.CONFLICT:
        return NO_EFFECT
    countries = ", ".join(entry.countries)
    return AddressEffect(
        AddressResult.COUNTRY_CONFLICT,
        effect.adjustment,
        f"the supplier's address is in {country}, none of the entry's countries ({countries})",
        countries,
    )
