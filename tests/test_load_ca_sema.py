"""Canada's SEMA consolidated list read from the real sema-lmes.xml."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache

import pytest

from listfiles import read_shared
from screening.watchlist.ca_sema import FILE_NAME, load_ca_sema, source_id, split_aliases
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    ParsedList,
)

SEMA_FILE = f"watchlists/ca-sema/{FILE_NAME}"


@cache
def sema() -> ParsedList:
    return load_ca_sema(read_shared(SEMA_FILE))


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in sema().entries}


def _sema_bytes() -> bytes:
    return read_shared(SEMA_FILE)[FILE_NAME]


def test_4759_records_make_4759_entries_of_three_kinds(entries: dict[str, Entry]) -> None:
    assert len(entries) == 4_759
    assert Counter(entry.kind for entry in entries.values()) == {
        EntryKind.PERSON: 3_334,
        EntryKind.ORGANIZATION: 1_316,
        EntryKind.VESSEL: 109,
    }


def test_the_id_is_country_schedule_and_item(entries: dict[str, Entry]) -> None:
    first = entries["Belarus / Schedule 1, Part 1 / Item 1"]
    assert first.name == "Khazalbek Bakhtibekovich Atabekov"  # GivenName, then LastName
    assert source_id("Russia / Russie", "1,Part 3", "4") == "Russia / Schedule 1, Part 3 / Item 4"
    assert source_id("Ukraine", "", "12") == "Ukraine / Item 12"


def test_a_ship_keeps_its_imo_number_type_and_year(entries: dict[str, Entry]) -> None:
    ship = entries["Russia / Schedule 1.1 / Item 1"]
    assert (ship.name, ship.kind) == ("Balitiyskiy III", EntryKind.VESSEL)
    assert ship.identifiers == (Identifier(IdentifierKind.IMO, "7612448", note="IMO number"),)
    assert ship.remarks == "Type of ship: General Cargo / Multi Purpose; Year built: 1980"
    assert ship.listed_on == date(2025, 2, 21)


def test_the_country_is_the_regime_not_a_country_of_the_entry(entries: dict[str, Entry]) -> None:
    atabekov = entries["Belarus / Schedule 1, Part 1 / Item 1"]
    assert atabekov.programs == ("Belarus",)
    assert atabekov.countries == ()
    assert Counter(entry.programs[0] for entry in entries.values())["Russia"] == 2_426


def test_a_persons_dates_of_birth_are_read_as_written(entries: dict[str, Entry]) -> None:
    assert entries["Belarus / Schedule 1, Part 1 / Item 3"].birth_dates == ("1965-04-29",)
    assert entries["Belarus / Schedule 1, Part 1 / Item 2"].birth_dates == ("1972",)  # a year
    abahussain = next(entry for entry in entries.values() if "ABAHUSSAIN" in entry.name)
    assert abahussain.birth_dates == ("1972-08-10", "1972-08-11")  # "... or ..."


def test_a_ships_year_built_is_no_date_of_birth(entries: dict[str, Entry]) -> None:
    assert entries["Russia / Schedule 1.1 / Item 1"].birth_dates == ()


def test_aliases_in_cyrillic_are_non_latin(entries: dict[str, Entry]) -> None:
    forss = entries["Russia / Schedule 1, Part 2 / Item 152"]
    assert forss.name == "Forss Technology Ltd"
    assert Alias("ООО ФТ", AliasType.NON_LATIN, "Cyrillic") in forss.aliases
    assert len(forss.aliases) == 5


def test_alias_text_is_split_where_it_lists_names() -> None:
    assert split_aliases("Midas Ressources LLC; Midas", is_person=False) == [
        "Midas Ressources LLC",
        "Midas",
    ]
    assert split_aliases(
        "Aleksey Nikolayevich Azarov, Aleksei Nikolaevich Azarov", is_person=True
    ) == ["Aleksey Nikolayevich Azarov", "Aleksei Nikolaevich Azarov"]
    # One name with two spellings of the first: kept whole.
    assert split_aliases("Sergei, Serhii SHERBAKOV", is_person=True) == ["Sergei, Serhii SHERBAKOV"]
    # A comma inside an organisation's name belongs to the name.
    assert split_aliases("Agency for Commonwealth Affairs, Compatriots", is_person=False) == [
        "Agency for Commonwealth Affairs, Compatriots"
    ]


def test_the_real_file_reads_without_warnings() -> None:
    assert sema().warnings == ()
    assert sema().published is None  # the file states no date


def test_an_unknown_element_is_reported_not_dropped() -> None:
    data = _sema_bytes().replace(b"<Item>1</Item>", b"<Item>1</Item>\n\t\t<Gender>M</Gender>", 1)
    assert load_ca_sema({FILE_NAME: data}).warnings == (
        f"{FILE_NAME}: element record/Gender is not read by the loader "
        "(1 records, first record Belarus / Schedule 1, Part 1 / Item 1)",
    )


def test_a_record_without_an_item_is_refused() -> None:
    data = _sema_bytes().replace(b"<Item>1</Item>", b"", 1)
    with pytest.raises(ListFormatError, match="record 1 has no Country or no Item"):
        load_ca_sema({FILE_NAME: data})


def test_a_file_of_another_layout_is_refused() -> None:
    with pytest.raises(ListFormatError, match="root element is <sdnList>"):
        load_ca_sema({FILE_NAME: b"<sdnList/>"})
