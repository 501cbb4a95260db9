"""Stream the rows of large sheets into an xlsx package that openpyxl wrote with header rows only.

openpyxl (write-only) took 9 s and xlsxwriter (constant memory) 5.5 s to write the 1.2 million
cells of a 100,000-row results sheet on the 2-core target machine; writing the SpreadsheetML rows
directly takes under a second (docs/benchmarks.md). openpyxl still writes everything that needs
care (styles, frozen panes, filters, conditional formats, the chart); this module only adds
`<row>` elements before `</sheetData>` and widens the sheet's dimension.

Text goes in as inline strings, so no value is ever a formula; text that looks like one also gets
the quote-prefix style (screening.reports.cell_safety).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from io import BytesIO
from typing import IO

from screening.ingest.cells import column_letter
from screening.ingest.xlsx_package import sheet_parts
from screening.reports.cell_safety import FORMULA_TRIGGERS

Cell = str | int | float | None
MAX_CELL_TEXT = 32767
_ROWS_PER_WRITE = 2000
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_CELL_FORMAT = re.compile(rb"<xf\b[^>]*>")


class SheetStreamError(ValueError):
    """The package does not have the sheet or style this writer needs."""


def _text_xml(text: str) -> str:
    if not text.isprintable():
        text = _XML_ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def rows_xml(rows: Iterable[Sequence[Cell]], first_row: int, quote_style: int) -> Iterable[str]:
    """SpreadsheetML for `rows`, numbered from `first_row`, in chunks of a few thousand rows."""
    letters: list[str] = []
    chunk: list[str] = []
    row_number = first_row
    for row in rows:
        while len(letters) < len(row):
            letters.append(column_letter(len(letters)))
        cells: list[str] = []
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{letters[column]}{row_number}"
            if isinstance(value, str):
                style = f' s="{quote_style}"' if value.startswith(FORMULA_TRIGGERS) else ""
                cells.append(f'<c r="{ref}"{style} t="inlineStr">{_text_xml(value)}</c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        chunk.append(f'<row r="{row_number}">{"".join(cells)}</row>')
        row_number += 1
        if len(chunk) >= _ROWS_PER_WRITE:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def quote_prefix_style(styles_xml: bytes) -> int:
    """Index of the plain cell format with quotePrefix="1" in xl/styles.xml."""
    start = styles_xml.find(b"<cellXfs")
    end = styles_xml.find(b"</cellXfs>", start)
    if start < 0 or end < 0:
        raise SheetStreamError("no cellXfs in xl/styles.xml")
    for index, tag in enumerate(_CELL_FORMAT.findall(styles_xml[start:end])):
        if b'quotePrefix="1"' in tag and b'fontId="0"' in tag and b'fillId="0"' in tag:
            return index
    raise SheetStreamError("the workbook has no quote-prefix cell format")


class StreamedRows:
    """Rows to add to one sheet: how many there are is known before they are produced."""

    def __init__(self, rows: Iterable[Sequence[Cell]], count: int, width: int) -> None:
        self.rows = rows
        self.count = count
        self.width = width


def stream_rows_into(
    package: bytes,
    out: IO[bytes],
    sheets: Mapping[str, StreamedRows],
    *,
    compresslevel: int = 1,
) -> None:
    """Copy `package` to `out`, appending rows after the header row of some sheets.

    Level 1 deflate: the sheet XML of 100,000 rows is tens of megabytes, and level 6 costs
    a second more for about 10 % less size.
    """
    with zipfile.ZipFile(BytesIO(package)) as source:
        parts = sheet_parts(source)
        wanted: dict[str, StreamedRows] = {}
        for name, rows in sheets.items():
            if name not in parts:
                raise SheetStreamError(f"no sheet named {name!r} in the package")
            wanted[parts[name]] = rows
        quote_style = quote_prefix_style(source.read("xl/styles.xml"))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename in wanted:
                    _write_sheet(target, info.filename, data, wanted[info.filename], quote_style)
                else:
                    target.writestr(info, data)


def _write_sheet(
    target: zipfile.ZipFile, name: str, xml: bytes, rows: StreamedRows, quote_style: int
) -> None:
    close = xml.find(b"</sheetData>")
    if close >= 0:
        head, tail = xml[:close], xml[close:]
    else:
        empty = xml.find(b"<sheetData/>")
        if empty < 0:
            raise SheetStreamError(f"{name} has no sheetData")
        head = xml[:empty] + b"<sheetData>"
        tail = b"</sheetData>" + xml[empty + len(b"<sheetData/>") :]
    header_rows = head.count(b"<row ")
    last_row = header_rows + rows.count
    dimension = f'<dimension ref="A1:{column_letter(max(rows.width, 1) - 1)}{max(last_row, 1)}"/>'
    with target.open(name, "w", force_zip64=True) as stream:
        stream.write(_DIMENSION.sub(dimension.encode(), head, count=1))
        for chunk in rows_xml(rows.rows, header_rows + 1, quote_style):
            stream.write(chunk.encode("utf-8"))
        stream.write(tail)
