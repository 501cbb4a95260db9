"""Loader for the UK OFSI Consolidated List of Financial Sanctions Targets, xlsx or csv.

Both formats hold the same table: row 1 "Last Updated, dd/mm/yyyy", row 2 the headers, then
one row per name variant (and per address: the rows of a designation are the product of
its names and addresses), grouped by Group ID. Errors give the table's row number as line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from screening.countries.listed import country_code
from screening.ingest.model import UnreadableFileError
from screening.ingest.xlsx import read_xlsx_sheets
from screening.names.scripts import detect_script
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Address,
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
    ParsedList,
)
from screening.watchlist.text_identifiers import find_identifiers

LIST_ID = "uk-ofsi"
UN_LIST_ID = "un-sc"
UK_LIST_ID = "uk-sanctions-list"
UK_SANCTIONS_LIST_REF = "UK Sanctions List Ref"
DEFAULT_FILE = "ConList.xlsx"
LAST_UPDATED = "Last Updated"

_KINDS = {
    "individual": EntryKind.PERSON,
    "entity": EntryKind.ORGANIZATION,
    "ship": EntryKind.VESSEL,
}
_PERSON_NAME = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5")
REQUIRED_COLUMNS = (
    *_PERSON_NAME,
    "Name Non-Latin Script",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "National Identification Details",
    *_ADDRESS_LINES,
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "Group ID",
)
# "Other Information" is a run of "(Label):value" fields; a value runs up to the next label.
_FIELD = re.compile(r"\(([A-Za-z][^()]*)\):\s*(.*?)(?=\s*\([A-Za-z][^()]*\):|$)", re.DOTALL)
_UN_REFERENCE = re.compile(r"^([A-Z]{2}[ie]\.\d+)")
_UK_UNIQUE_ID = re.compile(r"^([A-Z]{3}\d{4})\b")  # "DPR0160."
# A ship is "Listed as asset of Korea Samjong Shipping (OFSI ID: 13635, ...)".
_ASSET_OF = re.compile(r"asset of (.+?) \(OFSI ID: (\d+)")
_NUMBERED = re.compile(r"\(\d+\)")  # "(1) Russia (2) Ukraine"
_LABELLED_NUMBER = re.compile(r"^([A-Za-z][A-Za-z ./]*?)\s*[:–-]\s*(\S.*)$")
_TAX_LABELS = frozenset({"TIN", "INN", "TAX ID", "TAX NUMBER", "VAT"})


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def load_uk_ofsi(files: Mapping[str, bytes]) -> ParsedList:
    """Every designation (Group ID) of ConList.xlsx or ConList.csv; published = Last Updated."""
    file, data = _find_table(files)
    rows = _xlsx_rows(file, data) if file.lower().endswith(".xlsx") else _csv_rows(file, data)
    return _parse_table(file, rows)


def _find_table(files: Mapping[str, bytes]) -> tuple[str, bytes]:
    for suffix in (".xlsx", ".csv"):
        for key, data in files.items():
            if key.lower().endswith(suffix):
                return key, data
    raise ListFormatError(DEFAULT_FILE, "missing: the UK list is ConList.xlsx or ConList.csv")


def _cell(value: object) -> str:
    if value is None:
        return ""
    # OFSI writes every cell as text; a workbook re-saved by a spreadsheet program may have
    # turned dates into date cells and ids into numbers.
    if isinstance(value, date):  # a datetime too
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(file: str, data: bytes) -> Iterator[tuple[str, ...]]:
    # calamine (through the sheet reader of uploads, with its checks of the package): openpyxl's
    # read-only mode took 6-7 s of CPU for the 2 MB list, a quarter of a cold start
    try:
        sheets = read_xlsx_sheets(data, file)
    except UnreadableFileError as error:
        raise ListFormatError(file, f"not a readable xlsx workbook: {error.message}") from error
    if not sheets:
        raise ListFormatError(file, "the workbook has no worksheet")
    sheet = next((s for s in sheets if s.name == "Data"), sheets[0])
    for values in sheet.cells:
        yield tuple(_cell(value) for value in values)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) when valid, else Windows-1252, the encoding
    a spreadsheet program on Windows saves CSV in, else Latin-1, which decodes any byte."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_rows(file: str, data: bytes) -> Iterator[tuple[str, ...]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for values in reader:
            yield tuple(value.strip() for value in values)
    except csv.Error as error:
        raise ListFormatError(file, f"broken CSV: {error}", line=reader.line_num) from error


def _uk_date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _parse_table(file: str, rows: Iterable[tuple[str, ...]]) -> ParsedList:
    iterator = iter(rows)
    first = next(iterator, ())
    if not first or first[0] != LAST_UPDATED:
        raise ListFormatError(file, f"row 1 should start with {LAST_UPDATED!r}", line=1)
    published = _uk_date(first[1]) if len(first) > 1 else None
    header = next(iterator, ())
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ListFormatError(file, f"row 2 lacks the columns {', '.join(missing)}", line=2)
    groups: dict[str, list[_Row]] = {}
    for line, values in enumerate(iterator, start=3):
        if not any(values):
            continue
        if len(values) != len(header):
            raise ListFormatError(
                file, f"expected {len(header)} columns, found {len(values)}", line=line
            )
        row = _Row(line, dict(zip(header, values, strict=True)))
        group_id = row["Group ID"]
        if not group_id:
            raise ListFormatError(file, "a row has no Group ID", line=line)
        groups.setdefault(group_id, []).append(row)
    if not groups:
        raise ListFormatError(file, "no designations below the header")
    entries = tuple(_entry(file, group_id, rows) for group_id, rows in groups.items())
    return ParsedList(entries=entries, published=published)


def _row_name(row: _Row) -> str:
    return " ".join(part for column in _PERSON_NAME if (part := row[column]))


def _primary_row(rows: Sequence[_Row]) -> _Row:
    for alias_type in ("primary name", "primary name variation"):
        for row in rows:
            if row["Alias Type"].lower() == alias_type:
                return row
    return rows[0]


def _alias_type(row: _Row) -> AliasType:
    if row["Alias Type"].lower() == "fka":
        return AliasType.FKA
    if row["Alias Quality"].lower().startswith("low"):
        return AliasType.WEAK
    return AliasType.AKA


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def _numbered(text: str) -> tuple[str, ...]:
    """The items of "(1) Russia. (2) Syria", or the text itself when it is not numbered."""
    return _unique(part.strip(" .;") for part in _NUMBERED.split(text))


def _entry(file: str, group_id: str, rows: Sequence[_Row]) -> Entry:
    first = rows[0]
    kind = _KINDS.get(first["Group Type"].lower())
    if kind is None:
        raise ListFormatError(file, f"unknown Group Type {first['Group Type']!r}", line=first.line)
    primary = _primary_row(rows)
    name = _row_name(primary)
    if not name:
        raise ListFormatError(file, f"group {group_id} has no primary name", line=primary.line)
    remarks = first["Other Information"]
    fields = [(label.strip(), value.strip()) for label, value in _FIELD.findall(remarks)]
    addresses = _unique_addresses(rows)
    nationalities = [item for row in rows for item in _numbered(row["Nationality"])]
    codes = [address.country_code for address in addresses]
    codes += [country_code(nationality) for nationality in nationalities]
    codes += [country_code(value) for label, value in fields if label == "Flag of ship"]
    listed = [when for row in rows if (when := _uk_date(row["Listed On"])) is not None]
    return Entry(
        list_id=LIST_ID,
        source_id=group_id,
        kind=kind,
        name=name,
        aliases=_aliases(rows, name),
        countries=_unique(codes),
        addresses=addresses,
        identifiers=_identifiers(rows, fields, remarks),
        programs=_unique(row["Regime"] for row in rows),
        listed_on=min(listed, default=None),
        remarks=remarks,
        links=_links(fields, remarks),
        birth_dates=_birth_dates(rows) if kind is EntryKind.PERSON else (),
        nationalities=_unique(code for name in nationalities if (code := country_code(name)))
        if kind is EntryKind.PERSON
        else (),
    )


def _birth_dates(rows: Sequence[_Row]) -> tuple[str, ...]:
    """A person's dates of birth from the DOB column of every row of the designation."""
    return _unique(
        born
        for row in rows
        for written in _numbered(row["DOB"])
        for born in read_birth_dates(written)
    )


