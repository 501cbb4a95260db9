"""OFAC entries before their "Linked To" names are resolved against the whole list: shared by
the loaders of the legacy CSV set, SDN.XML and the enhanced XML, so a list gives the same
entries whichever of OFAC's formats it was read from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from screening.watchlist.model import (
    Address,
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    Link,
    LinkRelation,
)
from screening.watchlist.ofac_remarks import read_remarks

# SDN_Type (CSV, "" for an entity), sdnType (SDN.XML) and entityType (enhanced XML).
_KINDS = {
    "": EntryKind.ORGANIZATION,
    "entity": EntryKind.ORGANIZATION,
    "individual": EntryKind.PERSON,
    "vessel": EntryKind.VESSEL,
    "aircraft": EntryKind.AIRCRAFT,
}
# "aka" (alt.csv), "a.k.a." (SDN.XML), "A.K.A." (enhanced XML), and f.k.a., n.k.a. alike.
_ALIAS_TYPES = {"aka": AliasType.AKA, "fka": AliasType.FKA, "nka": AliasType.NKA}


def entry_kind(text: str) -> EntryKind | None:
    return _KINDS.get(text.strip().lower())


def alias_type_of(text: str) -> AliasType:
    return _ALIAS_TYPES.get(text.replace(".", "").strip().lower(), AliasType.AKA)


@dataclass(slots=True)
class OfacDraft:
    """An entry before its "Linked To" names are resolved against the whole list."""

    source_id: str
    kind: EntryKind
    name: str
    programs: tuple[str, ...]
    remarks: str  # the publisher's Remarks, later joined with their overflow
    title: str = ""
    vessel_details: str = ""
    aliases: list[Alias] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)  # names, resolved to ids here
    links: list[Link] = field(default_factory=list)  # links the file gives with their id
    listed_on: date | None = None


def ofac_remarks(title: str, segments: Iterable[str], text: str) -> str:
    """Remarks in the legacy CSV's style, from fields the XML formats give separately: "Title:
    ...", then "; "-separated segments ("DOB 1962; POB Shati"), then the publisher's own remarks,
    closed by a full stop."""
    parts = [f"Title: {title}"] if title else []
    parts += [segment for segment in segments if segment]
    if text.strip():
        parts.append(text.strip())
    joined = "; ".join(parts)
    return joined if not joined or joined.endswith(".") else joined + "."


def _index_by(
    drafts: list[OfacDraft], names_of: Callable[[OfacDraft], Iterable[str]]
) -> dict[str, list[str]]:
    """Case-folded name -> the ent_nums of the entries that bear it."""
    index: dict[str, list[str]] = defaultdict(list)
    for draft in drafts:
        for name in dict.fromkeys(names_of(draft)):
            index[name.casefold()].append(draft.source_id)
    return index


def _strong_alias_names(draft: OfacDraft) -> list[str]:
    return [alias.name for alias in draft.aliases if alias.type is not AliasType.WEAK]


def resolve_links(list_id: str, drafts: list[OfacDraft]) -> tuple[Entry, ...]:
    """Entries, each "Linked To" name given the ent_num of the one entry of that name."""
    by_name = _index_by(drafts, lambda draft: (draft.name,))
    by_alias = _index_by(drafts, _strong_alias_names)

    def resolve(name: str) -> str:
        # The full stop closing the Remarks may also end a name ("... CO."): try both.
        spellings = (name, name + ".") if not name.endswith(".") else (name,)
        for index in (by_name, by_alias):
            found = {sid for spelling in spellings for sid in index.get(spelling.casefold(), ())}
            if len(found) == 1:
                return found.pop()
            if found:
                return ""  # more than one entry has this name: leave it unresolved
        return ""

    entries: list[Entry] = []
    for draft in drafts:
        links = tuple(
            dict.fromkeys(
                [
                    *draft.links,
                    *(
                        Link(LinkRelation.LINKED_TO, name=name, source_id=resolve(name))
                        for name in draft.linked_to
                    ),
                ]
            )
        )
        # A name given twice keeps its first, strongest, type: alt.csv comes before Remarks.
        first_of_name: dict[str, Alias] = {}
        for alias in draft.aliases:
            first_of_name.setdefault(alias.name, alias)
        aliases = tuple(alias for name, alias in first_of_name.items() if name != draft.name)
        # every OFAC format ends with the CSV's remarks: "DOB 1964; nationality Korea, North"
        facts = read_remarks(draft.remarks) if draft.kind is EntryKind.PERSON else None
        entries.append(
            Entry(
                list_id=list_id,
                source_id=draft.source_id,
                kind=draft.kind,
                name=draft.name,
                aliases=aliases,
                countries=tuple(dict.fromkeys(draft.countries)),
                addresses=tuple(dict.fromkeys(draft.addresses)),
                identifiers=tuple(dict.fromkeys(draft.identifiers)),
                programs=draft.programs,
                listed_on=draft.listed_on,
                remarks=draft.remarks,
                links=links,
                birth_dates=facts.birth_dates if facts else (),
                nationalities=facts.nationalities if facts else (),
            )
        )
    return tuple(entries)
