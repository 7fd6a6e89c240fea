"""Alembic's entry point for the store's migrations.

The store runs them itself at startup (db.migrate passes its connection in
config.attributes). Run by hand, `alembic -c <any ini with script_location =
newsflow_store:migrations>` migrates the database named by DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from newsflow_store import models  # noqa: F401 - registers the tables on SQLModel.metadata
from newsflow_store.schema_check import include_name

config = context.config


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        include_name=include_name,
        # SQLite alters a table by copying it; later migrations need batch mode there.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    from newsflow_shared.settings import Settings
    from newsflow_store.db import make_engine

    engine = make_engine(Settings().database_url)
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the store's migrations run against a database (no offline SQL generation)")
run_online()
