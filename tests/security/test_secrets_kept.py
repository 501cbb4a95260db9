"""Keys are stored only as hashes, and no key, token, webhook secret or uploaded content ever
reaches a log line: neither the app's nor uvicorn's, on a real server over real HTTP."""

from __future__ import annotations

import hashlib
import logging
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from screening.api.access_log import logging_config
from screening.api.app import create_app
from screening.config import load_settings
from screening.store.db import make_engine
from support.jobs import wait_for_job
from support.serving import OPERATOR_KEY, Api, LoopbackServer, api_settings, served_on_loopback
from support.waiting import HANG_GUARD_SECONDS

# Uvicorn's own loggers do not pass records on to the root logger, where caplog listens.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.access")
# The test's own HTTP client logs what it sends; the server's records are the ones that count.
CLIENT_LOGGERS = ("httpx", "httpcore")


def database_dump(url: str) -> str:
    """Every row of every table as text, and for SQLite the raw bytes of its files too."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        with sqlite3.connect(path) as connection:
            rows = "\n".join(connection.iterdump())
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        return rows + raw.decode("latin-1")
    chunks: list[str] = []
    with psycopg.connect(url) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        for (table,) in tables:
            query = sql.SQL("COPY (SELECT * FROM {}) TO STDOUT").format(sql.Identifier(table))
            with connection.cursor().copy(query) as copy:
                chunks.extend(bytes(block).decode("utf-8", "replace") for block in copy)
    return "\n".join(chunks)


def test_api_keys_are_stored_only_as_their_hashes(api: Api, api_database: str) -> None:
    tenant = api.new_tenant("hashed")
    keys = [OPERATOR_KEY, tenant.admin_key, api.new_key(tenant, "analyst")]
    dump = database_dump(api_database)
    for key in keys:
        assert key not in dump
        assert key.removeprefix("scr_") not in dump
        assert hashlib.sha256(key.encode()).hexdigest() in dump


def test_settings_print_without_the_admin_key_or_database_password() -> None:
    text = repr(
        load_settings(
            {
                "SCREENING_ADMIN_KEY": "admin-secret-never-printed-7f3a9c2e51",
                "SCREENING_DATABASE_URL": "postgresql://app:db-password-never-printed@db/x",
            }
        )
    )
    assert "admin-secret-never-printed-7f3a9c2e51" not in text
    assert "db-password-never-printed" not in text


@pytest.fixture()
def live(api: Api, api_database: str, tmp_path: Path) -> Iterator[LoopbackServer]:
    app = create_app(api_settings(api_database, tmp_path), service=api.service)
    with served_on_loopback(app, log_config=logging_config()) as server:
        yield server


@pytest.fixture()
def every_log_record(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    for name in UVICORN_LOGGERS:
        logging.getLogger(name).addHandler(caplog.handler)
    yield caplog
    for name in UVICORN_LOGGERS:
        logging.getLogger(name).removeHandler(caplog.handler)


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(
        formatter.format(record)
        for record in caplog.records
        if record.name.split(".")[0] not in CLIENT_LOGGERS
    )


def test_no_key_token_secret_or_uploaded_content_is_logged(
    live: LoopbackServer, api_database: str, every_log_record: pytest.LogCaptureFixture
) -> None:
    canary = f"Canary{secrets.token_hex(6)}"  # stands for any supplier data a customer sends
    wrong_key = "scr_" + secrets.token_urlsafe(32)  # a mistyped key is still a secret
    webhook_secret = f"whsec-{secrets.token_hex(16)}"
    with httpx.Client(base_url=live.base_url, timeout=HANG_GUARD_SECONDS) as client:
        operator = {"X-API-Key": OPERATOR_KEY}
        tenant = client.post("/v1/admin/tenants", headers=operator, json={"name": canary})
        admin_key = tenant.json()["api_key"]
        created = client.post(
            "/v1/admin/keys", headers={"X-API-Key": admin_key}, json={"role": "analyst"}
        )
        analyst_key = created.json()["api_key"]
        bearer = {"Authorization": f"Bearer {analyst_key}"}
        sheet = f"Supplier Name,Country\n{canary} Trading LLC,RU\nKorea Ryonbong,KP\n"
        answers = [
            tenant,
            created,
            client.get("/v1/lists", headers=bearer),
            client.get("/v1/lists", headers={"X-API-Key": wrong_key}),
            client.get("/v1/lists", headers={"Authorization": f"Bearer {wrong_key}"}),
            client.post("/v1/screen", headers=bearer, json={"suppliers": [{"name": canary}]}),
            client.post(
                "/v1/webhooks",
                headers={"X-API-Key": admin_key},
                json={"url": "https://erp.example.com/hooks", "secret": webhook_secret},
            ),
            client.post(  # a binary that only says it is a workbook
                "/v1/uploads",
                headers=bearer,
                files={"file": ("suppliers.xlsx", canary.encode() * 50)},
            ),
            client.get("/v1/decisions", headers=bearer, params={"list": f"\x00{canary}"}),
        ]
        upload = client.post(
            "/v1/uploads", headers=bearer, files={"file": ("suppliers.csv", sheet.encode())}
        )
        job = wait_for_job(client, analyst_key, upload.json()["job_id"])
        unreadable = client.post(  # a CSV with no column of names: its job fails, naming them
            "/v1/uploads",
            headers=bearer,
            files={"file": ("suppliers.csv", f"{canary},{canary}x\n1,2\n".encode())},
        )
        report = client.get(
            f"/v1/jobs/{job['job_id']}/report", headers=bearer, params={"format": "csv"}
        )
    statuses = [answer.status_code for answer in answers]
    assert statuses[:7] == [201, 201, 200, 401, 401, 200, 201]
    assert statuses[7] == 422
    # PostgreSQL refuses a NUL in text: 422, and its error is logged without the values.
    assert statuses[8] == (422 if api_database.startswith("postgresql") else 200)
    assert job["status"] == "done" and report.status_code == 200
    assert canary in report.text and unreadable.status_code in (202, 422)
    logged = log_text(every_log_record)
    assert any(r.name == "uvicorn.access" for r in every_log_record.records)  # captured at all
    for secret in (OPERATOR_KEY, admin_key, analyst_key, wrong_key, webhook_secret, canary):
        assert secret not in logged
    for key in (admin_key, analyst_key, wrong_key):
        assert key.removeprefix("scr_")[:16] not in logged


def test_database_errors_never_carry_the_values_of_a_statement(api_database: str) -> None:
    canary = f"Canary{secrets.token_hex(6)}"
    engine = make_engine(api_database)
    insert = text("INSERT INTO tenants (id, name, created) VALUES (:id, :name, :created)")
    values = {"id": f"ten_{secrets.token_hex(8)}", "name": canary, "created": datetime.now(UTC)}
    with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
        connection.execute(insert, values)
        connection.execute(insert, values)  # the same id again
    engine.dispose()
    assert canary not in str(raised.value)
