"""Pending count changes: store replicas add to the entity counts after their batch commits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _id(name: str) -> sa.Column:
    return sa.Column(name, AutoString(), nullable=False)


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "pending_entity_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        _id("entity_id"),
        _count("d_articles"),
        _count("d_quotes"),
        _count("d_mentions"),
        sa.Column("name", AutoString(), nullable=True),
        sa.Column("type", AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "pending_entity_names",
        sa.Column("id", sa.Integer(), nullable=False),
        _id("entity_id"),
        _id("kind"),
        _id("value"),
        _count("delta"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "pending_entity_links",
        sa.Column("id", sa.Integer(), nullable=False),
        _id("person_id"),
        _id("organization_id"),
        _count("delta"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    for table in ("pending_entity_links", "pending_entity_names", "pending_entity_counts"):
        op.drop_table(table)
