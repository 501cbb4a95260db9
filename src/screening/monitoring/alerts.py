"""Stored alerts: saving the drafts a re-screening produced and reading them back as JSON."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlmodel import Session, col, select

from screening.monitoring.diff import AlertDraft
from screening.monitoring.tables import AlertRow, MonitoredListRow
from screening.utc import utc_text


def save_alerts(
    session: Session, monitored: MonitoredListRow, drafts: Iterable[AlertDraft], at: datetime
) -> list[AlertRow]:
    rows = [
        AlertRow(
            tenant_id=monitored.tenant_id,
            monitored_list_id=monitored.id,
            kind=draft.kind.value,
            supplier=dict(draft.supplier),
            list_id=draft.list_id,
            source_id=draft.source_id,
            entry_name=draft.entry_name[:500],
            before=draft.before.to_dict() if draft.before else None,
            after=draft.after.to_dict() if draft.after else None,
            changes=list(draft.changes),
            list_versions=draft.list_versions,
            created=at,
        )
        for draft in drafts
    ]
    session.add_all(rows)
    session.flush()
    return rows


def find_alerts(
    session: Session,
    tenant_id: str,
    *,
    after_id: int = 0,
    limit: int = 100,
    kind: str | None = None,
    monitored_list_id: str | None = None,
) -> list[AlertRow]:
    query = (
        select(AlertRow)
        .where(col(AlertRow.tenant_id) == tenant_id)
        .where(col(AlertRow.id) > after_id)
    )
    if kind is not None:
        query = query.where(col(AlertRow.kind) == kind)
    if monitored_list_id is not None:
        query = query.where(col(AlertRow.monitored_list_id) == monitored_list_id)
    return list(session.exec(query.order_by(col(AlertRow.id)).limit(limit)).all())


def _side(state: dict[str, Any] | None) -> dict[str, Any] | None:
    if state is None:
        return None
    return {
        "score": state["score"],
        "level": state["level"],
        "list_version": state["list_version"],
        "entry_names": state["entry"]["names"],
        "programs": state["entry"]["programs"],
        "cleared_by": state.get("cleared_by", ""),
    }


def _entry_url(row: AlertRow) -> str:
    """The entry as the side that has it listed: the new version, or the old one if it is gone."""
    side = row.after or row.before or {}
    path = f"/v1/lists/{quote(row.list_id, safe='')}/entries/{quote(row.source_id, safe='')}"
    version = side.get("list_version", "")
    return f"{path}?version={quote(version, safe='')}" if version else path


def alert_json(row: AlertRow, monitored: MonitoredListRow | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "created": utc_text(row.created),
        "monitored_list": {
            "id": row.monitored_list_id,
            "name": monitored.name if monitored else "",
            "job_id": monitored.job_id if monitored else "",
        },
        "supplier": row.supplier,
        "entry": {
            "list": row.list_id,
            "source_id": row.source_id,
            "name": row.entry_name,
            "entry_url": _entry_url(row),
        },
        "before": _side(row.before),
        "after": _side(row.after),
        "changes": row.changes,
        "list_versions": row.list_versions,
    }
