"""Each list's freshness as the API's JSON: GET /v1/lists, /readyz and the update endpoint."""

from __future__ import annotations

from typing import Any

from screening.sources.status import ListStatus
from screening.tenant_lists.store import TenantListInfo
from screening.watchlist.registry import UnknownListError, list_source


def freshness_json(status: ListStatus) -> dict[str, Any]:
    about: dict[str, Any] = {"name": status.list_id, "publisher": "", "max_age_hours": 0}
    about |= {"licence": "", "attribution": ""}
    try:
        source = list_source(status.list_id)
        about = {
            "name": source.name,
            "publisher": source.publisher,
            "max_age_hours": source.max_age.total_seconds() / 3600,
            "licence": source.licence,
            "attribution": source.attribution,
        }
    except UnknownListError:  # a list stored under an older catalogue
        pass
    return {
        "list": status.list_id,
        **about,
        "status": status.status.value,
        "status_detail": status.status_detail,
        "source": status.source,
        "format": status.format_id,
        "fetched_at": status.fetched_at,
        "checked_at": status.checked_at,
        "warnings": list(status.warnings),
    }


def tenant_list_json(info: TenantListInfo) -> dict[str, Any]:
    """A tenant's own list in the shape of an official one: always current (its owner is its
    source), with `own` true."""
    return {
        "list": info.list_id,
        "name": info.title,
        "publisher": "your organisation",
        "status": "current",
        "status_detail": f"your own list; version {info.version} imported "
        f"{info.imported_at:%Y-%m-%d %H:%M} UTC from {info.file_name}",
        "source": info.file_name,
        "format": "tenant-list",
        "fetched_at": info.imported_at,
        "checked_at": info.imported_at,
        "max_age_hours": 0,
        "warnings": [],
        "licence": "",
        "attribution": "",
        "version": info.version,
        "published": info.imported_at.date(),
        "sha256": info.sha256,
        "entries": info.entries,
        "files": [{"name": info.file_name, "sha256": info.sha256, "size": 0}],
        "own": True,
    }
