"""Stored screenings: every API screening with who asked, when, the input, results and lists."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Table, func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, col, select

from screening.audit.log import DriverStatement
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


# The screenings table's columns in the order `insert_screenings` takes a row's values; the
# JSON columns (input, results, list_versions) as their encoded text, stored as it is.
SCREENING_COLUMNS = (
    "id", "tenant_id", "key_id", "created", "supplier_count",
    "input", "results", "list_versions", "threshold", "engine_version",
)  # fmt: skip
_CREATED = SCREENING_COLUMNS.index("created")
_SCREENINGS: Table = ScreeningRow.__table__  # type: ignore[attr-defined]

# PostgreSQL: the rows as one JSON text read with the table's row type, so the statement's text
# is the same for any number of rows and psycopg prepares it once per connection. The JSON
# columns' text is placed in it as it is, and their `json` type keeps it verbatim.
_POSTGRESQL_INSERT = (
    f"INSERT INTO screenings ({', '.join(SCREENING_COLUMNS)}) SELECT {', '.join(SCREENING_COLUMNS)}"
    " FROM json_populate_recordset(NULL::screenings, %s::json)"
)
_JSON_COLUMNS = tuple(
    SCREENING_COLUMNS.index(column) for column in ("input", "results", "list_versions")
)


def insert_screenings(dialect: str, rows: Sequence[tuple[Any, ...]]) -> DriverStatement:
    """One INSERT of all `rows` (values in SCREENING_COLUMNS' order), in the driver's own SQL
    for `dialect` (postgresql or sqlite): run beside the audit records' chain heads
    (audit.log.append_audit_events' `along_with`)."""
    if dialect == "postgresql":
        return DriverStatement(
            _POSTGRESQL_INSERT, (orjson.dumps(list(map(_as_json, rows))).decode(),)
        )
    time = _sqlite_time()
    values: list[Any] = []
    for row in rows:
        values.extend(row)
        values[_CREATED - len(row)] = time(row[_CREATED])
    return DriverStatement(_sqlite_insert(len(rows)), tuple(values))


def _as_json(row: tuple[Any, ...]) -> dict[str, Any]:
    values = dict(zip(SCREENING_COLUMNS, row, strict=True))
    for position in _JSON_COLUMNS:
        column = SCREENING_COLUMNS[position]
        values[column] = orjson.Fragment(values[column])
    return values


@functools.cache
def _sqlite_time() -> Any:
    """`created` as SQLAlchemy's DateTime writes it in SQLite (the ORM reads it back)."""
    dialect = sqlite.dialect()
    return _SCREENINGS.c.created.type.dialect_impl(dialect).bind_processor(dialect)


@functools.lru_cache(maxsize=64)
def _sqlite_insert(rows: int) -> str:
    row = "(" + ", ".join(["?"] * len(SCREENING_COLUMNS)) + ")"
    return (
        f"INSERT INTO screenings ({', '.join(SCREENING_COLUMNS)}) VALUES {', '.join([row] * rows)}"
    )
