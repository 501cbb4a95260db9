"""POST /v1/uploads: a supplier sheet (xlsx or CSV) becomes a background job; and a preview of
the columns the reader recognises, before anything is queued."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile, status
from fastapi.responses import JSONResponse

from screening.api.deps import Analyst, ServiceDep, SessionDep, SettingsDep
from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.api.job_schemas import PreviewOut, UploadAccepted
from screening.api.list_choice import check_list_ids, served_lists
from screening.api.routes.jobs import job_executor
from screening.api.schemas import ErrorResponse
from screening.audit.log import append_audit
from screening.ingest import (
    MappingError,
    MappingRequest,
    UnreadableFileError,
    check_readable_kind,
    mapping_json,
    parse_mapping,
    read_suppliers,
    sheet_names,
    supplier_json,
)
from screening.ingest.cells import column_letter
from screening.ingest.name_column import ColumnEvidence, NameChoice
from screening.jobs.store import create_job
from screening.monitoring.rescreen import request_monitoring
from screening.service import NotReadyError, ScreeningService

router = APIRouter(tags=["uploads"])

# The size limit is the setting SCREENING_MAX_UPLOAD_BYTES: 50 MB by default, where a
# 100,000-row xlsx is about 4 MB and a CSV of it about 15 MB.
PREVIEW_ROWS = 10
PREVIEW_ERRORS = 50

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No key, or an unknown or revoked key."},
    403: {"model": ErrorResponse, "description": "The key's role may not upload (auditor)."},
    413: {
        "model": ErrorResponse,
        "description": "The file is larger than the limit (SCREENING_MAX_UPLOAD_BYTES, "
        "50 MB unless set otherwise).",
    },
    422: {
        "model": ErrorResponse,
        "description": "Not an xlsx or CSV file, an unknown sheet, or a malformed mapping.",
    },
}


def read_upload(file: UploadFile, max_bytes: int) -> tuple[str, bytes]:
    content = file.file.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ApiError(
            413,
            ApiErrorCode.PAYLOAD_TOO_LARGE,
            f"the file is larger than {max_bytes:,} bytes; split it",
            {"max_bytes": max_bytes},
        )
    name = PurePath(file.filename or "upload").name or "upload"
    return name[:255], content


def _mapping(text: str | None) -> tuple[dict[str, Any] | None, MappingRequest | None]:
    if text is None or not text.strip():
        return None, None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApiError(
            422,
            ApiErrorCode.VALIDATION_ERROR,
            f"mapping: not JSON ({error.msg})",
            {"field": "mapping"},
        ) from error
    try:
        return data, parse_mapping(data)
    except MappingError as error:
        raise ApiError(
            422, ApiErrorCode.VALIDATION_ERROR, str(error), {"field": "mapping"}
        ) from error


def _name_choice(choice: NameChoice | None) -> dict[str, Any] | None:
    if choice is None:
        return None
    return {"chosen": _name_column(choice.chosen), "runner_up": _name_column(choice.runner_up)}


def _name_column(evidence: ColumnEvidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "column": column_letter(evidence.column),
        "heading": evidence.heading,
        "reason": evidence.reason(),
    }


def _chosen_lists(
    service: ScreeningService, tenant_id: str, values: list[str] | None
) -> list[str] | None:
    """The lists an upload chose (the field repeated or comma-separated), once checked; None
    when it chose none (every list)."""
    chosen = list(
        dict.fromkeys(
            part.strip() for value in values or () for part in value.split(",") if part.strip()
        )
    )
    if not chosen:
        return None
    try:
        served: tuple[str, ...] | None = served_lists(service.screener_for(tenant_id))
    except NotReadyError:  # still loading: checked against the lists it will screen
        served = None
    check_list_ids(service, chosen, "lists", served)
    return chosen


def _check_file(content: bytes, file_name: str, sheet: str | None) -> list[str]:
    """The file's sheets; 422 for what can never be read, before a job is made for it."""
    try:
        check_readable_kind(content, file_name)
        sheets = sheet_names(content, file_name)
    except UnreadableFileError as error:
        raise ApiError(422, ApiErrorCode.UNREADABLE_FILE, str(error), {"field": "file"}) from error
    if sheet and sheet not in sheets:
        raise ApiError(
            422,
            ApiErrorCode.VALIDATION_ERROR,
            f"sheet: the file has no sheet {sheet!r}",
            {"field": "sheet", "sheets": sheets},
        )
    return sheets


