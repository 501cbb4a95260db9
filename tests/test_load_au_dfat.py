"""Australia's DFAT Consolidated List read from the real regulation8_consolidated.xlsx."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from datetime import date
from functools import cache

import pytest
from openpyxl import Workbook

from listfiles import read_shared
from screening.ingest.xlsx import read_xlsx_sheets
from screening.watchlist.au_dfat import FILE_NAME, KNOWN_COLUMNS, load_au_dfat
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import Alias, AliasType, Entry, EntryKind, ParsedList

DFAT_FILE = f"watchlists/au-dfat/{FILE_NAME}"
HEADER = (
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "Committees",
    "Control Date",
)


@cache
def dfat() -> ParsedList:
    return load_au_dfat(read_shared(DFAT_FILE))


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in dfat().entries}


@pytest.fixture(scope="module")
def rows_by_reference() -> dict[str, list[tuple[object, ...]]]:
    """The sheet's data rows, read here without the loader, by reference number."""
    cells = read_xlsx_sheets(read_shared(DFAT_FILE)[FILE_NAME], FILE_NAME)[0].cells
    rows: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for row in cells[1:]:
        if any(str(value).strip() for value in row):
            reference = str(row[0]).strip().removesuffix(".0")
            rows[re.match(r"\d+", reference).group()].append(tuple(row))  # type: ignore[union-attr]
    return rows


def test_9553_rows_make_3062_entries_one_per_reference(
    entries: dict[str, Entry], rows_by_reference: dict[str, list[tuple[object, ...]]]
) -> None:
    assert sum(len(rows) for rows in rows_by_reference.values()) == 9_553
    assert len(entries) == 3_062
    assert set(entries) == set(rows_by_reference)


def test_every_row_name_is_a_name_of_its_entry(
    entries: dict[str, Entry], rows_by_reference: dict[str, list[tuple[object, ...]]]
) -> None:
    for reference, rows in rows_by_reference.items():
        names = set(entries[reference].all_names())
        assert {" ".join(str(row[1]).split()) for row in rows} <= names, reference


def test_the_dprk_committees_hold_366_and_142_rows(
    entries: dict[str, Entry], rows_by_reference: dict[str, list[tuple[object, ...]]]
) -> None:
    def rows_under(committee: str) -> int:
        return sum(
            len(rows_by_reference[entry.source_id])
            for entry in entries.values()
            if committee in entry.programs
        )

    assert rows_under("1718 (DPRK)") == 366
    assert rows_under("Autonomous (DPRK)") == 142


def test_types_are_read_whatever_their_case_and_spaces(entries: dict[str, Entry]) -> None:
    assert Counter(entry.kind for entry in entries.values()) == {
        EntryKind.PERSON: 2_316,
        EntryKind.ORGANIZATION: 746,
    }


def test_ryonbong_keeps_its_aliases_addresses_and_listing_date(entries: dict[str, Entry]) -> None:
    ryonbong = entries["1114"]
    assert ryonbong.name == "Korea Ryonbong General Corporation"
    assert ryonbong.aliases == (
        Alias("Korea Yonbong General Corporation", AliasType.AKA),
        Alias("Lyongaksan General Trading Corporation", AliasType.AKA),
    )
    assert ryonbong.countries == ("KP",)
    assert [address.street for address in ryonbong.addresses] == [
        "Pot'onggang District, Pyongyang",
        "Rakwon-dong, Pothonggang District, Pyongyang",
    ]
    assert ryonbong.programs == ("1718 (DPRK)",)
    assert ryonbong.listed_on == date(
        2009, 4, 24
    )  # "Listed by the UN1718 committee on 24 Apr. 2009"


def test_original_script_rows_are_non_latin_aliases(entries: dict[str, Entry]) -> None:
    assert Alias("محمد حسن أخوند", AliasType.NON_LATIN, "Arabic") in entries["2"].aliases


def test_alias_rows_with_a_numbered_letter_join_their_reference(entries: dict[str, Entry]) -> None:
    # Rows 34c1 and 34f1 are aliases of reference 34.
    assert "حاجی گلاب گل ولد حاجی حضرت گل" in entries["34"].all_names()


