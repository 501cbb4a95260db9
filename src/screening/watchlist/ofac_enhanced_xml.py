"""Loaders for OFAC's enhanced XML (root <sanctionsData>): SDN_ENHANCED.XML and
CONS_ENHANCED.XML. One function reads both; `load_ofac_sdn_enhanced` and
`load_ofac_cons_enhanced` name the list.

An <entity id=...> is one entry; its id is the ent_num of the legacy CSV and its names are
written "LAST, First" as there. Coded values point into the file's <referenceValues> (a
country's ISO code) and <featureTypes> (a feature's kind, and the word OFAC's legacy remarks use
for it, "DOB" for Birthdate). Identity documents and identifying features become identifiers,
country features and address countries become countries, relationships become links with the
related entity's id, and the other features go into the remarks in the legacy CSV's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from screening.countries.listed import country_code
from screening.watchlist.entry_fields import iso_date, make_address, make_alias, unique
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    AliasType,
    Identifier,
    IdentifierKind,
    Link,
    LinkRelation,
    ParsedList,
)
from screening.watchlist.ofac_entries import (
    OfacDraft,
    alias_type_of,
    entry_kind,
    ofac_remarks,
    resolve_links,
)
from screening.watchlist.ofac_remarks import identifier_kind, labelled_identifier, read_remarks
from screening.watchlist.unread import UnreadFields, XmlLayout, read_records
from screening.watchlist.xml_files import (
    Element,
    child_text,
    find_file,
    parse_xml,
    require_root,
    texts,
)

ROOT_TAG = "sanctionsData"
FILE_NAMES = {"us-ofac-sdn": ("SDN_ENHANCED.XML",), "us-ofac-cons": ("CONS_ENHANCED.XML",)}
_ROOT_PARTS = frozenset({"publicationInfo", "referenceValues", "featureTypes", "entities"})
_COUNTRY_DETAIL = "COUNTRY"  # a feature whose value is a country: nationality, registration
_VESSEL_CALL_SIGN = "Vessel Call Sign"
_VESSEL_FLAG = "Vessel Flag"
_VESSEL_OWNER = "Vessel Owner"
_ADDRESS_STREET = ("ADDRESS1", "ADDRESS2", "ADDRESS3")
_ADDRESS_PLACE = ("CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION")


def _with_date(path: str) -> tuple[str, ...]:
    parts = ("fromDateBegin", "fromDateEnd", "toDateBegin", "toDateEnd")
    flags = ("isApproximate", "isDateRange")
    return (f"{path}/@id", *(f"{path}/{part}" for part in parts + flags))


LAYOUT = XmlLayout.of(
    "@id",
    "generalInfo/identityId",
    "generalInfo/entityType/@refId",
    "generalInfo/remarks",
    "generalInfo/title",
    *(
        f"{group}/{item}/{attribute}"
        for group, item in (
            ("sanctionsLists", "sanctionsList"),
            ("sanctionsPrograms", "sanctionsProgram"),
            ("sanctionsTypes", "sanctionsType"),
            ("legalAuthorities", "legalAuthority"),
        )
        for attribute in ("@id", "@refId")
    ),
    "sanctionsLists/sanctionsList/@datePublished",
    "names/name/@id",
    "names/name/isPrimary",
    "names/name/aliasType/@refId",
    "names/name/isLowQuality",
    *(
        f"names/name/translations/translation/{part}"
        for part in (
            "@id",
            "isPrimary",
            "script/@refId",
            "formattedFirstName",
            "formattedLastName",
            "formattedFullName",
            "nameParts/namePart/@id",
            "nameParts/namePart/type/@refId",
            "nameParts/namePart/value",
        )
    ),
    "addresses/address/@id",
    "addresses/address/country/@refId",
    *(
        f"addresses/address/translations/translation/{part}"
        for part in (
            "@id",
            "isPrimary",
            "script/@refId",
            "addressParts/addressPart/@id",
            "addressParts/addressPart/type/@refId",
            "addressParts/addressPart/value",
        )
    ),
    *(
        f"features/feature/{part}"
        for part in (
            "@id",
            "type/@featureTypeId",
            "versionId",
            "value",
            "valueRefId",
            "isPrimary",
            "reliability/@refId",
            "comments",
        )
    ),
    *_with_date("features/feature/valueDate"),
    *(
        f"identityDocuments/identityDocument/{part}"
        for part in (
            "@id",
            "type/@refId",
            "name/@nameId",
            "name/@nameTranslationId",
            "documentNumber",
            "isValid",
            "issuingAuthority",
            "issuingCountry/@refId",
            "issuingLocation",
            "idFeatures/idFeature/@id",
            "idFeatures/idFeature/@featureVersionId",
        )
    ),
    *_with_date("identityDocuments/identityDocument/issueDate"),
    *_with_date("identityDocuments/identityDocument/expirationDate"),
    *(
        f"relationships/relationship/{part}"
        for part in ("@id", "type/@refId", "relatedEntity/@entityId", "quality/@refId")
    ),
)


@dataclass(frozen=True, slots=True)
class _Codes:
    """What the file's own tables say: country ISO codes by refId, and each feature type's
    name and the word the legacy remarks use for it."""

    iso_by_ref: Mapping[str, str]
    feature_word: Mapping[str, str]  # featureTypeId -> "DOB"
    feature_detail: Mapping[str, str]  # featureTypeId -> "DATE", "COUNTRY", "TEXT"...

    def country(self, element: Element | None) -> str:
        """The ISO-2 code of a country element: its refId's isoCode, else its name looked up."""
        if element is None:
            return ""
        code = self.iso_by_ref.get(element.get("refId", ""), "")
        return code or country_code(element.text or "")


