"""How far a worksheet part reaches, found with shortcuts for sheets as spreadsheet programs write
them, and always what reading every cell reference says; formulas behind namespace prefixes."""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest

from screening.ingest import UnreadableFileError, read_suppliers, sheet_names
from screening.ingest.cells import column_index
from screening.ingest.xlsx_package import (
    MAX_SHEET_CELLS,
    PackageError,
    check_package,
    check_sheet_extent,
    formula_cells,
    sheet_extent,
)
from support import hostile_sheets


def extent_reading_every_reference(xml: bytes) -> tuple[int, int]:
    """sheet_extent's definition, without its shortcuts."""
    rows = max(map(int, re.findall(rb""" r=["'][A-Z]{1,3}([0-9]{1,7})["']""", xml)), default=0)
    letters = set(re.findall(rb""" r=["']([A-Z]{1,3})[0-9]""", xml))
    columns = max((column_index(found.decode()) + 1 for found in letters), default=0)
    tags = sum(xml.count(tag) for tag in (b"<c ", b"<c>", b"<c/>"))
    if tags == xml.count(b'<c r="') + xml.count(b"<c r='") and b":sheetData" not in xml:
        return rows, columns
    unreferenced = sum(
        1
        for tag in re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?c(?:[\s/][^>]*)?>", xml)
        if not re.search(rb"""\sr\s*=\s*["']""", tag)
    )
    if unreferenced:
        rows = max(rows, len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]", xml)))
    return rows, columns + unreferenced


def sheet(rows: int, columns: int, *, extra: dict[int, str] | None = None, tail: str = "") -> bytes:
    """Cells in sheet order, as a spreadsheet program writes them; `extra` adds a cell to a row."""
    body = []
    for number in range(1, rows + 1):
        cells = "".join(
            f'<c r="{column_letter}{number}"><v>1</v></c>'
            for column_letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:columns]
        )
        body.append(f'<row r="{number}">{cells}{(extra or {}).get(number, "")}</row>')
    return (
        '<worksheet><cols><col min="1" max="2"/></cols><sheetData>'
        f"{''.join(body)}</sheetData>{tail}</worksheet>"
    ).encode()


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (sheet(3000, 6), (3000, 6)),
        (sheet(3000, 6, extra={1500: '<c r="Z1500"/>'}), (3000, 26)),
        (sheet(3000, 6, extra={10: '<c r="B1048576"/>'}), (1048576, 6)),
        (sheet(3000, 6, extra={10: '<c r="B0009999"/>'}), (9999, 6)),
        (sheet(3000, 6, extra={10: '<c r="B123456789"/>'}), (3000, 6)),
        (sheet(3000, 6, extra={10: "<c><v>1</v></c>"}), (3000, 7)),
        (sheet(50, 3, extra={10: '<c t="s" r="AB10"/>'}), (50, 28)),
        (sheet(50, 3, tail='<mergeCells><mergeCell ref="A1:B2"/></mergeCells>'), (50, 3)),
        (sheet(50, 3, extra={7: '<is><r><rPr><color rgb="FF"/></rPr><t>x</t></r></is>'}), (50, 3)),
        (b'<x:worksheet><x:sheetData><x:row r="1"><x:c><x:v>1</x:v></x:c></x:row>', (1, 1)),
        (b"<worksheet><sheetData/></worksheet>", (0, 0)),
    ],
)
def test_the_extent_is_what_every_reference_says(xml: bytes, expected: tuple[int, int]) -> None:
    assert sheet_extent(xml) == extent_reading_every_reference(xml) == expected


