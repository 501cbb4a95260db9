"""The tables of tenant lists: each list a tenant keeps, and every version imported of it.

A version keeps its parsed entries (gzip-compressed JSON, as list snapshots do), so a job that
screened against it can be re-run on any worker; a deleted list keeps its versions for the same
reason and is only marked deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from screening.utc import utc_now


class TenantListRow(SQLModel, table=True):
    """One list of one tenant: its id (`tenant-<slug>`, unique within the tenant) and title."""

    __tablename__ = "tenant_lists"

    tenant_id: str = Field(foreign_key="tenants.id", primary_key=True, max_length=64)
    list_id: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=200)
    created: datetime = Field(default_factory=utc_now)
    created_by: str = Field(max_length=100)  # the key id that made it
    deleted: datetime | None = Field(default=None)


class TenantListVersionRow(SQLModel, table=True):
    """One imported version of a tenant list, with its entries; one per list is active."""

    __tablename__ = "tenant_list_versions"
    __table_args__ = (
        UniqueConstraint(
            "tenant_id", "list_id", "sha256", name="uq_tenant_list_versions_list_sha256"
        ),
        Index(
            "uq_tenant_list_versions_active",
            "tenant_id",
            "list_id",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    list_id: str = Field(max_length=64)
    version: str = Field(max_length=100)
    sha256: str = Field(max_length=64)  # of the uploaded file
    file_name: str = Field(max_length=300)
    entry_count: int
    imported_at: datetime = Field(default_factory=utc_now)
    imported_by: str = Field(max_length=100)  # the importing key's id
    active: bool = Field(default=False)
    entries_gz: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
