"""The database tables: tenants, API keys, list snapshots and stored screenings.

Times are timezone-aware UTC; SQLModel stores them as UTC and gives them back aware, on SQLite too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from screening.utc import utc_now

ROLES: tuple[str, ...] = ("analyst", "auditor", "admin")


class TenantRow(SQLModel, table=True):
    """A customer: every key, screening and upload belongs to exactly one tenant."""

    __tablename__ = "tenants"

    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(unique=True, max_length=200)
    created: datetime = Field(default_factory=utc_now)


class ApiKeyRow(SQLModel, table=True):
    """An API key, known only by the sha256 of its secret."""

    __tablename__ = "api_keys"

    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    key_sha256: str = Field(unique=True, max_length=64)
    role: str = Field(max_length=16)  # one of ROLES
    label: str = Field(default="", max_length=200)
    created: datetime = Field(default_factory=utc_now)
    revoked: datetime | None = Field(default=None)


class SnapshotRow(SQLModel, table=True):
    """One imported version of one list, with its parsed entries (gzip-compressed JSON).

    Old versions stay, so a past screening can still show the entry it matched.
    """

    __tablename__ = "list_snapshots"
    __table_args__ = (
        UniqueConstraint("list_id", "sha256", name="uq_list_snapshots_list_sha256"),
        # At most one active snapshot per list, enforced by the database itself.
        Index(
            "uq_list_snapshots_active",
            "list_id",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    list_id: str = Field(index=True, max_length=64)
    version: str = Field(max_length=100)
    published: date | None = Field(default=None)
    sha256: str = Field(max_length=64)
    files: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    entry_count: int
    imported_at: datetime = Field(default_factory=utc_now)
    imported_by: str = Field(max_length=100)  # "bundled", "cli" or the importing key's id
    active: bool = Field(default=False)
    entries_gz: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ScreeningRow(SQLModel, table=True):
    """One screening call: who asked, when, what was sent, what came back, against which lists."""

    __tablename__ = "screenings"

    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    key_id: str = Field(foreign_key="api_keys.id", max_length=64)
    created: datetime = Field(default_factory=utc_now, index=True)
    supplier_count: int
    input: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    results: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    list_versions: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    threshold: float
    engine_version: str = Field(max_length=50)


class ReadGenerationRow(SQLModel, table=True):
    """One row: a counter that database triggers move whenever an API key, a case decision or a
    tenant list changes (store/generations.py)."""

    __tablename__ = "read_generation"

    id: int = Field(primary_key=True)
    generation: int = Field(default=0, sa_type=BigInteger)
