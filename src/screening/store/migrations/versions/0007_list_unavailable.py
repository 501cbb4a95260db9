"""A list its source does not hold (no format of it at the mirror or publisher) is marked
unavailable, apart from a failure that may pass (unreachable, cut short, refused).

Revision ID: 0007_list_unavailable
Revises: 0006_chosen_lists
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_list_unavailable"
down_revision: str | None = "0006_chosen_lists"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("list_status") as table:
        table.add_column(
            sa.Column("unavailable", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("list_status") as table:
        table.drop_column("unavailable")
