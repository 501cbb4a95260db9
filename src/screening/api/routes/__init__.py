"""One router per resource; the app includes every router in ROUTERS, in this order."""

from __future__ import annotations

from fastapi import APIRouter

from screening.api.routes import (
    admin,
    alerts,
    audit,
    decisions,
    health,
    jobs,
    lists,
    match,
    me,
    metrics,
    screen,
    screenings,
    tenant_lists,
    uploads,
    webhooks,
)
from screening.web import routes as web_page

ROUTERS: list[APIRouter] = [
    health.router,
    me.router,
    metrics.router,
    screen.router,
    match.router,
    screenings.router,
    uploads.router,
    jobs.router,
    lists.router,
    tenant_lists.router,
    admin.router,
    decisions.router,
    alerts.router,
    webhooks.router,
    audit.router,
    web_page.router,  # GET / and /static/*: the analyst page, no key needed
]
