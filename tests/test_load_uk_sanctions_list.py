"""The FCDO's UK Sanctions List, CSV and XML, read from test files written to the documented
layout (tests/data/lists/README.md): no complete real file could be brought here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from listfiles import TEST_DATA
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
    ParsedList,
)
from screening.watchlist.uk_sanctions_list import (
    CSV_COLUMNS,
    CSV_FILE,
    XML_FILE,
    load_uk_sanctions_list_csv,
    load_uk_sanctions_list_xml,
)

CSV_PATH: Path = TEST_DATA / "lists" / CSV_FILE
XML_PATH: Path = TEST_DATA / "lists" / XML_FILE
DPRK_REGIME = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"


def _csv(data: bytes | None = None) -> ParsedList:
    return load_uk_sanctions_list_csv({CSV_FILE: CSV_PATH.read_bytes() if data is None else data})


def _xml(data: bytes | None = None) -> ParsedList:
    return load_uk_sanctions_list_xml({XML_FILE: XML_PATH.read_bytes() if data is None else data})


@pytest.fixture(scope="module")
def uk() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in _csv().entries}


def test_the_header_has_the_58_documented_columns() -> None:
    header = CSV_PATH.read_bytes().decode().splitlines()[1].split(",")
    assert tuple(header) == CSV_COLUMNS
    assert len(CSV_COLUMNS) == 58


def test_lines_of_one_unique_id_make_one_entry(uk: dict[str, Entry]) -> None:
    assert list(uk) == ["DPR0160", "AQD0343", "DPR0100", "DPR0226"]
    ryonbong = uk["DPR0160"]
    assert (ryonbong.name, ryonbong.kind) == (
        "KOREA RYONBONG GENERAL CORPORATION",
        EntryKind.ORGANIZATION,
    )
    assert ryonbong.aliases == (
        Alias("KOREA YONBONG GENERAL CORPORATION", AliasType.AKA),
        Alias("LYONGAKSAN GENERAL TRADING CORPORATION", AliasType.AKA),
    )
    assert len(ryonbong.addresses) == 2
    assert ryonbong.countries == ("KP",)
    assert ryonbong.programs == (DPRK_REGIME,)
    assert ryonbong.listed_on == date(2009, 4, 24)


def test_published_is_the_report_date_of_line_1() -> None:
    assert _csv().published == date(2026, 9, 2)


def test_un_reference_and_ofsi_group_id_become_same_as_links(uk: dict[str, Entry]) -> None:
    assert uk["DPR0160"].links == (
        Link(LinkRelation.SAME_AS, list_id="un-sc", source_id="KPe.002"),
        Link(LinkRelation.SAME_AS, list_id="uk-ofsi", source_id="10893"),
    )


def test_low_quality_alias_is_weak_and_non_latin_name_is_kept(uk: dict[str, Entry]) -> None:
    guchaev = uk["AQD0343"]
    assert guchaev.name == "ZAURBEK SALIMOVICH GUCHAEV"  # Name 1 ... Name 5, then Name 6
    assert Alias("ABDUL AZIZ", AliasType.WEAK) in guchaev.aliases
    assert Alias("Заурбек Салимович Гучаев", AliasType.NON_LATIN, "Cyrillic") in guchaev.aliases


def test_person_keeps_documents_nationality_and_birth(uk: dict[str, Entry]) -> None:
    guchaev = uk["AQD0343"]
    assert guchaev.identifiers == (
        Identifier(
            IdentifierKind.PASSPORT, "622641887", note="Russian foreign travel passport number"
        ),
        Identifier(
            IdentifierKind.NATIONAL_ID, "8304661431", note="Russian Federation national passport"
        ),
    )
    assert guchaev.countries == ("IQ", "SY", "RU")  # addresses, then nationality
    assert "DOB: 07/09/1975" in guchaev.remarks
    assert "Sanctions imposed: Asset freeze, Travel Ban" in guchaev.remarks


def test_a_persons_birth_date_and_nationality_qualify_matches(uk: dict[str, Entry]) -> None:
    guchaev = uk["AQD0343"]
    assert guchaev.birth_dates == ("1975-09-07",)  # day first
    assert guchaev.nationalities == ("RU",)


def test_ship_keeps_imo_number_flag_and_owner(uk: dict[str, Entry]) -> None:
    ship = uk["DPR0100"]
    assert (ship.name, ship.kind) == ("SAM JONG 2", EntryKind.VESSEL)
    assert ship.identifiers == (Identifier(IdentifierKind.IMO, "7408873", note="IMO number"),)
    assert ship.countries == ("KP",)  # current believed flag
    assert Link(LinkRelation.LINKED_TO, name="Korea Samjong Shipping") in ship.links


def test_primary_name_variation_is_an_alias(uk: dict[str, Entry]) -> None:
    kim = uk["DPR0226"]
    assert kim.name == "Chol Sam KIM"
    assert kim.aliases == (
        Alias("Jin TIESAN", AliasType.AKA),
        Alias("金铁三", AliasType.NON_LATIN, "Han"),
    )


def test_the_xml_gives_the_entries_the_csv_gives() -> None:
    from_csv = {entry.source_id: entry for entry in _csv().entries}
    from_xml = _xml()
    assert from_xml.published == date(2026, 9, 2)
    assert [entry.source_id for entry in from_xml.entries] == list(from_csv)
    for entry in from_xml.entries:
        expected = from_csv[entry.source_id]
        # The ship's length is in the CSV only (no source names its XML element).
        assert entry.remarks == expected.remarks.replace("Length: 80; ", "")
        assert entry == replace(expected, remarks=entry.remarks)


def test_documented_files_read_without_warnings() -> None:
    assert _csv().warnings == ()
    assert _xml().warnings == ()  # SanctionsImposedIndicators' yes/no elements included


def test_an_unknown_column_is_reported_not_dropped() -> None:
    lines = CSV_PATH.read_bytes().decode().split("\r\n")
    lines[1] += ",Risk Rating"
    lines[2:] = [line + (",High" if line == lines[2] else ",") for line in lines[2:] if line]
    warnings = _csv("\r\n".join(lines).encode()).warnings
    assert warnings == (
        f'{CSV_FILE}: column "Risk Rating" is not read by the loader (1 lines, first line 3)',
    )


def test_an_unknown_element_is_reported_not_dropped() -> None:
    data = XML_PATH.read_bytes().replace(
        b"<UniqueID>DPR0100</UniqueID>",
        b"<UniqueID>DPR0100</UniqueID><ShipDetails><Ship><MMSINumbers><MMSINumber>445"
        b"</MMSINumber></MMSINumbers></Ship></ShipDetails>",
    )
    assert _xml(data).warnings == (
        f"{XML_FILE}: element Designation/ShipDetails/Ship/MMSINumbers is not read by the "
        "loader (1 designations, first Designation DPR0100)",
    )


def test_a_file_without_the_report_date_line_is_refused() -> None:
    data = CSV_PATH.read_bytes().split(b"\r\n", 1)[1]
    with pytest.raises(ListFormatError, match="line 1 should start with 'Report Date:'") as error:
        _csv(data)
    assert error.value.line == 1


def test_a_header_without_the_unique_id_is_refused() -> None:
    data = CSV_PATH.read_bytes().replace(b"Unique ID", b"Unique Ref", 1)
    with pytest.raises(ListFormatError, match="the header lacks the columns Unique ID"):
        _csv(data)


def test_a_line_of_the_wrong_width_is_refused_with_its_line() -> None:
    data = CSV_PATH.read_bytes().replace(b",Asset freeze,", b",Asset freeze,,", 1)
    with pytest.raises(ListFormatError, match="expected 58 columns, found 59") as error:
        _csv(data)
    assert error.value.line == 3


def test_an_unknown_designation_type_is_refused() -> None:
    data = XML_PATH.read_bytes().replace(b">Ship<", b">Aircraft<", 1)
    with pytest.raises(ListFormatError, match="Designation DPR0100: unknown Designation Type"):
        _xml(data)


def test_a_designation_without_a_unique_id_is_refused() -> None:
    data = XML_PATH.read_bytes().replace(b"<UniqueID>AQD0343</UniqueID>", b"", 1)
    with pytest.raises(ListFormatError, match="Designation number 2 has no UniqueID"):
        _xml(data)
