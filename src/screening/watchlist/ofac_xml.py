"""Loaders for OFAC's SDN.XML schema (root <sdnList>): SDN.XML and the consolidated list's
twin. One function reads both; `load_ofac_sdn_xml` and `load_ofac_cons_xml` name the list.

Each <sdnEntry> is one entry; `uid` is the ent_num of the legacy CSV, and names are written
"LAST, First" as there, so a list reads the same from either format. What the CSV hides in
Remarks is given here as fields (idList, dateOfBirthList, nationalityList...): identifiers
become identifiers, nationalities countries, and the rest goes into the remarks the way the
CSV writes it ("DOB 1962; POB Shati").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from screening.countries.listed import country_code
from screening.names.scripts import detect_script
from screening.watchlist.entry_fields import make_address, unique
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Alias,
    AliasType,
    Identifier,
    IdentifierKind,
    ParsedList,
)
from screening.watchlist.ofac_entries import (
    OfacDraft,
    alias_type_of,
    entry_kind,
    ofac_remarks,
    resolve_links,
)
from screening.watchlist.ofac_remarks import labelled_identifier, read_remarks
from screening.watchlist.unread import UnreadFields, XmlLayout, read_records
from screening.watchlist.xml_files import (
    Element,
    child_text,
    find_file,
    parse_xml,
    require_root,
    texts,
)

ROOT_TAG = "sdnList"
FILE_NAMES = {"us-ofac-sdn": ("SDN.XML",), "us-ofac-cons": ("CONSOLIDATED.XML", "CONS.XML")}
# OFAC spells it "publshInformation"; the correct spelling is accepted too.
_PUBLISH_INFORMATION = ("publshInformation", "publishInformation")
_REGISTRATION_COUNTRY = "Nationality of Registration"

LAYOUT = XmlLayout.of(
    "uid",
    "firstName",
    "lastName",
    "title",
    "sdnType",
    "remarks",
    "programList/program",
    *(
        f"idList/id/{name}"
        for name in ("uid", "idType", "idNumber", "idCountry", "issueDate", "expirationDate")
    ),
    *(f"akaList/aka/{name}" for name in ("uid", "type", "category", "lastName", "firstName")),
    *(
        f"addressList/address/{name}"
        for name in (
            "uid",
            "address1",
            "address2",
            "address3",
            "city",
            "stateOrProvince",
            "postalCode",
            "country",
            "region",
        )
    ),
    *(f"nationalityList/nationality/{name}" for name in ("uid", "country", "mainEntry")),
    *(f"citizenshipList/citizenship/{name}" for name in ("uid", "country", "mainEntry")),
    *(f"dateOfBirthList/dateOfBirthItem/{name}" for name in ("uid", "dateOfBirth", "mainEntry")),
    *(f"placeOfBirthList/placeOfBirthItem/{name}" for name in ("uid", "placeOfBirth", "mainEntry")),
    *(
        f"vesselInfo/{name}"
        for name in (
            "callSign",
            "vesselType",
            "vesselFlag",
            "vesselOwner",
            "tonnage",
            "grossRegisteredTonnage",
        )
    ),
)


def load_ofac_sdn_xml(files: Mapping[str, bytes]) -> ParsedList:
    """The SDN list from SDN.XML."""
    return load_ofac_xml("us-ofac-sdn", files)


def load_ofac_cons_xml(files: Mapping[str, bytes]) -> ParsedList:
    """The consolidated (non-SDN) list from its SDN.XML-schema file."""
    return load_ofac_xml("us-ofac-cons", files)


def load_ofac_xml(list_id: str, files: Mapping[str, bytes]) -> ParsedList:
    """Every <sdnEntry>; published = Publish_Date (month first, as OFAC writes dates)."""
    file, data = find_file(
        files, FILE_NAMES.get(list_id, ()), ".xml", "missing: an SDN.XML-schema file"
    )
    root = parse_xml(file, data)
    require_root(file, root, ROOT_TAG)
    unread = UnreadFields(file, "entries")
    unread.note_foreign_children(root, ("sdnEntry", *_PUBLISH_INFORMATION))
    information = next(
        (found for tag in _PUBLISH_INFORMATION if (found := root.find(tag)) is not None), None
    )
    published, count = None, ""
    if information is not None:
        published = _us_date(child_text(information, "Publish_Date"))
        count = child_text(information, "Record_Count")

    def read(_number: int, element: Element) -> OfacDraft:
        return _draft(file, element)

    drafts = read_records(file, root.iterfind("sdnEntry"), read, LAYOUT, unread)
    if count.isdigit() and int(count) != len(drafts):
        raise ListFormatError(
            file, f"Record_Count says {count} entries, the file holds {len(drafts)}"
        )
    entries = resolve_links(list_id, list(drafts.values()))
    return ParsedList(entries=entries, published=published, warnings=unread.warnings())


def _us_date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def _person_name(element: Element) -> str:
    """ "LAST, First" as the legacy CSV writes it; the last name alone for an organisation."""
    last, first = child_text(element, "lastName"), child_text(element, "firstName")
    return f"{last}, {first}" if last and first else last or first


def _draft(file: str, element: Element) -> OfacDraft:
    uid = child_text(element, "uid")
    if not uid.isdigit():
        raise ListFormatError(file, f"an sdnEntry has uid {uid!r}, not a number")
    kind = entry_kind(child_text(element, "sdnType"))
    if kind is None:
        raise ListFormatError(
            file, f"sdnEntry uid {uid}: unknown sdnType {child_text(element, 'sdnType')!r}"
        )
    name = _person_name(element)
    if not name:
        raise ListFormatError(file, f"sdnEntry uid {uid} has no name")
    publisher_remarks = child_text(element, "remarks")
    facts = read_remarks(publisher_remarks)
    draft = OfacDraft(
        uid, kind, name, tuple(texts(element, "programList/program")), publisher_remarks
    )
    for aka in element.iterfind("akaList/aka"):
        alias_name = _person_name(aka)
        weak = child_text(aka, "category").lower() == "weak"
        alias_type = AliasType.WEAK if weak else alias_type_of(child_text(aka, "type"))
        if alias_name:
            draft.aliases.append(Alias(alias_name, alias_type, detect_script(alias_name)))
    draft.aliases += facts.weak_aliases
    for address in element.iterfind("addressList/address"):
        street = ", ".join(
            texts(address, "address1") + texts(address, "address2") + texts(address, "address3")
        )
        city = " ".join(
            unique(
                child_text(address, tag)
                for tag in ("city", "stateOrProvince", "postalCode", "region")
            )
        )
        found = make_address(street, city, child_text(address, "country"))
        if found is not None:
            draft.addresses.append(found)
            draft.countries.append(found.country_code)
    segments = _fields_into(draft, element)
    draft.identifiers += facts.identifiers
    draft.countries += facts.countries
    draft.countries = [code for code in draft.countries if code]
    draft.linked_to += facts.linked_to
    draft.remarks = ofac_remarks(child_text(element, "title"), segments, publisher_remarks)
    return draft


def _fields_into(draft: OfacDraft, element: Element) -> list[str]:
    """Identifiers, countries and the vessel's owner into the draft; the remark segments of
    the other fields returned, in the CSV's words."""
    segments = [f"DOB {value}" for value in texts(element, "dateOfBirthList/*/dateOfBirth")]
    segments += [f"POB {value}" for value in texts(element, "placeOfBirthList/*/placeOfBirth")]
    for path, word in (
        ("nationalityList/nationality/country", "nationality"),
        ("citizenshipList/citizenship/country", "citizen"),
    ):
        for country in texts(element, path):
            segments.append(f"{word} {country}")
            draft.countries.append(country_code(country))
    for document in element.iterfind("idList/id"):
        label, number = child_text(document, "idType"), child_text(document, "idNumber")
        issuer = child_text(document, "idCountry")
        identifier = labelled_identifier(label, number, country_code(issuer) if issuer else "")
        if identifier is not None:
            draft.identifiers.append(identifier)
            continue
        if label == _REGISTRATION_COUNTRY:
            draft.countries.append(country_code(number))
        segments.append(" ".join(unique((label, number, f"({issuer})" if issuer else ""))))
    vessel = element.find("vesselInfo")
    if vessel is not None:
        call_sign = child_text(vessel, "callSign")
        if call_sign:
            draft.identifiers.append(
                Identifier(IdentifierKind.CALL_SIGN, call_sign, note="Call Sign")
            )
        flag, owner = child_text(vessel, "vesselFlag"), child_text(vessel, "vesselOwner")
        draft.countries.append(country_code(flag) if flag else "")
        if owner:
            draft.linked_to.append(owner)
        for label, tag in (
            ("Vessel Type", "vesselType"),
            ("Tonnage", "tonnage"),
            ("GRT", "grossRegisteredTonnage"),
            ("Vessel Flag", "vesselFlag"),
            ("Vessel Owner", "vesselOwner"),
        ):
            if value := child_text(vessel, tag):
                segments.append(f"{label}: {value}")
    return segments
