"""A case decision and the facts it was made on: what the reviewer saw of the supplier and entry.

A decision holds only while those facts hold. Each side has a fingerprint so a later screening can
tell at once whether the supplier's data or the listed entry has changed since.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from screening.supplier import Supplier
from screening.watchlist.model import Entry


class Verdict(StrEnum):
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"


def _fold(text: str) -> str:
    """Case, width and spacing do not count as a change of data."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _fingerprint(parts: Any) -> str:
    canonical = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SupplierFacts:
    """The supplier data a decision rests on: the fields that say who the supplier is."""

    name: str
    country: str = ""
    registration_id: str = ""

    @classmethod
    def of(cls, supplier: Supplier) -> SupplierFacts:
        return cls(supplier.name, supplier.country, supplier.registration_id)

    def normalised(self) -> tuple[str, str, str]:
        return (_fold(self.name), self.country.strip().upper(), _fold(self.registration_id))

    @property
    def fingerprint(self) -> str:
        return _fingerprint(list(self.normalised()))

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "country": self.country, "registration_id": self.registration_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SupplierFacts:
        return cls(data["name"], data.get("country", ""), data.get("registration_id", ""))


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """The listed entry a decision rests on: its names and programs."""

    names: tuple[str, ...]  # primary name first, then the aliases
    programs: tuple[str, ...] = ()

    @classmethod
    def of(cls, entry: Entry) -> EntryFacts:
        return cls(entry.all_names(), entry.programs)

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""

    @property
    def fingerprint(self) -> str:
        return _fingerprint(
            [_fold(self.name), sorted({_fold(n) for n in self.names}), sorted(set(self.programs))]
        )

    def to_dict(self) -> dict[str, list[str]]:
        return {"names": list(self.names), "programs": list(self.programs)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntryFacts:
        return cls(tuple(data.get("names", ())), tuple(data.get("programs", ())))


@dataclass(frozen=True, slots=True)
class CaseDecision:
    """A reviewer's verdict on one supplier-entry pair of one tenant."""

    id: str
    tenant_id: str
    ref: str  # the customer's supplier reference, "" when the sheet had none
    supplier: SupplierFacts
    list_id: str
    source_id: str
    entry: EntryFacts
    verdict: Verdict
    note: str
    decided_by: str  # API key id
    decided_at: datetime  # UTC
    basis: str = ""  # where the reviewer saw the pair: "job:<id>" or "screening:<id>"

    @property
    def supplier_key(self) -> str:
        return supplier_key(self.ref, self.supplier)


def supplier_key(ref: str, facts: SupplierFacts) -> str:
    """Who a decision is about: the customer's reference, or the data itself when there is none."""
    return f"ref:{ref}" if ref else f"data:{facts.fingerprint}"
