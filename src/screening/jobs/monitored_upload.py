"""An upload sent with monitor=true: once its job is done, its suppliers are kept under watch,
starting from the job's own results. Here, in jobs, because it reads the job's rows; monitoring
itself knows nothing of jobs."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.audit.log import SystemActor, append_audit
from screening.decisions.in_screening import SnapshotEntries, decisions_for_suppliers
from screening.decisions.store import decisions_in_force
from screening.jobs.store import all_rows_with_results
from screening.jobs.tables import JobRow
from screening.monitoring.diff import MatchState
from screening.monitoring.rescreen import (
    ACTIVE,
    MONITOR_ACTOR_ROLE,
    PENDING,
    poke_monitoring,
    set_baseline,
)
from screening.monitoring.states import supplier_states, versions_map
from screening.monitoring.tables import MonitoredListRow
from screening.screener import Screener
from screening.tenant_lists.screening import job_screener

log = logging.getLogger(__name__)


def monitor_finished_job(engine: Engine, job_id: str, screener: Screener) -> str | None:
    """If the job's upload asked to be monitored, keep its suppliers with the job's results as
    the starting point (no second screening); returns the monitored list's id.

    Never raises: the job is done whatever happens here, and the list stays `pending` (shown
    in GET /v1/monitored-lists) if it cannot be set up.
    """
    try:
        return _monitor_finished_job(engine, job_id, screener)
    except Exception:
        log.exception("job %s: keeping its suppliers under watch failed", job_id)
        return None


def _monitor_finished_job(engine: Engine, job_id: str, screener: Screener) -> str | None:
    with Session(engine) as session:
        row = session.exec(
            select(MonitoredListRow)
            .where(col(MonitoredListRow.job_id) == job_id)
            .where(col(MonitoredListRow.status) == PENDING)
        ).first()
        if row is None:
            return None
        screened = [
            (stored.supplier, result)
            for stored, result in all_rows_with_results(engine, job_id)
            if stored.supplier is not None and result is not None
        ]
        suppliers = [supplier for supplier, _ in screened]
        job = session.get(JobRow, job_id)
        if job is not None:  # the tenant's own lists the job screened against
            screener = job_screener(engine, screener, row.tenant_id, job.list_versions or [])
        latest = decisions_in_force(session, row.tenant_id, suppliers)
        entries = SnapshotEntries(screener.snapshots)
        decisions = decisions_for_suppliers(suppliers, latest, entries)
        lists = job.lists if job is not None else None
        versions = versions_map(screener.narrowed(lists).list_versions())
        states: list[MatchState] = []
        for index, ((supplier, result), supplier_decisions) in enumerate(
            zip(screened, decisions, strict=True)
        ):
            states += supplier_states(
                supplier, index, result.matches, supplier_decisions, versions, entries
            )
        row.threshold = job.threshold if job is not None else None
        row.lists = lists  # re-screened on the lists its upload chose
        set_baseline(row, suppliers, states, versions)
        row.status = ACTIVE
        session.add(row)
        append_audit(
            session,
            SystemActor(row.tenant_id, "system", MONITOR_ACTOR_ROLE),
            "monitoring.start",
            row.id,
            {"job_id": job_id, "suppliers": len(suppliers), "list_versions": versions},
        )
        session.commit()
        monitored_id = row.id
    poke_monitoring()
    return monitored_id
