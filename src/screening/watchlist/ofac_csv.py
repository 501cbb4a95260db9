"""OFAC's legacy CSV layout: no header, "-0- " for empty, CRLF lines, a 0x1A byte at the end."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from screening.watchlist.errors import ListFormatError

EMPTY_MARKER = "-0-"
END_OF_FILE = "\x1a"  # DOS end-of-file byte OFAC still appends
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # line number in the file where the row ends, for error messages
    fields: tuple[str, ...]  # as written, except the empty marker, which becomes ""


def decode_legacy(data: bytes) -> str:
    """Text of an OFAC file, whatever the encoding: UTF-8 (of which ASCII is a subset) when
    the bytes are valid UTF-8, else Windows-1252, which older OFAC files and spreadsheet
    re-saves use for accented Latin letters, else Latin-1, which decodes any byte."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _clean(field: str) -> str:
    # Not stripped: a Remarks field cut at 1,000 characters may end in the space that
    # separates it from its overflow in the comments file.
    return "" if field.strip() == EMPTY_MARKER else field


def read_legacy_csv(file: str, data: bytes, columns: int) -> tuple[CsvRow, ...]:
    """Every row of one legacy CSV file, each with exactly `columns` fields.

    Raises ListFormatError for an empty file, a file cut off (a complete file ends with a line
    break, then the 0x1A byte), a broken quote or a row of the wrong width.
    """
    text = decode_legacy(data)
    had_end_marker = text.endswith(END_OF_FILE)
    text = text.rstrip(END_OF_FILE)
    if not text.strip():
        raise ListFormatError(file, "the file is empty")
    if not text.endswith("\n"):
        where = "before the 0x1A end byte" if had_end_marker else "with no line break or 0x1A"
        raise ListFormatError(file, f"the last line ends {where}: the file looks truncated")
    if not had_end_marker:
        # Cut at a line break, a file still parses: only the missing end byte tells, and a
        # list missing its last entries must never replace a whole one.
        raise ListFormatError(
            file,
            "no 0x1A end byte after the last line: the file looks truncated "
            "(import OFAC's files as published, not re-saved)",
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[CsvRow] = []
    try:
        for raw in reader:
            if not raw or (len(raw) == 1 and not raw[0].strip()):
                continue
            if len(raw) != columns:
                raise ListFormatError(
                    file,
                    f"expected {columns} columns, found {len(raw)}: not an OFAC legacy CSV file"
                    " of this kind, or a damaged one",
                    line=reader.line_num,
                )
            rows.append(CsvRow(reader.line_num, tuple(_clean(field) for field in raw)))
    except csv.Error as error:
        raise ListFormatError(file, f"broken CSV: {error}", line=reader.line_num) from error
    return tuple(rows)
