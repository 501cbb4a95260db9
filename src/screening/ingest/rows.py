"""The data rows below a sheet's heading row to suppliers, with an error for every doubtful cell.

A row error never stops the sheet: a row without a name (or with a name too long to be one) is
left out and reported; a formula, a merged block, an over-long value or an unknown country is
reported and the row is still screened.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from operator import itemgetter

from screening.countries.cells import country_code, is_ambiguous_country
from screening.ingest.cells import cell_text, column_letter
from screening.ingest.dates import read_birth_date
from screening.ingest.error_log import ErrorLog
from screening.ingest.model import FIELDS, ErrorCode, InputRow, SheetMapping, SkippedRow
from screening.ingest.raw_sheet import CellRange, RawSheet
from screening.supplier import Supplier

MAX_NAME_LENGTH = 300  # the longest names on the official lists are about 200 characters
MAX_VALUE_LENGTH = 1000  # any other supplier field
MAX_CELL_LENGTH = 32767  # what an xlsx cell can hold; longer CSV cells are cut for the report
# Supplier's first fields, in the order of its constructor (FIELDS keeps that order).
_SUPPLIER_FIELDS = FIELDS


_SEVERAL = re.compile(r"\s*[,;/|&+]\s*|\s+(?:and|und|et|и)\s+")


def _why_no_country(text: str) -> str:
    if is_ambiguous_country(text):
        return "could be North (KP) or South (KR) Korea"
    return "is not a country this reader knows"


def sheet_rows(
    raw: RawSheet, mapping: SheetMapping, log: ErrorLog
) -> tuple[list[InputRow], list[SkippedRow]]:
    """Every non-blank row below the heading row, in sheet order: those to screen, and the rest."""
    reader = _RowReader(raw, mapping, log)
    rows: list[InputRow] = []
    for index in range(mapping.header_row, len(raw.cells)):
        row = reader.read(index, raw.cells[index])
        if row is not None:
            rows.append(row)
    return reader.trimmed(rows), reader.trimmed_skipped()


class _RowReader:
    def __init__(self, raw: RawSheet, mapping: SheetMapping, log: ErrorLog) -> None:
        self.raw = raw
        self.mapping = mapping
        self.log = log
        self.sheet = raw.name
        self.name_column = mapping.columns["name"]
        self.width = max(len(mapping.headers), max(mapping.columns.values()) + 1)
        self.used_width = len(mapping.headers)
        while self.used_width and not mapping.headers[self.used_width - 1]:
            self.used_width -= 1
        self.formulas: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for (row, column), formula in sorted(raw.formulas.items()):
            self.formulas[row].append((column, formula))
        self.merged_from: dict[int, list[CellRange]] = defaultdict(list)  # by first row
        self.merged_over: dict[int, list[CellRange]] = defaultdict(list)  # rows below the first
        for block in raw.merged:
            self.merged_from[block.first_row].append(block)
            for row in range(block.first_row + 1, block.last_row + 1):
                self.merged_over[row].append(block)
        self.heading_values = tuple(mapping.headers)
        # A row can only repeat the heading row if it is as wide and has the heading's name cell.
        self.heading_name = (
            self.heading_values[self.name_column]
            if len(self.heading_values) == self.width
            else None
        )
        self.skipped: list[SkippedRow] = []
        self._values: list[str] = []  # the row being read, for _skip
        self.mapped = tuple(mapping.columns.items())
        # The cells of Supplier's fields in its order; a field without a column reads the blank
        # cell _supplier appends after the row's last (-1).
        self.pick_fields = itemgetter(
            *(mapping.columns.get(field, -1) for field in _SUPPLIER_FIELDS)
        )

    def read(self, index: int, cells: Sequence[object]) -> InputRow | None:
        # cell_text inlined for plain text cells, which are most of a sheet of 100,000 rows.
        values = [
            value.strip() if value.__class__ is str and value.isprintable() else cell_text(value)
            for value in cells
        ]
        if len(values) < self.width:
            values.extend([""] * (self.width - len(values)))
        if not any(values):
            return None
        if len(values) > self.used_width:
            self._widen(values)
        row_number = index + 1
        self._values = values
        name = values[self.name_column]
        if name == self.heading_name and tuple(values[: self.width]) == self.heading_values:
            self._error(
                row_number,
                None,
                ErrorCode.SECTION_HEADING,
                "repeats the heading row; not screened",
                screened=False,
            )
            return None
        # Most rows hold no formula and start no merged block: two lookups decide it.
        if index in self.formulas:
            self._report_formulas(index, values)
        if index in self.merged_from and self._is_section_heading(index, values):
            return None
        if not name:
            self._report_missing_name(index)
            return None
        if len(name) > MAX_NAME_LENGTH:
            self._error(
                row_number,
                self.name_column,
                ErrorCode.TOO_LONG,
                f"the name has {len(name):,} characters (at most {MAX_NAME_LENGTH}); not screened",
                screened=False,
            )
            return None
        if max(map(len, values)) > MAX_VALUE_LENGTH:
            self._cut_long_cells(row_number, values)
            supplier = self._supplier_of_long_values(row_number, values)
        else:
            supplier = self._supplier(row_number, values)
        return InputRow(self.sheet, row_number, tuple(values), supplier)

    def _widen(self, values: list[str]) -> None:
        """Count the columns up to the row's last value as used."""
        for position in range(len(values) - 1, self.used_width - 1, -1):
            if values[position]:
                self.used_width = position + 1
                return

    def trimmed(self, rows: Sequence[InputRow]) -> list[InputRow]:
        """Rows cut to the columns that have a heading or a value somewhere."""
        width = self._width()
        return [
            row
            if len(row.values) == width
            else InputRow(row.sheet, row.row, (row.values + ("",) * width)[:width], row.supplier)
            for row in rows
        ]

    def trimmed_skipped(self) -> list[SkippedRow]:
        width = self._width()
        return [
            SkippedRow(row.sheet, row.row, (row.values + ("",) * width)[:width], row.reason)
            for row in self.skipped
        ]

    def _width(self) -> int:
        return max(self.used_width, self.name_column + 1)

    def _supplier(self, row_number: int, values: list[str]) -> Supplier:
        """The supplier of a row whose every value is short enough to screen whole."""
        values.append("")
        name, ref, country_text, sector, registration_id, address, born, nationality = (
            self.pick_fields(values)
        )
        values.pop()
        country = country_code(country_text) if country_text else ""
        if country is None:
            country = self._unknown_country(row_number, country_text)
        if born:
            born = self._birth_date(row_number, born)
        if nationality:
            nationality = self._nationality(row_number, nationality)
        return Supplier(name, ref, country, sector, registration_id, address, born, nationality)

    def _supplier_of_long_values(self, row_number: int, values: list[str]) -> Supplier:
        fields: dict[str, str] = {}
        for field_name, column in self.mapped:
            value = values[column]
            if len(value) > MAX_VALUE_LENGTH and field_name != "name":
                self._error(
                    row_number,
                    column,
                    ErrorCode.TOO_LONG,
                    f"{self._describe(column)} has {len(value):,} characters; "
                    f"the first {MAX_VALUE_LENGTH} were screened",
                )
                value = value[:MAX_VALUE_LENGTH]
            fields[field_name] = value
        return Supplier(
            name=fields["name"],
            ref=fields.get("ref", ""),
            country=self._country(row_number, fields.get("country", "")),
            sector=fields.get("sector", ""),
            registration_id=fields.get("registration_id", ""),
            address=fields.get("address", ""),
            date_of_birth=self._birth_date(row_number, fields.get("date_of_birth", "")),
            nationality=self._nationality(row_number, fields.get("nationality", "")),
        )

    def _country(self, row_number: int, country_text: str) -> str:
        """The ISO code of the country cell; "" (and a row error) for one no code is sure of."""
        code = country_code(country_text) if country_text else ""
        return code if code is not None else self._unknown_country(row_number, country_text)

    def _unknown_country(self, row_number: int, country_text: str) -> str:
        self._error(
            row_number,
            self.mapping.columns["country"],
            ErrorCode.UNKNOWN_COUNTRY,
            f"country {country_text!r} {_why_no_country(country_text)}; screened without a country",
        )
        return ""

    def _birth_date(self, row_number: int, text: str) -> str:
        """The ISO date (or month, or year) of a date-of-birth cell; the rest is reported."""
        if not text:
            return ""
        born = read_birth_date(text)
        if born.problem:
            outcome = f"read as {born.value}" if born.value else "screened without a date of birth"
            self._error(
                row_number,
                self.mapping.columns["date_of_birth"],
                ErrorCode.UNREADABLE_DATE,
                f"date of birth: {born.problem}; {outcome}",
            )
        return born.value

    def _nationality(self, row_number: int, text: str) -> str:
        """ISO-2 of one nationality; several ("RU, KP") or an unknown one are reported and not
        read: a wrong nationality would count against a true match."""
        if not text:
            return ""
        code = country_code(text)
        if code:
            return code
        parts = [part for part in _SEVERAL.split(text) if part.strip()]
        reason = (
            "holds several nationalities"
            if len(parts) > 1 and all(country_code(part) for part in parts)
            else _why_no_country(text)
        )
        self._error(
            row_number,
            self.mapping.columns["nationality"],
            ErrorCode.UNKNOWN_COUNTRY,
            f"nationality {text!r} {reason}; screened without a nationality",
        )
        return ""

    def _report_formulas(self, index: int, values: list[str]) -> None:
        for column, formula in self.formulas.get(index, ()):
            if column >= len(values):
                continue
            shown = f" (={formula})" if formula else " (shared with a cell above)"
            result = values[column]
            outcome = (
                f"its saved result {result!r} was read"
                if result
                else "it has no saved result, so the cell was read as empty"
            )
            self._error(
                index + 1,
                column,
                ErrorCode.FORMULA,
                f"{self._describe(column)} holds a formula{shown}; {outcome}",
            )

    def _is_section_heading(self, index: int, values: list[str]) -> bool:
        """A block merged across the name column and others, with nothing else mapped in the
        row, is a heading inside the table ("Russia", "Subcontractors"), not a supplier."""
        for block in self.merged_from.get(index, ()):
            if block.first_column > self.name_column or block.last_column < self.name_column:
                self._report_merged(index, block)
                continue
            inside = [
                column
                for column in self.mapping.columns.values()
                if block.first_column <= column <= block.last_column
            ]
            outside = [
                column
                for column in self.mapping.columns.values()
                if not block.first_column <= column <= block.last_column and values[column]
            ]
            if len(inside) > 1 and not outside:
                self._error(
                    index + 1,
                    block.first_column,
                    ErrorCode.SECTION_HEADING,
                    f"cells {block.ref} are merged into one heading "
                    f"({values[block.first_column]!r}); not screened",
                    screened=False,
                )
                return True
            self._report_merged(index, block)
        return False

    def _report_merged(self, index: int, block: CellRange) -> None:
        first = f"{column_letter(block.first_column)}{block.first_row + 1}"
        self._error(
            index + 1,
            block.first_column,
            ErrorCode.MERGED_CELL,
            f"cells {block.ref} are merged; only {first} holds their value",
        )

    def _report_missing_name(self, index: int) -> None:
        for block in self.merged_over.get(index, ()):
            if block.contains(index, self.name_column):
                self._error(
                    index + 1,
                    self.name_column,
                    ErrorCode.MERGED_CELL,
                    f"the name cell is inside merged cells {block.ref}, whose value belongs to "
                    f"row {block.first_row + 1}; not screened",
                    screened=False,
                )
                return
        self._error(
            index + 1,
            self.name_column,
            ErrorCode.NO_NAME,
            f"no supplier name in {self._describe(self.name_column)}; not screened",
            screened=False,
        )

    def _cut_long_cells(self, row_number: int, values: list[str]) -> None:
        if max(map(len, values)) <= MAX_CELL_LENGTH:
            return
        for column, value in enumerate(values):
            if len(value) > MAX_CELL_LENGTH:
                self._error(
                    row_number,
                    column,
                    ErrorCode.TOO_LONG,
                    f"{self._describe(column)} has {len(value):,} characters; "
                    f"a spreadsheet cell holds {MAX_CELL_LENGTH:,}, the rest was cut",
                )
                values[column] = value[:MAX_CELL_LENGTH]

    def _describe(self, column: int) -> str:
        heading = self.mapping.headers[column] if column < len(self.mapping.headers) else ""
        letter = column_letter(column)
        return f"column {letter} ({heading!r})" if heading else f"column {letter}"

    def _error(
        self, row: int | None, column: int | None, code: str, message: str, *, screened: bool = True
    ) -> None:
        letter = column_letter(column) if column is not None else None
        self.log.add(self.sheet, row, letter, code, message, screened=screened)
        if not screened and row is not None:
            self.skipped.append(SkippedRow(self.sheet, row, tuple(self._values), message))
