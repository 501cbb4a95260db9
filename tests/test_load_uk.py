"""The UK OFSI consolidated list read into entries from its xlsx and its CSV twin."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from listfiles import read_bundled, uk_csv_twin
from parsed_lists import parsed
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
from screening.watchlist.uk import load_uk_ofsi

DPRK_REGIME = "Democratic People's Republic of Korea"


@pytest.fixture(scope="module")
def csv_twin_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ConList.csv derived from the mirror's ConList.xlsx, made in a temporary folder."""
    return uk_csv_twin(tmp_path_factory.mktemp("uk-csv"))


@pytest.fixture(scope="module")
def uk() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in parsed("uk-ofsi").entries}


@pytest.fixture(scope="module")
def csv_twin(csv_twin_file: Path) -> ParsedList:
    return load_uk_ofsi({"ConList.csv": csv_twin_file.read_bytes()})


def test_uk_list_has_4688_designations_of_three_kinds(uk: dict[str, Entry]) -> None:
    assert len(uk) == 4_688
    assert Counter(entry.kind for entry in uk.values()) == {
        EntryKind.PERSON: 3_663,
        EntryKind.ORGANIZATION: 1_010,
        EntryKind.VESSEL: 15,
    }


def test_239_designations_fall_under_the_dprk_regime(uk: dict[str, Entry]) -> None:
    assert sum(DPRK_REGIME in entry.programs for entry in uk.values()) == 239


def test_published_is_the_last_updated_date_of_row_1() -> None:
    assert parsed("uk-ofsi").published == date(2025, 4, 14)


def test_rows_of_one_group_make_one_entry(uk: dict[str, Entry]) -> None:
    ryonbong = uk["10893"]  # six rows: three names times two addresses
    assert ryonbong.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert ryonbong.aliases == (
        Alias("KOREA YONBONG GENERAL CORPORATION", AliasType.AKA),
        Alias("LYONGAKSAN GENERAL TRADING CORPORATION", AliasType.FKA),
    )
    assert len(ryonbong.addresses) == 2
    assert ryonbong.countries == ("KP",)
    assert ryonbong.listed_on == date(2009, 4, 27)
    assert ryonbong.programs == (DPRK_REGIME,)


def test_un_reference_becomes_a_same_as_link(uk: dict[str, Entry]) -> None:
    assert Link(LinkRelation.SAME_AS, list_id="un-sc", source_id="KPe.002") in uk["10893"].links


def test_person_name_is_the_given_names_then_name_6(uk: dict[str, Entry]) -> None:
    pak = uk["11036"]
    assert pak.name == "Jae-Gyong PAK"  # the "Primary name" row, not the variation
    assert Alias("Chae-Kyong PAK", AliasType.AKA) in pak.aliases


def test_low_quality_alias_is_weak(uk: dict[str, Entry]) -> None:
    assert Alias("Choe SOK MIN", AliasType.WEAK) in uk["13559"].aliases


def test_korean_name_is_kept_in_hangul(uk: dict[str, Entry]) -> None:
    kim = next(entry for entry in uk.values() if entry.name == "KIM YONG BOK")
    assert Alias("김영복", AliasType.NON_LATIN, "Hangul") in kim.aliases


def test_chinese_name_is_kept_in_han(uk: dict[str, Entry]) -> None:
    assert (
        Alias("普萊米樂(香港)國際貿易有限公司", AliasType.NON_LATIN, "Han") in uk["16789"].aliases
    )


def test_cyrillic_name_is_kept_in_cyrillic(uk: dict[str, Entry]) -> None:
    assert Alias("ТОО ЗАПЧАСТЬ ТРЕЙД", AliasType.NON_LATIN, "Cyrillic") in uk["16636"].aliases


def test_ship_keeps_imo_number_flag_and_owner(uk: dict[str, Entry]) -> None:
    ship = uk["13651"]
    assert (ship.name, ship.kind) == ("SAM JONG 2", EntryKind.VESSEL)
    assert Identifier(IdentifierKind.IMO, "7408873", note="IMO number") in ship.identifiers
    assert ship.countries == ("KP",)  # (Flag of ship):North Korea
    assert Link(LinkRelation.LINKED_TO, name="Korea Samjong Shipping", source_id="13635") in (
        ship.links
    )


def test_business_registration_number_becomes_an_identifier(uk: dict[str, Entry]) -> None:
    assert (
        Identifier(IdentifierKind.REGISTRATION, "33866023", note="Business Reg No")
        in uk["16789"].identifiers
    )


def test_csv_twin_gives_the_same_entries_as_the_xlsx(
    uk: dict[str, Entry], csv_twin: ParsedList
) -> None:
    assert len(csv_twin.entries) > 239
    assert list(csv_twin.entries) == [uk[entry.source_id] for entry in csv_twin.entries]


def test_csv_twin_gives_the_same_publication_date(csv_twin: ParsedList) -> None:
    assert csv_twin.published == date(2025, 4, 14)


def test_csv_twin_holds_every_dprk_designation(csv_twin: ParsedList) -> None:
    assert sum(DPRK_REGIME in entry.programs for entry in csv_twin.entries) == 239


def _refused(name: str, data: bytes) -> ListFormatError:
    with pytest.raises(ListFormatError) as error:
        load_uk_ofsi({name: data})
    return error.value


def test_an_xlsx_that_is_not_a_zip_is_refused() -> None:
    error = _refused("ConList.xlsx", b"Last Updated,14/04/2025\r\n")
    assert error.file == "ConList.xlsx"


def test_a_truncated_xlsx_is_refused() -> None:
    data = read_bundled("uk-ofsi")["ConList.xlsx"]
    assert _refused("ConList.xlsx", data[: len(data) // 2]).file == "ConList.xlsx"


def _csv_rows(csv_file: Path) -> list[list[str]]:
    text = csv_file.read_text("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_a_csv_row_with_a_missing_column_is_refused_with_its_line(csv_twin_file: Path) -> None:
    rows = _csv_rows(csv_twin_file)
    rows[4] = rows[4][:-1]
    error = _refused("ConList.csv", _csv_bytes(rows))
    assert (error.file, error.line) == ("ConList.csv", 5)
    assert "expected 36 columns, found 35" in error.message


def test_a_csv_without_the_group_id_header_is_refused(csv_twin_file: Path) -> None:
    rows = _csv_rows(csv_twin_file)
    rows[1] = ["Group" if cell == "Group ID" else cell for cell in rows[1]]
    error = _refused("ConList.csv", _csv_bytes(rows))
    assert (error.file, error.line) == ("ConList.csv", 2)
    assert "Group ID" in error.message


def test_a_csv_without_the_last_updated_row_is_refused(csv_twin_file: Path) -> None:
    error = _refused("ConList.csv", _csv_bytes(_csv_rows(csv_twin_file)[1:]))
    assert (error.file, error.line) == ("ConList.csv", 1)


def test_a_list_without_its_file_is_refused() -> None:
    assert _refused("ConList.txt", b"").file == "ConList.xlsx"
