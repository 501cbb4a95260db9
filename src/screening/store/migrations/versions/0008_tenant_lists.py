"""Tenant lists: a tenant's own blocklists (POST /v1/tenant-lists) and every version imported of
them, with their parsed entries (issue 19).

Revision ID: 0008_tenant_lists
Revises: 0007_list_unavailable
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_tenant_lists"
down_revision: str | None = "0007_list_unavailable"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tenant_lists",
        sa.Column("tenant_id", sa.String(length=64), sa.ForeignKey("tenants.id"), nullable=False),
        sa.Column("list_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "list_id"),
    )
    op.create_table(
        "tenant_list_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.String(length=64), sa.ForeignKey("tenants.id"), nullable=False),
        sa.Column("list_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("entries_gz", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint(
            "tenant_id", "list_id", "sha256", name="uq_tenant_list_versions_list_sha256"
        ),
    )
    op.create_index("ix_tenant_list_versions_tenant_id", "tenant_list_versions", ["tenant_id"])
    op.create_index(
        "uq_tenant_list_versions_active",
        "tenant_list_versions",
        ["tenant_id", "list_id"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )


def downgrade() -> None:
    op.drop_index("uq_tenant_list_versions_active", table_name="tenant_list_versions")
    op.drop_index("ix_tenant_list_versions_tenant_id", table_name="tenant_list_versions")
    op.drop_table("tenant_list_versions")
    op.drop_table("tenant_lists")
