"""Loader for Australia's DFAT Consolidated List, regulation8_consolidated.xlsx.

One sheet, a header row, then one row per name: the primary name's row carries the
reference ("1114"), its alias rows the reference with a letter ("1114a", "1114b"). The rows
of a reference make one entry. Cells are free text: `Name Type` and `Type` vary in case and
trailing spaces, addresses and citizenships are lists written "a) ... b) ...", and the date
a listing began is written in `Listing Information` in several ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from screening.ingest.model import UnreadableFileError
from screening.ingest.xlsx import read_xlsx_sheets
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.entry_fields import (
    country_codes,
    distinct_aliases,
    labelled_remarks,
    make_address,
    make_alias,
    unique,
)
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import Address, Alias, AliasType, Entry, EntryKind, ParsedList
from screening.watchlist.text_identifiers import find_identifiers
from screening.watchlist.unread import UnreadFields, column, unknown_columns
from screening.watchlist.xml_files import find_file

LIST_ID = "au-dfat"
FILE_NAME = "regulation8_consolidated.xlsx"

REFERENCE = "Reference"
NAME = "Name of Individual or Entity"
TYPE = "Type"
NAME_TYPE = "Name Type"
BIRTH_DATE = "Date of Birth"
BIRTH_PLACE = "Place of Birth"
CITIZENSHIP = "Citizenship"
ADDRESS = "Address"
ADDITIONAL = "Additional Information"
LISTING = "Listing Information"
COMMITTEES = "Committees"
CONTROL_DATE = "Control Date"
REQUIRED_COLUMNS = (REFERENCE, NAME, TYPE, NAME_TYPE, COMMITTEES)
KNOWN_COLUMNS = (
    *REQUIRED_COLUMNS,
    BIRTH_DATE,
    BIRTH_PLACE,
    CITIZENSHIP,
    ADDRESS,
    ADDITIONAL,
    LISTING,
    CONTROL_DATE,
)

_KINDS = {"individual": EntryKind.PERSON, "entity": EntryKind.ORGANIZATION}
PRIMARY_NAME = "primary name"
_ALIAS_TYPES = {
    "aka": AliasType.AKA,
    "original script": AliasType.NON_LATIN,
    "formerly known as": AliasType.FKA,
    "previously listed as": AliasType.FKA,
}
_REFERENCE = re.compile(r"^(\d+)(?:[a-z]+\d*)?$")  # 1114, 1114a, 34c1
_LETTERED = re.compile(r"(?:^|\s)[a-z]{1,2}\)\s+")  # "a) Kabul b) Kandahar"
_EMPTY = frozenset({"", "na", "n/a"})
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_WRITTEN_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")  # 24 Apr. 2009
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 16/09/2022
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Germany (previous address)"
# several dates of birth in one cell: "01/02/1960; alt DOB: 01/02/1961", "1960 >> 1961"
_BIRTH_SEPARATORS = re.compile(r";|>>|\balt(?:ernative)?\.? DOB:?|\bor\b", re.IGNORECASE)
_BETWEEN_YEARS = re.compile(r"^between\s+(\d{4})\s+(?:and|to)\s+(\d{4})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int  # the sheet's row number
    reference: str  # "1114", without the alias letter
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def name_type(self) -> str:
        return " ".join(self[NAME_TYPE].lower().split())


def load_au_dfat(files: Mapping[str, bytes]) -> ParsedList:
    """Every reference of the DFAT Consolidated List. The cells state no publication date."""
    file, data = find_file(
        files, (FILE_NAME,), ".xlsx", "missing: the DFAT list is one xlsx workbook"
    )
    try:
        sheet = read_xlsx_sheets(data, file)[0]
    except UnreadableFileError as error:
        raise ListFormatError(file, error.message) from error
    unread = UnreadFields(file, "rows")
    where = f"sheet {sheet.name!r}"
    groups: dict[str, list[_Row]] = {}
    for row in _rows(file, where, sheet.cells, unread):
        groups.setdefault(row.reference, []).append(row)
    if not groups:
        raise ListFormatError(file, f"{where}: no rows below the header")
    entries = tuple(
        _entry(file, where, reference, rows, unread) for reference, rows in groups.items()
    )
    return ParsedList(entries=entries, warnings=unread.warnings())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a reference or a year the workbook stored as a number
    return " ".join(str(value).split())


def _rows(
    file: str, where: str, cells: Sequence[Sequence[object]], unread: UnreadFields
) -> Iterator[_Row]:
    if not cells:
        raise ListFormatError(file, f"{where}: the sheet is empty")
    header = [_cell(value) for value in cells[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ListFormatError(file, f"{where}, row 1: no column {', '.join(missing)}", line=1)
    unknown = unknown_columns(header, KNOWN_COLUMNS)
    for heading in unknown:
        unread.declare(column(heading))
    for line, values in enumerate(cells[1:], start=2):
        texts = [_cell(value) for value in values]
        if not any(texts):
            continue
        row_cells = dict(zip(header, texts, strict=False))
        reference = _REFERENCE.match(row_cells.get(REFERENCE, "").lower())
        if reference is None:
            raise ListFormatError(
                file,
                f"{where}, row {line}, column {REFERENCE}: "
                f"{row_cells.get(REFERENCE, '')!r} is not a reference number",
                line=line,
            )
        unread.note_all(
            [column(heading) for heading in unknown if row_cells.get(heading)], f"row {line}"
        )
        yield _Row(line, reference.group(1), row_cells)


def _lettered(text: str) -> list[str]:
    """The items of "a) X b) Y", or the text itself; "NA" and empty items left out."""
    return [
        part.strip(" ,;")
        for part in _LETTERED.split(text)
        if part.strip(" ,;").lower() not in _EMPTY
    ]


def _address(text: str) -> Address | None:
    """The last comma-separated part is the country when it names one."""
    street, _, last = text.rpartition(",")
    country = _QUALIFIER.sub("", last).strip()
    codes = country_codes([country])
    if street and codes:
        return make_address(street.strip(), "", country, codes[0])
    codes = country_codes([_QUALIFIER.sub("", text).strip()])
    if codes:  # the whole item is a country: "b) Türkiye"
        return make_address("", "", text, codes[0])
    return make_address(text, "", "")


def listing_date(text: str) -> date | None:
    """The first date written in `Listing Information`: "24 Apr. 2009", "16/09/2022" or
    "2024-03-01"; None when it gives none."""
    found: list[tuple[int, date]] = []
    for match in _WRITTEN_DATE.finditer(text):
        month = _MONTHS.get(match.group(2)[:3].lower())
        if month is not None:
            found += _date_at(match.start(), int(match.group(3)), month, int(match.group(1)))
    for match in _NUMERIC_DATE.finditer(text):
        found += _date_at(
            match.start(), int(match.group(3)), int(match.group(2)), int(match.group(1))
        )
    for match in _ISO_DATE.finditer(text):
        found += _date_at(
            match.start(), int(match.group(1)), int(match.group(2)), int(match.group(3))
        )
    return min(found)[1] if found else None


def _date_at(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    try:
        return [(position, date(year, month, day))]
    except ValueError:
        return []


def _primary(file: str, where: str, reference: str, rows: Sequence[_Row]) -> _Row:
    primaries = [row for row in rows if row.name_type == PRIMARY_NAME]
    if len(primaries) != 1:
        lines = ", ".join(str(row.line) for row in rows)
        found = "no" if not primaries else "more than one"
        raise ListFormatError(
            file,
            f"{where}, rows {lines}: reference {reference} has {found} {NAME_TYPE} 'Primary Name'",
            line=rows[0].line,
        )
    return primaries[0]


def _entry(
    file: str, where: str, reference: str, rows: Sequence[_Row], unread: UnreadFields
) -> Entry:
    primary = _primary(file, where, reference, rows)
    kind = _KINDS.get(primary[TYPE].lower())
    if kind is None:
        raise ListFormatError(
            file,
            f"{where}, row {primary.line}, column {TYPE}: unknown type {primary[TYPE]!r}",
            line=primary.line,
        )
    is_person = kind is EntryKind.PERSON
    name = primary[NAME]
    if not name:
        raise ListFormatError(
            file, f"{where}, row {primary.line}, column {NAME}: empty", line=primary.line
        )
    aliases: list[Alias] = []
    for row in rows:
        if row is primary:
            continue
        if not row[NAME]:
            unread.note_all(
                [f"an alias row with no name (reference {reference})"], f"row {row.line}"
            )
            continue
        alias_type = _ALIAS_TYPES.get(row.name_type)
        if alias_type is None:
            unread.note_all([f"{NAME_TYPE} {row[NAME_TYPE]!r}, read as aka,"], f"row {row.line}")
            alias_type = AliasType.AKA
        aliases.append(make_alias(row[NAME], alias_type))

    def values(column: str) -> tuple[str, ...]:
        return unique(row[column] for row in rows)

    addresses = _unique_addresses(item for text in values(ADDRESS) for item in _lettered(text))
    citizenships = [
        part
        for text in values(CITIZENSHIP)
        for item in _lettered(text)
        for part in item.split(" and ")
    ]
    additional = " ".join(values(ADDITIONAL))
    listing = " ".join(values(LISTING))
    facts = (
        ("Date of birth", " ".join(values(BIRTH_DATE))),
        ("Place of birth", " ".join(values(BIRTH_PLACE))),
        ("Citizenship", " ".join(values(CITIZENSHIP))),
        ("Listing information", listing),
        ("Control date", " ".join(values(CONTROL_DATE))),
    )
    return Entry(
        list_id=LIST_ID,
        source_id=reference,
        kind=kind,
        name=name,
        aliases=distinct_aliases(name, aliases),
        countries=unique(
            [address.country_code for address in addresses] + list(country_codes(citizenships))
        ),
        addresses=addresses,
        identifiers=find_identifiers(additional),
        programs=values(COMMITTEES),
        listed_on=listing_date(listing),
        remarks=labelled_remarks(additional, facts),
        birth_dates=unique(born for text in values(BIRTH_DATE) for born in birth_dates(text))
        if is_person
        else (),
        nationalities=country_codes(citizenships) if is_person else (),
    )


def birth_dates(text: str) -> tuple[str, ...]:
    """A person's dates of birth, ISO 8601, from a cell that may list several: "a) 01/02/1960;
    b) 1961", "12 Dec. 1960", "Approximately 1962", "Between 1960 and 1962" (each year)."""
    found: list[str] = []
    for item in _lettered(text):
        for part in _BIRTH_SEPARATORS.split(item):
            found += read_birth_dates(_BETWEEN_YEARS.sub(r"\1 to \2", part.strip(" ,")))
    return unique(found)


def _unique_addresses(items: Iterable[str]) -> tuple[Address, ...]:
    found: dict[Address, None] = {}
    for item in items:
        address = _address(item)
        if address is not None:
            found.setdefault(address)
    return tuple(found)
