"""Quotes keep their parts: the spans of body a quote interrupted by narration is made of.

Quotes stored before have none ([]): each is the one span start..end, as the
API says (api/views.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("parts", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("parts")
