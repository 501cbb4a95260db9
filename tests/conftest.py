"""Shared fixtures: the real lists, parsed once per test session.

The publishers' files come from the shared folder (SCREENING_TEST_SHARED, see listfiles.py);
without it the suite stops at collection and says which setting to set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import rigour.territories.lookup
from bench.shared_data import indexed_list_ids
from xdist.remote import Producer

from databases import DatabaseFactory
from listfiles import WATCHLISTS, bundled_snapshot, missing_shared_message
from scheduling import UnitScheduling, scheduled
from screening.watchlist.model import ListSnapshot

# Anything the suite starts (servers, the CLI) fetches the lists from the shared folder, never
# from the publishers: this machine has no network, and tests must not depend on one.
os.environ.setdefault("SCREENING_LISTS_MIRROR", str(WATCHLISTS))


def pytest_configure(config: pytest.Config) -> None:
    problem = missing_shared_message()
    if problem is not None:
        raise pytest.UsageError(problem)


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which would choose one of its schedulers
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> UnitScheduling:
    """Each file one unit of work (its module fixtures built once), the browser tests one unit
    (one `screening serve` and one Chromium): see scheduling.py."""
    return UnitScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The units longest first, so the workers finish together (scheduling.py)."""
    items[:] = scheduled(items)


@pytest.fixture(scope="session")
def bundled_snapshots() -> dict[str, ListSnapshot]:
    """The lists the matching and risk tests index (bench.shared_data.INDEXED_LISTS) parsed
    from their real files (the mirror's, or the project's own), keyed by list id."""
    return {list_id: bundled_snapshot(list_id) for list_id in indexed_list_ids()}


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


@pytest.fixture
def without_rigours_name_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails the test if anything builds rigour's index of every territory name transliterated
    (a second of CPU, seconds on a loaded machine): the country lookup must never need it."""

    def not_expected() -> None:
        raise AssertionError("rigour's index of every territory name was built")

    monkeypatch.setattr(rigour.territories.lookup, "_get_territory_names", not_expected)
