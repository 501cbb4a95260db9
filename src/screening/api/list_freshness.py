"""Each list's freshness as the API's JSON: GET /v1/lists, /readyz and the update endpoint."""

from __future__ import annotations

from typing import Any

from screening.sources.status import ListStatus
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
