"""Request and response bodies of POST /match/{dataset}: yente's (the OpenSanctions API's) shape.

A client of yente or of the OpenSanctions API changes one URL: the field names, nesting and
meanings are theirs (yente's `EntityMatchQuery` and `EntityMatchResponse`). Fields this service
adds (`screening_id`, `lists`, `threshold`, `engine_version`, and per result `notes` and
`entry_url`) are extra keys such a client ignores.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from screening.api.schemas import ListVersionOut

# The largest batch of queries in one request, as yente's MAX_BATCH.
MAX_QUERIES = 100

_COMPANY_QUERY: dict[str, Any] = {
    "schema": "Company",
    "properties": {
        "name": ["Korea Ryonbong General Corp."],
        "jurisdiction": ["kp"],
        "registrationNumber": ["84BA99810"],
    },
}


class EntityExample(BaseModel):
    """A person, company or organisation described by FollowTheMoney properties."""

    model_config = ConfigDict(populate_by_name=True, json_schema_extra={"example": _COMPANY_QUERY})

    id: str | None = Field(default=None, max_length=200, description="Your own id; echoed.")
    schema_: str = Field(
        alias="schema",
        max_length=100,
        description="Person, Company, Organization or LegalEntity (also Vessel, Airplane, "
        "Thing): the kind of entity to find.",
    )
    properties: dict[str, str | list[Any]] = Field(
        description="FollowTheMoney properties, each a list of values: name (alias, "
        "previousName, weakAlias; for a person also firstName, middleName, fatherName, "
        "lastName), country (jurisdiction, nationality, citizenship), registrationNumber "
        "(taxNumber, innCode, ogrnCode, leiCode, swiftBic, imoNumber, idNumber, "
        "passportNumber...), address, birthDate. Other properties are ignored; `query` in the "
        "answer shows those used."
    )


class MatchRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": {"queries": {"q1": _COMPANY_QUERY}}})

    queries: dict[str, EntityExample] = Field(
        description=f"The entities to screen, by a key of your choice (at most {MAX_QUERIES}); "
        "the answer's `responses` use the same keys."
    )


class TotalSpec(BaseModel):
    value: int = Field(description="Entries at or above the threshold, before `limit`.")
    relation: Literal["eq", "gte"] = Field(
        description="`eq`: exactly `value`; `gte`: at least (the engine kept no more)."
    )


class ScoredEntity(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(description="The entry's stable id: `<list>:<source id>`.")
    caption: str = Field(description="The entry's primary name.")
    schema_: str = Field(
        alias="schema", description="Person, Organization, Company, Vessel or Airplane."
    )
    properties: dict[str, list[str]] = Field(
        description="The entry as FollowTheMoney properties: name, alias, previousName, "
        "weakAlias, country (lower-case ISO codes), address, identifiers (registrationNumber, "
        "taxNumber, imoNumber, swiftBic, passportNumber, idNumber, callSign), program, notes."
    )
    datasets: list[str] = Field(description="The list the entry is on (our list id).")
    referents: list[str] = Field(default=[], description="Always empty: entries are not merged.")
    target: bool = Field(default=True, description="Always true: every entry is listed.")
    score: float = Field(description="Match score 0-1 (the 0-100 score of /v1/screen / 100).")
    match: bool = Field(description="Whether `score` is at or above the threshold.")
    features: dict[str, float] = Field(
        description="The evidence as numbers (see `matcher`): name similarity, identifier, "
        "country and legal form agreement, romanisation, transliteration."
    )
    notes: list[str] = Field(default=[], description="The evidence as short checkable phrases.")
    entry_url: str = Field(description="Path of the whole entry: GET it with the same key.")


class EntityMatches(BaseModel):
    status: int = Field(
        description="200; 400 when this query could not be read (see `error`): the other "
        "queries of the batch are answered."
    )
    results: list[ScoredEntity] = Field(description="Best first, at most `limit`.")
    total: TotalSpec
    query: dict[str, Any] = Field(
        description="The query as read: its id, schema and the properties used."
    )
    error: str | None = Field(default=None, description="Why the query could not be read.")


class FeatureDoc(BaseModel):
    description: str
    coefficient: float = Field(description="What the feature adds to the 0-1 score; 0: evidence.")
    url: str | None = None


class MatchResponse(BaseModel):
    responses: dict[str, EntityMatches] = Field(description="One answer per query key.")
    matcher: dict[str, FeatureDoc] = Field(description="What each feature means.")
    limit: int = Field(description="The most results per query.")
    threshold: float = Field(description="The threshold applied, 0-1.")
    screening_id: str = Field(
        description="The stored screening: GET /v1/screenings/{screening_id}."
    )
    lists: list[ListVersionOut] = Field(description="The versions of the lists screened.")
    engine_version: str
