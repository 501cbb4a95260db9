"""The difference between two screenings of one supplier list, as alerts a reviewer acts on.

A monitored list is screened again whenever a list changes; comparing the new matches with the
last ones, pair by pair (supplier, entry), gives three kinds of alert: a new match, a changed match
(score, risk level or the entry itself changed, or a decision that cleared it no longer holds) and
a match gone. Pairs a reviewer has cleared and that are still cleared raise nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from screening.decisions.applicability import entry_changes
from screening.risk.decision import EntryFacts

PairKey = tuple[str, str, str]  # supplier key, list id, source id


class AlertKind(StrEnum):
    NEW_MATCH = "new_match"
    CHANGED_MATCH = "changed_match"
    MATCH_GONE = "match_gone"


@dataclass(frozen=True, slots=True)
class MatchState:
    """One supplier-entry pair as one screening saw it: what a later screening is compared with."""

    supplier_key: str  # the supplier's ref, or its row when the sheet had no refs
    supplier: Mapping[str, str]  # ref, name, country
    list_id: str
    source_id: str
    entry: EntryFacts
    list_version: str
    score: float
    level: str  # the supplier's risk level in that screening
    cleared_by: str = ""  # "cleared by <who> on <date>: <note>" when a decision cleared the pair
    stale_decision: tuple[str, ...] = ()  # why an earlier decision no longer holds

    @property
    def key(self) -> PairKey:
        return (self.supplier_key, self.list_id, self.source_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier_key": self.supplier_key,
            "supplier": dict(self.supplier),
            "list_id": self.list_id,
            "source_id": self.source_id,
            "entry": self.entry.to_dict(),
            "list_version": self.list_version,
            "score": self.score,
            "level": self.level,
            "cleared_by": self.cleared_by,
            "stale_decision": list(self.stale_decision),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchState:
        return cls(
            supplier_key=data["supplier_key"],
            supplier=dict(data["supplier"]),
            list_id=data["list_id"],
            source_id=data["source_id"],
            entry=EntryFacts.from_dict(data["entry"]),
            list_version=data["list_version"],
            score=float(data["score"]),
            level=data["level"],
            cleared_by=data.get("cleared_by", ""),
            stale_decision=tuple(data.get("stale_decision", ())),
        )


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """An alert before it is stored: what changed for one pair between two screenings."""

    kind: AlertKind
    supplier: Mapping[str, str]
    list_id: str
    source_id: str
    entry_name: str
    before: MatchState | None
    after: MatchState | None
    changes: tuple[str, ...] = field(default=())

    @property
    def list_versions(self) -> dict[str, str | None]:
        return {
            "before": self.before.list_version if self.before else None,
            "after": self.after.list_version if self.after else None,
        }


def diff_states(
    before: Iterable[MatchState], after: Iterable[MatchState], score_tolerance: float = 0.05
) -> list[AlertDraft]:
    """Alerts for every pair that appeared, changed or went, in a stable order."""
    old = {state.key: state for state in before}
    new = {state.key: state for state in after}
    alerts: list[AlertDraft] = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if now is not None and now.cleared_by:
            continue  # a reviewer cleared it and the decision still holds
        if now is None:
            assert was is not None
            if not was.cleared_by:
                alerts.append(_alert(AlertKind.MATCH_GONE, was, None, ()))
        elif was is None:
            alerts.append(_alert(AlertKind.NEW_MATCH, None, now, now.stale_decision))
        else:
            changes = _changes(was, now, score_tolerance)
            if changes:
                alerts.append(_alert(AlertKind.CHANGED_MATCH, was, now, changes))
    return alerts


def _changes(was: MatchState, now: MatchState, score_tolerance: float) -> tuple[str, ...]:
    changes: list[str] = []
    if was.cleared_by:
        changes.append(f"no longer cleared ({was.cleared_by})")
        changes += now.stale_decision
    changes += entry_changes(was.entry, now.entry)
    if abs(was.score - now.score) > score_tolerance:
        changes.append(f"score {was.score:g} -> {now.score:g}")
    if was.level != now.level:
        changes.append(f"risk level {was.level} -> {now.level}")
    return tuple(dict.fromkeys(changes))


def _alert(
    kind: AlertKind, was: MatchState | None, now: MatchState | None, changes: tuple[str, ...]
) -> AlertDraft:
    state = now or was
    assert state is not None
    return AlertDraft(
        kind=kind,
        supplier=state.supplier,
        list_id=state.list_id,
        source_id=state.source_id,
        entry_name=state.entry.name,
        before=was,
        after=now,
        changes=changes,
    )
