"""bench.parallel_names: which names it measures and the index it measures them against."""

from __future__ import annotations

from bench.parallel_names import latin_only, parallel_names

from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    ListSnapshot,
)


def _snapshot(list_id: str, *entries: Entry) -> ListSnapshot:
    return ListSnapshot(list_id, "v1", None, "0" * 64, (), entries)


UK_PLANT = Entry(
    "uk-ofsi",
    "1",
    EntryKind.ORGANIZATION,
    "PERM POWDER PLANT",
    aliases=(Alias("Пермский пороховой завод", AliasType.AKA, "Cyrillic"),),
    identifiers=(Identifier(IdentifierKind.REGISTRATION, "1025901604230"),),
)
OFAC_PLANT = Entry(
    "us-ofac-sdn",
    "2",
    EntryKind.ORGANIZATION,
    "FEDERALNOE KAZENNOE PREDPRIYATIE PERMSKII POROKHOVOI ZAVOD",
    identifiers=(Identifier(IdentifierKind.REGISTRATION, "1025901604230"),),
)
LATIN_ONLY = Entry("un-sc", "3", EntryKind.ORGANIZATION, "KOREA MINING DEVELOPMENT CORPORATION")


def test_a_non_latin_name_names_its_entry_and_every_entry_sharing_an_identifier() -> None:
    names = parallel_names([_snapshot("uk-ofsi", UK_PLANT), _snapshot("us-ofac-sdn", OFAC_PLANT)])
    assert [(name.text, name.script, name.kind) for name in names] == [
        ("Пермский пороховой завод", "Cyrillic", "organization")
    ]
    assert names[0].entries == {("uk-ofsi", "1"), ("us-ofac-sdn", "2")}


def test_an_entry_with_latin_names_only_gives_no_name_to_measure() -> None:
    assert parallel_names([_snapshot("un-sc", LATIN_ONLY)]) == []


def test_the_index_is_built_without_the_non_latin_names() -> None:
    (snapshot,) = latin_only([_snapshot("uk-ofsi", UK_PLANT)])
    assert snapshot.entries[0].aliases == ()
    assert snapshot.entries[0].name == "PERM POWDER PLANT"
