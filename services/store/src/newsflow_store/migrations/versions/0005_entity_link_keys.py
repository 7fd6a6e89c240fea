"""Entities keep the key that links a surname or an acronym to a full name across articles (same_actor.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_BATCH = 1000


def upgrade() -> None:
    # The key is computed in Python (name folding, initials), so existing rows are filled here, once;
    # new rows get theirs when the store first inserts them.
    from newsflow_store.same_actor import link_columns

    op.add_column("entities", sa.Column("link_key", AutoString(), nullable=True))
    op.add_column("entities", sa.Column("short_name", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_entities_link_key", "entities", ["link_key"])
    connection = op.get_bind()
    entities = sa.table("entities", sa.column("id"), sa.column("name"), sa.column("type"),
                        sa.column("link_key"), sa.column("short_name"))
    rows = connection.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)).all()
    update = (entities.update().where(entities.c.id == sa.bindparam("e_id"))
              .values(link_key=sa.bindparam("e_link_key"), short_name=sa.bindparam("e_short_name")))
    changes = [{"e_id": id_, **{f"e_{k}": v for k, v in link_columns(name, type_).items()}}
               for id_, name, type_ in rows]
    for start in range(0, len(changes), _BATCH):
        connection.execute(update, changes[start:start + _BATCH])


def downgrade() -> None:
    op.drop_index("ix_entities_link_key", table_name="entities")
    # Plain ALTER TABLE (SQLite 3.35+ has it): copying the table as a batch would drop `entities`,
    # which every stored article's rows reference.
    for column in ("short_name", "link_key"):
        op.execute(f"ALTER TABLE entities DROP COLUMN {column}")
