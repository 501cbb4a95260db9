"""Keeping supplier lists under watch and re-screening them all when the lists change.

Each monitored list remembers the matches of its last screening and the list versions it ran on.
When the serving lists change (an import here, or one seen from another process), every monitored
list screened on other versions is screened again, the difference becomes alerts, and the tenant's
webhook is told. The last step is a compare-and-set on the versions fingerprint, so two processes
seeing the same import never both raise the alerts.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from screening.audit.log import SystemActor, append_audit
from screening.decisions.evidence import supplier_from_json
from screening.decisions.in_screening import (
    SnapshotEntries,
    screen_for_tenant,
)
from screening.monitoring.alerts import alert_json, save_alerts
from screening.monitoring.diff import MatchState, diff_states
from screening.monitoring.states import (
    match_states,
    versions_fingerprint,
    versions_map,
)
from screening.monitoring.tables import MonitoredListRow
from screening.monitoring.webhooks import queue_event, wake_dispatchers
from screening.screener import Screener
from screening.supplier import Supplier
from screening.tenant_lists.screening import tenant_screener
from screening.tenant_lists.store import tenants_with_lists
from screening.utc import utc_now

log = logging.getLogger(__name__)

MONITOR_ACTOR_ROLE = "system"
PENDING, ACTIVE, STOPPED = "pending", "active", "stopped"


def screen_states(
    session: Session,
    screener: Screener,
    tenant_id: str,
    suppliers: Sequence[Supplier],
    threshold: float | None,
) -> tuple[list[MatchState], dict[str, str]]:
    """Screen with the tenant's decisions; the match states and the list versions used."""
    results, decisions = screen_for_tenant(session, screener, tenant_id, suppliers, threshold)
    versions = versions_map(screener.list_versions())
    entries = SnapshotEntries(screener.snapshots)
    return match_states(results, decisions, versions, entries), versions


def start_monitoring(
    session: Session,
    screener: Screener,
    *,
    tenant_id: str,
    created_by: str,
    suppliers: Sequence[Supplier],
    threshold: float | None,
    name: str = "",
    job_id: str = "",
) -> MonitoredListRow:
    """Keep `suppliers` under watch, starting from a screening on `screener`'s lists.

    The caller commits. Decisions in force apply, so pairs already cleared do not alert later.
    """
    states, versions = screen_states(session, screener, tenant_id, suppliers, threshold)
    row = _new_monitored_row(tenant_id, created_by, job_id, name, ACTIVE, threshold)
    row.lists = sorted(screener.lists) if screener.lists is not None else None
    set_baseline(row, suppliers, states, versions)
    session.add(row)
    session.flush()
    return row


def new_monitored_id() -> str:
    return "mon_" + secrets.token_hex(10)


def _new_monitored_row(
    tenant_id: str, created_by: str, job_id: str, name: str, status: str, threshold: float | None
) -> MonitoredListRow:
    """A monitored list with no baseline yet."""
    return MonitoredListRow(
        id=new_monitored_id(),
        tenant_id=tenant_id,
        job_id=job_id,
        name=name,
        created_by=created_by,
        created=utc_now(),
        status=status,
        threshold=threshold,
        suppliers=[],
        states=[],
        list_versions={},
        lists_sha256="",
        screened=utc_now(),
    )


def set_baseline(
    row: MonitoredListRow,
    suppliers: Sequence[Supplier],
    states: Sequence[MatchState],
    versions: dict[str, str],
) -> None:
    row.suppliers = [asdict(supplier) for supplier in suppliers]
    row.states = [state.to_dict() for state in states]
    row.list_versions = versions
    row.lists_sha256 = versions_fingerprint(versions)
    row.screened = utc_now()


def request_monitoring(
    session: Session, *, tenant_id: str, created_by: str, job_id: str, name: str
) -> MonitoredListRow:
    """An upload sent with monitor=true: kept under watch once its job is done (caller commits)."""
    row = _new_monitored_row(tenant_id, created_by, job_id, name, PENDING, None)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True, slots=True)
class RescreenOutcome:
    monitored_list_id: str
    tenant_id: str
    alerts: int
    event_id: str | None  # the webhook event queued, if the tenant has a webhook


def has_monitored_lists(engine: Engine) -> bool:
    with Session(engine) as session:
        first = session.exec(
            select(MonitoredListRow.id).where(col(MonitoredListRow.status) == ACTIVE).limit(1)
        ).first()
    return first is not None


def rescreen_monitored_lists(engine: Engine, screener: Screener) -> list[RescreenOutcome]:
    """Re-screen every active monitored list of every tenant not yet screened on these lists."""
    versions = versions_map(screener.list_versions())
    fingerprint = versions_fingerprint(versions)
    with Session(engine) as session:
        # a list whose upload chose some lists has their fingerprint, so it is always among
        # these: rescreen_one tells whether its own lists changed; so does the list of a
        # tenant that keeps lists of its own (its fingerprint counts them too)
        due = session.exec(
            select(MonitoredListRow.id)
            .where(col(MonitoredListRow.status) == ACTIVE)
            .where(
                (col(MonitoredListRow.lists_sha256) != fingerprint)
                | col(MonitoredListRow.tenant_id).in_(tenants_with_lists())
            )
            .order_by(col(MonitoredListRow.created))
        ).all()
    outcomes = []
    for monitored_id in due:
        try:
            outcome = rescreen_one(engine, screener, monitored_id)
        except Exception:  # one damaged list must not stop the others from being watched
            log.exception("re-screening monitored list %s failed", monitored_id)
            continue
        if outcome is not None:
            outcomes.append(outcome)
    if any(outcome.event_id for outcome in outcomes):
        wake_dispatchers()
    return outcomes


