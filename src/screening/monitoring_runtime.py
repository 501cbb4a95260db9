"""The monitoring threads of a serving process, and the re-screen a CLI import runs itself.

In the API process the screening service tells the runner whenever it starts serving new lists
(an import through the API, one seen from another process, or the first load after a restart),
and the webhook dispatcher sends what the re-screenings queued. A `screening lists import` from
a terminal re-screens before it exits, so alerts do not wait for a server to notice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.egress import EgressPolicy
from screening.monitoring.rescreen import (
    MonitoringRunner,
    RescreenOutcome,
    has_monitored_lists,
    rescreen_monitored_lists,
)
from screening.monitoring.webhooks import RetryPolicy, WebhookDispatcher
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.snapshots import load_active_snapshots
from screening.watchlist.registry import HOST_RISK_FILE, LIST_IDS


@dataclass(frozen=True, slots=True)
class MonitoringServices:
    service: ScreeningService
    runner: MonitoringRunner
    dispatcher: WebhookDispatcher

    def stop(self) -> None:
        if self.runner.lists_changed in self.service.on_lists_changed:
            self.service.on_lists_changed.remove(self.runner.lists_changed)
        self.runner.stop()
        self.dispatcher.stop()


def start_monitoring_services(
    service: ScreeningService, egress: EgressPolicy, policy: RetryPolicy | None = None
) -> MonitoringServices:
    """Call before `service.start()`, so the first load also catches up on missed imports.
    `egress` says which non-public webhook destinations the operator allows."""
    runner = MonitoringRunner(service.engine)
    service.on_lists_changed.append(runner.lists_changed)
    dispatcher = WebhookDispatcher(service.engine, policy, egress=egress)
    dispatcher.start()
    return MonitoringServices(service, runner, dispatcher)


def rescreen_after_import(
    engine: Engine, lists_dir: Path, served: Collection[str] = ()
) -> list[RescreenOutcome]:
    """Re-screen every monitored list on the lists now active (blocking; for the CLI); of the
    lists `served` only, when given (the deployment's SCREENING_LISTS).

    Builds a Screener only when some list is monitored: most imports have nothing to do here.
    """
    if not has_monitored_lists(engine):
        return []
    snapshots = sorted(
        (s for s in load_active_snapshots(engine).values() if not served or s.list_id in served),
        key=lambda s: LIST_IDS.index(s.list_id) if s.list_id in LIST_IDS else len(LIST_IDS),
    )
    screener = Screener.from_snapshots(snapshots, (lists_dir / HOST_RISK_FILE).read_bytes())
    return rescreen_monitored_lists(engine, screener)
