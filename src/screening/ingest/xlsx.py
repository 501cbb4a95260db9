"""xlsx bytes to raw sheets: cell values, merged blocks and formula cells of every worksheet.

Cell values come from python-calamine (MIT, Rust): openpyxl's read-only mode took 10.7 s for a
100,000-row, 6-column sheet on the 2-core target machine (calamine: 0.6 s); see
docs/benchmarks.md. Formula cells are found in the sheet XML itself, since calamine gives the
saved result of a formula and no sign that it was one.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from python_calamine import CalamineSheet, CalamineWorkbook, SheetTypeEnum

from screening.ingest.model import UnreadableFileError
from screening.ingest.raw_sheet import CellRange, RawSheet
from screening.ingest.xlsx_package import (
    MAX_SHEET_CELLS,
    PackageError,
    check_package,
    check_sheet_extent,
    formula_cells,
    read_part,
    sheet_parts,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx files


def xlsx_sheet_names(data: bytes, file_name: str) -> list[str]:
    """The worksheets of the file, in workbook order (chart sheets left out).

    Every worksheet's XML is checked here too, so that a file which cannot be read is refused
    when it is uploaded rather than when its job runs.
    """
    workbook = _open(data, file_name)
    names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sheet_parts(archive)
        for name in names:
            _sheet_xml(archive, parts, name, file_name)
    return names


def has_macros(data: bytes) -> bool:
    """Whether the workbook carries a VBA project (an .xlsm). Its macros are never run: the
    reader takes cell values only, so this is said to the user, not refused."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in archive.namelist())


def read_xlsx_sheets(data: bytes, file_name: str, sheet: str | None = None) -> list[RawSheet]:
    """Every worksheet (or only `sheet`), with values, merged blocks and formula cells."""
    workbook = _open(data, file_name)
    names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    if sheet is not None:
        if sheet not in names:
            listed = ", ".join(repr(name) for name in names)
            raise UnreadableFileError(file_name, f"no sheet named {sheet!r}; sheets: {listed}")
        names = [sheet]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sheet_parts(archive)
        sheets = []
        for name in names:
            xml = _sheet_xml(archive, parts, name, file_name)
            sheets.append(_raw_sheet(workbook, name, xml, file_name))
    return sheets


def _sheet_xml(archive: zipfile.ZipFile, parts: dict[str, str], name: str, file_name: str) -> bytes:
    """The worksheet's XML, once it is known to be safe to hand to the cell reader."""
    part = parts.get(name)
    if not part or part not in archive.namelist():
        # Unchecked, the cell reader could still find and lay out this sheet.
        message = "the workbook does not say which part holds this sheet"
        raise UnreadableFileError(file_name, message, sheet=name)
    try:
        xml = read_part(archive, part)
        check_sheet_extent(xml)
    except PackageError as error:
        raise UnreadableFileError(file_name, str(error), sheet=name) from error
    return xml


def _open(data: bytes, file_name: str) -> CalamineWorkbook:
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFileError(
            file_name,
            "this is an old .xls workbook or a password-protected one; "
            "save it as .xlsx without a password",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFileError(file_name, "not an xlsx workbook (not a zip package)")
    try:
        check_package(data)  # every part, before any reader inflates one
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheet_parts(archive)
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (PackageError, zipfile.BadZipFile) as error:
        raise UnreadableFileError(file_name, f"damaged xlsx workbook: {error}") from error
    except Exception as error:  # calamine raises its own error types for damaged parts
        raise UnreadableFileError(file_name, f"cannot read the workbook: {error}") from error


def _raw_sheet(workbook: CalamineWorkbook, name: str, xml: bytes, file_name: str) -> RawSheet:
    try:
        sheet = workbook.get_sheet_by_name(name)
        cells = _cell_rows(sheet)
        merged = sheet.merged_cell_ranges or []
    except Exception as error:
        message = f"cannot read the sheet: {error}"
        raise UnreadableFileError(file_name, message, sheet=name) from error
    return RawSheet(
        name=name,
        cells=cells,
        merged=_merged_blocks(merged, len(cells), file_name, name),
        formulas={(cell.row, cell.column): cell.formula for cell in formula_cells(xml)},
    )


def _cell_rows(sheet: CalamineSheet) -> list[tuple[object, ...]]:
    """Every row from row 1, each from column A, as the sheet shows them.

    Tuples rather than the reader's lists: tuples of plain values drop out of the garbage
    collector's sight, so the 100,000 rows of a large sheet do not slow every later collection.
    calamine's row iterator starts at the first used column; those before it are put back.
    """
    end = sheet.end
    if end is None:
        return _full_grid(sheet)
    rows: list[tuple[object, ...]] = list(map(tuple, sheet.iter_rows()))
    width = end[1] + 1
    start_column = sheet.start[1] if sheet.start is not None else 0
    widths = set(map(len, rows))
    if start_column and widths == {width - start_column}:
        blank = ("",) * start_column
        rows = [blank + row for row in rows]
    elif widths != {width}:
        return _full_grid(sheet)
    return rows if len(rows) == end[0] + 1 else _full_grid(sheet)


def _full_grid(sheet: CalamineSheet) -> list[tuple[object, ...]]:
    """The rows laid out by calamine itself, for a row iterator that does not lay them out as
    expected. skip_empty_area=False keeps row and column numbers as the sheet shows them."""
    return [tuple(row) for row in sheet.to_python(skip_empty_area=False)]


def _merged_blocks(
    merged: list[tuple[tuple[int, int], tuple[int, int]]], rows: int, file_name: str, name: str
) -> tuple[CellRange, ...]:
    """Merged blocks cut to the rows the sheet has. Blocks never overlap in a real workbook, so
    together they cover no more cells than the sheet; a file whose blocks do is refused before
    the row reader walks them row by row."""
    blocks = tuple(
        CellRange(first[0], first[1], min(last[0], rows - 1), last[1])
        for first, last in merged
        if first[0] < rows
    )
    covered = sum(
        (b.last_row - b.first_row + 1) * (b.last_column - b.first_column + 1) for b in blocks
    )
    if covered > MAX_SHEET_CELLS:
        message = f"its merged cells cover {covered:,} cells, more than the sheet could hold"
        raise UnreadableFileError(file_name, message, sheet=name)
    return blocks
