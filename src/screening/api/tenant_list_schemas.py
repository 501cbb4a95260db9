"""The JSON of /v1/tenant-lists: a tenant's own lists."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class TenantListImported(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "example": {
                "list": "tenant-audit-failures",
                "title": "Audit failures",
                "version": "2026-12-07-5be1c2a0",
                "entries": 42,
            }
        },
    )

    list_: str = Field(alias="list", description="The list's id: `tenant-<slug of its title>`.")
    title: str = Field(description="The title it was posted under (form field `name`).")
    version: str = Field(description="The version now screened: import date and file sha256.")
    entries: int = Field(description="Entries read from the file (one per row).")


class TenantListOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    list_: str = Field(alias="list", description="List id, as results and reports name it.")
    title: str
    version: str = Field(description="The version screened now.")
    sha256: str = Field(description="Of the file imported.")
    file: str = Field(description="The name of the file imported.")
    entries: int
    imported_at: datetime
    imported_by: str = Field(description="The id of the key that imported this version.")
    created: datetime = Field(description="When the list was first imported.")


class TenantListsResponse(BaseModel):
    lists: list[TenantListOut] = Field(
        description="The tenant's own lists, screened beside the official ones for it only."
    )
