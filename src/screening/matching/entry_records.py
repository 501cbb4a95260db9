"""Watchlist entries as records of plain values (strings, numbers, tuples) and back: what an index
file keeps of each entry, written and read many times faster than the JSON of the snapshots'
store (screening.watchlist.serialise)."""

from __future__ import annotations

from datetime import date
from typing import Any

from screening.watchlist.model import (
    Address,
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
)

IdentifierRecord = tuple[str, str, str, str]


def identifier_record(identifier: Identifier) -> IdentifierRecord:
    return identifier.kind.value, identifier.value, identifier.country_code, identifier.note


def identifier_from_record(record: IdentifierRecord) -> Identifier:
    kind, value, country_code, note = record
    return Identifier(IdentifierKind(kind), value, country_code, note)


def entry_record(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.list_id,
        entry.source_id,
        entry.kind.value,
        entry.name,
        tuple((alias.name, alias.type.value, alias.script) for alias in entry.aliases),
        entry.countries,
        tuple((a.street, a.city, a.country, a.country_code) for a in entry.addresses),
        tuple(map(identifier_record, entry.identifiers)),
        entry.programs,
        entry.listed_on.toordinal() if entry.listed_on else None,
        entry.remarks,
        tuple((k.relation.value, k.name, k.list_id, k.source_id) for k in entry.links),
        entry.sectors,
        entry.birth_dates,
        entry.nationalities,
    )


def entry_from_record(record: tuple[Any, ...]) -> Entry:
    (
        list_id,
        source_id,
        kind,
        name,
        aliases,
        countries,
        addresses,
        identifiers,
        programs,
        listed_on,
        remarks,
        links,
        sectors,
        birth_dates,
        nationalities,
    ) = record
    return Entry(
        list_id=list_id,
        source_id=source_id,
        kind=EntryKind(kind),
        name=name,
        aliases=tuple(Alias(text, AliasType(type_), script) for text, type_, script in aliases),
        countries=countries,
        addresses=tuple(Address(*address) for address in addresses),
        identifiers=tuple(map(identifier_from_record, identifiers)),
        programs=programs,
        listed_on=date.fromordinal(listed_on) if listed_on is not None else None,
        remarks=remarks,
        links=tuple(
            Link(LinkRelation(relation), text, other_list, other_id)
            for relation, text, other_list, other_id in links
        ),
        sectors=sectors,
        birth_dates=birth_dates,
        nationalities=nationalities,
    )
