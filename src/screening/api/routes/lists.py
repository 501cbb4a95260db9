"""The watchlists: what serves, every stored version, whole entries, importing a new version."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import JSONResponse
from sqlmodel import Session

from screening.api.deps import Operator, Reader, ServiceDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.list_freshness import freshness_json, tenant_list_json
from screening.api.routes.screen import not_ready
from screening.api.schemas import (
    EntryOut,
    ErrorResponse,
    ListImported,
    ListsResponse,
    ListUpdated,
    ListVersionsResponse,
)
from screening.service import NotReadyError, ScreeningService
from screening.sources.overview import list_statuses
from screening.sources.status import ListStatus
from screening.store.imports import ListImportError
from screening.store.snapshots import list_versions
from screening.tenant_lists.store import (
    is_tenant_list_id,
    tenant_list_snapshot,
    tenant_list_versions,
    tenant_lists,
)
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import UnknownListError, list_source
from screening.watchlist.serialise import entry_to_dict

router = APIRouter(tags=["lists"])

# The largest publisher file set today is OFAC's (about 7 MB of CSV; its XML is ~100 MB).
MAX_LIST_UPLOAD_BYTES = 256 * 1024 * 1024

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Unknown list or entry."}
}


def _known_list(list_id: str) -> None:
    try:
        list_source(list_id)
    except UnknownListError as error:
        raise ApiError(404, ApiErrorCode.UNKNOWN_LIST, str(error), {"list": list_id}) from error


def _snapshot_json(snapshot: ListSnapshot, status: ListStatus) -> dict[str, Any]:
    return {
        **freshness_json(status),
        "version": snapshot.version,
        "published": snapshot.published,
        "sha256": snapshot.sha256,
        "entries": len(snapshot.entries),
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in snapshot.files],
    }


def serving_by_list(service: ScreeningService) -> dict[str, ListSnapshot]:
    try:
        serving = service.serving()
    except NotReadyError:
        return {}
    return {snapshot.list_id: snapshot for snapshot in serving.screener.snapshots}


def _status_of(service: ScreeningService, list_id: str) -> ListStatus:
    statuses = list_statuses(service.engine, serving_by_list(service))
    return next(status for status in statuses if status.list_id == list_id)


@router.get(
    "/v1/lists",
    response_model=ListsResponse,
    summary="The lists screenings run against now: versions, sources and freshness",
)
def lists(principal: Reader, service: ServiceDep) -> Any:
    """The official lists served here, then the caller's own lists (`own`: true; see
    /v1/tenant-lists), which are screened for its tenant only."""
    try:
        serving = service.serving()
        screener = service.screener_for(principal.tenant_id)
    except NotReadyError as error:
        raise not_ready(error) from error
    snapshots = {s.list_id: s for s in serving.screener.snapshots}
    statuses = {s.list_id: s for s in list_statuses(service.engine, snapshots)}
    listed = [
        _snapshot_json(snapshot, statuses[snapshot.list_id])
        for snapshot in serving.screener.snapshots
        if snapshot.list_id in statuses
    ]
    if screener.tenant is not None:
        with Session(service.engine) as session:
            own = tenant_lists(session, principal.tenant_id)
        listed += [tenant_list_json(info) for info in own]
    missing = [freshness_json(s) for s in statuses.values() if s.list_id not in snapshots]
    return {"lists": listed, "missing": missing}


@router.get(
    "/v1/lists/{list_id}/versions",
    response_model=ListVersionsResponse,
    responses=_NOT_FOUND,
    summary="Every stored version of a list, newest import first",
)
def versions(list_id: str, principal: Reader, service: ServiceDep) -> Any:
    """Also of one of your own lists (`tenant-...`), deleted ones' versions too."""
    if is_tenant_list_id(list_id):
        stored = tenant_list_versions(service.engine, principal.tenant_id, list_id)
        if not stored:
            raise ApiError(
                404, ApiErrorCode.UNKNOWN_LIST, f"no list {list_id!r} of yours", {"list": list_id}
            )
    else:
        _known_list(list_id)
        stored = list_versions(service.engine, list_id)
    return {
        "list": list_id,
        "versions": [
            {
                "version": v.version,
                "published": v.published,
                "sha256": v.sha256,
                "entries": v.entry_count,
                "imported_at": v.imported_at,
                "active": v.active,
            }
            for v in stored
        ],
    }


@router.get(
    "/v1/lists/{list_id}/entries/{source_id}",
    response_model=EntryOut,
    responses=_NOT_FOUND,
    summary="A whole entry, as its publisher describes it",
)
def entry(
    list_id: str,
    source_id: str,
    principal: Reader,
    service: ServiceDep,
    version: Annotated[
        str | None,
        Query(
            description="A stored list version (as named in a past screening); "
            "default: the version serving now."
        ),
    ] = None,
) -> Any:
    """Also an entry of one of your own lists (`tenant-...`), never of another tenant's."""
    if is_tenant_list_id(list_id):
        snapshot = tenant_list_snapshot(service.engine, principal.tenant_id, list_id, version)
        if snapshot is None:
            raise ApiError(
                404, ApiErrorCode.UNKNOWN_LIST, f"no list {list_id!r} of yours", {"list": list_id}
            )
        found = snapshot.entry(source_id)
    elif version is None:
        _known_list(list_id)
        try:
            serving = service.serving()
        except NotReadyError as error:
            raise not_ready(error) from error
        snapshot = serving.snapshot(list_id)
        found = serving.entries.get((list_id, source_id))
    else:
        _known_list(list_id)
        snapshot = service.stored_snapshot(list_id, version)
        if snapshot is None:
            raise ApiError(
                404,
                ApiErrorCode.UNKNOWN_VERSION,
                f"no stored version {version!r} of {list_id}",
                {"list": list_id, "version": version},
            )
        found = snapshot.entry(source_id)
    if snapshot is None or found is None:
        raise ApiError(
            404,
            ApiErrorCode.ENTRY_NOT_FOUND,
            f"{list_id} has no entry {source_id!r}"
            + (f" in version {snapshot.version}" if snapshot is not None else ""),
            {"list": list_id, "source_id": source_id},
        )
    entry_json = entry_to_dict(found)
    # The API's word for a list id is `list`; `list_id` stays for clients written before.
    entry_json["links"] = [{**link, "list": link["list_id"]} for link in entry_json["links"]]
    return {"list": list_id, "list_version": snapshot.version, **entry_json}


