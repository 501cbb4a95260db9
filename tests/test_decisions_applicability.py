"""When a case decision still holds, and what it reports when the supplier or the entry changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from screening.decisions.applicability import (
    check_decision,
    checks_for_supplier,
    latest_decisions,
)
from screening.risk.decision import CaseDecision, EntryFacts, SupplierFacts, Verdict
from screening.supplier import Supplier
from screening.watchlist.model import Alias, AliasType, Entry, EntryKind

SUPPLIER = Supplier(name="Ryonbong Trading LLC", ref="V-100", country="RU", registration_id="77001")
ENTRY = Entry(
    list_id="us-ofac-sdn",
    source_id="12345",
    kind=EntryKind.ORGANIZATION,
    name="KOREA RYONBONG GENERAL CORPORATION",
    aliases=(Alias("LYONGAKSAN GENERAL TRADING CORPORATION", AliasType.AKA),),
    programs=("NPWMD",),
)


def decision_on(
    supplier: Supplier = SUPPLIER,
    entry: Entry = ENTRY,
    at: datetime = datetime(2025, 3, 1, tzinfo=UTC),
    verdict: Verdict = Verdict.FALSE_POSITIVE,
) -> CaseDecision:
    return CaseDecision(
        id=f"dec-{at:%d}",
        tenant_id="acme",
        ref=supplier.ref,
        supplier=SupplierFacts.of(supplier),
        list_id=entry.list_id,
        source_id=entry.source_id,
        entry=EntryFacts.of(entry),
        verdict=verdict,
        note="different company, Vladivostok timber",
        decided_by="key-analyst",
        decided_at=at,
    )


def test_decision_holds_while_supplier_and_entry_are_unchanged() -> None:
    assert check_decision(decision_on(), SUPPLIER, ENTRY).applies


def test_case_and_spacing_of_the_supplier_name_are_not_a_change() -> None:
    edited = replace(SUPPLIER, name="  RYONBONG   trading llc ")
    assert check_decision(decision_on(), edited, ENTRY).applies


def test_new_alias_on_the_entry_re_alerts_and_names_the_alias() -> None:
    listed_now = replace(ENTRY, aliases=(*ENTRY.aliases, Alias("RYONBONG TRADING", AliasType.AKA)))
    check = check_decision(decision_on(), SUPPLIER, listed_now)
    assert not check.applies
    assert check.changes == ("new alias 'RYONBONG TRADING'",)


def test_new_program_on_the_entry_re_alerts() -> None:
    listed_now = replace(ENTRY, programs=("NPWMD", "DPRK3"))
    assert check_decision(decision_on(), SUPPLIER, listed_now).changes == ("new program DPRK3",)


def test_changed_supplier_country_re_alerts() -> None:
    moved = replace(SUPPLIER, country="CN")
    changes = check_decision(decision_on(), moved, ENTRY).changes
    assert changes == ("supplier country changed: 'RU' -> 'CN'",)


def test_changed_registration_id_re_alerts() -> None:
    renumbered = replace(SUPPLIER, registration_id="77002")
    assert not check_decision(decision_on(), renumbered, ENTRY).applies


def test_delisted_entry_means_the_decision_no_longer_applies() -> None:
    assert check_decision(decision_on(), SUPPLIER, None).changes == ("entry no longer listed",)


def test_latest_decision_on_a_pair_is_the_one_in_force() -> None:
    first = decision_on(at=datetime(2025, 3, 1, tzinfo=UTC))
    second = decision_on(at=datetime(2025, 4, 1, tzinfo=UTC), verdict=Verdict.TRUE_MATCH)
    latest = latest_decisions([second, first])
    assert list(latest.values()) == [second]


def test_decisions_are_found_by_ref_even_after_the_supplier_data_changed() -> None:
    latest = latest_decisions([decision_on()])
    renamed = replace(SUPPLIER, name="Ryonbong Timber LLC")
    checks = checks_for_supplier(renamed, latest, lambda _list, _source: ENTRY)
    assert len(checks) == 1
    assert checks[0].changes == (
        "supplier name changed: 'Ryonbong Trading LLC' -> 'Ryonbong Timber LLC'",
    )


def test_another_suppliers_decision_does_not_apply() -> None:
    latest = latest_decisions([decision_on()])
    other = replace(SUPPLIER, ref="V-200")
    assert checks_for_supplier(other, latest, lambda _list, _source: ENTRY) == []


def test_without_a_ref_only_the_same_supplier_data_finds_the_decision() -> None:
    unreferenced = replace(SUPPLIER, ref="")
    latest = latest_decisions([decision_on(supplier=unreferenced)])
    same = checks_for_supplier(unreferenced, latest, lambda _list, _source: ENTRY)
    different = replace(unreferenced, name="Other Trading LLC")
    assert [check.applies for check in same] == [True]
    assert checks_for_supplier(different, latest, lambda _list, _source: ENTRY) == []
