"""A monitored list that chose some lists is re-screened on those lists only.

The Screeners hold the UN list (updated or not, see list_update_support) and the curated DPRK
labour list, so they take seconds to build.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from list_update_support import LISTS_DIR, SUPPLIERS, engine_with_tenant, un_snapshot
from listfiles import read_bundled
from screening.monitoring.rescreen import rescreen_monitored_lists, start_monitoring
from screening.monitoring.tables import AlertRow, MonitoredListRow
from screening.screener import Screener
from screening.watchlist.snapshot import build_snapshot

TENANT = "acme"


@cache
def screener(updated: bool = False) -> Screener:
    labour = build_snapshot("dprk-labour", read_bundled("dprk-labour"))
    host_risk = (LISTS_DIR / "host-risk.toml").read_bytes()
    return Screener.from_snapshots([un_snapshot(updated), labour], host_risk)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    with engine_with_tenant(database_url, TENANT) as engine:
        yield engine


def monitor(engine: Engine, lists: list[str]) -> str:
    with Session(engine) as session:
        row = start_monitoring(
            session,
            screener().narrowed(lists),
            tenant_id=TENANT,
            created_by="key-analyst",
            suppliers=SUPPLIERS,
            threshold=None,
        )
        session.commit()
        return row.id


def alerts_of(engine: Engine, monitored_id: str) -> list[AlertRow]:
    with Session(engine) as session:
        query = select(AlertRow).where(AlertRow.monitored_list_id == monitored_id)
        return list(session.exec(query).all())


def test_the_monitored_list_keeps_its_lists_and_their_versions(engine: Engine) -> None:
    monitored_id = monitor(engine, ["dprk-labour"])
    with Session(engine) as session:
        row = session.get(MonitoredListRow, monitored_id)
        assert row is not None
        assert row.lists == ["dprk-labour"]
        assert list(row.list_versions) == ["dprk-labour"]


def test_an_update_of_a_list_it_left_out_raises_nothing(engine: Engine) -> None:
    labour_only = monitor(engine, ["dprk-labour"])
    un_only = monitor(engine, ["un-sc"])
    outcomes = rescreen_monitored_lists(engine, screener(updated=True))
    assert [outcome.monitored_list_id for outcome in outcomes] == [un_only]
    assert alerts_of(engine, labour_only) == []
    kinds = sorted(alert.kind for alert in alerts_of(engine, un_only))
    assert kinds == ["changed_match", "match_gone", "new_match"]
    assert {alert.list_id for alert in alerts_of(engine, un_only)} == {"un-sc"}
