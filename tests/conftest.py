"""Shared fixtures: the bundled lists, parsed once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from databases import DatabaseFactory
from listfiles import read_bundled
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES
from screening.watchlist.snapshot import build_snapshot


@pytest.fixture(scope="session")
def bundled_snapshots() -> dict[str, ListSnapshot]:
    """Every bundled list parsed from the shipped publishers' files, keyed by list id."""
    return {s.list_id: build_snapshot(s.list_id, read_bundled(s.list_id)) for s in LIST_SOURCES}


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    """Makes empty SQLite or PostgreSQL databases: `database_factory.url("postgresql")`."""
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"))
    yield factory
    factory.close()


@pytest.fixture(
    params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest, database_factory: DatabaseFactory) -> str:
    """The URL of a new, empty database; each test runs once on SQLite and once on PostgreSQL."""
    url: str = database_factory.url(request.param)
    return url
