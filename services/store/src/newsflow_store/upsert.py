"""INSERT … ON CONFLICT, written once for both databases (their dialects spell it alike)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def insert_for(session: Session, model):
    """An INSERT on `model` that supports on_conflict_do_update / do_nothing on this session's database.

    Run it on session.connection(): with a list of rows that is a plain executemany.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for {dialect}")


def insert_ignoring_duplicates(session: Session, model, rows: list[dict], keys: list[str]) -> None:
    if rows:
        statement = insert_for(session, model)
        session.connection().execute(statement.on_conflict_do_nothing(index_elements=keys), rows)
