"""What the risk model knows about list entries beyond their names, built once per set of lists.

- which entries are tied to DPRK overseas labour: the curated entities, the official entries they
  point at (and any entry joined to those as the same designation), and fronts whose "Linked To"
  names one of them;
- which lists carry the same designation ("listed by UN, US and UK");
- the host-country and sector facts of lists/host-risk.toml.

Pure: snapshots and parsed host-risk data in, an immutable object out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from screening.risk.host_risk import HostRisk, parse_host_risk
from screening.risk.memo import Memo
from screening.risk.model import RiskAssessment
from screening.risk.sectors import SectorIndex
from screening.watchlist.curated import LIST_ID as LABOUR_LIST
from screening.watchlist.curated import LabourProfile, role_from_remarks
from screening.watchlist.links import build_cross_list_index, normalise_for_identity
from screening.watchlist.model import Entry, LinkRelation, ListSnapshot
from screening.watchlist.programs import is_dprk_program

Key = tuple[str, str]  # (list_id, source_id)

# The official lists, in the order a reason names them: "listed by UN, US and UK".
SANCTIONS_LISTS = (
    "un-sc",
    "us-ofac-sdn",
    "us-ofac-cons",
    "uk-ofsi",
    "uk-sanctions-list",
    "eu-fsf",
    "au-dfat",
    "ca-sema",
)
UN_LIST = "un-sc"
UK_DPRK_REGIME = "Democratic People's Republic of Korea"


@dataclass(frozen=True, slots=True)
class LabourTie:
    """Why an entry is tied to DPRK overseas labour, in terms of a curated entity."""

    curated_id: str  # "DL-001"
    name: str  # the curated entity's name
    role: str
    sectors: tuple[str, ...] = ()
    host_countries: tuple[str, ...] = ()
    # "" when the entry is the curated entity (or the same designation); otherwise the entry it
    # is linked to, as "<name> (<list-id> <source_id>)".
    linked_via: str = ""


@dataclass(frozen=True, slots=True)
class RiskKnowledge:
    host_risk: HostRisk
    sector_index: SectorIndex
    labour: Mapping[Key, tuple[LabourTie, ...]]
    same_designation: Mapping[Key, frozenset[Key]]  # every key of the group, itself included
    # The assessment of a supplier with no match and no decision, by its country and sector
    # text, the only facts it depends on: 98 % of a sheet, with a few dozen distinct ones.
    unmatched: Memo[tuple[str, str], RiskAssessment] = field(
        default_factory=Memo, init=False, repr=False, compare=False
    )

    @classmethod
    def build(cls, snapshots: Iterable[ListSnapshot], host_risk: bytes) -> RiskKnowledge:
        """From the snapshots and the bytes of lists/host-risk.toml."""
        return build_risk_knowledge(snapshots, read_host_risk(host_risk))

    def labour_ties(self, key: Key) -> tuple[LabourTie, ...]:
        return self.labour.get(key, ())

    def designation_keys(self, key: Key) -> frozenset[Key]:
        return self.same_designation.get(key, frozenset({key}))

    def listed_by(self, list_id: str, source_id: str) -> tuple[str, ...]:
        """The official lists carrying the designation, its own list first when official."""
        lists = {key[0] for key in self.designation_keys((list_id, source_id))}
        ordered = [lst for lst in SANCTIONS_LISTS if lst in lists and lst != list_id]
        return tuple([list_id, *ordered] if list_id in SANCTIONS_LISTS else ordered)


def read_host_risk(data: bytes) -> HostRisk:
    """The bytes of lists/host-risk.toml, parsed (the caller reads the file)."""
    return parse_host_risk(data)


def build_risk_knowledge(
    snapshots: Iterable[ListSnapshot] | Mapping[str, ListSnapshot],
    host_risk: HostRisk,
    labour_profiles: Mapping[str, LabourProfile] | None = None,
) -> RiskKnowledge:
    """Everything `assess_risk` needs besides the supplier and its matches.

    `labour_profiles` (from `load_labour_profiles`) give the curated roles verbatim; without them
    the roles are read back from the curated entries' remarks.
    """
    ordered = list(snapshots.values() if isinstance(snapshots, Mapping) else snapshots)
    entries = {entry.key: entry for snapshot in ordered for entry in snapshot.entries}
    index = build_cross_list_index(ordered)
    same: dict[Key, frozenset[Key]] = {}
    for key in entries:
        group = frozenset({key, *index.same_as(*key)})
        if len(group) > 1:
            same[key] = group

    labour: dict[Key, list[LabourTie]] = defaultdict(list)
    for entry in entries.values():
        if entry.list_id != LABOUR_LIST:
            continue
        tie = _curated_tie(entry, labour_profiles)
        keys = set(same.get(entry.key, {entry.key}))
        # The curated refs are SAME_AS links; count them even if the index did not group them.
        keys.update(
            (link.list_id, link.source_id)
            for link in entry.links
            if link.relation is LinkRelation.SAME_AS and (link.list_id, link.source_id) in entries
        )
        for key in keys:
            labour[key].append(tie)

    direct = {key: tuple(ties) for key, ties in labour.items()}
    name_indexes: dict[str, dict[str, list[Entry]]] = {}
    for entry in entries.values():
        if entry.key in direct or entry.list_id == LABOUR_LIST:
            continue
        for parent in _linked_parents(entry, entries, name_indexes):
            for tie in direct.get(parent.key, ()):
                via = f"{parent.name} ({parent.list_id} {parent.source_id})"
                labour[entry.key].append(
                    LabourTie(
                        tie.curated_id, tie.name, tie.role, tie.sectors, tie.host_countries, via
                    )
                )

    return RiskKnowledge(
        host_risk=host_risk,
        sector_index=SectorIndex.of(host_risk),
        labour={key: tuple(dict.fromkeys(ties)) for key, ties in labour.items()},
        same_designation=same,
    )


def dprk_link(entry: Entry) -> str | None:
    """A short phrase saying why the entry is a DPRK designation, or None when it is not."""
    if entry.list_id == LABOUR_LIST:
        return "on the curated DPRK overseas-labour list"
    if entry.list_id == "un-sc" and entry.source_id.upper().startswith("KP"):
        return f"UN DPRK sanctions reference {entry.source_id}"
    if UK_DPRK_REGIME in entry.programs:
        return f"UK regime {UK_DPRK_REGIME}"
    dprk_programs = [program for program in entry.programs if is_dprk_program(program)]
    if dprk_programs:
        return f"program {', '.join(dprk_programs)}"
    if "(UN Ref):KP" in entry.remarks or any(
        link.relation is LinkRelation.SAME_AS
        and link.list_id == UN_LIST
        and link.source_id.upper().startswith("KP")
        for link in entry.links
    ):
        return "listing citing a UN DPRK reference"
    if "NPWMD" in entry.programs and "North Korea Sanctions Regulations" in entry.remarks:
        return "NPWMD designation citing the North Korea Sanctions Regulations"
    if "KP" in entry.countries:
        return "address or nationality in North Korea"
    return None


def _curated_tie(entry: Entry, profiles: Mapping[str, LabourProfile] | None) -> LabourTie:
    profile = profiles.get(entry.source_id) if profiles is not None else None
    role = profile.role if profile is not None else role_from_remarks(entry.remarks)
    return LabourTie(
        curated_id=entry.source_id,
        name=entry.name,
        role=role,
        sectors=entry.sectors,
        host_countries=entry.countries,
    )


def _linked_parents(
    entry: Entry, entries: Mapping[Key, Entry], name_indexes: dict[str, dict[str, list[Entry]]]
) -> list[Entry]:
    """The entries this one's "Linked To" relations name, resolved by id or by unique name."""
    parents: list[Entry] = []
    for link in entry.links:
        if link.relation is not LinkRelation.LINKED_TO:
            continue
        list_id = link.list_id or entry.list_id
        if link.source_id:
            parent = entries.get((list_id, link.source_id))
            if parent is not None:
                parents.append(parent)
            continue
        if not link.name:
            continue
        if list_id not in name_indexes:
            name_indexes[list_id] = _names_of_list(entries, list_id)
        by_name = name_indexes[list_id]
        candidates = by_name.get(normalise_for_identity(link.name), [])
        if len(candidates) == 1:
            parents.append(candidates[0])
    return parents


def _names_of_list(entries: Mapping[Key, Entry], list_id: str) -> dict[str, list[Entry]]:
    names: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.list_id == list_id:
            for name in entry.all_names():
                names[normalise_for_identity(name)].append(entry)
    return names