def test_the_extent_of_random_sheets_is_what_every_reference_says() -> None:
    generator = random.Random(17)
    cell_tags = [
        '<c r="{letters}{digits}"><v>1</v></c>',
        "<c r='{letters}{digits}'/>",
        '<c t="n" r="{letters}{digits}"/>',
        "<c/>",
        "<c><v>2</v></c>",
        '<x:c r="{letters}{digits}"/>',
        '<c r="{letters}"/>',
    ]
    for _ in range(300):
        body = []
        for number in range(1, generator.randint(1, 80)):
            cells = [
                generator.choice(cell_tags).format(
                    letters="".join(generator.choices("ABFZ", k=generator.randint(1, 4))),
                    digits="0" * generator.randint(0, 2) + str(generator.randint(0, 10**7)),
                )
                for _ in range(generator.randint(0, 4))
            ]
            body.append(f'<row r="{number}">{"".join(cells)}</row>')
        xml = f"<worksheet><sheetData>{''.join(body)}</sheetData></worksheet>".encode()
        assert sheet_extent(xml) == extent_reading_every_reference(xml)


def test_a_far_cell_in_the_middle_of_the_sheet_is_refused() -> None:
    xml = sheet(3000, 6, extra={20: '<c r="XFD1048576"><v>1</v></c>'})
    with pytest.raises(PackageError, match="reaches row 1,048,576 and column 16,384"):
        check_sheet_extent(xml)


def test_a_sheet_within_the_limit_is_accepted() -> None:
    check_sheet_extent(sheet(MAX_SHEET_CELLS // 26 // 200, 26))


def test_a_prefixed_formula_is_found_after_many_prefixed_attributes() -> None:
    rows = "".join(f'<row r="{n}" x14ac:dyDescent="0.25"></row>' for n in range(1, 2001))
    xml = (
        f'<worksheet xmlns:x="urn:x"><sheetData>{rows}'
        '<row r="2001"><c r="A2001"><x:f>1+1</x:f><v>2</v></c></row></sheetData></worksheet>'
    ).encode()
    assert [(cell.row, cell.column, cell.formula) for cell in formula_cells(xml)] == [
        (2000, 0, "1+1")
    ]


def test_a_prefixed_sheet_is_read_cell_by_cell_after_many_colons() -> None:
    rows = "".join(
        f'<row r="{n}" x14ac:dyDescent="0.25"><c r="A{n}"/></row>' for n in range(1, 1501)
    )
    xml = f"<worksheet><x:sheetData>{rows}<x:c/></x:sheetData></worksheet>".encode()
    assert sheet_extent(xml) == extent_reading_every_reference(xml) == (1500, 2)


# Every part of the package is checked before any reader inflates it ----------------------------

SHARED_STRINGS_BOMB_BYTES = 64 * 1024 * 1024  # 64 KB deflated: far past the ratio allowed


def test_a_shared_strings_zip_bomb_is_refused_before_it_is_read() -> None:
    bomb = hostile_sheets.shared_strings_bomb(SHARED_STRINGS_BOMB_BYTES)
    with pytest.raises(UnreadableFileError, match=r"xl/sharedStrings\.xml inflates 67,109,"):
        read_suppliers(bomb, "suppliers.xlsx")


def test_a_shared_strings_part_whose_headers_understate_its_size_is_refused() -> None:
    bomb = hostile_sheets.shared_strings_bomb(SHARED_STRINGS_BOMB_BYTES, lying=True)
    with pytest.raises(
        UnreadableFileError, match=r"sharedStrings\.xml is damaged: its headers say"
    ):
        sheet_names(bomb, "suppliers.xlsx")


def test_every_part_of_an_honest_workbook_passes() -> None:
    check_package(hostile_sheets.with_shared_strings())  # no PackageError
    assert sheet_names(hostile_sheets.with_shared_strings(), "suppliers.xlsx") == ["Suppliers"]


def test_a_part_in_a_compression_spreadsheets_never_use_is_refused() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(hostile_sheets.workbook())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            method = (
                zipfile.ZIP_LZMA if info.filename.endswith("styles.xml") else info.compress_type
            )
            target.writestr(info.filename, source.read(info), compress_type=method)
    with pytest.raises(PackageError, match=r"styles\.xml uses a compression"):
        check_package(out.getvalue())
