"""Entries to JSON-able dicts and back, for storing snapshots and answering the API."""

from __future__ import annotations

from dataclasses import asdict
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
    data = asdict(entry)
    data["listed_on"] = entry.listed_on.isoformat() if entry.listed_on else None
    return data


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
