"""Loaders for the FCDO's UK Sanctions List, the one UK list since OFSI's Consolidated List
closed on 2026-01-28: UK-Sanctions-List.csv and UK-Sanctions-List.xml.

Built from the publisher's documentation, not from a complete real file (none could be
brought here): see docs/lists-format.md for the sources of the layout. A column or element
not in that layout is reported in the import's warnings.

- CSV: line 1 "Report Date: 13-Feb-2026", line 2 the 58 headings, then one line per name and
  per address of a designation; the lines of one designation share a `Unique ID`.
- XML: <Designations>, <DateGenerated> (dd/mm/yyyy), one <Designation> per listing.

A designation is one entry, its `Unique ID` (RUS1234, DPR0075) the entry's id. Its `OFSI Group
ID` is a SAME_AS link to that group in past uk-ofsi snapshots, its `UN Reference Number` one to
the UN list.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.entry_fields import (
    country_codes,
    distinct_aliases,
    labelled_remarks,
    make_address,
    make_alias,
    make_identifier,
    unique,
)
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
from screening.watchlist.unread import (
    UnreadFields,
    XmlLayout,
    column,
    read_records,
    unknown_columns,
)
from screening.watchlist.xml_files import (
    Element,
    child_text,
    clean,
    find_file,
    parse_xml,
    require_root,
    texts,
)

LIST_ID = "uk-sanctions-list"
OFSI_LIST_ID = "uk-ofsi"
UN_LIST_ID = "un-sc"
CSV_FILE = "UK-Sanctions-List.csv"
XML_FILE = "UK-Sanctions-List.xml"
REPORT_DATE = "Report Date:"

UNIQUE_ID = "Unique ID"
OFSI_GROUP_ID = "OFSI Group ID"
UN_REFERENCE = "UN Reference Number"
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
NAME_TYPE = "Name type"
ALIAS_STRENGTH = "Alias strength"
NON_LATIN_NAME = "Name non-latin script"
DESIGNATION_TYPE = "Designation Type"
REGIME = "Regime Name"
OTHER_INFORMATION = "Other Information"
DATE_DESIGNATED = "Date Designated"
ADDRESS_LINES = tuple(f"Address Line {number}" for number in range(1, 7))
POSTAL_CODE = "Address Postal Code"
ADDRESS_COUNTRY = "Address Country"
PASSPORT = ("Passport number", "Passport additional information")
NATIONAL_ID = ("National Identifier number", "National Identifier additional information")
NATIONALITY = "Nationality(/ies)"
REGISTRATION = "Business registration number (s)"
IMO = "IMO number"
PARENT = "Parent company"
OWNER = "Current owner/operator (s)"
FLAG = "Current believed flag of ship"
SANCTIONS_IMPOSED = "Sanctions Imposed"

# The headings of line 2, in the publisher's order (58 columns).
CSV_COLUMNS = (
    "Last Updated",
    UNIQUE_ID,
    OFSI_GROUP_ID,
    UN_REFERENCE,
    "Name 6",
    *NAME_PARTS[:5],
    NAME_TYPE,
    ALIAS_STRENGTH,
    "Title",
    NON_LATIN_NAME,
    "Non-latin script type",
    "Non-latin script language",
    REGIME,
    DESIGNATION_TYPE,
    "Designation source",
    SANCTIONS_IMPOSED,
    OTHER_INFORMATION,
    "UK Statement of Reasons",
    *ADDRESS_LINES,
    POSTAL_CODE,
    ADDRESS_COUNTRY,
    "Phone number",
    "Website",
    "Email address",
    DATE_DESIGNATED,
    "D.O.B",
    NATIONALITY,
    *NATIONAL_ID,
    *PASSPORT,
    "Position",
    "Gender",
    "Town of birth",
    "Country of birth",
    "Type of entity",
    "Subsidiaries",
    PARENT,
    REGISTRATION,
    IMO,
    OWNER,
    "Previous owner/operator (s)",
    FLAG,
    "Previous flags",
    "Type of ship",
    "Tonnage of ship",
    "Length of ship",
    "Year Built",
    "Hull identification number (HIN)",
)
REQUIRED_COLUMNS = (UNIQUE_ID, "Name 6", NAME_TYPE, DESIGNATION_TYPE)
# The XML element (under <Designation>) of each CSV column that is not a name, an address,
# a passport or a national identifier (those four are read from their groups below). The
# ship's previous owners, length and hull number have CSV columns, but no source at hand names
# their XML elements: left out rather than guessed, they show as unread elements if present.
XML_FIELDS = {
    "LastUpdated": "Last Updated",
    "OFSIGroupID": OFSI_GROUP_ID,
    "UNReferenceNumber": UN_REFERENCE,
    "Titles/Title": "Title",
    "RegimeName": REGIME,
    "IndividualEntityShip": DESIGNATION_TYPE,
    "DesignationSource": "Designation source",
    "SanctionsImposed": SANCTIONS_IMPOSED,
    "OtherInformation": OTHER_INFORMATION,
    "UKStatementofReasons": "UK Statement of Reasons",
    "PhoneNumbers/PhoneNumber": "Phone number",
    "Websites/Website": "Website",
    "EmailAddresses/EmailAddress": "Email address",
    "DateDesignated": DATE_DESIGNATED,
    "IndividualDetails/Individual/DOBs/DOB": "D.O.B",
    "IndividualDetails/Individual/Nationalities/Nationality": NATIONALITY,
    "IndividualDetails/Individual/Positions/Position": "Position",
    "IndividualDetails/Individual/Genders/Gender": "Gender",
    "IndividualDetails/Individual/BirthDetails/Location/TownOfBirth": "Town of birth",
    "IndividualDetails/Individual/BirthDetails/Location/CountryOfBirth": "Country of birth",
    "EntityDetails/Entity/TypeOfEntities/TypeOfEntity": "Type of entity",
    "EntityDetails/Entity/Subsidiaries/Subsidiary": "Subsidiaries",
    "EntityDetails/Entity/ParentCompanies/ParentCompany": PARENT,
    "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber": REGISTRATION,
    "ShipDetails/Ship/IMONumbers/IMONumber": IMO,
    "ShipDetails/Ship/CurrentOwnerOperators/CurrentOwnerOperator": OWNER,
    "ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip": FLAG,
    "ShipDetails/Ship/PreviousFlags/PreviousFlag": "Previous flags",
    "ShipDetails/Ship/TypeOfShipDetails/TypeOfShip": "Type of ship",
    "ShipDetails/Ship/TonnageOfShipDetails/TonnageOfShip": "Tonnage of ship",
    "ShipDetails/Ship/YearsBuilt/YearBuilt": "Year Built",
}
_XML_NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
_XML_ADDRESS_LINES = tuple(f"AddressLine{number}" for number in range(1, 7))
_XML_PASSPORT = "IndividualDetails/Individual/PassportDetails/Passport"
_XML_NATIONAL_ID = "IndividualDetails/Individual/NationalIdentifierDetails/NationalIdentifier"
XML_LAYOUT = XmlLayout.of(
    "UniqueID",
    *XML_FIELDS,
    *(f"Names/Name/{tag}" for tag in (*_XML_NAME_PARTS, "NameType", "AliasStrength")),
    *(
        f"NonLatinNames/NonLatinName/{tag}"
        for tag in ("NameNonLatinScript", "NonLatinScriptType", "NonLatinScriptLanguage")
    ),
    *(f"Addresses/Address/{tag}" for tag in (*_XML_ADDRESS_LINES, "AddressPostalCode")),
    "Addresses/Address/AddressCountry",
    f"{_XML_PASSPORT}/PassportNumber",
    f"{_XML_PASSPORT}/PassportAdditionalInformation",
    f"{_XML_NATIONAL_ID}/NationalIdentifierNumber",
    f"{_XML_NATIONAL_ID}/NationalIdentifierAdditionalInformation",
    "SanctionsImposedIndicators/*",  # one yes/no element per measure, named in SanctionsImposed
)

_KINDS = {
    "individual": EntryKind.PERSON,
    "entity": EntryKind.ORGANIZATION,
    "ship": EntryKind.VESSEL,
}
_PRIMARY_NAME = "primary name"
_UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d+$")
# Facts kept in the remarks, in this order, with the label they are given there.
_REMARK_FACTS = (
    ("UK Statement of Reasons", "UK Statement of Reasons"),
    ("Designation source", "Designation source"),
    (SANCTIONS_IMPOSED, "Sanctions imposed"),
    ("Title", "Title"),
    ("D.O.B", "DOB"),
    ("Town of birth", "Town of birth"),
    ("Country of birth", "Country of birth"),
    (NATIONALITY, "Nationality"),
    ("Position", "Position"),
    ("Gender", "Gender"),
    ("Type of entity", "Type of entity"),
    (PARENT, "Parent company"),
    ("Subsidiaries", "Subsidiaries"),
    ("Type of ship", "Type of ship"),
    (FLAG, "Current believed flag"),
    ("Previous flags", "Previous flags"),
    (OWNER, "Current owner/operator"),
    ("Previous owner/operator (s)", "Previous owner/operator"),
    ("Tonnage of ship", "Tonnage"),
    ("Length of ship", "Length"),
    ("Year Built", "Year built"),
    ("Hull identification number (HIN)", "HIN"),
    ("Phone number", "Phone"),
    ("Website", "Website"),
    ("Email address", "Email"),
    (OFSI_GROUP_ID, "OFSI Group ID"),
    ("Last Updated", "Last updated"),
)


@dataclass(frozen=True, slots=True)
class _Name:
    parts: tuple[str, ...]  # Name 1 ... Name 6, as written
    name_type: str
    strength: str

    @property
    def text(self) -> str:
        return " ".join(part for part in self.parts if part)


@dataclass(slots=True)
class _Designation:
    """A designation as read from either format, before it becomes an entry."""

    source_id: str  # its Unique ID
    where: str  # "line 12" or "Designation DPR0075", for errors
    names: list[_Name] = field(default_factory=list)
    non_latin: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    passports: list[tuple[str, str]] = field(default_factory=list)  # number, information
    national_ids: list[tuple[str, str]] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)  # CSV heading -> values

    def add(self, heading: str, value: str) -> None:
        if value and value not in self.fields.setdefault(heading, []):
            self.fields[heading].append(value)

    def values(self, heading: str) -> list[str]:
        return self.fields.get(heading, [])

    def first(self, heading: str) -> str:
        return next(iter(self.values(heading)), "")


def load_uk_sanctions_list_csv(files: Mapping[str, bytes]) -> ParsedList:
    """Every designation of UK-Sanctions-List.csv; published = its Report Date."""
    file, data = find_file(files, (CSV_FILE,), ".csv", "missing: the UK Sanctions List CSV")
    rows = _csv_rows(file, data)
    first = next(rows, (0, []))[1]
    if not first or not first[0].startswith(REPORT_DATE):
        raise ListFormatError(file, f"line 1 should start with {REPORT_DATE!r}", line=1)
    published = _report_date(first[0].removeprefix(REPORT_DATE).strip())
    header_line, header = next(rows, (2, []))
    missing = [heading for heading in REQUIRED_COLUMNS if heading not in header]
    if missing:
        raise ListFormatError(
            file, f"the header lacks the columns {', '.join(missing)}", line=header_line
        )
    unread = UnreadFields(file, "lines")
    unknown = unknown_columns(header, CSV_COLUMNS)
    for heading in unknown:
        unread.declare(column(heading))
    designations: dict[str, _Designation] = {}
    for line, values in rows:
        if not any(values):
            continue
        if len(values) != len(header):
            raise ListFormatError(
                file, f"expected {len(header)} columns, found {len(values)}", line=line
            )
        cells = dict(zip(header, values, strict=True))
        unique_id = cells[UNIQUE_ID]
        if not unique_id:
            raise ListFormatError(file, f"the {UNIQUE_ID} column is empty", line=line)
        designation = designations.setdefault(unique_id, _Designation(unique_id, f"line {line}"))
        _read_csv_line(designation, cells)
        unread.note_all((column(heading) for heading in unknown if cells[heading]), f"line {line}")
    return _parsed(file, designations.values(), published, unread)


def load_uk_sanctions_list_xml(files: Mapping[str, bytes]) -> ParsedList:
    """Every <Designation> of UK-Sanctions-List.xml; published = its DateGenerated."""
    file, data = find_file(files, (XML_FILE,), ".xml", "missing: the UK Sanctions List XML")
    root = parse_xml(file, data)
    require_root(file, root, "Designations")
    unread = UnreadFields(file, "designations")
    unread.note_foreign_children(root, ("Designation", "DateGenerated"))
    read = partial(_read_xml_designation, file)
    designations = read_records(file, root.iterfind("Designation"), read, XML_LAYOUT, unread)
    return _parsed(file, designations.values(), _uk_date(child_text(root, "DateGenerated")), unread)


def _csv_rows(file: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each line; the file is UTF-8, with or without a byte-order mark."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ListFormatError(file, f"not UTF-8 text: {error}") from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for values in reader:
            yield reader.line_num, [clean(value) for value in values]
    except csv.Error as error:
        raise ListFormatError(file, f"broken CSV: {error}", line=reader.line_num) from error


def _report_date(text: str) -> date | None:
    """ "13-Feb-2026" as the publisher writes it; dd/mm/yyyy accepted too."""
    for pattern in ("%d-%b-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _uk_date(text: str) -> date | None:
    """A dd/mm/yyyy date; None for a partly unknown one ("dd/mm/1968") or none."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _read_csv_line(designation: _Designation, cells: Mapping[str, str]) -> None:
    name = _Name(
        tuple(cells.get(part, "") for part in NAME_PARTS),
        cells[NAME_TYPE],
        cells.get(ALIAS_STRENGTH, ""),
    )
    if name.text and name not in designation.names:
        designation.names.append(name)
    if non_latin := cells.get(NON_LATIN_NAME, ""):
        designation.non_latin.append(non_latin)
    lines = [cells.get(line, "") for line in ADDRESS_LINES]
    address = _address(lines, cells.get(POSTAL_CODE, ""), cells.get(ADDRESS_COUNTRY, ""))
    if address is not None:
        designation.addresses.append(address)
    for pairs, (number, information) in (
        (designation.passports, PASSPORT),
        (designation.national_ids, NATIONAL_ID),
    ):
        if cells.get(number):
            pairs.append((cells[number], cells.get(information, "")))
    grouped = {*NAME_PARTS, NAME_TYPE, ALIAS_STRENGTH, NON_LATIN_NAME, *ADDRESS_LINES}
    grouped |= {POSTAL_CODE, ADDRESS_COUNTRY, *PASSPORT, *NATIONAL_ID}
    for heading in CSV_COLUMNS:
        if heading not in grouped:
            designation.add(heading, cells.get(heading, ""))


