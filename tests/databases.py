"""Fresh, empty test databases: SQLite files and PostgreSQL databases on 127.0.0.1:5432.

PostgreSQL runs on this machine with trust authentication for the user `postgres`; each test
session creates uniquely named databases and drops them when it ends.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
from psycopg import sql

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
_MAINTENANCE_DB = f"{POSTGRES_SERVER}/postgres"
NAME_PREFIX = "screening_test_"


class DatabaseFactory:
    """Makes empty databases of either kind and drops them all on `close`."""

    def __init__(self, sqlite_dir: Path) -> None:
        self._sqlite_dir = sqlite_dir
        self._postgres_names: list[str] = []

    def url(self, kind: str) -> str:
        return self._new(kind, template=None)

    def copy(self, url: str) -> str:
        """A new database holding what the database at `url` (one of this factory's) holds.

        Copying a database that holds every bundled list takes a fraction of a second; storing
        the lists again takes seconds of CPU. PostgreSQL copies it as a template, which needs no
        connection open to it: dispose of its engines first."""
        if url.startswith("sqlite:///"):
            copied = self._new("sqlite", template=None)
            # the backup API copies what is committed, in the WAL too
            with (
                closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as source,
                closing(sqlite3.connect(copied.removeprefix("sqlite:///"))) as target,
            ):
                source.backup(target)
            return copied
        return self._new("postgresql", template=url.rsplit("/", 1)[1])

    def _new(self, kind: str, *, template: str | None) -> str:
        name = f"{NAME_PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
        if kind == "sqlite":
            return f"sqlite:///{self._sqlite_dir / name}.db"
        if kind == "postgresql":
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template is not None:
                create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
            with psycopg.connect(_MAINTENANCE_DB, autocommit=True) as connection:
                connection.execute(create)
            self._postgres_names.append(name)
            return f"postgresql://postgres@127.0.0.1:5432/{name}"
        raise ValueError(f"unknown database kind {kind!r}")

    def close(self) -> None:
        if not self._postgres_names:
            return
        with psycopg.connect(_MAINTENANCE_DB, autocommit=True) as connection:
            for name in self._postgres_names:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        self._postgres_names.clear()