def load_ofac_sdn_enhanced(files: Mapping[str, bytes]) -> ParsedList:
    """The SDN list from SDN_ENHANCED.XML."""
    return load_ofac_enhanced("us-ofac-sdn", files)


def load_ofac_cons_enhanced(files: Mapping[str, bytes]) -> ParsedList:
    """The consolidated (non-SDN) list from CONS_ENHANCED.XML."""
    return load_ofac_enhanced("us-ofac-cons", files)


def load_ofac_enhanced(list_id: str, files: Mapping[str, bytes]) -> ParsedList:
    """Every <entity>; published = publicationInfo/dataAsOf."""
    file, data = find_file(
        files, FILE_NAMES.get(list_id, ()), ".xml", "missing: an enhanced-XML file"
    )
    root = parse_xml(file, data)
    require_root(file, root, ROOT_TAG)
    unread = UnreadFields(file, "entities")
    unread.note_foreign_children(root, _ROOT_PARTS)
    codes = _codes(root)
    elements = root.findall("entities/entity")
    ids = {element.get("id", "") for element in elements}

    def read(_number: int, element: Element) -> OfacDraft:
        return _draft(file, element, codes, ids)

    drafts = read_records(file, elements, read, LAYOUT, unread)
    published = iso_date(child_text(root, "publicationInfo/dataAsOf"))
    entries = resolve_links(list_id, list(drafts.values()))
    return ParsedList(entries=entries, published=published, warnings=unread.warnings())


def _codes(root: Element) -> _Codes:
    iso = {
        value.get("refId", ""): child_text(value, "isoCode")
        for value in root.iterfind("referenceValues/referenceValue")
        if child_text(value, "isoCode")
    }
    words: dict[str, str] = {}
    details: dict[str, str] = {}
    for feature_type in root.iterfind("featureTypes/featureType"):
        type_id = feature_type.get("featureTypeId", "")
        name = child_text(feature_type, "type")
        words[type_id] = child_text(feature_type, "publishDescription") or name
        details[type_id] = child_text(feature_type, "detailType")
    return _Codes(iso, words, details)


def _flag(element: Element, tag: str) -> bool:
    return child_text(element, tag).lower() == "true"


def _draft(file: str, element: Element, codes: _Codes, ids: set[str]) -> OfacDraft:
    entity_id = element.get("id", "")
    if not entity_id.isdigit():
        raise ListFormatError(file, f"an <entity> has id {entity_id!r}, not a number")
    kind = entry_kind(child_text(element, "generalInfo/entityType"))
    if kind is None:
        type_text = child_text(element, "generalInfo/entityType")
        raise ListFormatError(file, f"entity {entity_id}: unknown entityType {type_text!r}")
    name = _primary_name(element)
    if not name:
        raise ListFormatError(file, f"entity {entity_id} has no primary Latin name")
    publisher_remarks = child_text(element, "generalInfo/remarks")
    programs = tuple(texts(element, "sanctionsPrograms/sanctionsProgram"))
    draft = OfacDraft(entity_id, kind, name, programs, publisher_remarks)
    listed = [
        when
        for item in element.iterfind("sanctionsLists/sanctionsList")
        if (when := iso_date(item.get("datePublished", ""))) is not None
    ]
    draft.listed_on = min(listed, default=None)
    _names_into(draft, element)
    _addresses_into(draft, element, codes)
    segments = _features_into(draft, element, codes)
    _documents_into(draft, element, codes)
    segments += _relationships_into(draft, element, ids)
    facts = read_remarks(publisher_remarks)
    draft.aliases += facts.weak_aliases
    draft.identifiers += facts.identifiers
    draft.countries = [code for code in [*draft.countries, *facts.countries] if code]
    draft.linked_to += facts.linked_to
    segments += [
        f"{label}: {', '.join(values)}"
        for label, path in (
            ("Sanctions lists", "sanctionsLists/sanctionsList"),
            ("Sanctions types", "sanctionsTypes/sanctionsType"),
            ("Legal authorities", "legalAuthorities/legalAuthority"),
        )
        if (values := texts(element, path))
    ]
    title = child_text(element, "generalInfo/title")
    draft.remarks = ofac_remarks(title, segments, publisher_remarks)
    return draft


