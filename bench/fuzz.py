"""The OpenAPI contract fuzzed with schemathesis: `.venv/bin/python -m bench.fuzz --examples 2000`.

    .venv/bin/python -m bench.fuzz --examples 2000                    # PostgreSQL on 127.0.0.1
    .venv/bin/python -m bench.fuzz --examples 2000 --database sqlite
    .venv/bin/python -m bench.fuzz --examples 5000 --seed 7

Builds the real app in this process (three small lists: UN, OFAC consolidated and the curated
DPRK labour list, so the index builds in a second) and serves it with uvicorn on loopback, then
sends requests over HTTP that schemathesis generates from the app's own OpenAPI document, to
every operation: valid ones and, as many,
invalid ones, with the operator's key (every operation is open to it). Each response must
not be a 5xx and must match the contract: its status documented, its body and headers as the
schema says, and an invalid request refused with a 4xx. Prints the number of requests, the
statuses seen and every distinct failure with a command to reproduce it; exits 1 on a failure.
docs/security.md records the figures. tests/security/test_fuzz_openapi.py runs a bounded
number of examples of the same on every test run.
"""

from __future__ import annotations

import argparse
import math
import secrets
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests
import schemathesis
import uvicorn
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from psycopg import sql
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bench.shared_data import read_list_files
from screening.api.app import create_app
from screening.config import REPO_ROOT, Settings
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from screening.watchlist.registry import LIST_IDS, LIST_SOURCES
from screening.watchlist.snapshot import build_snapshot

LISTS_DIR = REPO_ROOT / "lists"
FUZZ_LISTS = ("us-ofac-cons", "un-sc", "dprk-labour")
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
OPERATOR_KEY = "operator-key-for-fuzzing-only-7f3a9c2e"
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)

# Whether a response keeps the contract: no 5xx, a documented status, and a body and headers
# as documented. Left out on purpose, as they judge how strict the API is with requests:
# `positive_data_acceptance` wants every schema-valid request accepted, while the API rightly
# refuses with 422 what a schema cannot describe (a file that is not a spreadsheet, a country
# code that is not ISO 3166, a decision naming both a job and a screening, a name of spaces);
# `negative_data_rejection` wants every schema-invalid request refused, while the API, like
# any FastAPI app, takes the last of a repeated query parameter, and a valid X-API-Key
# authenticates even next to a malformed Authorization header.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True, slots=True)
class FuzzFailure:
    operation: str
    mode: str
    title: str
    status: int | None
    detail: str  # the failure's message and how to reproduce it


@dataclass
class FuzzTally:
    requests: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[tuple[str, str, str, int | None], FuzzFailure] = field(default_factory=dict)
    failed_requests: int = 0
    not_generated: list[str] = field(default_factory=list)  # operation and mode, none possible

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def add_failure(self, failure: FuzzFailure) -> None:
        self.failures.setdefault(
            (failure.operation, failure.mode, failure.title, failure.status), failure
        )


def _failures_of(error: BaseException) -> list[Failure]:
    if isinstance(error, Failure):
        return [error]
    if isinstance(error, BaseExceptionGroup):
        return [f for inner in error.exceptions for f in _failures_of(inner)]
    return []


@dataclass(frozen=True, slots=True)
class Target:
    """Where the requests go, and as whom."""

    base_url: str
    key: str
    session: requests.Session


def _fuzz_operation(
    operation: Any,
    mode: schemathesis.GenerationMode,
    target: Target,
    examples: int,
    round_seed: int,
    tally: FuzzTally,
) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    auth = {"X-API-Key": target.key}

    @seed(round_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # failures are collected, never shrunk
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: schemathesis.Case[Any]) -> None:
        tally.requests += 1
        tally.by_operation[label] += 1
        response = case.call(base_url=target.base_url, session=target.session, headers=auth)
        tally.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=auth)
        except (AssertionError, BaseExceptionGroup) as error:
            tally.failed_requests += 1
            failures: list[BaseException] = [*_failures_of(error)] or [error]
            for failure in failures:
                title = getattr(failure, "title", type(failure).__name__)
                curl = case.as_curl_command(headers={"X-API-Key": "***"})
                tally.add_failure(
                    FuzzFailure(
                        label,
                        mode.value,
                        title,
                        response.status_code,
                        f"{str(failure)[:2000]}\n{curl[:2000]}",
                    )
                )

    try:
        send()
    except Unsatisfiable:
        tally.not_generated.append(f"{label} ({mode.value})")


