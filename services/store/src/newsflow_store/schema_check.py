"""Does a database's schema match the models? What Alembic's autogenerate would change.

An empty diff means the migrations made exactly the tables, columns, types,
indexes and foreign keys the models declare. The search objects (search.py)
exist on one database each and outside the models, so they are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from newsflow_store import models  # noqa: F401 - registers the tables
from newsflow_store.search import SEARCH_OBJECTS

if TYPE_CHECKING:
    from alembic.runtime.environment import NameFilterParentNames, NameFilterType


def include_name(name: str | None, type_: NameFilterType, parent_names: NameFilterParentNames) -> bool:
    # FTS5 shadow tables are named after their table: articles_fts_data, articles_fts_idx…
    return not (name and (name in SEARCH_OBJECTS or name.startswith("articles_fts_")))


def schema_differences(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        return compare_metadata(context, SQLModel.metadata)
