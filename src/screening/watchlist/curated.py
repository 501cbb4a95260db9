"""Loader for the curated list of entities tied to DPRK overseas labour (lists/dprk-labour.toml).

Pure: bytes in, entries out. The format is described in docs/lists-format.md. Besides the
`Entry` objects every list produces, `load_labour_profiles` keeps the evidence in a structured
form for the risk model and reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from screening.names.scripts import detect_script
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Link,
    LinkRelation,
    ListSnapshot,
    ParsedList,
)
from screening.watchlist.toml_file import read_toml

LIST_ID = "dprk-labour"
FILE_NAME = "dprk-labour.toml"
PROGRAM = "DPRK-LABOUR"
# The official lists an entry may point at, and cite in its evidence.
OFFICIAL_LISTS = ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi")
ENTRY_KINDS = (EntryKind.ORGANIZATION, EntryKind.PERSON, EntryKind.VESSEL)

_ID_PATTERN = re.compile(r"DL-\d{3,}")
_Fail = Callable[[str], ListFormatError]
_COUNTRY_PATTERN = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class ListRef:
    """An official entry the curated entity is: ("un-sc", "KPe.050")."""

    list_id: str
    source_id: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.list_id, self.source_id)


@dataclass(frozen=True, slots=True)
class Statement:
    """A designation the publisher announced whose official record the lists lack so far."""

    list_id: str  # the official list the entry will appear on
    title: str  # the publisher's public statement: press release title, date, address
    issued: date
    url: str

    def label(self) -> str:
        return f"{self.title}, {self.issued.isoformat()}, {self.url}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote and where it is from: "<list-id> <source_id>" or a named source key."""

    quote: str
    source: str

    @property
    def official_key(self) -> tuple[str, str] | None:
        """(list_id, source_id) when the quote is from an official entry's record."""
        list_id, _, source_id = self.source.partition(" ")
        if list_id in OFFICIAL_LISTS and source_id:
            return (list_id, source_id)
        return None


@dataclass(frozen=True, slots=True)
class NamedSource:
    """A source other than a list entry, with the excerpt quotes are taken from."""

    key: str
    title: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class LabourProfile:
    """One curated entity with its tie to DPRK overseas labour and the evidence for it."""

    id: str
    name: str
    kind: EntryKind
    role: str
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    host_countries: tuple[str, ...] = ()
    refs: tuple[ListRef, ...] = ()
    see_also: tuple[str, ...] = ()
    awaiting: tuple[Statement, ...] = ()  # designated, not yet on the official list fetched


@dataclass(frozen=True, slots=True)
class LabourList:
    """The whole file: its metadata, named sources and entries keyed by id."""

    title: str
    updated: date | None
    sources: Mapping[str, NamedSource]
    profiles: Mapping[str, LabourProfile]


def load_dprk_labour(files: Mapping[str, bytes]) -> ParsedList:
    """The registry's loader: file name -> bytes in, one Entry per curated entity out."""
    data = files.get(FILE_NAME)
    if data is None:
        raise ListFormatError(FILE_NAME, "file missing from the list's file set")
    labour_list = parse_labour_list(data)
    entries = tuple(
        profile_entry(profile, labour_list.sources) for profile in labour_list.profiles.values()
    )
    return ParsedList(entries=entries, published=labour_list.updated)


def load_labour_profiles(data: bytes, *, file: str = FILE_NAME) -> dict[str, LabourProfile]:
    """The curated entities keyed by id ("DL-001"), with their structured evidence."""
    return dict(parse_labour_list(data, file=file).profiles)


def parse_labour_list(data: bytes, *, file: str = FILE_NAME) -> LabourList:
    document = read_toml(data, file)

    header = _table(document.get("list", {}), file, "[list]")
    sources = _read_sources(document.get("sources", {}), file)
    raw_entries = document.get("entry")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise ListFormatError(file, "no [[entry]] tables")
    profiles: dict[str, LabourProfile] = {}
    for position, raw in enumerate(raw_entries, start=1):
        profile = _read_profile(raw, file, position, sources)
        if profile.id in profiles:
            raise ListFormatError(file, f"entry {profile.id}: id used twice")
        profiles[profile.id] = profile
    updated = header.get("updated")
    if updated is not None and not isinstance(updated, date):
        raise ListFormatError(file, "[list] updated must be a date (YYYY-MM-DD)")
    return LabourList(
        title=str(header.get("title", "")),
        updated=updated,
        sources=sources,
        profiles=profiles,
    )


