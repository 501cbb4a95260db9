"""Loader for the EU Financial Sanctions Files consolidated list, XML schema 1.1.

Built from the publisher's schema (schema_1_1.xsd: its types and attribute names) and its
documentation, not from a complete real file (none could be brought here); an element or
attribute the schema does not have is reported in the import's warnings.

Root <export generationDate=... globalFileId=...> in namespace
http://eu.europa.ec/fpi/fsd/export; one <sanctionEntity> per listing, most facts in
attributes. The entry's id is the entity's `logicalId`; its `euReferenceNumber` is kept in the
remarks and its `unitedNationId` ("KPe.002") becomes a SAME_AS link to the UN list. The EU
names no primary name: the first strong nameAlias is taken as the entry's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import partial

from screening.countries.listed import country_code
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.entry_fields import (
    distinct_aliases,
    iso_date,
    labelled_remarks,
    make_address,
    make_alias,
    make_identifier,
    unique,
)
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Address,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
    ParsedList,
)
from screening.watchlist.unread import UnreadFields, XmlLayout, read_records
from screening.watchlist.xml_files import Element, clean, find_file, parse_xml, require_root

LIST_ID = "eu-fsf"
UN_LIST_ID = "un-sc"
FILE_NAME = "xmlFullSanctionsList_1_1.xml"
ROOT_TAG = "export"
UNKNOWN_COUNTRY = "00"  # the schema's code for "UNKNOWN"

_KINDS = {"person": EntryKind.PERSON, "enterprise": EntryKind.ORGANIZATION}
_IDENTIFIER_KINDS = {
    "passport": IdentifierKind.PASSPORT,
    "id": IdentifierKind.NATIONAL_ID,
    "swiftbic": IdentifierKind.SWIFT,
    "imo": IdentifierKind.IMO,
    "regnumber": IdentifierKind.REGISTRATION,
    "fiscalcode": IdentifierKind.TAX,
}
_UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d+$")

# Every type of the schema extends "Operable" (logicalId, remark, additionalInformation); the
# parts of an entity also extend "Sanctionable" (regulationLanguage, regulationSummary).
_OPERABLE = ("@logicalId", "remark", "additionalInformation/@key", "additionalInformation/@value")
_SANCTIONABLE = (
    *_OPERABLE,
    "@regulationLanguage",
    *(
        f"regulationSummary/@{name}"
        for name in ("regulationType", "publicationDate", "numberTitle", "publicationUrl")
    ),
)
_PARTS: dict[str, tuple[str, ...]] = {
    "regulation": (
        *_OPERABLE,
        *(
            f"@{name}"
            for name in (
                "regulationType",
                "organisationType",
                "publicationDate",
                "entryIntoForceDate",
                "numberTitle",
                "programme",
                "corrigendum",
            )
        ),
        "publicationUrl",
    ),
    "subjectType": ("@code", "@classificationCode"),
    "nameAlias": (
        *_SANCTIONABLE,
        *(
            f"@{name}"
            for name in (
                "firstName",
                "middleName",
                "lastName",
                "wholeName",
                "function",
                "gender",
                "title",
                "nameLanguage",
                "strong",
            )
        ),
    ),
    "citizenship": (
        *_SANCTIONABLE,
        *(
            f"@{name}"
            for name in (
                "acquisitionDate",
                "disenfranchisementDate",
                "region",
                "countryIso2Code",
                "countryDescription",
            )
        ),
    ),
    "birthdate": (
        *_SANCTIONABLE,
        *(
            f"@{name}"
            for name in (
                "circa",
                "calendarType",
                "city",
                "zipCode",
                "birthdate",
                "dayOfMonth",
                "monthOfYear",
                "year",
                "yearRangeFrom",
                "yearRangeTo",
                "region",
                "place",
                "countryIso2Code",
                "countryDescription",
            )
        ),
    ),
    "address": (
        *_SANCTIONABLE,
        *(
            f"@{name}"
            for name in (
                "city",
                "street",
                "poBox",
                "zipCode",
                "region",
                "place",
                "asAtListingTime",
                "countryIso2Code",
                "countryDescription",
            )
        ),
        "contactInfo/@key",
        "contactInfo/@value",
    ),
    "identification": (
        *_SANCTIONABLE,
        *(
            f"@{name}"
            for name in (
                "diplomatic",
                "knownExpired",
                "knownFalse",
                "reportedLost",
                "revokedByIssuer",
                "issueDate",
                "issuedBy",
                "latinNumber",
                "nameOnDocument",
                "number",
                "validFrom",
                "validTo",
                "region",
                "identificationTypeCode",
                "identificationTypeDescription",
                "countryIso2Code",
                "countryDescription",
            )
        ),
    ),
}
LAYOUT = XmlLayout.of(
    *_OPERABLE,
    *(
        f"@{name}"
        for name in (
            "designationDate",
            "designationDetails",
            "unitedNationId",
            "euReferenceNumber",
            "delistingDate",
        )
    ),
    *(f"{part}/{path}" for part, paths in _PARTS.items() for path in paths),
)


def load_eu_fsf_xml(files: Mapping[str, bytes]) -> ParsedList:
    """Every <sanctionEntity>; published = the export's generationDate."""
    file, data = find_file(files, (FILE_NAME,), ".xml", "missing: the EU FSF XML 1.1 file")
    root = parse_xml(file, data)
    require_root(file, root, ROOT_TAG)
    unread = UnreadFields(file, "entities")
    unread.note_foreign_children(root, ("sanctionEntity",))
    read = partial(_entry, file)
    entries = read_records(file, root.iterfind("sanctionEntity"), read, LAYOUT, unread)
    published = iso_date(root.get("generationDate", ""))
    return ParsedList(
        entries=tuple(entries.values()), published=published, warnings=unread.warnings()
    )


