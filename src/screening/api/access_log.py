"""The server's logging: one JSON object per line, each with the request id, and access lines
that keep the path and drop the query string.

A query string may carry a customer's data (a supplier's ref or name as a filter); an access
log line needs only the method, the path and the status. API keys never travel in URLs, and no
code logs a key, a secret or a supplier's name (tests/security/test_secrets_kept.py reads every
line a run of requests writes). `text` keeps uvicorn's own format for a developer's terminal.
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime
from typing import Any

from uvicorn.config import LOGGING_CONFIG

HIDDEN_QUERY = "?[query not logged]"
JSON, TEXT = "json", "text"
LOG_FORMATS = (JSON, TEXT)


class QueryStringRedactor(logging.Filter):
    """Rewrites uvicorn's access record ('%s - "%s %s HTTP/%s" %d': client, method, path with
    query, version, status) so that the query string is not written."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path, has_query, _query = args[2].partition("?")
            if has_query:
                record.args = (*args[:2], path + HIDDEN_QUERY, *args[3:])
        return True


class AccessLineFormatter(logging.Formatter):
    """uvicorn's access records as the JSON formatter writes them (level, logger, message,
    request_id, timestamp, in that order and spelling), built directly: python-json-logger's
    general path (the format string's fields, extras merged, a fresh encoder) cost a request
    ~10 us more. An access record carries no extras and no exception."""

    def format(self, record: logging.LogRecord) -> str:
        return _ENCODER.encode(
            {
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
                "request_id": getattr(record, "correlation_id", None),
                "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            }
        )


_ENCODER = json.JSONEncoder()
_REQUEST_ID_FILTER = {"()": "asgi_correlation_id.CorrelationIdFilter", "default_value": None}
_JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s %(correlation_id)s",
    "rename_fields": {"levelname": "level", "name": "logger", "correlation_id": "request_id"},
    "timestamp": True,
}


def logging_config(log_format: str = JSON, level: str = "INFO") -> dict[str, Any]:
    """A logging.config.dictConfig for the server: uvicorn's loggers and the application's (the
    root logger), JSON with the request id, or uvicorn's text; query strings left out."""
    if log_format == TEXT:
        text: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
        text.setdefault("filters", {})["query_redactor"] = {"()": QueryStringRedactor}
        text["loggers"]["uvicorn.access"]["filters"] = ["query_redactor"]
        text["loggers"][""] = {"handlers": ["default"], "level": level}
        return text
    filters = ["request_id"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": _REQUEST_ID_FILTER,
            "query_redactor": {"()": QueryStringRedactor},
        },
        "formatters": {"json": _JSON_FORMATTER, "access_json": {"()": AccessLineFormatter}},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": filters,
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access_json",
                "filters": [*filters, "query_redactor"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "": {"handlers": ["default"], "level": level},
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
        },
    }