def _aliases(rows: Sequence[_Row], name: str) -> tuple[Alias, ...]:
    aliases: dict[str, Alias] = {}
    for row in rows:
        alias_name = _row_name(row)
        if alias_name and alias_name != name and alias_name not in aliases:
            aliases[alias_name] = Alias(alias_name, _alias_type(row), detect_script(alias_name))
    for row in rows:
        written = row["Name Non-Latin Script"]
        if written and written != name and written not in aliases:
            script = detect_script(written)
            alias_type = AliasType.AKA if script == "Latin" else AliasType.NON_LATIN
            aliases[written] = Alias(written, alias_type, script)
    return tuple(aliases.values())


def _unique_addresses(rows: Sequence[_Row]) -> tuple[Address, ...]:
    addresses: dict[Address, None] = {}
    for row in rows:
        street = ", ".join(_unique(row[column] for column in _ADDRESS_LINES))
        city = ", ".join(_unique((row["Address 6"], row["Post/Zip Code"])))
        country = row["Country"]
        if street or city or country:
            addresses.setdefault(Address(street, city, country, country_code(country)))
    return tuple(addresses)


def _registration(item: str) -> Identifier:
    labelled = _LABELLED_NUMBER.match(item)
    if labelled is None:
        return Identifier(IdentifierKind.REGISTRATION, item, note="Business Reg No")
    label, value = labelled.group(1).strip(), labelled.group(2).strip()
    kind = IdentifierKind.TAX if label.upper() in _TAX_LABELS else IdentifierKind.REGISTRATION
    return Identifier(kind, value, note=label)


