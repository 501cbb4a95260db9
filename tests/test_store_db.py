"""The database layer: engines for SQLite and PostgreSQL, and migrations that match the tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from screening.store.db import database_url, make_engine, migrate
from screening.store.metadata import all_tables_metadata


def test_plain_postgresql_url_uses_the_psycopg_3_driver() -> None:
    assert database_url("postgresql://u@h:5432/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_sqlite_engine_creates_its_directory_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert path.parent.is_dir()
    engine.dispose()


def test_migrate_creates_every_table_and_runs_twice_safely(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"tenants", "api_keys", "list_snapshots", "screenings", "alembic_version"} <= tables
    engine.dispose()


def test_migrations_match_the_table_definitions(database_url: str) -> None:
    """A table changed without a new Alembic revision shows up here as a difference."""
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, all_tables_metadata())
    engine.dispose()
    # e.g. "add_table audit_records": a table module with no revision under store/migrations.
    assert [_describe(d) for d in differences] == []


def _describe(difference: Any) -> str:
    if isinstance(difference, list):  # column changes come grouped
        return "; ".join(_describe(d) for d in difference)
    action, *rest = difference
    target = rest[0]
    return f"{action} {getattr(target, 'name', target)}"