def rescreen_one(engine: Engine, screener: Screener, monitored_id: str) -> RescreenOutcome | None:
    """Screen one monitored list on `screener`'s lists (those its upload chose); None if already
    done (here or elsewhere)."""
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(MonitoredListRow, monitored_id)
        if row is None:
            return None
        # with the tenant's own lists as they are now: a new version of one re-screens too
        screener = tenant_screener(engine, screener, row.tenant_id).narrowed(row.lists)
        versions = versions_map(screener.list_versions())
        fingerprint = versions_fingerprint(versions)
        if row.status != ACTIVE or row.lists_sha256 == fingerprint:
            return None
        seen_fingerprint = row.lists_sha256
        suppliers = [supplier_from_json(item) for item in row.suppliers]
        after, _versions = screen_states(session, screener, row.tenant_id, suppliers, row.threshold)
        session.expunge(row)  # keep its loaded values through the rollback
        session.rollback()  # end the read (SQLite's snapshot) before the short write below
        before = [MatchState.from_dict(item) for item in row.states]
        drafts = diff_states(before, after)
        claimed = session.exec(
            update(MonitoredListRow)
            .where(col(MonitoredListRow.id) == monitored_id)
            .where(col(MonitoredListRow.lists_sha256) == seen_fingerprint)
            .where(col(MonitoredListRow.status) == ACTIVE)
            .values(
                lists_sha256=fingerprint,
                states=[state.to_dict() for state in after],
                list_versions=versions,
                screened=utc_now(),
            )
        )
        if claimed.rowcount != 1:
            session.rollback()
            return None
        now = utc_now()
        alerts = save_alerts(session, row, drafts, now)
        event_id = None
        if alerts:
            event_id = queue_event(
                session,
                row.tenant_id,
                "alerts",
                {
                    "monitored_list": {"id": row.id, "name": row.name, "job_id": row.job_id},
                    "list_versions": {"before": row.list_versions, "after": versions},
                    "alerts": [alert_json(alert, row) for alert in alerts],
                },
            )
        append_audit(
            session,
            SystemActor(row.tenant_id, "system", MONITOR_ACTOR_ROLE),
            "monitoring.rescreen",
            row.id,
            {
                "suppliers": len(suppliers),
                "alerts": len(alerts),
                "list_versions": versions,
                "previous_list_versions": row.list_versions,
                "engine_version": screener.engine_version,
            },
        )
        session.commit()
    log.info("monitored list %s re-screened: %d alerts", monitored_id, len(alerts))
    return RescreenOutcome(monitored_id, row.tenant_id, len(alerts), event_id)


_RUNNERS: set[MonitoringRunner] = set()
_RUNNERS_LOCK = threading.Lock()


def poke_monitoring() -> None:
    """A list joined monitoring after its job: have this process's runners look again."""
    with _RUNNERS_LOCK:
        runners = list(_RUNNERS)
    for runner in runners:
        runner.look_again()


class MonitoringRunner:
    """Runs re-screenings on a background thread, one at a time, for the newest lists given."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._latest: Screener | None = None
        self._pending: Screener | None = None
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)
        self._busy = False
        self._thread: threading.Thread | None = None
        self._stopping = False

    def lists_changed(self, screener: Screener) -> None:
        """Called whenever a new set of lists starts serving; returns at once."""
        with self._work:
            self._latest = screener
            self._pending = screener  # a newer set replaces one not yet started
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="monitoring", daemon=True)
                self._thread.start()
                with _RUNNERS_LOCK:
                    _RUNNERS.add(self)
            self._work.notify_all()

    def look_again(self) -> None:
        """Re-screen what is behind the lists served now (a list whose job ran on older ones)."""
        with self._work:
            if self._latest is not None and self._thread is not None:
                self._pending = self._latest
                self._work.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        with self._work:
            return self._work.wait_for(
                lambda: self._pending is None and not self._busy, timeout=timeout
            )

    def stop(self) -> None:
        with _RUNNERS_LOCK:
            _RUNNERS.discard(self)
        with self._work:
            self._stopping = True
            self._work.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            with self._work:
                self._work.wait_for(lambda: self._pending is not None or self._stopping)
                if self._stopping:
                    return
                screener, self._pending, self._busy = self._pending, None, True
            try:
                assert screener is not None
                rescreen_monitored_lists(self.engine, screener)
            except Exception:  # keep watching after a failed round; the next import retries
                log.exception("re-screening monitored lists failed")
            finally:
                with self._work:
                    self._busy = False
                    self._work.notify_all()
