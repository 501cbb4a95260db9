"""Alembic environment: migrates the connection that screening.store.db.migrate hands over.

Run from the command line (`alembic -x url=... upgrade head`), it builds its own engine from
`-x url=...` or SCREENING_DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from screening.store.metadata import all_tables_metadata

target_metadata = all_tables_metadata()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_from_command_line() -> None:
    from screening.config import load_settings
    from screening.store.db import make_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or load_settings().database_url
    engine = make_engine(url)
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()


_connection = context.config.attributes.get("connection")
if isinstance(_connection, Connection):
    _run(_connection)
else:
    _run_from_command_line()
