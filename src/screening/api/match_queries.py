"""A /match query (a FollowTheMoney entity example) as the suppliers it screens.

Our Supplier has one name, one country and one identifier; an example may give several of each.
It is screened as every combination (a name is still scored once per batch), and each entry
keeps its best score across them: a name in Cyrillic and in Latin, or a company known in two
countries, matches as well as its best-matching form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from screening.countries.cells import country_code
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind

# What each query schema may match: yente's "matchable" schemata, in our entry kinds.
_ORGANISATIONS = frozenset({EntryKind.ORGANIZATION})
SCHEMA_KINDS: dict[str, frozenset[EntryKind]] = {
    "Person": frozenset({EntryKind.PERSON}),
    "Company": _ORGANISATIONS,
    "Organization": _ORGANISATIONS,
    "LegalEntity": frozenset({EntryKind.PERSON, EntryKind.ORGANIZATION}),
    "Vessel": frozenset({EntryKind.VESSEL}),
    "Airplane": frozenset({EntryKind.AIRCRAFT}),
    "Thing": frozenset(EntryKind),
}

# The schemas a person's query may have: their name parts and nationality are read.
PERSON_SCHEMAS = frozenset({"Person", "LegalEntity", "Thing"})
NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")
# A person's name parts, in the order they are joined into a name.
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
COUNTRY_PROPERTIES = ("country", "jurisdiction", "mainCountry", "nationality", "citizenship")
NATIONALITY_PROPERTIES = ("nationality", "citizenship")
IDENTIFIER_PROPERTIES = (
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "okpoCode",
    "vatCode",
    "leiCode",
    "dunsCode",
    "swiftBic",
    "imoNumber",
    "idNumber",
    "passportNumber",
)
USED_PROPERTIES = frozenset(
    {*NAME_PROPERTIES, *NAME_PARTS, *COUNTRY_PROPERTIES, *IDENTIFIER_PROPERTIES}
    | {"address", "birthDate"}
)

MAX_COMBINATIONS = 100  # suppliers one query may become
MAX_NAME = 500  # characters, as a supplier's name on /v1/screen
MAX_VALUE = 1000  # characters of any other value
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class UnsupportedSchemaError(ValueError):
    """The query asks for a kind of entity no list here holds: the request is refused (400),
    as yente refuses an example it cannot parse."""


class UnreadableQueryError(ValueError):
    """The query cannot be screened as given: answered in its own response with status 400."""


@dataclass(frozen=True, slots=True)
class MatchQuery:
    key: str
    kinds: frozenset[EntryKind]  # the kinds of entries it may match
    suppliers: tuple[Supplier, ...]  # every combination of its values
    echo: dict[str, Any]  # the query as read: id, schema, the properties used


def check_schema(key: str, schema: str) -> frozenset[EntryKind]:
    kinds = SCHEMA_KINDS.get(schema)
    if kinds is None:
        raise UnsupportedSchemaError(
            f"queries.{key}.schema: cannot match {schema!r}; "
            f"schemas matched here: {', '.join(SCHEMA_KINDS)}"
        )
    return kinds


def _values(properties: Mapping[str, str | list[Any]], name: str) -> list[str]:
    """The property's values as text, blanks dropped, repeats once."""
    raw = properties.get(name, [])
    items = [raw] if isinstance(raw, str) else raw
    values: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise UnreadableQueryError(f"{name}: {item!r} is not a text value")
        text = " ".join(str(item).split())
        limit = MAX_NAME if name in NAME_PROPERTIES or name in NAME_PARTS else MAX_VALUE
        if len(text) > limit:
            raise UnreadableQueryError(f"{name}: a value is longer than {limit} characters")
        if text and text not in values:
            values.append(text)
    return values


def _names(properties: Mapping[str, str | list[Any]], schema: str) -> list[str]:
    names = [value for prop in NAME_PROPERTIES for value in _values(properties, prop)]
    if schema in PERSON_SCHEMAS:
        # as yente does: a name made of the parts, every spelling of each part with the others
        parts = [values for part in NAME_PARTS if (values := _values(properties, part))]
        if parts:
            names += [" ".join(combination) for combination in product(*parts)]
    return list(dict.fromkeys(names))


def _countries(properties: Mapping[str, str | list[Any]], names: Iterable[str]) -> list[str]:
    codes: list[str] = []
    for prop in names:
        for value in _values(properties, prop):
            code = country_code(value)
            if not code:
                raise UnreadableQueryError(f"{prop}: {value!r} names no country")
            if code not in codes:
                codes.append(code)
    return codes


def _dates(properties: Mapping[str, str | list[Any]]) -> list[str]:
    dates = _values(properties, "birthDate")
    for value in dates:
        if not _DATE.fullmatch(value):
            raise UnreadableQueryError(
                f"birthDate: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )
    return dates


def read_query(
    key: str, example_id: str | None, schema: str, properties: Mapping[str, str | list[Any]]
) -> MatchQuery:
    """The suppliers one query screens. UnsupportedSchemaError for a schema no list holds;
    UnreadableQueryError for values that cannot be read, or nothing to screen by."""
    kinds = check_schema(key, schema)
    names = _names(properties, schema)
    identifiers = [value for prop in IDENTIFIER_PROPERTIES for value in _values(properties, prop)]
    if not names and not identifiers:
        raise UnreadableQueryError(
            "nothing to screen: give a name (name, alias, or a person's name parts) "
            "or an identifier (registrationNumber, taxNumber, imoNumber...)"
        )
    countries = _countries(properties, COUNTRY_PROPERTIES)
    nationalities = _countries(properties, NATIONALITY_PROPERTIES)
    dates = _dates(properties)
    addresses = _values(properties, "address")
    combinations = _count(names or [""], countries, identifiers, dates, addresses)
    if combinations > MAX_COMBINATIONS:
        raise UnreadableQueryError(
            f"{combinations} combinations of names, countries, identifiers, birth dates and "
            f"addresses; at most {MAX_COMBINATIONS}: send the query in parts"
        )
    nationality = nationalities[0] if nationalities and schema in PERSON_SCHEMAS else ""
    suppliers = tuple(
        Supplier(
            name=name,
            ref=key,
            country=country,
            registration_id=identifier,
            address=address,
            date_of_birth=birth_date,
            nationality=nationality,
        )
        for name, country, identifier, birth_date, address in product(
            names or [""], countries or [""], identifiers or [""], dates or [""], addresses or [""]
        )
    )
    used = {prop: _values(properties, prop) for prop in properties if prop in USED_PROPERTIES}
    echo = {
        "id": example_id,
        "schema": schema,
        "properties": {prop: values for prop, values in used.items() if values},
    }
    return MatchQuery(key, kinds, suppliers, echo)


def _count(*choices: Sequence[str]) -> int:
    total = 1
    for values in choices:
        total *= max(1, len(values))
    return total
