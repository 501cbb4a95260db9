"""The UN Security Council consolidated XML read into entries, checked on the real file."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from listfiles import read_bundled
from parsed_lists import parsed
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
)
from screening.watchlist.un import load_un_consolidated


@pytest.fixture(scope="module")
def un() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in parsed("un-sc").entries}


def test_un_list_has_730_individuals_and_273_entities(un: dict[str, Entry]) -> None:
    assert len(un) == 1_003
    assert Counter(entry.kind for entry in un.values()) == {
        EntryKind.PERSON: 730,
        EntryKind.ORGANIZATION: 273,
    }


def test_155_entries_are_on_the_dprk_list(un: dict[str, Entry]) -> None:
    dprk = [entry for entry in un.values() if entry.programs == ("DPRK",)]
    assert len(dprk) == 155
    assert all(entry.source_id.startswith(("KPi.", "KPe.")) for entry in dprk)


def test_published_is_the_date_the_file_was_generated() -> None:
    assert parsed("un-sc").published == date(2026, 2, 27)


def test_entity_keeps_reference_number_date_aliases_and_address(un: dict[str, Entry]) -> None:
    ryonbong = un["KPe.002"]
    assert ryonbong.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert ryonbong.kind is EntryKind.ORGANIZATION
    assert ryonbong.listed_on == date(2009, 4, 24)
    assert ryonbong.aliases == (
        Alias("KOREA YONBONG GENERAL CORPORATION", AliasType.AKA),
        Alias("LYONGAKSAN GENERAL TRADING CORPORATION", AliasType.FKA),
    )
    assert ryonbong.countries == ("KP",)
    assert ryonbong.addresses[0].country == "Democratic People's Republic of Korea"


def test_comments_become_remarks_on_one_line(un: dict[str, Entry]) -> None:
    assert un["KPi.001"].remarks == (
        "Director of Namchongang Trading Corporation; oversees the import of items needed"
        " for the uranium enrichment program."
    )


def test_person_name_joins_the_name_parts(un: dict[str, Entry]) -> None:
    assert un["KPi.001"].name == "YUN HO-JIN"
    assert un["KPi.001"].kind is EntryKind.PERSON


def test_low_quality_alias_is_weak(un: dict[str, Entry]) -> None:
    assert Alias("Abu Ali", AliasType.WEAK) in un["IQi.001"].aliases


def test_name_in_original_script_is_a_non_latin_alias(un: dict[str, Entry]) -> None:
    assert Alias("Умаров Доку Хаматович", AliasType.NON_LATIN, "Cyrillic") in un["QDi.290"].aliases


def test_chinese_alias_is_kept_as_written(un: dict[str, Entry]) -> None:
    assert Alias("長安海連技術有限公司", AliasType.AKA, "Han") in un["KPe.055"].aliases


def test_swift_code_in_comments_becomes_an_identifier(un: dict[str, Entry]) -> None:
    assert un["KPe.023"].identifiers == (
        Identifier(IdentifierKind.SWIFT, "DCBKKPPY", note="SWIFT/BIC"),
    )


def test_imo_number_in_comments_becomes_an_identifier(un: dict[str, Entry]) -> None:
    assert un["KPe.022"].identifiers == (
        Identifier(IdentifierKind.IMO, "5342883", note="IMO number"),
    )


def test_a_passport_listed_in_three_languages_is_one_identifier(un: dict[str, Entry]) -> None:
    passports = [i for i in un["KPi.006"].identifiers if i.kind is IdentifierKind.PASSPORT]
    assert [i.value for i in passports] == ["381420754"]


def test_nationality_becomes_a_country(un: dict[str, Entry]) -> None:
    assert un["KPi.001"].countries == ("KP",)


def _refused(data: bytes, name: str = "consolidated.xml") -> ListFormatError:
    with pytest.raises(ListFormatError) as error:
        load_un_consolidated({name: data})
    return error.value


def test_truncated_xml_is_refused_with_file_and_line() -> None:
    data = read_bundled("un-sc")["consolidated.xml"]
    error = _refused(data[: len(data) // 2])
    assert error.file == "consolidated.xml"
    assert error.line is not None and error.line > 1


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<CONSOLIDATED_LIST dateGenerated="2026-02-27">&lol2;</CONSOLIDATED_LIST>'
    )
    error = _refused(bomb)
    assert error.file == "consolidated.xml"
    assert "entities" in error.message


def test_external_entity_is_refused() -> None:
    external = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<CONSOLIDATED_LIST>&x;</CONSOLIDATED_LIST>"
    )
    assert _refused(external).file == "consolidated.xml"


def test_xml_of_another_kind_is_refused() -> None:
    assert "CONSOLIDATED_LIST" in _refused(b"<sdnList/>", "sdn.xml").message


def test_a_list_without_its_xml_file_is_refused() -> None:
    with pytest.raises(ListFormatError) as error:
        load_un_consolidated({"consolidated.csv": b"a,b"})
    assert error.value.file == "consolidated.xml"
