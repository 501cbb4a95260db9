"""Monitoring tables: kept supplier lists, the alerts they raise, webhooks and deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel


class MonitoredListRow(SQLModel, table=True):
    """A supplier list kept for re-screening, with the matches of its last screening."""

    __tablename__ = "monitored_lists"

    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    job_id: str = Field(default="", max_length=64, index=True)  # the upload's job, if any
    name: str = Field(default="", max_length=300)  # the uploaded file's name
    created_by: str = Field(max_length=64)
    created: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    status: str = Field(default="active", max_length=16)  # pending (its job runs), active, stopped
    threshold: float | None = Field(default=None)
    lists: list[str] | None = Field(default=None, sa_column=Column(JSON))  # None: every list
    suppliers: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    # The last screening: MatchState dicts, and the list versions it ran on ({list_id: version}).
    states: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    list_versions: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    lists_sha256: str = Field(max_length=64)  # fingerprint of list_versions, to skip repeats
    screened: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AlertRow(SQLModel, table=True):
    """A change found by re-screening a monitored list: new match, changed match, match gone."""

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_tenant_id_id", "tenant_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenants.id", max_length=64)
    monitored_list_id: str = Field(foreign_key="monitored_lists.id", index=True, max_length=64)
    kind: str = Field(max_length=20)
    supplier: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    list_id: str = Field(max_length=64)
    source_id: str = Field(max_length=100)
    entry_name: str = Field(max_length=500)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    changes: list[str] = Field(sa_column=Column(JSON, nullable=False))
    list_versions: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class WebhookRow(SQLModel, table=True):
    """A tenant's webhook. The secret signs deliveries; the API never returns it."""

    __tablename__ = "webhooks"

    tenant_id: str = Field(foreign_key="tenants.id", primary_key=True, max_length=64)
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=500)
    created_by: str = Field(max_length=64)
    created: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class WebhookEventRow(SQLModel, table=True):
    """One payload to deliver to one tenant's webhook, retried until delivered or out of tries."""

    __tablename__ = "webhook_events"
    __table_args__ = (Index("ix_webhook_events_due", "state", "next_attempt"),)

    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    url: str = Field(max_length=2000)
    body: str = Field(sa_column=Column(Text, nullable=False))  # the exact bytes signed, as UTF-8
    created: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    state: str = Field(default="pending", max_length=16)  # pending, delivered, failed
    attempts: int = 0
    next_attempt: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class WebhookAttemptRow(SQLModel, table=True):
    """One attempt to deliver an event: when, the HTTP status or the error."""

    __tablename__ = "webhook_attempts"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="webhook_events.id", index=True, max_length=64)
    attempt: int
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    status_code: int | None = Field(default=None)
    error: str = Field(default="", max_length=500)
    delivered: bool = Field(default=False)
