"""Read a supplier sheet (xlsx or CSV bytes) into supplier rows, the mapping used and row errors."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import PurePath

from screening.gc_pause import paused_garbage_collection
from screening.ingest.cells import cell_text
from screening.ingest.csv_text import (
    check_csv_encoding,
    decode_csv_bytes,
    detect_delimiter,
    parse_csv_text,
)
from screening.ingest.error_log import ErrorLog
from screening.ingest.headers import HEADER_SEARCH_ROWS, find_header_row, map_headings
from screening.ingest.legacy_encoding import UndecodableTextError, label
from screening.ingest.mapping import MappingRequest, SheetRequest, resolve_columns
from screening.ingest.model import (
    ErrorCode,
    IngestResult,
    InputRow,
    SheetMapping,
    SkippedRow,
    UnreadableFileError,
)
from screening.ingest.name_column import SAMPLE_ROWS as NAME_SAMPLE_ROWS
from screening.ingest.name_column import choose_name_column
from screening.ingest.raw_sheet import RawSheet
from screening.ingest.rows import sheet_rows
from screening.ingest.xlsx import has_macros, read_xlsx_sheets, xlsx_sheet_names

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def is_xlsx(data: bytes) -> bool:
    """By content: a zip package is read as a workbook whatever its name says."""
    return data.startswith(b"PK\x03\x04")


def check_readable_kind(data: bytes, file_name: str) -> None:
    """Refuse what is neither an xlsx workbook nor CSV text, before any work is queued."""
    suffix = PurePath(file_name).suffix.lower()
    if not data:
        raise UnreadableFileError(file_name, "the file is empty")
    if is_xlsx(data):
        if not zipfile.is_zipfile(BytesIO(data)):
            raise UnreadableFileError(file_name, "not an xlsx workbook (damaged zip package)")
        return
    if suffix == ".xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError(
            file_name,
            "old .xls workbooks (and password-protected ones) cannot be read; "
            "save it as .xlsx without a password",
        )
    if suffix not in CSV_SUFFIXES and suffix not in XLSX_SUFFIXES:
        raise UnreadableFileError(file_name, "only .xlsx workbooks and .csv files can be read")
    if suffix in XLSX_SUFFIXES:
        raise UnreadableFileError(file_name, "not an xlsx workbook (not a zip package)")
    try:
        check_csv_encoding(data)
    except UndecodableTextError as error:
        raise UnreadableFileError(file_name, str(error)) from error


def sheet_names(data: bytes, file_name: str) -> list[str]:
    if is_xlsx(data):
        return xlsx_sheet_names(data, file_name)
    return [PurePath(file_name).name or "csv"]


def read_suppliers(
    data: bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    mapping: MappingRequest | None = None,
) -> IngestResult:
    """Every supplier row of every sheet that has a heading row naming suppliers (or of `sheet`).

    Raises UnreadableFileError when the file cannot be read or no sheet has a supplier column.
    """
    # A sheet of 100,000 rows is a million cell values and a few objects per row, and none of
    # them is in a reference cycle: collections on the way would only walk them again and again.
    with paused_garbage_collection():
        return _read_suppliers(data, file_name, sheet, mapping)


def _read_suppliers(
    data: bytes, file_name: str, sheet: str | None, mapping: MappingRequest | None
) -> IngestResult:
    check_readable_kind(data, file_name)
    log = ErrorLog(file_name)
    encoding = delimiter = ""
    if is_xlsx(data):
        raw_sheets = read_xlsx_sheets(data, file_name, sheet)
        if raw_sheets and has_macros(data):
            log.add(
                raw_sheets[0].name,
                None,
                None,
                ErrorCode.MACROS,
                "the workbook holds macros (a VBA project); they were not run: only the "
                "values in its cells were read",
            )
    else:
        raw, encoding, delimiter = _csv_sheet(data, file_name, log)
        raw_sheets = [raw]
    request = mapping or MappingRequest()
    mappings: list[SheetMapping] = []
    rows: list[InputRow] = []
    skipped: list[SkippedRow] = []
    reasons: list[str] = []
    for raw in raw_sheets:
        chosen = _sheet_mapping(raw, request.for_sheet(raw.name), log)
        if isinstance(chosen, str):
            if chosen:
                reasons.append(f"{raw.name}: {chosen}")
                log.add(
                    raw.name,
                    None,
                    None,
                    ErrorCode.SHEET_SKIPPED,
                    f"sheet not read: {chosen}",
                    screened=False,
                )
            continue
        sheet_result, sheet_skipped = sheet_rows(raw, chosen, log)
        # sheet_rows gives every row, skipped or not, the same width.
        width = max(
            (len(group[0].values) for group in (sheet_result, sheet_skipped) if group),
            default=len(chosen.headers),
        )
        mappings.append(
            SheetMapping(
                chosen.sheet,
                chosen.header_row,
                (chosen.headers + ("",) * width)[:width],
                chosen.columns,
                chosen.name_choice,
            )
        )
        rows.extend(sheet_result)
        skipped.extend(sheet_skipped)
    if not mappings:
        why = "; ".join(reasons) if reasons else "every sheet is empty"
        raise UnreadableFileError(file_name, f"no sheet with a column of supplier names ({why})")
    return IngestResult(
        file_name=file_name,
        sheets=tuple(mappings),
        rows=tuple(rows),
        errors=log.errors(),
        skipped=tuple(skipped),
        encoding=encoding,
        delimiter=delimiter,
    )


def _csv_sheet(data: bytes, file_name: str, log: ErrorLog) -> tuple[RawSheet, str, str]:
    try:
        decoded = decode_csv_bytes(data)
    except UndecodableTextError as error:
        raise UnreadableFileError(file_name, str(error)) from error
    name = PurePath(file_name).name or "csv"
    if decoded.replaced:
        log.add(
            name,
            None,
            None,
            ErrorCode.ENCODING,
            f"{decoded.replaced:,} bytes are not valid {label(decoded.encoding)} text and were "
            "replaced by \ufffd; save the file as UTF-8 to keep them",
        )
    for line, encoding in decoded.mixed_lines:
        log.add(
            name,
            line,
            None,
            ErrorCode.ENCODING,
            f"line {line} is {encoding} text in a file otherwise in {decoded.encoding}: it was "
            f"read as {encoding}; check its names, and save the whole file as UTF-8",
        )
    delimiter = detect_delimiter(decoded.text)
    cells = parse_csv_text(decoded.text, delimiter)
    return RawSheet(name=name, cells=cells), decoded.encoding, delimiter


def _sheet_mapping(raw: RawSheet, request: SheetRequest, log: ErrorLog) -> SheetMapping | str:
    """The mapping for one sheet, or why the sheet is not read ("" for an empty sheet).

    The request corrects what is recognised: the fields it names are read from its columns, the
    fields it leaves out (null) are not read, and every other field keeps the detected column.
    """
    if not any(any(cell_text(v) for v in row) for row in raw.cells[:HEADER_SEARCH_ROWS]):
        return "" if not raw.cells else "no heading row in the first rows"
    header_index = _header_index(raw.cells, request)
    if header_index is None:
        first = _first_filled_row(raw.cells)
        seen = ", ".join(repr(h) for h in _headings(raw.cells[first]) if h)
        return (
            f"no column of supplier names recognised (row {first + 1} has {seen}); "
            'upload again with a mapping such as {"name": "<heading>"}'
        )
    headings = _headings(raw.cells[header_index])
    named, missing = resolve_columns(headings, request.columns)
    claimed = set(named.values())
    # Detection among the columns the request does not claim, so a claimed column is never
    # read twice and the field it held moves to its next best column.
    detected = map_headings([h if i not in claimed else "" for i, h in enumerate(headings)])
    name_choice = None
    if "name" not in named:
        others = [index for field_name, index in detected.items() if field_name != "name"]
        name_choice = choose_name_column(
            headings,
            raw.cells[header_index + 1 : header_index + 1 + NAME_SAMPLE_ROWS],
            taken=[*claimed, *others],
        )
        if name_choice is not None:
            detected["name"] = name_choice.chosen.column
    for field_name, wanted in missing:
        fallback = detected.get(field_name)
        used = f"; read {headings[fallback]!r} instead" if fallback is not None else ""
        log.add(
            raw.name,
            header_index + 1,
            None,
            ErrorCode.MAPPING,
            f"the mapping names {wanted!r} for {field_name}, but the heading row has no "
            f"such column{used}",
            screened=False,
        )
    columns = {f: i for f, i in detected.items() if f not in request.left_out}
    columns.update(named)
    if "name" not in columns:
        return "the mapping's column of supplier names is not in this sheet"
    return SheetMapping(raw.name, header_index + 1, tuple(headings), columns, name_choice)


def _header_index(cells: Sequence[Sequence[object]], request: SheetRequest) -> int | None:
    if request.header_row is not None:
        return request.header_row - 1 if request.header_row <= len(cells) else None
    if request.columns:
        # The row that holds most of the headings the request names.
        best, best_found = None, 0
        for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
            found, _missing = resolve_columns(_headings(row), _headings_only(request))
            if len(found) > best_found:
                best, best_found = index, len(found)
        if best is not None:
            return best
    detected = find_header_row(cells)
    if detected is None and request.columns:
        return _first_filled_row(cells)  # the request names columns by letter only
    return detected


def _headings_only(request: SheetRequest) -> dict[str, str]:
    """The request's columns given by heading: a bare letter ("C") says nothing about the row."""
    return {f: v for f, v in request.columns.items() if not _is_column_letter(v)}


def _is_column_letter(text: str) -> bool:
    return text.isascii() and text.isalpha() and len(text) <= 3


def _headings(row: Sequence[object]) -> list[str]:
    return [cell_text(value) for value in row]


def _first_filled_row(cells: Sequence[Sequence[object]]) -> int:
    for index, row in enumerate(cells):
        if any(cell_text(value) for value in row):
            return index
    return 0
