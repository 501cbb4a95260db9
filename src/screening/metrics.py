"""The service's Prometheus metrics (prometheus-client), counted wherever the work happens.

Counters and histograms live in this module and are bumped by the code that does the work: the
API's middleware and routes, the job steps (in the server, its worker processes or a queue
worker), the webhook dispatcher. With several processes (uvicorn workers, the job worker pool),
PROMETHEUS_MULTIPROC_DIR names a directory they share: each process writes its own values there
and GET /metrics adds them up (prometheus-client's multiprocess mode). The library reads that
variable when it is first imported, so `screening serve` sets it before importing the app.
Values that are a state rather than a count (jobs waiting, a list's age) are read when scraped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Protocol

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from screening.metrics_dir import MULTIPROCESS_DIR_VARIABLE
from screening.utc import as_utc

CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUEST_SECONDS = Histogram(
    "screening_http_request_duration_seconds",
    "Time to answer an API request, by route template (never the path with its ids).",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
SCREENINGS = Counter(
    "screening_screenings",
    "Screenings run: POST /v1/screen requests (source=api) and finished upload jobs (job).",
    ["source"],
)
SUPPLIERS_SCREENED = Counter(
    "screening_suppliers_screened",
    "Suppliers screened, by source (api, job); rate() of source=job is job rows per second.",
    ["source"],
)
MATCHES = Counter(
    "screening_matches",
    "Matches found at or above the threshold, by the risk level each match carries.",
    ["level"],
)
JOB_ROWS_PER_SECOND = Histogram(
    "screening_job_rows_per_second",
    "Each finished upload job's rows screened per second, from its start to its end.",
    buckets=(10, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000),
)
WEBHOOK_DELIVERIES = Counter(
    "screening_webhook_deliveries",
    "Webhook delivery attempts by outcome: delivered, http_error, connection_refused, "
    "timeout, host_not_found, address_refused, tls_error, connection_error, removed.",
    ["outcome"],
)
RATE_LIMITED = Counter(
    "screening_rate_limited_requests",
    "Requests refused with 429, by the budget they exceeded (requests, suppliers).",
    ["budget"],
)


def count_screened(source: str, match_levels: Iterable[Sequence[str]]) -> None:
    """Suppliers screened from `source`, each given as the levels of its matches."""
    suppliers = 0
    per_level: dict[str, int] = {}
    for levels in match_levels:
        suppliers += 1
        for level in levels:
            per_level[level] = per_level.get(level, 0) + 1
    if suppliers:
        SUPPLIERS_SCREENED.labels(source).inc(suppliers)
    for level, count in per_level.items():
        MATCHES.labels(level).inc(count)


def count_screening(source: str) -> None:
    SCREENINGS.labels(source).inc()


def record_job_finished(rows: int, started: datetime | None, finished: datetime) -> None:
    count_screening("job")
    if started is None or rows <= 0:
        return
    seconds = (finished - as_utc(started)).total_seconds()
    if seconds > 0:
        JOB_ROWS_PER_SECOND.observe(rows / seconds)


def record_delivery(outcome: str) -> None:
    WEBHOOK_DELIVERIES.labels(outcome).inc()


def record_rate_limited(budget: str) -> None:
    RATE_LIMITED.labels(budget).inc()


# -- values read when scraped ---------------------------------------------------------------------


class StateSource(Protocol):
    """What the scrape asks of the running service (screening.api.metrics_route provides it)."""

    def list_publication_dates(self) -> dict[str, date | None]: ...

    def jobs_by_status(self) -> dict[str, int]: ...

    def chunks_waiting(self) -> int: ...

    def queue_messages(self) -> int | None: ...


class ServiceStateCollector(Collector):
    """List ages, jobs waiting and the queue's depth, read from the service on each scrape."""

    def __init__(self, source: StateSource) -> None:
        self._source = source

    def collect(self) -> Iterator[Metric]:
        now = datetime.now(UTC)
        ages = GaugeMetricFamily(
            "screening_list_age_seconds",
            "Seconds since the serving version of each list was published by its publisher.",
            labels=["list"],
        )
        for list_id, published in sorted(self._source.list_publication_dates().items()):
            if published is not None:
                start = datetime(published.year, published.month, published.day, tzinfo=UTC)
                ages.add_metric([list_id], (now - start).total_seconds())
        yield ages
        jobs = GaugeMetricFamily(
            "screening_jobs", "Upload jobs not finished, by status.", labels=["status"]
        )
        for status, count in sorted(self._source.jobs_by_status().items()):
            jobs.add_metric([status], count)
        yield jobs
        yield GaugeMetricFamily(
            "screening_queue_depth",
            "Chunks of running upload jobs still waiting to be screened.",
            value=self._source.chunks_waiting(),
        )
        messages = self._source.queue_messages()
        if messages is not None:
            yield GaugeMetricFamily(
                "screening_queue_messages",
                "Messages waiting in the broker's queue (SCREENING_BROKER_URL set).",
                value=messages,
            )


def is_multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROCESS_DIR_VARIABLE))


def multiprocess_registry() -> CollectorRegistry:
    """A registry of what every process writing to PROMETHEUS_MULTIPROC_DIR counted."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry


def exposition(state: Collector) -> bytes:
    """The text a Prometheus scrape receives: every process's counters, and `state`."""
    if is_multiprocess():
        registry = multiprocess_registry()
        registry.register(state)
        return generate_latest(registry)
    own = CollectorRegistry()
    own.register(state)
    return generate_latest(REGISTRY) + generate_latest(own)
