"""The read generation: a one-row counter that triggers move in the same transaction as any
change to API keys, case decisions or tenant lists, so that serving processes may keep what they
read of those and still see a change at once (store/generations.py).

Revision ID: 0009_read_generation
Revises: 0008_tenant_lists
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_read_generation"
down_revision: str | None = "0008_tenant_lists"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As store/generations.py's WATCHED_TABLES, written out: a migration stays as it was written.
_WATCHED = ("api_keys", "case_decisions", "tenant_list_versions", "tenant_lists")
_MOVE = "UPDATE read_generation SET generation = generation + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table(
        "read_generation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("generation", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO read_generation (id, generation) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION move_read_generation() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {_MOVE}; RETURN NULL; END $$"
        )
        for table in _WATCHED:
            # Once per statement, not per row: an import of many rows moves it once.
            op.execute(
                f"CREATE TRIGGER {table}_moves_read_generation "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION move_read_generation()"
            )
        return
    for table in _WATCHED:  # SQLite: row triggers only, one per kind of change
        for change in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_{change.lower()}_moves_read_generation "
                f"AFTER {change} ON {table} BEGIN {_MOVE}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _WATCHED:
            op.execute(f"DROP TRIGGER {table}_moves_read_generation ON {table}")
        op.execute("DROP FUNCTION move_read_generation()")
    else:
        for table in _WATCHED:
            for change in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{change}_moves_read_generation")
    op.drop_table("read_generation")
