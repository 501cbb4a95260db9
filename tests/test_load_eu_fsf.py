"""The EU Financial Sanctions Files XML 1.1, read from a test file written to the publisher's
schema (tests/data/lists/README.md): no complete real file could be brought here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listfiles import TEST_DATA
from screening.watchlist.errors import ListFormatError
from screening.watchlist.eu_fsf import FILE_NAME, load_eu_fsf_xml
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

EU_PATH: Path = TEST_DATA / "lists" / FILE_NAME


def _eu(data: bytes | None = None) -> ParsedList:
    return load_eu_fsf_xml({FILE_NAME: EU_PATH.read_bytes() if data is None else data})


@pytest.fixture(scope="module")
def eu() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in _eu().entries}


def test_each_sanction_entity_is_an_entry_under_its_logical_id(eu: dict[str, Entry]) -> None:
    assert list(eu) == ["900001", "900010", "107842", "137718"]
    assert [entry.kind for entry in eu.values()] == [
        EntryKind.ORGANIZATION,
        EntryKind.PERSON,
        EntryKind.ORGANIZATION,
        EntryKind.ORGANIZATION,
    ]


def test_published_is_the_generation_date() -> None:
    assert _eu().published == date(2026, 8, 5)


def test_united_nation_id_becomes_a_same_as_link(eu: dict[str, Entry]) -> None:
    assert eu["900001"].links == (Link(LinkRelation.SAME_AS, list_id="un-sc", source_id="KPe.002"),)
    assert eu["107842"].links == ()  # an empty unitedNationId


def test_first_strong_name_is_the_name_and_the_others_aliases(eu: dict[str, Entry]) -> None:
    ryonbong = eu["900001"]
    assert ryonbong.name == "Korea Ryonbong General Corporation"
    assert ryonbong.aliases == (
        Alias("Korea Yonbong General Corporation", AliasType.AKA),
        Alias("Lyongaksan General Trading Corporation", AliasType.AKA),
    )
    assert ryonbong.programs == ("PRK",)
    assert ryonbong.countries == ("KP",)


def test_a_name_not_strong_is_a_weak_alias(eu: dict[str, Entry]) -> None:
    assert Alias("DCB", AliasType.WEAK) in eu["107842"].aliases


def test_names_in_other_scripts_are_non_latin_aliases(eu: dict[str, Entry]) -> None:
    assert Alias("金铁三", AliasType.NON_LATIN, "Han") in eu["900010"].aliases
    assert Alias("AO Рособоронэкспорт", AliasType.NON_LATIN, "Cyrillic") in eu["137718"].aliases


def test_identifications_keep_their_kind_and_country(eu: dict[str, Entry]) -> None:
    assert eu["900010"].identifiers == (
        Identifier(IdentifierKind.PASSPORT, "645120378", "KP", "National passport"),
    )
    assert eu["107842"].identifiers == (
        Identifier(IdentifierKind.SWIFT, "DCBK KPPY", "KP", "SWIFT BIC"),
    )


def test_citizenship_is_a_country_and_birth_goes_to_the_remarks(eu: dict[str, Entry]) -> None:
    kim = eu["900010"]
    assert kim.countries == ("KP",)
    assert "Birth: 1971-03-11" in kim.remarks  # its country "00" (UNKNOWN) left out
    assert "Function: Representative of Daedong Credit Bank (DCB)" in kim.remarks


def test_a_persons_birth_date_and_citizenship_qualify_matches(eu: dict[str, Entry]) -> None:
    kim = eu["900010"]
    assert kim.birth_dates == ("1971-03-11",)
    assert kim.nationalities == ("KP",)


def test_reference_number_regulation_and_contact_are_kept(eu: dict[str, Entry]) -> None:
    rosoboronexport = eu["137718"]
    assert rosoboronexport.listed_on == date(2022, 3, 15)  # designationDate
    assert "EU reference number: EU.7808.66" in rosoboronexport.remarks
    assert "Regulation: 2023/571 (OJ L75 I) 2023-03-14" in rosoboronexport.remarks
    assert "Contact: WEB roe.ru" in rosoboronexport.remarks


def test_the_documented_file_reads_without_warnings() -> None:
    assert _eu().warnings == ()


def test_an_unknown_attribute_and_element_are_reported_not_dropped() -> None:
    data = EU_PATH.read_bytes().replace(
        b'logicalId="107842">',
        b'logicalId="107842" riskScore="9"><sectorCode>K64</sectorCode>',
    )
    assert _eu(data).warnings == (
        f"{FILE_NAME}: attribute sanctionEntity/@riskScore is not read by the loader "
        "(1 entities, first sanctionEntity 107842)",
        f"{FILE_NAME}: element sanctionEntity/sectorCode is not read by the loader "
        "(1 entities, first sanctionEntity 107842)",
    )


def test_an_unknown_subject_type_is_refused() -> None:
    data = EU_PATH.read_bytes().replace(b'code="person"', b'code="vessel"')
    with pytest.raises(ListFormatError, match="logicalId 900010: unknown subjectType 'vessel'"):
        _eu(data)


def test_a_file_of_another_layout_is_refused() -> None:
    with pytest.raises(ListFormatError, match="root element is <Designations>"):
        _eu(b"<Designations/>")


def test_entities_without_a_name_are_refused() -> None:
    data = EU_PATH.read_bytes().replace(b'wholeName="Dae-Dong Credit Bank"', b'wholeName=""')
    data = data.replace(b'wholeName="DCB"', b'wholeName=""')
    data = data.replace(b'wholeName="Taedong Credit Bank"', b'wholeName=""')
    with pytest.raises(ListFormatError, match="logicalId 107842 has no nameAlias with a name"):
        _eu(data)
