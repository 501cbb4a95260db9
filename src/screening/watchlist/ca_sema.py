"""Loader for Canada's Consolidated Canadian Autonomous Sanctions List (SEMA), sema-lmes.xml.

One flat <record> per listing under <data-set>. The file carries no id for a listing, so an
entry's id is made of what identifies it in the Regulations: the country part of `Country`
(English), the `Schedule` and the `Item`, e.g. "Russia / Schedule 1, Part 1 / Item 12"
("Russia / Item 3" when the record has no schedule). `Country` names the sanctions regime,
not the person's country: it becomes the program, not one of the entry's countries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial

from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.entry_fields import (
    distinct_aliases,
    iso_date,
    labelled_remarks,
    make_alias,
    make_identifier,
    unique,
)
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import Entry, EntryKind, IdentifierKind, ParsedList
from screening.watchlist.unread import UnreadFields, XmlLayout, read_records
from screening.watchlist.xml_files import (
    Element,
    child_text,
    find_file,
    parse_xml,
    require_root,
)

LIST_ID = "ca-sema"
FILE_NAME = "sema-lmes.xml"

LAYOUT = XmlLayout.of(
    "Country",
    "LastName",
    "GivenName",
    "EntityOrShip",
    "TitleOrShip",
    "ShipIMONumber",
    "Aliases",
    "DateOfBirthOrShipBuildDate",
    "Schedule",
    "Item",
    "DateOfListing",
)
# "Aliases" is free text: names separated by ";" or " or ". A person's names may also be
# separated by ", " ("Aleksey Nikolayevich Azarov, Aleksei Nikolaevich Azarov"), but a comma
# inside an organisation's name is part of the name, and "Sergei, Serhii SHERBAKOV" is one
# name with two spellings of the first: split a person's aliases at commas only when every
# part is a name of two words or more.
_ALIAS_SEPARATOR = re.compile(r"\s*;\s*|\s+or\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_ALTERNATIVES = re.compile(r"\s+or\s+", re.IGNORECASE)  # "1960-01-02 or 1961-01-02"


def load_ca_sema(files: Mapping[str, bytes]) -> ParsedList:
    """Every <record> of sema-lmes.xml. The file states no publication date."""
    file, data = find_file(files, (FILE_NAME,), ".xml", "missing: the SEMA list is one XML file")
    root = parse_xml(file, data)
    require_root(file, root, "data-set")
    unread = UnreadFields(file, "records")
    unread.note_foreign_children(root, ("record",))
    read = partial(_entry, file)
    entries = read_records(file, root.iterfind("record"), read, LAYOUT, unread)
    return ParsedList(entries=tuple(entries.values()), warnings=unread.warnings())


def regime(country: str) -> str:
    """The English part of a bilingual "Russia / Russie"."""
    return country.split(" / ", 1)[0].strip()


def source_id(country: str, schedule: str, item: str) -> str:
    parts = [regime(country)]
    if schedule:
        parts.append(f"Schedule {_COMMA.sub(', ', schedule)}")
    parts.append(f"Item {item}")
    return " / ".join(parts)


def split_aliases(text: str, *, is_person: bool) -> list[str]:
    names: list[str] = []
    for part in _ALIAS_SEPARATOR.split(text):
        pieces = _COMMA.split(part)
        if is_person and len(pieces) > 1 and all(len(piece.split()) >= 2 for piece in pieces):
            names += pieces
        else:
            names.append(part)
    return [name.strip(" ,") for name in names if name.strip(" ,")]


def _entry(file: str, number: int, record: Element) -> Entry:
    country = child_text(record, "Country")
    item = child_text(record, "Item")
    if not country or not item:
        raise ListFormatError(file, f"record {number} has no Country or no Item to identify it")
    identity = source_id(country, child_text(record, "Schedule"), item)
    person = " ".join(unique((child_text(record, "GivenName"), child_text(record, "LastName"))))
    organisation = child_text(record, "EntityOrShip")
    imo = child_text(record, "ShipIMONumber")
    if person:
        kind, name = EntryKind.PERSON, person
    elif organisation:
        kind = EntryKind.VESSEL if imo else EntryKind.ORGANIZATION
        name = organisation
    else:
        raise ListFormatError(file, f"record {number} ({identity}) has no name")
    title = child_text(record, "TitleOrShip")
    born = child_text(record, "DateOfBirthOrShipBuildDate")
    is_ship = kind is EntryKind.VESSEL
    facts = (
        ("Type of ship" if is_ship else "Title", title),
        ("Year built" if is_ship else "Date of birth", born),
    )
    aliases = [
        make_alias(alias)
        for alias in split_aliases(
            child_text(record, "Aliases"), is_person=kind is EntryKind.PERSON
        )
    ]
    identifier = make_identifier(IdentifierKind.IMO, imo, "IMO number")
    return Entry(
        list_id=LIST_ID,
        source_id=identity,
        kind=kind,
        name=name,
        aliases=distinct_aliases(name, aliases),
        identifiers=(identifier,) if identifier else (),
        programs=(regime(country),),
        listed_on=iso_date(child_text(record, "DateOfListing")),
        remarks=labelled_remarks("", facts),
        birth_dates=() if is_ship else birth_dates(born),
    )


def birth_dates(text: str) -> tuple[str, ...]:
    """A person's dates of birth, ISO 8601: "1965-04-29", "1972", "1960-01-02 or 1961-01-02"."""
    return unique(found for part in _ALTERNATIVES.split(text) for found in read_birth_dates(part))
