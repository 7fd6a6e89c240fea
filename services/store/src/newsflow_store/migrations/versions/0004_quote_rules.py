"""Quotes keep the ids of the parse rules that found them and chose their speakers (schema 1.2.0).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = ("found_by", "speaker_by")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("quotes", sa.Column(name, AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:  # SQLite drops a column by copying the table
        for name in COLUMNS:
            batch.drop_column(name)
