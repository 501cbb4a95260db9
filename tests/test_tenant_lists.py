"""A tenant's own list: read from a sheet with the upload's headings, screened beside the shared
official index (which is not rebuilt), with its matches merged in and its version named."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from listfiles import bundled_snapshot
from screening.screener import Screener, TenantPart
from screening.supplier import Supplier
from screening.tenant_lists.parse import TenantListFileError, read_tenant_list
from screening.tenant_lists.store import tenant_list_id, version_of
from screening.watchlist.model import AliasType, EntryKind, ListSnapshot

LISTS_DIR = Path(__file__).resolve().parents[1] / "lists"


def own_snapshot(text: str, list_id: str = "tenant-own") -> ListSnapshot:
    parsed = read_tenant_list(text.encode("utf-8"), "own.csv", list_id)
    return ListSnapshot(list_id, "2026-12-07-abcdef12", None, parsed.sha256, (), parsed.entries)


@pytest.fixture(scope="module")
def official() -> Screener:
    snapshots = [bundled_snapshot(list_id) for list_id in ("un-sc", "dprk-labour")]
    return Screener.from_snapshots(snapshots, (LISTS_DIR / "host-risk.toml").read_bytes())


def test_the_title_gives_the_list_id_in_any_script() -> None:
    assert tenant_list_id("Audit failures 2025") == "tenant-audit-failures-2025"
    assert tenant_list_id("Чёрный список") == "tenant-chernyy-spisok"


def test_a_version_names_the_import_date_and_the_files_sha256() -> None:
    from datetime import date

    assert version_of(date(2026, 12, 7), "5be1c2a0ffff") == "2026-12-07-5be1c2a0"


def test_every_column_of_a_list_is_read() -> None:
    (entry,) = own_snapshot(
        "Ref,Company name,Also known as,Country,Identifiers,Notes,Type\n"
        "B-7,Acme Trading LLC,Acme Trade | ACME TR,Germany,HRB 1; VAT DE1,failed audit,company\n"
    ).entries
    assert (entry.source_id, entry.name, entry.kind) == (
        "B-7",
        "Acme Trading LLC",
        EntryKind.ORGANIZATION,
    )
    assert [(a.name, a.type) for a in entry.aliases] == [
        ("Acme Trade", AliasType.AKA),
        ("ACME TR", AliasType.AKA),
    ]
    assert entry.countries == ("DE",)
    assert [i.value for i in entry.identifiers] == ["HRB 1", "VAT DE1"]
    assert entry.remarks == "failed audit"


def test_a_person_is_read_as_a_person() -> None:
    (entry,) = own_snapshot("Name,Type\nIvan Petrov,person\n").entries
    assert entry.kind is EntryKind.PERSON


def test_an_xlsx_list_below_a_title_block_is_read() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Blocklist"
    sheet.append(["Internal blocklist, December"])
    sheet.append([])
    sheet.append(["Supplier name", "Country"])
    sheet.append(["Acme Trading LLC", "DE"])
    data = BytesIO()
    book.save(data)
    parsed = read_tenant_list(data.getvalue(), "own.xlsx", "tenant-own")
    assert [e.name for e in parsed.entries] == ["Acme Trading LLC"]


def test_an_entry_keeps_its_id_when_rows_move() -> None:
    first = own_snapshot("Name\nAcme Trading LLC\nBeta Steel\n").entries
    moved = own_snapshot("Name\nNew One Ltd\nBeta Steel\nAcme Trading LLC\n").entries
    ids = {e.name: e.source_id for e in first}
    assert all(ids[e.name] == e.source_id for e in moved if e.name in ids)


def test_a_repeated_reference_is_refused_naming_both_rows() -> None:
    with pytest.raises(TenantListFileError) as raised:
        own_snapshot("Ref,Name\nB-1,Acme\nB-1,Beta\n")
    assert [(e.row, e.column, e.code) for e in raised.value.errors] == [
        (2, "A", "duplicate_ref"),
        (3, "A", "duplicate_ref"),
    ]


def test_own_matches_are_merged_with_the_official_ones_without_rebuilding(
    official: Screener,
) -> None:
    snapshot = own_snapshot("Name\nKorea Ryonbong General Corp\nZebulon Quartzmill GmbH\n")
    screener = official.with_tenant(TenantPart.build("ten_1", [snapshot], official.index))
    assert screener.index is official.index
    (result,) = screener.screen([Supplier("Korea Ryonbong General Corporation")])
    lists = [match.entry.list_id for match in result.matches]
    assert "tenant-own" in lists and "un-sc" in lists
    scores = [match.score for match in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert ("tenant-own", "2026-12-07-abcdef12") in {
        (v.list_id, v.version) for v in screener.list_versions()
    }


def test_narrowing_to_the_own_list_screens_it_alone(official: Screener) -> None:
    snapshot = own_snapshot("Name\nKorea Ryonbong General Corp\n")
    screener = official.with_tenant(TenantPart.build("ten_1", [snapshot], official.index))
    (result,) = screener.narrowed(["tenant-own"]).screen(
        [Supplier("Korea Ryonbong General Corporation")]
    )
    assert {match.entry.list_id for match in result.matches} == {"tenant-own"}
    assert [v.list_id for v in screener.narrowed(["un-sc"]).list_versions()] == ["un-sc"]


def test_an_own_entry_weighs_words_as_the_official_index_does(official: Screener) -> None:
    # Among two entries every word is rare; weighed as the official lists weigh them, a shared
    # everyday word alone does not make a match.
    snapshot = own_snapshot("Name\nGeneral Trading Company\nZebulon Quartzmill GmbH\n")
    screener = official.with_tenant(TenantPart.build("ten_1", [snapshot], official.index))
    (result,) = screener.screen([Supplier("Pacific General Trading Company")])
    assert not [m for m in result.matches if m.entry.list_id == "tenant-own" and m.score >= 95]


def test_an_alias_in_another_script_says_which() -> None:
    (entry,) = own_snapshot("Name,Aliases\nIvan Petrov,Иван Петров; 이반 페트로프\n").entries
    assert [(a.name, a.script) for a in entry.aliases] == [
        ("Иван Петров", "Cyrillic"),
        ("이반 페트로프", "Hangul"),
    ]
