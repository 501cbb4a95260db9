"""The audit tables: the append-only records and one head row per chain that serialises appends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class AuditRecordRow(SQLModel, table=True):
    """One audit record. Rows are only ever inserted; PostgreSQL refuses UPDATE and DELETE."""

    __tablename__ = "audit_records"
    __table_args__ = (UniqueConstraint("tenant_id", "seq", name="uq_audit_records_tenant_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=64, index=True)  # the chain; "" = the system chain
    seq: int
    # Stored with its zone so PostgreSQL keeps the instant whatever the session's TimeZone is;
    # SQLite drops the zone and the chain reads naive times as UTC.
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    actor: str = Field(max_length=100)  # API key id, "cli" or "system"
    role: str = Field(max_length=16)
    action: str = Field(max_length=50, index=True)
    subject: str = Field(max_length=200)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditChainHeadRow(SQLModel, table=True):
    """The last record of a chain. Appends lock this row, so a chain never forks."""

    __tablename__ = "audit_chain_heads"

    tenant_id: str = Field(primary_key=True, max_length=64)
    last_seq: int = 0
    last_hash: str = Field(max_length=64)
