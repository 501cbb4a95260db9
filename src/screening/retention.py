"""Tenant data retention: what the service deletes when it is older than the operator keeps it,
and everything of one tenant when the operator is asked to.

Retention (SCREENING_RETENTION_DAYS) deletes finished upload jobs (the uploaded file, its rows,
its results and its report files) and stored screenings older than that many days. Deleting a
tenant's data deletes all of them whatever their age, and the tenant's decisions, monitored
lists, alerts and webhook with its deliveries; the tenant and its keys stay. The audit log is
never touched: its records hold counts and digests, not supplier data, so its hash chains stay
whole, and each deletion adds a record saying what was deleted, when and by whom.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from screening.audit.log import Actor, SystemActor, append_audit
from screening.decisions.tables import DecisionRow
from screening.jobs.store import JobStatus
from screening.jobs.tables import JobChunkResultRow, JobChunkRow, JobFileRow, JobRow
from screening.monitoring.tables import (
    AlertRow,
    MonitoredListRow,
    WebhookAttemptRow,
    WebhookEventRow,
    WebhookRow,
)
from screening.store.db import open_session
from screening.store.tables import ScreeningRow
from screening.tenant_lists.tables import TenantListRow, TenantListVersionRow

log = logging.getLogger(__name__)

REPORTS_FOLDER = "reports"
SWEEP_SECONDS = 3600.0
_FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class JobsStillRunningError(RuntimeError):
    """The tenant has jobs a worker may be screening: deleting under it would fail them midway."""

    def __init__(self, tenant_id: str, running: int) -> None:
        super().__init__(
            f"tenant {tenant_id!r} has {running} upload job(s) not finished; "
            "delete its data once they are done"
        )
        self.running = running


@dataclass
class Deleted:
    """What one deletion removed, by kind; the audit record's details."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, count: int) -> None:
        if count:
            self.counts[kind] = self.counts.get(kind, 0) + count

    @property
    def anything(self) -> bool:
        return bool(self.counts)


# What a tenant's data is, table by table, in the order it can be deleted (by the name a
# report of the deletion gives it).
_TENANT_TABLES: tuple[tuple[str, Any], ...] = (
    ("screenings", ScreeningRow),
    ("decisions", DecisionRow),
    ("alerts", AlertRow),
    ("monitored_lists", MonitoredListRow),
    ("webhook_events", WebhookEventRow),
    ("webhooks", WebhookRow),
    ("tenant_list_versions", TenantListVersionRow),
    ("tenant_lists", TenantListRow),
)


def delete_tenant_data(engine: Engine, data_dir: Path, tenant_id: str, actor: Actor) -> Deleted:
    """Delete every upload, job, report, screening, decision, monitored list, alert, webhook and
    own list of the tenant, and record it in the tenant's audit chain (by `actor`, who asked)."""
    with open_session(engine) as session:
        running = session.exec(
            select(func.count())
            .select_from(JobRow)
            .where(col(JobRow.tenant_id) == tenant_id, col(JobRow.status).in_(JobStatus.UNFINISHED))
        ).one()
        if running:
            raise JobsStillRunningError(tenant_id, int(running))
        job_ids = list(
            session.exec(select(JobRow.id).where(col(JobRow.tenant_id) == tenant_id)).all()
        )
        deleted = Deleted()
        _delete_jobs(session, job_ids, deleted)
        # A webhook's attempts go before its events; each table keyed by tenant then goes whole.
        event_ids = list(
            session.exec(
                select(WebhookEventRow.id).where(col(WebhookEventRow.tenant_id) == tenant_id)
            ).all()
        )
        if event_ids:
            _delete_where(
                session, WebhookAttemptRow, col(WebhookAttemptRow.event_id).in_(event_ids)
            )
        for name, table in _TENANT_TABLES:
            deleted.add(name, _delete_where(session, table, col(table.tenant_id) == tenant_id))
        append_audit(
            session,
            actor,
            "tenant.data_delete",
            tenant_id,
            dict(deleted.counts),
            tenant_id=tenant_id,
        )
    deleted.add("report_files", _remove_reports(data_dir, job_ids))
    return deleted


def delete_expired(
    engine: Engine, data_dir: Path, days: int, now: datetime | None = None
) -> dict[str, Deleted]:
    """Delete finished jobs and screenings created more than `days` days ago, tenant by tenant,
    each deletion recorded in its tenant's audit chain by the system. Returns what went."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    outcome: dict[str, Deleted] = {}
    with Session(engine) as session:
        expired_jobs = session.exec(
            select(JobRow.tenant_id, JobRow.id).where(
                col(JobRow.status).in_(_FINISHED), col(JobRow.created_at) < cutoff
            )
        ).all()
        expired_screenings = session.exec(
            select(ScreeningRow.tenant_id).where(col(ScreeningRow.created) < cutoff).distinct()
        ).all()
    jobs_by_tenant: dict[str, list[str]] = {}
    for tenant_id, job_id in expired_jobs:
        jobs_by_tenant.setdefault(tenant_id, []).append(job_id)
    for tenant_id in sorted(set(jobs_by_tenant) | set(expired_screenings)):
        job_ids = jobs_by_tenant.get(tenant_id, [])
        deleted = Deleted()
        with open_session(engine) as session:
            _delete_jobs(session, job_ids, deleted)
            deleted.add(
                "screenings",
                _delete_where(
                    session,
                    ScreeningRow,
                    col(ScreeningRow.tenant_id) == tenant_id,
                    col(ScreeningRow.created) < cutoff,
                ),
            )
            if deleted.anything:
                details = {**deleted.counts, "older_than_days": days}
                append_audit(
                    session,
                    SystemActor(tenant_id, "system", "system"),
                    "retention.delete",
                    tenant_id,
                    details,
                )
        deleted.add("report_files", _remove_reports(data_dir, job_ids))
        if deleted.anything:
            outcome[tenant_id] = deleted
    return outcome


def _delete_jobs(session: Session, job_ids: Sequence[str], deleted: Deleted) -> None:
    if not job_ids:
        return
    in_jobs = list(job_ids)
    for table in (JobChunkResultRow, JobChunkRow, JobFileRow):
        _delete_where(session, table, col(table.job_id).in_(in_jobs))
    deleted.add("uploads", _delete_where(session, JobRow, col(JobRow.id).in_(in_jobs)))


def _delete_where(session: Session, table: type, *conditions: ColumnElement[bool]) -> int:
    result = session.exec(delete(table).where(*conditions))
    return int(result.rowcount or 0)


def _remove_reports(data_dir: Path, job_ids: Sequence[str]) -> int:
    """The report files made for these jobs (one per format asked for)."""
    folder = data_dir / REPORTS_FOLDER
    removed = 0
    for job_id in job_ids:
        for path in folder.glob(f"{job_id}.*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


class RetentionSweeper:
    """Deletes what is past retention on start and then every `sweep_seconds`."""

    def __init__(
        self, engine: Engine, data_dir: Path, days: int, *, sweep_seconds: float = SWEEP_SECONDS
    ) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.days = days
        self.sweep_seconds = sweep_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.days <= 0 or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while True:
            try:
                for tenant_id, deleted in delete_expired(
                    self.engine, self.data_dir, self.days
                ).items():
                    log.info("retention: tenant %s: deleted %s", tenant_id, deleted.counts)
            except Exception:  # the database away: try again next round
                log.exception("retention sweep failed")
            if self._stop.wait(self.sweep_seconds):
                return