def fuzz_server(
    base_url: str, contract: dict[str, Any], key: str, *, examples: int, first_seed: int = 0
) -> FuzzTally:
    """At least `examples` requests generated from `contract` (an OpenAPI document), sent over
    HTTP to the server at `base_url` with `key`, over every operation of the contract."""
    schema = schemathesis.openapi.from_dict(contract)
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the contract itself is broken: say so, fuzz nothing
        operations.append(result.ok())
    per_operation = max(1, math.ceil(examples / (len(operations) * len(MODES))))
    tally = FuzzTally()
    round_seed = first_seed
    with requests.Session() as session:
        target = Target(base_url, key, session)
        # Some operations have few possible requests (GET /healthz has one), so rounds with
        # new seeds continue until the number asked for has been sent.
        while tally.requests < examples:
            before = tally.requests
            tally.not_generated.clear()
            for operation in operations:
                for mode in MODES:
                    if round_seed > first_seed and tally.requests >= examples:
                        break
                    _fuzz_operation(operation, mode, target, per_operation, round_seed, tally)
            if tally.requests == before:
                break
            round_seed += 1
    return tally


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port in a thread; yields its base URL."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-fuzzed", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn stopped before it started serving")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def fuzz_settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        broker_url="",
        admin_key=OPERATOR_KEY,
        lists_dir=LISTS_DIR,
        data_dir=data_dir,
        rate_limit_per_minute=0,
        list_refresh_seconds=0,
    )


def small_screener() -> tuple[Screener, list[Any]]:
    sources = [s for s in LIST_SOURCES if s.list_id in FUZZ_LISTS]
    snapshots = [
        build_snapshot(s.list_id, read_list_files(s.list_id))
        for s in sorted(sources, key=lambda s: LIST_IDS.index(s.list_id))
    ]
    host_risk = (LISTS_DIR / "host-risk.toml").read_bytes()
    return Screener.from_snapshots(snapshots, host_risk), snapshots


@contextmanager
def scratch_database(kind: str, folder: Path) -> Iterator[str]:
    """An empty database for one run: a SQLite file, or a PostgreSQL database dropped after."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'fuzz.db'}"
        return
    name = f"screening_fuzz_{secrets.token_hex(4)}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def print_tally(tally: FuzzTally) -> None:
    print(f"requests: {tally.requests:,} over {len(tally.by_operation)} operations")
    print("statuses: " + ", ".join(f"{s}: {n:,}" for s, n in sorted(tally.statuses.items())))
    print(f"5xx: {tally.server_errors}")
    print(f"requests failing a check: {tally.failed_requests}")
    print(f"distinct failures: {len(tally.failures)}")
    for failure in tally.failures.values():
        print(f"\n--- {failure.operation} ({failure.mode}): {failure.title} [{failure.status}]")
        print(failure.detail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="requests to send, at least")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    screener, snapshots = small_screener()
    with (
        tempfile.TemporaryDirectory() as folder,
        scratch_database(args.database, Path(folder)) as url,
    ):
        engine = make_engine(url)
        migrate(engine)
        for snapshot in snapshots:
            import_snapshot(engine, snapshot, imported_by="bundled")
        service = ScreeningService(engine, LISTS_DIR)
        service.use(screener)
        app = create_app(fuzz_settings(url, Path(folder) / "var"), service=service)
        with served(app) as base_url:
            tally = fuzz_server(
                base_url, app.openapi(), OPERATOR_KEY, examples=args.examples, first_seed=args.seed
            )
        engine.dispose()
    print(f"database: {args.database}, seed {args.seed}")
    print_tally(tally)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
