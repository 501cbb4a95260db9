"""Each chunk's results also as report parts made while it was screened: its rows of the xlsx
results sheet and its rows with matches, so a large job's workbook is put together, not rebuilt
from every stored row. Empty for chunks written before (their reports are built as before).

Revision ID: 0004_rendered_results
Revises: 0003_decisions_audit
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_rendered_results"
down_revision: str | None = "0003_decisions_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job_chunk_results") as table:
        table.add_column(sa.Column("results_xml_gz", sa.LargeBinary(), nullable=True))
        table.add_column(sa.Column("matched_gz", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_chunk_results") as table:
        table.drop_column("matched_gz")
        table.drop_column("results_xml_gz")
