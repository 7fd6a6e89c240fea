"""Articles keep the attributions of their headline (schema 1.3.0's title_quotes).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("title_quotes", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+): copying `articles` as a batch would drop a table others reference.
    op.execute("ALTER TABLE articles DROP COLUMN title_quotes")