def profile_entry(profile: LabourProfile, sources: Mapping[str, NamedSource]) -> Entry:
    """The watchlist entry for one curated entity; the evidence is written into its remarks."""
    return Entry(
        list_id=LIST_ID,
        source_id=profile.id,
        kind=profile.kind,
        name=profile.name,
        aliases=tuple(
            Alias(name=alias, type=AliasType.AKA, script=detect_script(alias))
            for alias in profile.aliases
        ),
        countries=profile.host_countries,
        programs=(PROGRAM,),
        remarks=profile_remarks(profile, sources),
        links=(
            *(
                Link(LinkRelation.SAME_AS, list_id=ref.list_id, source_id=ref.source_id)
                for ref in profile.refs
            ),
            # No source id yet: the designation is known only from its public statement.
            *(
                Link(LinkRelation.SAME_AS, name=statement.label(), list_id=statement.list_id)
                for statement in profile.awaiting
            ),
        ),
        sectors=profile.sectors,
    )


def profile_remarks(profile: LabourProfile, sources: Mapping[str, NamedSource]) -> str:
    """One line per fact: "Role: ...", then "Evidence: “quote” (source)", then "See also: url"."""
    lines = [f"Role: {profile.role}."]
    for item in profile.evidence:
        named = sources.get(item.source)
        where = named.title if named is not None else item.source
        lines.append(f"Evidence: “{item.quote}” ({where})")
    lines.extend(f"See also: {url}" for url in profile.see_also)
    lines.extend(
        f"Awaiting the official record on {statement.list_id}: {statement.label()}"
        for statement in profile.awaiting
    )
    return "\n".join(lines)


def role_from_remarks(remarks: str) -> str:
    """The role written by `profile_remarks`, for readers that only have the Entry."""
    for line in remarks.splitlines():
        if line.startswith("Role: "):
            return line.removeprefix("Role: ").removesuffix(".")
    return ""


def _read_sources(raw: Any, file: str) -> dict[str, NamedSource]:
    table = _table(raw, file, "[sources]")
    sources: dict[str, NamedSource] = {}
    for key, value in table.items():
        where = f"[sources.{key}]"
        source = _table(value, file, where)
        excerpt = source.get("excerpt")
        if not isinstance(excerpt, str) or not excerpt.strip():
            raise ListFormatError(file, f"{where}: missing required field 'excerpt'")
        if key.partition(" ")[0] in OFFICIAL_LISTS:
            raise ListFormatError(file, f"{where}: a source key may not be a list id")
        sources[key] = NamedSource(key=key, title=str(source.get("title", key)), excerpt=excerpt)
    return sources


def _read_profile(
    raw: Any, file: str, position: int, sources: Mapping[str, NamedSource]
) -> LabourProfile:
    if not isinstance(raw, dict):
        raise ListFormatError(file, f"entry #{position}: not a table")
    entry_id = raw.get("id")
    where = f"entry {entry_id}" if isinstance(entry_id, str) and entry_id else f"entry #{position}"

    def fail(message: str) -> ListFormatError:
        return ListFormatError(file, f"{where}: {message}")

    entry_id = _required_text(raw, "id", fail)
    if not _ID_PATTERN.fullmatch(entry_id):
        raise fail(f"id {entry_id!r} is not of the form DL-NNN")
    kind_text = _required_text(raw, "kind", fail)
    kinds = {str(kind): kind for kind in ENTRY_KINDS}
    if kind_text not in kinds:
        raise fail(f"kind {kind_text!r} is not one of {', '.join(kinds)}")
    kind = kinds[kind_text]

    host_countries = _text_list(raw, "host_countries", fail)
    for code in host_countries:
        if not _COUNTRY_PATTERN.fullmatch(code):
            raise fail(f"host country {code!r} is not an upper-case ISO 3166-1 alpha-2 code")

    return LabourProfile(
        id=entry_id,
        name=_required_text(raw, "name", fail),
        kind=kind,
        role=_required_text(raw, "role", fail),
        evidence=_read_evidence(raw, fail, sources),
        aliases=_text_list(raw, "aliases", fail),
        sectors=_text_list(raw, "sectors", fail),
        host_countries=host_countries,
        refs=_read_refs(raw, fail),
        see_also=_text_list(raw, "see_also", fail),
        awaiting=_read_awaiting(raw, fail),
    )


