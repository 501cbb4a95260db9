"""The real app under attack: one small Screener and one app per database kind for the session.

The security tests do not judge matching, so the Screener holds three small lists (UN, the
curated DPRK labour list, OFAC consolidated): it builds in about a second, next to the whole
set's several seconds, and list imports that are refused never rebuild it anyway.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from databases import DatabaseFactory
from screening.screener import Screener
from screening.watchlist.model import ListSnapshot
from support.serving import (
    DATABASE_KINDS,
    Api,
    StoredListsDatabases,
    build_screener,
    served_api,
)

SECURITY_LISTS = ("us-ofac-cons", "un-sc", "dprk-labour")


@pytest.fixture(scope="session")
def security_snapshots(bundled_snapshots: dict[str, ListSnapshot]) -> list[ListSnapshot]:
    return [bundled_snapshots[list_id] for list_id in SECURITY_LISTS]


@pytest.fixture(scope="session")
def screener(security_snapshots: list[ListSnapshot]) -> Screener:
    return build_screener(security_snapshots)


@pytest.fixture(scope="session")
def stored_lists(
    database_factory: DatabaseFactory, security_snapshots: list[ListSnapshot]
) -> StoredListsDatabases:
    """One database of each kind, holding the Screener's lists, made when first asked for."""
    return StoredListsDatabases(database_factory, security_snapshots)


@pytest.fixture(scope="session", params=DATABASE_KINDS)
def api_database(request: pytest.FixtureRequest, stored_lists: StoredListsDatabases) -> str:
    return stored_lists.url(request.param)


@pytest.fixture(scope="session")
def api(
    api_database: str, screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    with served_api(api_database, screener, tmp_path_factory.mktemp("var")) as api:
        yield api
