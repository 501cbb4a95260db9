"""xlsx bytes to raw sheets: cell values, merged blocks and formula cells of every worksheet.

Cell values come from python-calamine (MIT, Rust): openpyxl's read-only mode took 10.7 s for a
100,000-row, 6-column sheet on the 2-core target machine (calamine: 0.6 s); see
docs/benchmarks.md. Formula cells are found in the sheet XML itself, since calamine gives the
saved result of a formula and no sign that it was one.
"""

from __future__ import annotations

import io
import zipfile

from python_calamine import CalamineWorkbook, SheetTypeEnum

from screening.ingest.model import UnreadableFileError
from screening.ingest.raw_sheet import CellRange, RawSheet
from screening.ingest.xlsx_package import PackageError, check_package, formula_cells, sheet_parts

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx files


def xlsx_sheet_names(data: bytes, file_name: str) -> list[str]:
    """The worksheets of the file, in workbook order (chart sheets left out)."""
    workbook = _open(data, file_name)
    return [meta.name for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]


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
            part = parts.get(name)
            xml = archive.read(part) if part and part in archive.namelist() else b""
            sheets.append(_raw_sheet(workbook, name, xml, file_name))
    return sheets


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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_package(archive)
            sheet_parts(archive)
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (PackageError, zipfile.BadZipFile) as error:
        raise UnreadableFileError(file_name, f"damaged xlsx workbook: {error}") from error
    except Exception as error:  # calamine raises its own error types for damaged parts
        raise UnreadableFileError(file_name, f"cannot read the workbook: {error}") from error


def _raw_sheet(workbook: CalamineWorkbook, name: str, xml: bytes, file_name: str) -> RawSheet:
    try:
        sheet = workbook.get_sheet_by_name(name)
        # skip_empty_area=False keeps row and column numbers as the sheet shows them.
        cells = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except Exception as error:
        message = f"cannot read the sheet: {error}"
        raise UnreadableFileError(file_name, message, sheet=name) from error
    return RawSheet(
        name=name,
        cells=cells,
        merged=tuple(CellRange(first[0], first[1], last[0], last[1]) for first, last in merged),
        formulas={(cell.row, cell.column): cell.formula for cell in formula_cells(xml)},
    )