def _read_xml_designation(file: str, number: int, element: Element) -> _Designation:
    unique_id = child_text(element, "UniqueID")
    if not unique_id:
        raise ListFormatError(file, f"Designation number {number} has no UniqueID")
    designation = _Designation(unique_id, f"Designation {unique_id}")
    for name in element.iterfind("Names/Name"):
        parts = tuple(child_text(name, tag) for tag in _XML_NAME_PARTS)
        found = _Name(parts, child_text(name, "NameType"), child_text(name, "AliasStrength"))
        if found.text and found not in designation.names:
            designation.names.append(found)
    designation.non_latin += texts(element, "NonLatinNames/NonLatinName/NameNonLatinScript")
    for address in element.iterfind("Addresses/Address"):
        lines = [child_text(address, tag) for tag in _XML_ADDRESS_LINES]
        found_address = _address(
            lines, child_text(address, "AddressPostalCode"), child_text(address, "AddressCountry")
        )
        if found_address is not None:
            designation.addresses.append(found_address)
    for pairs, path, number_tag, information in (
        (designation.passports, _XML_PASSPORT, "PassportNumber", "PassportAdditionalInformation"),
        (
            designation.national_ids,
            _XML_NATIONAL_ID,
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
        ),
    ):
        for document in element.iterfind(path):
            if value := child_text(document, number_tag):
                pairs.append((value, child_text(document, information)))
    for path, heading in XML_FIELDS.items():
        for value in texts(element, path):
            designation.add(heading, value)
    return designation


