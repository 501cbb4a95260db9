"""OFAC's XML formats read from real files: the SDN.XML schema and the enhanced XML.

The samples are the consolidated (non-SDN) list, which OFAC publishes in the same schemas as
the SDN list, and a program-filtered SDN export (IRGC) for SDN entries and aircraft.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache

import pytest

from listfiles import read_bundled, read_shared
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
from screening.watchlist.ofac import load_ofac_cons
from screening.watchlist.ofac_enhanced_xml import (
    load_ofac_cons_enhanced,
    load_ofac_enhanced,
    load_ofac_sdn_enhanced,
)
from screening.watchlist.ofac_xml import load_ofac_cons_xml

SDN_XML_SCHEMA_FILE = "watchlists/samples/ofac_sdn_xml/consolidated.xml"
CONS_ENHANCED_FILE = "watchlists/samples/ofac_enhanced_xml/cons_enhanced.xml"
IRGC_ENHANCED_FILE = "watchlists/samples/ofac_enhanced_xml/IRGC_sanctions.xml"


@cache
def sdn_xml_schema() -> ParsedList:
    return load_ofac_cons_xml(read_shared(SDN_XML_SCHEMA_FILE))


@cache
def cons_enhanced() -> ParsedList:
    return load_ofac_cons_enhanced(read_shared(CONS_ENHANCED_FILE))


@cache
def irgc_enhanced() -> ParsedList:
    return load_ofac_sdn_enhanced(read_shared(IRGC_ENHANCED_FILE))


@cache
def cons_csv() -> dict[str, Entry]:
    parsed = load_ofac_cons(read_bundled("us-ofac-cons"))
    return {entry.source_id: entry for entry in parsed.entries}


def _by_id(parsed: ParsedList) -> dict[str, Entry]:
    return {entry.source_id: entry for entry in parsed.entries}


# The SDN.XML schema ---------------------------------------------------------------------


def test_sdn_xml_schema_file_has_443_entries_and_its_publish_date() -> None:
    parsed = sdn_xml_schema()
    assert Counter(entry.kind for entry in parsed.entries) == {
        EntryKind.ORGANIZATION: 364,
        EntryKind.PERSON: 79,
    }
    assert parsed.published == date(2024, 5, 6)  # Publish_Date 05/06/2024, month first
    assert parsed.warnings == ()
    assert {entry.list_id for entry in parsed.entries} == {"us-ofac-cons"}


def test_sdn_xml_entry_reads_as_the_legacy_csv_reads_it() -> None:
    from_xml = _by_id(sdn_xml_schema())["9639"]
    from_csv = cons_csv()["9639"]
    assert from_xml == from_csv
    assert from_xml.remarks == "DOB 1962; POB Shati."


def test_sdn_xml_ids_become_identifiers_and_other_ids_remarks() -> None:
    vtb = _by_id(sdn_xml_schema())["17013"]
    assert Identifier(IdentifierKind.SWIFT, "VTBRRUMM", note="SWIFT/BIC") in vtb.identifiers
    assert (
        Identifier(IdentifierKind.TAX, "7702070139", country_code="RU", note="Tax ID No.")
        in vtb.identifiers
    )
    assert "Website www.vtb.com" in vtb.remarks


def test_sdn_xml_linked_to_in_brackets_is_resolved() -> None:
    linked = [entry for entry in sdn_xml_schema().entries if entry.links]
    assert len(linked) == 284
    assert sum(1 for entry in linked for link in entry.links if link.source_id) == 283


def test_sdn_xml_weak_aka_is_a_weak_alias() -> None:
    weak = [
        alias
        for entry in sdn_xml_schema().entries
        for alias in entry.aliases
        if alias.type is AliasType.WEAK
    ]
    assert len(weak) == 66  # the file's aka category "weak"


def test_sdn_xml_with_fewer_entries_than_its_record_count_is_refused() -> None:
    data = read_shared(SDN_XML_SCHEMA_FILE)["consolidated.xml"]
    data = data.replace(b"<Record_Count>443</Record_Count>", b"<Record_Count>444</Record_Count>")
    with pytest.raises(ListFormatError, match="Record_Count says 444 entries, the file holds 443"):
        load_ofac_cons_xml({"consolidated.xml": data})


def test_sdn_xml_unknown_element_is_reported() -> None:
    data = read_shared(SDN_XML_SCHEMA_FILE)["consolidated.xml"].replace(
        b"<uid>9639</uid>", b"<uid>9639</uid><gender>Male</gender>", 1
    )
    assert load_ofac_cons_xml({"consolidated.xml": data}).warnings == (
        "consolidated.xml: element sdnEntry/gender is not read by the loader "
        "(1 entries, first sdnEntry 9639)",
    )


# The enhanced XML ----------------------------------------------------------------------


def test_cons_enhanced_has_442_entities_and_its_data_date() -> None:
    parsed = cons_enhanced()
    assert Counter(entry.kind for entry in parsed.entries) == {
        EntryKind.ORGANIZATION: 363,
        EntryKind.PERSON: 79,
    }
    assert parsed.published == date(2026, 1, 8)
    assert parsed.warnings == ()


def test_cons_enhanced_names_are_the_legacy_csv_names() -> None:
    # The CSV set and the enhanced file are releases weeks apart: the same 442 ids and names.
    enhanced = _by_id(cons_enhanced())
    assert set(enhanced) == set(cons_csv())
    assert all(entry.name == cons_csv()[key].name for key, entry in enhanced.items())


def test_cons_enhanced_translation_in_cyrillic_is_a_non_latin_alias() -> None:
    vtb = _by_id(cons_enhanced())["17013"]
    assert (
        Alias("БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", AliasType.NON_LATIN, "Cyrillic")
        in vtb.aliases
    )
    assert Alias("JSC VTB BANK NEW DELHI BRANCH", AliasType.WEAK) in vtb.aliases


def test_cons_enhanced_features_and_documents_become_identifiers() -> None:
    vtb = _by_id(cons_enhanced())["17013"]
    assert Identifier(IdentifierKind.SWIFT, "VTBRRUMM", note="SWIFT/BIC") in vtb.identifiers
    assert (
        Identifier(IdentifierKind.REGISTRATION, "1027739609391", "RU", "Registration ID")
        in vtb.identifiers
    )


def test_cons_enhanced_other_features_go_to_remarks_in_the_csv_words() -> None:
    haniya = _by_id(cons_enhanced())["9639"]
    assert haniya.remarks.startswith("DOB 1962; POB Shati; ")  # featureTypes' publishDescription
    assert haniya.listed_on == date(2006, 4, 12)  # the earliest list it was published on


def test_enhanced_nationality_features_become_countries() -> None:
    people = [entry for entry in irgc_enhanced().entries if entry.kind is EntryKind.PERSON]
    assert sum("IR" in person.countries for person in people) >= 100


def test_irgc_export_has_293_sdn_entities_with_aircraft() -> None:
    parsed = irgc_enhanced()
    assert Counter(entry.kind for entry in parsed.entries) == {
        EntryKind.PERSON: 165,
        EntryKind.ORGANIZATION: 84,
        EntryKind.AIRCRAFT: 44,
    }
    assert parsed.published == date(2024, 8, 28)
    assert {entry.list_id for entry in parsed.entries} == {"us-ofac-sdn"}


def test_enhanced_relationship_links_the_related_entity_by_id() -> None:
    aircraft = _by_id(irgc_enhanced())["24475"]
    assert aircraft.name == "EP-PUL"
    assert aircraft.links == (Link(LinkRelation.LINKED_TO, name="POUYA AIR", source_id="13109"),)
    assert "Owned or Controlled By: POUYA AIR" in aircraft.remarks


def test_enhanced_unknown_element_is_reported() -> None:
    data = read_shared(CONS_ENHANCED_FILE)["cons_enhanced.xml"].replace(
        b"<identityId>1978</identityId>", b"<identityId>1978</identityId><pepFlag>no</pepFlag>", 1
    )
    assert load_ofac_enhanced("us-ofac-cons", {"cons_enhanced.xml": data}).warnings == (
        "cons_enhanced.xml: element entity/generalInfo/pepFlag is not read by the loader "
        "(1 entities, first entity 9639)",
    )


def test_enhanced_file_of_another_schema_is_refused() -> None:
    data = read_shared(SDN_XML_SCHEMA_FILE)["consolidated.xml"]
    with pytest.raises(ListFormatError, match="root element is <sdnList>"):
        load_ofac_cons_enhanced({"CONS_ENHANCED.XML": data})