def _read_awaiting(raw: dict[str, Any], fail: _Fail) -> tuple[Statement, ...]:
    items = raw.get("awaiting", [])
    shape = "awaiting must be a list of {list, title, date, url} tables"
    if not isinstance(items, list):
        raise fail(shape)
    result = []
    for item in items:
        if not isinstance(item, dict):
            raise fail(shape)
        list_id, when = item.get("list"), item.get("date")
        if list_id not in OFFICIAL_LISTS:
            raise fail(f"awaiting list {list_id!r} is not one of {', '.join(OFFICIAL_LISTS)}")
        if not isinstance(when, date):
            raise fail("awaiting: date must be a date (YYYY-MM-DD)")
        title = _required_text(item, "title", fail)
        url = _required_text(item, "url", fail)
        result.append(Statement(list_id, title, when, url))
    return tuple(result)


def curated_gaps(entries: Iterable[Entry], serving: Mapping[str, ListSnapshot]) -> tuple[str, ...]:
    """What the curated list refers to that the serving official lists lack, in words: entries
    awaiting their official record, and references to entries no longer (or not yet) there."""
    keys = {entry.key for snapshot in serving.values() for entry in snapshot.entries}
    names = {
        (snapshot.list_id, entry.name.casefold()): entry.source_id
        for snapshot in serving.values()
        for entry in snapshot.entries
    }
    awaiting: list[str] = []
    now_listed: list[str] = []
    missing: list[str] = []
    for entry in entries:
        for link in entry.links:
            if link.relation is not LinkRelation.SAME_AS or link.list_id not in serving:
                continue
            if not link.source_id:
                found = names.get((link.list_id, entry.name.casefold()))
                if found is not None:
                    now_listed.append(f"{entry.source_id} {entry.name} ({link.list_id} {found})")
                else:
                    awaiting.append(f"{entry.source_id} {entry.name} ({link.list_id})")
            elif (link.list_id, link.source_id) not in keys:
                missing.append(f"{link.list_id} {link.source_id} ({entry.source_id} {entry.name})")
    gaps = []
    if missing:
        gaps.append(
            f"{len(missing)} reference(s) to entries the serving lists lack: {'; '.join(missing)}"
        )
    if now_listed:
        gaps.append(
            f"{len(now_listed)} entry(ies) awaiting their official record now appear on the "
            f"list (add the ref): {'; '.join(now_listed)}"
        )
    if awaiting:
        gaps.append(
            f"{len(awaiting)} entry(ies) await their official record, known from the "
            f"publisher's statement only: {'; '.join(awaiting)}"
        )
    return tuple(gaps)


def _read_refs(raw: dict[str, Any], fail: _Fail) -> tuple[ListRef, ...]:
    refs = raw.get("refs", [])
    if not isinstance(refs, list):
        raise fail("refs must be a list of {list, source_id} tables")
    result: list[ListRef] = []
    for ref in refs:
        if not isinstance(ref, dict):
            raise fail("refs must be a list of {list, source_id} tables")
        list_id = ref.get("list")
        source_id = ref.get("source_id")
        if list_id not in OFFICIAL_LISTS:
            raise fail(f"ref list {list_id!r} is not one of {', '.join(OFFICIAL_LISTS)}")
        if not isinstance(source_id, str) or not source_id.strip():
            raise fail(f"ref to {list_id} has no source_id")
        result.append(ListRef(list_id=list_id, source_id=source_id.strip()))
    return tuple(result)


def _read_evidence(
    raw: dict[str, Any], fail: _Fail, sources: Mapping[str, NamedSource]
) -> tuple[Evidence, ...]:
    items = raw.get("evidence")
    if not isinstance(items, list) or not items:
        raise fail("missing required field 'evidence' (at least one {quote, source})")
    result: list[Evidence] = []
    for item in items:
        if not isinstance(item, dict):
            raise fail("evidence must be a list of {quote, source} tables")
        quote = item.get("quote")
        source = item.get("source")
        if not isinstance(quote, str) or not quote.strip():
            raise fail("evidence without a quote")
        if not isinstance(source, str) or not source.strip():
            raise fail("evidence without a source")
        evidence = Evidence(quote=quote, source=source.strip())
        if evidence.official_key is None and evidence.source not in sources:
            raise fail(
                f"evidence source {source!r} is neither '<list-id> <source_id>' "
                "nor a key of [sources]"
            )
        result.append(evidence)
    return tuple(result)


def _required_text(raw: dict[str, Any], field: str, fail: _Fail) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"missing required field {field!r}")
    return value.strip()


def _text_list(raw: dict[str, Any], field: str, fail: _Fail) -> tuple[str, ...]:
    value = raw.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f"{field} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


def _table(value: Any, file: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ListFormatError(file, f"{where} must be a table")
    return value