@router.post(
    "/v1/uploads",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UploadAccepted,
    summary="Upload a supplier sheet (xlsx or CSV) to screen in the background",
    responses={
        202: {
            "description": "Accepted: follow the job at GET /v1/jobs/{job_id}.",
            "content": {"application/json": {"example": {"job_id": "3f2a...", "status": "queued"}}},
        },
        **_ERRORS,
    },
)
def upload(
    request: Request,
    principal: Analyst,
    session: SessionDep,
    settings: SettingsDep,
    service: ServiceDep,
    file: Annotated[UploadFile, File(description="The supplier sheet: .xlsx or .csv.")],
    mapping: Annotated[
        str | None,
        Form(
            description='Column mapping as JSON, e.g. {"name": "Supplier Name", "country": '
            '"Страна"}; by heading or column letter. A correction: it changes only the fields '
            "it names, every other field keeps the column recognised from the headings; a field "
            "given as null is not read. The job reports the mapping it used."
        ),
    ] = None,
    sheet: Annotated[
        str | None, Form(description="Read only this sheet (xlsx); default: every sheet.")
    ] = None,
    threshold: Annotated[
        float | None, Form(ge=0, le=100, description="Match threshold 0-100; default: engine's.")
    ] = None,
    monitor: Annotated[
        bool, Form(description="Keep the list under watch: re-screened on every list update.")
    ] = False,
    lists: Annotated[
        list[str] | None,
        Form(
            description="Screen against these lists only: list ids (as in GET /v1/lists), the "
            "field repeated or comma-separated (`-F lists=un-sc,uk-ofsi`). Default: every list "
            "the deployment screens against. An unknown list, or one not screened here, is "
            "refused with 422 naming it."
        ),
    ] = None,
) -> Any:
    """Answers 202 at once with the job id; the rows are read and screened in the background.
    Rows with problems (no name, a formula, merged cells, an over-long value) never stop the job:
    each is reported in the job's `errors` with its sheet, row and column. Analysts and admins may
    upload; auditors read jobs and download reports."""
    file_name, content = read_upload(file, settings.max_upload_bytes)
    mapping_data, _request = _mapping(mapping)
    chosen = _chosen_lists(service, principal.tenant_id, lists)
    _check_file(content, file_name, sheet or None)
    job = create_job(
        session,
        tenant_id=principal.tenant_id,
        created_by=principal.key_id,
        file_name=file_name,
        content=content,
        sheet=sheet or None,
        mapping_request=mapping_data,
        threshold=threshold,
        lists=chosen,
    )
    if monitor:  # alerts from GET /v1/alerts once the job is done
        request_monitoring(
            session,
            tenant_id=principal.tenant_id,
            created_by=principal.key_id,
            job_id=job.id,
            name=file_name,
        )
    append_audit(
        session,
        principal,
        "upload",
        job.id,
        {"file_name": file_name, "sha256": job.file_sha256, "size": job.file_size},
    )
    session.commit()
    job_executor(request).submit(job.id)
    return JSONResponse(
        {"job_id": job.id, "status": job.status},
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Location": f"/v1/jobs/{job.id}"},
    )


@router.post(
    "/v1/uploads/preview",
    response_model=PreviewOut,
    summary="Which sheets, heading row and columns the reader finds in a file (nothing is saved)",
    responses=_ERRORS,
)
def preview(
    principal: Analyst,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The supplier sheet: .xlsx or .csv.")],
    sheet: Annotated[str | None, Form(description="Preview only this sheet.")] = None,
    mapping: Annotated[str | None, Form(description="A mapping to try, as JSON.")] = None,
) -> Any:
    """The mapping it would use (correct it and pass it to POST /v1/uploads), the first rows as
    read, and the first row errors. Nothing is stored."""
    file_name, content = read_upload(file, settings.max_upload_bytes)
    _data, request = _mapping(mapping)
    sheets = _check_file(content, file_name, sheet or None)
    try:
        result = read_suppliers(content, file_name, sheet=sheet or None, mapping=request)
    except UnreadableFileError as error:
        raise ApiError(422, ApiErrorCode.UNREADABLE_FILE, str(error), {"field": "file"}) from error
    first = result.sheets[0]
    return {
        "file_name": file_name,
        "sheets": sheets,
        "sheet": first.sheet,
        "header_row": first.header_row,
        "columns": list(first.headers),
        "mapping": mapping_json([first]),
        "name_choice": _name_choice(first.name_choice),
        "sheets_read": [
            {
                "sheet": s.sheet,
                "header_row": s.header_row,
                "columns": list(s.headers),
                "mapping": mapping_json([s]),
                "name_choice": _name_choice(s.name_choice),
            }
            for s in result.sheets
        ],
        "rows_total": len(result.rows),
        "rows_skipped": len(result.skipped),
        "rows": [
            {
                "sheet": row.sheet,
                "row": row.row,
                "values": list(row.values),
                "supplier": supplier_json(row.supplier),
            }
            for row in result.rows[:PREVIEW_ROWS]
        ],
        "errors": [error.as_dict() for error in result.errors[:PREVIEW_ERRORS]],
        "encoding": result.encoding or None,
        "delimiter": result.delimiter or None,
    }
