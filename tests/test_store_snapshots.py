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
from screening.watchlist.model import (
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
    ListSnapshot,
)
from screening.watchlist.serialise import entry_to_dict


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


def test_entry_to_dict_is_what_asdict_makes_with_the_date_as_text(cons: ListSnapshot) -> None:
    """Field by field (asdict is slow), so a field added to Entry must be added there too."""
    entry = next(e for e in cons.entries if e.aliases and e.addresses)
    full = dataclasses.replace(
        entry,
        listed_on=date(2020, 5, 1),
        identifiers=(Identifier(IdentifierKind.IMO, "9999999", "KP", "IMO"),),
        links=(Link(LinkRelation.LINKED_TO, "X", "un-sc", "KPe.001"),),
        sectors=("it",),
        birth_dates=("1958",),
        nationalities=("KP",),
    )
    expected = {**dataclasses.asdict(full), "listed_on": "2020-05-01"}
    made = entry_to_dict(full)
    assert made == expected
    assert list(made) == list(expected)


def test_imported_snapshot_is_active_with_all_its_entries(
    engine: Engine, cons: ListSnapshot
) -> None:
    outcome = import_snapshot(engine, cons, imported_by="test")
    assert outcome.created
    assert outcome.info.active
    assert outcome.info.entry_count == len(cons.entries) == 442
    assert load_active_snapshots(engine)["us-ofac-cons"] == cons


def test_active_snapshots_of_the_lists_asked_for_only(engine: Engine, cons: ListSnapshot) -> None:
    import_snapshot(engine, cons, imported_by="test")
    assert load_active_snapshots(engine, {"un-sc"}) == {}
    assert list(load_active_snapshots(engine, {"un-sc", "us-ofac-cons"})) == ["us-ofac-cons"]


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