def _identifiers(
    rows: Sequence[_Row], fields: Sequence[tuple[str, str]], remarks: str
) -> tuple[Identifier, ...]:
    found: dict[Identifier, None] = {}
    for row in rows:
        for column, kind in (
            ("Passport Number", IdentifierKind.PASSPORT),
            ("National Identification Number", IdentifierKind.NATIONAL_ID),
        ):
            note = row[column.replace("Number", "Details")]
            for value in _numbered(row[column]):
                found.setdefault(Identifier(kind, value, note=note))
    for label, value in fields:
        if label == "Business Reg No":
            for item in _numbered(value):
                found.setdefault(_registration(item))
    for identifier in find_identifiers(remarks):
        found.setdefault(identifier)
    return tuple(found)


def _links(fields: Sequence[tuple[str, str]], remarks: str) -> tuple[Link, ...]:
    links: dict[Link, None] = {}
    for label, value in fields:
        if label == "UN Ref" and (reference := _UN_REFERENCE.match(value)):
            links.setdefault(
                Link(LinkRelation.SAME_AS, list_id=UN_LIST_ID, source_id=reference.group(1))
            )
        elif label == UK_SANCTIONS_LIST_REF and (unique_id := _UK_UNIQUE_ID.match(value)):
            # The designation's Unique ID on the FCDO's UK Sanctions List, which replaced this one.
            links.setdefault(
                Link(LinkRelation.SAME_AS, list_id=UK_LIST_ID, source_id=unique_id.group(1))
            )
        elif label == "Parent company":
            for parent in _numbered(value):
                links.setdefault(Link(LinkRelation.LINKED_TO, name=parent))
    for owner in _ASSET_OF.finditer(remarks):
        links.setdefault(
            Link(LinkRelation.LINKED_TO, name=owner.group(1).strip(), source_id=owner.group(2))
        )
    return tuple(links)
