"""Which entries on different lists are the same designation, so a report can say
"listed by UN, US and UK".

Evidence that two entries of different lists are one designation, strongest first:
- an explicit SAME_AS link with a list id and source id (UK "(UN Ref):KPe.018");
- a shared IMO number between two entries of the same kind (ship, or shipping company);
- identical normalised names, primary or alias (weak aliases excepted), of two
  organisations or two vessels: the same primary name on both sides counts most, then
  the number of names they share.
A name or IMO number counts only between lists where it belongs to one entry: a name that
several entries of one list share proves nothing. Entries joined through a third one are
the same designation too, but a group never takes two entries of one list: a list names
a designation once, so evidence that would merge two of its entries is weaker than what
already separates them (OFAC's AL QA'IDA carries the aliases of the UN's separately listed
EGYPTIAN ISLAMIC JIHAD).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from screening.watchlist.model import (
    AliasType,
    Entry,
    EntryKind,
    IdentifierKind,
    LinkRelation,
    ListSnapshot,
)

Key = tuple[str, str]  # (list_id, source_id)

_NAME_MATCH_KINDS = frozenset({EntryKind.ORGANIZATION, EntryKind.VESSEL})
_NOT_WORD = re.compile(r"[\W_]+")
# Weights of the evidence for one pair of entries; a pair's weights add up.
EXPLICIT_LINK = 1_000_000
SHARED_IMO = 1_000
SHARED_PRIMARY_NAME = 100
SHARED_NAME = 1


def normalise_for_identity(name: str) -> str:
    """Case, punctuation and spacing removed: "Korea Ryonbong General Corp." -> "korea ryonbong
    general corp"."""
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


@dataclass(frozen=True, slots=True)
class CrossListIndex:
    """Groups of entries that are one designation on several lists."""

    _known: frozenset[Key] = field(repr=False)
    _group_of: dict[Key, int] = field(repr=False)
    _members: tuple[tuple[Key, ...], ...] = field(repr=False)

    def same_as(self, list_id: str, source_id: str) -> tuple[Key, ...]:
        """The keys of the same designation on the other lists, in the snapshots' order."""
        group = self._group_of.get((list_id, source_id))
        if group is None:
            return ()
        return tuple(key for key in self._members[group] if key[0] != list_id)

    def listed_by(self, list_id: str, source_id: str) -> tuple[str, ...]:
        """Every list that lists the designation, its own first; () for an unknown entry."""
        if (list_id, source_id) not in self._known:
            return ()
        others = (key[0] for key in self.same_as(list_id, source_id))
        return (list_id, *dict.fromkeys(others))


class _Groups:
    """Union-find over entry keys, each group holding at most one entry per list."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self._parent: dict[Key, Key] = {key: key for key in keys}
        self._lists: dict[Key, frozenset[str]] = {key: frozenset({key[0]}) for key in self._parent}

    def find(self, key: Key) -> Key:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def join(self, first: Key, second: Key) -> None:
        """Join the two groups unless that would put two entries of one list together."""
        first, second = self.find(first), self.find(second)
        if first == second or self._lists[first] & self._lists[second]:
            return
        self._parent[first] = second
        self._lists[second] |= self._lists.pop(first)


def _identity_names(entry: Entry) -> set[str]:
    names = [entry.name]
    names += [alias.name for alias in entry.aliases if alias.type is not AliasType.WEAK]
    return {normalised for name in names if (normalised := normalise_for_identity(name))}


def _imo_numbers(entry: Entry) -> set[str]:
    return {
        identifier.value
        for identifier in entry.identifiers
        if identifier.kind is IdentifierKind.IMO and identifier.value.isdigit()
    }


def _holders(
    entries: Iterable[Entry], values: dict[Key, set[str]]
) -> dict[tuple[EntryKind, str], dict[str, list[Key]]]:
    """For each (kind, value): list id -> the entries of that list holding the value."""
    holders: dict[tuple[EntryKind, str], dict[str, list[Key]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for entry in entries:
        for value in values.get(entry.key, ()):
            holders[(entry.kind, value)][entry.list_id].append(entry.key)
    return holders


def _shared_value_pairs(
    holders: dict[tuple[EntryKind, str], dict[str, list[Key]]],
) -> Iterable[tuple[str, Key, Key]]:
    """(value, entry, entry) for every value held by one entry in each of two lists."""
    for (_, value), by_list in holders.items():
        sole = sorted(keys[0] for keys in by_list.values() if len(keys) == 1)
        for first, second in combinations(sole, 2):
            yield value, first, second


def _pair(first: Key, second: Key) -> tuple[Key, Key]:
    return (first, second) if first <= second else (second, first)


def build_cross_list_index(snapshots: Sequence[ListSnapshot]) -> CrossListIndex:
    list_order = {snapshot.list_id: rank for rank, snapshot in enumerate(snapshots)}
    entries = [entry for snapshot in snapshots for entry in snapshot.entries]
    known = frozenset(entry.key for entry in entries)
    evidence: dict[tuple[Key, Key], int] = defaultdict(int)

    for entry in entries:
        for link in entry.links:
            target = (link.list_id, link.source_id)
            if (
                link.relation is LinkRelation.SAME_AS
                and link.list_id != entry.list_id
                and target in known
            ):
                evidence[_pair(entry.key, target)] += EXPLICIT_LINK
    imo_numbers = {entry.key: _imo_numbers(entry) for entry in entries}
    for _, first, second in _shared_value_pairs(_holders(entries, imo_numbers)):
        evidence[(first, second)] += SHARED_IMO
    primary = {entry.key: normalise_for_identity(entry.name) for entry in entries}
    names = {
        entry.key: _identity_names(entry) for entry in entries if entry.kind in _NAME_MATCH_KINDS
    }
    for value, first, second in _shared_value_pairs(_holders(entries, names)):
        both_primary = primary[first] == value == primary[second]
        evidence[(first, second)] += SHARED_PRIMARY_NAME if both_primary else SHARED_NAME

    groups = _Groups(known)
    for (first, second), _weight in sorted(evidence.items(), key=lambda item: (-item[1], item[0])):
        groups.join(first, second)

    members: dict[Key, list[Key]] = defaultdict(list)
    for entry in entries:
        members[groups.find(entry.key)].append(entry.key)
    group_of: dict[Key, int] = {}
    ordered: list[tuple[Key, ...]] = []
    for keys in members.values():
        if len(keys) < 2:
            continue  # on one list only: nothing to say
        for key in keys:
            group_of[key] = len(ordered)
        ordered.append(tuple(sorted(keys, key=lambda key: (list_order[key[0]], key[1]))))
    return CrossListIndex(known, group_of, tuple(ordered))
