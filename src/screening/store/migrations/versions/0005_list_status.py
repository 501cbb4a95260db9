"""Each list's update status: where its serving version came from, when it was fetched and last
checked against its source, the last failure, and when it is next due (issue 14).

Revision ID: 0005_list_status
Revises: 0004_rendered_results
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_list_status"
down_revision: str | None = "0004_rendered_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "list_status",
        sa.Column("list_id", sa.String(length=64), primary_key=True),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("format_id", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=4000), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("validators", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
    )
    op.create_index("ix_list_status_next_check_at", "list_status", ["next_check_at"])


def downgrade() -> None:
    op.drop_index("ix_list_status_next_check_at", table_name="list_status")
    op.drop_table("list_status")
