"""OFAC legacy CSV sets (SDN and consolidated) read into entries, checked on the real files."""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple

import pytest

from listfiles import read_bundled
from parsed_lists import parsed
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
)
from screening.watchlist.ofac import load_ofac_cons, load_ofac_sdn

DPRK_PROGRAMS = {"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"}


@pytest.fixture(scope="module")
def sdn() -> dict[str, Entry]:
    return {entry.source_id: entry for entry in parsed("us-ofac-sdn").entries}


def _strings(value: object) -> list[str]:
    """Every string inside an entry: its fields, aliases, addresses, identifiers and links."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [text for item in value for text in _strings(item)]
    if hasattr(value, "__slots__"):
        return _strings(astuple(value))  # type: ignore[call-overload]
    return []


def test_sdn_has_15443_entries_of_the_four_kinds(sdn: dict[str, Entry]) -> None:
    kinds = Counter(entry.kind for entry in sdn.values())
    assert len(sdn) == 15_443
    assert kinds == {
        EntryKind.ORGANIZATION: 7_270,
        EntryKind.PERSON: 6_927,
        EntryKind.VESSEL: 872,
        EntryKind.AIRCRAFT: 374,
    }


def test_489_sdn_entries_carry_a_dprk_program(sdn: dict[str, Entry]) -> None:
    assert sum(bool(DPRK_PROGRAMS & set(entry.programs)) for entry in sdn.values()) == 489


def test_programs_are_split_on_the_bracket_separator(sdn: dict[str, Entry]) -> None:
    assert sdn["15771"].name == "O, Kuk-Ryol"
    assert sdn["15771"].programs == ("NPWMD", "DPRK2")


def test_the_empty_marker_never_reaches_an_entry(sdn: dict[str, Entry]) -> None:
    # "-0-" alone is the marker; inside a value ("US FEIN CH-217-0-431-423-3") it is data.
    strings = [text for entry in sdn.values() for text in _strings(entry)]
    assert not [text for text in strings if text.strip() == "-0-" or "-0- " in text]
    assert sdn["8214"].remarks == "US FEIN CH-217-0-431-423-3 (United States)."


def test_the_end_of_file_byte_is_gone(sdn: dict[str, Entry]) -> None:
    assert not [entry.source_id for entry in sdn.values() if "\x1a" in entry.remarks]
    last = parsed("us-ofac-sdn").entries[-1]
    assert last.remarks.endswith("LOGISTICS.")


def test_remarks_cut_at_1000_characters_continue_from_the_comments_file(
    sdn: dict[str, Entry],
) -> None:
    lazarus = sdn["27307"]
    assert lazarus.name == "LAZARUS GROUP"
    assert "a.k.a. 'WHOIS HACKING TEAM'; a.k.a. 'RED DOT'" in lazarus.remarks
    assert lazarus.remarks.endswith("a.k.a. 'APPLEWORM'.")


def test_an_alias_split_by_the_cut_is_read_whole(sdn: dict[str, Entry]) -> None:
    names = [alias.name for alias in sdn["27307"].aliases]
    assert "WHOIS HACKING TEAM" in names
    assert "WHOIS HACKIN" not in names


def test_comments_are_not_appended_to_remarks_shorter_than_the_limit(
    sdn: dict[str, Entry],
) -> None:
    # The comments file is six months newer: its overflow for ALFA-BANK belongs to a
    # longer Remarks than the 947 characters in this sdn.csv.
    alfa = sdn["34682"]
    assert alfa.name == "JOINT STOCK COMPANY ALFA-BANK"
    assert alfa.remarks.endswith("Registration Number 1027700067328 (Russia).")
    assert "67328 (Russia).67328" not in alfa.remarks


def test_companion_rows_of_later_designations_are_ignored(sdn: dict[str, Entry]) -> None:
    alt_ent_nums = {
        line.split(b",", 1)[0].decode()
        for line in read_bundled("us-ofac-sdn")["alt.csv"].splitlines()
        if line.strip(b"\x1a")
    }
    assert alt_ent_nums - set(sdn), "the fixture should hold aliases of later designations"
    assert len(sdn) == 15_443


def test_alt_csv_aliases_keep_their_type(sdn: dict[str, Entry]) -> None:
    ryonbong = sdn["9347"]
    assert ryonbong.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert [(alias.name, alias.type) for alias in ryonbong.aliases] == [
        ("KOREA YONBONG GENERAL CORPORATION", AliasType.AKA),
        ("LYONGAKSAN GENERAL TRADING CORPORATION", AliasType.FKA),
    ]


def test_akas_written_in_remarks_are_weak_aliases(sdn: dict[str, Entry]) -> None:
    kim = sdn["11648"]
    types = {alias.name: alias.type for alias in kim.aliases}
    assert types["KIM, JIN SOK"] is AliasType.WEAK  # from Remarks
    assert types["KIM, TONG MYONG"] is AliasType.AKA  # from alt.csv


def test_address_countries_become_iso_codes(sdn: dict[str, Entry]) -> None:
    ryonbong = sdn["9347"]
    assert ryonbong.addresses[0].country == "Korea, North"
    assert ryonbong.addresses[0].country_code == "KP"
    assert ryonbong.countries == ("KP",)


def test_nationality_in_remarks_becomes_a_country(sdn: dict[str, Entry]) -> None:
    hwang = sdn["18552"]
    assert hwang.name == "HWANG, Su Man"
    assert "KP" in hwang.countries


def test_swift_code_in_remarks_becomes_an_identifier(sdn: dict[str, Entry]) -> None:
    daesong = sdn["12312"]
    assert daesong.name == "KOREA DAESONG BANK"
    assert Identifier(IdentifierKind.SWIFT, "KDBKKPPY", note="SWIFT/BIC") in daesong.identifiers


def test_vessel_imo_number_becomes_an_identifier(sdn: dict[str, Entry]) -> None:
    vessel = sdn["17069"]
    assert (vessel.name, vessel.kind) == ("CHONG CHON GANG", EntryKind.VESSEL)
    assert [(i.kind, i.value) for i in vessel.identifiers] == [(IdentifierKind.IMO, "7937317")]


def test_chinese_company_keeps_its_unified_social_credit_code(sdn: dict[str, Entry]) -> None:
    silverstar = sdn["24977"]
    assert silverstar.name == "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."
    assert (
        Identifier(
            IdentifierKind.REGISTRATION,
            "91222401MA0Y31E659",
            country_code="CN",
            note="Unified Social Credit Code (USCC)",
        )
        in silverstar.identifiers
    )


def test_passport_keeps_its_issuing_country(sdn: dict[str, Entry]) -> None:
    passports = [i for i in sdn["18552"].identifiers if i.kind is IdentifierKind.PASSPORT]
    assert [(i.value, i.country_code) for i in passports] == [("472220033", "KP")]


def test_linked_to_name_is_resolved_to_the_entry_of_that_name(sdn: dict[str, Entry]) -> None:
    assert sdn["11648"].links == (
        Link(LinkRelation.LINKED_TO, name="TANCHON COMMERCIAL BANK", source_id="9346"),
    )
    assert sdn["9346"].name == "TANCHON COMMERCIAL BANK"


def test_vessel_columns_give_call_sign_flag_and_owner(sdn: dict[str, Entry]) -> None:
    tug = sdn["4238"]
    assert tug.name == "MAR AZUL"
    assert Identifier(IdentifierKind.CALL_SIGN, "CL2192", note="Call Sign") in tug.identifiers
    assert tug.countries == ("CU",)
    assert "Vessel Owner: Samir de Navegacion S.A." in tug.remarks
    assert Link(LinkRelation.LINKED_TO, name="Samir de Navegacion S.A.") in tug.links


def test_the_primary_file_alone_is_enough() -> None:
    only_primary = {"SDN.CSV": read_bundled("us-ofac-sdn")["sdn.csv"]}
    entries = {entry.source_id: entry for entry in load_ofac_sdn(only_primary).entries}
    assert len(entries) == 15_443
    assert [alias.name for alias in entries["11648"].aliases] == ["KIM, JIN SOK"]
    assert entries["9347"].addresses == ()


def test_consolidated_list_has_442_entries() -> None:
    kinds = Counter(entry.kind for entry in parsed("us-ofac-cons").entries)
    assert kinds == {EntryKind.ORGANIZATION: 363, EntryKind.PERSON: 79}
    assert {entry.list_id for entry in parsed("us-ofac-cons").entries} == {"us-ofac-cons"}


def test_file_names_are_matched_whatever_their_case() -> None:
    files = {name.upper(): data for name, data in read_bundled("us-ofac-cons").items()}
    assert load_ofac_cons(files) == parsed("us-ofac-cons")


def test_windows_1252_bytes_are_read_as_such() -> None:
    row = '9639,"CAF\xc9 HANIYA","individual","NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    entries = load_ofac_cons({"cons_prim.csv": row.encode("cp1252") + b"\x1a"}).entries
    assert entries[0].name == "CAFÉ HANIYA"


def test_a_set_without_its_primary_file_is_refused() -> None:
    files = read_bundled("us-ofac-cons")
    del files["cons_prim.csv"]
    with pytest.raises(ListFormatError) as error:
        load_ofac_cons(files)
    assert error.value.file == "cons_prim.csv"


def test_a_row_with_a_missing_column_is_refused_with_its_line() -> None:
    files = read_bundled("us-ofac-cons")
    lines = files["cons_prim.csv"].split(b"\r\n")
    lines[2] = lines[2].rsplit(b",", 1)[0]  # drop the Remarks column of the third row
    files["cons_prim.csv"] = b"\r\n".join(lines)
    with pytest.raises(ListFormatError) as error:
        load_ofac_cons(files)
    assert (error.value.file, error.value.line) == ("cons_prim.csv", 3)
    assert "expected 12 columns, found 11" in str(error.value)


def test_a_companion_file_of_the_wrong_layout_is_refused() -> None:
    files = read_bundled("us-ofac-cons")
    files["cons_alt.csv"] = files["cons_add.csv"]
    with pytest.raises(ListFormatError) as error:
        load_ofac_cons(files)
    assert error.value.file == "cons_alt.csv"


def test_a_truncated_file_is_refused() -> None:
    files = read_bundled("us-ofac-cons")
    files["cons_prim.csv"] = files["cons_prim.csv"][: len(files["cons_prim.csv"]) // 2]
    with pytest.raises(ListFormatError) as error:
        load_ofac_cons(files)
    assert error.value.file == "cons_prim.csv"
    assert "truncated" in error.value.message


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ListFormatError) as error:
        load_ofac_sdn({"sdn.csv": b"\x1a"})
    assert error.value.file == "sdn.csv"
