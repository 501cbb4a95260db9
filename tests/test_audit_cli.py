"""`screening audit verify`: exit 0 on an intact log, 1 once a record is edited or deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from screening.audit.log import SystemActor, append_audit
from screening.cli import main
from screening.store.db import make_engine, migrate

ANALYST = SystemActor(tenant_id="acme", key_id="key-analyst", role="analyst")


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    monkeypatch.setenv("SCREENING_DATABASE_URL", url)
    monkeypatch.setenv("SCREENING_DATA_DIR", str(tmp_path))
    engine = make_engine(url)
    migrate(engine)
    for number in (1, 2, 3):
        with Session(engine) as session:
            append_audit(session, ANALYST, "screening", f"scr-{number}")
            session.commit()
    engine.dispose()
    return url


def run_sql(url: str, statement: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_intact_log_exits_0_and_prints_each_chain(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify"]) == 0
    assert "acme: valid, 3 records" in capsys.readouterr().out


def test_edited_record_exits_1_and_names_it(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_sql(database, "UPDATE audit_records SET subject = 'scr-x' WHERE seq = 2")
    assert main(["audit", "verify"]) == 1
    assert "acme: INVALID (edited) at record 2" in capsys.readouterr().out


def test_deleted_record_exits_1(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_sql(database, "DELETE FROM audit_records WHERE seq = 1")
    assert main(["audit", "verify", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["first_broken"]["problem"] == "deleted"
    assert report["first_broken"]["seq"] == 1
