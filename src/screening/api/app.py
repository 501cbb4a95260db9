"""The FastAPI application: settings, database, screening service, routers and error handlers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine

from screening import __version__
from screening.api.background import ALONE, ServerRole, SignalWatch
from screening.api.body_limit import BodyLimit
from screening.api.contract import install_error_contract
from screening.api.deps import (
    analyst_to_check,
    require_admin,
    require_analyst,
    require_operator,
)
from screening.api.errors import install_error_handlers
from screening.api.observability import install_request_edge
from screening.api.ratelimit import RateLimits, storage_uri
from screening.api.routes import ROUTERS
from screening.api.routes.audit import require_audit_reader
from screening.api.routes.lists import MAX_LIST_UPLOAD_BYTES
from screening.api.routes.screen import (
    MAX_SCREEN_BODY_BYTES,
    screen_threads,
    screening_committer,
)
from screening.config import Settings, load_settings
from screening.egress import EgressPolicy
from screening.index_files import IndexFiles
from screening.monitoring_runtime import start_monitoring_services
from screening.process_locks import exclusively
from screening.process_signals import LeaderSignals
from screening.retention import RetentionSweeper
from screening.service import ScreeningService
from screening.sources.update import ListUpdater, UpdateConfig
from screening.store.db import make_engine, migrate, open_session
from screening.store.generations import GenerationCache
from screening.store.tenants import ensure_admin_key, ensure_default_tenant
from screening.watchlist.registry import check_lists_setting

log = logging.getLogger(__name__)

# A supplier sheet's upload carries the file plus its form fields and multipart boundaries.
MULTIPART_ALLOWANCE_BYTES = 64 * 1024
# The dependencies that refuse a valid key for its role: the contract documents a 403 for them.
ROLE_CHECKS = (
    require_analyst,
    analyst_to_check,
    require_admin,
    require_operator,
    require_audit_reader,
)

DESCRIPTION = """\
Screens suppliers and contractors against official sanctions lists (OFAC SDN and consolidated,
UN Security Council, UK OFSI), fetched from their publishers and kept fresh, and a curated
list of entities tied to North Korean (DPRK) overseas forced labour, across spellings, Korean
romanisations, scripts and legal forms, and scores each supplier's risk with reasons a reviewer
can check.

**Authentication.** Send your API key in the `X-API-Key` header (or `Authorization: Bearer`,
or `Authorization: ApiKey` as the OpenSanctions API takes it).
Roles: *analyst* keys screen, upload and decide; *auditor* keys read and download; *admin* keys
manage their tenant's keys. Every tenant sees only its own data.

**Errors** are JSON: `{"error": {"code", "message", "details"}}`; a 422 names the field.
"""

TAGS = [
    {
        "name": "screening",
        "description": "Screen suppliers against every loaded list, or some of them; "
        "POST /match/{dataset} answers as yente and the OpenSanctions API do.",
    },
    {"name": "screenings", "description": "Stored screenings, read back for audit."},
    {"name": "lists", "description": "The lists, their versions and whole entries."},
    {"name": "admin", "description": "Tenants, API keys, list updates and imports."},
    {"name": "decisions", "description": "True match / false positive decisions on matches."},
    {"name": "monitoring", "description": "Monitored supplier lists, alerts and the webhook."},
    {"name": "audit", "description": "The tamper-evident audit log and job reruns."},
    {"name": "health", "description": "Liveness and readiness."},
]


def prepare_database(engine: Engine, settings: Settings) -> None:
    """Schema up to date, the `default` tenant present, the bootstrap admin key registered
    (by one process at a time: the processes of one server start together)."""
    with exclusively(settings.data_dir / "server" / "prepare.lock"):
        migrate(engine)
        with open_session(engine) as session:
            ensure_default_tenant(session)
            admin_key = settings.admin_key.get_secret_value()
            if admin_key:
                ensure_admin_key(session, admin_key)


def make_service(settings: Settings, role: ServerRole = ALONE) -> ScreeningService:
    """The screening service of a serving process: screens from the data directory's index
    file; the leader of several processes looks for lists imported by the others every
    second, a follower serves what the leader published."""
    engine = make_engine(settings.database_url)
    refresh = settings.list_refresh_seconds
    if role.signals is not None and refresh > 0:  # a follower's import waits for the leader
        refresh = min(refresh, 1.0)
    return ScreeningService(
        engine,
        settings.lists_dir,
        refresh_seconds=refresh,
        lists=settings.screening_lists,
        updater=ListUpdater(engine, UpdateConfig.of(settings)),
        index_files=IndexFiles(settings.data_dir / "index"),
        follows=None if role.leads else role.signals,
    )


def create_app(
    settings: Settings | None = None,
    *,
    service: ScreeningService | None = None,
    role: ServerRole = ALONE,
) -> FastAPI:
    """The app. `service` lets a caller share one already loaded (tests, benchmarks). `role`:
    this process's part in a server of several (see screening.api.background)."""
    settings = settings or load_settings()
    check_lists_setting(settings.screening_lists)  # a typo must not silently screen nothing
    owns_service = service is None
    if service is None:
        service = make_service(settings, role)
    engine = service.engine

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(prepare_database, engine, settings)
        background: list[Callable[[], None]] = []  # what stops with the app, last first
        if role.leads:
            # Before start: catches up on imports missed while stopped.
            app.state.monitoring = start_monitoring_services(service, app.state.webhook_egress)
            background.append(app.state.monitoring.stop)
            retention = RetentionSweeper(engine, settings.data_dir, settings.retention_days)
            retention.start()
            background.append(retention.stop)
        if role.leads and role.signals is not None:
            watch = SignalWatch(
                role.signals,
                {
                    LeaderSignals.JOBS: lambda: app.state.job_executor.sweep(),
                    LeaderSignals.TENANT_LISTS: service.tenant_lists_changed,
                },
            )
            watch.start()
            background.append(watch.stop)
        service.start()
        try:
            yield
        finally:
            for stop in reversed(background):
                stop()
            app.state.group_commit.stop()
            if owns_service:
                service.stop()
                engine.dispose()

    app = FastAPI(
        title="screening",
        version=__version__,
        summary="Supply-chain screening against sanctions lists and DPRK overseas-labour entities.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.service = service
    app.state.role = role
    app.state.group_commit = screening_committer(engine)
    app.state.screen_threads = screen_threads()
    app.state.kept_reads = GenerationCache()
    app.state.rate_limits = RateLimits(
        settings.rate_limit_per_minute,
        settings.supplier_rate_limit_per_minute,
        storage=storage_uri(settings.broker_url, settings.rate_limit_storage),
        namespace=settings.queue_prefix,
    )
    app.state.webhook_egress = EgressPolicy.parse(settings.webhook_allow)
    install_error_handlers(app)
    body_limits = [
        BodyLimit("POST", "/v1/screen", MAX_SCREEN_BODY_BYTES),
        BodyLimit("POST", "/match/", MAX_SCREEN_BODY_BYTES),
        BodyLimit("POST", "/v1/admin/lists/", MAX_LIST_UPLOAD_BYTES),
        # Refused while it streams in, before the multipart parser spools it to disk.
        BodyLimit("POST", "/v1/uploads", settings.max_upload_bytes + MULTIPART_ALLOWANCE_BYTES),
    ]
    install_request_edge(app, body_limits)
    for router in ROUTERS:
        app.include_router(router)
    install_error_contract(app, ROUTERS, role_checks=ROLE_CHECKS, body_limits=body_limits)
    return app
