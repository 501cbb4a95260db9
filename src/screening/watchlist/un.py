"""Loader for the UN Security Council Consolidated List (consolidated.xml).

The file is parsed with defusedxml: a document that declares entities or points at
external ones is refused, never expanded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping

from screening.countries.listed import country_code
from screening.names.scripts import detect_script
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.entry_fields import iso_date
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Address,
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    ParsedList,
)
from screening.watchlist.text_identifiers import find_identifiers
from screening.watchlist.xml_files import child_text, clean, find_file, parse_xml, require_root

LIST_ID = "un-sc"
DEFAULT_FILE = "consolidated.xml"
ROOT_TAG = "CONSOLIDATED_LIST"

_KINDS = {"INDIVIDUAL": EntryKind.PERSON, "ENTITY": EntryKind.ORGANIZATION}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# QUALITY of an alias: individuals' "Good"/"Low", entities' "a.k.a."/"f.k.a."; "Low" is a
# weak alias in the Committees' own words ("low-quality a.k.a.").
_ALIAS_TYPES = {"low": AliasType.WEAK, "f.k.a.": AliasType.FKA}


def load_un_consolidated(files: Mapping[str, bytes]) -> ParsedList:
    """Every INDIVIDUAL and ENTITY of the consolidated XML; published = its dateGenerated."""
    file, data = find_file(files, (DEFAULT_FILE,), ".xml", "missing: the UN list is one XML file")
    root = parse_xml(file, data)
    require_root(file, root, ROOT_TAG)
    entries: list[Entry] = []
    seen: set[str] = set()
    for group, record_tag in (("INDIVIDUALS", "INDIVIDUAL"), ("ENTITIES", "ENTITY")):
        for record in root.iterfind(f"{group}/{record_tag}"):
            entry = _entry(file, record, _KINDS[record_tag])
            if entry.source_id in seen:
                raise ListFormatError(file, f"reference number {entry.source_id} appears twice")
            seen.add(entry.source_id)
            entries.append(entry)
    if not entries:
        raise ListFormatError(file, "no INDIVIDUAL or ENTITY records")
    return ParsedList(entries=tuple(entries), published=iso_date(root.get("dateGenerated", "")))


def _text(element: ElementTree.Element | None) -> str:
    return "" if element is None else clean(element.text)  # the file wraps long text over lines


def _entry(file: str, record: ElementTree.Element, kind: EntryKind) -> Entry:
    reference = child_text(record, "REFERENCE_NUMBER")
    if not reference:
        raise ListFormatError(file, f"a <{record.tag}> has no REFERENCE_NUMBER")
    name = " ".join(part for tag in _NAME_PARTS if (part := child_text(record, tag)))
    if not name:
        raise ListFormatError(file, f"{reference} has no name")
    addresses = tuple(
        dict.fromkeys(
            address
            for element in record.iterfind(f"{record.tag}_ADDRESS")
            if (address := _address(element)) is not None
        )
    )
    nationalities = [_text(value) for value in record.iterfind("NATIONALITY/VALUE")]
    codes = [address.country_code for address in addresses]
    codes += [country_code(nationality) for nationality in nationalities if nationality]
    remarks = child_text(record, "COMMENTS1")
    identifiers = _documents(record) + find_identifiers(remarks)
    list_type = child_text(record, "UN_LIST_TYPE")
    person = kind is EntryKind.PERSON
    return Entry(
        list_id=LIST_ID,
        source_id=reference,
        kind=kind,
        name=name,
        aliases=_aliases(record, name),
        countries=tuple(dict.fromkeys(code for code in codes if code)),
        addresses=addresses,
        identifiers=tuple(dict.fromkeys(identifiers)),
        programs=(list_type,) if list_type else (),
        listed_on=iso_date(child_text(record, "LISTED_ON")),
        remarks=remarks,
        birth_dates=_birth_dates(record) if person else (),
        nationalities=tuple(
            dict.fromkeys(code for name in nationalities if (code := country_code(name)))
        )
        if person
        else (),
    )


def _birth_dates(record: ElementTree.Element) -> tuple[str, ...]:
    """An individual's dates of birth: a DATE, a YEAR, or FROM_YEAR and TO_YEAR (each year)."""
    found: dict[str, None] = {}
    for element in record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        written = child_text(element, "DATE") or child_text(element, "YEAR")
        if not written:
            first, last = child_text(element, "FROM_YEAR"), child_text(element, "TO_YEAR")
            written = f"{first} to {last}" if first and last else first or last
        found.update(dict.fromkeys(read_birth_dates(written)))
    return tuple(found)


def _aliases(record: ElementTree.Element, name: str) -> tuple[Alias, ...]:
    aliases: dict[str, Alias] = {}  # by name: a name given twice keeps its first quality
    for element in record.iterfind(f"{record.tag}_ALIAS"):
        alias_name = child_text(element, "ALIAS_NAME")
        if not alias_name or alias_name == name:
            continue
        alias_type = _ALIAS_TYPES.get(child_text(element, "QUALITY").lower(), AliasType.AKA)
        aliases.setdefault(alias_name, Alias(alias_name, alias_type, detect_script(alias_name)))
    original = child_text(record, "NAME_ORIGINAL_SCRIPT")
    if original and original != name:
        script = detect_script(original)
        alias_type = AliasType.AKA if script == "Latin" else AliasType.NON_LATIN
        aliases.setdefault(original, Alias(original, alias_type, script))
    return tuple(aliases.values())


def _address(element: ElementTree.Element) -> Address | None:
    street = child_text(element, "STREET")
    city = ", ".join(
        part for tag in ("CITY", "STATE_PROVINCE", "ZIP_CODE") if (part := child_text(element, tag))
    )
    country = child_text(element, "COUNTRY")
    if not (street or city or country):
        return None
    return Address(street, city, country, country_code(country) if country else "")


def _document_kind(document_type: str) -> tuple[IdentifierKind, str]:
    """The kind of a TYPE_OF_DOCUMENT and the note to keep for it."""
    lowered = document_type.lower()
    # The English file repeats some passports under French and Spanish document types.
    if any(word in lowered for word in ("passport", "passeport", "pasaporte")):
        return IdentifierKind.PASSPORT, "Passport"
    if "national identification" in lowered:
        return IdentifierKind.NATIONAL_ID, "National Identification Number"
    return IdentifierKind.OTHER, document_type


def _documents(record: ElementTree.Element) -> tuple[Identifier, ...]:
    identifiers: dict[Identifier, None] = {}
    for element in record.iterfind("INDIVIDUAL_DOCUMENT"):
        number = child_text(element, "NUMBER")
        if not number:
            continue
        kind, note = _document_kind(child_text(element, "TYPE_OF_DOCUMENT"))
        issuer = child_text(element, "ISSUING_COUNTRY") or child_text(element, "COUNTRY_OF_ISSUE")
        code = country_code(issuer) if issuer else ""
        identifiers.setdefault(Identifier(kind, number, country_code=code, note=note))
    return tuple(identifiers)
