"""Re-screening monitored lists when a list changes: exactly the expected alerts, once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from list_update_support import NEW_ALIAS, SUPPLIERS, engine_with_tenant, un_screener, un_snapshot
from screening.audit.log import list_records, verify_chains
from screening.decisions.store import save_decision
from screening.monitoring.rescreen import rescreen_monitored_lists, start_monitoring
from screening.monitoring.tables import AlertRow, MonitoredListRow, WebhookEventRow, WebhookRow
from screening.risk.decision import Verdict

TENANT = "acme"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    with engine_with_tenant(database_url, TENANT) as engine:
        yield engine


def monitor(engine: Engine) -> str:
    with Session(engine) as session:
        row = start_monitoring(
            session,
            un_screener(),
            tenant_id=TENANT,
            created_by="key-analyst",
            suppliers=SUPPLIERS,
            threshold=None,
            name="suppliers.xlsx",
        )
        session.commit()
        return row.id


def alerts_of(engine: Engine) -> list[AlertRow]:
    with Session(engine) as session:
        return list(session.exec(select(AlertRow).order_by(col(AlertRow.id))).all())


def test_list_update_raises_exactly_one_alert_per_changed_pair(engine: Engine) -> None:
    monitor(engine)
    rescreen_monitored_lists(engine, un_screener(updated=True))
    alerts = alerts_of(engine)
    assert [(a.supplier["ref"], a.kind, a.source_id, a.changes) for a in alerts] == [
        ("V-1", "changed_match", "KPe.001", [f"new alias {NEW_ALIAS!r}"]),
        ("V-2", "match_gone", "KPe.050", []),
        ("V-4", "new_match", "KPe.999", []),
    ]


def test_alerts_name_the_list_versions_before_and_after(engine: Engine) -> None:
    monitor(engine)
    rescreen_monitored_lists(engine, un_screener(updated=True))
    before, after = un_snapshot().version, un_snapshot(updated=True).version
    versions = [a.list_versions for a in alerts_of(engine)]
    assert versions == [
        {"before": before, "after": after},
        {"before": before, "after": None},
        {"before": None, "after": after},
    ]


def test_the_same_lists_again_raise_nothing(engine: Engine) -> None:
    monitor(engine)
    assert rescreen_monitored_lists(engine, un_screener(updated=True))[0].alerts == 3
    assert rescreen_monitored_lists(engine, un_screener(updated=True)) == []
    assert len(alerts_of(engine)) == 3


def test_monitored_list_remembers_the_new_versions(engine: Engine) -> None:
    monitored_id = monitor(engine)
    rescreen_monitored_lists(engine, un_screener(updated=True))
    with Session(engine) as session:
        row = session.get(MonitoredListRow, monitored_id)
        assert row is not None
        assert row.list_versions == {"un-sc": un_snapshot(updated=True).version}


def test_cleared_pair_alerts_again_when_its_entry_gains_an_alias(engine: Engine) -> None:
    entry = un_snapshot().entry("KPe.001")
    assert entry is not None
    with Session(engine) as session:
        save_decision(
            session,
            tenant_id=TENANT,
            decided_by="key-analyst",
            supplier=SUPPLIERS[0],
            entry=entry,
            list_version=un_snapshot().version,
            verdict=Verdict.FALSE_POSITIVE,
            note="different company",
            basis="screening:test",
            at=datetime(2025, 3, 1, 12, tzinfo=UTC),
        )
        session.commit()
    monitor(engine)
    rescreen_monitored_lists(engine, un_screener(updated=True))
    changed = [a for a in alerts_of(engine) if a.source_id == "KPe.001"]
    assert [a.changes for a in changed] == [
        [
            "no longer cleared (cleared by key-analyst on 2025-03-01: different company)",
            f"new alias {NEW_ALIAS!r}",
        ]
    ]


def test_alerts_are_queued_for_the_tenants_webhook(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(
            WebhookRow(
                tenant_id=TENANT,
                url="http://127.0.0.1:9/hook",
                secret="s" * 20,
                created_by="key-admin",
                created=datetime.now(UTC),
            )
        )
        session.commit()
    monitor(engine)
    (outcome,) = rescreen_monitored_lists(engine, un_screener(updated=True))
    with Session(engine) as session:
        event = session.get(WebhookEventRow, outcome.event_id)
        assert event is not None
        payload = json.loads(event.body)
    assert payload["type"] == "alerts"
    assert [a["kind"] for a in payload["data"]["alerts"]] == [
        "changed_match",
        "match_gone",
        "new_match",
    ]


def test_each_re_screening_is_in_the_tenants_audit_chain(engine: Engine) -> None:
    monitored_id = monitor(engine)
    rescreen_monitored_lists(engine, un_screener(updated=True))
    with Session(engine) as session:
        records = [r for _, r in list_records(session, [TENANT])]
        assert [(r.action, r.subject, r.details["alerts"]) for r in records] == [
            ("monitoring.rescreen", monitored_id, 3)
        ]
        assert verify_chains(session, [TENANT]).valid
