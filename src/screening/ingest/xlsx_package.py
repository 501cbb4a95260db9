"""The parts of an xlsx package that a cell-value reader does not show: which XML part holds each
sheet, and which cells hold formulas. Also the size checks that keep a zip bomb out."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # 1 GiB of XML is far beyond any supplier sheet
MAX_COMPRESSION_RATIO = 200  # spreadsheet XML compresses about 10:1; 200:1 is a bomb

# A formula element, with or without a namespace prefix: <f>, <f t="shared" .../>, <x:f>.
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*>")
_CELL_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})([0-9]{1,7})["']""")
_FORMULA_TEXT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?f[^>]*?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?f>)", re.S
)
_LOOK_BACK = 4096  # bytes searched before a formula for its cell's start tag


class PackageError(ValueError):
    """The zip is not a spreadsheet package this reader can trust."""


@dataclass(frozen=True, slots=True)
class FormulaCell:
    row: int  # 0-based
    column: int  # 0-based
    formula: str  # "" for a cell that shares a formula written in another cell


def check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a package whose parts would inflate beyond reason."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / info.compress_size if info.compress_size else 0
        if ratio > MAX_COMPRESSION_RATIO and info.file_size > 10 * 1024 * 1024:
            raise PackageError(f"part {info.filename} inflates {info.file_size:,} bytes")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise PackageError(f"the package inflates to {total:,} bytes")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from xl/workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError as missing:
        raise PackageError(f"no {missing.args[0]} in the package") from None
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
    if not any(tag in sheet_xml for tag in (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")):
        return found  # the usual case, decided by fast substring searches
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


def _letters_to_index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number - 1
