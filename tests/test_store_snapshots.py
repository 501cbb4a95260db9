"""The snapshot store: every imported version kept, exactly one active per list, entries intact."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy.engine import Engine

from listfiles import bundled_snapshot
from screening.store.db import make_engine, migrate
from screening.store.snapshots import (
    active_fingerprint,
    decode_entries,
    encode_entries,
    import_snapshot,
    list_versions,
    load_active_snapshots,
    load_snapshot,
)
from screening.watchlist.model import ListSnapshot


@pytest.fixture()
def engine(database_url: str) -> Engine:
    engine = make_engine(database_url)
    migrate(engine)
    return engine


@pytest.fixture(scope="module")
def cons() -> ListSnapshot:
    """OFAC's consolidated (non-SDN) list as published: 442 entries, quick to parse."""
    return bundled_snapshot("us-ofac-cons")


def newer_version(snapshot: ListSnapshot) -> ListSnapshot:
    """The same list as if the publisher had removed one entry in a later release."""
    return dataclasses.replace(
        snapshot,
        version="2026-01-31-0badc0de",
        published=date(2026, 1, 31),
        sha256="0badc0de" * 8,
        entries=snapshot.entries[:-1],
    )


def test_stored_entries_come_back_equal(cons: ListSnapshot) -> None:
    assert decode_entries(encode_entries(cons.entries)) == cons.entries


def test_imported_snapshot_is_active_with_all_its_entries(
    engine: Engine, cons: ListSnapshot
) -> None:
    outcome = import_snapshot(engine, cons, imported_by="test")
    assert outcome.created
    assert outcome.info.active
    assert outcome.info.entry_count == len(cons.entries) == 442
    assert load_active_snapshots(engine)["us-ofac-cons"] == cons


def test_importing_the_same_files_twice_stores_one_snapshot(
    engine: Engine, cons: ListSnapshot
) -> None:
    import_snapshot(engine, cons, imported_by="test")
    again = import_snapshot(engine, cons, imported_by="test")
    assert not again.created
    assert len(list_versions(engine, "us-ofac-cons")) == 1


def test_new_version_replaces_the_active_one_and_keeps_the_old(
    engine: Engine, cons: ListSnapshot
) -> None:
    import_snapshot(engine, cons, imported_by="test")
    newer = newer_version(cons)
    import_snapshot(engine, newer, imported_by="test")
    versions = {v.version: v.active for v in list_versions(engine, "us-ofac-cons")}
    assert versions == {cons.version: False, newer.version: True}
    assert load_active_snapshots(engine)["us-ofac-cons"].version == newer.version
    assert load_snapshot(engine, "us-ofac-cons", cons.version) == cons


def test_reimporting_an_old_version_reactivates_it(engine: Engine, cons: ListSnapshot) -> None:
    import_snapshot(engine, cons, imported_by="test")
    import_snapshot(engine, newer_version(cons), imported_by="test")
    outcome = import_snapshot(engine, cons, imported_by="test")
    assert not outcome.created
    assert active_fingerprint(engine) == (("us-ofac-cons", cons.sha256),)
    assert len(list_versions(engine, "us-ofac-cons")) == 2


def test_unknown_version_loads_as_none(engine: Engine, cons: ListSnapshot) -> None:
    import_snapshot(engine, cons, imported_by="test")
    assert load_snapshot(engine, "us-ofac-cons", "1999-01-01-00000000") is None
