"""UTC times, the one zone the service stores: the time now, and a stored time made aware again.

SQLite gives times back without their zone, PostgreSQL in the session's zone; every stored time is
UTC, so `as_utc` turns either into an aware UTC time before it is compared or shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def utc_now() -> datetime:
    return datetime.now(UTC)


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as an aware UTC time (a naive one is taken to be UTC); None stays None."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z: "2025-03-01T09:30:05+00:00" is written "2025-03-01T09:30:05Z"."""
    return as_utc(moment).isoformat().replace("+00:00", "Z")
