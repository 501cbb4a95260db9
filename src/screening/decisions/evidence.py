"""What the reviewer saw: the supplier and matched entry of a pair in a stored screening or job.

A decision must rest on a match that really was shown, so it is taken from the stored input and
results, and the entry is read from the exact list version that screening ran on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screening.supplier import Supplier
from screening.watchlist.model import Entry

SUPPLIER_FIELDS = ("name", "ref", "country", "sector", "registration_id", "address")


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
    suppliers: Sequence[Mapping[str, Any]],
    results: Sequence[Mapping[str, Any]],
    list_versions: Sequence[Mapping[str, Any]],
    *,
    ref: str,
    list_id: str,
    source_id: str,
    basis: str,
) -> SeenPair:
    """Find `ref`'s match with (list_id, source_id) in results aligned with `suppliers`.

    Results are in input order (one per supplier); matches name their "list" and "source_id".
    """
    with_ref = [i for i, supplier in enumerate(suppliers) if str(supplier.get("ref") or "") == ref]
    where = {"basis": basis, "ref": ref, "list": list_id, "source_id": source_id}
    if not with_ref:
        raise PairNotFoundError(f"{basis} has no supplier with ref {ref!r}", where)
    for index in with_ref:
        matches = results[index].get("matches", ()) if index < len(results) else ()
        if any(m.get("list") == list_id and m.get("source_id") == source_id for m in matches):
            version = next(
                (str(v["version"]) for v in list_versions if v.get("list") == list_id), ""
            )
            return SeenPair(
                supplier_from_json(suppliers[index]), list_id, source_id, version, basis
            )
    raise PairNotFoundError(
        f"supplier {ref!r} did not match {list_id} {source_id} in {basis}", where
    )


EntryAt = Callable[[str, str, str], Entry | None]  # (list id, version, source id) -> entry
