"""Stored screenings: every API screening with who asked, when, the input, results and lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from screening.store.tables import ScreeningRow


def get_screening(session: Session, tenant_id: str, screening_id: str) -> ScreeningRow | None:
    """The screening if it belongs to `tenant_id`; another tenant's is as good as absent."""
    row = session.get(ScreeningRow, screening_id)
    if row is None or row.tenant_id != tenant_id:
        return None
    return row


@dataclass(frozen=True, slots=True)
class ScreeningSummary:
    id: str
    key_id: str
    created: datetime
    supplier_count: int
    threshold: float
    list_versions: list[dict[str, Any]]


def recent_screenings(
    session: Session, tenant_id: str, *, limit: int, offset: int
) -> tuple[list[ScreeningSummary], int]:
    """A page of the tenant's screenings (without their input and results), newest first,
    and the tenant's total."""
    rows = session.execute(
        sa_select(
            col(ScreeningRow.id),
            col(ScreeningRow.key_id),
            col(ScreeningRow.created),
            col(ScreeningRow.supplier_count),
            col(ScreeningRow.threshold),
            col(ScreeningRow.list_versions),
        )
        .where(col(ScreeningRow.tenant_id) == tenant_id)
        .order_by(col(ScreeningRow.created).desc(), col(ScreeningRow.id))
        .offset(offset)
        .limit(limit)
    ).all()
    total: Any = session.exec(
        select(func.count()).select_from(ScreeningRow).where(ScreeningRow.tenant_id == tenant_id)
    ).one()
    return [ScreeningSummary(*row) for row in rows], int(total)
