"""The OpenAPI contract fuzzed with schemathesis, in a bounded form for every test run.

Valid and invalid requests generated from the app's own contract go over HTTP to every
operation of the app under uvicorn, on SQLite and on PostgreSQL (which refuses NUL characters
and out-of-range numbers that SQLite takes). `python -m bench.fuzz --examples 2000` runs the
full count; docs/security.md has the figures. The seed is fixed, so a run here is repeatable.
"""

from __future__ import annotations

import pytest
from bench.fuzz import FuzzTally, fuzz_server

from screening.api.access_log import logging_config
from screening.api.app import create_app
from support.serving import OPERATOR_KEY, Api, api_settings, served_on_loopback

EXAMPLES_PER_DATABASE = 250


@pytest.fixture(scope="module")
def tally(api: Api, api_database: str, tmp_path_factory: pytest.TempPathFactory) -> FuzzTally:
    settings = api_settings(api_database, tmp_path_factory.mktemp("fuzzed"))
    app = create_app(settings, service=api.service)
    with served_on_loopback(app, log_config=logging_config()) as server:
        return fuzz_server(
            server.base_url, app.openapi(), OPERATOR_KEY, examples=EXAMPLES_PER_DATABASE
        )


def test_every_operation_of_the_contract_is_fuzzed(api: Api, tally: FuzzTally) -> None:
    operations = {
        f"{method.upper()} {path}"
        for path, methods in api.client.app.openapi()["paths"].items()
        for method in methods
    }
    assert set(tally.by_operation) == operations
    assert tally.requests >= EXAMPLES_PER_DATABASE


def test_no_generated_request_gets_a_server_error(tally: FuzzTally) -> None:
    assert tally.server_errors == 0, [f for f in tally.failures.values() if (f.status or 0) >= 500]


def test_every_response_keeps_the_contract(tally: FuzzTally) -> None:
    assert list(tally.failures.values()) == []