@router.post(
    "/v1/admin/lists/{list_id}",
    response_model=ListImported,
    status_code=status.HTTP_201_CREATED,
    tags=["admin"],
    summary="Import a new version of a list from the publisher's files and switch to it",
    responses={
        200: {
            "model": ListImported,
            "description": "These files were imported before: that version is active again.",
        },
        403: {"model": ErrorResponse, "description": "Not an admin of the default tenant."},
        404: {"model": ErrorResponse, "description": "Unknown list."},
        422: {
            "model": ErrorResponse,
            "description": "A file does not parse; `details.file` "
            "names it. The version in use keeps serving.",
        },
    },
)
def import_list(
    list_id: str,
    principal: Operator,
    service: ServiceDep,
    files: Annotated[
        list[UploadFile],
        File(
            description="The publisher's files as published, e.g. sdn.csv, alt.csv, add.csv "
            "and sdn_comments.csv for us-ofac-sdn; consolidated.xml for un-sc; ConList.xlsx "
            "for uk-ofsi."
        ),
    ],
    published: Annotated[
        date | None,
        Form(description="Publication date (YYYY-MM-DD) for files that carry none (OFAC CSV)."),
    ] = None,
) -> Any:
    """Parses every file, stores the new version and switches screening to it at once (one
    transaction, then one swap of the in-memory index); it answers when the new version serves.
    A file that does not parse is refused with 422 and the version in use keeps serving.
    Only admins of the operator's `default` tenant may import, since lists serve every tenant."""
    _known_list(list_id)
    contents: dict[str, bytes] = {}
    for upload in files:
        name = PurePath((upload.filename or "").replace("\\", "/")).name
        if not name:
            raise ApiError(
                422,
                ApiErrorCode.VALIDATION_ERROR,
                "files: every file needs a file name",
                [{"field": "files", "message": "missing file name", "type": "missing"}],
            )
        if name in contents:
            raise ApiError(
                422,
                ApiErrorCode.VALIDATION_ERROR,
                f"files: {name} is sent twice",
                [{"field": "files", "message": f"duplicate {name}", "type": "duplicate"}],
            )
        contents[name] = upload.file.read()
    try:
        done = service.import_list(
            list_id, contents, published=published, imported_by=principal.key_id
        )
    except ListImportError as error:
        raise ApiError(
            422,
            ApiErrorCode.LIST_FORMAT,
            f"{error}; the version in use keeps serving",
            {"list": list_id, "file": error.file or None, "line": error.line},
        ) from error
    status = _status_of(service, list_id)
    is_new_version = done.outcome.created
    body = {
        **_snapshot_json(done.snapshot, status),
        "is_new_version": is_new_version,
        "created": is_new_version,
    }
    if is_new_version:
        return body
    return JSONResponse(ListImported.model_validate(body).model_dump(mode="json", by_alias=True))


@router.post(
    "/v1/admin/lists/{list_id}/update",
    response_model=ListUpdated,
    tags=["admin"],
    summary="Fetch a list from its publisher (or the mirror) now, verify it and serve it",
    responses={
        403: {"model": ErrorResponse, "description": "Not an admin of the default tenant."},
        404: {"model": ErrorResponse, "description": "Unknown list."},
        409: {"model": ErrorResponse, "description": "This server does not fetch lists."},
        502: {
            "model": ErrorResponse,
            "description": "The files could not be had or were refused (`details.reason`); "
            "the version in use keeps serving.",
        },
    },
)
def update_list(
    list_id: str,
    principal: Operator,
    service: ServiceDep,
    force: Annotated[
        bool,
        Query(description="Accept a version with over 10% fewer entries than the one serving."),
    ] = False,
) -> Any:
    """Checks the list against its source now (a conditional request when a copy is kept),
    verifies the files (they parse; an OFAC set joins; the entry count falls by at most 10%
    unless `force`), stores and serves a new version, and answers once it serves. Monitored
    supplier lists are re-screened on the new version. Only the operator may update."""
    _known_list(list_id)
    if service.updater is None:
        raise ApiError(
            409, ApiErrorCode.NOT_FETCHING, "this server does not fetch lists", {"list": list_id}
        )
    (outcome,) = service.update_lists([list_id], force=force, actor=principal.key_id)
    if outcome.failed:
        raise ApiError(
            502,
            ApiErrorCode.LIST_UPDATE_FAILED,
            f"{list_id}: {outcome.detail}; the version in use keeps serving",
            {"list": list_id, "reason": outcome.detail, "serving_version": outcome.version},
        )
    status = _status_of(service, list_id)
    return {
        "list": list_id,
        "result": outcome.result.value,
        "detail": outcome.detail,
        "version": outcome.version,
        "status": freshness_json(status),
    }
