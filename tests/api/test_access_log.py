"""The server's JSON access lines: the lean formatter writes what python-json-logger's did."""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter

from screening.api.access_log import (
    _JSON_FORMATTER,
    AccessLineFormatter,
    QueryStringRedactor,
)


def access_record() -> logging.LogRecord:
    """A record as uvicorn's access logger makes it, after the app's filters ran."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:50958", "POST", "/v1/screenings?ref=V-001", "1.1", 200),
        None,
    )
    record.correlation_id = "bf574f0343d74324ada79c5062ce0b54"
    QueryStringRedactor().filter(record)
    return record


def test_access_line_is_the_json_formatters_line() -> None:
    options = {key: value for key, value in _JSON_FORMATTER.items() if key != "()"}
    record = access_record()
    assert AccessLineFormatter().format(record) == JsonFormatter(**options).format(record)


def test_access_line_keeps_the_path_and_drops_the_query() -> None:
    line = AccessLineFormatter().format(access_record())
    assert '"POST /v1/screenings?[query not logged] HTTP/1.1\\" 200' in line
    assert "V-001" not in line
