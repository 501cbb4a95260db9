"""The parts of an xlsx package that a cell-value reader does not show: which XML part holds each
sheet, and which cells hold formulas. Also the size checks that keep a zip bomb out, and the
extent check that keeps a sheet with one far-away cell from being laid out in full."""

from __future__ import annotations

import html
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import ElementTree

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# A 100,000-row, 6-column sheet is 37 MB of XML; 256 MiB keeps the memory a read takes bounded.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # spreadsheet XML compresses about 10:1; 200:1 is a bomb
RATIO_FREE_BYTES = 1024 * 1024  # a part this small may compress as well as it likes
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
# The cell reader lays a sheet out as a full grid from A1 to its farthest cell (32 bytes a cell,
# then a Python object each): one cell at XFD1048576 alone would ask for 512 GiB.
MAX_SHEET_CELLS = 5_000_000  # 100,000 rows of 50 columns
_READ_CHUNK_BYTES = 1024 * 1024

# A formula element, with or without a namespace prefix: <f>, <f t="shared" .../>, <x:f>.
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*>")
_CELL_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})([0-9]{1,7})["']""")
_FORMULA_TEXT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?f[^>]*?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?f>)", re.S
)
_LOOK_BACK = 4096  # bytes searched before a formula for its cell's start tag
_TAIL_BYTES = 64 * 1024  # the end of a sheet part, where its last cells are
_COLONS_VISITED = 1000  # one by one, before searching for a prefixed name as a whole
# A cell's reference: only cells have an r="A1"-like attribute (a row's r is a bare number).
_CELL_COLUMN = re.compile(rb""" r=["']([A-Z]{1,3})[0-9]""")
_CELL_ROW = re.compile(rb""" r=["'][A-Z]{1,3}([0-9]{1,7})["']""")
_WHOLE_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?:[\s/][^>]*)?>")
_REFERENCE_ATTRIBUTE = re.compile(rb"""\sr\s*=\s*["']""")
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_MERGED_BLOCK = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref=["']"""
    rb"""([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})["']"""
)


class PackageError(ValueError):
    """The zip is not a spreadsheet package this reader can trust."""


@dataclass(frozen=True, slots=True)
class FormulaCell:
    row: int  # 0-based
    column: int  # 0-based
    formula: str  # "" for a cell that shares a formula written in another cell


def check_package(data: bytes) -> None:
    """Refuse a package any part of which would inflate beyond reason, before anything reads it.

    Every part (the sheets, sharedStrings.xml, styles, anything) is checked: the size its headers
    state must be at most MAX_COMPRESSION_RATIO times its compressed size (parts under
    RATIO_FREE_BYTES aside) and all together at most MAX_UNCOMPRESSED_BYTES; then the part is
    inflated from its stored bytes, a megabyte at a time, and must come to exactly that size.
    Inflating stops as soon as it passes it, so a part whose headers lie costs no more than an
    honest one, and no reader (ours or the cell reader's) is misled by a stated size.
    """
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            raw = _stored_bytes(data, info)
            total += info.file_size
            if info.file_size > max(RATIO_FREE_BYTES, MAX_COMPRESSION_RATIO * len(raw)):
                raise PackageError(
                    f"part {info.filename} inflates {info.file_size:,} bytes from {len(raw):,}"
                )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise PackageError(f"the package inflates to more than {total:,} bytes")
            size = _inflated_size(info, raw)
            if size != info.file_size:
                more = "more than " if size > info.file_size else ""
                raise PackageError(
                    f"part {info.filename} is damaged: its headers say {info.file_size:,} "
                    f"bytes, it inflates to {more}{size:,}"
                )


def _inflated_size(info: zipfile.ZipInfo, raw: bytes) -> int:
    """The bytes the part's data inflates to, counted up to one past its stated size."""
    if info.compress_type == _STORED:
        return len(raw)
    if info.compress_type != _DEFLATED:
        raise PackageError(f"part {info.filename} uses a compression spreadsheets never use")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    pending = raw
    try:
        while pending and not inflater.eof and size <= info.file_size:
            size += len(inflater.decompress(pending, _READ_CHUNK_BYTES))
            pending = inflater.unconsumed_tail
    except zlib.error as error:
        raise PackageError(f"part {info.filename} is damaged ({error})") from error
    if size <= info.file_size and not inflater.eof:
        raise PackageError(f"part {info.filename} is damaged (cut short)")
    return size


