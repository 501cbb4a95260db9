"""Entries to JSON-able dicts and back, for storing snapshots and answering the API."""

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


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """What dataclasses.asdict makes of `entry` (the same keys in the same order, tuples kept),
    its date as ISO text. Written out field by field: asdict deep-copies every value on the way,
    which made storing a snapshot take seconds (8 s of CPU of a cold start's 30)."""
    return {
        "list_id": entry.list_id,
        "source_id": entry.source_id,
        "kind": entry.kind,
        "name": entry.name,
        "aliases": tuple(
            {"name": a.name, "type": a.type, "script": a.script} for a in entry.aliases
        ),
        "countries": entry.countries,
        "addresses": tuple(
            {
                "street": a.street,
                "city": a.city,
                "country": a.country,
                "country_code": a.country_code,
            }
            for a in entry.addresses
        ),
        "identifiers": tuple(
            {"kind": i.kind, "value": i.value, "country_code": i.country_code, "note": i.note}
            for i in entry.identifiers
        ),
        "programs": entry.programs,
        "listed_on": entry.listed_on.isoformat() if entry.listed_on else None,
        "remarks": entry.remarks,
        "links": tuple(
            {"relation": k.relation, "name": k.name, "list_id": k.list_id, "source_id": k.source_id}
            for k in entry.links
        ),
        "sectors": entry.sectors,
        "birth_dates": entry.birth_dates,
        "nationalities": entry.nationalities,
    }


def entry_from_dict(data: dict[str, Any]) -> Entry:
    listed_on = data.get("listed_on")
    return Entry(
        list_id=data["list_id"],
        source_id=data["source_id"],
        kind=EntryKind(data["kind"]),
        name=data["name"],
        aliases=tuple(
            Alias(a["name"], AliasType(a["type"]), a.get("script", "Latin"))
            for a in data.get("aliases", ())
        ),
        countries=tuple(data.get("countries", ())),
        addresses=tuple(Address(**a) for a in data.get("addresses", ())),
        identifiers=tuple(
            Identifier(
                IdentifierKind(i["kind"]), i["value"], i.get("country_code", ""), i.get("note", "")
            )
            for i in data.get("identifiers", ())
        ),
        programs=tuple(data.get("programs", ())),
        listed_on=date.fromisoformat(listed_on) if listed_on else None,
        remarks=data.get("remarks", ""),
        links=tuple(
            Link(
                LinkRelation(k["relation"]),
                k.get("name", ""),
                k.get("list_id", ""),
                k.get("source_id", ""),
            )
            for k in data.get("links", ())
        ),
        sectors=tuple(data.get("sectors", ())),
        birth_dates=tuple(data.get("birth_dates", ())),
        nationalities=tuple(data.get("nationalities", ())),
    )
