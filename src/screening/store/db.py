"""The database engine (SQLite or PostgreSQL), schema migrations and sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any 64-bit number shared by every process that migrates this database.
_MIGRATION_LOCK_ID = 0x5C12EE11


def database_url(url: str) -> URL:
    """Parse `url`, sending plain `postgresql://` URLs to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


# Connections kept open between uses. A request may hold two at once (its session's, and the
# tenant's list versions read beside it) and the group commit one more: with the default five,
# 8 concurrent requests opened and closed a connection (and SQLite's pragmas) nearly each time.
POOL_SIZE = 20


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite gets its directory created, WAL and foreign keys."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite":
        # hide_parameters: a database error's message then never carries the values of a
        # statement (supplier data, key hashes) into the logs.
        # pool_pre_ping: a connection the server has ended (a restart, a terminated backend)
        # is replaced before a request gets it. A socket poll instead of the ping's round trip
        # was tried (branch persist) and lost the race with a termination still in flight:
        # a request just after it got a 503 (tests/security/test_faults.py).
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True, pool_size=POOL_SIZE)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        connect_args={"check_same_thread": False, "timeout": 30},
        hide_parameters=True,
        pool_size=POOL_SIZE,
    )
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def writers_lock_path(engine: Engine) -> Path | None:
    """SQLite: the file that writers of several processes lock (fcntl) before they write, so
    they queue in the kernel and the next one starts the moment the last one commits. SQLite's
    own lock has no queue: a writer finding it held sleeps in its busy handler (1, 2, 5, 10 ...
    up to 100 ms a try) however soon the lock is free; two serving processes' group commits met
    that way a third of the time (bench.tail_trace). None on PostgreSQL (its row locks queue)
    and for a database in memory (one process)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    path = Path(database)
    return path.with_name(f"{path.name}.writers.lock")


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (API requests) go on while a writer (an import) holds the lock.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit is on disk (the WAL fsynced) before it returns, so an answer saying
    # "stored" survives a power cut too; NORMAL would survive only a crash of the process.
    # Group commits (store/group_commit.py) pay the fsync once for many requests.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic `upgrade head`)."""
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Several processes may start at once (API, workers): one migrates, the others wait.
            lock = text("SELECT pg_advisory_xact_lock(:id)")
            connection.execute(lock, {"id": _MIGRATION_LOCK_ID})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def ping_database(engine: Engine) -> None:
    """One round trip to the database; raises (sqlalchemy's OperationalError) if it fails."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reads of one statement each, outside any transaction (a request's key,
    its tenant's list versions, its decisions). On PostgreSQL in autocommit: a lone SELECT
    sees what a transaction's would (READ COMMITTED takes a snapshot per statement), without
    the BEGIN and ROLLBACK round trips around it. SQLite's driver begins no transaction for a
    SELECT anyway."""
    with engine.connect() as connection:
        if engine.dialect.name != "postgresql":
            yield connection
            return
        # Set on psycopg's connection itself and set back before the pool takes it again: the
        # engine's isolation_level option does the same through a path costing ~0.1 ms a use.
        driver = connection.connection.driver_connection
        driver.autocommit = True  # type: ignore[union-attr]
        try:
            yield connection
        finally:
            if not driver.closed:  # type: ignore[union-attr]  # a broken one is discarded
                driver.autocommit = False  # type: ignore[union-attr]


@contextmanager
def session_reads(session: Session) -> Iterator[Connection]:
    """Where a session's reads go. On PostgreSQL, when the session holds no transaction and no
    change, a `read_connection` of its engine: a request that only reads never opens a
    transaction (two round trips). Else the session's own connection, its changes flushed
    first (the read must see them); on SQLite a SELECT opens no transaction anyway, and one
    connection for all of a request's reads costs less than a checkout each."""
    bind = session.get_bind()
    if (
        isinstance(bind, Engine)
        and bind.dialect.name == "postgresql"
        and not (session.in_transaction() or session.new or session.dirty or session.deleted)
    ):
        with read_connection(bind) as connection:
            yield connection
        return
    session.flush()
    yield session.connection()


@contextmanager
def open_session(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on an exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
