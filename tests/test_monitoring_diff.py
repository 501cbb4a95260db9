"""Comparing two screenings of a monitored list: exactly which alerts a list change produces."""

from __future__ import annotations

from dataclasses import replace

from screening.monitoring.diff import AlertKind, MatchState, diff_states
from screening.risk.decision import EntryFacts

OLD = "2025-01-10-aaaaaaaa"
NEW = "2025-02-10-bbbbbbbb"


def state(
    supplier: str = "V-1",
    source_id: str = "KPe.001",
    score: float = 92.0,
    level: str = "high",
    names: tuple[str, ...] = ("KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"),
    version: str = OLD,
    cleared_by: str = "",
) -> MatchState:
    return MatchState(
        supplier_key=f"ref:{supplier}",
        supplier={"ref": supplier, "name": f"Supplier {supplier}", "country": "RU"},
        list_id="un-sc",
        source_id=source_id,
        entry=EntryFacts(names=names, programs=("DPRK",)),
        list_version=version,
        score=score,
        level=level,
        cleared_by=cleared_by,
    )


def test_same_matches_on_a_new_list_version_raise_no_alert() -> None:
    assert diff_states([state()], [state(version=NEW)]) == []


def test_pair_only_in_the_new_screening_is_a_new_match() -> None:
    alerts = diff_states([], [state(version=NEW)])
    assert [(a.kind, a.source_id) for a in alerts] == [(AlertKind.NEW_MATCH, "KPe.001")]
    assert alerts[0].list_versions == {"before": None, "after": NEW}


def test_pair_only_in_the_old_screening_is_a_match_gone() -> None:
    alerts = diff_states([state()], [])
    assert [(a.kind, a.list_versions["before"]) for a in alerts] == [(AlertKind.MATCH_GONE, OLD)]


def test_new_alias_is_a_changed_match_naming_the_alias() -> None:
    with_alias = state(names=(*state().entry.names, "KOMID TRADING"), version=NEW)
    alerts = diff_states([state()], [with_alias])
    assert [(a.kind, a.changes) for a in alerts] == [
        (AlertKind.CHANGED_MATCH, ("new alias 'KOMID TRADING'",))
    ]


def test_score_and_level_changes_are_a_changed_match() -> None:
    alerts = diff_states([state()], [state(score=85.5, level="medium", version=NEW)])
    assert alerts[0].changes == ("score 92 -> 85.5", "risk level high -> medium")


def test_rounding_noise_in_the_score_is_no_change() -> None:
    assert diff_states([state(score=92.0)], [state(score=92.01)]) == []


def test_cleared_pair_raises_nothing_while_the_decision_holds() -> None:
    cleared = "cleared by key-1 on 2025-03-01: other company"
    assert diff_states([state(cleared_by=cleared)], [state(cleared_by=cleared, version=NEW)]) == []
    assert diff_states([state()], [state(cleared_by=cleared, version=NEW)]) == []


def test_cleared_pair_whose_entry_changed_alerts_again() -> None:
    cleared = "cleared by key-1 on 2025-03-01: other company"
    reopened = replace(
        state(names=(*state().entry.names, "KOMID TRADING"), version=NEW),
        stale_decision=("new alias 'KOMID TRADING'",),
    )
    alerts = diff_states([state(cleared_by=cleared)], [reopened])
    assert [a.kind for a in alerts] == [AlertKind.CHANGED_MATCH]
    assert alerts[0].changes == (f"no longer cleared ({cleared})", "new alias 'KOMID TRADING'")


def test_alerts_come_in_supplier_then_entry_order() -> None:
    before = [state("V-2", "KPe.002"), state("V-1", "KPe.003")]
    after = [state("V-1", "KPe.001", version=NEW)]
    alerts = diff_states(before, after)
    assert [(a.supplier["ref"], a.source_id, a.kind) for a in alerts] == [
        ("V-1", "KPe.001", AlertKind.NEW_MATCH),
        ("V-1", "KPe.003", AlertKind.MATCH_GONE),
        ("V-2", "KPe.002", AlertKind.MATCH_GONE),
    ]


def test_state_survives_a_round_trip_through_json() -> None:
    original = state(cleared_by="cleared by key-1 on 2025-03-01: note")
    assert MatchState.from_dict(original.to_dict()) == original