def _attribute(element: Element, name: str) -> str:
    return clean(element.get(name))


def _country(element: Element) -> str:
    """The part's ISO-2 code: its countryIso2Code, else its countryDescription looked up."""
    code = _attribute(element, "countryIso2Code").upper()
    if code and code != UNKNOWN_COUNTRY:
        return code
    description = _attribute(element, "countryDescription")
    return country_code(description) if description and description != "UNKNOWN" else ""


def _remarks_of(elements: Iterable[Element]) -> list[str]:
    return [
        text
        for element in elements
        for remark in element.iterfind("remark")
        if (text := clean(remark.text))
    ]


def _whole_name(alias: Element) -> str:
    written = _attribute(alias, "wholeName")
    if written:
        return written
    parts = (_attribute(alias, name) for name in ("firstName", "middleName", "lastName"))
    return " ".join(part for part in parts if part)


def _entry(file: str, number: int, element: Element) -> Entry:
    logical_id = _attribute(element, "logicalId")
    where = f"sanctionEntity number {number}"
    if not logical_id:
        raise ListFormatError(file, f"{where} has no logicalId")
    subject = element.find("subjectType")
    code = _attribute(subject, "code").lower() if subject is not None else ""
    kind = _KINDS.get(code)
    if kind is None:
        raise ListFormatError(
            file, f"sanctionEntity logicalId {logical_id}: unknown subjectType {code!r}"
        )
    aliases = element.findall("nameAlias")
    named = [(alias, name) for alias in aliases if (name := _whole_name(alias))]
    if not named:
        raise ListFormatError(
            file, f"sanctionEntity logicalId {logical_id} has no nameAlias with a name"
        )
    strong = [
        (alias, name) for alias, name in named if _attribute(alias, "strong").lower() != "false"
    ]
    name = (strong or named)[0][1]
    addresses = tuple(
        dict.fromkeys(
            address for part in element.iterfind("address") if (address := _address(part))
        )
    )
    citizenships = [_country(part) for part in element.iterfind("citizenship")]
    regulations = element.findall("regulation")
    designated = iso_date(_attribute(element, "designationDate"))
    return Entry(
        list_id=LIST_ID,
        source_id=logical_id,
        kind=kind,
        name=name,
        aliases=distinct_aliases(
            name,
            (
                make_alias(
                    alias_name,
                    AliasType.WEAK
                    if _attribute(alias, "strong").lower() == "false"
                    else AliasType.AKA,
                )
                for alias, alias_name in named
            ),
        ),
        countries=unique([*(address.country_code for address in addresses), *citizenships]),
        addresses=addresses,
        identifiers=_identifiers(element),
        programs=unique(_attribute(regulation, "programme") for regulation in regulations),
        listed_on=designated,
        remarks=labelled_remarks(" ".join(_remarks_of([element])), _facts(element, regulations)),
        links=_links(element),
        birth_dates=_birth_dates(element) if kind is EntryKind.PERSON else (),
        nationalities=unique(citizenships) if kind is EntryKind.PERSON else (),
    )


