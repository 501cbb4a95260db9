"""The audit log in real databases: appends chain up, raw-SQL tampering is detected."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from screening.audit.chain import GENESIS_HASH, SYSTEM_CHAIN, Problem
from screening.audit.log import (
    CLI_ACTOR,
    SystemActor,
    append_audit,
    list_records,
    verify_chains,
)
from screening.store.db import make_engine, migrate

ANALYST = SystemActor(tenant_id="acme", key_id="key-analyst", role="analyst")
OTHER_TENANT = SystemActor(tenant_id="globex", key_id="key-globex", role="analyst")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


def tamper(engine: Engine, statement: str) -> None:
    """Raw SQL as someone with database access would run it; on PostgreSQL that someone must
    first switch off the append-only trigger (a superuser can)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER USER"))
        connection.execute(text(statement))
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_records ENABLE TRIGGER USER"))


def write_records(engine: Engine, count: int, actor: SystemActor = ANALYST) -> None:
    for number in range(1, count + 1):
        with Session(engine) as session:
            append_audit(session, actor, "screening", f"scr-{number}", {"suppliers": number})
            session.commit()


def test_appends_form_one_chain_per_tenant(engine: Engine) -> None:
    write_records(engine, 3)
    write_records(engine, 2, OTHER_TENANT)
    with Session(engine) as session:
        acme = list_records(session, ["acme"])
        assert [record.seq for _, record in acme] == [1, 2, 3]
        assert acme[0][1].prev_hash == GENESIS_HASH
        assert acme[1][1].prev_hash == acme[0][1].hash
        verification = verify_chains(session)
    assert verification.valid
    assert [v.chain for v in verification.chains] == ["acme", "globex"]
    assert verification.records == 5


def test_system_events_go_to_the_system_chain(engine: Engine) -> None:
    with Session(engine) as session:
        record = append_audit(session, CLI_ACTOR, "list.import", "un-sc@2026-02-27-1a2b3c4d")
        session.commit()
    assert record.chain == SYSTEM_CHAIN
    with Session(engine) as session:
        assert verify_chains(session).to_dict()["chains"][0]["chain"] == "system"


def test_a_rolled_back_action_leaves_no_record_and_a_valid_chain(engine: Engine) -> None:
    write_records(engine, 1)
    with Session(engine) as session:
        append_audit(session, ANALYST, "decision", "dec-1")
        session.rollback()
    write_records(engine, 1)
    with Session(engine) as session:
        assert verify_chains(session).valid
        assert [r.seq for _, r in list_records(session, ["acme"])] == [1, 2]


def test_row_edited_with_raw_sql_is_detected(engine: Engine) -> None:
    write_records(engine, 4)
    tamper(engine, "UPDATE audit_records SET subject = 'x' WHERE tenant_id = 'acme' AND seq = 2")
    with Session(engine) as session:
        verification = verify_chains(session)
    broken = verification.first_broken()
    assert not verification.valid
    assert broken is not None
    assert (broken.chain, broken.problem, broken.seq) == ("acme", Problem.EDITED, 2)


def test_row_deleted_with_raw_sql_is_detected(engine: Engine) -> None:
    write_records(engine, 4)
    tamper(engine, "DELETE FROM audit_records WHERE tenant_id = 'acme' AND seq = 3")
    with Session(engine) as session:
        broken = verify_chains(session).first_broken()
    assert broken is not None
    assert (broken.problem, broken.seq) == (Problem.DELETED, 3)


def test_last_row_deleted_with_raw_sql_is_detected(engine: Engine) -> None:
    write_records(engine, 3)
    tamper(engine, "DELETE FROM audit_records WHERE tenant_id = 'acme' AND seq = 3")
    with Session(engine) as session:
        broken = verify_chains(session).first_broken()
    assert broken is not None
    assert (broken.problem, broken.seq) == (Problem.DELETED, 3)


def test_tampering_in_one_tenant_leaves_the_other_chain_valid(engine: Engine) -> None:
    write_records(engine, 2)
    write_records(engine, 2, OTHER_TENANT)
    tamper(engine, "UPDATE audit_records SET actor = 'x' WHERE tenant_id = 'globex'")
    with Session(engine) as session:
        assert verify_chains(session, ["acme"]).valid
        assert not verify_chains(session, ["globex"]).valid


def test_records_are_paged_by_id(engine: Engine) -> None:
    write_records(engine, 5)
    with Session(engine) as session:
        first = list_records(session, ["acme"], limit=2)
        second = list_records(session, ["acme"], after_id=first[-1][0], limit=2)
    assert [r.subject for _, r in first] == ["scr-1", "scr-2"]
    assert [r.subject for _, r in second] == ["scr-3", "scr-4"]


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_of_audit_records(database_factory: Any) -> None:
    engine = make_engine(database_factory.url("postgresql"))
    migrate(engine)
    write_records(engine, 1)
    for statement in ("UPDATE audit_records SET actor = 'x'", "DELETE FROM audit_records"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with Session(engine) as session:
        assert verify_chains(session).valid
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_refuses_moving_a_chain_head_back(database_factory: Any) -> None:
    engine = make_engine(database_factory.url("postgresql"))
    migrate(engine)
    write_records(engine, 2)
    with pytest.raises(DBAPIError, match="only move forward"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_chain_heads SET last_seq = 1"))
    engine.dispose()


def test_concurrent_writers_of_one_tenant_never_fork_the_chain(engine: Engine) -> None:
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for item in range(5):
                with Session(engine) as session:
                    append_audit(session, ANALYST, "screening", f"w{number}-{item}")
                    session.commit()
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as session:
        verification = verify_chains(session, ["acme"])
        assert verification.valid
        assert [r.seq for _, r in list_records(session, ["acme"], limit=100)] == list(range(1, 21))
