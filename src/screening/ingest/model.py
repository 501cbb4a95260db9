"""What reading a supplier sheet gives: rows with their cells, the mapping used, row errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from screening.ingest.name_column import NameChoice
from screening.supplier import Supplier

# The supplier fields a column can be mapped to, in the order reports show them.
FIELDS: tuple[str, ...] = (
    "name",
    "ref",
    "country",
    "sector",
    "registration_id",
    "address",
    "date_of_birth",
    "nationality",
)


def supplier_json(supplier: Supplier) -> dict[str, str]:
    """The supplier's fields by name, in FIELDS order: how the API and reports show it."""
    return {field_name: getattr(supplier, field_name) for field_name in FIELDS}


class ErrorCode:
    """Stable codes of row errors; the message says the same for people."""

    NO_NAME = "no_name"
    MERGED_CELL = "merged_cell"
    SECTION_HEADING = "section_heading"
    FORMULA = "formula"
    TOO_LONG = "too_long"
    UNKNOWN_COUNTRY = "unknown_country"  # also a nationality that names no one country
    UNREADABLE_DATE = "unreadable_date"  # a date of birth that is no date, or not one for sure
    SHEET_SKIPPED = "sheet_skipped"
    MAPPING = "mapping"
    ENCODING = "encoding"
    MACROS = "macros"  # a workbook with a VBA project: noted, never run
    MORE = "more_errors"


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in the input, where a person can find it: file, sheet, row, column."""

    file: str
    sheet: str
    row: int | None  # 1-based row as the spreadsheet shows it; None = the whole sheet
    column: str | None  # column letter ("B"); None = the whole row or sheet
    code: str  # an ErrorCode value
    message: str
    screened: bool = True  # False when the row was left out of the screening

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class SheetMapping:
    """Which row of a sheet holds the headers and which column holds each supplier field."""

    sheet: str
    header_row: int  # 1-based
    headers: tuple[str, ...]  # every header cell of that row as text ("" for a blank one)
    columns: Mapping[str, int] = field(default_factory=dict)  # field -> 0-based column index
    # Why the name column was chosen over the next best, when it was found, not named by a mapping.
    name_choice: NameChoice | None = None

    def header_of(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is None:
            return ""
        return self.headers[index] if index < len(self.headers) else ""


@dataclass(frozen=True, slots=True)
class InputRow:
    """One supplier row: where it is, its cells as written, the supplier read from it."""

    sheet: str
    row: int  # 1-based
    values: tuple[str, ...]  # the sheet's cells as text, aligned with SheetMapping.headers
    supplier: Supplier


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A non-blank row that is not screened (no name, a heading inside the table...): reports
    still show it, so their rows add up to the input's."""

    sheet: str
    row: int
    values: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    file_name: str
    sheets: tuple[SheetMapping, ...]  # the sheets read, in workbook order
    rows: tuple[InputRow, ...]
    errors: tuple[RowError, ...]
    skipped: tuple[SkippedRow, ...] = ()
    encoding: str = ""  # CSV only: the encoding the text was read in
    delimiter: str = ""  # CSV only

    def mapping_of(self, sheet: str) -> SheetMapping | None:
        return next((m for m in self.sheets if m.sheet == sheet), None)


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read: wrong format, damaged, or no supplier column anywhere."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None) -> None:
        self.file = file
        self.sheet = sheet
        self.message = message
        where = f"{file}, sheet {sheet!r}" if sheet else file
        super().__init__(f"{where}: {message}")
