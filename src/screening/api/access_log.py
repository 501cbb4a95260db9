"""Uvicorn's logging, with access lines that keep the path and drop the query string.

A query string may carry a customer's data (a supplier's ref or name as a filter); an access
log line needs only the method, the path and the status. API keys never travel in URLs.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

HIDDEN_QUERY = "?[query not logged]"


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


def logging_config() -> dict[str, Any]:
    """Uvicorn's own logging configuration, with the query strings left out of access lines."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["query_redactor"] = {"()": QueryStringRedactor}
    config["loggers"]["uvicorn.access"]["filters"] = ["query_redactor"]
    return config
