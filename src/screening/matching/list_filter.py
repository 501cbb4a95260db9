"""Screening against some of the indexed lists: which entries and candidate forms belong to them.

Narrowing filters and never re-scores: the index and its word weights stay those of every list
indexed, so an entry scores the same whichever lists a request chooses, and nothing is rebuilt
per request. Each index gets one list mask per entry and per form, made on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screening.matching.index import MatchIndex, kept_per_index


@dataclass(frozen=True, slots=True)
class _ListMasks:
    """One bit per list of the index; per entry its list's bit, per form the bits of the lists
    of every entry that has a name of that form (a form is shared by equal names)."""

    bits: dict[str, int]
    entries: tuple[int, ...]
    forms: tuple[int, ...]

    @classmethod
    def of(cls, index: MatchIndex) -> _ListMasks:
        bits: dict[str, int] = {}
        for entry in index.entries:
            bits.setdefault(entry.list_id, 1 << len(bits))
        entries = tuple(bits[entry.list_id] for entry in index.entries)
        forms = []
        for name_ids in index.form_names:
            mask = 0
            for name_id in name_ids:
                mask |= entries[index.names[name_id].entry_no]
            forms.append(mask)
        return cls(bits, entries, tuple(forms))


_masks_of = kept_per_index(_ListMasks.of)


@dataclass(frozen=True, slots=True)
class ListFilter:
    """The entries and forms of an index that belong to the chosen lists."""

    mask: int
    _entries: tuple[int, ...]
    _forms: tuple[int, ...]

    def allows_entry(self, entry_no: int) -> bool:
        return bool(self._entries[entry_no] & self.mask)

    def allows_form(self, form_id: int) -> bool:
        return bool(self._forms[form_id] & self.mask)


def list_filter(index: MatchIndex, list_ids: Iterable[str] | None) -> ListFilter | None:
    """A filter to the lists `list_ids` (ids the index does not hold choose nothing); None when
    there is nothing to filter: no choice made, or a choice of every list indexed."""
    if list_ids is None:
        return None
    masks = _masks_of(index)
    mask = 0
    for list_id in list_ids:
        mask |= masks.bits.get(list_id, 0)
    every = (1 << len(masks.bits)) - 1
    if mask == every:
        return None
    return ListFilter(mask, masks.entries, masks.forms)
