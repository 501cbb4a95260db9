"""Column mappings as users write them (JSON) and as a job reports them back for correction.

A mapping names, for each supplier field, the column to read: by its heading ("Наименование") or
by its letter ("B"). The short form applies to every sheet:

    {"name": "Supplier Name", "country": "Страна", "registration_id": "ИНН"}

and the long form sets sheets apart (the short form's fields apply where a sheet names none):

    {"sheets": {"Поставщики": {"name": "Наименование"}, "협력업체": {"name": "업체명"}}}

`header_row` (1-based) may be given at either level when the heading row is not found on its own.
A mapping is a correction: it changes only the fields it names, and every other field keeps the
column recognised from the headings. A field given as null (or "") is not read. A sheet's own
fields override the short form's field by field. A job reports the mapping it used in the same
form, every field with its column or null, so the user can correct it and upload again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from screening.ingest.cells import column_index, column_letter
from screening.ingest.headers import normalise_heading
from screening.ingest.model import FIELDS, SheetMapping

_OPTIONS = ("header_row", "sheets")


class MappingError(ValueError):
    """A mapping that cannot be used as written; the message says which part and why."""


@dataclass(frozen=True, slots=True)
class SheetRequest:
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> heading or column letter
    header_row: int | None = None  # 1-based
    left_out: frozenset[str] = frozenset()  # fields given as null: not read at all


@dataclass(frozen=True, slots=True)
class MappingRequest:
    every_sheet: SheetRequest = field(default_factory=SheetRequest)
    sheets: Mapping[str, SheetRequest] = field(default_factory=dict)

    def for_sheet(self, sheet: str) -> SheetRequest:
        """The request for one sheet: the shared fields, overridden field by field by its own."""
        own = self.sheets.get(sheet)
        if own is None:
            return self.every_sheet
        shared = self.every_sheet
        columns = {f: c for f, c in shared.columns.items() if f not in own.left_out}
        columns.update(own.columns)
        left_out = (shared.left_out - own.columns.keys()) | own.left_out
        return SheetRequest(columns, own.header_row or shared.header_row, left_out)


def parse_mapping(data: Any) -> MappingRequest:
    """Check and read a mapping given as parsed JSON."""
    if not isinstance(data, Mapping):
        raise MappingError('a mapping is a JSON object: {"name": "<heading>", ...}')
    every = _sheet_request(data, "mapping")
    sheets: dict[str, SheetRequest] = {}
    raw_sheets = data.get("sheets", {})
    if not isinstance(raw_sheets, Mapping):
        raise MappingError('mapping.sheets is an object: {"<sheet name>": {"name": ...}}')
    for name, spec in raw_sheets.items():
        if not isinstance(spec, Mapping):
            raise MappingError(f"mapping.sheets[{name!r}] is an object of field -> column")
        sheets[str(name)] = _sheet_request(spec, f"mapping.sheets[{name!r}]")
    return MappingRequest(every, sheets)


def _sheet_request(data: Mapping[str, Any], where: str) -> SheetRequest:
    columns: dict[str, str] = {}
    left_out: set[str] = set()
    for key, value in data.items():
        if key in _OPTIONS:
            continue
        if key not in FIELDS:
            known = ", ".join(FIELDS)
            raise MappingError(f"{where}: unknown field {key!r}; fields are {known}")
        if value is None or value == "":
            left_out.add(key)
            continue
        if not isinstance(value, str):
            raise MappingError(f"{where}.{key}: a column heading or letter, as text, or null")
        columns[key] = str(value)
    if "name" in left_out:
        raise MappingError(f"{where}.name: the column of supplier names cannot be left out")
    header_row = data.get("header_row")
    if header_row is not None and (
        isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1
    ):
        raise MappingError(f"{where}.header_row: a row number from 1")
    return SheetRequest(columns, header_row, frozenset(left_out))


def resolve_columns(
    headings: Sequence[str], columns: Mapping[str, str]
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Field -> column index for the columns a request names; also the (field, column) not found.

    A heading is matched ignoring case, spaces and punctuation; a value that matches no heading
    but is a column letter ("C") means that column.
    """
    by_heading: dict[str, int] = {}
    for index, heading in enumerate(headings):
        by_heading.setdefault(normalise_heading(heading), index)
    found: dict[str, int] = {}
    missing: list[tuple[str, str]] = []
    for field_name, wanted in columns.items():
        position = by_heading.get(normalise_heading(wanted)) if normalise_heading(wanted) else None
        if position is None:
            try:
                position = column_index(wanted)
            except ValueError:
                position = None
        if position is None:
            missing.append((field_name, wanted))
        else:
            found[field_name] = position
    return found, missing


def column_label(mapping: SheetMapping, field_name: str) -> str:
    """How a mapping names a column: its heading, or its letter when the heading cell is blank."""
    index = mapping.columns[field_name]
    heading = mapping.headers[index] if index < len(mapping.headers) else ""
    return heading or column_letter(index)


def mapping_json(sheets: Sequence[SheetMapping]) -> dict[str, Any]:
    """The mapping a job used, in the form `parse_mapping` reads back: every field, with the
    column read or null for a field not read (so reading it back never finds another).

    The short form when every sheet used the same headings, else one entry per sheet.
    """
    per_sheet = {
        sheet.sheet: {f: column_label(sheet, f) if f in sheet.columns else None for f in FIELDS}
        for sheet in sheets
    }
    distinct = {tuple(sorted(columns.items())) for columns in per_sheet.values()}
    if len(distinct) <= 1:
        return next(iter(per_sheet.values()), {})
    return {"sheets": per_sheet}
