"""GET /metrics: Prometheus text, for the operator's scraper (not part of the tenant API).

It carries no tenant's data: counts by route template, list, level and outcome. It answers
without a key, like /healthz, so keep it inside the operator's network (docs/security.md).
"""

from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from screening.jobs.store import job_backlog
from screening.metrics import CONTENT_TYPE, ServiceStateCollector, exposition
from screening.service import ScreeningService

router = APIRouter()
log = logging.getLogger(__name__)


class ServingState:
    """The scrape-time values of one API process: its lists, the jobs, the queue."""

    def __init__(self, request: Request) -> None:
        self._service: ScreeningService = request.app.state.service
        self._executor = getattr(request.app.state, "job_executor", None)
        self._backlog = job_backlog(self._service.engine)

    def list_publication_dates(self) -> dict[str, date | None]:
        serving = self._service.readiness()
        if not serving.ready:
            return {}
        return {v.list_id: v.published for v in self._service.screener.list_versions()}

    def jobs_by_status(self) -> dict[str, int]:
        return self._backlog.jobs

    def chunks_waiting(self) -> int:
        return self._backlog.chunks_waiting

    def queue_messages(self) -> int | None:
        length = getattr(self._executor, "queue_length", None)
        if length is None:
            return None
        try:
            return int(length())
        except Exception as error:  # the broker is away: the other values still count
            log.warning("metrics: the queue's length cannot be read: %s", type(error).__name__)
            return None


def _render(request: Request) -> bytes:
    return exposition(ServiceStateCollector(ServingState(request)))


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    body = await run_in_threadpool(_render, request)
    return Response(body, media_type=CONTENT_TYPE)
