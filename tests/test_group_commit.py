"""Group commits of screenings in real databases: every caller's screening and audit record are
committed when `commit` returns, the audit chains stay linked under many concurrent writers (two
committers standing for two server processes, plus plain single-record appends), and one bad
screening fails only its own caller."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from databases import DatabaseFactory
from screening.api.deps import Principal
from screening.api.routes.screen import (
    ScreeningToStore,
    ScreeningValues,
    screening_committer,
    screening_event,
)
from screening.audit.log import append_audit, list_records, verify_chains
from screening.process_locks import ProcessLock
from screening.store.db import make_engine, migrate, writers_lock_path
from screening.store.group_commit import CHECKPOINT_EVERY_GROUPS
from screening.store.tables import ScreeningRow
from screening.store.tenants import create_tenant

WRITERS = 12
SCREENINGS_PER_WRITER = 8


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


def make_principals(engine: Engine, names: list[str]) -> list[Principal]:
    with Session(engine) as session:
        issued = [create_tenant(session, name)[1] for name in names]
        session.commit()
    return [Principal(key.tenant_id, key.key_id, key.role) for key in issued]


def screening(principal: Principal, screening_id: str) -> ScreeningToStore:
    row = ScreeningValues(
        id=screening_id,
        tenant_id=principal.tenant_id,
        key_id=principal.key_id,
        created=datetime.now(UTC),
        supplier_count=1,
        input_json=json.dumps({"suppliers": [{"name": screening_id}]}),
        results_json="[]",
        list_versions_json="[]",
        threshold=80.0,
        engine_version="test",
    )
    return ScreeningToStore(row, screening_event(principal, screening_id, {"suppliers": 1}))


def run_concurrently(work: Callable[[int], None], count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(number: int) -> None:
        start.wait()
        try:
            work(number)
        except BaseException as error:  # surfaced by the caller's assertion
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_group_commits_keep_every_chain_linked(database_url: str) -> None:
    # Two engines and two committers: two server processes writing one database.
    engines = [make_engine(database_url), make_engine(database_url)]
    migrate(engines[0])
    committers = [screening_committer(engine) for engine in engines]
    acme, globex = make_principals(engines[0], ["acme", "globex"])
    committed: list[str] = []

    def writer(number: int) -> None:
        committer = committers[number % 2]
        principal = acme if number % 3 else globex
        for item in range(SCREENINGS_PER_WRITER):
            screening_id = f"scr-{number}-{item}"
            if number == 0:  # a writer outside any group: a decision, an upload
                with Session(engines[1]) as session:
                    append_audit(session, principal, "decision", screening_id)
                    session.commit()
                continue
            committer.commit(screening(principal, screening_id))
            committed.append(screening_id)  # only once durable

    try:
        assert run_concurrently(writer, WRITERS) == []
        with Session(engines[0]) as session:
            stored = set(session.exec(select(ScreeningRow.id)).all())
            assert stored == set(committed)
            assert len(committed) == (WRITERS - 1) * SCREENINGS_PER_WRITER
            chains = [acme.tenant_id, globex.tenant_id]
            assert verify_chains(session, chains).valid
            for chain in chains:
                seqs = [record.seq for _, record in list_records(session, [chain], limit=1000)]
                assert seqs == list(range(1, len(seqs) + 1))
            total_records = sum(len(list_records(session, [chain], limit=1000)) for chain in chains)
            # the decisions of writer 0, and one record per screening of the others
            assert total_records == WRITERS * SCREENINGS_PER_WRITER
    finally:
        for committer in committers:
            committer.stop()
        for engine in engines:
            engine.dispose()


def test_a_failing_screening_fails_only_its_own_caller(engine: Engine) -> None:
    (acme,) = make_principals(engine, ["acme"])
    committer = screening_committer(engine)
    committer.commit(screening(acme, "taken"))
    outcomes: dict[int, str] = {}

    def writer(number: int) -> None:
        screening_id = "taken" if number == 0 else f"scr-{number}"
        try:
            committer.commit(screening(acme, screening_id))
            outcomes[number] = "committed"
        except IntegrityError:
            outcomes[number] = "refused"

    try:
        assert run_concurrently(writer, 8) == []
        assert outcomes == {0: "refused"} | {n: "committed" for n in range(1, 8)}
        with Session(engine) as session:
            count = session.exec(select(func.count()).select_from(ScreeningRow)).one()
            assert count == 8  # "taken" once, and the seven others
            assert verify_chains(session, [acme.tenant_id]).valid
    finally:
        committer.stop()


def test_a_lone_screening_is_committed_when_commit_returns(engine: Engine) -> None:
    (acme,) = make_principals(engine, ["acme"])
    committer = screening_committer(engine)
    try:
        committer.commit(screening(acme, "scr-1"))
        with Session(engine) as session:
            assert session.get(ScreeningRow, "scr-1") is not None
    finally:
        committer.stop()


def test_sqlite_committers_of_several_processes_take_turns_on_the_writers_lock(
    database_factory: DatabaseFactory,
) -> None:
    # Another process's committer holding the lock (a lock on its own open file, as flock
    # sees one from another process): this one's group waits for it, then commits.
    engine = make_engine(database_factory.url("sqlite"))
    migrate(engine)
    (acme,) = make_principals(engine, ["acme"])
    lock_path = writers_lock_path(engine)
    assert lock_path is not None
    other_process = ProcessLock(lock_path)
    other_process.acquire()
    committer = screening_committer(engine)
    writer = threading.Thread(target=committer.commit, args=(screening(acme, "scr-1"),))
    try:
        writer.start()
        writer.join(timeout=1.0)
        assert writer.is_alive()  # waiting for the lock, nothing written
        with Session(engine) as session:
            assert session.get(ScreeningRow, "scr-1") is None
        other_process.release()
        writer.join()
        with Session(engine) as session:
            assert session.get(ScreeningRow, "scr-1") is not None
    finally:
        other_process.release()
        committer.stop()
        engine.dispose()


def test_postgresql_writers_queue_on_the_chain_head_without_a_file_lock(
    database_factory: DatabaseFactory,
) -> None:
    engine = make_engine(database_factory.url("postgresql"))
    try:
        assert writers_lock_path(engine) is None
    finally:
        engine.dispose()


def test_sqlite_screenings_reach_the_database_file_through_the_committers_checkpoints(
    database_factory: DatabaseFactory, tmp_path: Path
) -> None:
    # The writer's commits never checkpoint; its checkpoint thread copies the WAL into the
    # database file (every so many groups, and once more when it stops).
    url = database_factory.url("sqlite")
    engine = make_engine(url)
    migrate(engine)
    (acme,) = make_principals(engine, ["acme"])
    committer = screening_committer(engine)
    count = CHECKPOINT_EVERY_GROUPS + 3
    try:
        for number in range(count):
            committer.commit(screening(acme, f"scr-{number}"))
    finally:
        committer.stop()
    # the database file alone, without its WAL
    alone = tmp_path / "alone.db"
    shutil.copyfile(url.removeprefix("sqlite:///"), alone)
    with closing(sqlite3.connect(alone)) as database:
        (stored,) = database.execute("SELECT count(*) FROM screenings").fetchone()
    engine.dispose()
    assert stored == count