def _translations(name: Element) -> list[Element]:
    """A name's translations, the primary one first."""
    found = name.findall("translations/translation")
    return sorted(found, key=lambda translation: not _flag(translation, "isPrimary"))


def _primary_name(element: Element) -> str:
    for name in element.iterfind("names/name"):
        if _flag(name, "isPrimary"):
            for translation in _translations(name):
                return child_text(translation, "formattedFullName")
    return ""


def _names_into(draft: OfacDraft, element: Element) -> None:
    """Every name and translation but the primary one, as aliases: strong ones first."""
    for name in element.iterfind("names/name"):
        if _flag(name, "isLowQuality"):
            alias_type = AliasType.WEAK
        else:
            alias_type = alias_type_of(child_text(name, "aliasType"))
        for translation in _translations(name):
            written = child_text(translation, "formattedFullName")
            if written and written != draft.name:
                draft.aliases.append(make_alias(written, alias_type))
    draft.aliases.sort(key=lambda alias: alias.type is AliasType.WEAK)


def _parts(translation: Element, types: Iterable[str]) -> list[str]:
    wanted = tuple(types)
    by_type = {
        child_text(part, "type"): child_text(part, "value")
        for part in translation.iterfind("addressParts/addressPart")
    }
    return [by_type[kind] for kind in wanted if by_type.get(kind)]


def _addresses_into(draft: OfacDraft, element: Element, codes: _Codes) -> None:
    for address in element.iterfind("addresses/address"):
        country_element = address.find("country")
        country = child_text(address, "country")
        code = codes.country(country_element)
        translations = address.findall("translations/translation") or [address]
        for translation in translations:
            street = ", ".join(_parts(translation, _ADDRESS_STREET))
            city = " ".join(unique(_parts(translation, _ADDRESS_PLACE)))
            found = make_address(street, city, country, code)
            if found is not None:
                draft.addresses.append(found)
        draft.countries.append(code)


def _features_into(draft: OfacDraft, element: Element, codes: _Codes) -> list[str]:
    """Identifying features into the draft; the remark segments of the others returned."""
    segments: list[str] = []
    for feature in element.iterfind("features/feature"):
        type_element = feature.find("type")
        type_id = type_element.get("featureTypeId", "") if type_element is not None else ""
        label = child_text(feature, "type")
        value = child_text(feature, "value")
        if not value:
            continue
        identifier = labelled_identifier(label, value)
        if label == _VESSEL_CALL_SIGN:
            identifier = Identifier(IdentifierKind.CALL_SIGN, value, note="Call Sign")
        if identifier is not None:
            draft.identifiers.append(identifier)
            continue
        if codes.feature_detail.get(type_id) == _COUNTRY_DETAIL:
            reference = feature.find("valueRefId")
            code = codes.iso_by_ref.get(reference.text or "", "") if reference is not None else ""
            draft.countries.append(code or country_code(value))
        elif label == _VESSEL_FLAG:
            draft.countries.append(country_code(value))
        elif label == _VESSEL_OWNER:
            draft.linked_to.append(value)
        word = codes.feature_word.get(type_id) or label
        comment = child_text(feature, "comments")
        segments.append(" ".join(unique((word, value, f"({comment})" if comment else ""))))
    return segments


def _documents_into(draft: OfacDraft, element: Element, codes: _Codes) -> None:
    """Every identity document is an identifier; its type says which kind, if OFAC's remark
    labels know it ("Passport", "Tax ID No."), else it is an "other" identifier."""
    for document in element.iterfind("identityDocuments/identityDocument"):
        label = child_text(document, "type")
        number = child_text(document, "documentNumber")
        country = codes.country(document.find("issuingCountry"))
        identifier = labelled_identifier(label, number, country)
        if identifier is None and number and identifier_kind(label) is None:
            identifier = Identifier(IdentifierKind.OTHER, number, country, note=label)
        if identifier is not None:
            draft.identifiers.append(identifier)


def _relationships_into(draft: OfacDraft, element: Element, ids: set[str]) -> list[str]:
    """A link to each related entity, by its id when it is on this list; "Owned or Controlled
    By: NAME" segments for the remarks."""
    segments: list[str] = []
    for relationship in element.iterfind("relationships/relationship"):
        related = relationship.find("relatedEntity")
        if related is None:
            continue
        name = " ".join((related.text or "").split())
        related_id = related.get("entityId", "")
        draft.links.append(
            Link(
                LinkRelation.LINKED_TO,
                name=name,
                source_id=related_id if related_id in ids else "",
            )
        )
        segments.append(f"{child_text(relationship, 'type')}: {name}")
    return segments