def _address(part: Element) -> Address | None:
    street = ", ".join(unique(_attribute(part, name) for name in ("street", "poBox")))
    city = ", ".join(
        unique(_attribute(part, name) for name in ("city", "zipCode", "place", "region"))
    )
    description = _attribute(part, "countryDescription")
    country = "" if description == "UNKNOWN" else description
    return make_address(street, city, country, _country(part))


def _identifiers(element: Element) -> tuple[Identifier, ...]:
    found: list[Identifier] = []
    for document in element.iterfind("identification"):
        type_code = _attribute(document, "identificationTypeCode").lower()
        kind = _IDENTIFIER_KINDS.get(type_code, IdentifierKind.OTHER)
        note = _attribute(document, "identificationTypeDescription") or type_code
        country = _country(document)
        for number in unique((_attribute(document, "number"), _attribute(document, "latinNumber"))):
            identifier = make_identifier(kind, number, note, country)
            if identifier is not None:
                found.append(identifier)
    return tuple(dict.fromkeys(found))


def _birth_dates(element: Element) -> tuple[str, ...]:
    """A person's dates of birth, ISO 8601 at the precision given: a whole date, a year with or
    without month and day, or each year of a range."""
    found: list[str] = []
    for part in element.iterfind("birthdate"):
        if written := _attribute(part, "birthdate"):
            found += read_birth_dates(written)
        elif year := _attribute(part, "year"):
            month, day = _attribute(part, "monthOfYear"), _attribute(part, "dayOfMonth")
            written = f"{year}-{month.zfill(2)}" if month else year
            found += read_birth_dates(f"{written}-{day.zfill(2)}" if month and day else written)
        elif start := _attribute(part, "yearRangeFrom"):
            found += read_birth_dates(f"{start} to {_attribute(part, 'yearRangeTo')}")
    return unique(found)


def _birth(part: Element) -> str:
    when = _attribute(part, "birthdate") or _attribute(part, "year")
    if not when and (start := _attribute(part, "yearRangeFrom")):
        when = f"{start}-{_attribute(part, 'yearRangeTo')}"
    if when and _attribute(part, "circa").lower() == "true":
        when = f"circa {when}"
    place = ", ".join(
        unique(_attribute(part, name) for name in ("place", "city", "region", "countryDescription"))
    )
    return " ".join(unique((when, f"({place})" if place and place != "UNKNOWN" else "")))


def _facts(element: Element, regulations: list[Element]) -> list[tuple[str, str]]:
    """What the model has no field for, for the remarks."""
    aliases = element.findall("nameAlias")
    facts = [
        ("EU reference number", _attribute(element, "euReferenceNumber")),
        ("Designation details", _attribute(element, "designationDetails")),
        ("Function", "; ".join(unique(_attribute(alias, "function") for alias in aliases))),
        ("Title", "; ".join(unique(_attribute(alias, "title") for alias in aliases))),
        ("Gender", "; ".join(unique(_attribute(alias, "gender") for alias in aliases))),
        ("Birth", "; ".join(unique(_birth(part) for part in element.iterfind("birthdate")))),
        (
            "Citizenship",
            "; ".join(
                unique(
                    _attribute(part, "countryDescription")
                    for part in element.iterfind("citizenship")
                )
            ),
        ),
        (
            "Contact",
            "; ".join(
                unique(
                    f"{_attribute(info, 'key')} {_attribute(info, 'value')}".strip()
                    for info in element.iterfind("address/contactInfo")
                )
            ),
        ),
        (
            "Regulation",
            "; ".join(
                unique(
                    " ".join(
                        unique(
                            (
                                _attribute(regulation, "numberTitle"),
                                _attribute(regulation, "publicationDate"),
                            )
                        )
                    )
                    for regulation in regulations
                )
            ),
        ),
    ]
    parts = [*aliases, *element.iterfind("address"), *element.iterfind("identification")]
    parts += [*element.iterfind("birthdate"), *element.iterfind("citizenship")]
    facts.append(("Notes", "; ".join(unique(_remarks_of(parts)))))
    additional = (
        f"{_attribute(info, 'key')}: {_attribute(info, 'value')}"
        for part in (element, *parts, *regulations)
        for info in part.iterfind("additionalInformation")
    )
    facts.append(("Additional information", "; ".join(unique(additional))))
    return facts


def _links(element: Element) -> tuple[Link, ...]:
    reference = _attribute(element, "unitedNationId")
    if _UN_REFERENCE.match(reference):
        return (Link(LinkRelation.SAME_AS, list_id=UN_LIST_ID, source_id=reference),)
    return ()