def _address(lines: Sequence[str], postal_code: str, country: str) -> Address | None:
    """Lines 1 to 5 are the street, line 6 the town, as in OFSI's list before it."""
    street = ", ".join(unique(lines[:5]))
    city = ", ".join(unique((lines[5], postal_code)))
    return make_address(street, city, country)


def _parsed(
    file: str,
    designations: Iterable[_Designation],
    published: date | None,
    unread: UnreadFields,
) -> ParsedList:
    entries = tuple(_entry(file, designation) for designation in designations)
    if not entries:
        raise ListFormatError(file, "no designations")
    return ParsedList(entries=entries, published=published, warnings=unread.warnings())


def _alias_type(name: _Name) -> AliasType:
    # "Low quality a.k.a" in the file; "weak" in the FCDO's guidance on alias strength.
    strength = name.strength.lower()
    return AliasType.WEAK if strength.startswith(("low", "weak")) else AliasType.AKA


def _entry(file: str, designation: _Designation) -> Entry:
    kind_text = designation.first(DESIGNATION_TYPE)
    kind = _KINDS.get(kind_text.lower())
    if kind is None:
        raise ListFormatError(
            file, f"{designation.where}: unknown {DESIGNATION_TYPE} {kind_text!r}"
        )
    if not designation.names:
        raise ListFormatError(file, f"{designation.where}: {designation.source_id} has no name")
    primary = next(
        (name for name in designation.names if name.name_type.lower() == _PRIMARY_NAME),
        designation.names[0],
    )
    aliases: list[Alias] = [
        make_alias(name.text, _alias_type(name))
        for name in designation.names
        if name is not primary
    ]
    aliases += [make_alias(name) for name in designation.non_latin]
    other_information = " ".join(designation.values(OTHER_INFORMATION))
    flags = designation.values(FLAG)
    nationalities = designation.values(NATIONALITY)
    facts = [
        (
            label,
            ", ".join(value for text in designation.values(heading) for value in text.split("|")),
        )
        for heading, label in _REMARK_FACTS
    ]
    listed = [when for text in designation.values(DATE_DESIGNATED) if (when := _uk_date(text))]
    return Entry(
        list_id=LIST_ID,
        source_id=designation.source_id,
        kind=kind,
        name=primary.text,
        aliases=distinct_aliases(primary.text, aliases),
        countries=unique(
            [address.country_code for address in designation.addresses]
            + list(country_codes(nationalities))
            + list(country_codes(flags))
        ),
        addresses=tuple(dict.fromkeys(designation.addresses)),
        identifiers=_identifiers(designation, other_information),
        programs=tuple(designation.values(REGIME)),
        listed_on=min(listed, default=None),
        remarks=labelled_remarks(other_information, facts),
        links=_links(designation),
        birth_dates=_birth_dates(designation) if kind is EntryKind.PERSON else (),
        nationalities=unique(country_codes(_listed(nationalities)))
        if kind is EntryKind.PERSON
        else (),
    )


