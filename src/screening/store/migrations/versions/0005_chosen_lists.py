"""The lists an upload chose to be screened against (`lists` on POST /v1/uploads), kept with its
job and with the monitored list made from it; NULL: every list the deployment screens.

Revision ID: 0005_chosen_lists
Revises: 0004_rendered_results
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_chosen_lists"
down_revision: str | None = "0004_rendered_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as table:
        table.add_column(sa.Column("lists", sa.JSON(), nullable=True))
    with op.batch_alter_table("monitored_lists") as table:
        table.add_column(sa.Column("lists", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("monitored_lists") as table:
        table.drop_column("lists")
    with op.batch_alter_table("jobs") as table:
        table.drop_column("lists")
