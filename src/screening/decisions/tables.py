"""The case decisions table. Decisions are never edited: a new decision on a pair supersedes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel


class DecisionRow(SQLModel, table=True):
    __tablename__ = "case_decisions"
    __table_args__ = (
        Index("ix_case_decisions_pair", "tenant_id", "supplier_key", "list_id", "source_id"),
    )

    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    ref: str = Field(max_length=200)
    supplier_key: str = Field(max_length=250)  # "ref:<ref>" or "data:<fingerprint>"
    supplier: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    supplier_fingerprint: str = Field(max_length=64)
    list_id: str = Field(max_length=64)
    source_id: str = Field(max_length=100)
    list_version: str = Field(max_length=100)  # the version the reviewer saw
    entry: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    entry_fingerprint: str = Field(max_length=64)
    verdict: str = Field(max_length=20)
    note: str = Field(sa_column=Column(Text, nullable=False))
    decided_by: str = Field(max_length=64)
    decided_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    basis: str = Field(max_length=100)  # "job:<id>" or "screening:<id>"
