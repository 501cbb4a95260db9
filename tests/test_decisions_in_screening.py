"""Decisions in a real screening: cleared while the entry holds, back for review once it changes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from list_update_support import NEW_ALIAS, SUPPLIERS, un_screener, un_snapshot
from screening.decisions.in_screening import screen_for_tenant
from screening.decisions.store import save_decision
from screening.risk.decision import Verdict
from screening.store.db import make_engine, migrate
from screening.store.tables import TenantRow

KOMID_SUPPLIER = SUPPLIERS[0]
CLEARED = (
    "Match to UN-listed KOREA MINING DEVELOPMENT TRADING CORPORATION (KPe.001) "
    "cleared by key-analyst on 2025-03-01: different company"
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('decisions') / 'db.sqlite'}")
    migrate(engine)
    entry = un_snapshot().entry("KPe.001")
    assert entry is not None
    with Session(engine) as session:
        session.add(TenantRow(id="acme", name="Acme"))
        session.add(TenantRow(id="globex", name="Globex"))
        session.flush()
        save_decision(
            session,
            tenant_id="acme",
            decided_by="key-analyst",
            supplier=KOMID_SUPPLIER,
            entry=entry,
            list_version=un_snapshot().version,
            verdict=Verdict.FALSE_POSITIVE,
            note="different company",
            basis="screening:test",
            at=datetime(2025, 3, 1, 12, tzinfo=UTC),
        )
        session.commit()
    yield engine
    engine.dispose()


def test_false_positive_clears_the_match_on_the_same_list_version(engine: Engine) -> None:
    with Session(engine) as session:
        (result,), (decisions,) = screen_for_tenant(
            session, un_screener(), "acme", [KOMID_SUPPLIER]
        )
    assert CLEARED in result.risk.reasons
    assert [risk.cleared for risk in result.risk.match_risks] == [True]
    assert decisions.stale == ()


def test_new_alias_on_the_entry_puts_the_pair_back_for_review(engine: Engine) -> None:
    with Session(engine) as session:
        (result,), (decisions,) = screen_for_tenant(
            session, un_screener(updated=True), "acme", [KOMID_SUPPLIER]
        )
    assert CLEARED not in result.risk.reasons
    assert [risk.cleared for risk in result.risk.match_risks] == [False]
    assert [check.changes for check in decisions.stale] == [(f"new alias {NEW_ALIAS!r}",)]


def test_changed_registration_id_puts_the_pair_back_for_review(engine: Engine) -> None:
    renumbered = replace(KOMID_SUPPLIER, registration_id="1027700000000")
    with Session(engine) as session:
        (result,), (decisions,) = screen_for_tenant(session, un_screener(), "acme", [renumbered])
    assert CLEARED not in result.risk.reasons
    assert decisions.stale[0].changes == (
        "supplier registration id changed: '' -> '1027700000000'",
    )


def test_another_tenant_is_not_cleared(engine: Engine) -> None:
    with Session(engine) as session:
        (result,), _ = screen_for_tenant(session, un_screener(), "globex", [KOMID_SUPPLIER])
    assert [risk.cleared for risk in result.risk.match_risks] == [False]
