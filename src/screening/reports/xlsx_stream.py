"""Stream the rows of large sheets into an xlsx package that openpyxl wrote with header rows only.

openpyxl (write-only) took 9 s and xlsxwriter (constant memory) 5.5 s to write the 1.2 million
cells of a 100,000-row results sheet on the 2-core target machine; writing the SpreadsheetML rows
directly takes under a second (docs/benchmarks.md). openpyxl still writes everything that needs
care (styles, frozen panes, filters, conditional formats, the chart); this module only adds
`<row>` elements before `</sheetData>` and widens the sheet's dimension.

The rows themselves are written by screening.reports.rows_xml.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from io import BytesIO
from typing import IO

from screening.ingest.cells import column_letter
from screening.ingest.xlsx_package import sheet_parts
from screening.reports.rows_xml import Cell, column_blocks_xml, fill_quote_style, rows_xml

_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_CELL_FORMAT = re.compile(rb"<xf\b[^>]*>")


class SheetStreamError(ValueError):
    """The package does not have the sheet or style this writer needs."""


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
    """Rows to add to one sheet: how many there are is known before they are produced.

    Given one by one (`rows`), a block at a time as the block's columns (`column_blocks`), or as
    SpreadsheetML rendered before (`rendered`, with the quote-prefix style as a placeholder).
    """

    def __init__(
        self,
        rows: Iterable[Sequence[Cell]],
        count: int,
        width: int,
        *,
        column_blocks: Iterable[Sequence[Sequence[Cell]]] | None = None,
        rendered: Iterable[bytes] | None = None,
        rendered_from: int = 0,
    ) -> None:
        self.rows = rows
        self.count = count
        self.width = width
        self.column_blocks = column_blocks
        self.rendered = rendered  # `<row>` elements already made, numbered from rendered_from
        self.rendered_from = rendered_from

    def xml(self, first_row: int, quote_style: int) -> Iterator[bytes]:
        if self.rendered is not None:
            if first_row != self.rendered_from:
                raise SheetStreamError(
                    f"rows rendered from row {self.rendered_from} cannot start at row {first_row}"
                )
            return (fill_quote_style(block, quote_style) for block in self.rendered)
        if self.column_blocks is not None:
            return column_blocks_xml(self.column_blocks, first_row, quote_style)
        return rows_xml(self.rows, first_row, quote_style)


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
        for block in rows.xml(header_rows + 1, quote_style):
            stream.write(block)
        stream.write(tail)
