"""Every `error.code` the API answers with, in one place: clients branch on these strings.

docs/api.md documents each one (tests/api/test_api_error_codes.py compares the two both ways);
a new code is added here and there together, and a code is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class ApiErrorCode(StrEnum):
    """The stable `code` of an error answer; the `message` beside it is for people."""

    # 400
    BAD_REQUEST = "bad_request"
    INVALID_QUERY = "invalid_query"
    TOO_MANY_QUERIES = "too_many_queries"
    # 401, 403
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    # 404
    NOT_FOUND = "not_found"
    UNKNOWN_LIST = "unknown_list"  # also 422: a list chosen that is not screened here
    ENTRY_NOT_FOUND = "entry_not_found"
    UNKNOWN_VERSION = "unknown_version"
    # 405
    METHOD_NOT_ALLOWED = "method_not_allowed"
    # 409
    CONFLICT = "conflict"
    JOBS_RUNNING = "jobs_running"
    JOB_NOT_DONE = "job_not_done"
    ENTRY_UNAVAILABLE = "entry_unavailable"
    SNAPSHOT_MISSING = "snapshot_missing"
    NOT_FETCHING = "not_fetching"
    # 413, 415
    PAYLOAD_TOO_LARGE = "payload_too_large"
    TOO_MANY_SUPPLIERS = "too_many_suppliers"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    # 422
    VALIDATION_ERROR = "validation_error"
    INVALID_VALUE = "invalid_value"
    LIST_FORMAT = "list_format"
    INVALID_LIST_FILE = "invalid_list_file"
    UNREADABLE_FILE = "unreadable_file"
    NO_LIST_LEFT = "no_list_left"
    NOT_A_MATCH = "not_a_match"
    # 429
    RATE_LIMITED = "rate_limited"
    # 500, 502, 503
    INTERNAL_ERROR = "internal_error"
    LIST_UPDATE_FAILED = "list_update_failed"
    NOT_READY = "not_ready"
    DATABASE_UNAVAILABLE = "database_unavailable"
    REPORT_NOT_WRITTEN = "report_not_written"
    # Any other HTTP status the framework answers with (none is expected): the status says more.
    HTTP_ERROR = "error"