def _stored_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The part's compressed bytes, found through its local header as any zip reader does."""
    offset = info.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise PackageError(f"part {info.filename} is damaged (no local header)")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise PackageError(f"part {info.filename} is damaged (no local header)")
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = data[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise PackageError(f"part {info.filename} is damaged (cut short)")
    return raw


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member of the package, inflated a megabyte at a time.

    zipfile stops at the size the member's header states and then checks its CRC, so a member
    that inflates beyond its stated size is refused here; read whole in one call, it would
    first be inflated in full (gigabytes from a few megabytes).
    """
    chunks: list[bytes] = []
    try:
        with archive.open(name) as member:
            while chunk := member.read(_READ_CHUNK_BYTES):
                chunks.append(chunk)
    except KeyError:
        raise PackageError(f"no {name} in the package") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise PackageError(f"part {name} is damaged ({error})") from error
    return b"".join(chunks)


def sheet_extent(sheet_xml: bytes) -> tuple[int, int]:
    """Rows and columns from A1 to the farthest cell of a worksheet part, as a cell reader lays
    them out. A cell without a reference (the reader places it after the one before) counts as
    a column of its own, and the rows as many as there are: an upper bound, never less.
    """
    rows, columns = _farthest_reference(sheet_xml)
    placed_by_position = _cells_without_reference(sheet_xml)
    if placed_by_position:
        rows = max(rows, sum(1 for _ in _ROW_TAG.finditer(sheet_xml)))
    return rows, columns + placed_by_position


def _farthest_reference(sheet_xml: bytes) -> tuple[int, int]:
    """The largest row number and column (1-based) that the sheet's cell references name.

    Cells come in sheet order, so the last ones usually name the farthest row and column; one
    search for any reference beyond those confirms it, which costs a fraction of reading all
    of them. Otherwise every reference is read.
    """
    tail = max(0, len(sheet_xml) - _TAIL_BYTES)
    rows = _CELL_ROW.findall(sheet_xml, tail)
    letters = _CELL_COLUMN.findall(sheet_xml, tail)
    if rows and letters:
        row = max(map(int, rows))
        column = max(letters, key=lambda found: (len(found), found))
        if _beyond(column.decode("ascii"), row).search(sheet_xml) is None:
            return row, _letters_to_index(column.decode("ascii")) + 1
    row = max(map(int, _CELL_ROW.findall(sheet_xml)), default=0)
    found = set(_CELL_COLUMN.findall(sheet_xml))
    return row, max((_letters_to_index(c.decode("ascii")) + 1 for c in found), default=0)


def _beyond(column: str, row: int) -> re.Pattern[bytes]:
    """A reference to a column after `column`, or to a row after `row` (with or without leading
    zeros): a match for every reference _CELL_COLUMN or _CELL_ROW finds farther out."""
    later_columns = f"[A-Z]{{{len(column) + 1},3}}|" if len(column) < 3 else ""
    later_columns += "|".join(
        f"{column[:position]}[{chr(ord(letter) + 1)}-Z][A-Z]{{{len(column) - position - 1}}}"
        for position, letter in enumerate(column)
        if letter < "Z"
    )
    digits = str(row)
    later_rows = f"[1-9][0-9]{{{len(digits)},}}"
    for position, digit in enumerate(digits):
        if digit < "9":
            rest = len(digits) - position - 1
            later_rows += f"|{digits[:position]}[{int(digit) + 1}-9][0-9]{{{rest}}}"
    later_columns = later_columns.strip("|") or "(?!)"
    return re.compile(
        rf""" r=["'](?:(?:{later_columns})[0-9]|[A-Z]{{1,3}}0*(?:{later_rows})["'])""".encode()
    )


def _cells_without_reference(sheet_xml: bytes) -> int:
    if _every_cell_tag_starts_with_its_reference(sheet_xml) and not _has_after_colon(
        sheet_xml, b"sheetData"
    ):
        return 0  # every cell written as <c r="..." ...>, as spreadsheet programs write them
    return sum(
        1 for tag in _WHOLE_CELL_TAG.findall(sheet_xml) if not _REFERENCE_ATTRIBUTE.search(tag)
    )


def _every_cell_tag_starts_with_its_reference(sheet_xml: bytes) -> bool:
    """Whether every <c>, <c/> and <c ...> tag is written <c r="..." or <c r='...

    Inside sheetData the only other tags starting "<c" are rare rich-text ones, so there two
    counts usually settle it; the parts around it are small and counted tag by tag.
    """
    start = sheet_xml.find(b"<sheetData")
    end = sheet_xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return _cell_tag_counts(sheet_xml, 0, len(sheet_xml)) == 0
    inside = sheet_xml.count(b"<c", start, end) - sheet_xml.count(b'<c r="', start, end)
    unreferenced = 0 if inside == 0 else _cell_tag_counts(sheet_xml, start, end)
    unreferenced += _cell_tag_counts(sheet_xml, 0, start)
    unreferenced += _cell_tag_counts(sheet_xml, end, len(sheet_xml))
    return unreferenced == 0


def _cell_tag_counts(sheet_xml: bytes, start: int, end: int) -> int:
    """Cell tags between `start` and `end`, less those that start with their reference."""
    tags = sum(sheet_xml.count(tag, start, end) for tag in (b"<c ", b"<c>", b"<c/>"))
    referenced = sum(sheet_xml.count(tag, start, end) for tag in (b'<c r="', b"<c r='"))
    return tags - referenced


def merged_cell_count(sheet_xml: bytes, rows: int) -> int:
    """Cells covered by the sheet's merged blocks, each cut to the sheet's `rows`."""
    start = sheet_xml.find(b"mergeCell")  # the blocks follow the cells: search only there
    if start < 0:
        return 0
    covered = 0
    for first_column, first_row, last_column, last_row in _MERGED_BLOCK.findall(
        sheet_xml, max(start - 64, 0)
    ):
        height = min(int(last_row), rows) - int(first_row) + 1
        width = _letters_to_index(last_column.decode()) - _letters_to_index(first_column.decode())
        covered += max(height, 0) * (abs(width) + 1)
    return covered


def check_sheet_extent(sheet_xml: bytes) -> None:
    """Refuse a worksheet whose grid from A1 to its farthest cell is too large to lay out, or
    whose merged blocks cover more cells than that (blocks never overlap in a real workbook)."""
    rows, columns = sheet_extent(sheet_xml)
    if rows * columns > MAX_SHEET_CELLS:
        raise PackageError(
            f"the sheet reaches row {rows:,} and column {columns:,}: {rows * columns:,} cells, "
            f"more than the {MAX_SHEET_CELLS:,} that can be read; delete the cells far below "
            "or to the right of the table, or split it"
        )
    covered = merged_cell_count(sheet_xml, rows)
    if covered > MAX_SHEET_CELLS:
        raise PackageError(
            f"its merged cells cover {covered:,} cells, more than the sheet could hold"
        )


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from xl/workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(read_part(archive, "xl/workbook.xml"))
    rels = ElementTree.fromstring(read_part(archive, "xl/_rels/workbook.xml.rels"))
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{{{_PACKAGE_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = path
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        rel_id = sheet.get(f"{{{_REL_NS}}}id", "")
        if rel_id in targets:
            parts[sheet.get("name", "")] = targets[rel_id]
    return parts


def formula_cells(sheet_xml: bytes) -> list[FormulaCell]:
    """Every cell of a worksheet part that holds a formula, found without parsing the whole XML.

    A cell value reader gives a formula's saved result and no sign that it was a formula.
    """
    found: list[FormulaCell] = []
    if b"<f" not in sheet_xml and not _has_after_colon(sheet_xml, b"f"):
        return found  # the usual case, decided by two fast substring searches
    for match in _FORMULA.finditer(sheet_xml):
        start = match.start()
        window = sheet_xml[max(0, start - _LOOK_BACK) : start]
        cell_tags = list(_CELL_START.finditer(window))
        if not cell_tags:
            continue
        reference = _CELL_REF.search(cell_tags[-1].group(0))
        if reference is None:
            continue  # a cell without a reference: its place is implicit, so not reported
        text_match = _FORMULA_TEXT.match(sheet_xml, start)
        formula = ""
        if text_match is not None and text_match.group(1):
            formula = html.unescape(text_match.group(1).decode("utf-8", errors="replace"))
        found.append(
            FormulaCell(
                row=int(reference.group(2)) - 1,
                column=_letters_to_index(reference.group(1).decode("ascii")),
                formula=formula,
            )
        )
    return found


def _has_after_colon(sheet_xml: bytes, name: bytes) -> bool:
    """Whether ":" + `name` occurs in the part (a namespace prefix before the name).

    A workbook written without prefixes has a colon or two in its first tag only; visited one by
    one, they are found by a search for a single byte, several times faster than for two.
    """
    wanted = b":" + name
    colon = sheet_xml.find(b":")
    for _ in range(_COLONS_VISITED):
        if colon < 0:
            return False
        if sheet_xml.startswith(wanted, colon):
            return True
        colon = sheet_xml.find(b":", colon + 1)
    return colon >= 0 and sheet_xml.find(wanted, colon) >= 0


def _letters_to_index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number - 1
