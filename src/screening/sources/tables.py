"""The status of each list's updates: one row per list, shared by every process of a deployment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


def _moment(*, index: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=True, index=index)


class ListStatusRow(SQLModel, table=True):
    """Where a list's serving version came from, when it was last checked, and what went wrong."""

    __tablename__ = "list_status"

    list_id: str = Field(primary_key=True, max_length=64)
    source: str = Field(default="", max_length=2000)  # the URL or folder it came from
    format_id: str = Field(default="", max_length=64)
    # When the serving version's files arrived; the last check that succeeded; the last check.
    fetched_at: datetime | None = Field(default=None, sa_column=_moment())
    checked_at: datetime | None = Field(default=None, sa_column=_moment())
    attempted_at: datetime | None = Field(default=None, sa_column=_moment())
    error: str = Field(default="", max_length=4000)  # why the last check failed; "" = it did not
    failures: int = Field(default=0)  # checks failed in a row, for the back-off
    # The last check failed because its source does not hold the list at all (no format of it
    # there), not because the source could not be read: it must not hold back readiness.
    unavailable: bool = Field(default=False)
    # When the list is next due; pushed forward by the process that claims the check.
    next_check_at: datetime | None = Field(default=None, sa_column=_moment(index=True))
    # url -> {"etag", "last_modified"} of the copies kept for conditional requests
    validators: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
