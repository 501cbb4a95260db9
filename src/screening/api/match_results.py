"""Matches as /match results: FollowTheMoney entities with a 0-1 score and numeric features.

An entry becomes an entity whose `id` is `<list>:<source id>` (stable across list versions, as
the publisher's id is), whose `schema` comes from its kind (an organisation whose primary name
carries a company's legal form is a Company), and whose `properties` are its names, countries,
addresses, identifiers and programmes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from screening.api.results import entry_path
from screening.matching.model import Match
from screening.matching.qualifiers import COUNTRY_CONFLICT_PENALTY, COUNTRY_MATCH_BONUS
from screening.names.normalise import normalise_name
from screening.watchlist.model import Address, AliasType, Entry, EntryKind, IdentifierKind

_SCHEMAS = {
    EntryKind.PERSON: "Person",
    EntryKind.ORGANIZATION: "Organization",
    EntryKind.VESSEL: "Vessel",
    EntryKind.AIRCRAFT: "Airplane",
}
_ALIAS_PROPERTIES = {AliasType.FKA: "previousName", AliasType.WEAK: "weakAlias"}
_IDENTIFIER_PROPERTIES = {
    IdentifierKind.IMO: "imoNumber",
    IdentifierKind.SWIFT: "swiftBic",
    IdentifierKind.REGISTRATION: "registrationNumber",
    IdentifierKind.TAX: "taxNumber",
    IdentifierKind.PASSPORT: "passportNumber",
    IdentifierKind.NATIONAL_ID: "idNumber",
    IdentifierKind.CALL_SIGN: "callSign",
    IdentifierKind.OTHER: "idNumber",
}

# What each feature means and what it adds to the 0-1 score (0: evidence shown, not added).
FEATURE_DOCS: dict[str, dict[str, Any]] = {
    "name_similarity": {
        "description": "How closely the best pair of names agrees, 0-1, across spellings, "
        "romanisations, scripts and legal forms; the score starts from it.",
        "coefficient": 1.0,
    },
    "identifier_match": {
        "description": "A registration, tax, IMO or SWIFT number equal to the entry's: the "
        "score is 1.",
        "coefficient": 1.0,
    },
    "country_match": {
        "description": "A country of the query is among the entry's.",
        "coefficient": COUNTRY_MATCH_BONUS / 100,
    },
    "country_mismatch": {
        "description": "The query's country is none of the entry's (a DPRK entry abroad "
        "excepted: its fronts act elsewhere).",
        "coefficient": -COUNTRY_CONFLICT_PENALTY / 100,
    },
    "legal_form_match": {
        "description": "Both names carry the same legal form (LLC, Co. Ltd...).",
        "coefficient": 0.0,
    },
    "legal_form_mismatch": {
        "description": "Both names carry a legal form, and they differ.",
        "coefficient": 0.0,
    },
    "romanisation": {
        "description": "Words that agree once romanised alike (Choson ~ Joseon).",
        "coefficient": 0.0,
    },
    "transliteration": {
        "description": "The query's name was written in another script (Hangul, Cyrillic, "
        "Chinese) and compared in Latin letters.",
        "coefficient": 0.0,
    },
}


def match_features(explanation: dict[str, Any]) -> dict[str, float]:
    """The explanation of a match (see matching.explain) as yente's numeric features; a
    feature that does not apply is left out."""
    features = {"name_similarity": round(float(explanation.get("name_similarity", 0.0)) / 100, 3)}
    if explanation.get("identifier"):
        features["identifier_match"] = 1.0
    country = (explanation.get("country") or {}).get("result")
    if country == "match":
        features["country_match"] = 1.0
    elif country == "conflict":
        features["country_mismatch"] = 1.0
    forms = explanation.get("legal_form") or {}
    mine = {item["form"] for item in forms.get("supplier", ())}
    theirs = {item["form"] for item in forms.get("entry", ())}
    if mine and theirs:
        features["legal_form_match" if mine & theirs else "legal_form_mismatch"] = 1.0
    if explanation.get("romanisation"):
        features["romanisation"] = 1.0
    if explanation.get("transliteration"):
        features["transliteration"] = 1.0
    return features


def entry_schema(entry: Entry) -> str:
    if entry.kind is EntryKind.ORGANIZATION and normalise_name(entry.name).legal_forms:
        return "Company"
    return _SCHEMAS[entry.kind]


def _address(address: Address) -> str:
    return ", ".join(part for part in (address.street, address.city, address.country) if part)


def entry_properties(entry: Entry) -> dict[str, list[str]]:
    properties: dict[str, list[str]] = {"name": [entry.name]}

    def add(prop: str, value: str) -> None:
        values = properties.setdefault(prop, [])
        if value and value not in values:
            values.append(value)

    for alias in entry.aliases:
        if alias.name != entry.name:
            add(_ALIAS_PROPERTIES.get(alias.type, "alias"), alias.name)
    for code in entry.countries:
        add("country", code.lower())
    for address in entry.addresses:
        add("address", _address(address))
    for identifier in entry.identifiers:
        add(_IDENTIFIER_PROPERTIES[identifier.kind], identifier.value)
    for program in entry.programs:
        add("program", program)
    add("notes", entry.remarks)
    return {prop: values for prop, values in properties.items() if values}


def scored_entity(match: Match, threshold: float) -> dict[str, Any]:
    """One result; `threshold` 0-1."""
    entry = match.entry
    score = round(match.score / 100, 3)
    return {
        "id": f"{entry.list_id}:{entry.source_id}",
        "caption": entry.name,
        "schema": entry_schema(entry),
        "properties": entry_properties(entry),
        "datasets": [entry.list_id],
        "referents": [],
        "target": True,
        "score": score,
        "match": score >= threshold,
        "features": match_features(match.explanation),
        "notes": list(match.notes),
        "entry_url": entry_path(entry.list_id, entry.source_id),
    }


@dataclass(frozen=True, slots=True)
class QueryMatches:
    matches: list[Match]  # best first, one per entry
    complete: bool  # False when a supplier reached the most matches the engine keeps


def best_per_entry(
    matches_per_supplier: Iterable[list[Match]],
    kinds: Collection[EntryKind],
    excluded_schemas: Collection[str],
    kept: int,
) -> QueryMatches:
    """The best match of each entry across a query's suppliers, of the kinds the query's schema
    may match and not of an excluded schema; `kept` is how many the engine kept per supplier."""
    best: dict[tuple[str, str], Match] = {}
    complete = True
    for matches in matches_per_supplier:
        complete = complete and len(matches) < kept
        for match in matches:
            entry = match.entry
            if entry.kind not in kinds or (
                excluded_schemas and entry_schema(entry) in excluded_schemas
            ):
                continue
            known = best.get(entry.key)
            if known is None or match.score > known.score:
                best[entry.key] = match
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.entry.key))
    return QueryMatches(ranked, complete)
