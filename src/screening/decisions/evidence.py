"""What the reviewer saw: the supplier and matched entry of a pair in a stored screening or job.

A decision must rest on a match that really was shown, so it is taken from the stored input and
results, and the entry is read from the exact list version that screening ran on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from screening.supplier import Supplier
from screening.watchlist.model import Entry

SUPPLIER_FIELDS = tuple(field.name for field in fields(Supplier))


class PairNotFoundError(LookupError):
    """The screening has no supplier with that ref, or that supplier did not match that entry."""

    def __init__(self, message: str, details: Mapping[str, Any]) -> None:
        super().__init__(message)
        self.message = message
        self.details = dict(details)


@dataclass(frozen=True, slots=True)
class SeenPair:
    supplier: Supplier
    list_id: str
    source_id: str
    list_version: str
    basis: str  # "screening:<id>" or "job:<id>"


def supplier_from_json(data: Mapping[str, Any]) -> Supplier:
    return Supplier(**{name: str(data.get(name) or "") for name in SUPPLIER_FIELDS})


def find_pair(
    screened: Sequence[tuple[Supplier, Collection[tuple[str, str]]]],
    versions: Mapping[str, str],
    *,
    ref: str,
    list_id: str,
    source_id: str,
    basis: str,
) -> SeenPair:
    """Find `ref`'s match with (list_id, source_id) among screened suppliers, each given with
    the (list, source id) pairs it matched; `versions` maps list id to the version used."""
    where = {"basis": basis, "ref": ref, "list": list_id, "source_id": source_id}
    with_ref = [(supplier, pairs) for supplier, pairs in screened if supplier.ref == ref]
    if not with_ref:
        raise PairNotFoundError(f"{basis} has no supplier with ref {ref!r}", where)
    for supplier, pairs in with_ref:
        if (list_id, source_id) in pairs:
            return SeenPair(supplier, list_id, source_id, versions.get(list_id, ""), basis)
    raise PairNotFoundError(
        f"supplier {ref!r} did not match {list_id} {source_id} in {basis}", where
    )


def screened_from_api_json(
    suppliers: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]]
) -> list[tuple[Supplier, set[tuple[str, str]]]]:
    """A stored API screening: its input suppliers and results, aligned by position."""
    return [
        (
            supplier_from_json(supplier),
            {(str(m.get("list")), str(m.get("source_id"))) for m in result.get("matches", ())},
        )
        for supplier, result in zip(suppliers, results, strict=False)
    ]


def versions_from_json(list_versions: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """[{"list" or "list_id": ..., "version": ...}] as the API and jobs store them."""
    return {
        str(item.get("list") or item.get("list_id")): str(item["version"]) for item in list_versions
    }


EntryAt = Callable[[str, str, str], Entry | None]  # (list id, version, source id) -> entry