def _listed(values: Iterable[str]) -> list[str]:
    """The items of cells that list several values with "|" between them."""
    return [item.strip() for text in values for item in text.split("|") if item.strip()]


def _birth_dates(designation: _Designation) -> tuple[str, ...]:
    """A person's dates of birth, ISO 8601 ("07/09/1975", "00/00/1967" a year only)."""
    return unique(
        born
        for written in _listed(designation.values("D.O.B"))
        for born in read_birth_dates(written)
    )


def _identifiers(designation: _Designation, other_information: str) -> tuple[Identifier, ...]:
    found: list[Identifier | None] = []
    for pairs, kind in (
        (designation.passports, IdentifierKind.PASSPORT),
        (designation.national_ids, IdentifierKind.NATIONAL_ID),
    ):
        found += [make_identifier(kind, number, information) for number, information in pairs]
    found += [
        make_identifier(IdentifierKind.REGISTRATION, value, "Business registration number")
        for value in designation.values(REGISTRATION)
    ]
    found += [
        make_identifier(IdentifierKind.IMO, value, "IMO number")
        for value in designation.values(IMO)
    ]
    found += find_identifiers(other_information)
    return tuple(dict.fromkeys(identifier for identifier in found if identifier is not None))


def _links(designation: _Designation) -> tuple[Link, ...]:
    links = [
        Link(LinkRelation.SAME_AS, list_id=UN_LIST_ID, source_id=reference)
        for reference in designation.values(UN_REFERENCE)
        if _UN_REFERENCE.match(reference)
    ]
    links += [
        Link(LinkRelation.SAME_AS, list_id=OFSI_LIST_ID, source_id=group)
        for group in designation.values(OFSI_GROUP_ID)
    ]
    links += [
        Link(LinkRelation.LINKED_TO, name=name)
        for heading in (PARENT, OWNER)
        for name in designation.values(heading)
    ]
    return tuple(dict.fromkeys(links))
