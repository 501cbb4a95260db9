"""The one watchlist model every loader produces and every layer above reads.

Plain frozen dataclasses: cheap to build by the hundred thousand, hashable, and
serialised to JSON by `screening.watchlist.serialise` for storage in a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntryKind(StrEnum):
    ORGANIZATION = "organization"
    PERSON = "person"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


class AliasType(StrEnum):
    """How the publisher qualifies a name other than the primary one."""

    AKA = "aka"  # also known as
    FKA = "fka"  # formerly known as
    NKA = "nka"  # now known as
    WEAK = "weak"  # OFAC/UK "weak"/"low quality" aka: a nickname, too loose to block on alone
    NON_LATIN = "non-latin"  # the name as written in its own script


class IdentifierKind(StrEnum):
    IMO = "imo"
    SWIFT = "swift"
    REGISTRATION = "registration"
    TAX = "tax"
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    CALL_SIGN = "call_sign"
    OTHER = "other"


class LinkRelation(StrEnum):
    LINKED_TO = "linked_to"  # OFAC "Linked To:", an owner, parent or controller
    SAME_AS = "same_as"  # the same designation on another list


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    type: AliasType
    script: str = "Latin"  # Unicode script of the name as written: Latin, Cyrillic, Hangul, Han...


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    city: str = ""
    country: str = ""  # as the publisher wrote it
    country_code: str = ""  # ISO 3166-1 alpha-2, upper case, "" when unknown


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdentifierKind
    value: str  # as published
    country_code: str = ""
    note: str = ""  # e.g. "Registration Number", "SWIFT/BIC"


@dataclass(frozen=True, slots=True)
class Link:
    relation: LinkRelation
    name: str = ""  # the other entry's name as the remark writes it
    list_id: str = ""  # "" = the same list
    source_id: str = ""  # "" when only the name is known


@dataclass(frozen=True, slots=True)
class Entry:
    """One designation on one list, as its publisher describes it."""

    list_id: str  # us-ofac-sdn, us-ofac-cons, un-sc, uk-ofsi, dprk-labour, ...
    source_id: str  # the publisher's own id: OFAC ent_num, UN KPe.001, UK group id
    kind: EntryKind
    name: str  # primary name
    aliases: tuple[Alias, ...] = ()
    countries: tuple[str, ...] = ()  # ISO-2 codes tied to the entry (addresses, nationality)
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()  # OFAC programs, UN list type, UK regime
    listed_on: date | None = None
    remarks: str = ""
    links: tuple[Link, ...] = ()
    sectors: tuple[str, ...] = ()  # curated lists: sectors of DPRK overseas labour (host-risk ids)
    # a person's dates of birth as published, ISO 8601: 1958-02-22, 1948-12 or a year, 1962
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # a person's nationalities and citizenships, ISO-2

    @property
    def key(self) -> tuple[str, str]:
        return (self.list_id, self.source_id)

    def all_names(self) -> tuple[str, ...]:
        """Primary name first, then every alias, without repeats."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias.name, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class ParsedList:
    """What a loader returns: the entries, the date the publisher put in the file, if any, and
    what the loader met but could not read (columns or elements it does not know, rows it
    skipped), one sentence each, for the import to show: never silently dropped."""

    entries: tuple[Entry, ...]
    published: date | None = None
    warnings: tuple[str, ...] = ()  # what the loader read but could not place (shown, not fatal)


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One imported version of one list. Immutable: a new import is a new snapshot."""

    list_id: str
    version: str  # "<published or imported date>-<first 8 of sha256>"
    published: date | None
    sha256: str  # of the input: the file's own, or of the sorted (name, sha256) pairs of a set
    files: tuple[SourceFile, ...]
    entries: tuple[Entry, ...] = field(default=(), repr=False)
    # The loader's, at import: shown in the list's status; not stored with the entries.
    warnings: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def entry(self, source_id: str) -> Entry | None:
        for candidate in self.entries:
            if candidate.source_id == source_id:
                return candidate
        return None