def test_imo_number_in_additional_information_becomes_an_identifier(
    entries: dict[str, Entry],
) -> None:
    omm = entries["2947"]  # "International Maritime Organization (IMO) Number: 1790183."
    assert [identifier.value for identifier in omm.identifiers] == ["1790183"]


def test_citizenship_and_address_countries_become_iso_codes(entries: dict[str, Entry]) -> None:
    assert entries["2"].countries == ("AF",)  # Citizenship "Afghanistan", address "NA"


def test_a_persons_dates_of_birth_are_each_date_or_year_written(entries: dict[str, Entry]) -> None:
    # "a) Approximately 1955- 1958 b) Approximately 1945-1950": every year of both ranges
    assert entries["2"].birth_dates == (*map(str, range(1955, 1959)), *map(str, range(1945, 1951)))
    # one date on each of the reference's rows
    assert entries["402"].birth_dates == ("1969-12-18", "1968-05-25", "1968-12-18", "1969-07-14")
    assert entries["23"].birth_dates == tuple(map(str, range(1963, 1969)))  # "Between ... to"


def test_a_persons_citizenship_is_a_nationality(entries: dict[str, Entry]) -> None:
    assert entries["2"].nationalities == ("AF",)


def test_birth_listing_and_control_date_are_kept_in_the_remarks(entries: dict[str, Entry]) -> None:
    remarks = entries["2"].remarks
    assert "Date of birth: a) Approximately 1955- 1958 b) Approximately 1945-1950" in remarks
    assert "Listing information: Listed by UN 1267 Committee on 25 January 2001" in remarks
    assert "Control date: 2014-12-15" in remarks


def test_the_real_file_reads_without_warnings() -> None:
    assert dfat().warnings == ()


def _workbook(*rows: tuple[object, ...], header: tuple[str, ...] = HEADER) -> dict[str, bytes]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return {FILE_NAME: out.getvalue()}


def _row(reference: object, name: str, name_type: str = "Primary Name") -> tuple[object, ...]:
    return (reference, name, "Entity", name_type, "", "", "", "", "", "", "1718 (DPRK)", "")


def test_an_unknown_column_is_reported_not_dropped() -> None:
    parsed = load_au_dfat(
        _workbook(
            (*_row(7, "SOME TRADING CO"), "9876543"),
            (*_row("7a", "SOME TRADING", "aka"), ""),
            header=(*HEADER, "Vessel IMO"),
        )
    )
    assert "Vessel IMO" not in KNOWN_COLUMNS
    assert parsed.warnings == (
        f'{FILE_NAME}: column "Vessel IMO" is not read by the loader (1 rows, first row 2)',
    )


def test_an_unknown_name_type_is_read_as_aka_and_reported() -> None:
    parsed = load_au_dfat(
        _workbook(_row(7, "SOME TRADING CO"), _row("7a", "OLD NAME CO", "Trading name"))
    )
    assert parsed.entries[0].aliases == (Alias("OLD NAME CO", AliasType.AKA),)
    assert parsed.warnings == (
        f"{FILE_NAME}: Name Type 'Trading name', read as aka, is not read by the loader "
        "(1 rows, first row 3)",
    )


def test_a_reference_that_is_not_a_number_is_refused_with_sheet_row_and_column() -> None:
    with pytest.raises(ListFormatError) as error:
        load_au_dfat(_workbook(_row(7, "SOME TRADING CO"), _row("x7", "OTHER CO")))
    assert error.value.line == 3
    assert "sheet 'Sheet', row 3, column Reference: 'x7' is not a reference number" in str(
        error.value
    )


def test_a_reference_without_a_primary_name_is_refused() -> None:
    with pytest.raises(ListFormatError, match="reference 7 has no Name Type 'Primary Name'"):
        load_au_dfat(_workbook(_row(7, "SOME TRADING CO", "aka")))


def test_a_workbook_without_the_reference_column_is_refused() -> None:
    with pytest.raises(ListFormatError, match="row 1: no column Reference"):
        load_au_dfat(_workbook(_row(7, "X")[1:], header=HEADER[1:]))


def test_bytes_that_are_not_a_workbook_are_refused() -> None:
    with pytest.raises(ListFormatError, match="not an xlsx workbook"):
        load_au_dfat({FILE_NAME: b"Reference,Name\r\n"})
