"""The real app on a real database (SQLite file and PostgreSQL), with one Screener per session.

Building the match index takes seconds, so one Screener over every bundled list serves the whole
session; each database kind gets the bundled snapshots stored once, and every test file (each
kind in turn) is served a fresh copy of that database. Tests make their own tenants, so they
never see each other's data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from databases import DatabaseFactory
from match_index import shared_screener
from screening.screener import Screener
from screening.watchlist.model import ListSnapshot
from support.serving import (
    DATABASE_KINDS,
    Api,
    StoredListsDatabases,
    Tenant,
    served_api,
)


@pytest.fixture(scope="session")
def screener(bundled_snapshots: dict[str, ListSnapshot]) -> Screener:
    """One Screener over every bundled list, shared by every API test (and the matching tests)."""
    return shared_screener(bundled_snapshots)


@pytest.fixture(scope="session")
def stored_bundled_lists(
    database_factory: DatabaseFactory, bundled_snapshots: dict[str, ListSnapshot]
) -> StoredListsDatabases:
    """One database of each kind holding the bundled snapshots, never served itself."""
    return StoredListsDatabases(database_factory, list(bundled_snapshots.values()))


@pytest.fixture(scope="session", params=DATABASE_KINDS)
def api_database(
    request: pytest.FixtureRequest,
    database_factory: DatabaseFactory,
    stored_bundled_lists: StoredListsDatabases,
) -> str:
    """A database holding the bundled snapshots (the ones the shared Screener serves).

    pytest makes it again whenever the kind changes, once or twice per test file: a copy of the
    stored one costs a fraction of a second where storing the lists again cost seconds."""
    return database_factory.copy(stored_bundled_lists.url(request.param))


@pytest.fixture(scope="session")
def api(
    api_database: str, screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    with served_api(api_database, screener, tmp_path_factory.mktemp("var")) as api:
        yield api


@pytest.fixture()
def tenant(api: Api) -> Tenant:
    return api.new_tenant()


@pytest.fixture()
def analyst_key(api: Api, tenant: Tenant) -> str:
    return api.new_key(tenant, "analyst")


@pytest.fixture()
def auditor_key(api: Api, tenant: Tenant) -> str:
    return api.new_key(tenant, "auditor")
