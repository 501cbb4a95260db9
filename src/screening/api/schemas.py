"""Request and response bodies of the REST API: the published contract (see api/openapi.json).

Field names are fixed once published: add fields, never rename them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from screening.api.errors import MAX_SUPPLIERS

# The largest integer the database takes for an offset (SQLite INTEGER, PostgreSQL BIGINT), and
# for a row id (PostgreSQL INTEGER): a cursor or offset beyond is refused as invalid (422)
# before it reaches the database driver.
MAX_DB_INTEGER = 2**63 - 1
MAX_ROW_ID = 2**31 - 1

Role = Literal["analyst", "auditor", "admin"]
_ISO_BIRTH_DATE = re.compile(r"(19|20|21)\d\d(-(0[1-9]|1[0-2])(-\d\d)?)?")
# A list id as GET /v1/lists names it ("us-ofac-sdn", "un-sc").
ListId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. `validation_error`.")
    message: str = Field(description="What went wrong, for a person; names the field or file.")
    details: Any = Field(
        default=None,
        description="Context: for a 422, a list of {field, message, type}; else an object or null.",
    )


class ErrorResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "error": {
                    "code": "validation_error",
                    "message": "suppliers[0].name: Field required",
                    "details": [
                        {
                            "field": "suppliers[0].name",
                            "message": "Field required",
                            "type": "missing",
                        }
                    ],
                }
            }
        }
    )
    error: ErrorDetail


# -- screening -------------------------------------------------------------------------------


class SupplierIn(BaseModel):
    """One supplier or contractor as your ERP knows it. Only `name` is required."""

    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "ref": "V-001",
                "name": "Korea Ryonbong General Corp.",
                "country": "KP",
                "sector": "construction",
                "registration_id": "",
                "address": "Pyongyang",
            }
        },
    )

    ref: str = Field(
        default="", max_length=200, description="Your own reference (vendor number), echoed back."
    )
    name: str = Field(
        min_length=1, max_length=500, description="The company's name, in any script or spelling."
    )
    country: str = Field(
        default="",
        description="ISO 3166-1 alpha-2 code of the supplier's country, e.g. `RU`; may be empty.",
        examples=["RU"],
    )
    sector: str = Field(
        default="",
        max_length=200,
        description="What the supplier does, free text or a sector id such as `construction`.",
    )
    registration_id: str = Field(
        default="",
        max_length=200,
        description="Company, tax or registration number (INN, OGRN, USCC, IMO...).",
    )
    address: str = Field(default="", max_length=1000, description="Postal address, free text.")
    date_of_birth: str = Field(
        default="",
        description="A person's date of birth (freelancers, sole traders): an ISO 8601 date "
        "`1975-03-02`, month `1975-03` or year `1975`; may be empty.",
        examples=["1975-03-02"],
    )
    nationality: str = Field(
        default="",
        description="A person's nationality: ISO 3166-1 alpha-2 code, e.g. `KP`; may be empty.",
        examples=["KP"],
    )

    @field_validator("country", "nationality")
    @classmethod
    def _country_code(cls, value: str) -> str:
        if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
            raise ValueError("must be a two-letter ISO 3166-1 alpha-2 code such as RU, or empty")
        return value.upper()

    @field_validator("date_of_birth")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if value and not _ISO_BIRTH_DATE.fullmatch(value):
            raise ValueError("must be an ISO 8601 date (1975-03-02), month (1975-03) or year")
        if len(value) > 4:
            try:
                date.fromisoformat(value if len(value) == 10 else f"{value}-01")
            except ValueError as error:
                raise ValueError(f"{value} is not a date in the calendar") from error
        return value


class ScreenRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "suppliers": [
                    {
                        "ref": "V-001",
                        "name": "Mansudae Overseas Project Group of Companies",
                        "country": "RU",
                        "sector": "construction",
                    },
                    {"ref": "V-002", "name": "Acme Office Supplies GmbH", "country": "DE"},
                ],
                "threshold": 80,
            }
        }
    )

    suppliers: list[SupplierIn] = Field(
        min_length=1,
        max_length=MAX_SUPPLIERS,
        description=f"1 to {MAX_SUPPLIERS:,} suppliers; more is refused with 413.",
    )
    threshold: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Lowest match score (0-100) to report. Default: the service's tuned threshold "
        "(see `threshold` in the response).",
    )
    lists: list[ListId] | None = Field(
        default=None,
        min_length=1,
        description="Screen against these lists only (ids as in GET /v1/lists, e.g. `un-sc`). "
        "Default: every list the deployment screens against. An unknown list, or one the "
        "deployment does not screen, is refused with 422 naming it; the response's `lists` name "
        "the lists used.",
        examples=[["un-sc", "uk-ofsi"]],
    )


class MatchOut(BaseModel):
    list_: str = Field(
        alias="list", description="List id: us-ofac-sdn, us-ofac-cons, un-sc, uk-ofsi, dprk-labour."
    )
    source_id: str = Field(
        description="The publisher's id of the entry (OFAC ent_num, UN KPe.050)."
    )
    entry_name: str = Field(description="The entry's primary name.")
    matched_name: str = Field(description="The entry's name (primary or alias) that matched best.")
    score: float = Field(description="Match score 0-100.")
    programs: list[str] = Field(description="Sanctions programmes / regimes of the entry.")
    kind: str = Field(description="organization, person, vessel or aircraft.")
    explanation: dict[str, Any] = Field(
        description="Evidence per feature (name similarity, romanisation, legal form, country...)."
    )
    notes: list[str] = Field(default=[], description="The evidence as short checkable phrases.")
    explanation_text: list[str] = Field(
        default=[],
        description="The explanation as sentences a reviewer reads, most telling first: "
        '"The supplier\'s name is the listed alias ALEPH; no other word or identifier matches."',
    )
    entry_url: str = Field(description="Path of the whole entry: GET it with the same key.")


class ResultOut(BaseModel):
    ref: str
    name: str
    risk_score: float = Field(description="0-100.")
    risk_level: str = Field(description="clear, low, medium, high or critical.")
    reasons: list[str] = Field(description="Why the score is what it is, for a reviewer to check.")
    matches: list[MatchOut] = Field(description="Entries at or above the threshold, best first.")


class ListVersionOut(BaseModel):
    list_: str = Field(alias="list", description="List id.")
    version: str = Field(description="<published date>-<first 8 hex of sha256>")
    published: date | None
    sha256: str = Field(description="sha256 of the publisher's file (or of the file set).")


_SCREEN_RESPONSE_EXAMPLE: dict[str, Any] = {
    "results": [
        {
            "ref": "V-002",
            "name": "Korea Ryongbong General Corp.",
            "risk_score": 85.0,
            "risk_level": "high",
            "reasons": [
                "Name matches UN-listed KOREA RYONBONG GENERAL CORPORATION (KPe.002), score 90: "
                "romanisation Ryongbong ~ Ryonbong; legal form CORP = CORPORATION; "
                "country CN not among KP",
                "Probable match: a reviewer should confirm it.",
                "Listed by UN, US and UK.",
            ],
            "matches": [
                {
                    "list": "un-sc",
                    "source_id": "KPe.002",
                    "entry_name": "KOREA RYONBONG GENERAL CORPORATION",
                    "matched_name": "KOREA RYONBONG GENERAL CORPORATION",
                    "score": 90.5,
                    "programs": ["DPRK"],
                    "kind": "organization",
                    "explanation": {
                        "score": 90.5,
                        "name_similarity": 95.5,
                        "romanisation": ["ryongbong~ryonbong"],
                        "legal_form": {
                            "supplier": [{"form": "corporation", "written": "corp"}],
                            "entry": [{"form": "corporation", "written": "corporation"}],
                        },
                        "country": {
                            "supplier": "CN",
                            "entry": ["KP"],
                            "result": "conflict",
                            "adjustment": -5.0,
                        },
                    },
                    "notes": [
                        "romanisation Ryongbong ~ Ryonbong",
                        "legal form CORP = CORPORATION",
                        "country CN not among KP",
                    ],
                    "entry_url": "/v1/lists/un-sc/entries/KPe.002",
                }
            ],
        }
    ],
    "lists": [
        {
            "list": "un-sc",
            "version": "2026-02-27-66b392a4",
            "published": "2026-02-27",
            "sha256": "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf",
        },
    ],
    "screened_at": "2026-03-02T09:15:04.118Z",
    "screening_id": "3f6c1d2e-8a41-4b0e-9a57-2c1f0b7d9e63",
    "threshold": 80.0,
    "engine_version": "0.1.0",
}


class ScreenResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _SCREEN_RESPONSE_EXAMPLE})

    results: list[ResultOut] = Field(description="One per supplier, in request order.")
    lists: list[ListVersionOut] = Field(description="The list versions this screening used.")
    screened_at: datetime
    screening_id: str = Field(
        description="Read the stored screening back with GET /v1/screenings/{id}."
    )
    threshold: float = Field(description="The match threshold applied.")
    engine_version: str = Field(description="Version of the matching and risk engine.")


# -- stored screenings -----------------------------------------------------------------------


class ScreeningOut(ScreenResponse):
    key_id: str = Field(description="Id of the API key that asked (never the key itself).")
    input: dict[str, Any] = Field(description="The request as received (after validation).")


class ScreeningSummaryOut(BaseModel):
    screening_id: str
    screened_at: datetime
    key_id: str
    suppliers: int
    threshold: float
    lists: list[ListVersionOut]


class ScreeningsPage(BaseModel):
    screenings: list[ScreeningSummaryOut] = Field(description="Newest first.")
    total: int
    limit: int
    offset: int


# -- lists -----------------------------------------------------------------------------------


class SourceFileOut(BaseModel):
    name: str
    sha256: str
    size: int


class ListFreshness(BaseModel):
    """Where a list comes from and how fresh it is."""

    list_: str = Field(alias="list", description="List id.")
    name: str
    publisher: str
    status: Literal["current", "stale", "failed", "unavailable"] = Field(
        description="`current`: the last check against its source succeeded within the list's "
        "maximum age; `stale`: no successful check within it; `failed`: the last check failed "
        "and the last good version (if any) keeps serving; `unavailable`: no version serves and "
        "its source (mirror or publisher) does not hold the list, so the other lists are "
        "screened without it."
    )
    status_detail: str = Field(description="The status in words, with what to do about it.")
    source: str = Field(description="The URL or mirror folder the serving version came from.")
    format: str = Field(description="The format it was read in (lists/sources.toml).")
    fetched_at: datetime | None = Field(description="When the serving version's files arrived.")
    checked_at: datetime | None = Field(description="The last successful check of its source.")
    max_age_hours: float = Field(description="Stale after this long without a successful check.")
    warnings: list[str] = Field(default=[], description="What the loader could not place.")
    licence: str
    attribution: str


class ListOut(ListFreshness):
    version: str
    published: date | None = Field(description="The publication date the files state, if any.")
    sha256: str
    entries: int = Field(description="Number of entries (designations) in this version.")
    files: list[SourceFileOut] = Field(default=[], description="The publisher's files imported.")
    own: bool = Field(
        default=False,
        description="True for one of your own lists (POST /v1/tenant-lists), screened for "
        "your tenant only.",
    )


class ListsResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "lists": [
                    {
                        "list": "un-sc",
                        "name": "United Nations Security Council Consolidated List",
                        "publisher": "United Nations Security Council",
                        "status": "current",
                        "status_detail": "checked 2026-12-06 10:00 UTC against its source; "
                        "version 2026-02-27-66b392a4 serves (from "
                        "https://scsanctions.un.org/resources/xml/en/consolidated.xml)",
                        "source": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                        "format": "un-sc-xml",
                        "fetched_at": "2026-12-06T04:00:00Z",
                        "checked_at": "2026-12-06T10:00:00Z",
                        "max_age_hours": 24,
                        "warnings": [],
                        "licence": "Public document of the UN Security Council",
                        "attribution": "Source: United Nations Security Council Consolidated List",
                        "version": "2026-02-27-66b392a4",
                        "published": "2026-02-27",
                        "sha256": "66b392a4090868d2d39161e8d748efd3"
                        "9138377b0e6e60b7921aa67a4f99c8bf",
                        "entries": 1003,
                        "files": [
                            {
                                "name": "consolidated.xml",
                                "sha256": "66b392a4090868d2d39161e8d748efd39138377b0e"
                                "6e60b7921aa67a4f99c8bf",
                                "size": 2030620,
                            }
                        ],
                    }
                ]
            }
        }
    )

    lists: list[ListOut] = Field(description="The lists screenings run against now.")
    missing: list[ListFreshness] = Field(
        default=[],
        description="Known lists with no version to serve yet (their first fetch failed).",
    )


class ListUpdated(BaseModel):
    list_: str = Field(alias="list", description="List id.")
    result: Literal["updated", "unchanged"] = Field(
        description="`updated`: a new version serves now; `unchanged`: the source holds the "
        "version that serves."
    )
    detail: str
    version: str = Field(description="The version serving now.")
    status: ListFreshness


class ListVersionInfo(BaseModel):
    version: str
    published: date | None
    sha256: str
    entries: int
    imported_at: datetime
    active: bool


class ListVersionsResponse(BaseModel):
    list_: str = Field(alias="list", description="List id.")
    versions: list[ListVersionInfo] = Field(
        description="Every stored version, newest import first."
    )


class AliasOut(BaseModel):
    name: str
    type: str = Field(description="aka, fka, nka, weak or non-latin.")
    script: str


class AddressOut(BaseModel):
    street: str
    city: str
    country: str
    country_code: str


class IdentifierOut(BaseModel):
    kind: str
    value: str
    country_code: str
    note: str


class LinkOut(BaseModel):
    relation: str
    name: str
    list_: str = Field(alias="list", description="List id of the linked entry.")
    list_id: str = Field(description="The same as `list`; use `list`.", deprecated=True)
    source_id: str


class EntryOut(BaseModel):
    """A whole watchlist entry as its publisher describes it."""

    list_: str = Field(alias="list", description="List id.")
    list_version: str = Field(description="The list version this entry was read from.")
    list_id: str = Field(description="The same as `list`; use `list`.", deprecated=True)
    source_id: str
    kind: str
    name: str
    aliases: list[AliasOut]
    countries: list[str]
    addresses: list[AddressOut]
    identifiers: list[IdentifierOut]
    programs: list[str]
    listed_on: date | None
    remarks: str
    links: list[LinkOut]
    sectors: list[str]


class ListImported(ListOut):
    is_new_version: bool = Field(
        description="False when these exact files were imported before and that version was "
        "re-activated (status 200 rather than 201)."
    )
    # `created` is a time everywhere else in the API; kept, with the same value, for clients
    # written before `is_new_version`.
    created: bool = Field(description="The same as `is_new_version`; use that.", deprecated=True)


# -- tenants and keys ------------------------------------------------------------------------


class TenantCreate(BaseModel):
    model_config = ConfigDict(
        str_strip_whitespace=True, json_schema_extra={"example": {"name": "acme"}}
    )

    name: str = Field(min_length=1, max_length=200, description="Unique tenant name.")


class TenantCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "tenant_id": "ten_5b1e0c9a7f3d2e41",
                "name": "acme",
                "api_key": "scr_q8V0m2kQ3r7Zx1YtN5bWc9LpHs4DfGjK6uEoA0iRzTe",
                "key_id": "key_9c2d7e1f0a3b4c58",
            }
        }
    )

    tenant_id: str
    name: str
    api_key: str = Field(description="An admin key of the new tenant. Shown once: store it.")
    key_id: str


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"example": {"tenant_id": "ten_0123456789abcdef", "role": "analyst"}}
    )

    tenant_id: str | None = Field(
        default=None, description="Tenant of the new key; default: the caller's own tenant."
    )
    role: Role = Field(
        description="analyst: screen, upload, decide; auditor: read, download; admin: manage keys."
    )
    label: str = Field(default="", max_length=200, description="A note, e.g. the system using it.")


class KeyCreated(BaseModel):
    api_key: str = Field(description="The new key. Shown once: store it.")
    key_id: str
    tenant_id: str
    role: Role


class KeyOut(BaseModel):
    key_id: str
    tenant_id: str
    role: str
    label: str
    created: datetime
    revoked: datetime | None


class KeysResponse(BaseModel):
    keys: list[KeyOut]


# -- health ----------------------------------------------------------------------------------


class Health(BaseModel):
    status: str = Field(
        description="`ok` once the lists are loaded and the index is ready; before that (503) "
        "`starting`, or `failed` if loading failed (see GET /readyz)."
    )


class Readiness(BaseModel):
    ready: bool
    stage: str = Field(
        description="starting, fetching lists, loading list snapshots, building the match "
        "index, waiting for lists (none could be had yet: retrying), ready or failed."
    )
    detail: str = Field(
        description="The list being fetched, or why no list serves (naming the setting)."
    )
    started: datetime
    ready_since: datetime | None
    lists: list[ListVersionOut] = Field(description="The list versions serving, once ready.")
    list_status: list[ListFreshness] = Field(
        default=[], description="Every known list's freshness: current, stale or failed."
    )
    attention: list[str] = Field(
        default=[], description="One line per stale or failed list: what is wrong."
    )
    checks: dict[str, str] = Field(
        default_factory=dict,
        description="Each dependency: `lists` (the stage), `database` (ok or unreachable) and "
        "`broker` (ok, unreachable, or not configured when jobs run in the server). Ready only "
        "when the lists are loaded and every configured dependency answers.",
        examples=[{"lists": "ready", "database": "ok", "broker": "not configured"}],
    )
