"""The watchlists: what serves, every stored version, whole entries, importing a new version."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import JSONResponse

from screening.api.deps import Operator, Reader, ServiceDep
from screening.api.errors import ApiError
from screening.api.routes.screen import not_ready
from screening.api.schemas import (
    EntryOut,
    ErrorResponse,
    ListImported,
    ListsResponse,
    ListVersionsResponse,
)
from screening.service import NotReadyError
from screening.store.imports import ListImportError
from screening.store.snapshots import list_versions
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
        raise ApiError(404, "unknown_list", str(error), {"list": list_id}) from error


def _list_json(
    snapshot_list: str,
    version: str,
    published: date | None,
    sha256: str,
    entries: int,
    files: list[dict[str, Any]],
) -> dict[str, Any]:
    try:
        source = list_source(snapshot_list)
        name, publisher = source.name, source.publisher
    except UnknownListError:
        name, publisher = snapshot_list, ""
    return {
        "list": snapshot_list,
        "name": name,
        "publisher": publisher,
        "version": version,
        "published": published,
        "sha256": sha256,
        "entries": entries,
        "files": files,
    }


def _snapshot_json(snapshot: ListSnapshot) -> dict[str, Any]:
    return _list_json(
        snapshot.list_id,
        snapshot.version,
        snapshot.published,
        snapshot.sha256,
        len(snapshot.entries),
        [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in snapshot.files],
    )


@router.get(
    "/v1/lists",
    response_model=ListsResponse,
    summary="The lists screenings run against now, with their versions",
)
def lists(_principal: Reader, service: ServiceDep) -> Any:
    try:
        serving = service.serving()
    except NotReadyError as error:
        raise not_ready(error) from error
    return {"lists": [_snapshot_json(s) for s in serving.screener.snapshots]}


@router.get(
    "/v1/lists/{list_id}/versions",
    response_model=ListVersionsResponse,
    responses=_NOT_FOUND,
    summary="Every stored version of a list, newest import first",
)
def versions(list_id: str, _principal: Reader, service: ServiceDep) -> Any:
    _known_list(list_id)
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
            for v in list_versions(service.engine, list_id)
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
    _principal: Reader,
    service: ServiceDep,
    version: Annotated[
        str | None,
        Query(
            description="A stored list version (as named in a past screening); "
            "default: the version serving now."
        ),
    ] = None,
) -> Any:
    _known_list(list_id)
    if version is None:
        try:
            serving = service.serving()
        except NotReadyError as error:
            raise not_ready(error) from error
        snapshot = serving.snapshot(list_id)
        found = serving.entries.get((list_id, source_id))
    else:
        snapshot = service.stored_snapshot(list_id, version)
        if snapshot is None:
            raise ApiError(
                404,
                "unknown_version",
                f"no stored version {version!r} of {list_id}",
                {"list": list_id, "version": version},
            )
        found = snapshot.entry(source_id)
    if snapshot is None or found is None:
        raise ApiError(
            404,
            "entry_not_found",
            f"{list_id} has no entry {source_id!r}"
            + (f" in version {snapshot.version}" if snapshot is not None else ""),
            {"list": list_id, "source_id": source_id},
        )
    return {"list": list_id, "list_version": snapshot.version, **entry_to_dict(found)}


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
                "validation_error",
                "files: every file needs a file name",
                [{"field": "files", "message": "missing file name", "type": "missing"}],
            )
        if name in contents:
            raise ApiError(
                422,
                "validation_error",
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
            "list_format",
            f"{error}; the version in use keeps serving",
            {"list": list_id, "file": error.file or None, "line": error.line},
        ) from error
    body = {**_snapshot_json(done.snapshot), "created": done.outcome.created}
    if done.outcome.created:
        return body
    return JSONResponse(ListImported.model_validate(body).model_dump(mode="json", by_alias=True))
