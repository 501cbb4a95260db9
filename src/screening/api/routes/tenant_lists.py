"""A tenant's own lists (internal blocklists, client lists): import a version, list, delete.

They are screened beside the official lists for this tenant only; no other tenant sees them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile, status

from screening.api.deps import Admin, Reader, ServiceDep, SessionDep, SettingsDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.routes.uploads import read_upload
from screening.api.schemas import ErrorResponse
from screening.api.tenant_list_schemas import TenantListImported, TenantListsResponse
from screening.ingest.model import UnreadableFileError
from screening.tenant_lists.parse import TenantListFileError, read_tenant_list
from screening.tenant_lists.store import (
    TenantListInfo,
    TenantListTitleError,
    delete_tenant_list,
    import_tenant_list,
    tenant_list_id,
    tenant_lists,
)

router = APIRouter(tags=["tenant lists"])

_TITLE_LENGTH = 200

_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "The file is larger than the upload limit."},
    422: {
        "model": ErrorResponse,
        "description": "The file cannot be read, or some of its rows cannot: `details` names "
        "the file and every problem by sheet, row and column. Nothing was imported.",
    },
}


def _list_json(info: TenantListInfo) -> dict[str, Any]:
    return {
        "list": info.list_id,
        "title": info.title,
        "version": info.version,
        "sha256": info.sha256,
        "file": info.file_name,
        "entries": info.entries,
        "imported_at": info.imported_at,
        "imported_by": info.imported_by,
        "created": info.created,
    }


def _list_id(title: str) -> str:
    try:
        return tenant_list_id(title)
    except TenantListTitleError as error:
        raise ApiError(
            422, ApiErrorCode.VALIDATION_ERROR, f"name: {error}", {"field": "name"}
        ) from error


@router.post(
    "/v1/tenant-lists",
    status_code=status.HTTP_201_CREATED,
    response_model=TenantListImported,
    responses=_ERRORS,
    summary="Import your own list (csv or xlsx): a new list, or a new version of one",
)
def import_list(
    principal: Admin,
    session: SessionDep,
    service: ServiceDep,
    settings: SettingsDep,
    file: Annotated[
        UploadFile,
        File(
            description="The list: .xlsx or .csv, one entry a row, with headings as in a "
            "supplier sheet: name (required), aliases, country, identifiers (or a registration "
            "number), notes, type (person or company)."
        ),
    ],
    name: Annotated[
        str,
        Form(
            min_length=1,
            max_length=_TITLE_LENGTH,
            description="The list's title; its id is `tenant-<slug of the title>`. Posting "
            "again under the same title imports a new version of the same list.",
        ),
    ],
) -> Any:
    """Reads the file with the supplier upload's heading detection and makes it the version of
    the list screened from now on, for this tenant only: single screens, uploads, /match and
    re-screens of monitored uploads (which run again on it). A file with any row that cannot
    be read whole is refused, naming each problem; nothing is imported then. Admin keys only."""
    title = " ".join(name.split())
    list_id = _list_id(title)
    file_name, content = read_upload(file, settings.max_upload_bytes)
    try:
        parsed = read_tenant_list(content, file_name, list_id)
    except UnreadableFileError as error:
        raise ApiError(
            422,
            ApiErrorCode.UNREADABLE_FILE,
            str(error),
            {"file": error.file, "sheet": error.sheet},
        ) from error
    except TenantListFileError as error:
        raise ApiError(
            422,
            ApiErrorCode.INVALID_LIST_FILE,
            str(error),
            {"file": error.file, "errors": [problem.as_dict() for problem in error.errors]},
        ) from error
    done = import_tenant_list(session, principal, title, parsed)
    session.commit()
    service.tenant_lists_changed()  # its monitored uploads are re-screened on the new version
    return {
        "list": done.info.list_id,
        "title": done.info.title,
        "version": done.info.version,
        "entries": done.info.entries,
    }


@router.get(
    "/v1/tenant-lists",
    response_model=TenantListsResponse,
    summary="Your own lists and the version of each screened now",
)
def list_tenant_lists(principal: Reader, session: SessionDep) -> Any:
    return {"lists": [_list_json(info) for info in tenant_lists(session, principal.tenant_id)]}


@router.delete(
    "/v1/tenant-lists/{list_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorResponse, "description": "You have no such list."}},
    summary="Stop screening against one of your lists",
)
def delete_list(
    list_id: str, principal: Admin, session: SessionDep, service: ServiceDep
) -> Response:
    """Its versions are kept, so past jobs can still be re-run and explained. Admin keys only."""
    if not delete_tenant_list(session, principal, list_id):
        raise ApiError(
            404, ApiErrorCode.NOT_FOUND, f"no list {list_id!r} of yours", {"list": list_id}
        )
    session.commit()
    service.tenant_lists_changed()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
