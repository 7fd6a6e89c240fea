"""The database engine (SQLite for the embedded mode, PostgreSQL in deployment) and its schema."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel, create_engine

from newsflow_store.models import STORE_TABLES


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(database_url, in_memory=url.database in (None, "", ":memory:"))
    if url.get_backend_name() == "postgresql":
        # Operators write postgresql://...; SQLAlchemy would pick psycopg2 for it, we ship psycopg 3.
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return create_engine(url, pool_pre_ping=True)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(database_url: str, *, in_memory: bool) -> Engine:
    # The stage worker writes from its own thread while the API reads from others.
    engine = create_engine(
        database_url,
        connect_args={"check_same_thread": False},
        # An in-memory database lives in one connection: share it, or every session sees an empty one.
        poolclass=StaticPool if in_memory else None,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        # WAL: readers (the API) never block the writer (the worker) and vice versa.
        cursor.execute("PRAGMA journal_mode=WAL")
        # Writers still take turns; wait for the other instead of failing at once.
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def create_schema(engine: Engine) -> None:
    """Create the store's tables if missing (Alembic migrations replace this later)."""
    SQLModel.metadata.create_all(engine, tables=STORE_TABLES)
